"""One unit's people over 2021–2025 (`UnitPlan`), simulated year by year, and the plans of
every unit (`plan_units`), each on its own fork of the stream."""

import random
from collections import defaultdict
from fractions import Fraction

from jiangmen_edu.demo import names
from jiangmen_edu.demo.core import YEARS, fork
from jiangmen_edu.models import School, Stage, Unit
from teachers.demo import degrees, principals, researchers
from teachers.demo.people import STAGE_WEIGHTS, TEACHER_SUBJECTS, Person, SchoolPlan
from teachers.demo.profiles import (
    DEFAULT_STUDENTS,
    FIRST_YEAR,
    GROWTH,
    PROFILES,
    STUDENTS_PER_STAFF,
    TEMP_RATIO_MAX,
    Profile,
    Sizes,
)
from teachers.models import Degree, Employment, Post, Subject


class UnitPlan:
    """One unit's people over 2021–2025, simulated year by year."""

    def __init__(
        self,
        rng: random.Random,
        unit: Unit,
        profile: Profile,
        schools: list[SchoolPlan],
        sizes: Sizes,
    ):
        self.rng = rng
        self.unit = unit
        self.profile = profile
        self.schools = schools
        self.sizes = sizes
        self.people: list[Person] = []
        self.researchers: list[Person] = []

    # people

    def new_person(self, post, employment, stage, subject, ty0, year, hired, pace) -> Person:
        family, given = names.person_name(self.rng)
        person = Person(
            len(self.people) + 1,
            family + given,
            post,
            employment,
            stage,
            subject,
            ty0,
            year,
            hired,
            pace,
        )
        person.behind = self.rng.random() < self.profile.behind
        person.pay = self.rng.uniform(0.99, 1.06)
        self.people.append(person)
        return person

    def draw_stage(self, school: SchoolPlan) -> str:
        weights = STAGE_WEIGHTS.get(school.school_type)
        if weights is None:
            return school.stages[0]
        return self.rng.choices(school.stages, weights)[0]

    def draw_subject(self, stage: str) -> str:
        subjects, weights = TEACHER_SUBJECTS[stage]
        return subjects[0] if len(subjects) == 1 else self.rng.choices(subjects, weights)[0]

    def hire(self, school: SchoolPlan, year: int, employment: str, first_year: bool) -> Person:
        """A new teacher (or, now and then, other staff) of the school in `year`."""
        rng = self.rng
        stage = self.draw_stage(school)
        other = employment == Employment.ON_STAFF and rng.random() < 0.05
        if other or (not school.public and rng.random() < 0.05):
            post, subject = Post.OTHER, Subject.OTHER
        else:
            post, subject = Post.TEACHER, self.draw_subject(stage)
        if employment == Employment.ON_STAFF:
            # The 2021 roster has its own new graduates, as later years do.
            ty0 = int(rng.triangular(1, 36, 14)) if first_year and rng.random() > 0.06 else 0
            tenure = ty0
            pace = rng.randint(-5, 3) - (3 if stage == Stage.KINDERGARTEN else 0)
        else:
            ty0 = rng.randint(0, 12 if school.public else 18)
            tenure = rng.randint(0, min(ty0, 3)) if first_year else 0
            pace = rng.randint(-9, -2)
        person = self.new_person(post, employment, stage, subject, ty0, year, year - tenure, pace)
        if post == Post.OTHER:
            person.degree = rng.choices(*degrees.OTHER_DEGREES)[0]
        else:
            person.degree = degrees.draw_degree(self, stage)
        if employment == Employment.ON_STAFF and ty0 >= 8 and rng.random() < 0.15:
            person.managing_since = year - rng.randint(1, min(ty0 - 4, 10))
        return person

    # the years

    def simulate(self) -> None:
        self.temp_quotas = self.plan_temp_quotas()
        for school in self.schools:
            school.terms = principals.plan_terms(self.rng)
        for year in YEARS:
            self.simulate_year(year)
        researchers.simulate_researchers(self)
        # A temporary teacher hired and let go within a year never reached a roster.
        self.people = [person for person in self.people if person.rows]
        for seq, person in enumerate(self.people, start=1):
            person.seq = seq

    def plan_temp_quotas(self) -> dict[int, dict[int, int]]:
        """Temporary teachers per public school and year, from the profile's ratio."""
        quotas: dict[int, dict[int, int]] = {}
        public = [s for s in self.schools if s.public]
        for year, ratio in zip(YEARS, self.profile.temp_ratio, strict=True):
            sizes = {s.id: max(3, round(s.size * GROWTH[year])) for s in public}
            total = sum(sizes.values())
            temps = round(total * ratio / (1 + ratio))
            quotas[year] = self.allocate(temps, sizes)
        return quotas

    @staticmethod
    def allocate(count: int, weights: dict[int, int]) -> dict[int, int]:
        """`count` split in proportion to `weights`, by largest remainder."""
        total = sum(weights.values()) or 1
        exact = {key: Fraction(count * w, total) for key, w in weights.items()}
        shares = {key: int(value) for key, value in exact.items()}
        rest = count - sum(shares.values())
        for key in sorted(exact, key=lambda k: shares[k] - exact[k])[:rest]:
            shares[key] += 1
        return shares

    def simulate_year(self, year: int) -> None:
        rng = self.rng
        first = year == FIRST_YEAR
        for school in self.schools:
            school.members = [p for p in school.members if not self.leaves(p, year)]
        promotions = principals.candidates(self, year)
        heads: dict[int, Person] = {}
        for school in self.schools:
            holder = principals.holder_in(school.terms, year)
            if holder not in school.holders:
                start = next(t.start for t in school.terms if t.holder == holder)
                school.holders[holder] = (
                    principals.new_principal(self, school, year, start)
                    if first
                    else principals.promote(self, school, year, promotions)
                )
            heads[school.id] = school.holders[holder]
        quotas = self.temp_quotas[year]
        for school in self.schools:
            size = max(3, round(school.size * GROWTH[year]))
            if school.public:
                temps = [p for p in school.members if p.employment == Employment.TEMPORARY]
                wanted = quotas[school.id]
                for person in rng.sample(temps, max(0, len(temps) - wanted)):
                    school.members.remove(person)
                for _ in range(wanted - len(temps)):
                    school.members.append(self.hire(school, year, Employment.TEMPORARY, first))
            employment = Employment.ON_STAFF if school.public else Employment.TEMPORARY
            while len(school.members) + 1 < size:
                school.members.append(self.hire(school, year, employment, first))
        self.hold_temp_ratio(year)
        for school in self.schools:
            principal = heads[school.id]
            stage = principal.stage if principal.stage in school.stages else school.stages[0]
            subject = principal.subject
            if subject not in TEACHER_SUBJECTS[stage][0]:
                subject = self.draw_subject(stage)
            principal.rows.append((year, school, stage, Post.PRINCIPAL, subject))
            for person in school.members:
                person.rows.append((year, school, person.stage, person.post, person.subject))

    def leaves(self, person: Person, year: int) -> bool:
        """Retirements, transfers and ended contracts, before the year's roster."""
        draw = self.rng.random()
        if person.teaching_years(year) >= 36:
            return draw < 0.5
        if person.employment == Employment.ON_STAFF:
            return draw < 0.035
        return draw < (0.25 if person.post == Post.TEACHER else 0.12)

    def hold_temp_ratio(self, year: int) -> None:
        """Keep the year's public temp ratio on the profile's side of 5 %, exactly."""
        over = self.profile.temp_ratio[YEARS.index(year)] > TEMP_RATIO_MAX
        public = [s for s in self.schools if s.public]
        if not public:
            return
        temps = sum(p.employment == Employment.TEMPORARY for s in public for p in s.members)
        on_staff = sum(len(s.members) + 1 for s in public) - temps
        while over and Fraction(temps, on_staff) <= TEMP_RATIO_MAX:
            school = self.rng.choice(public)
            school.members.append(self.hire(school, year, Employment.TEMPORARY, False))
            temps += 1
        while not over and on_staff and Fraction(temps, on_staff) > TEMP_RATIO_MAX:
            school = self.rng.choice([s for s in public if self.temps_of(s)])
            school.members.remove(self.rng.choice(self.temps_of(school)))
            temps -= 1

    @staticmethod
    def temps_of(school: SchoolPlan) -> list[Person]:
        return [p for p in school.members if p.employment == Employment.TEMPORARY]


