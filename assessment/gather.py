"""The inputs of one assessment year for the seven counties (docs/rules.md#assessment), ready for
the engine.

Figures of the other apps come through their read services, never their tables (house rule):
`teachers.selectors` for items 2.1, 2.2 (the suggestion), 2.3b and 2.3c, and
`seats.selectors.indicator_inputs` for 3.1, 3.2a, 3.2bc and 3.3. The rest is owned here: the
development centre (2.4), school resources (3.4a), preschool status (3.4b), surveys (4), and
the assessors' scores (1, 2.2, 2.3a, 3.4b when not applied).

Only approved data feeds a score: while a county's return of a section for the year is not
approved, the items of that section get `Missing(reason)`, a null score that says why; item
2.3c's last-year count comes from the year before only when that year's teachers return is
approved (docs/rules.md#i-11).

`gather_year` runs a fixed number of queries, whatever the amount of data: every read is
grouped over the counties, except the researcher roster, read once per approved county.
"""

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation

from assessment.models import (
    AssessmentYear,
    DevelopmentCentre,
    IndicatorRule,
    PreschoolStatus,
    QualitativeScore,
    SatisfactionSurvey,
    SchoolResources,
)
from assessment.scoring import DEFAULTS, ItemConfig
from assessment.scoring.balance import SchoolKind, SchoolRecord, StageFigures
from assessment.scoring.config import configs_from_rules
from assessment.scoring.inputs import (
    AssessorScore,
    BalanceInputs,
    BoardingInputs,
    CentreInputs,
    DegreeInputs,
    EnrolmentInputs,
    GroupResponses,
    Missing,
    NewSeatsInputs,
    PreschoolInputs,
    ResearcherCoverage,
    ResearcherInputs,
    ResponsibilityInputs,
    RestructuringInputs,
    SatisfactionInputs,
    SeatDelivery,
    StageCount,
    TempPayInputs,
    TempRatioInputs,
)
from assessment.scoring.inputs import PreschoolStatus as ScoringPreschoolStatus
from assessment.scoring.other_items import RESPONSIBILITY_PARTS
from assessment.scoring.result import join_sentences
from assessment.scoring.seats_items import SEAT_STAGES
from jiangmen_edu.models import School, Section, Stage, Unit, YearlyReturn

TEACHER_ITEMS = ("2.1", "2.3b", "2.3c")
SEAT_ITEMS = ("3.1", "3.2a", "3.2bc", "3.3")
OWN_ITEMS = ("2.4", "3.4a", "3.4b", "4")
SECTION_OF_ITEMS = {
    Section.TEACHERS: TEACHER_ITEMS,
    Section.SEATS: SEAT_ITEMS,
    Section.ASSESSMENT: OWN_ITEMS,
}
NOT_APPROVED = {
    Section.TEACHERS: "教师队伍数据尚未审核通过",
    Section.SEATS: "学位建设数据尚未审核通过",
    Section.ASSESSMENT: "考核材料尚未审核通过",
}
BALANCE_FIELDS = (
    "qualified_teachers_per_100",
    "backbone_teachers_per_100",
    "pe_arts_teachers_per_100",
    "floor_area_per_student",
    "ground_area_per_student",
    "equipment_value_per_student",
    "multimedia_rooms_per_100",
)
# Item 3.1's stages as its explanation names them.
SEAT_STAGE_LABELS = dict(SEAT_STAGES)
# The degree each item 2.1 target counts, as the teachers ledger's rule counts it.
DEGREE_LEVELS = {"associate": 2, "bachelor": 3, "master": 4}


@dataclass(frozen=True)
class CountyInputs:
    """One county's inputs by item code (an input object, `Missing`, or None) and configs."""

    unit: Unit
    inputs: dict[str, object]
    configs: Mapping[str, ItemConfig]


def counties() -> list[Unit]:
    """The seven assessed counties, in display order (市直 is not assessed, docs/rules.md#units)."""
    return list(Unit.objects.filter(kind=Unit.Kind.COUNTY).order_by("order", "code"))


