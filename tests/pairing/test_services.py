"""The services: overlap refusal, the 1–2 schools rule, Annex 2's pairings, the yearly lock."""

import datetime
from dataclasses import replace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jiangmen_edu.models import YearlyReturn
from jiangmen_edu.workflow import ReturnLocked, return_transition
from pairing import services
from pairing.models import Activity, Placement, SupportTeam
from pairing.services import ActivityData, PlacementData, SchoolLinkData, TeamData
from tests.pairing import factories as f

D = datetime.date
# Submission here is about the services, not the data-quality rules (tests/core/quality).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_quality_rules")]


JANUARY_1, AUGUST_31 = D(2025, 1, 1), D(2025, 8, 31)


def dispatched_data(home, host, cycle, start=JANUARY_1, end=AUGUST_31, **extra):
    return PlacementData(
        kind=Placement.Kind.DISPATCHED,
        name="李支教",
        staff_no="X001",
        home_school=home,
        host_school=host,
        start=start,
        end=end,
        cycle=cycle,
        **extra,
    )


def test_the_sending_side_records_a_dispatched_teacher(
    reporting_year, cycle2, xinhui_school, taishan_school, xinhui_editor
):
    placement = services.placement_create(
        user=xinhui_editor, data=dispatched_data(xinhui_school, taishan_school, cycle2)
    )
    assert (placement.supporter_unit.code, placement.recipient_unit.code) == (f.XINHUI, f.TAISHAN)
    assert placement.year == 2025 and placement.editing_unit_id == xinhui_school.unit_id


def test_the_receiving_side_cannot_record_a_dispatched_teacher(
    reporting_year, cycle2, xinhui_school, taishan_school, editor
):
    with pytest.raises(PermissionDenied):
        services.placement_create(
            user=editor, data=dispatched_data(xinhui_school, taishan_school, cycle2)
        )
    assert not Placement.objects.exists()


@pytest.mark.parametrize(
    "start, refused",
    [
        (D(2025, 8, 31), True),  # the last day of the first placement: overlaps
        (D(2025, 9, 1), False),  # the next day: does not
    ],
)
def test_one_person_cannot_be_on_overlapping_placements(
    dispatched, xinhui_school, taishan_school_2, xinhui_editor, start, refused
):
    # The first placement (fixture) runs 2025-01-01 – 2025-08-31 for staff number X001.
    cycle = dispatched.cycle
    cycle.end = D(2025, 12, 31)
    cycle.save()
    data = dispatched_data(xinhui_school, taishan_school_2, cycle, start=start, end=D(2025, 12, 31))
    if refused:
        with pytest.raises(ValidationError) as error:
            services.placement_create(user=xinhui_editor, data=data)
        assert "X001" in error.value.message_dict["start"][0]
        assert Placement.objects.count() == 1
    else:
        services.placement_create(user=xinhui_editor, data=data)
        assert Placement.objects.count() == 2


def test_overlap_counts_across_kinds_and_not_across_people(
    shadowing, taishan_school, xinhui_school_2, editor
):
    data = PlacementData(
        kind=Placement.Kind.SHADOWING,
        name="王跟岗",
        staff_no="T001",
        home_school=taishan_school,
        host_school=xinhui_school_2,
        start=D(2025, 12, 31),
        end=D(2026, 6, 30),
    )
    with pytest.raises(ValidationError):
        services.placement_create(user=editor, data=data)
    other = services.placement_create(user=editor, data=replace(data, staff_no="T002"))
    assert other.pk


def test_editing_a_placement_does_not_overlap_with_itself(dispatched, xinhui_editor):
    data = dispatched_data(
        dispatched.home_school, dispatched.host_school, dispatched.cycle, end=D(2025, 7, 31)
    )
    services.placement_update(user=xinhui_editor, placement=dispatched, data=data)
    dispatched.refresh_from_db()
    assert dispatched.end == D(2025, 7, 31)