def school_plans(units: list[Unit], sizes: Sizes) -> dict[int, list[SchoolPlan]]:
    """Every unit's schools with their 2025 staff size, scaled to the scale's total."""
    by_unit: dict[int, list[SchoolPlan]] = defaultdict(list)
    schools = School.objects.filter(unit__in=units).order_by("code")
    for school in schools:
        students = school.students or DEFAULT_STUDENTS.get(school.school_type, 600)
        by_unit[school.unit_id].append(
            SchoolPlan(
                school.id,
                school.code,
                school.name,
                school.school_type,
                School.STAGES_BY_TYPE[school.school_type],
                school.ownership == School.Ownership.PUBLIC,
                max(2.5, students / STUDENTS_PER_STAFF[school.school_type]),
            )
        )
    every = [s for plans in by_unit.values() for s in plans]
    total = sizes.school_staff or round(sizes.per_school * len(every))
    factor = total / (sum(s.weight for s in every) or 1)
    for school in every:
        school.size = max(3, round(school.weight * factor))
    return by_unit


def choose_moe_graduates(rng: random.Random, plans: list[UnitPlan], per_year: int) -> None:
    """Young teachers recruited from the six MOE normal universities: `per_year` a year over
    the city, so that any three years of 2021–2025 add up to a little over 300 at full scale."""
    for year in YEARS:
        eligible = [
            person
            for plan in plans
            for person in plan.people
            if person.hired == year
            and person.ty0 == 0
            and person.rows
            and person.rows[0][3] == Post.TEACHER
            and person.employment == Employment.ON_STAFF
            and person.stage in (Stage.PRIMARY, Stage.JUNIOR, Stage.SENIOR)
            and person.final_degree >= Degree.BACHELOR
        ]
        for person in rng.sample(eligible, min(per_year, len(eligible))):
            person.moe = True


def plan_units(rng: random.Random, sizes: Sizes, units: list[Unit]) -> list[UnitPlan]:
    """Every unit's people over 2021–2025, each unit on its own fork of `rng`."""
    unit_rngs = [fork(rng) for _unit in units]
    schools = school_plans(units, sizes)
    plans = []
    for unit, unit_rng in zip(units, unit_rngs, strict=True):
        plan = UnitPlan(unit_rng, unit, PROFILES[unit.code], schools[unit.id], sizes)
        plan.simulate()
        degrees.upgrade_some(plan)
        degrees.set_degree_shares(plan)
        principals.principals_short_of_degree(plan)
        plans.append(plan)
    choose_moe_graduates(fork(rng), plans, sizes.moe_per_year)
    return plans
