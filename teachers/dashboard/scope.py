"""Whose figures a dashboard page shows: one unit or the whole city, and a year.

The pages (`views.py`) read it from the request; the display (`display.py`) builds its links and
the city's comparison from it.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import QuerySet

from jiangmen_edu.models import Unit


@dataclass(frozen=True)
class Scope:
    """Whose figures a page shows: one unit, or every unit of the city (`unit` None)."""

    units: QuerySet[Unit]  # for the selectors
    unit: Unit | None
    choices: list[Unit]  # the units the user may see, in display order
    year: int

    @property
    def by_id(self) -> dict[int, Unit]:
        return {unit.pk: unit for unit in self.choices}

    def query(self, **extra) -> str:
        params = {"year": self.year, **({"unit": self.unit.code} if self.unit else {}), **extra}
        return urlencode(params)
