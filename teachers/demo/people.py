"""Staff as planned: who they are (`Person`), the schools they work at (`SchoolPlan`), what
they teach, their titles and pay, and the `Staff` and roster rows (`StaffYear`) written for them.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from jiangmen_edu.demo.core import CURRENT_YEAR, YEARS
from jiangmen_edu.models import School, Stage
from teachers.models import Degree, Employment, Post, Staff, StaffYear, Subject, Title

if TYPE_CHECKING:
    from teachers.demo.plan import UnitPlan
    from teachers.demo.principals import Term

# --- subjects ---------------------------------------------------------------------------------

S = Subject
_COMPULSORY = (S.CHINESE, S.MATHS, S.ENGLISH, S.MORALITY)
_MORE = (S.IT, S.PE, S.MUSIC, S.ART, S.LABOUR, S.MENTAL_HEALTH)
_SCIENCES = (S.HISTORY, S.GEOGRAPHY, S.PHYSICS, S.CHEMISTRY, S.BIOLOGY)
# The stage × subject pairs item 2.2 wants a full-time researcher for
# (docs/rules.md#researcher-coverage).
CURRICULUM: dict[str, tuple[str, ...]] = {
    Stage.PRIMARY: (*_COMPULSORY, S.SCIENCE, *_MORE),
    Stage.JUNIOR: (*_COMPULSORY, *_SCIENCES, *_MORE),
    Stage.SENIOR: (*_COMPULSORY, *_SCIENCES, S.TECHNOLOGY, *_MORE),
    Stage.KINDERGARTEN: (S.PRESCHOOL,),
    Stage.SPECIAL: (S.SPECIAL,),
}

# Teachers' subjects by stage, weighted: Chinese and maths teachers are the most numerous.
_WEIGHTS = {
    S.CHINESE: 14, S.MATHS: 14, S.ENGLISH: 12, S.MORALITY: 5, S.HISTORY: 5, S.GEOGRAPHY: 4,
    S.PHYSICS: 6, S.CHEMISTRY: 5, S.BIOLOGY: 4, S.IT: 3, S.PE: 7, S.MUSIC: 3, S.ART: 3,
    S.LABOUR: 1, S.MENTAL_HEALTH: 2, S.TECHNOLOGY: 2,
}  # fmt: skip
_PRIMARY_WEIGHTS = {
    S.CHINESE: 30, S.MATHS: 25, S.ENGLISH: 9, S.MORALITY: 4, S.SCIENCE: 5, S.IT: 3, S.PE: 7,
    S.MUSIC: 5, S.ART: 5, S.LABOUR: 1, S.MENTAL_HEALTH: 1,
}  # fmt: skip
TEACHER_SUBJECTS: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {
    stage: (tuple(weights), tuple(weights.values()))
    for stage, weights in {
        Stage.KINDERGARTEN: {S.PRESCHOOL: 1},
        Stage.PRIMARY: _PRIMARY_WEIGHTS,
        Stage.JUNIOR: {s: _WEIGHTS[s] for s in CURRICULUM[Stage.JUNIOR]},
        Stage.SENIOR: {s: _WEIGHTS[s] for s in CURRICULUM[Stage.SENIOR]},
        Stage.VOCATIONAL: {
            S.VOCATIONAL: 80, S.CHINESE: 5, S.MATHS: 5, S.ENGLISH: 4, S.MORALITY: 2, S.PE: 2,
            S.IT: 2,
        },
        Stage.SPECIAL: {S.SPECIAL: 1},
    }.items()
}  # fmt: skip
# Teachers by stage in a school of several stages.
STAGE_WEIGHTS = {
    School.Type.NINE_YEAR: (60, 40),
    School.Type.COMPLETE_SECONDARY: (50, 50),
    School.Type.TWELVE_YEAR: (45, 30, 25),
}

# --- titles and pay ---------------------------------------------------------------------------

PAY_BY_TITLE = {
    Title.NONE: 86_000,
    Title.JUNIOR: 93_000,
    Title.INTERMEDIATE: 108_000,
    Title.SENIOR: 126_000,
    Title.FULL_SENIOR: 141_000,
}
PAY_EXTRA = {Post.PRINCIPAL: 12_000, Post.RESEARCHER: 4_000, Post.TEACHER: 0}


def title_for(teaching_years: int, pace: int) -> int:
    """Title from years of teaching shifted by a person's pace: never goes down over time.

    A teacher gets a junior title after the first year; a temporary teacher far behind the
    usual pace may have none.
    """
    experience = teaching_years + pace
    if teaching_years < 1 or experience < -2:
        return Title.NONE
    if experience < 6:
        return Title.JUNIOR
    if experience < 16:
        return Title.INTERMEDIATE
    if experience < 32:
        return Title.SENIOR
    return Title.FULL_SENIOR


# --- the plan ---------------------------------------------------------------------------------


class Person:
    """One staff member as planned: who they are, and one assignment per year present."""

    __slots__ = (
        "seq", "name", "post", "employment", "stage", "subject", "degree", "upgrade", "ty0",
        "year0", "pace", "managing_since", "hired", "moe", "behind", "pay", "rows",
        "in_post_since", "practice_year", "staff", "staff_id",
    )  # fmt: skip

    def __init__(self, seq, name, post, employment, stage, subject, ty0, year0, hired, pace):
        self.seq = seq
        self.name = name
        self.post = post
        self.employment = employment
        self.stage = stage
        self.subject = subject
        self.degree = Degree.BACHELOR  # the degree of the first year; `upgrade` adds one
        self.upgrade: int | None = None  # the year a higher degree was obtained
        self.ty0 = ty0  # years of teaching in `year0`, the first year on the roster
        self.year0 = year0
        self.hired = hired
        self.pace = pace  # shifts the title: some are promoted sooner than others
        self.managing_since: int | None = None
        self.moe = False
        self.behind = False
        self.pay = 1.0
        # (year, school or None, stage, post, subject), one per year present
        self.rows: list[tuple[int, SchoolPlan | None, str, str, str]] = []
        self.in_post_since = 0
        self.practice_year: int | None = None
        self.staff: Staff | None = None
        self.staff_id: int | None = None  # once written; None for a unit that is skipped

    def teaching_years(self, year: int) -> int:
        return self.ty0 + year - self.year0

    def degree_in(self, year: int) -> int:
        return self.degree + (1 if self.upgrade is not None and year >= self.upgrade else 0)

    @property
    def final_degree(self) -> int:
        return self.degree_in(self.rows[-1][0]) if self.rows else self.degree

    def title_in(self, year: int) -> int:
        return title_for(self.teaching_years(year), self.pace)

    def management_years(self, year: int) -> int:
        return 0 if self.managing_since is None else max(0, year - self.managing_since)


@dataclass
class SchoolPlan:
    id: int
    code: str
    name: str
    school_type: str
    stages: tuple[str, ...]
    public: bool
    weight: float
    size: int = 0
    terms: list["Term"] = field(default_factory=list)
    holders: dict[int, Person] = field(default_factory=dict)  # chain holder index → person
    members: list[Person] = field(default_factory=list)  # this year's staff, bar the principal


# --- writing ----------------------------------------------------------------------------------


def staff_records(plan: "UnitPlan") -> list[Staff]:
    """The unit's `Staff`, one per planned person (kept on `person.staff`)."""
    unit = plan.unit
    for person in plan.people:
        person.staff = Staff(
            unit=unit,
            staff_no=f"T{unit.code}{person.seq:05d}",
            name=person.name,
            hired_year=person.hired,
            from_moe_normal_university=person.moe,
        )
    return [person.staff for person in plan.people]


