"""Assessment data for tests, written straight to the database (not through services).

`build_county(unit, size=n)`: one county's year of data with known scores. It gives county A
(台山市, West) in 2025 these scores (defaults):

| item | data | score |
| --- | --- | --- |
| 1 | assessor 4 + 5 | 9 |
| 2.1 | kindergarten 100 %, primary exactly 93 %, junior 96 % < 98 %, senior exactly 25 % | 12 |
| 2.2 | no researchers, stated by the county (suggestion 0), assessor 0 | 0 |
| 2.3a | assessor 2 | 2 |
| 2.3b | temp pay exactly 70 % of on-staff pay | 2 |
| 2.3c | 10 % temps; 25n last year (approved) → 20n: a fall of exactly 20 % | 4 |
| 2.4 | venue 1, equipment 0.5, training 1 | 4 |
| 3.1 | preschool 300/300, compulsory 1500/2000, high school task 0 | 8 |
| 3.2a | 9500 public incl. purchased of 10000: exactly 95 % | 4 |
| 3.2bc | nothing to convert (I-4) | 3 |
| 3.3 | 90 of 100 boarding seats: exactly 90 % | 3 |
| 3.4a | one primary coefficient exactly 0.50, the rest 0 | 7 |
| 3.4b | not applied, assessor 3 | 3 |
| 4 | 135 satisfied of 150 | 4.5 |

Total 65.5. `size` multiplies the staff, schools, projects and resource rows, never a score.

`build_results()`: stored results of the 7 counties, built from the scoring engine's own
results. Each county gets full-mark inputs (`full_marks`) with a few changes (`VARIANTS_2025`,
`VARIANTS_2024`), so the totals, ranks and changes are known by hand:

2025  蓬江区 97 · 开平市 96.33 · 江海区 93 = 新会区 93 · 鹤山市 92 · 恩平市 87 (2.2 pending,
      provisional) · 台山市 85.  Ranks 1, 2, 3, 3, 5, 6, 7; East 1, 2, 2, 4; West 1, 2, 3.
2024  every county 97, except 台山市 93 (2.1: kindergarten below 98 %).

The qualitative items are scored by 黄喆 (assessor) and the year is published by 林堃, names with
rare characters that the PDF must render and pypdf must extract.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from assessment.models import (
    AssessmentYear,
    CountyScore,
    DevelopmentCentre,
    Evidence,
    ItemScore,
    PreschoolStatus,
    QualitativeScore,
    SatisfactionSurvey,
    SchoolResources,
    ScoreRun,
)
from assessment.scoring import DEFAULTS, rank, score_county
from assessment.scoring.inputs import (
    AssessorScore,
    BalanceInputs,
    BoardingInputs,
    CentreInputs,
    DegreeInputs,
    EnrolmentInputs,
    GroupResponses,
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
from jiangmen_edu.models import (
    ReportingYear,
    Role,
    School,
    Section,
    Stage,
    Unit,
    User,
    YearlyReturn,
)
from seats.models import EnrolmentYear, PlanPeriod, Project, ProjectYear, YearlyPlan
from teachers.models import (
    Degree,
    Employment,
    NoResearchersStatement,
    Post,
    Staff,
    StaffYear,
    Subject,
    Title,
)

YEAR = 2025
EXPECTED = {
    "1": Decimal("9"),
    "2.1": Decimal("12"),
    "2.2": Decimal("0"),
    "2.3a": Decimal("2"),
    "2.3b": Decimal("2"),
    "2.3c": Decimal("4"),
    "2.4": Decimal("4"),
    "3.1": Decimal("8"),
    "3.2a": Decimal("4"),
    "3.2bc": Decimal("3"),
    "3.3": Decimal("3"),
    "3.4a": Decimal("7"),
    "3.4b": Decimal("3"),
    "4": Decimal("4.5"),
}
EXPECTED_TOTAL = Decimal("65.5")
RESOURCE_FIELDS = (
    "qualified_teachers_per_100",
    "backbone_teachers_per_100",
    "pe_arts_teachers_per_100",
    "floor_area_per_student",
    "ground_area_per_student",
    "equipment_value_per_student",
    "multimedia_rooms_per_100",
)


def approve(unit: Unit, *sections: str, year: int = YEAR) -> None:
    """Mark the unit's returns approved (the workflow itself is tested elsewhere)."""
    YearlyReturn.objects.filter(
        unit=unit, reporting_year__year=year, section__in=sections or list(Section)
    ).update(status=YearlyReturn.Status.APPROVED)