def test_a_supporter_only_sends_to_its_own_recipient(
    reporting_year, cycle2, xinhui_school, kaiping_school, xinhui_editor
):
    with pytest.raises(ValidationError) as error:
        services.placement_create(
            user=xinhui_editor, data=dispatched_data(xinhui_school, kaiping_school, cycle2)
        )
    assert "host_school" in error.value.message_dict


def test_a_dispatched_teacher_needs_a_cycle_that_contains_the_start(
    reporting_year, cycles, xinhui_school, taishan_school, xinhui_editor
):
    with pytest.raises(ValidationError) as error:
        services.placement_create(
            user=xinhui_editor, data=dispatched_data(xinhui_school, taishan_school, None)
        )
    assert "cycle" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.placement_create(
            user=xinhui_editor, data=dispatched_data(xinhui_school, taishan_school, cycles[0])
        )
    assert "start" in error.value.message_dict


def test_an_approved_return_locks_the_editing_sides_records(dispatched, reviewer, xinhui_editor):
    yearly = YearlyReturn.objects.get(
        unit=dispatched.supporter_unit, reporting_year__year=2025, section="pairing"
    )
    return_transition(yearly_return=yearly, user=xinhui_editor, action="submit")
    return_transition(yearly_return=yearly, user=reviewer, action="approve")
    with pytest.raises(ReturnLocked):
        services.placement_delete(user=xinhui_editor, placement=dispatched)
    # The city edits all, but not past the lock either.
    with pytest.raises(ReturnLocked):
        services.placement_delete(user=reviewer, placement=dispatched)
    assert Placement.objects.filter(pk=dispatched.pk).exists()


def test_a_year_not_opened_refuses(cycles, xinhui_school, taishan_school, xinhui_editor):
    with pytest.raises(ReturnLocked):
        services.placement_create(
            user=xinhui_editor,
            data=dispatched_data(
                xinhui_school, taishan_school, cycles[0], start=D(2022, 9, 1), end=D(2023, 7, 31)
            ),
        )


# --- support teams: 1–2 township central schools --------------------------------------------


def team_data(schools, unit_code=f.XINHUI, name="会城支援组"):
    return TeamData(
        group=f.group_for(f.TAISHAN),
        round=f.first_round(),
        name=name,
        unit=f.unit(unit_code),
        leader="张组长",
        schools=tuple(schools),
        members=(("李一", "小学语文"), ("王二", "")),
    )


def test_a_team_helps_one_or_two_central_schools(taishan_school, taishan_school_2, xinhui_editor):
    team = services.team_create(
        user=xinhui_editor, data=team_data([taishan_school, taishan_school_2])
    )
    assert {s.pk for s in team.schools.all()} == {taishan_school.pk, taishan_school_2.pk}
    assert [m.name for m in team.members.all()] == ["李一", "王二"]


@pytest.mark.parametrize("count", [0, 3])
def test_more_than_two_or_no_school_is_refused_with_a_clear_message(
    taishan_school, taishan_school_2, taishan_school_3, xinhui_editor, count
):
    schools = [taishan_school, taishan_school_2, taishan_school_3][:count]
    with pytest.raises(ValidationError) as error:
        services.team_create(user=xinhui_editor, data=team_data(schools))
    message = error.value.message_dict["schools"][0]
    assert f"{count}" in message and "1" in message and "2" in message
    assert not SupportTeam.objects.exists()


def test_a_team_adding_a_third_school_is_refused(
    taishan_school, taishan_school_2, taishan_school_3, xinhui_editor
):
    team = services.team_create(
        user=xinhui_editor, data=team_data([taishan_school, taishan_school_2])
    )
    with pytest.raises(ValidationError):
        services.team_update(
            user=xinhui_editor,
            team=team,
            data=team_data([taishan_school, taishan_school_2, taishan_school_3]),
        )
    assert team.schools.count() == 2


def test_a_team_helps_central_schools_of_its_recipient_only(
    taishan_school, kaiping_school, xinhui_editor
):
    not_central = f.make_school("4407819999", "台山市某小学", f.TAISHAN)
    for school in (kaiping_school, not_central):
        with pytest.raises(ValidationError):
            services.team_create(user=xinhui_editor, data=team_data([school]))


