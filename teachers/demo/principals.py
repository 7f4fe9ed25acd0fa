"""Principals (docs/rules.md#principals): each school's chain of appointments over 2021–2025, who
fills a post, the lessons they observe each semester and their qualification training."""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from jiangmen_edu.demo.core import CURRENT_YEAR, YEARS
from jiangmen_edu.models import Stage
from teachers.demo.people import Person, SchoolPlan
from teachers.demo.profiles import FIRST_YEAR
from teachers.models import (
    Degree,
    Employment,
    Post,
    PrincipalAppointment,
    PrincipalSemester,
    Title,
    TrainingRecord,
)
from teachers.rules.principals import SEMESTER_STARTS
from teachers.rules.training import add_years

if TYPE_CHECKING:
    from teachers.demo.plan import UnitPlan

LAST_DAY = datetime.date(CURRENT_YEAR, 12, 31)
PRINCIPAL_DEGREES = ((Degree.BACHELOR, Degree.MASTER), (67, 33))
QUALIFICATION_PROVIDER = "广东省中小学校长培训中心"
QUALIFICATION_COURSE = "新任校长任职资格培训"
QUALIFICATION_HOURS = Decimal(300)


@dataclass
class Term:
    """One principal appointment: holder is an index into the school's chain of principals."""

    holder: int
    start: datetime.date
    end: datetime.date | None
    term: int
    probation_passed: bool = True


# --- the chain of appointments ----------------------------------------------------------------


def handover_day(rng: random.Random, year: int) -> datetime.date:
    """Principals change at the start of a semester: late February or late August."""
    if rng.random() < 0.25:
        return datetime.date(year, 2, rng.randint(15, 28))
    return datetime.date(year, 8, rng.randint(20, 31))


def plan_terms(rng: random.Random) -> list[Term]:
    """A school's principal appointments from the 2021 principal's first term to 2025.

    The 2021 principal's current term began in 2017–2021 (a few are already in a third
    consecutive term); at each term's end the principal is mostly reappointed once, rarely a
    third time, otherwise replaced by a new one; a few leave mid-term, and a few terms run
    out without a recorded reappointment. Nobody changes before 2022, so holder 0 is the
    2021 principal.
    """
    term_no = rng.choices((1, 2, 3), (58, 38, 4))[0]
    start = handover_day(rng, rng.randint(2017, 2021))
    terms = [
        Term(0, add_years(start, -5 * (term_no - n)), add_years(start, -5 * (term_no - n - 1)), n)
        for n in range(1, term_no)
    ]
    current = Term(0, start, None, term_no)
    while True:
        event = add_years(current.start, 5)
        mid_term = False
        for n in range(1, 5):
            day = add_years(current.start, n)
            if day.year >= 2022 and rng.random() < 0.03:
                event, mid_term = day, True
                break
        if event > LAST_DAY:
            break
        draw = rng.random()
        if not mid_term and draw > 0.96:
            break  # the term expired and no reappointment was recorded
        current.end = event
        terms.append(current)
        if not mid_term and draw < {1: 0.7, 2: 0.05}.get(current.term, 0):
            current = Term(current.holder, event, None, current.term + 1)
        else:
            current = Term(current.holder + 1, event, None, 1)
    terms.append(current)
    for term in terms:  # probation: a first appointment's first year
        if term.term == 1 and add_years(term.start, 1) > LAST_DAY:
            term.probation_passed = False
        elif term.term == 1 and term.start.year >= 2020:
            term.probation_passed = rng.random() < 0.95
    return terms


def holder_in(terms: list[Term], year: int) -> int:
    """The chain index of the principal in post at the end of `year`."""
    return max((t for t in terms if t.start.year <= year), key=lambda t: t.start).holder


# --- who fills the post -----------------------------------------------------------------------


def new_principal(
    plan: "UnitPlan", school: SchoolPlan, year: int, first_start: datetime.date
) -> Person:
    """An experienced principal hired from outside the unit's roster."""
    rng = plan.rng
    employment = Employment.ON_STAFF if school.public else Employment.TEMPORARY
    stage = school.stages[0]
    ty0 = rng.randint(15, 30)
    person = plan.new_person(
        Post.PRINCIPAL,
        employment,
        stage,
        plan.draw_subject(stage),
        ty0,
        year,
        year - (ty0 if year == FIRST_YEAR else 0),
        rng.randint(2, 4),
    )
    person.degree = rng.choices(*PRINCIPAL_DEGREES)[0]
    person.managing_since = first_start.year - rng.randint(3, 8)
    return person


def candidates(plan: "UnitPlan", year: int) -> list[Person]:
    """The unit's on-staff teachers of public schools with 5 years' teaching, shuffled."""
    pool = [
        p
        for s in plan.schools
        if s.public
        for p in s.members
        if p.post == Post.TEACHER
        and p.employment == Employment.ON_STAFF
        and p.teaching_years(year) >= 5
    ]
    plan.rng.shuffle(pool)
    return pool


