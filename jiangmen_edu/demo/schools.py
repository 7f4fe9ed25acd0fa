"""Demo county schools: a plan drawn from a seeded random stream, then one bulk write.

The plan is a pure function of the random stream and the reference townships, so a re-run
recomputes the same list and tests can compare plans without touching the database.
School codes are the unit's division code plus a 4-digit sequence (4407810001, …); the
reference city-direct schools use 440700xxxx, a unit the generator never fills.
"""

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass

from jiangmen_edu.demo import names
from jiangmen_edu.models import School, Township, Unit

Type = School.Type
PRIVATE = School.Ownership.PRIVATE
PUBLIC = School.Ownership.PUBLIC


@dataclass(frozen=True)
class Slot:
    """A kind of school the generator places: its type, name patterns and size.

    Name templates use {S} county (台山市), {F} formal county (江门市蓬江区), {T} township
    (台城街道), {t} its stem (台城), and pools expanded in order until a name is free:
    {v} village, {k} kindergarten brand, {b} school brand, {x} private suffix, {n} ordinal.
    """

    types: tuple[str, ...]
    templates: tuple[str, ...]
    students: tuple[int, int]
    where: str = "any"  # "urban" (subdistricts preferred), "town", "seat" (subdistricts only)
    ownership: str = PUBLIC
    central: bool = False
    teaching_point: bool = False
    urban_templates: tuple[str, ...] = ()
    urban_students: tuple[int, int] | None = None


SLOTS: dict[str, Slot] = {
    "central_primary": Slot(
        (Type.PRIMARY,),
        ("{S}{T}中心小学",),
        (500, 1800),
        central=True,
        urban_students=(1200, 2500),
    ),
    "central_kindergarten": Slot(
        (Type.KINDERGARTEN,),
        ("{S}{T}中心幼儿园",),
        (180, 450),
        central=True,
    ),
    "primary": Slot(
        (Type.PRIMARY,),
        ("{S}{T}{v}小学", "{S}{T}第{n}小学"),
        (200, 900),
        urban_templates=("{S}{T}第{n}小学", "{S}{T}{v}小学"),
        urban_students=(800, 2500),
    ),
    # Teaching points stay under 50 students: the balance coefficients leave them out
    # (docs/rules.md#balance-coefficients).
    "teaching_point": Slot(
        (Type.PRIMARY,),
        ("{S}{T}{v}教学点",),
        (10, 49),
        where="town",
        teaching_point=True,
    ),
    "kindergarten": Slot(
        (Type.KINDERGARTEN,),
        ("{S}{T}{v}幼儿园", "{S}{T}第{n}幼儿园"),
        (90, 300),
        urban_templates=("{S}{T}第{n}幼儿园", "{S}{T}{v}幼儿园"),
        urban_students=(200, 450),
    ),
    "private_kindergarten": Slot(
        (Type.KINDERGARTEN,),
        ("{S}{k}幼儿园", "{S}{t}{k}幼儿园"),
        (90, 400),
        where="urban",
        ownership=PRIVATE,
    ),
    "junior": Slot(
        (Type.JUNIOR,),
        ("{S}{T}初级中学", "{S}{t}中学", "{S}{T}{v}中学", "{S}{T}第{n}初级中学"),
        (400, 1400),
        urban_students=(1000, 2200),
    ),
    "nine_year": Slot((Type.NINE_YEAR,), ("{F}{t}实验学校", "{F}{t}{v}学校"), (800, 2600)),
    "private_school": Slot(
        (Type.NINE_YEAR, Type.NINE_YEAR, Type.NINE_YEAR, Type.PRIMARY, Type.TWELVE_YEAR),
        ("{S}{b}{x}",),
        (600, 2400),
        where="seat",
        ownership=PRIVATE,
    ),
    "complete_secondary": Slot(
        (Type.COMPLETE_SECONDARY,),
        ("{F}第{n}中学",),
        (1800, 3500),
        where="seat",
    ),
    "senior": Slot(
        (Type.SENIOR,),
        ("{S}{t}高级中学", "{F}第{n}中学"),
        (1200, 3200),
        where="urban",
    ),
    "vocational": Slot(
        (Type.VOCATIONAL,),
        ("{S}职业技术学校", "{S}理工学校", "{S}第{n}职业高级中学"),
        (800, 3000),
        where="seat",
    ),
    "special": Slot(
        (Type.SPECIAL,),
        ("{S}特殊教育学校", "{S}{t}特殊教育学校"),
        (60, 260),
        where="seat",
    ),
}

# How often each kind of school is drawn beyond the fixed ones: many kindergartens and primary
# schools, fewer junior schools, few high, vocational and special schools.
EXTRA_WEIGHTS: dict[str, float] = {
    "kindergarten": 18,
    "private_kindergarten": 20,
    "primary": 22,
    "teaching_point": 5,
    "junior": 9,
    "nine_year": 3,
    "private_school": 3,
    "complete_secondary": 1,
    "senior": 1,
    "vocational": 0.5,
}

POOLS: dict[str, tuple[str, ...]] = {
    "v": names.VILLAGES,
    "k": names.KINDERGARTEN_BRANDS,
    "b": names.SCHOOL_BRANDS,
    "x": names.PRIVATE_SCHOOL_SUFFIXES,
}


@dataclass(frozen=True)
class Place:
    name: str
    is_town: bool

    @property
    def stem(self) -> str:
        return self.name.removesuffix("街道").removesuffix("镇")


