"""Counting the time a teacher served (docs/rules.md#pairing-funding: "pro rata by months served",
rates per week, month and semester).

Interpretations (shown on the pages as 口径说明, notes on how a figure is counted):
- a calendar month counts as served when the placement covers at least half of its days;
- weeks served are the whole weeks of the placement in the period (days ÷ 7, rounded down);
  school holidays are not deducted;
- semesters are the autumn term (1 September – 31 January) and the spring term (1 February –
  31 July); a semester counts when the placement covers at least half of its days.
All end dates are inclusive.
"""

import calendar
import datetime
from dataclasses import dataclass

DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Span:
    start: datetime.date
    end: datetime.date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def overlaps(
    a_start: datetime.date, a_end: datetime.date, b_start: datetime.date, b_end: datetime.date
) -> bool:
    """Whether two inclusive date ranges share at least one day."""
    return a_start <= b_end and b_start <= a_end


def intersection(a: Span, b: Span) -> Span | None:
    start, end = max(a.start, b.start), min(a.end, b.end)
    return Span(start, end) if start <= end else None


def year_span(year: int) -> Span:
    return Span(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def month_span(year: int, month: int) -> Span:
    last = calendar.monthrange(year, month)[1]
    return Span(datetime.date(year, month, 1), datetime.date(year, month, last))


def _half_covered(part: Span, whole: Span) -> bool:
    covered = intersection(part, whole)
    return covered is not None and covered.days * 2 >= whole.days


def months_served(served: Span, within: Span | None = None) -> int:
    """Calendar months at least half covered by `served` (clipped to `within` if given)."""
    if within is not None:
        clipped = intersection(served, within)
        if clipped is None:
            return 0
        served = clipped
    count = 0
    year, month = served.start.year, served.start.month
    while (year, month) <= (served.end.year, served.end.month):
        if _half_covered(served, month_span(year, month)):
            count += 1
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return count


def weeks_served(served: Span, within: Span | None = None) -> int:
    if within is not None:
        clipped = intersection(served, within)
        if clipped is None:
            return 0
        served = clipped
    return served.days // 7


def semester_spans(first_year: int, last_year: int) -> list[Span]:
    """The terms that start in `first_year` … `last_year`, in order."""
    spans = []
    for year in range(first_year - 1, last_year + 1):
        spans.append(Span(datetime.date(year, 2, 1), datetime.date(year, 7, 31)))
        spans.append(Span(datetime.date(year, 9, 1), datetime.date(year + 1, 1, 31)))
    return spans


def semesters_served(served: Span, within: Span | None = None) -> int:
    if within is not None:
        clipped = intersection(served, within)
        if clipped is None:
            return 0
        served = clipped
    return sum(
        1
        for term in semester_spans(served.start.year, served.end.year)
        if _half_covered(served, term)
    )