def test_a_team_is_formed_by_a_supporter_of_the_group(taishan_school, reviewer):
    with pytest.raises(ValidationError) as error:
        services.team_create(user=reviewer, data=team_data([taishan_school], unit_code=f.HESHAN))
    assert "unit" in error.value.message_dict


# --- activities and school links --------------------------------------------------------------


def test_an_activity_of_a_teacher_is_edited_by_the_teachers_side(shadowing, editor, xinhui_editor):
    data = ActivityData(kind="observation", date=D(2025, 3, 3), count=12, placement=shadowing)
    line = services.activity_create(user=editor, data=data)
    assert line.unit_id == shadowing.recipient_unit_id
    with pytest.raises(PermissionDenied):
        services.activity_create(user=xinhui_editor, data=data)


def test_activity_rules(shadowing, dispatched, taishan_school, editor, xinhui_editor):
    refusals = [
        (editor, ActivityData(kind="observation", date=D(2025, 3, 3), placement=dispatched)),
        (editor, ActivityData(kind="reflection", date=D(2025, 1, 3), placement=shadowing)),
        (xinhui_editor, ActivityData(kind="open_class", date=D(2025, 3, 3), school=taishan_school)),
        (
            xinhui_editor,
            ActivityData(
                kind="training",
                date=D(2025, 3, 3),
                school=taishan_school,
                supporter_unit=f.unit(f.XINHUI),
            ),
        ),
        (
            xinhui_editor,
            ActivityData(
                kind="it_training",
                date=D(2025, 3, 3),
                hours=30,
                school=taishan_school,
                supporter_unit=f.unit(f.XINHUI),
            ),
        ),
        (
            xinhui_editor,
            ActivityData(
                kind="training",
                date=D(2025, 3, 3),
                hours=6,
                school=taishan_school,
                supporter_unit=f.unit(f.HESHAN),
            ),
        ),
    ]
    for user, data in refusals:
        with pytest.raises(ValidationError):
            services.activity_create(user=user, data=data)
    assert not Activity.objects.exists()
    line = services.activity_create(
        user=xinhui_editor,
        data=ActivityData(
            kind="it_training",
            date=D(2025, 7, 10),
            count=25,
            hours=30,
            days=5,
            school=taishan_school,
            supporter_unit=f.unit(f.XINHUI),
        ),
    )
    assert (line.supporter_unit.code, line.recipient_unit.code, line.unit.code) == (
        f.XINHUI,
        f.TAISHAN,
        f.XINHUI,
    )


def test_school_links_follow_annex_2(
    reporting_year, cycle2, xinhui_school, taishan_school, kaiping_school, xinhui_editor
):
    cycle2.start = D(2025, 9, 1)  # a cycle starting in the open year
    cycle2.end = D(2027, 8, 31)
    cycle2.save()
    link = services.school_link_create(
        user=xinhui_editor,
        data=SchoolLinkData(
            cycle=cycle2, supporter_school=xinhui_school, recipient_school=taishan_school
        ),
    )
    assert link.recipient_unit.code == f.TAISHAN
    with pytest.raises(ValidationError):
        services.school_link_create(
            user=xinhui_editor,
            data=SchoolLinkData(
                cycle=cycle2, supporter_school=xinhui_school, recipient_school=taishan_school
            ),
        )
    with pytest.raises(ValidationError):
        services.school_link_create(
            user=xinhui_editor,
            data=SchoolLinkData(
                cycle=cycle2, supporter_school=xinhui_school, recipient_school=kaiping_school
            ),
        )


def test_every_write_is_audited_with_the_editing_sides_unit(dispatched, xinhui_editor):
    from auditlog.models import LogEntry

    services.placement_delete(user=xinhui_editor, placement=dispatched)
    entry = LogEntry.objects.filter(content_type__model="placement").latest("timestamp")
    assert entry.action == LogEntry.Action.DELETE
    assert entry.additional_data == {"unit": f.XINHUI}
