"""The compliance table (docs/rules.md#pairing-targets), each target at its boundary on real ledger
rows."""

import datetime

import pytest

from pairing import compliance
from pairing.models import Placement
from tests.pairing import factories as f

D = datetime.date
END_OF_2025 = D(2025, 12, 31)
pytestmark = pytest.mark.django_db


def table(user, params=None, as_of=END_OF_2025, group=None, team=None):
    period, _rounds, _cycles = compliance.resolve_period(params or {}, as_of)
    data = compliance.load(user, period, group=group, team=team)
    sections = compliance.build(data, team_chosen=team is not None)
    return {line.key: line for section in sections for line in section.lines}


def first_round_year(year):
    return {"round": str(f.first_round().pk), "year": str(year)}


@pytest.mark.parametrize("open_classes, passed", [(15, False), (16, True), (17, True)])
def test_open_classes_two_a_month(dispatched, reviewer, open_classes, passed):
    # 8 months served in 2025: 16 open classes needed.
    f.make_activity("open_class", D(2025, 3, 1), open_classes, placement=dispatched)
    group = f.group_for(f.TAISHAN)
    line = table(reviewer, first_round_year(2025))[f"group-{group.pk}-open-classes"]
    assert line.passed is passed
    assert line.records == ([] if passed else [f"李支教（X001）: {open_classes} / 16"])


@pytest.mark.parametrize("reviews, passed", [(67, False), (68, True)])
def test_reviews_two_a_week(dispatched, reviewer, reviews, passed):
    # 2025-01-01 – 2025-08-31: 243 days, 34 whole weeks → 68.
    f.make_activity("lesson_review", D(2025, 3, 1), reviews, placement=dispatched)
    line = table(reviewer, first_round_year(2025))[f"group-{f.group_for(f.TAISHAN).pk}-reviews"]
    assert line.passed is passed


@pytest.mark.parametrize("observations, passed", [(140, False), (141, True)])
def test_observations_three_a_week(shadowing, reviewer, observations, passed):
    # 2025-02-01 – 2025-12-31: 334 days, 47 whole weeks → 141.
    f.make_activity("observation", D(2025, 3, 1), observations, placement=shadowing)
    line = table(reviewer, first_round_year(2025))[
        f"group-{f.group_for(f.TAISHAN).pk}-observations"
    ]
    assert line.passed is passed


@pytest.mark.parametrize("reflections, passed", [(1, False), (2, True)])
def test_reflections_one_a_semester(shadowing, reviewer, reflections, passed):
    # Spring term from 1 February and the autumn term from 1 September (half of it in
    # 2025 counts: 122 of 153 days): 2 semesters.
    f.make_activity("reflection", D(2025, 6, 30), reflections, placement=shadowing)
    line = table(reviewer, first_round_year(2025))[f"group-{f.group_for(f.TAISHAN).pk}-reflections"]
    assert line.passed is passed


@pytest.mark.parametrize("visits, passed", [(23, False), (24, True)])
def test_principal_visits_two_a_month_per_team(
    reporting_year, taishan_school, reviewer, visits, passed
):
    team = f.make_team(f.TAISHAN, f.XINHUI, [taishan_school])
    f.make_activity("principal_visit", D(2025, 3, 1), visits - 1, team=team)
    # A visit to the team's school by the team's unit counts for the team.
    f.make_activity(
        "principal_visit", D(2025, 4, 1), 1, school=taishan_school, supporter_unit=team.unit
    )
    lines = table(reviewer, first_round_year(2025))
    assert lines[f"team-visits-{team.pk}"].passed is passed
    assert lines[f"group-{team.group_id}-visits"].passed is passed


@pytest.mark.parametrize("count, passed", [(119, False), (120, True), (121, True)])
def test_120_dispatched_teachers_per_cycle(
    cycle2, xinhui_school, taishan_school, reviewer, editor, count, passed
):
    Placement.objects.bulk_create(
        Placement(
            kind="dispatched",
            name=f"支教{i}",
            staff_no=f"X{i}",
            home_school=xinhui_school,
            host_school=taishan_school,
            supporter_unit=xinhui_school.unit,
            recipient_unit=taishan_school.unit,
            cycle=cycle2,
            start=D(2023, 9, 1),
            end=D(2025, 8, 31),
            year=2023,
        )
        for i in range(count)
    )
    params = {"round": str(f.first_round().pk), "cycle": str(cycle2.pk)}
    line = table(reviewer, params)[f"dispatched-{cycle2.pk}"]
    assert (line.actual, line.passed) == (str(count), passed)
    # A county sees only its share: it informs and is not judged.
    group = f.group_for(f.TAISHAN)
    share = table(editor, params)[f"group-{group.pk}-dispatched-{cycle2.pk}"]
    assert (share.actual, share.passed) == (str(count), None)


