from jiangmen_edu.models import Unit
from jiangmen_edu.reference import read
from seats.models import PlanPeriod, SeatQuota


def load() -> None:
    data = read("seats.json")
    units = {unit.code: unit for unit in Unit.objects.all()}
    for row in data["periods"]:
        period, _created = PlanPeriod.objects.update_or_create(
            name=row["name"],
            defaults={"start_year": row["start_year"], "end_year": row["end_year"]},
        )
        for code, figures in row["quotas"].items():
            SeatQuota.objects.update_or_create(
                period=period,
                unit=units[code],
                defaults=dict(zip(data["columns"], figures, strict=True)),
            )