def year_configs(year: int) -> dict[str, dict[str, ItemConfig]]:
    """Each region's item configs for the year (差别化原则); defaults for any item without a
    rule. One query."""
    by_region: dict[str, list[IndicatorRule]] = defaultdict(list)
    for rule in IndicatorRule.objects.filter(year=year).select_related("indicator"):
        by_region[rule.region].append(rule)
    return {
        region: {**DEFAULTS, **configs_from_rules(by_region.get(region, []))}
        for region in ("east", "west")
    }


def approved_returns(unit_ids: list[int], years: list[int]) -> dict[int, dict[int, set[str]]]:
    """The sections whose return is approved, per year and unit. One query."""
    approved: dict[int, dict[int, set[str]]] = {year: defaultdict(set) for year in years}
    rows = YearlyReturn.objects.filter(
        unit_id__in=unit_ids, reporting_year__year__in=years, status=YearlyReturn.Status.APPROVED
    ).values_list("reporting_year__year", "unit_id", "section")
    for year, unit_id, section in rows:
        approved[year][unit_id].add(section)
    return approved


def approved_sections(unit_ids: list[int], year: int) -> dict[int, set[str]]:
    """The sections whose return for the year is approved, per unit. One query."""
    return approved_returns(unit_ids, [year])[year]


def last_year_not_approved(year: int) -> str:
    """Why item 2.3c cannot compare with last year's temporary teachers (I-11)."""
    return f"上一年度（{year - 1} 年）教师队伍数据尚未审核通过"


# --- the teachers ledger (items 2.1, 2.2 suggestion, 2.3b, 2.3c) ------------------------------


# Item 2.2 without a suggestion: an empty researcher roster is not entered data (I-11).
NO_RESEARCHERS_UNSTATED = "教研员名册为空，且未声明本年度无教研员"


@dataclass(frozen=True)
class TeacherFigures:
    degree: DegreeInputs | Missing
    temp_ratio: TempRatioInputs | Missing
    temp_pay: TempPayInputs | Missing
    coverage: ResearcherCoverage | None  # None: no suggestion, `why_no_coverage` says why
    uncovered: tuple[str, ...]
    stated_none: bool = False  # the county states it has no teaching researchers
    why_no_coverage: str = ""


def teacher_figures(
    unit_ids: list[int], year: int, *, last_year_approved: Collection[int]
) -> dict[int, TeacherFigures]:
    """Adapter over `teachers.selectors`: the item 2.x figures of each unit. 3 + len(unit_ids)
    queries (the researcher roster is read per unit).

    Item 2.2's suggestion comes from the researcher roster; an empty one suggests the table's
    value for no researchers only when the county states it has none (docs/rules.md#i-11).

    Item 2.3c compares with last year's roster only for the units of `last_year_approved`,
    those whose teachers return of the year before is approved (docs/rules.md#i-11); the others
    get no last-year count, and the reason.
    """
    from teachers.models import Subject
    from teachers.selectors.degrees import degree_shares_by_unit
    from teachers.selectors.researchers import no_researchers_stated, researcher_coverage
    from teachers.selectors.temporary import temp_teacher_figures_by_unit

    if not unit_ids:
        return {}
    degrees = degree_shares_by_unit(unit_ids, year)
    temps = temp_teacher_figures_by_unit(unit_ids, year)
    stated = no_researchers_stated(unit_ids, year)
    stage_labels, subject_labels = dict(Stage.choices), dict(Subject.choices)
    figures = {}
    for unit_id in unit_ids:
        shares = {str(share.key): share for share in degrees[unit_id]}
        ratio, pay = temps[unit_id].ratio, temps[unit_id].pay
        coverage = researcher_coverage([unit_id], year)
        with translation.override("zh-hans"):
            uncovered = tuple(
                f"{stage_labels[stage]}{subject_labels[subject]}"
                for stage, subject in coverage.missing
            )
        empty = not any(share.total for share in shares.values()) and not ratio.on_staff_staff
        degree: DegreeInputs | Missing = Missing("尚无教师队伍数据")
        if not empty:
            degree = DegreeInputs(
                **{
                    key: StageCount(shares[key].count, shares[key].total)
                    for key in ("kindergarten", "primary", "junior", "senior_stage")
                }
            )
        temp_ratio: TempRatioInputs | Missing = Missing("尚无教师队伍数据")
        temp_pay: TempPayInputs | Missing = Missing("尚无教师队伍数据")
        if not empty:
            last_year, pending = ratio.last_year_temporary_teachers, ""
            if unit_id not in last_year_approved:
                last_year, pending = None, last_year_not_approved(year)
            temp_ratio = TempRatioInputs(
                ratio.temporary_teachers, ratio.on_staff_staff, last_year, pending
            )
            if ratio.temporary_teachers and not pay.temp_paid:
                temp_pay = Missing("临聘教师缺少工资数据")
            else:
                temp_pay = TempPayInputs(
                    pay.temp_pay_total, pay.temp_paid, pay.on_staff_pay_total, pay.on_staff_paid
                )
        suggestion: ResearcherCoverage | None = ResearcherCoverage(str(coverage.category))
        stated_none = not coverage.any_researcher and unit_id in stated
        why_no_coverage = ""
        if not coverage.any_researcher and not stated_none:
            suggestion, why_no_coverage = None, NO_RESEARCHERS_UNSTATED
        figures[unit_id] = TeacherFigures(
            degree, temp_ratio, temp_pay, suggestion, uncovered, stated_none, why_no_coverage
        )
    return figures


