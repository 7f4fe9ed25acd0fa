"""The assessor workbench: allowed values, a required reason, who may score and when."""

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from assessment.models import PreschoolStatus, QualitativeScore
from assessment.qualitative import qualitative_score_save, workbench
from assessment.services import AssessmentError, run_compute, run_publish, score_year
from jiangmen_edu.models import YearlyReturn
from teachers.models import NoResearchersStatement
from tests.conftest import client_for


def save(assessment, unit, user, code, score=None, reason="依据佐证材料", **kwargs):
    return qualitative_score_save(
        assessment=assessment, unit=unit, code=code, user=user, score=score, reason=reason, **kwargs
    )


@pytest.mark.parametrize(
    "code, score",
    [("2.3a", "0"), ("2.3a", "2"), ("2.3a", "1.5"), ("2.2", "0"), ("2.2", "5"), ("2.2", "10")],
)
def test_scores_within_the_allowed_values_are_saved(assessment, county_a, assessor, code, score):
    record = save(assessment, county_a, assessor, code, score)
    assert record.score == Decimal(score) and record.assessor == assessor
    entry = LogEntry.objects.get_for_object(record).get()
    assert entry.additional_data == {"unit": county_a.code}


@pytest.mark.parametrize(
    "code, score",
    [
        ("2.3a", "2.01"),
        ("2.3a", "-1"),
        ("2.3a", "1.555"),
        ("2.3a", "abc"),
        ("2.3a", None),
        ("2.2", "7"),
        ("2.2", "10.5"),
    ],
)
def test_scores_outside_the_allowed_values_are_refused(assessment, county_a, assessor, code, score):
    with pytest.raises(ValidationError) as refused:
        save(assessment, county_a, assessor, code, score)
    assert "score" in refused.value.message_dict
    assert not QualitativeScore.objects.exists()


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reason_is_required(assessment, county_a, assessor, reason):
    with pytest.raises(ValidationError) as refused:
        save(assessment, county_a, assessor, "2.3a", "1", reason=reason)
    assert "reason" in refused.value.message_dict


def test_item_1_has_two_parts_each_with_a_reason(assessment, county_a, assessor):
    with pytest.raises(ValidationError) as refused:
        save(
            assessment,
            county_a,
            assessor,
            "1",
            parts={"teacher_policy": ("6", "超出"), "seat_supply": ("4", "")},
        )
    assert set(refused.value.message_dict) == {"teacher_policy_score", "seat_supply_reason"}
    record = save(
        assessment,
        county_a,
        assessor,
        "1",
        parts={"teacher_policy": ("4.5", "政策完善"), "seat_supply": ("5", "规划落实")},
    )
    assert record.score == Decimal("9.5")
    assert record.parts["teacher_policy"] == {"score": "4.5", "reason": "政策完善"}


def test_3_4b_is_scored_only_when_the_county_has_not_applied(assessment, county_a, assessor):
    with pytest.raises(AssessmentError):
        save(assessment, county_a, assessor, "3.4b", "3")
    status = PreschoolStatus.objects.create(unit=county_a, year=2025, status="city_check")
    with pytest.raises(AssessmentError):
        save(assessment, county_a, assessor, "3.4b", "3")
    status.status = "not_applied"
    status.save()
    with pytest.raises(ValidationError):
        save(assessment, county_a, assessor, "3.4b", "4.5")
    assert save(assessment, county_a, assessor, "3.4b", "4").score == 4


def test_a_score_can_be_changed_and_the_change_is_audited(assessment, county_a, assessor):
    record = save(assessment, county_a, assessor, "2.3a", "1")
    save(assessment, county_a, assessor, "2.3a", "2", reason="补充材料后改评")
    record.refresh_from_db()
    assert record.score == 2 and QualitativeScore.objects.count() == 1
    update = LogEntry.objects.get_for_object(record).filter(action=LogEntry.Action.UPDATE).get()
    assert [Decimal(value) for value in update.changes["score"]] == [1, 2]
    assert update.changes["reason"][1] == "补充材料后改评"


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_only_assessors_and_city_admins_score(assessment, county_a, users, role):
    with pytest.raises(PermissionDenied):
        save(assessment, county_a, users[role], "2.3a", "1")


