"""A placement is visible to the sending and the receiving county; the sending
side edits dispatched teachers, the receiving side shadowing teachers; the city sees and edits
all (the assessor only reads); any other county gets 404."""

import pytest
from django.urls import reverse

from jiangmen_edu.models import Role
from pairing.permissions import (
    activities_for_user,
    can_edit,
    can_see,
    get_editable_or_404,
    groups_for_user,
    placements_for_user,
    school_links_for_user,
    teams_for_user,
)
from tests.conftest import client_for, make_user
from tests.pairing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def heshan_editor(db):
    return make_user("editor_heshan", Role.COUNTY_EDITOR, f.unit(f.HESHAN))


def test_a_dispatched_teacher_is_seen_by_both_sides_and_edited_by_the_sender(
    dispatched, xinhui_editor, editor, other_editor
):
    # 新会 sends, 台山 (county A) receives, 开平 (county B) is a third county.
    assert list(placements_for_user(xinhui_editor)) == [dispatched]
    assert list(placements_for_user(editor)) == [dispatched]
    assert list(placements_for_user(other_editor)) == []
    assert can_edit(xinhui_editor, dispatched)
    assert not can_edit(editor, dispatched)
    assert not can_edit(other_editor, dispatched)
    assert can_see(editor, dispatched) and not can_see(other_editor, dispatched)


def test_a_shadowing_teacher_is_edited_by_the_receiving_county(
    shadowing, xinhui_editor, editor, other_editor
):
    # 台山 (the recipient county of the pairing) sends its teacher to learn in 新会.
    assert list(placements_for_user(xinhui_editor)) == [shadowing]
    assert list(placements_for_user(editor)) == [shadowing]
    assert list(placements_for_user(other_editor)) == []
    assert can_edit(editor, shadowing)
    assert not can_edit(xinhui_editor, shadowing)


def test_the_city_sees_all_and_its_reviewers_and_admins_edit_all(
    dispatched, shadowing, reviewer, admin_user, assessor
):
    for user in (reviewer, admin_user, assessor):
        assert set(placements_for_user(user)) == {dispatched, shadowing}
    for record in (dispatched, shadowing):
        assert can_edit(reviewer, record) and can_edit(admin_user, record)
        assert not can_edit(assessor, record)


def test_a_member_of_the_same_group_is_still_a_third_county(dispatched, heshan_editor):
    assert not placements_for_user(heshan_editor).exists()


def test_activities_teams_and_links_follow_the_same_rule(
    shadowing, taishan_school, xinhui_school, cycle2, editor, other_editor, xinhui_editor
):
    import datetime

    team = f.make_team(f.TAISHAN, f.XINHUI, [taishan_school])
    line = f.make_activity("reflection", datetime.date(2025, 6, 1), placement=shadowing)
    link = f.make_link(cycle2, xinhui_school, taishan_school)
    for user in (editor, xinhui_editor):
        assert list(activities_for_user(user)) == [line]
        assert list(teams_for_user(user)) == [team]
        assert list(school_links_for_user(user)) == [link]
    assert not activities_for_user(other_editor).exists()
    assert not teams_for_user(other_editor).exists()
    assert not school_links_for_user(other_editor).exists()
    # The teacher's side records the teacher's lines; the supporter its team and links.
    assert can_edit(editor, line) and not can_edit(xinhui_editor, line)
    assert can_edit(xinhui_editor, team) and not can_edit(editor, team)
    assert can_edit(xinhui_editor, link) and not can_edit(editor, link)


def test_groups_a_county_takes_part_in(db, editor, other_editor, xinhui_editor, reviewer):
    assert [g.recipient.code for g in groups_for_user(editor)] == [f.TAISHAN]
    assert [g.recipient.code for g in groups_for_user(other_editor)] == [f.KAIPING]
    assert [g.recipient.code for g in groups_for_user(xinhui_editor)] == [f.TAISHAN]
    assert groups_for_user(reviewer).count() == 3


def test_get_editable_is_404_for_a_third_county_and_403_for_the_other_side(
    dispatched, editor, other_editor, xinhui_editor
):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from pairing.models import Placement

    with pytest.raises(Http404):
        get_editable_or_404(Placement.objects.all(), other_editor, pk=dispatched.pk)
    with pytest.raises(PermissionDenied):
        get_editable_or_404(Placement.objects.all(), editor, pk=dispatched.pk)
    assert get_editable_or_404(Placement.objects.all(), xinhui_editor, pk=dispatched.pk)


def test_the_pages_answer_the_same(dispatched, editor, other_editor, xinhui_editor, reviewer):
    edit = reverse("pairing:placement_edit", kwargs={"pk": dispatched.pk})
    delete = reverse("pairing:placement_delete", kwargs={"pk": dispatched.pk})
    assert client_for(other_editor).get(edit).status_code == 404
    assert client_for(other_editor).post(delete).status_code == 404
    assert client_for(editor).get(edit).status_code == 403
    assert client_for(editor).post(delete).status_code == 403
    assert client_for(xinhui_editor).get(edit).status_code == 200
    assert client_for(reviewer).get(edit).status_code == 200
    listing = reverse("pairing:placement_list")
    assert "李支教" in client_for(editor).get(listing).content.decode()
    assert "李支教" not in client_for(other_editor).get(listing).content.decode()
    for user, seen in ((editor, True), (other_editor, False)):
        export = client_for(user).get(reverse("pairing:placement_export"))
        assert ("李支教" in xlsx_text(export.content)) is seen


def xlsx_text(content: bytes) -> str:
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(content)).active
    return " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)


def test_a_third_county_cannot_open_another_groups_dashboard(db, editor, other_editor):
    group = f.group_for(f.TAISHAN)
    url = reverse("pairing:group_dashboard", kwargs={"pk": group.pk})
    assert client_for(editor).get(url).status_code == 200
    assert client_for(other_editor).get(url).status_code == 404
