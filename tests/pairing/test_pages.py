"""The pages: adding through the forms, filters, and a constant number of queries whatever the
data size."""

import datetime

import pytest
from django.urls import reverse

from pairing.models import Activity, Placement, SchoolLink, SupportTeam
from tests.conftest import client_for
from tests.pairing import factories as f

D = datetime.date
pytestmark = pytest.mark.django_db


def fill(first: int, size: int, cycle, xinhui_school, taishan_school) -> None:
    """`size` dispatched and shadowing teachers with activity lines, teams and school links."""
    team = f.make_team(f.TAISHAN, f.XINHUI, [taishan_school], name=f"支援组{first}")
    for i in range(first, first + size):
        home = f.make_school(f"44070580{i:02d}", f"新会区第{i}小学", f.XINHUI)
        host = f.make_school(f"44078180{i:02d}", f"台山市第{i}中心小学", f.TAISHAN, central=True)
        dispatched = f.make_placement(
            "dispatched",
            home,
            host,
            D(2023, 9, 1),
            D(2025, 8, 31),
            name=f"支教{i}",
            staff_no=f"X{i}",
            cycle=cycle,
            team=team,
        )
        shadowing = f.make_placement(
            "shadowing",
            host,
            home,
            D(2025, 2, 1),
            D(2025, 12, 31),
            name=f"跟岗{i}",
            staff_no=f"T{i}",
        )
        f.make_activity("open_class", D(2025, 3, 1), 2, placement=dispatched)
        f.make_activity("observation", D(2025, 3, 1), 12, placement=shadowing)
        f.make_activity("principal_visit", D(2025, 3, 2), 2, team=team)
        f.make_link(cycle, home, host)
        f.make_link(cycle, home, taishan_school, kind="group_schooling")
        f.make_activity("group_schooling", D(2025, 3, 5), 3, school=host, supporter_unit=home.unit)
        f.make_activity(
            "it_training",
            D(2025, 7, 1),
            10,
            school=host,
            supporter_unit=home.unit,
            hours=30,
            days=5,
        )
        f.make_team(f.TAISHAN, f.XINHUI, [host], name=f"组{i}")


PAGES = [
    ("pairing:placement_list", {}),
    ("pairing:placement_list", {"kind": "dispatched", "recipient": f.TAISHAN}),
    ("pairing:placement_export", {}),
    ("pairing:activity_list", {}),
    ("pairing:activity_export", {}),
    ("pairing:team_list", {}),
    ("pairing:team_export", {}),
    ("pairing:school_link_list", {}),
    ("pairing:school_link_export", {}),
    ("pairing:compliance", {}),
    ("pairing:compliance", {"year": "2025"}),
    ("pairing:overview", {}),
    ("pairing:group_dashboard", {"round": "1"}),
    ("pairing:compliance", {"group": "2", "cycle": "2"}),
    ("pairing:funding", {"year": "2025"}),
    ("pairing:funding_export", {"year": "2025"}),
    ("pairing:placement_add", {}),
    ("pairing:activity_add", {}),
    ("pairing:team_add", {}),
    ("pairing:school_link_add", {}),
]


def count_queries(client, name, params, django_assert_max_num_queries) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url(name), params)
    assert response.status_code == 200, (name, response.status_code)
    return len(captured)


def test_pages_run_a_constant_number_of_queries(
    reporting_year, cycle2, xinhui_school, taishan_school, reviewer, django_assert_max_num_queries
):
    client = client_for(reviewer)
    fill(0, 2, cycle2, xinhui_school, taishan_school)
    small = {
        (name, str(params)): count_queries(client, name, params, django_assert_max_num_queries)
        for name, params in PAGES
    }
    fill(2, 12, cycle2, xinhui_school, taishan_school)
    for name, params in PAGES:
        with django_assert_max_num_queries(small[(name, str(params))]):
            response = client.get(url(name), params)
        assert response.status_code == 200, name


def url(name: str) -> str:
    if name == "pairing:group_dashboard":
        return reverse(name, kwargs={"pk": f.group_for(f.TAISHAN).pk})
    return reverse(name)


