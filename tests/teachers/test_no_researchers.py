"""The county's statement that it has no teaching researchers in a year (docs/rules.md#i-11):
stated and withdrawn by the county editor on the researchers' page, while the year's teachers
return is editable; audited; another county's is a 404."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from jiangmen_edu.models import YearlyReturn
from jiangmen_edu.quality import services as quality
from jiangmen_edu.workflow import ReturnLocked, return_transition
from teachers import services
from teachers.models import NoResearchersStatement
from tests.conftest import client_for
from tests.teachers import factories
from tests.teachers.factories import YEAR

LIST = reverse("teachers:researcher_duty_list")
STATE = reverse("teachers:no_researchers_state")


def withdraw_url(statement: NoResearchersStatement) -> str:
    return reverse("teachers:no_researchers_clear", kwargs={"pk": statement.pk})


def test_the_editor_states_and_withdraws_it_with_an_audit_trail(editor, teachers_return):
    statement = services.no_researchers_state(
        user=editor, year=YEAR, note=" 本县教研工作由市教研院承担 "
    )
    assert (statement.unit, statement.year, statement.stated_by) == (editor.unit, YEAR, editor)
    assert statement.note == "本县教研工作由市教研院承担"
    # Stating again changes the explanation of the same statement.
    again = services.no_researchers_state(user=editor, year=YEAR, note="另行说明")
    assert again.pk == statement.pk and NoResearchersStatement.objects.count() == 1
    services.no_researchers_clear(user=editor, statement=again)
    assert not NoResearchersStatement.objects.exists()
    actions = list(
        LogEntry.objects.get_for_model(NoResearchersStatement)
        .order_by("timestamp", "pk")
        .values_list("action", "additional_data")
    )
    assert [action for action, _data in actions] == [
        LogEntry.Action.CREATE,
        LogEntry.Action.UPDATE,
        LogEntry.Action.DELETE,
    ]
    assert all(data == {"unit": editor.unit.code} for _action, data in actions)


def test_a_county_with_researchers_cannot_state_it_has_none(editor, teachers_return, staff_a):
    factories.make_roster_row(staff_a, None)  # a researcher (no school)
    with pytest.raises(ValidationError):
        services.no_researchers_state(user=editor, year=YEAR)
    assert not NoResearchersStatement.objects.exists()


def test_a_submitted_return_refuses_both(editor, teachers_return, without_quality_rules):
    statement = services.no_researchers_state(user=editor, year=YEAR)
    return_transition(yearly_return=teachers_return, user=editor, action="submit")
    with pytest.raises(ReturnLocked):
        services.no_researchers_clear(user=editor, statement=statement)
    statement.delete()
    with pytest.raises(ReturnLocked):
        services.no_researchers_state(user=editor, year=YEAR)
    with pytest.raises(ReturnLocked):  # a year the city has not opened
        services.no_researchers_state(user=editor, year=YEAR + 1)


def test_only_the_countys_own_editor_writes(editor, other_editor, reviewer, teachers_return):
    statement = services.no_researchers_state(user=editor, year=YEAR)
    with pytest.raises(PermissionDenied):
        services.no_researchers_clear(user=other_editor, statement=statement)
    with pytest.raises(PermissionDenied):
        services.no_researchers_state(user=reviewer, year=YEAR)
    assert NoResearchersStatement.objects.get() == statement


def test_the_researchers_page_states_and_withdraws(editor, teachers_return):
    client = client_for(editor)
    page = client.get(LIST)
    assert page.context["no_researchers"]["form"].fields["year"].choices == [(YEAR, YEAR)]
    response = client.post(STATE, {"year": YEAR, "note": "暂无专职教研员"})
    assert response.status_code == 302 and response.url == LIST
    statement = NoResearchersStatement.objects.get()
    assert LogEntry.objects.get_for_object(statement).get().actor == editor
    page = client.get(LIST)
    content = page.content.decode()
    assert "台山市声明 2025 年没有教研员" in content and 'data-testid="withdraw"' in content
    # A stated year is no longer offered.
    assert page.context["no_researchers"]["form"].fields["year"].choices == []
    response = client.post(withdraw_url(statement))
    assert response.status_code == 302
    assert not NoResearchersStatement.objects.exists()


def test_the_page_shows_the_refusal(editor, teachers_return, staff_a):
    factories.make_roster_row(staff_a, None)
    page = client_for(editor).post(STATE, {"year": YEAR}, follow=True)
    assert "教研员" in [str(m) for m in page.context["messages"]][0]
    assert not NoResearchersStatement.objects.exists()


def test_a_year_not_editable_is_not_offered_nor_accepted(editor, teachers_return):
    YearlyReturn.objects.filter(pk=teachers_return.pk).update(status="submitted")
    client = client_for(editor)
    page = client.get(LIST)
    assert page.context["no_researchers"]["form"].fields["year"].choices == []
    client.post(STATE, {"year": YEAR})
    assert not NoResearchersStatement.objects.exists()


def test_another_countys_editor_gets_a_404_and_city_users_403(
    editor, other_editor, reviewer, assessor, teachers_return
):
    statement = services.no_researchers_state(user=editor, year=YEAR)
    assert client_for(other_editor).post(withdraw_url(statement)).status_code == 404
    for user in (reviewer, assessor):
        assert client_for(user).post(withdraw_url(statement)).status_code == 403
        assert client_for(user).post(STATE, {"year": YEAR}).status_code == 403
    assert NoResearchersStatement.objects.get() == statement
    # County B's editor states for county B only, and does not see A's withdraw button.
    page = client_for(other_editor).get(LIST)
    assert page.context["no_researchers"]["statements"] == []
    # The city sees every county's statement, without a button.
    page = client_for(reviewer).get(LIST)
    assert page.context["no_researchers"]["statements"] == [(statement, False)]
    assert 'data-testid="withdraw"' not in page.content.decode()


def test_the_statement_clears_rule_t07_after_the_change(
    editor, teachers_return, school_a, django_capture_on_commit_callbacks
):
    """Stating reruns the return's rules (the write goes through `ensure_editable`)."""
    for number in range(2):
        staff = factories.make_staff(editor.unit, f"T{number:04d}", f"教师{number}")
        factories.make_roster_row(staff, school_a)
    quality.findings_refresh(unit=editor.unit, year=YEAR)
    t07 = teachers_return.findings.filter(code="T07")
    assert set(t07.values_list("key", flat=True)) == {"figure:researchers"}
    with django_capture_on_commit_callbacks(execute=True):
        client_for(editor).post(STATE, {"year": YEAR})
    assert not t07.exists()
