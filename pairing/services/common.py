"""What every pairing service shares: the yearly lock of the editing side."""

from collections.abc import Iterable

from jiangmen_edu.models import Section, Unit
from jiangmen_edu.workflow import ensure_editable


def lock_returns(unit_years: Iterable[tuple[int, int]]) -> None:
    """`ensure_editable` for each (unit id, year), in a fixed order to avoid deadlocks.

    Call inside the service's transaction: an edit that moves a record to another year or
    side needs both the old and the new return open.
    """
    pairs = sorted(set(unit_years))
    units = Unit.objects.in_bulk({unit_id for unit_id, _year in pairs})
    for unit_id, year in pairs:
        ensure_editable(unit=units[unit_id], year=year, section=Section.PAIRING)
