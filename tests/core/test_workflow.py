"""The yearly-return workflow (docs/rules.md#yearly-return): transitions allowed and refused, and
the lock."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from jiangmen_edu.models import ReturnEvent, YearlyReturn
from jiangmen_edu.workflow import (
    ReturnLocked,
    WorkflowError,
    actions_for,
    ensure_editable,
    ensure_years_editable,
    lock_reason_for,
    locked_years,
    return_transition,
    return_update_details,
)
from tests.conftest import YEAR, client_for

Status = YearlyReturn.Status

# Submission here is about the workflow, not the data-quality rules (tests/core/quality).
pytestmark = pytest.mark.usefixtures("without_quality_rules")


def step(yearly_return, user, action, comment=""):
    return return_transition(yearly_return=yearly_return, user=user, action=action, comment=comment)


def test_opening_a_year_creates_a_draft_return_per_unit_and_section(reporting_year):
    returns = YearlyReturn.objects.filter(reporting_year=reporting_year)
    # 7 counties × 4 sections + 市直 × 3 (it is not assessed, so hands in no materials).
    assert returns.count() == 7 * 4 + 3
    assert set(returns.values_list("status", flat=True)) == {Status.DRAFT}


def test_the_full_round_trip(teachers_return, editor, reviewer, admin_user):
    r = step(teachers_return, editor, "submit")
    assert r.status == Status.SUBMITTED
    r = step(r, reviewer, "send_back", "请补充教研员名单")
    assert r.status == Status.RETURNED
    r = step(r, editor, "submit")
    r = step(r, reviewer, "approve")
    assert r.status == Status.APPROVED
    r = step(r, admin_user, "reopen", "数据更正")
    assert r.status == Status.DRAFT
    events = list(r.events.values_list("action", "from_status", "to_status", "actor__username"))
    assert events == [
        ("submit", "draft", "submitted", "editor_a"),
        ("send_back", "submitted", "returned", "reviewer"),
        ("submit", "returned", "submitted", "editor_a"),
        ("approve", "submitted", "approved", "reviewer"),
        ("reopen", "approved", "draft", "city_admin"),
    ]
    assert r.events.get(action="send_back").comment == "请补充教研员名单"


@pytest.mark.parametrize(
    "status, action",
    [
        (Status.DRAFT, "approve"),
        (Status.DRAFT, "send_back"),
        (Status.DRAFT, "reopen"),
        (Status.SUBMITTED, "submit"),
        (Status.SUBMITTED, "reopen"),
        (Status.RETURNED, "approve"),
        (Status.APPROVED, "submit"),
        (Status.APPROVED, "approve"),
        (Status.APPROVED, "send_back"),
    ],
)
def test_refused_transitions_change_nothing(teachers_return, users, status, action):
    YearlyReturn.objects.filter(pk=teachers_return.pk).update(status=status)
    teachers_return.refresh_from_db()
    actor = users["editor"] if action == "submit" else users["admin"]
    with pytest.raises(WorkflowError):
        step(teachers_return, actor, action, "理由")
    teachers_return.refresh_from_db()
    assert teachers_return.status == status
    assert not ReturnEvent.objects.exists()


@pytest.mark.parametrize(
    "role, action",
    [
        ("reviewer", "submit"),
        ("admin", "submit"),
        ("other_editor", "submit"),
        ("editor", "approve"),
        ("assessor", "approve"),
        ("editor", "send_back"),
        ("reviewer", "reopen"),
        ("editor", "reopen"),
    ],
)
def test_roles_that_may_not_take_an_action(teachers_return, users, role, action):
    source = {"submit": Status.DRAFT, "reopen": Status.APPROVED}.get(action, Status.SUBMITTED)
    YearlyReturn.objects.filter(pk=teachers_return.pk).update(status=source)
    teachers_return.refresh_from_db()
    with pytest.raises(PermissionDenied):
        step(teachers_return, users[role], action, "理由")
    teachers_return.refresh_from_db()
    assert teachers_return.status == source


@pytest.mark.parametrize("action", ["send_back", "reopen"])
def test_returning_and_reopening_need_a_reason(teachers_return, editor, admin_user, action):
    r = step(teachers_return, editor, "submit")
    if action == "reopen":
        r = step(r, admin_user, "approve")
    with pytest.raises(WorkflowError, match="请说明理由"):
        step(r, admin_user, action, "   ")


def test_actions_offered_follow_status_and_role(teachers_return, users):
    assert actions_for(teachers_return, users["editor"]) == ["submit"]
    assert actions_for(teachers_return, users["other_editor"]) == []
    assert actions_for(teachers_return, users["reviewer"]) == []
    r = step(teachers_return, users["editor"], "submit")
    assert actions_for(r, users["reviewer"]) == ["send_back", "approve"]
    assert actions_for(r, users["assessor"]) == []
    r = step(r, users["reviewer"], "approve")
    assert actions_for(r, users["admin"]) == ["reopen"]
    assert actions_for(r, users["reviewer"]) == []


def test_ensure_editable_refuses_submitted_and_approved(teachers_return, county_a):
    for status in (Status.SUBMITTED, Status.APPROVED):
        YearlyReturn.objects.filter(pk=teachers_return.pk).update(status=status)
        with pytest.raises(ReturnLocked):
            ensure_editable(unit=county_a, year=YEAR, section="teachers")
    for status in (Status.DRAFT, Status.RETURNED):
        YearlyReturn.objects.filter(pk=teachers_return.pk).update(status=status)
        assert (
            ensure_editable(unit=county_a, year=YEAR, section="teachers").pk == teachers_return.pk
        )


def test_ensure_editable_refuses_a_year_not_opened(county_a, reporting_year):
    with pytest.raises(ReturnLocked, match="尚未开放"):
        ensure_editable(unit=county_a, year=YEAR + 1, section="teachers")


def test_lock_reason_for_follows_the_status_and_names_a_year_not_opened(teachers_return, county_a):
    for status in Status.EDITABLE:
        YearlyReturn.objects.filter(pk=teachers_return.pk).update(status=status)
        assert lock_reason_for(unit=county_a, year=YEAR, section="teachers") == ""
    YearlyReturn.objects.filter(pk=teachers_return.pk).update(status=Status.SUBMITTED)
    assert "等待市教育局审核" in lock_reason_for(unit=county_a, year=YEAR, section="teachers")
    YearlyReturn.objects.filter(pk=teachers_return.pk).update(status=Status.APPROVED)
    assert "审核通过并锁定" in lock_reason_for(unit=county_a, year=YEAR, section="teachers")
    # The seats return of the same year is another return, still a draft.
    assert lock_reason_for(unit=county_a, year=YEAR, section="seats") == ""
    assert str(YEAR - 10) in lock_reason_for(unit=county_a, year=YEAR - 10, section="teachers")
    assert lock_reason_for(unit=county_a, year=None, section="teachers")


def test_locked_years_are_the_submitted_and_approved_ones_of_the_section(
    teachers_return, county_a, county_b
):
    assert locked_years(unit=county_a, section="teachers") == set()
    YearlyReturn.objects.filter(pk=teachers_return.pk).update(status=Status.APPROVED)
    assert locked_years(unit=county_a, section="teachers") == {YEAR}
    assert locked_years(unit=county_a, section="seats") == set()
    assert locked_years(unit=county_b, section="teachers") == set()


def test_ensure_years_editable_refuses_when_any_year_is_locked(teachers_return, county_a):
    ensure_years_editable(unit=county_a, years=[YEAR, YEAR], section="teachers")
    with pytest.raises(ReturnLocked):
        ensure_years_editable(unit=county_a, years=[YEAR, YEAR - 1], section="teachers")
    YearlyReturn.objects.filter(pk=teachers_return.pk).update(status=Status.SUBMITTED)
    with pytest.raises(ReturnLocked):
        ensure_years_editable(unit=county_a, years=[YEAR], section="teachers")


def test_locked_return_refuses_edits_on_the_server(teachers_return, editor, reviewer):
    step(step(teachers_return, editor, "submit"), reviewer, "approve")
    client = client_for(editor)
    url = reverse("return_edit", args=[teachers_return.pk])
    page = client.get(url)
    assert "已审核通过并锁定" in page.content.decode()
    response = client.post(url, {"contact_name": "张三", "contact_phone": "1", "notes": "改"})
    assert response.status_code == 302
    teachers_return.refresh_from_db()
    assert teachers_return.contact_name == ""
    with pytest.raises(ReturnLocked):
        return_update_details(
            yearly_return=teachers_return,
            user=editor,
            contact_name="张三",
            contact_phone="",
            notes="",
        )


def test_editor_saves_details_of_an_open_return(teachers_return, editor):
    response = client_for(editor).post(
        reverse("return_edit", args=[teachers_return.pk]),
        {"contact_name": "黄喆", "contact_phone": "0750-1234567", "notes": "已核对"},
    )
    assert response.status_code == 302
    teachers_return.refresh_from_db()
    assert teachers_return.contact_name == "黄喆"


def test_workflow_pages_post_and_show_history(teachers_return, editor, reviewer):
    client_for(editor).post(reverse("return_submit", args=[teachers_return.pk]), {"comment": ""})
    client_for(reviewer).post(
        reverse("return_send_back", args=[teachers_return.pk]), {"comment": "附件缺失"}
    )
    teachers_return.refresh_from_db()
    assert teachers_return.status == Status.RETURNED
    page = client_for(editor).get(reverse("return_detail", args=[teachers_return.pk])).content
    assert "附件缺失" in page.decode() and "已退回" in page.decode()


def test_send_back_without_a_reason_is_refused_in_the_page(teachers_return, editor, reviewer):
    step(teachers_return, editor, "submit")
    response = client_for(reviewer).post(
        reverse("return_send_back", args=[teachers_return.pk]), {"comment": ""}, follow=True
    )
    assert "请说明理由" in response.content.decode()
    teachers_return.refresh_from_db()
    assert teachers_return.status == Status.SUBMITTED
