import datetime

import pytest

from jiangmen_edu.models import Section, YearlyReturn
from jiangmen_edu.workflow import reporting_year_open, return_transition
from tests.seats.factories import fourteenth


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Evidence files of a test go to its own directory, removed with it."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def period(db):
    return fourteenth()


@pytest.fixture
def years_open(admin_user):
    """2023, 2024 and 2025 opened, every return a draft."""
    for year in (2023, 2024, 2025):
        reporting_year_open(year=year, due_date=datetime.date(year + 1, 3, 31), user=admin_user)


@pytest.fixture(autouse=True)
def _submission_without_quality_rules(without_quality_rules):
    """Seats tests submit returns for the workflow's sake; tests/core/quality tests the rules."""


def seats_return(unit, year: int) -> YearlyReturn:
    return YearlyReturn.objects.get(unit=unit, reporting_year__year=year, section=Section.SEATS)


def approve(unit, year: int, editor, reviewer) -> None:
    """County A's seats return of `year`: submitted by its editor, approved by the city."""
    yearly_return = seats_return(unit, year)
    return_transition(yearly_return=yearly_return, user=editor, action="submit")
    return_transition(yearly_return=yearly_return, user=reviewer, action="approve")


def submit(unit, year: int, editor) -> None:
    return_transition(yearly_return=seats_return(unit, year), user=editor, action="submit")
