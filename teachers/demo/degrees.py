"""Staff degrees: drawn at hiring, a few obtained during 2021–2025, and the 2025 shares then
set exactly, stage group by stage group, to what the unit's profile says (item 2.1)."""

from collections import defaultdict
from math import ceil
from typing import TYPE_CHECKING

from jiangmen_edu.demo.core import CURRENT_YEAR
from jiangmen_edu.models import Stage
from teachers.demo.people import Person
from teachers.demo.profiles import DEGREE_GROUPS
from teachers.models import Degree, Post

if TYPE_CHECKING:
    from teachers.demo.plan import UnitPlan

D = Degree
# Per stage: degrees of those at or above the group's threshold, and of those below it.
DEGREE_DRAWS: dict[str, tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]] = {
    Stage.KINDERGARTEN: (
        ((D.ASSOCIATE, D.BACHELOR, D.MASTER), (45, 52, 3)),
        ((D.HIGH_SCHOOL,), (1,)),
    ),
    Stage.PRIMARY: (((D.BACHELOR, D.MASTER), (93, 7)), ((D.ASSOCIATE, D.HIGH_SCHOOL), (9, 1))),
    Stage.JUNIOR: (((D.BACHELOR, D.MASTER), (88, 12)), ((D.ASSOCIATE,), (1,))),
    Stage.SENIOR: (((D.MASTER, D.DOCTORATE), (96, 4)), ((D.BACHELOR, D.ASSOCIATE), (97, 3))),
    Stage.VOCATIONAL: (((D.MASTER,), (1,)), ((D.BACHELOR, D.ASSOCIATE), (90, 10))),
}
SPECIAL_DEGREES = ((D.ASSOCIATE, D.BACHELOR, D.MASTER), (15, 75, 10))
OTHER_DEGREES = ((D.HIGH_SCHOOL, D.ASSOCIATE, D.BACHELOR), (15, 45, 40))
GROUP_OF_STAGE = {stage: group for group in DEGREE_GROUPS for stage in group[1]}


def draw_degree(plan: "UnitPlan", stage: str) -> int:
    """A new teacher's degree, a little under the profile's share for the stage."""
    rng = plan.rng
    if stage == Stage.SPECIAL:
        return rng.choices(*SPECIAL_DEGREES)[0]
    group = GROUP_OF_STAGE[stage]
    share = plan.profile.degrees[DEGREE_GROUPS.index(group)] - 0.02
    above, below = DEGREE_DRAWS[stage]
    return rng.choices(*(above if rng.random() < share else below))[0]


def upgrade_some(plan: "UnitPlan") -> None:
    """A few people obtained their degree during 2021–2025 (before the 2025 shares)."""
    for person in plan.people:
        years = [row[0] for row in person.rows]
        if len(years) > 1 and person.degree > D.HIGH_SCHOOL and plan.rng.random() < 0.05:
            person.degree -= 1
            person.upgrade = plan.rng.choice(years[1:])


def set_degree_shares(plan: "UnitPlan") -> None:
    """The profile's 2025 degree shares, exactly, stage group by stage group."""
    rng = plan.rng
    teachers: dict[str, list[Person]] = defaultdict(list)
    for person in plan.people:
        last = person.rows[-1]
        if last[0] == CURRENT_YEAR and last[3] == Post.TEACHER and last[2] in GROUP_OF_STAGE:
            teachers[GROUP_OF_STAGE[last[2]][0]].append(person)
    for (key, _stages, degree, target), share in zip(
        DEGREE_GROUPS, plan.profile.degrees, strict=True
    ):
        people = teachers[key]
        if not people:
            continue
        wanted = round(share * len(people))
        least = ceil(target * len(people))  # fewest holders that meet the target
        wanted = max(wanted, least) if share >= target else min(wanted, least - 1)
        holders = [p for p in people if p.final_degree >= degree]
        others = [p for p in people if p.final_degree < degree]
        for person in rng.sample(others, max(0, wanted - len(holders))):
            years = [row[0] for row in person.rows]
            if person.final_degree == degree - 1 and person.upgrade is None and len(years) > 1:
                person.upgrade = rng.choice(years[1:])  # studied for it meanwhile
            else:
                person.degree, person.upgrade = degree, None
        for person in rng.sample(holders, max(0, len(holders) - wanted)):
            person.degree, person.upgrade = degree - 1, None