def _degree_levels_match(degree_config: ItemConfig) -> bool:
    """The ledger counts holders at the default degree of each stage; a year configured with
    another degree level cannot be scored from it."""
    from teachers.rules.degrees import DEGREE_TARGETS

    return all(
        DEGREE_LEVELS.get(degree_config.value("targets", key, "degree")) == int(target.min_degree)
        for key, target in DEGREE_TARGETS.items()
    )


# --- the seat tracker (items 3.1, 3.2a, 3.2bc, 3.3) -----------------------------------------


def seat_figures(unit_ids: list[int], year: int) -> dict[int, dict[str, object]]:
    """Adapter over `seats.selectors.indicator_inputs`: items 3.x inputs (or `Missing`) of
    each unit. Nine queries."""
    from seats.selectors import indicator_inputs

    if not unit_ids:
        return {}
    with translation.override("zh-hans"):
        figures = indicator_inputs(unit_ids, year)
        return {unit_id: _seat_inputs(figures.get(unit_id)) for unit_id in unit_ids}


def _seat_inputs(figures) -> dict[str, object]:
    if figures is None:
        return {code: Missing("尚无学位建设数据") for code in SEAT_ITEMS}
    why = join_sentences(figures.missing) or "尚无学位建设数据"
    result: dict[str, object] = {code: Missing(why) for code in SEAT_ITEMS}
    new = figures.new_seats
    if new is not None:
        # A stage without a plan row has no task entered, not a task of 0: the item cannot be
        # scored yet (docs/rules.md#i-11); a row of 0 seats is a task of 0, met.
        absent = [SEAT_STAGE_LABELS[stage.stage] for stage in new.stages if stage.task is None]
        if absent:
            result["3.1"] = Missing(no_plan_rows(absent, figures.year))
        else:
            result["3.1"] = NewSeatsInputs(
                *(SeatDelivery(stage.delivered, stage.task) for stage in new.stages)
            )
    share = figures.public_share
    if share is not None:
        result["3.2a"] = EnrolmentInputs(share.public_incl_purchased, share.all_students)
        if figures.restructuring is not None:
            result["3.2bc"] = RestructuringInputs(
                share.public_incl_purchased,
                share.all_students,
                figures.restructuring.converted,
                figures.restructuring.to_convert,
            )
    boarding = figures.boarding
    if boarding is not None:
        # An empty target is not entered yet; only a target entered as 0 is "no task" (I-11).
        result["3.3"] = Missing(no_boarding_target(figures.year))
        if boarding.target is not None:
            result["3.3"] = BoardingInputs(task=boarding.target, completed=boarding.completed)
    return result


def no_plan_rows(stages: list[str], year: int) -> str:
    """Why item 3.1 cannot be scored yet: the stages without a plan row for the year."""
    return f"{'、'.join(stages)}尚无 {year} 年分年度实施计划（无任务的学段须填报 0）"