def promote(plan: "UnitPlan", school: SchoolPlan, year: int, pool: list[Person]) -> Person:
    """The new principal: mostly a qualified teacher of the unit, now and then one who
    falls short of a requirement (docs/rules.md#principals: 5 years teaching, title, 3 years
    managing)."""
    rng = plan.rng
    lenient = rng.random() < 0.07
    need_title = Title.SENIOR if Stage.SENIOR in school.stages else Title.INTERMEDIATE
    need_degree = Degree.ASSOCIATE if school.stages == (Stage.KINDERGARTEN,) else Degree.BACHELOR
    if school.public:
        people = pool
    else:
        people = [
            p for p in school.members if p.post == Post.TEACHER and p.teaching_years(year) >= 5
        ]
    chosen = None
    for person in people:
        if person.post != Post.TEACHER or person.stage not in school.stages:
            continue
        if lenient or (
            person.teaching_years(year) >= 8
            and person.title_in(year) >= need_title
            and person.management_years(year) >= 3
            and person.degree_in(year) >= need_degree
        ):
            chosen = person
            break
    if chosen is None:
        start = next(t.start for t in school.terms if t.start.year == year)
        return new_principal(plan, school, year, start)
    for other in plan.schools:
        if chosen in other.members:
            other.members.remove(chosen)
            break
    chosen.post = Post.PRINCIPAL
    return chosen


def principals_short_of_degree(plan: "UnitPlan") -> None:
    """The profile's few 2025 principals without the degree their school needs."""
    for _ in range(plan.profile.principals_short):
        principals = [
            school.holders[holder_in(school.terms, CURRENT_YEAR)]
            for school in plan.schools
            if school.public and Stage.SPECIAL not in school.stages
            and Stage.VOCATIONAL not in school.stages
        ]  # fmt: skip
        principals = [p for p in principals if p.final_degree >= Degree.BACHELOR]
        if principals:
            person = plan.rng.choice(principals)
            kindergarten = person.rows[-1][1].stages == (Stage.KINDERGARTEN,)
            person.degree = Degree.HIGH_SCHOOL if kindergarten else Degree.ASSOCIATE
            person.upgrade = None


# --- writing ----------------------------------------------------------------------------------


def principal_records(
    rng: random.Random, plan: "UnitPlan"
) -> tuple[list[PrincipalAppointment], list[PrincipalSemester], list[TrainingRecord]]:
    """The unit's appointments, the lessons observed in each semester begun in post
    (`SEMESTER_STARTS`, as the rules read them) and the qualification training records."""
    appointments: list[PrincipalAppointment] = []
    semesters: list[PrincipalSemester] = []
    trainings: list[TrainingRecord] = []
    for school in plan.schools:
        firsts: dict[int, datetime.date] = {}
        for term in school.terms:
            person = school.holders.get(term.holder)
            if person is None:  # only for a chain that never reached its holder
                continue
            firsts.setdefault(term.holder, term.start)
            appointments.append(
                PrincipalAppointment(
                    staff_id=person.staff_id,
                    school_id=school.id,
                    start_date=term.start,
                    end_date=term.end,
                    consecutive_term=term.term,
                    probation_passed=term.probation_passed,
                )
            )
            for year in YEARS:
                for semester, begins in SEMESTER_STARTS.items():
                    day = datetime.date(year, *begins)
                    if term.start <= day and (term.end is None or term.end >= day):
                        few = rng.random() < 0.1  # fewer than the 50 lessons due
                        semesters.append(
                            PrincipalSemester(
                                staff_id=person.staff_id,
                                year=year,
                                semester=semester,
                                lessons_observed=rng.randint(35, 49)
                                if few
                                else rng.randint(50, 80),
                            )
                        )
        for holder, start in firsts.items():
            trained = qualification_day(rng, start)
            if trained is not None and trained <= LAST_DAY:
                trainings.append(
                    TrainingRecord(
                        staff_id=school.holders[holder].staff_id,
                        date=trained,
                        hours=QUALIFICATION_HOURS,
                        level=TrainingRecord.Level.PROVINCIAL,
                        provider=QUALIFICATION_PROVIDER,
                        course=QUALIFICATION_COURSE,
                        is_qualification=True,
                    )
                )
    return appointments, semesters, trainings


def qualification_day(rng: random.Random, start: datetime.date) -> datetime.date | None:
    """Within a year of the first appointment, except a few late or missing (since 2021)."""
    draw = rng.random()
    if start.year >= FIRST_YEAR and draw < 0.07:
        return None
    if start.year >= FIRST_YEAR and draw < 0.12:
        return start + datetime.timedelta(days=rng.randint(380, 560))
    return start + datetime.timedelta(days=rng.randint(20, 330))