def test_the_sender_adds_a_dispatched_teacher_through_the_form(
    reporting_year, cycle2, xinhui_school, taishan_school, xinhui_editor
):
    response = client_for(xinhui_editor).post(
        reverse("pairing:placement_add"),
        {
            "kind": "dispatched",
            "name": "赵支教",
            "staff_no": "X100",
            "subject": "初中数学",
            "home_school": xinhui_school.pk,
            "host_school": taishan_school.pk,
            "cycle": cycle2.pk,
            "start": "2025-02-01",
            "end": "2025-08-31",
        },
    )
    assert response.status_code == 302, response.content.decode()
    placement = Placement.objects.get(staff_no="X100")
    assert placement.recipient_unit.code == f.TAISHAN


def test_a_refused_form_shows_why(dispatched, xinhui_school, taishan_school_2, xinhui_editor):
    response = client_for(xinhui_editor).post(
        reverse("pairing:placement_add"),
        {
            "kind": "dispatched",
            "name": "李支教",
            "staff_no": "X001",
            "home_school": xinhui_school.pk,
            "host_school": taishan_school_2.pk,
            "cycle": dispatched.cycle.pk,
            "start": "2025-03-01",
            "end": "2025-06-30",
        },
    )
    assert response.status_code == 200
    assert "X001" in response.content.decode()
    assert Placement.objects.count() == 1


def test_a_team_form_with_three_schools_is_refused(
    taishan_school, taishan_school_2, taishan_school_3, xinhui_editor
):
    data = {
        "group": f.group_for(f.TAISHAN).pk,
        "round": f.first_round().pk,
        "name": "都斛支援组",
        "unit": f.unit(f.XINHUI).pk,
        "leader": "张组长",
        "schools": [taishan_school.pk, taishan_school_2.pk, taishan_school_3.pk],
        "member_lines": "李一, 小学语文\n王二",
    }
    client = client_for(xinhui_editor)
    response = client.post(reverse("pairing:team_add"), data)
    assert response.status_code == 200 and not SupportTeam.objects.exists()
    data["schools"] = data["schools"][:2]
    assert client.post(reverse("pairing:team_add"), data).status_code == 302
    team = SupportTeam.objects.get()
    assert [m.subject for m in team.members.all()] == ["小学语文", ""]
    edit = client.get(reverse("pairing:team_edit", kwargs={"pk": team.pk}))
    assert "李一, 小学语文" in edit.content.decode()


def test_activity_and_link_forms(
    shadowing, cycle2, xinhui_school, taishan_school, editor, xinhui_editor
):
    response = client_for(editor).post(
        reverse("pairing:activity_add"),
        {"kind": "observation", "date": "2025-03-03", "count": 12, "placement": shadowing.pk},
    )
    assert response.status_code == 302
    line = Activity.objects.get()
    response = client_for(editor).post(
        reverse("pairing:activity_edit", kwargs={"pk": line.pk}),
        {"kind": "observation", "date": "2025-03-04", "count": 13, "placement": shadowing.pk},
    )
    line.refresh_from_db()
    assert (line.count, line.date) == (13, D(2025, 3, 4))
    cycle2.start, cycle2.end = D(2025, 9, 1), D(2027, 8, 31)
    cycle2.save()
    response = client_for(xinhui_editor).post(
        reverse("pairing:school_link_add"),
        {
            "cycle": cycle2.pk,
            "kind": "pair",
            "supporter_school": xinhui_school.pk,
            "recipient_school": taishan_school.pk,
        },
    )
    assert response.status_code == 302 and SchoolLink.objects.count() == 1
    link = SchoolLink.objects.get()
    client_for(xinhui_editor).post(reverse("pairing:school_link_delete", kwargs={"pk": link.pk}))
    assert not SchoolLink.objects.exists()


def test_the_assessor_reads_but_does_not_write(dispatched, assessor):
    client = client_for(assessor)
    assert client.get(reverse("pairing:placement_list")).status_code == 200
    assert client.get(reverse("pairing:placement_add")).status_code == 403
