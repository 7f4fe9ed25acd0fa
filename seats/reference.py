from jiangmen_edu.models import Unit
from jiangmen_edu.reference import read
from seats.models import PlanPeriod, SeatQuota

# The city target of 110,000 new public seats by 2025 (docs/rules.md#city-seat-target). The
# quota table (seats.json) does not carry it, so it is kept here by period name; an admin sets it
# for later periods.
CITY_TARGETS = {"“十四五”规划": 110_000}


def load() -> None:
    data = read("seats.json")
    units = {unit.code: unit for unit in Unit.objects.all()}
    for row in data["periods"]:
        period, _created = PlanPeriod.objects.update_or_create(
            name=row["name"],
            defaults={
                "start_year": row["start_year"],
                "end_year": row["end_year"],
                "city_target": row.get("city_target", CITY_TARGETS.get(row["name"])),
            },
        )
        for code, figures in row["quotas"].items():
            SeatQuota.objects.update_or_create(
                period=period,
                unit=units[code],
                defaults=dict(zip(data["columns"], figures, strict=True)),
            )