def test_city_direct_is_not_assessed(assessment, assessor):
    from jiangmen_edu.models import Unit

    with pytest.raises(AssessmentError):
        save(assessment, Unit.objects.get(code="440700"), assessor, "2.3a", "1")


def test_after_publication_only_a_city_admin_changes_a_score(
    assessment, county_a, assessor, admin_user
):
    run_publish(
        assessment=assessment,
        run=run_compute(assessment=assessment, user=admin_user),
        user=admin_user,
    )
    with pytest.raises(AssessmentError):
        save(assessment, county_a, assessor, "2.3a", "1")
    assert save(assessment, county_a, admin_user, "2.3a", "1").score == 1


def test_the_workbench_lists_what_waits(assessment, county_a, assessor):
    PreschoolStatus.objects.create(unit=county_a, year=2025, status="provincial")
    save(assessment, county_a, assessor, "2.3a", "2")
    rows = workbench(assessment)
    assert len(rows) == 7
    row = next(row for row in rows if row.unit == county_a)
    states = {cell.code: (cell.needed, cell.score is not None) for cell in row.cells}
    assert states == {
        "1": (True, False),
        "2.2": (True, False),
        "2.3a": (True, True),
        "3.4b": (False, False),
    }
    assert row.waiting == 2


def test_the_scoring_page_shows_evidence_and_the_suggestion(assessment, county_a, assessor):
    page = client_for(assessor).get(
        reverse(
            "assessment:workbench_score",
            kwargs={"year": 2025, "code": county_a.code, "item": "2.2"},
        )
    )
    assert page.status_code == 200
    # The teachers return is a draft: no suggestion, as the scorecard says.
    assert page.context["suggestion"].points is None
    assert "尚无系统建议值（教师队伍数据尚未审核通过）" in page.content.decode()
    assert page.context["ranges"][""].choices == (Decimal(0), Decimal(5), Decimal(10))


@pytest.mark.parametrize(
    "change, text, points",
    [
        (None, "系统根据教研员名册建议 0 分（县（市、区）声明本年度无专职教研员）", Decimal(0)),
        ("unstated", "尚无系统建议值（教研员名册为空，且未声明本年度无教研员）", None),
        ("draft", "尚无系统建议值（教师队伍数据尚未审核通过）", None),
    ],
)
def test_the_workbench_and_the_scorecard_say_the_same_suggestion(
    county_data, assessment, assessor, change, text, points
):
    if change == "unstated":
        NoResearchersStatement.objects.all().delete()
    if change == "draft":
        YearlyReturn.objects.filter(unit=county_data, section="teachers").update(status="draft")
    page = client_for(assessor).get(
        reverse(
            "assessment:workbench_score",
            kwargs={"year": 2025, "code": county_data.code, "item": "2.2"},
        )
    )
    suggestion = page.context["suggestion"]
    assert (suggestion.text, suggestion.points) == (text, points)
    assert f"{text}" in page.content.decode()
    card = next(e for e in score_year(2025, assessment=assessment) if e.unit == county_data).card
    assert card.item("2.2").explanation.startswith(f"{text}；检查组")


def test_the_scoring_page_refuses_a_bad_score_with_the_reason(assessment, county_a, assessor):
    url = reverse(
        "assessment:workbench_score", kwargs={"year": 2025, "code": county_a.code, "item": "2.2"}
    )
    page = client_for(assessor).post(url, {"score": "7", "reason": "理由"})
    assert page.status_code == 200
    assert page.context["form"].errors["score"]
    page = client_for(assessor).post(url, {"score": "5", "reason": ""})
    assert page.status_code == 200 and page.context["form"].errors["reason"]
    page = client_for(assessor).post(url, {"score": "5", "reason": "各学科已配齐"})
    assert page.status_code == 302
    assert QualitativeScore.objects.get(unit=county_a, code="2.2").score == 5


def test_an_unknown_item_is_404(assessment, county_a, assessor):
    url = reverse(
        "assessment:workbench_score", kwargs={"year": 2025, "code": county_a.code, "item": "2.1"}
    )
    assert client_for(assessor).get(url).status_code == 404
