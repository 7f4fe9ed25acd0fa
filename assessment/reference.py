from decimal import Decimal

from assessment.models import Indicator, IndicatorRule
from jiangmen_edu.models import Region
from jiangmen_edu.reference import read


def load() -> None:
    """The indicator table, and default rules for the years that have none yet.

    Rules an administrator has already changed are left as they are.
    """
    data = read("indicators.json")
    for order, row in enumerate(data["indicators"], start=1):
        indicator, _created = Indicator.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "kind": row["kind"],
                "default_max_points": Decimal(row["max"]),
                "rule": row["rule"],
                "order": order,
            },
        )
        for year in data["default_years"]:
            for region in Region.values:
                IndicatorRule.objects.get_or_create(
                    indicator=indicator,
                    year=year,
                    region=region,
                    defaults={"max_points": Decimal(row["max"]), "parameters": row["parameters"]},
                )
