"""The published quota table and the plan periods (docs/rules.md#quota-table)."""

from dataclasses import dataclass

from django.db.models import QuerySet

from jiangmen_edu.models import ReportingYear
from seats.models import PlanPeriod, SeatQuota

COLUMNS = ("preschool", "compulsory", "private_to_convert", "high_school")


@dataclass
class QuotaTable:
    period: PlanPeriod
    rows: list[SeatQuota]
    totals: dict[str, int]


def quota_table(period: PlanPeriod) -> QuotaTable:
    """The quota table of a plan period with its 合计 row (docs/rules.md#quota-table)."""
    rows = list(period.quotas.select_related("unit"))
    totals = {column: sum(getattr(row, column) for row in rows) for column in COLUMNS}
    totals["total"] = sum(row.total for row in rows)
    return QuotaTable(period=period, rows=rows, totals=totals)


def plan_periods() -> QuerySet[PlanPeriod]:
    return PlanPeriod.objects.order_by("-start_year")


def period_for_year(year: int) -> PlanPeriod | None:
    """The plan period that contains `year` (periods do not overlap)."""
    return PlanPeriod.objects.filter(start_year__lte=year, end_year__gte=year).first()


def opened_years() -> list[int]:
    """The statistical years the city has opened, oldest first."""
    return list(ReportingYear.objects.order_by("year").values_list("year", flat=True))


def default_year(period: PlanPeriod, opened: list[int]) -> int:
    """The year a page shows first: the latest opened year within the period."""
    inside = [year for year in opened if period.start_year <= year <= period.end_year]
    if inside:
        return inside[-1]
    if opened and opened[-1] > period.end_year:
        return period.end_year
    return period.start_year


def choose_period_and_year(params) -> tuple[PlanPeriod | None, int | None, list[int]]:
    """The period and year a page asked for (?period=&year=), else sensible defaults.

    Returns (period, year, opened years); unknown values fall back to the defaults.
    """
    periods = list(plan_periods())
    opened = opened_years()
    period = None
    wanted = params.get("period", "")
    if wanted.isdigit():
        period = next((p for p in periods if p.pk == int(wanted)), None)
    if period is None:
        # The period of the latest opened year, else the latest period begun by then.
        latest = opened[-1] if opened else None
        period = next(
            (p for p in periods if latest is None or p.start_year <= latest),
            periods[-1] if periods else None,
        )
    if period is None:
        return None, None, opened
    year_text = params.get("year", "")
    year = int(year_text) if year_text.isdigit() else None
    if year is None or not period.start_year <= year <= period.end_year:
        year = default_year(period, opened)
    return period, year, opened


def entry_years(opened: list[int], *, future: bool = False) -> list[int]:
    """Years a county may enter figures for: from the first plan period's first year (the
    history before the platform) to the latest opened year, or with `future` to the end of
    the latest period (planned figures only)."""
    if not opened:
        return []
    bounds = PlanPeriod.objects.order_by("start_year").values_list("start_year", "end_year")
    starts = [start for start, _end in bounds]
    first = min([*starts[:1], opened[0]])
    last = max([opened[-1], *(end for _start, end in bounds)]) if future else opened[-1]
    return list(range(first, last + 1))
