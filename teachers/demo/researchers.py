"""Teaching researchers (docs/rules.md#researchers, item 2.2): each county's stage × subject
assignments, giving its profile's coverage, the people who hold them and their yearly duties."""

import random
from typing import TYPE_CHECKING

from jiangmen_edu.demo.core import YEARS
from teachers.demo.people import CURRICULUM, Person
from teachers.demo.profiles import ALL_PAIRS, FIRST_YEAR, SUBJECTS_ONLY
from teachers.models import Degree, Employment, Post, ResearcherDuty, Subject

if TYPE_CHECKING:
    from teachers.demo.plan import UnitPlan

# The stage × subject pairs item 2.2 wants a full-time researcher for
# (docs/rules.md#researcher-coverage).
COVERAGE: tuple[tuple[str, str], ...] = tuple(
    (stage, subject) for stage, subjects in CURRICULUM.items() for subject in subjects
)
RESEARCHER_DEGREES = ((Degree.BACHELOR, Degree.MASTER, Degree.DOCTORATE), (58, 40, 2))


def simulate_researchers(plan: "UnitPlan") -> None:
    """The county's teaching researchers, one per stage × subject assignment; the few who
    leave are replaced in the same assignment."""
    if not plan.profile.coverage:
        return
    rng = plan.rng
    low, high = plan.sizes.researchers[plan.profile.coverage]
    pairs = researcher_pairs(plan, rng.randint(low, high))
    current = [new_researcher(plan, stage, subject, FIRST_YEAR) for stage, subject in pairs]
    for year in YEARS:
        for n, (stage, subject) in enumerate(pairs):
            if year > FIRST_YEAR and rng.random() < 0.05:
                current[n] = new_researcher(plan, stage, subject, year)
            current[n].rows.append((year, None, stage, Post.RESEARCHER, subject))


def new_researcher(plan: "UnitPlan", stage: str, subject: str, year: int) -> Person:
    rng = plan.rng
    short = rng.random() < 0.06  # a few fall short of 6 years' teaching or senior/master
    ty0 = rng.randint(4, 5) if short else rng.randint(10, 30)
    person = plan.new_person(
        Post.RESEARCHER,
        Employment.ON_STAFF,
        stage,
        subject,
        ty0,
        year,
        year - ty0,
        rng.randint(-4, 0) if short else rng.randint(4, 8),
    )
    person.degree = Degree.BACHELOR if short else rng.choices(*RESEARCHER_DEGREES)[0]
    person.in_post_since = year if year > FIRST_YEAR else rng.randint(2006, 2021)
    if rng.random() < 0.85:  # the year back in a school, mostly taken in the 5th or 6th
        person.practice_year = max(year, person.in_post_since + rng.randint(4, 6))
    person.behind = rng.random() < 0.08
    plan.researchers.append(person)
    return person


def researcher_pairs(plan: "UnitPlan", count: int) -> list[tuple[str, str]]:
    """`count` stage × subject assignments giving the profile's coverage."""
    rng = plan.rng
    pairs = list(COVERAGE)
    if plan.profile.coverage == ALL_PAIRS:
        main = (Subject.CHINESE, Subject.MATHS, Subject.ENGLISH)
        chosen = pairs + rng.choices([p for p in pairs if p[1] in main], k=count - len(pairs))
    elif plan.profile.coverage == SUBJECTS_ONLY:
        rng.shuffle(pairs)
        chosen = []
        for subject in dict.fromkeys(subject for _stage, subject in pairs):
            chosen.append(next(p for p in pairs if p[1] == subject))
        rest = [p for p in pairs if p not in chosen]
        chosen += rest[: min(count, len(COVERAGE) - 3) - len(chosen)]
    else:
        rare = (Subject.SPECIAL, Subject.MENTAL_HEALTH, Subject.LABOUR, Subject.TECHNOLOGY)
        missing = set(rng.sample(rare, 2))
        rest = [p for p in pairs if p[1] not in missing]
        chosen = rng.sample(rest, min(count, len(rest)))
    return sorted(chosen, key=COVERAGE.index)


def researcher_duties(rng: random.Random, plan: "UnitPlan") -> list[ResearcherDuty]:
    """Each researcher's duties of each year in post."""
    duties = []
    for person in plan.researchers:
        for year, *_rest in person.rows:
            late = rng.random() < 0.12
            duties.append(
                ResearcherDuty(
                    staff_id=person.staff_id,
                    year=year,
                    level=ResearcherDuty.Level.COUNTY,
                    guidance_days=rng.randint(60, 79) if late else rng.randint(80, 110),
                    lessons_observed=(
                        rng.randint(60, 79) if rng.random() < 0.1 else rng.randint(80, 110)
                    ),
                    public_lessons=rng.randint(2, 4) if rng.random() < 0.12 else rng.randint(5, 9),
                    in_post_since=person.in_post_since,
                    school_practice_done=(
                        person.practice_year is not None and year >= person.practice_year
                    ),
                )
            )
    return duties