def last_year_teachers_return(unit: Unit, status: str | None) -> None:
    """The unit's teachers return of the year before, in `status`; None: that year not opened
    (no return at all). Item 2.3c reads last year's roster only when it is approved."""
    YearlyReturn.objects.filter(
        unit=unit, reporting_year__year=YEAR - 1, section=Section.TEACHERS
    ).delete()
    if status is None:
        return
    reporting_year, _created = ReportingYear.objects.get_or_create(
        year=YEAR - 1, defaults={"due_date": datetime.date(YEAR, 3, 31)}
    )
    YearlyReturn.objects.create(
        unit=unit, reporting_year=reporting_year, section=Section.TEACHERS, status=status
    )


def _school(unit: Unit, number: int, school_type: str, **fields) -> School:
    return School.objects.create(
        unit=unit,
        code=f"{unit.code}{number:04d}",
        name=f"{unit.name}测试学校{number}",
        school_type=school_type,
        ownership=School.Ownership.PUBLIC,
        **fields,
    )


def _teachers(unit: Unit, size: int, schools: dict[str, School]) -> None:
    """Full-time teachers per stage: (count, holders of the target degree)."""
    plan = {
        Stage.KINDERGARTEN: (50, 50, Degree.ASSOCIATE, Degree.HIGH_SCHOOL),
        Stage.PRIMARY: (100, 93, Degree.BACHELOR, Degree.ASSOCIATE),
        Stage.JUNIOR: (50, 48, Degree.BACHELOR, Degree.ASSOCIATE),
        Stage.SENIOR: (20, 5, Degree.MASTER, Degree.BACHELOR),
    }
    staff, rows, number = [], [], 0
    for stage, (count, holders, high, low) in plan.items():
        for index in range(count * size):
            number += 1
            person = Staff(unit=unit, staff_no=f"T{number:05d}", name=f"教师{number}")
            staff.append(person)
            temp = stage == Stage.PRIMARY and index < 20 * size
            rows.append(
                dict(
                    staff=person,
                    stage=stage,
                    degree=high if index < holders * size else low,
                    employment=Employment.TEMPORARY if temp else Employment.ON_STAFF,
                    annual_pay=Decimal("70000") if temp else Decimal("100000"),
                )
            )
    # Last year's temporary teachers: 25 per size, so this year's 20 are a fall of 20 %.
    last_year = []
    for index in range(25 * size):
        person = Staff(unit=unit, staff_no=f"L{index:05d}", name=f"去年临聘{index}")
        staff.append(person)
        last_year.append(person)
    Staff.objects.bulk_create(staff)
    common = dict(unit=unit, post=Post.TEACHER, title=Title.INTERMEDIATE, teaching_years=8)
    StaffYear.objects.bulk_create(
        [
            StaffYear(
                year=YEAR,
                school=schools[row["stage"]],
                subject=Subject.CHINESE,
                **common,
                **row,
            )
            for row in rows
        ]
        + [
            StaffYear(
                staff=person,
                year=YEAR - 1,
                school=schools[Stage.PRIMARY],
                stage=Stage.PRIMARY,
                degree=Degree.BACHELOR,
                employment=Employment.TEMPORARY,
                subject=Subject.CHINESE,
                annual_pay=Decimal("70000"),
                **common,
            )
            for person in last_year
        ]
    )


