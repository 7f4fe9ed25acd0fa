"""The seat tracker's demo part: plans, projects and enrolment 2021–2025, some units behind."""

import random

import pytest

from jiangmen_edu.demo import PARTS
from jiangmen_edu.demo.core import fork, seed_core
from jiangmen_edu.models import Unit
from seats import selectors
from seats.demo import seed
from seats.models import EnrolmentYear, PlanExplanation, Project, ProjectYear


@pytest.fixture
def seeded(db):
    rng = random.Random(1)
    seed_core(fork(rng), "small")
    return seed(fork(rng), "small")


def test_it_is_a_registered_demo_part():
    assert "seats.demo.seed" in PARTS


def test_every_unit_gets_a_plan_projects_and_five_years_of_enrolment(seeded, period):
    assert seeded["units_skipped"] == 0
    assert seeded["plan_rows"] == 8 * 3 * 5
    assert set(Project.objects.values_list("unit__code", flat=True)) == set(
        Unit.objects.values_list("code", flat=True)
    )
    assert set(ProjectYear.objects.values_list("year", flat=True)) == {2021, 2022, 2023, 2024, 2025}
    assert EnrolmentYear.objects.count() == 8 * 5
    assert PlanExplanation.objects.get().unit.code == "440704"


def test_some_units_are_behind_and_the_city_reaches_its_target(seeded, period):
    board = selectors.progress_board(
        units=Unit.objects.all(), period=period, year=2025, city_view=True
    )
    behind = {
        row.unit.code: [s.stage for s in row.stages if s.behind] for row in board.rows if row.behind
    }
    assert behind == {
        "440781": ["compulsory"],
        "440783": ["preschool"],
        "440785": ["compulsory", "high_school"],
    }
    assert board.target_met and board.total.delivered_to_date >= 110_000
    assert not any(row.unexplained for row in board.rows)


def test_a_second_run_adds_nothing(seeded):
    again = seed(random.Random(2), "small")
    assert again["units_skipped"] == 8 and again["projects"] == 0


def test_the_indicator_inputs_are_complete_for_the_counties(seeded):
    counties = Unit.objects.filter(kind="county")
    inputs = selectors.indicator_inputs(counties.values_list("pk", flat=True), 2025)
    for result in inputs.values():
        assert result.missing == ()
        assert all(stage.task is not None for stage in result.new_seats.stages)
    taishan = next(r for r in inputs.values() if r.unit_code == "440781")
    assert taishan.boarding.has_task and taishan.boarding.completion >= 1
    assert taishan.restructuring.no_task
