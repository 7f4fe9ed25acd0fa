from dataclasses import dataclass

from django.db.models import QuerySet

from seats.models import PlanPeriod, SeatQuota

COLUMNS = ("preschool", "compulsory", "private_to_convert", "high_school")


@dataclass
class QuotaTable:
    period: PlanPeriod
    rows: list[SeatQuota]
    totals: dict[str, int]


def quota_table(period: PlanPeriod) -> QuotaTable:
    """The quota table of a plan period with its 合计 row (SPEC §2)."""
    rows = list(period.quotas.select_related("unit"))
    totals = {column: sum(getattr(row, column) for row in rows) for column in COLUMNS}
    totals["total"] = sum(row.total for row in rows)
    return QuotaTable(period=period, rows=rows, totals=totals)


def plan_periods() -> QuerySet[PlanPeriod]:
    return PlanPeriod.objects.order_by("-start_year")
