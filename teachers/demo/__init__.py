"""Demo data of the teachers ledger (docs/rules.md#teachers): five years of rosters, training,
talent titles, principals and teaching researchers, for every county and 市直.

`seed(rng, scale)` is a demo part (registered in `jiangmen_edu.demo.PARTS`): the `seed_demo`
command calls it after the core has created the schools and before the review history locks
the returns. Everything is drawn from the `random.Random` handed in, so one seed gives one
data set.

How the data is made, per unit (in code order, each on its own fork of the stream):
1. every school gets a staff size for 2025 (from its students; ~25,000 staff city-wide at full
   scale, ~8 a school at small), a little smaller in earlier years, and a chain of principal
   appointments over 2021–2025 (terms of five years, reappointments, replacements);
2. the years 2021–2025 are simulated: people leave, a new principal is promoted from the
   unit's experienced teachers, temporary teachers of public schools are hired or let go to
   the year's quota, and on-staff teachers are hired to the school's size;
3. the 2025 degree shares are then set exactly, stage by stage, to what the unit's profile
   says (upgrading or lowering the degree of a few teachers), so that each profile holds at
   every scale and for every seed;
4. training, talent titles, principals' semesters and researchers' duties follow.
Nothing is written for a unit that already has staff. Rows are written with `bulk_create`:
demo data is not a user's change, so no audit entries.

The modules, one concept each: `profiles` (what each unit looks like, and the sizes per
scale), `people` (staff, their schools, roster rows), `plan` (the year-by-year simulation),
`degrees`, `principals`, `researchers`, `training`, `titles` (talent titles) and `writer`
(plans into model instances).
"""

import random

from django.db import transaction

from jiangmen_edu.demo.core import fork
from jiangmen_edu.models import Unit
from teachers.demo.people import staff_records
from teachers.demo.plan import plan_units
from teachers.demo.profiles import SIZES
from teachers.demo.writer import MODELS, Writer
from teachers.models import Staff

BATCH = 2000


def seed(rng: random.Random, scale: str) -> dict[str, int]:
    """The teachers ledger's demo data for 2021–2025; returns counts of what it created.

    A unit that already has staff is left alone (counted in `units_skipped`). The plan is
    computed for every unit in any case, so a unit's data do not depend on which others exist.
    """
    sizes = SIZES[scale]
    units = list(Unit.objects.order_by("code"))
    filled = set(Staff.objects.values_list("unit_id", flat=True).distinct())
    counts = {"staff": 0, **{key: 0 for key, _model in MODELS}}
    counts["units_skipped"] = sum(unit.id in filled for unit in units)
    if all(unit.id in filled for unit in units):
        return counts
    plans = plan_units(rng, sizes, units)
    staff = [staff for plan in plans for staff in staff_records(plan)]
    writer = Writer(fork(rng), sizes)
    with transaction.atomic():
        # Every unit is drawn, only the empty ones are written: the stream stays the same.
        Staff.objects.bulk_create([s for s in staff if s.unit_id not in filled], batch_size=BATCH)
        counts["staff"] = sum(s.pk is not None for s in staff)
        for plan in plans:
            for person in plan.people:
                person.staff_id = person.staff.pk
            writer.plan_unit(plan)
            for (key, model), objects in zip(MODELS, writer.lists(), strict=True):
                if plan.unit.id not in filled:
                    model.objects.bulk_create(objects, batch_size=BATCH)
                    counts[key] += len(objects)
                objects.clear()  # one unit at a time: ~60,000 objects at most
    return counts
