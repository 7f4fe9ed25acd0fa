"""Runs: compute, rank, publish, freeze, re-run (docs/rules.md#use-of-results,
docs/rules.md#audit)."""

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied

from assessment.models import AssessmentYear, CountyScore, DevelopmentCentre, ItemScore, ScoreRun
from assessment.services import (
    AssessmentError,
    assessment_open,
    latest_run,
    run_compute,
    run_publish,
    score_year,
)
from tests.assessment.factories import EXPECTED, EXPECTED_TOTAL


def items_of(run: ScoreRun, unit) -> dict[str, ItemScore]:
    card = run.counties.get(unit=unit)
    return {item.code: item for item in card.items.all()}


def test_open_needs_the_reporting_year_and_a_city_admin(reporting_year, admin_user, assessor):
    with pytest.raises(AssessmentError):
        assessment_open(year=2019, user=admin_user)
    with pytest.raises(PermissionDenied):
        assessment_open(year=2025, user=assessor)
    first = assessment_open(year=2025, user=admin_user)
    assert assessment_open(year=2025, user=admin_user) == first
    assert first.status == AssessmentYear.Status.OPEN


def test_a_run_scores_county_a_from_its_data(county_data, assessment, admin_user):
    run = run_compute(assessment=assessment, user=admin_user)
    assert run.number == 1 and not run.is_published
    assert run.counties.count() == 7
    items = items_of(run, county_data)
    assert {code: item.score for code, item in items.items()} == EXPECTED
    card = run.counties.get(unit=county_data)
    assert card.total == EXPECTED_TOTAL
    assert not card.provisional
    # The other counties have no approved data: provisional, ranked below county A.
    others = run.counties.exclude(unit=county_data)
    assert all(other.provisional for other in others)
    assert card.rank == 1 and card.region_rank == 1
    assert "93.00%" in items["2.1"].explanation
    assert items["2.3c"].inputs["last_year_temps"] == 25
    assert items["3.4a"].notes == ["I-7"]


def test_score_year_saves_nothing(county_data, assessment):
    scored = score_year(2025, assessment=assessment)
    assert [entry.unit.code for entry in scored][:1]
    assert not ScoreRun.objects.exists()
    entry = next(entry for entry in scored if entry.unit == county_data)
    assert entry.card.total == EXPECTED_TOTAL


def test_runs_are_numbered_and_audited(county_data, assessment, admin_user):
    first = run_compute(assessment=assessment, user=admin_user)
    second = run_compute(assessment=assessment, user=admin_user)
    assert (first.number, second.number) == (1, 2)
    assert latest_run(assessment, published_only=False) == second
    assert latest_run(assessment, published_only=True) is None
    entries = LogEntry.objects.get_for_model(CountyScore).filter(
        additional_data__unit=county_data.code
    )
    assert entries.count() == 2
    assert entries.first().changes["total"] == [None, "65.50"]
    assert LogEntry.objects.get_for_model(ScoreRun).count() == 2


@pytest.mark.parametrize("role", ["assessor", "reviewer", "editor"])
def test_only_a_city_admin_computes_and_publishes(assessment, admin_user, users, role):
    with pytest.raises(PermissionDenied):
        run_compute(assessment=assessment, user=users[role])
    run = run_compute(assessment=assessment, user=admin_user)
    with pytest.raises(PermissionDenied):
        run_publish(assessment=assessment, run=run, user=users[role])
    run.refresh_from_db()
    assert not run.is_published


def test_publish_freezes_the_published_scores(county_data, assessment, admin_user):
    run = run_compute(assessment=assessment, user=admin_user)
    run_publish(assessment=assessment, run=run, user=admin_user)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentYear.Status.PUBLISHED
    assert assessment.published_by == admin_user and assessment.published_at

    # The data change after publication (e.g. a reopened return corrected)…
    DevelopmentCentre.objects.filter(unit=county_data).update(equipment=Decimal(1))
    published = items_of(latest_run(assessment, published_only=True), county_data)
    assert published["2.4"].score == Decimal(4)

    # …a re-run needs a reason, and is a new draft run until published.
    with pytest.raises(AssessmentError):
        run_compute(assessment=assessment, user=admin_user)
    with pytest.raises(AssessmentError):
        run_compute(assessment=assessment, user=admin_user, reason="   ")
    rerun = run_compute(assessment=assessment, user=admin_user, reason="恩平市数据更正")
    assert rerun.number == 2 and rerun.reason == "恩平市数据更正"
    assert items_of(rerun, county_data)["2.4"].score == Decimal(5)
    assert latest_run(assessment, published_only=True) == run
    assert items_of(run, county_data)["2.4"].score == Decimal(4)

    # An explicit publish makes the re-run the result; the first stays stored.
    run_publish(assessment=assessment, run=rerun, user=admin_user)
    run.refresh_from_db()
    assert not run.is_published
    assert latest_run(assessment, published_only=True) == rerun
    assert ScoreRun.objects.filter(assessment=assessment).count() == 2
    changes = LogEntry.objects.get_for_model(ScoreRun).filter(action=LogEntry.Action.UPDATE)
    # Run 1 published, run 1 unpublished, run 2 published.
    assert changes.count() == 3


def test_only_the_latest_unpublished_run_can_be_published(assessment, admin_user):
    first = run_compute(assessment=assessment, user=admin_user)
    run_compute(assessment=assessment, user=admin_user)
    with pytest.raises(AssessmentError):
        run_publish(assessment=assessment, run=first, user=admin_user)
    latest = latest_run(assessment, published_only=False)
    run_publish(assessment=assessment, run=latest, user=admin_user)
    with pytest.raises(AssessmentError):
        run_publish(assessment=assessment, run=latest, user=admin_user)