def _seats(unit: Unit, size: int) -> None:
    period = PlanPeriod.objects.get(start_year__lte=YEAR, end_year__gte=YEAR)
    for stage, seats in (("preschool", 300), ("compulsory", 2000), ("high_school", 0)):
        YearlyPlan.objects.create(period=period, unit=unit, year=YEAR, stage=stage, seats=seats)
    delivered = {"preschool": 300, "compulsory": 1500}
    for stage, seats in delivered.items():
        # The seats are spread over `size` projects; their sum is what counts.
        shares = [seats // size] * size
        shares[0] += seats - sum(shares)
        for index, share in enumerate(shares):
            project = Project.objects.create(
                unit=unit,
                code=f"{stage}-{index}",
                name=f"{stage} 项目 {index}",
                kind="new_build",
                stage=stage,
                seats_planned=share,
                status="completed",
            )
            ProjectYear.objects.create(
                project=project, year=YEAR, seats_planned=share, seats_delivered=share
            )
    EnrolmentYear.objects.create(
        unit=unit,
        year=YEAR,
        public_students=9000,
        purchased_students=500,
        private_students=500,
        boarding_target=100,
        boarding_completed=90,
    )


def _resources(unit: Unit, size: int, start: int) -> None:
    """Primary: pairs of schools of equal students at 9 and 3 (CV exactly 0.5) for the first
    indicator, equal values elsewhere; junior: equal values (CV 0)."""
    rows = []
    for index in range(2 * size):
        primary = _school(unit, start + index, School.Type.PRIMARY, students=400)
        values = {name: Decimal("5") for name in RESOURCE_FIELDS}
        values["qualified_teachers_per_100"] = Decimal("9") if index % 2 else Decimal("3")
        rows.append(
            SchoolResources(school=primary, year=YEAR, stage=Stage.PRIMARY, students=400, **values)
        )
        junior = _school(unit, start + 100 + index, School.Type.JUNIOR, students=300)
        rows.append(
            SchoolResources(
                school=junior,
                year=YEAR,
                stage=Stage.JUNIOR,
                students=300,
                **{name: Decimal("6") for name in RESOURCE_FIELDS},
            )
        )
    SchoolResources.objects.bulk_create(rows)


def _own(unit: Unit) -> None:
    DevelopmentCentre.objects.create(
        unit=unit, year=YEAR, venue=Decimal(1), equipment=Decimal("0.5"), training=Decimal(1)
    )
    PreschoolStatus.objects.create(unit=unit, year=YEAR, status=PreschoolStatus.Status.NOT_APPLIED)
    SatisfactionSurvey.objects.create(
        unit=unit, year=YEAR, group="parents", respondents=100, satisfied=90
    )
    SatisfactionSurvey.objects.create(
        unit=unit, year=YEAR, group="teachers", respondents=50, satisfied=45
    )


def qualitative(assessment: AssessmentYear, unit: Unit, assessor: User) -> None:
    common = dict(assessment=assessment, unit=unit, assessor=assessor)
    QualitativeScore.objects.create(
        code="1",
        score=Decimal(9),
        parts={
            "teacher_policy": {"score": "4", "reason": "政策落实较好"},
            "seat_supply": {"score": "5", "reason": "规划完整"},
        },
        reason="…",
        **common,
    )
    QualitativeScore.objects.create(code="2.2", score=Decimal(0), reason="未配备教研员", **common)
    QualitativeScore.objects.create(code="2.3a", score=Decimal(2), reason="制度健全", **common)
    QualitativeScore.objects.create(code="3.4b", score=Decimal(3), reason="推进有力", **common)


def state_no_researchers(unit: Unit) -> NoResearchersStatement:
    """The county's statement that it has no teaching researchers in the year (I-11)."""
    editor, _created = User.objects.get_or_create(
        username=f"builder_{unit.code}", defaults={"role": Role.COUNTY_EDITOR, "unit": unit}
    )
    return NoResearchersStatement.objects.create(unit=unit, year=YEAR, stated_by=editor)


def build_county(unit: Unit, *, size: int = 1, approved: bool = True) -> None:
    """County data of the year (see the module docstring); returns approved unless told."""
    schools = {
        Stage.KINDERGARTEN: _school(unit, 1, School.Type.KINDERGARTEN),
        Stage.PRIMARY: _school(unit, 2, School.Type.PRIMARY),
        Stage.JUNIOR: _school(unit, 3, School.Type.JUNIOR),
        Stage.SENIOR: _school(unit, 4, School.Type.SENIOR),
    }
    _teachers(unit, size, schools)
    state_no_researchers(unit)
    _seats(unit, size)
    _resources(unit, size, start=10)
    _own(unit)
    if approved:
        approve(unit)
        last_year_teachers_return(unit, YearlyReturn.Status.APPROVED)


# --- stored results of every county ---------------------------------------------------------

D = Decimal
COUNTIES = ("440703", "440704", "440705", "440784", "440781", "440783", "440785")
ASSESSOR_NAME = "黄喆"
PUBLISHER_NAME = "林堃"


def full_marks(**changes) -> dict[str, object]:
    """Inputs that earn every point with the defaults (no boarding task), with `changes`."""
    ok = AssessorScore(D(5), "成效显著")
    inputs: dict[str, object] = {
        "1": ResponsibilityInputs(ok, ok),
        "2.1": DegreeInputs(*(StageCount(100, 100) for _ in range(4))),
        "2.2": ResearcherInputs(
            ResearcherCoverage.ALL_STAGES_AND_SUBJECTS, AssessorScore(D(10), "名册核实")
        ),
        "2.3a": AssessorScore(D(2), "制度健全"),
        "2.3b": TempPayInputs.from_averages(D(80000), D(100000)),
        "2.3c": TempRatioInputs(40, 1000, 50),
        "2.4": CentreInputs(1, 1, 1),
        "3.1": NewSeatsInputs(SeatDelivery(10, 10), SeatDelivery(10, 10), SeatDelivery(10, 10)),
        "3.2a": EnrolmentInputs(96, 100),
        "3.2bc": RestructuringInputs(96, 100, 50, 100),
        "3.3": BoardingInputs.no_task(),
        "3.4a": BalanceInputs((D("0.3"),) * 7, (D("0.3"),) * 7),
        "3.4b": PreschoolInputs(ScoringPreschoolStatus.NATIONAL),
        "4": SatisfactionInputs((GroupResponses("parents", 100, 100),)),
    }
    inputs.update(changes)
    return inputs


# The results' counties have a boarding task and meet it (蓬江区 has none in 2025: I-8).
BOARDING_MET = {"3.3": BoardingInputs(100, 100)}
KINDERGARTEN_BELOW = DegreeInputs(
    StageCount(90, 100), StageCount(100, 100), StageCount(100, 100), StageCount(30, 100)
)
VARIANTS_2025: dict[str, dict[str, object]] = {
    "440703": {"3.3": BoardingInputs.no_task()},  # 97, I-8
    "440704": {"2.1": KINDERGARTEN_BELOW},  # 93
    "440705": {"2.1": KINDERGARTEN_BELOW},  # 93, tied with 江海区
    "440784": {"2.3c": TempRatioInputs(80, 1000, 50)},  # 92: temps rose
    "440781": {  # 85
        "3.4a": BalanceInputs((D("0.6"),) + (D("0.3"),) * 6, (D("0.3"),) * 7),
        "3.4b": PreschoolInputs(
            ScoringPreschoolStatus.NOT_APPLIED, AssessorScore(D(3), "材料较完整")
        ),
    },
    "440783": {  # 96.33
        "4": SatisfactionInputs(
            (GroupResponses("parents", 90, 100), GroupResponses("teachers", 40, 50))
        )
    },
    "440785": {"2.2": ResearcherInputs(ResearcherCoverage.SUBJECTS_ONLY, None)},  # 87, pending
}
VARIANTS_2024: dict[str, dict[str, object]] = {"440781": {"2.1": KINDERGARTEN_BELOW}}


def named_user(username: str, role: str, full_name: str) -> User:
    user, _created = User.objects.get_or_create(
        username=username,
        defaults={"role": role, "last_name": full_name[0], "first_name": full_name[1:]},
    )
    return user


def build_year(
    year: int,
    variants: dict[str, dict[str, object]] | None = None,
    *,
    published: bool = True,
    runs: int = 1,
    evidence_per_item: int = 0,
    counties: tuple[str, ...] = COUNTIES,
) -> ScoreRun:
    """An assessment year with `runs` runs of the given counties; the last one is published
    when `published`. Returns the run a user sees by default (published, else latest)."""
    variants = VARIANTS_2025 if variants is None else variants
    assessor = named_user("assessor_hz", Role.ASSESSOR, ASSESSOR_NAME)
    publisher = named_user("admin_lk", Role.CITY_ADMIN, PUBLISHER_NAME)
    assessment = AssessmentYear.objects.create(year=year, opened_by=publisher)
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=counties)}
    results = []
    for code in counties:
        inputs = full_marks() | BOARDING_MET | variants.get(code, {})
        unit = units[code]
        results.append(
            score_county(inputs, DEFAULTS, county=code, name=unit.name, region=unit.region)
        )
    ranks = rank(results)
    run = None
    for number in range(1, runs + 1):
        run = ScoreRun.objects.create(assessment=assessment, number=number, created_by=publisher)
        county_scores = CountyScore.objects.bulk_create(
            CountyScore(
                run=run,
                unit=units[result.county],
                total=result.total,
                provisional=result.provisional,
                rank=ranks[result.county].rank,
                region_rank=ranks[result.county].region_rank,
            )
            for result in results
        )
        ItemScore.objects.bulk_create(
            ItemScore.of(cs, item)
            for cs, result in zip(county_scores, results, strict=True)
            for item in result.items
        )
    for code in counties:
        for item_code in ("1", "2.3a"):
            QualitativeScore.objects.create(
                assessment=assessment,
                unit=units[code],
                code=item_code,
                score=D(5) if item_code == "1" else D(2),
                reason="材料齐全",
                assessor=assessor,
            )
        for item_code in ("1", "2.1", "3.4a"):
            for n in range(evidence_per_item):
                Evidence.objects.create(
                    unit=units[code],
                    year=year,
                    code=item_code,
                    file=f"evidence/{code}/{year}/{item_code}/{n}/材料{n}.pdf",
                    original_name=f"佐证材料{item_code}-{n}.pdf",
                    uploaded_by=publisher,
                )
    if published:
        run.is_published = True
        run.save(update_fields=["is_published"])
        assessment.status = AssessmentYear.Status.PUBLISHED
        assessment.published_at = timezone.now()
        assessment.published_by = publisher
        assessment.save(update_fields=["status", "published_at", "published_by"])
    return run


def build_results(*, published_2025: bool = True) -> ScoreRun:
    """2024 (published) and 2025 (published or a draft): the run of 2025 a user sees."""
    build_year(2024, VARIANTS_2024)
    return build_year(2025, VARIANTS_2025, published=published_2025)
