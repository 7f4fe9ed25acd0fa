"""The cells of the results tables: a score against its maximum and last year's score.

Shared by the overview, the scorecard, the PDF reports and the xlsx: the colour band of a score
(its share of the item's maximum), the change against the previous year, its arrow and its
sign as people write it.
"""

from dataclasses import dataclass
from decimal import Decimal


def share_level(share: Decimal | None) -> str:
    """The colour band of a score by its share of the item's maximum (CSS `lvl-*`)."""
    if share is None:
        return "none"
    if share >= 1:
        return "full"
    if share >= Decimal("0.8"):
        return "high"
    if share >= Decimal("0.5"):
        return "mid"
    return "low"


def _trend(change: Decimal | None) -> str:
    if change is None:
        return ""
    return "up" if change > 0 else "down" if change < 0 else "same"


ARROWS = {"up": "↑", "down": "↓", "same": "="}


def signed(value: Decimal | None) -> str:
    """A change as people write it: +2.5, −4, 0 ("" when there is none)."""
    if value is None:
        return ""
    text = f"{abs(value).normalize():f}"
    return "0" if value == 0 else ("+" if value > 0 else "−") + text


class ChangeMixin:
    """The previous-year change of a score or total, its direction and its arrow."""

    change: Decimal | None

    @property
    def trend(self) -> str:
        return _trend(self.change)

    @property
    def arrow(self) -> str:
        return ARROWS.get(self.trend, "")

    @property
    def change_text(self) -> str:
        return signed(self.change)


@dataclass
class ItemCell(ChangeMixin):
    """One item of one county: score (None: not scored), max, and last year's score."""

    code: str
    score: Decimal | None
    max_points: Decimal
    previous: Decimal | None = None

    @property
    def share(self) -> Decimal | None:
        if self.score is None or not self.max_points:
            return None
        return self.score / self.max_points

    @property
    def level(self) -> str:
        return share_level(self.share)

    @property
    def missing(self) -> Decimal | None:
        return None if self.score is None else self.max_points - self.score

    @property
    def change(self) -> Decimal | None:
        if self.score is None or self.previous is None:
            return None
        return self.score - self.previous
