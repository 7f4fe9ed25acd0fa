"""Only approved data feeds the scores; scoring all counties costs a fixed number of queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment.gather import NOT_APPROVED
from assessment.services import score_year
from jiangmen_edu.models import Section, Unit, YearlyReturn
from seats.models import EnrolmentYear, YearlyPlan
from teachers.models import Employment, NoResearchersStatement, Staff, StaffYear
from tests.assessment.factories import (
    EXPECTED,
    approve,
    build_county,
    last_year_teachers_return,
    qualitative,
)

TEACHER_ITEMS = ("2.1", "2.3b", "2.3c")
SEAT_ITEMS = ("3.1", "3.2a", "3.2bc", "3.3")
OWN_ITEMS = ("2.4", "3.4a", "3.4b", "4")


def card_of(assessment, unit):
    return next(e for e in score_year(2025, assessment=assessment) if e.unit == unit).card


@pytest.mark.parametrize(
    "section, codes",
    [
        (Section.TEACHERS, TEACHER_ITEMS),
        (Section.SEATS, SEAT_ITEMS),
        (Section.ASSESSMENT, OWN_ITEMS),
    ],
)
@pytest.mark.parametrize("status", ["draft", "submitted", "returned"])
def test_a_section_not_approved_leaves_its_items_null_and_says_why(
    county_data, assessment, section, codes, status
):
    YearlyReturn.objects.filter(unit=county_data, section=section).update(status=status)
    card = card_of(assessment, county_data)
    for code in codes:
        item = card.item(code)
        assert item.score is None, code
        assert NOT_APPROVED[section] in item.explanation
    assert card.provisional
    others = {code: card.item(code).score for code in EXPECTED if code not in codes}
    # 3.3 has a task here, so it does not depend on the other items.
    assert others == {code: EXPECTED[code] for code in others}


def test_the_teachers_section_message_is_the_issues(county_data, assessment):
    YearlyReturn.objects.filter(unit=county_data, section=Section.TEACHERS).update(status="draft")
    item = card_of(assessment, county_data).item("2.1")
    assert item.as_dict()["score"] is None
    assert "教师队伍数据尚未审核通过" in item.explanation


def test_a_researcher_suggestion_needs_approved_teachers_data(county_data, assessment):
    YearlyReturn.objects.filter(unit=county_data, section=Section.TEACHERS).update(status="draft")
    item = card_of(assessment, county_data).item("2.2")
    # The assessor's score stands; the roster's suggestion is not used.
    assert item.score == 0 and item.inputs["suggestion"] is None
    assert "尚无系统建议值（教师队伍数据尚未审核通过）" in item.explanation


# --- item 2.2: an empty researcher roster counts only when the county states it (I-11) ------


def test_a_stated_absence_of_researchers_suggests_the_tables_zero(county_data, assessment):
    item = card_of(assessment, county_data).item("2.2")
    assert item.score == 0
    assert (item.inputs["suggestion"], item.inputs["suggested_score"]) == ("none", "0")
    assert item.inputs["stated_none"] is True
    assert item.explanation.startswith(
        "系统根据教研员名册建议 0 分（县（市、区）声明本年度无专职教研员）；检查组确认 0 分"
    )


def test_an_empty_roster_without_the_statement_suggests_nothing(county_data, assessment):
    NoResearchersStatement.objects.filter(unit=county_data).delete()
    item = card_of(assessment, county_data).item("2.2")
    # The assessor's score stands; there is no suggestion to confirm.
    assert item.score == 0 and item.inputs["suggestion"] is None
    assert item.explanation.startswith(
        "尚无系统建议值（教研员名册为空，且未声明本年度无教研员）；检查组评定 0 分"
    )


def test_researchers_on_the_roster_take_precedence_over_the_statement(county_data, assessment):
    person = Staff.objects.create(unit=county_data, staff_no="R0001", name="教研员")
    StaffYear.objects.create(
        staff=person,
        unit=county_data,
        year=2025,
        post="researcher",
        stage="primary",
        subject="chinese",
        degree=3,
        title=3,
        teaching_years=10,
        employment="on_staff",
    )
    item = card_of(assessment, county_data).item("2.2")
    assert item.inputs["suggestion"] == "none" and "stated_none" not in item.inputs
    assert "未配齐各学科专职教研员" in item.explanation


def test_approved_but_empty_materials_say_what_is_missing(assessment, county_b):
    approve(county_b)
    card = card_of(assessment, county_b)
    assert "尚无教师队伍数据" in card.item("2.1").explanation
    assert "尚未导入学校办学资源数据" in card.item("3.4a").explanation
    assert "尚未填报教师发展中心建设情况" in card.item("2.4").explanation


# --- item 2.3c: last year's count from last year's approved return only (I-11) --------------


def test_last_years_approved_roster_gives_the_fall(county_data, assessment):
    item = card_of(assessment, county_data).item("2.3c")
    assert item.score == EXPECTED["2.3c"] and item.inputs["last_year_temps"] == 25


@pytest.mark.parametrize("status", ["submitted", "returned", "draft", None])
def test_last_years_roster_not_approved_is_not_read(county_data, assessment, status):
    """Submitted, returned, draft, or the year never opened: the 2024 roster is there but
    not approved, so the 10 % ratio cannot be compared and 2.3c cannot be scored yet."""
    last_year_teachers_return(county_data, status)
    card = card_of(assessment, county_data)
    item = card.item("2.3c")
    assert item.score is None and item.inputs["last_year_temps"] is None
    assert "上一年度（2024 年）教师队伍数据尚未审核通过" in item.explanation
    assert item.explanation.startswith("暂不能计分：公办学校临聘教师 20 人")
    assert "I-3" not in item.notes and not item.flagged
    assert card.provisional
    # The rest of the teachers items read this year's approved roster only.
    assert (card.item("2.1").score, card.item("2.3b").score) == (EXPECTED["2.1"], EXPECTED["2.3b"])


def test_a_ratio_within_the_limit_needs_no_last_year(county_data, assessment):
    """At 5 % or below the item does not compare with last year, so it is scored."""
    last_year_teachers_return(county_data, "draft")
    temps = StaffYear.objects.filter(unit=county_data, year=2025, employment=Employment.TEMPORARY)

    def keep_temporary(count: int) -> None:
        extra = list(temps.order_by("pk").values_list("pk", flat=True)[count:])
        StaffYear.objects.filter(pk__in=extra).update(employment=Employment.ON_STAFF)

    keep_temporary(11)  # 11 of 209 on-staff staff: 5.26 %, above 5 %
    assert card_of(assessment, county_data).item("2.3c").score is None
    keep_temporary(10)  # 10 of 210: 4.76 %
    item = card_of(assessment, county_data).item("2.3c")
    assert item.score == 5 and item.inputs["last_year_temps"] is None


def test_another_countys_approval_does_not_count(county_data, assessment, county_b):
    last_year_teachers_return(county_data, "submitted")
    last_year_teachers_return(county_b, "approved")
    assert card_of(assessment, county_data).item("2.3c").score is None


# --- items 3.1 and 3.3: an absent plan row or boarding target is missing, not 0 (I-11) -------


def test_a_plan_row_of_zero_seats_is_a_task_met(county_data, assessment):
    item = card_of(assessment, county_data).item("3.1")
    assert item.score == EXPECTED["3.1"]
    assert item.inputs["high_school"] == {"delivered": 0, "task": 0, "points": "4", "met": True}


@pytest.mark.parametrize(
    "stages, named",
    [
        (["high_school"], "普通高中"),
        (["preschool", "high_school"], "学前教育、普通高中"),
        (["preschool", "compulsory", "high_school"], "学前教育、义务教育、普通高中"),
    ],
)
def test_a_stage_without_a_plan_row_cannot_be_scored_yet(county_data, assessment, stages, named):
    YearlyPlan.objects.filter(unit=county_data, year=2025, stage__in=stages).delete()
    card = card_of(assessment, county_data)
    item = card.item("3.1")
    assert item.score is None and card.provisional
    assert item.explanation == (
        f"暂不能计分：{named}尚无 2025 年分年度实施计划（无任务的学段须填报 0）"
    )
    # The other seats items do not read the plan.
    assert card.item("3.2a").score == EXPECTED["3.2a"] and card.item("3.3").score == 3


def test_an_empty_boarding_target_cannot_be_scored_yet(county_data, assessment):
    EnrolmentYear.objects.filter(unit=county_data, year=2025).update(boarding_target=None)
    card = card_of(assessment, county_data)
    item = card.item("3.3")
    assert item.score is None and card.provisional
    assert item.explanation == (
        "暂不能计分：尚未填报 2025 年寄宿制学位建设目标（无建设任务的须填报 0）"
    )
    assert card.item("3.2a").score == EXPECTED["3.2a"]


def test_a_boarding_target_of_zero_is_no_task(county_data, assessment):
    EnrolmentYear.objects.filter(unit=county_data, year=2025).update(
        boarding_target=0, boarding_completed=0
    )
    item = card_of(assessment, county_data).item("3.3")
    # I-8: 5 × the other items' 62.5 of 92.
    assert item.score == Decimal("3.40") and item.notes == ["I-8"]


def count_queries(assessment) -> int:
    with CaptureQueriesContext(connection) as context:
        score_year(2025, assessment=assessment)
    return len(context.captured_queries)


@pytest.mark.parametrize("size", [1, 4])
def test_scoring_every_county_costs_a_bounded_number_of_queries(
    assessment, assessor, size, django_assert_max_num_queries
):
    counties = list(Unit.objects.filter(kind=Unit.Kind.COUNTY))
    for unit in counties:
        build_county(unit, size=size)
        qualitative(assessment, unit, assessor)
    with django_assert_max_num_queries(40):
        scored = score_year(2025, assessment=assessment)
    assert not any(entry.card.provisional for entry in scored)
    taishan = next(entry for entry in scored if entry.unit.code == "440781")
    assert taishan.card.total == sum(EXPECTED.values())


def test_more_data_costs_no_more_queries(assessment, assessor):
    counties = list(Unit.objects.filter(kind=Unit.Kind.COUNTY))
    for unit in counties:
        build_county(unit)
        qualitative(assessment, unit, assessor)
    before = count_queries(assessment)
    for unit in counties:
        more_data(unit, 30)
    assert count_queries(assessment) == before


def more_data(unit: Unit, n: int) -> None:
    """n more teachers, schools with resource rows, seat projects and survey groups."""
    from decimal import Decimal

    from assessment.models import SatisfactionSurvey, SchoolResources
    from jiangmen_edu.models import School
    from seats.models import Project, ProjectYear
    from teachers.models import Staff, StaffYear

    school = School.objects.filter(unit=unit, school_type="primary").first()
    staff = Staff.objects.bulk_create(
        Staff(unit=unit, staff_no=f"X{i:04d}", name=f"新教师{i}") for i in range(n)
    )
    StaffYear.objects.bulk_create(
        StaffYear(
            staff=person,
            year=2025,
            unit=unit,
            school=school,
            stage="primary",
            post="teacher",
            employment="on_staff",
            degree=3,
            title=2,
            subject="maths",
            annual_pay=Decimal(90000),
        )
        for person in staff
    )
    for i in range(n):
        extra = School.objects.create(
            unit=unit,
            code=f"{unit.code}{5000 + i}",
            name=f"{unit.name}新学校{i}",
            school_type="primary",
            ownership="public",
        )
        SchoolResources.objects.create(
            school=extra,
            year=2025,
            stage="primary",
            students=100 + i,
            qualified_teachers_per_100=6,
            backbone_teachers_per_100=5,
            pe_arts_teachers_per_100=5,
            floor_area_per_student=5,
            ground_area_per_student=5,
            equipment_value_per_student=5,
            multimedia_rooms_per_100=5,
        )
        project = Project.objects.create(
            unit=unit,
            code=f"extra-{i}",
            name=f"扩建{i}",
            kind="expansion",
            stage="preschool",
            seats_planned=10,
            status="completed",
        )
        ProjectYear.objects.create(project=project, year=2025, seats_delivered=10)
    for group in ("students", "principals", "deputies", "cppcc"):
        SatisfactionSurvey.objects.create(
            unit=unit, year=2025, group=group, respondents=n, satisfied=n // 2
        )
