"""Reference data (docs/rules.md#reference-data), loaded from fixtures/reference/ by `manage.py
load_reference`.

Every loader is idempotent: identities come from codes and names, so a second run changes
nothing. Each app keeps a `reference.py` with a `load()` of its own; they run in the order
of REFERENCE_LOADERS because later ones point at earlier ones' rows.
"""

import json
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string

from jiangmen_edu.models import School, Township, Unit

REFERENCE_DIR = Path(settings.BASE_DIR) / "fixtures" / "reference"
REFERENCE_LOADERS = [
    "jiangmen_edu.reference.load",
    "seats.reference.load",
    "pairing.reference.load",
    "assessment.reference.load",
]


def read(name: str) -> dict:
    with open(REFERENCE_DIR / name, encoding="utf-8") as handle:
        return json.load(handle)


def load() -> None:
    data = read("units.json")
    for row in data["units"]:
        unit, _created = Unit.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "kind": row["kind"],
                "region": row["region"],
                "order": row["order"],
            },
        )
        for kind, names in (
            (Township.Kind.TOWN, row["towns"]),
            (Township.Kind.SUBDISTRICT, row["subdistricts"]),
        ):
            for name in names:
                Township.objects.update_or_create(unit=unit, name=name, defaults={"kind": kind})
    city_direct = Unit.objects.get(kind=Unit.Kind.CITY_DIRECT)
    for row in data["city_direct_schools"]:
        School.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "unit": city_direct,
                "school_type": row["school_type"],
                "ownership": School.Ownership.PUBLIC,
            },
        )


def load_all() -> None:
    for path in REFERENCE_LOADERS:
        import_string(path)()