def roster_rows(rng: random.Random, plan: "UnitPlan") -> list[StaffYear]:
    """The unit's roster rows, year by year; temporary teachers' pay follows the profile."""
    unit = plan.unit
    result: list[StaffYear] = []
    rows_by_year: dict[int, list[tuple[Person, tuple]]] = defaultdict(list)
    for person in plan.people:
        for row in person.rows:
            rows_by_year[row[0]].append((person, row))
    for year in YEARS:
        growth = 1 - 0.03 * (CURRENT_YEAR - year)
        on_staff_pay: list[int] = []
        pending: list[StaffYear] = []
        for person, (_year, school, stage, post, subject) in rows_by_year[year]:
            title = person.title_in(year)
            if post == Post.OTHER:
                pay = 78_000 * person.pay
            else:
                pay = min(150_000, PAY_BY_TITLE[title] * person.pay) + PAY_EXTRA[post]
            if school is not None and not school.public:
                pay *= 0.8
            row = StaffYear(
                staff_id=person.staff_id,
                year=year,
                unit_id=unit.id,
                school_id=school.id if school else None,
                stage=stage,
                post=post,
                employment=person.employment,
                degree=person.degree_in(year),
                title=title,
                subject=subject,
                teaching_years=person.teaching_years(year),
                management_years=person.management_years(year),
                annual_pay=int(pay * growth) // 100 * 100,
            )
            public = school is not None and school.public
            if public and post == Post.TEACHER:
                if person.employment == Employment.ON_STAFF:
                    on_staff_pay.append(row.annual_pay)
                else:
                    pending.append(row)
            result.append(row)
        average = sum(on_staff_pay) / max(1, len(on_staff_pay))
        for row in pending:
            pay = average * plan.profile.temp_pay * rng.uniform(0.94, 1.06)
            row.annual_pay = int(pay) // 100 * 100
    return result
