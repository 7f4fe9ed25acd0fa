"""The pairing lists' filters (pairing.filters): a county is offered the sides, teams and
groups of its own pairings only; another pairing's unit, team or group in the parameters is
invalid and filters nothing, so the page and the export hold none of that pairing's rows."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from pairing.filters import PlacementFilterSet, TeamFilterSet
from pairing.models import Placement, SupportTeam
from tests.conftest import client_for
from tests.pairing import factories as f

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def two_pairings(
    reporting_year, cycle2, xinhui_school, taishan_school, kaiping_school, heshan_school
):
    """新会 → 台山 (county A) and 鹤山 → 开平 (county B): a team, a dispatched teacher with an
    activity, and a school pair in each."""
    pairings = {}
    for name, (home, host, recipient) in {
        "taishan": (xinhui_school, taishan_school, f.TAISHAN),
        "kaiping": (heshan_school, kaiping_school, f.KAIPING),
    }.items():
        team = f.make_team(recipient, home.unit.code, [host], name=f"{name}支援组")
        placement = f.make_placement(
            "dispatched",
            home,
            host,
            D(2025, 1, 1),
            D(2025, 8, 31),
            name=f"{name}支教",
            staff_no=f"{name}01",
            cycle=cycle2,
            team=team,
        )
        f.make_activity("open_class", D(2025, 3, 1), 2, placement=placement)
        f.make_link(cycle2, home, host)
        pairings[name] = team
    return pairings


def recipient_of(record):
    if isinstance(record, SupportTeam):
        return record.group.recipient.code
    return record.recipient_unit.code


@pytest.mark.parametrize("slug", ["placement", "activity", "team", "school_link"])
def test_taishans_pairing_in_kaipings_filters_brings_none_of_its_rows(
    slug, two_pairings, other_editor
):
    params = {
        "supporter": f.XINHUI,
        "recipient": f.TAISHAN,
        "team": two_pairings["taishan"].pk,
        "group": f.group_for(f.TAISHAN).pk,
    }
    client = client_for(other_editor)
    page = client.get(reverse(f"pairing:{slug}_list"), params)
    records = list(page.context["page"].object_list)
    assert records and {recipient_of(record) for record in records} == {f.KAIPING}
    export = client.get(reverse(f"pairing:{slug}_export"), params)
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))[1:]
    assert len(rows) == len(records)
    assert not any("台山" in str(cell) or "新会" in str(cell) for row in rows for cell in row)


def test_a_county_is_offered_the_sides_of_its_own_pairings(two_pairings, other_editor, editor):
    filters = PlacementFilterSet(
        {"supporter": f.XINHUI, "recipient": f.TAISHAN, "team": two_pairings["taishan"].pk},
        queryset=Placement.objects.order_by("pk"),
        user=other_editor,
    )
    supporters = {code for code, _name in filters.options("supporter")}
    assert f.HESHAN in supporters and f.XINHUI not in supporters
    assert filters.options("recipient") == [(f.KAIPING, f.unit(f.KAIPING).name)]
    assert filters.options("team") == [(str(two_pairings["kaiping"].pk), "kaiping支援组")]
    assert set(filters.errors) == {"supporter", "recipient", "team"}
    # Not applied, even over every county's rows.
    assert filters.qs.count() == Placement.objects.count()

    own = PlacementFilterSet({"supporter": f.XINHUI}, queryset=Placement.objects.all(), user=editor)
    assert not own.errors
    assert [p.supporter_unit.code for p in own.qs] == [f.XINHUI]


def test_a_county_is_offered_its_own_groups(two_pairings, other_editor):
    filters = TeamFilterSet(
        {"group": f.group_for(f.TAISHAN).pk}, queryset=SupportTeam.objects.all(), user=other_editor
    )
    assert filters.options("group") == [
        (str(f.group_for(f.KAIPING).pk), f.group_for(f.KAIPING).name)
    ]
    assert set(filters.errors) == {"group"}