@pytest.mark.parametrize("count, passed", [(119, False), (120, True)])
def test_120_shadowing_teachers_a_year(taishan_school, xinhui_school, reviewer, count, passed):
    Placement.objects.bulk_create(
        Placement(
            kind="shadowing",
            name=f"跟岗{i}",
            staff_no=f"T{i}",
            home_school=taishan_school,
            host_school=xinhui_school,
            supporter_unit=xinhui_school.unit,
            recipient_unit=taishan_school.unit,
            start=D(2024, 9, 1),
            end=D(2025, 7, 31),
            year=2024,
        )
        for i in range(count)
    )
    line = table(reviewer, first_round_year(2024))["shadowing-2024"]
    assert line.passed is passed


@pytest.mark.parametrize("count, passed", [(29, False), (30, True)])
def test_30_school_pairs_per_cycle(cycle2, xinhui_school, reviewer, count, passed):
    for i in range(count):
        recipient = f.make_school(f"44078170{i:02d}", f"台山市第{i}小学", f.TAISHAN)
        f.make_link(cycle2, xinhui_school, recipient)
    params = {"round": str(f.first_round().pk), "cycle": str(cycle2.pk)}
    assert table(reviewer, params)[f"pairs-{cycle2.pk}"].passed is passed


@pytest.fixture
def roster_of_100(db):
    """100 full-time teachers in 台山's 2025 roster (the teachers ledger)."""
    from teachers.models import Staff, StaffYear

    school = f.make_school("4407818888", "台山市台城第九小学", f.TAISHAN)
    staff = Staff.objects.bulk_create(
        Staff(unit=school.unit, staff_no=f"R{i}", name=f"教师{i}") for i in range(100)
    )
    StaffYear.objects.bulk_create(
        StaffYear(
            staff=person,
            year=2025,
            unit=school.unit,
            school=school,
            stage="primary",
            post="teacher",
            employment="on_staff",
            degree=3,
            title=2,
            subject="chinese",
        )
        for person in staff
    )


@pytest.mark.parametrize("trained, passed", [(4, False), (5, True), (6, True)])
def test_it_training_for_5_percent_of_the_recipients_teachers(
    reporting_year, roster_of_100, taishan_school, reviewer, trained, passed
):
    xinhui = f.unit(f.XINHUI)
    f.make_activity(
        "it_training",
        D(2025, 7, 1),
        trained,
        school=taishan_school,
        supporter_unit=xinhui,
        hours=30,
        days=5,
    )
    # Shorter than 5 days or 30 hours does not count.
    f.make_activity(
        "it_training",
        D(2025, 7, 9),
        10,
        school=taishan_school,
        supporter_unit=xinhui,
        hours=29,
        days=5,
    )
    group = f.group_for(f.TAISHAN)
    line = table(reviewer, first_round_year(2025))[f"it-{group.pk}-2025"]
    assert (line.actual, line.passed) == (str(trained), passed)


def test_training_coverage_pro_rata(reporting_year, roster_of_100, taishan_school, reviewer):
    # As of the end of 2025 the five years of the first round are complete: all 100.
    f.make_activity(
        "training",
        D(2025, 5, 1),
        99,
        school=taishan_school,
        supporter_unit=f.unit(f.XINHUI),
        hours=6,
    )
    group = f.group_for(f.TAISHAN)
    key = f"coverage-{group.pk}"
    assert table(reviewer, {"round": str(f.first_round().pk)})[key].passed is False
    # Mid-2025, four years are complete: 80 needed.
    assert table(reviewer, {"round": str(f.first_round().pk)}, as_of=D(2025, 6, 1))[key].passed


@pytest.mark.parametrize("schools, passed", [(1, True), (2, True), (3, False)])
def test_group_schooling_one_or_two_weak_schools(cycle2, xinhui_school, reviewer, schools, passed):
    for i in range(schools):
        weak = f.make_school(f"44078160{i:02d}", f"台山市薄弱{i}小学", f.TAISHAN)
        f.make_link(cycle2, xinhui_school, weak, kind="group_schooling")
    params = {"round": str(f.first_round().pk), "cycle": str(cycle2.pk)}
    key = f"group-schooling-{f.group_for(f.TAISHAN).pk}-{cycle2.pk}"
    assert table(reviewer, params)[key].passed is passed


def test_no_group_schooling_fails(cycle2, reviewer):
    params = {"round": str(f.first_round().pk), "cycle": str(cycle2.pk)}
    key = f"group-schooling-{f.group_for(f.TAISHAN).pk}-{cycle2.pk}"
    assert table(reviewer, params)[key].passed is False


def test_a_team_table_shows_its_schools_rule(reporting_year, taishan_school, reviewer):
    team = f.make_team(f.TAISHAN, f.XINHUI, [taishan_school])
    lines = table(reviewer, first_round_year(2025), team=team)
    assert lines[f"team-schools-{team.pk}"].passed is True
    assert not any(key.startswith("group-") for key in lines)