def no_boarding_target(year: int) -> str:
    """Why item 3.3 cannot be scored yet: the year's boarding-seat target is empty."""
    return f"尚未填报 {year} 年寄宿制学位建设目标（无建设任务的须填报 0）"


# --- inputs owned here --------------------------------------------------------------------


SCHOOL_FIELDS = ("school_id", "school__code", "school__school_type", "school__is_teaching_point")


def _school_records(rows) -> dict[int, list[SchoolRecord]]:
    """Item 3.4a's per-school records by unit, from `values_list` rows of SchoolResources
    (unit id, school fields, stage, students, the 7 values): a 9-year school counts in both
    stages with its own figures."""
    by_school: dict[int, dict[str, StageFigures]] = defaultdict(dict)
    schools: dict[int, tuple] = {}
    for unit_id, school_id, code, school_type, teaching_point, stage, students, *values in rows:
        by_school[school_id][stage] = StageFigures(students, tuple(values))
        schools[school_id] = (unit_id, code, school_type, teaching_point)
    kinds = {School.Type.SPECIAL: SchoolKind.SPECIAL, School.Type.VOCATIONAL: SchoolKind.VOCATIONAL}
    records: dict[int, list[SchoolRecord]] = defaultdict(list)
    for school_id, figures in by_school.items():
        unit_id, code, school_type, teaching_point = schools[school_id]
        records[unit_id].append(
            SchoolRecord(
                code=code,
                figures=figures,
                kind=kinds.get(school_type, SchoolKind.REGULAR),
                is_teaching_point=teaching_point,
            )
        )
    return records


def _assessor(score: QualitativeScore | None) -> AssessorScore | None:
    return None if score is None else AssessorScore(score.score, score.reason)


def _responsibility(score: QualitativeScore | None) -> ResponsibilityInputs | None:
    """Item 1's two parts, each with its own score and reason (`QualitativeScore.parts`)."""
    if score is None:
        return None
    parts = {
        key: AssessorScore(Decimal(str(part["score"])), part.get("reason", ""))
        for key, part in (score.parts or {}).items()
        if key in dict(RESPONSIBILITY_PARTS)
    }
    return ResponsibilityInputs(parts.get("teacher_policy"), parts.get("seat_supply"))


@dataclass(frozen=True)
class OwnInputs:
    centres: dict[int, DevelopmentCentre]
    preschool: dict[int, PreschoolStatus]
    surveys: dict[int, list[SatisfactionSurvey]]
    schools: dict[int, list[SchoolRecord]]
    qualitative: dict[tuple[int, str], QualitativeScore]


def own_inputs(unit_ids: list[int], year: int, assessment: AssessmentYear | None) -> OwnInputs:
    """This app's inputs of the year for the units. Five queries."""
    surveys: dict[int, list[SatisfactionSurvey]] = defaultdict(list)
    for survey in SatisfactionSurvey.objects.filter(unit_id__in=unit_ids, year=year).order_by("pk"):
        surveys[survey.unit_id].append(survey)
    # Plain rows, not model instances: a full-scale year has ~1,500 of them.
    resources = (
        SchoolResources.objects.filter(
            school__unit_id__in=unit_ids, year=year, stage__in=(Stage.PRIMARY, Stage.JUNIOR)
        )
        .order_by("school__code", "stage")
        .values_list("school__unit_id", *SCHOOL_FIELDS, "stage", "students", *BALANCE_FIELDS)
    )
    qualitative = {}
    if assessment is not None:
        qualitative = {
            (score.unit_id, score.code): score
            for score in QualitativeScore.objects.filter(assessment=assessment)
        }
    return OwnInputs(
        centres={
            c.unit_id: c for c in DevelopmentCentre.objects.filter(unit_id__in=unit_ids, year=year)
        },
        preschool={
            p.unit_id: p for p in PreschoolStatus.objects.filter(unit_id__in=unit_ids, year=year)
        },
        surveys=surveys,
        schools=_school_records(resources),
        qualitative=qualitative,
    )


