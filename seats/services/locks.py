"""Which seats return a change belongs to, and the workflow lock on it (docs/rules.md#workflow).

Every write of a unit's seat data calls `ensure_governing_years_editable` inside its
transaction; it calls `workflow.ensure_editable` for the seats return of each year the change
touches:

- figures of an opened year (a plan row, a project's year, enrolment) belong to that year;
- figures of a year the city never opened, before the first opened one (the platform starts
  in the middle of a plan period), belong to the next opened year: the county enters the
  period's history with its first return, and the city reviews it there;
- plan figures for a year the city has not opened yet belong to the latest opened year, so a
  county can file its whole five-year plan at once and the city reviews it with the current
  return; when the city opens that year, the row moves under the new year's return;
- a project's description, files and boarding schools belong to the latest opened year.
"""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from jiangmen_edu.models import Section, Unit
from jiangmen_edu.workflow import ReturnLocked, ensure_editable, ensure_years_editable
from seats.selectors.quotas import opened_years


def governing_year(year: int, opened: list[int]) -> int:
    """The year whose seats return holds `year`'s figures (see the module docstring)."""
    if not opened or year in opened:
        return year
    later = [candidate for candidate in opened if candidate > year]
    return later[0] if later else opened[-1]


def return_year(year: int | None = None) -> int | None:
    """The year whose seats return holds `year`'s figures (default: the current year's), for
    `workflow.lock_reason_for`; None when the city has opened no year."""
    opened = opened_years()
    if not opened:
        return None
    return governing_year(opened[-1] if year is None else year, opened)


def current_year(opened: list[int] | None = None) -> int:
    """The latest year the city has opened; refuses when it has opened none."""
    opened = opened_years() if opened is None else opened
    if not opened:
        raise ReturnLocked(_("The city has not opened any year for returns yet."))
    return opened[-1]


def ensure_governing_years_editable(unit: Unit, years: Iterable[int]) -> None:
    """Lock the seats returns behind `years` and refuse if any is submitted, approved or not
    opened. Call inside `atomic()`."""
    opened = opened_years()
    governing = {governing_year(year, opened) for year in years}
    ensure_years_editable(unit=unit, years=governing, section=Section.SEATS)


def ensure_current_editable(unit: Unit) -> int:
    """Lock the latest opened year's seats return; returns that year."""
    year = current_year()
    ensure_editable(unit=unit, year=year, section=Section.SEATS)
    return year