@dataclass(frozen=True)
class County:
    """A county and its townships, read once from the reference data."""

    code: str
    name: str
    places: tuple[Place, ...]

    @property
    def formal_name(self) -> str:
        # Districts are written with the city in front (江门市蓬江区); county-level cities not.
        return f"江门市{self.name}" if self.name.endswith("区") else self.name


@dataclass(frozen=True)
class SchoolPlan:
    code: str
    name: str
    unit_code: str
    township: str
    school_type: str
    ownership: str
    is_central: bool
    is_teaching_point: bool
    students: int


def counties_from_db() -> list[County]:
    """The counties in code order, townships sorted in Python: DB collations differ on Chinese."""
    counties = []
    units = Unit.objects.filter(kind=Unit.Kind.COUNTY).prefetch_related("townships")
    for unit in sorted(units, key=lambda u: u.code):
        places = sorted(
            (Place(t.name, t.kind == Township.Kind.TOWN) for t in unit.townships.all()),
            key=lambda p: (p.is_town, p.name),
        )
        counties.append(County(unit.code, unit.name, tuple(places)))
    return counties


def plan_county(
    rng: random.Random, county: County, target: int, county_slots: tuple[str, ...]
) -> list[SchoolPlan]:
    """Every township's central primary school and kindergarten, then the county's fixed
    schools (`county_slots`), then weighted extras up to `target` schools."""
    wanted: list[tuple[str, Place]] = []
    for place in county.places:
        wanted.append(("central_primary", place))
        wanted.append(("central_kindergarten", place))
    for slot_name in county_slots:
        slot_name = _feasible(slot_name, county)
        wanted.append((slot_name, _pick_place(rng, SLOTS[slot_name], county)))
    kinds, weights = zip(*EXTRA_WEIGHTS.items(), strict=True)
    for _ in range(target - len(wanted)):
        slot_name = _feasible(rng.choices(kinds, weights)[0], county)
        wanted.append((slot_name, _pick_place(rng, SLOTS[slot_name], county)))

    used: set[str] = set()
    return [
        _plan_school(rng, county, SLOTS[slot_name], place, f"{county.code}{seq:04d}", used)
        for seq, (slot_name, place) in enumerate(wanted, start=1)
    ]


def _feasible(slot_name: str, county: County) -> str:
    # 江海区 has subdistricts only, and a teaching point is a village thing.
    if SLOTS[slot_name].where == "town" and not any(p.is_town for p in county.places):
        return "primary"
    return slot_name


def _pick_place(rng: random.Random, slot: Slot, county: County) -> Place:
    towns = [p for p in county.places if p.is_town]
    urban = [p for p in county.places if not p.is_town]
    if slot.where == "town":
        return rng.choice(towns)
    if slot.where == "seat":
        return rng.choice(urban)
    if slot.where == "urban":
        # Subdistricts together draw about as often as all towns, or more: private and
        # high schools cluster in the county seat, even in 台山市 with its 16 towns.
        return rng.choice(urban * 3 * max(1, len(towns) // 3) + towns)
    return rng.choice(county.places)


def _plan_school(
    rng: random.Random, county: County, slot: Slot, place: Place, code: str, used: set[str]
) -> SchoolPlan:
    urban = not place.is_town
    templates = slot.urban_templates if urban and slot.urban_templates else slot.templates
    low, high = slot.urban_students if urban and slot.urban_students else slot.students
    return SchoolPlan(
        code=code,
        name=_free_name(rng, templates, county, place, used),
        unit_code=county.code,
        township=place.name,
        school_type=rng.choice(slot.types),
        ownership=slot.ownership,
        is_central=slot.central,
        is_teaching_point=slot.teaching_point,
        students=rng.randint(low, high),
    )


def _free_name(
    rng: random.Random, templates: tuple[str, ...], county: County, place: Place, used: set[str]
) -> str:
    """The first name from the templates not yet taken in the county (unique per unit)."""
    for template in templates:
        for name in _expand(rng, template, county, place):
            if name not in used:
                used.add(name)
                return name
    raise ValueError(f"no free school name left for {templates} in {county.name}")


def _expand(rng: random.Random, template: str, county: County, place: Place) -> Iterator[str]:
    fixed = {"S": county.name, "F": county.formal_name, "T": place.name, "t": place.stem}
    keys = [key for key in POOLS if f"{{{key}}}" in template]
    pools = [rng.sample(POOLS[key], len(POOLS[key])) for key in keys]
    ordinals = [names.chinese_ordinal(n) for n in range(1, 100)] if "{n}" in template else [""]
    for combo in itertools.product(*pools, ordinals):
        yield template.format(**fixed, **dict(zip(keys, combo, strict=False)), n=combo[-1])


def create_schools(plans: list[SchoolPlan]) -> int:
    """Write the planned schools unless county schools exist already; returns how many.

    bulk_create skips the audit signals on purpose: demo data is not a user's change.
    """
    if School.objects.filter(unit__kind=Unit.Kind.COUNTY).exists():
        return 0
    units = {u.code: u for u in Unit.objects.filter(kind=Unit.Kind.COUNTY)}
    townships = {(t.unit.code, t.name): t for t in Township.objects.select_related("unit")}
    School.objects.bulk_create(
        School(
            code=p.code,
            name=p.name,
            unit=units[p.unit_code],
            township=townships[(p.unit_code, p.township)],
            school_type=p.school_type,
            ownership=p.ownership,
            is_central=p.is_central,
            is_teaching_point=p.is_teaching_point,
            students=p.students,
        )
        for p in plans
    )
    return len(plans)