def _own_items(unit_id: int, own: OwnInputs) -> dict[str, object]:
    """Items 2.4, 3.4a, 3.4b and 4 from the county's approved assessment materials."""
    centre = own.centres.get(unit_id)
    status = own.preschool.get(unit_id)
    surveys = own.surveys.get(unit_id, [])
    schools = own.schools.get(unit_id, [])
    items: dict[str, object] = {
        "2.4": Missing("尚未填报教师发展中心建设情况"),
        "3.4a": Missing("尚未导入学校办学资源数据"),
        "3.4b": Missing("尚未填报学前教育普及普惠情况"),
        "4": Missing("尚无满意度调查数据"),
    }
    if centre is not None:
        items["2.4"] = CentreInputs(centre.venue, centre.equipment, centre.training)
    if schools:
        items["3.4a"] = BalanceInputs.from_schools(schools)
    if status is not None:
        preschool = ScoringPreschoolStatus(status.status)
        assessor = None
        if preschool is ScoringPreschoolStatus.NOT_APPLIED:
            assessor = _assessor(own.qualitative.get((unit_id, "3.4b")))
        items["3.4b"] = PreschoolInputs(preschool, assessor)
    if any(survey.respondents for survey in surveys):
        items["4"] = SatisfactionInputs(
            tuple(GroupResponses(s.group, s.satisfied, s.respondents) for s in surveys)
        )
    return items


def researcher_inputs(
    figures: TeacherFigures | None, score: QualitativeScore | None
) -> ResearcherInputs:
    """Item 2.2: the roster's suggestion from approved teachers data (`figures`, None while the
    teachers return is not approved), and the assessor's score."""
    if figures is None:
        return ResearcherInputs(
            None, _assessor(score), why_no_suggestion=NOT_APPROVED[Section.TEACHERS]
        )
    return ResearcherInputs(
        suggestion=figures.coverage,
        assessor=_assessor(score),
        uncovered=figures.uncovered,
        stated_none=figures.stated_none,
        why_no_suggestion=figures.why_no_coverage,
    )


# --- all together ---------------------------------------------------------------------------


def gather_year(year: int, assessment: AssessmentYear | None = None) -> list[CountyInputs]:
    """Every county's inputs for the year, from approved data only, in display order.

    `assessment` supplies the assessors' scores (none without it). About 30 queries,
    whatever the number of staff, projects, schools or surveys.
    """
    units = counties()
    unit_ids = [unit.pk for unit in units]
    configs = year_configs(year)
    returns = approved_returns(unit_ids, [year, year - 1])
    approved = returns[year]
    teacher_ids = [u for u in unit_ids if Section.TEACHERS in approved[u]]
    seat_ids = [u for u in unit_ids if Section.SEATS in approved[u]]
    last_year_approved = {u for u in unit_ids if Section.TEACHERS in returns[year - 1][u]}
    teachers = teacher_figures(teacher_ids, year, last_year_approved=last_year_approved)
    seats = seat_figures(seat_ids, year)
    own = own_inputs(unit_ids, year, assessment)
    result = []
    for unit in units:
        unit_configs = configs[unit.region]
        sections = approved[unit.pk]
        inputs: dict[str, object] = {
            code: Missing(NOT_APPROVED[section])
            for section, codes in SECTION_OF_ITEMS.items()
            for code in codes
            if section not in sections
        }
        figures = teachers.get(unit.pk)
        if figures is not None:
            inputs["2.1"] = figures.degree
            if not _degree_levels_match(unit_configs["2.1"]):
                inputs["2.1"] = Missing("当年配置的学历层次与教师台账的统计口径不一致")
            inputs["2.3b"] = figures.temp_pay
            inputs["2.3c"] = figures.temp_ratio
        if unit.pk in seats:
            inputs.update(seats[unit.pk])
        if Section.ASSESSMENT in sections:
            inputs.update(_own_items(unit.pk, own))
        inputs["1"] = _responsibility(own.qualitative.get((unit.pk, "1")))
        inputs["2.2"] = researcher_inputs(figures, own.qualitative.get((unit.pk, "2.2")))
        inputs["2.3a"] = _assessor(own.qualitative.get((unit.pk, "2.3a")))
        result.append(CountyInputs(unit, inputs, unit_configs))
    return result
