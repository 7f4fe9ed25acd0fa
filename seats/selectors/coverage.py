"""Township coverage (docs/rules.md#township-coverage): which townships have the schools the policy
asks for.

A town (镇) needs a compulsory boarding school and a public central kindergarten; a
subdistrict (街道) a public kindergarten; a county of over 200,000 people a special-education
school. Each line lists the schools that satisfy it. Four queries for any number of units.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from jiangmen_edu.models import School, Township, Unit
from seats import rules
from seats.models import EnrolmentYear

Requirement = rules.Requirement


@dataclass
class Line:
    requirement: Requirement
    schools: list[School]

    @property
    def met(self) -> bool:
        return bool(self.schools)


@dataclass
class TownshipCoverage:
    township: Township
    lines: list[Line]

    @property
    def complete(self) -> bool:
        return all(line.met for line in self.lines)

    def line(self, requirement: str) -> Line | None:
        return next((line for line in self.lines if line.requirement == requirement), None)


@dataclass
class SpecialSchoolCheck:
    population: int | None
    population_year: int | None
    required: bool | None  # None: population unknown
    schools: list[School]

    @property
    def met(self) -> bool | None:
        if self.required is None:
            return None
        return bool(self.schools) or not self.required


@dataclass
class UnitCoverage:
    unit: Unit
    townships: list[TownshipCoverage]
    special: SpecialSchoolCheck

    @property
    def gaps(self) -> int:
        """Checklist lines not met, the special-education school included."""
        township_gaps = sum(1 for t in self.townships for line in t.lines if not line.met)
        return township_gaps + (1 if self.special.met is False else 0)

    def met_count(self, requirement: str) -> int:
        """How many townships satisfy this line of the checklist."""
        return sum(1 for t in self.townships if (line := t.line(requirement)) and line.met)

    @property
    def boarding_met(self) -> int:
        return self.met_count(Requirement.BOARDING_SCHOOL)

    @property
    def central_met(self) -> int:
        return self.met_count(Requirement.CENTRAL_KINDERGARTEN)

    @property
    def kindergarten_met(self) -> int:
        return self.met_count(Requirement.PUBLIC_KINDERGARTEN)

    @property
    def towns(self) -> list[TownshipCoverage]:
        return [t for t in self.townships if t.township.kind == Township.Kind.TOWN]

    @property
    def subdistricts(self) -> list[TownshipCoverage]:
        return [t for t in self.townships if t.township.kind == Township.Kind.SUBDISTRICT]


def _candidate_schools(unit_ids: list[int]):
    """Public kindergartens, public compulsory boarding schools, special schools."""
    return (
        School.objects.filter(unit_id__in=unit_ids, ownership=School.Ownership.PUBLIC)
        .filter(
            Q(school_type=School.Type.KINDERGARTEN)
            | Q(school_type=School.Type.SPECIAL)
            | Q(
                school_type__in=rules.COMPULSORY_SCHOOL_TYPES,
                boarding__isnull=False,
            )
        )
        .select_related("boarding")
        .order_by("code")
    )


def coverage(*, units: Iterable[Unit], year: int | None) -> list[UnitCoverage]:
    """The checklist for each unit (already scoped to the user).

    The population is the latest figure entered up to `year` (any year when None).
    """
    units = list(units)
    unit_ids = [unit.pk for unit in units]
    townships = Township.objects.filter(unit_id__in=unit_ids).order_by("kind", "name")
    by_township: dict[int, list[School]] = defaultdict(list)
    special: dict[int, list[School]] = defaultdict(list)
    for school in _candidate_schools(unit_ids):
        if school.school_type == School.Type.SPECIAL:
            special[school.unit_id].append(school)
        elif school.township_id:
            by_township[school.township_id].append(school)
    populations = EnrolmentYear.objects.filter(unit_id__in=unit_ids, population__isnull=False)
    if year is not None:
        populations = populations.filter(year__lte=year)
    latest: dict[int, tuple[int, int]] = {}
    for unit_id, figure_year, population in populations.order_by("year").values_list(
        "unit_id", "year", "population"
    ):
        latest[unit_id] = (figure_year, population)

    per_unit: dict[int, list[TownshipCoverage]] = defaultdict(list)
    for township in townships:
        schools = by_township[township.pk]
        lines = [
            Line(
                requirement,
                [
                    school
                    for school in schools
                    if rules.satisfies(
                        requirement,
                        school_type=school.school_type,
                        ownership=school.ownership,
                        is_central=school.is_central,
                        is_boarding=hasattr(school, "boarding"),
                    )
                ],
            )
            for requirement in rules.township_requirements(township.kind)
        ]
        per_unit[township.unit_id].append(TownshipCoverage(township, lines))

    result = []
    for unit in units:
        figure_year, population = latest.get(unit.pk, (None, None))
        check = SpecialSchoolCheck(
            population=population,
            population_year=figure_year,
            required=rules.needs_special_school(population),
            schools=special[unit.pk],
        )
        result.append(UnitCoverage(unit, per_unit[unit.pk], check))
    return result
