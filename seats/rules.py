"""The seat tracker's rules as plain functions of numbers (docs/rules.md#seats; the inputs of
items 3.1–3.3, docs/rules.md#indicator-table).

No database access here: selectors gather the figures, these functions decide. Shares and
completions are exact `Fraction`s, never floats, so that a threshold is compared on the exact
value (docs/rules.md#i-7).
"""

import enum
from dataclasses import dataclass
from fractions import Fraction

# A county of over 200,000 people needs a standard special-education school; "over" excludes
# the number itself. The policy text says 20万人口以上, which includes it: see
# docs/rules.md#township-coverage and docs/rules.md#known-differences.
SPECIAL_SCHOOL_POPULATION = 200_000


class PlanFit(enum.StrEnum):
    MATCHES = "matches"
    EXCEEDS = "exceeds"
    SHORT = "short"


@dataclass(frozen=True)
class PlanCheck:
    """How a unit's plan for one stage compares with its quota."""

    planned: int
    quota: int

    @property
    def fit(self) -> PlanFit:
        if self.planned == self.quota:
            return PlanFit.MATCHES
        return PlanFit.EXCEEDS if self.planned > self.quota else PlanFit.SHORT

    @property
    def difference(self) -> int:
        """Planned minus quota: negative when the plan falls short."""
        return self.planned - self.quota

    @property
    def short_by(self) -> int:
        return max(0, self.quota - self.planned)

    @property
    def needs_explanation(self) -> bool:
        """A plan short of the quota is a warning the county must explain; exceeding is fine."""
        return self.fit == PlanFit.SHORT


def plan_check(*, planned: int, quota: int) -> PlanCheck:
    """docs/rules.md#seat-progress: the yearly plan (分年度实施计划) should sum to the unit's quota
    per stage.

    A total below the quota is a warning that needs the county's explanation; a total above
    it is allowed (the quota is a floor, not a ceiling).
    """
    return PlanCheck(planned=planned, quota=quota)


def quota_total(*, preschool: int, compulsory: int, high_school: int) -> int:
    """docs/rules.md#quota-table: a unit's total is preschool + compulsory + general high school.

    The private seats to convert are part of the compulsory figure and are not added again
    (市直: 1080 + 3136 + 1779 = 5995).
    """
    return preschool + compulsory + high_school


def year_task_met(*, delivered: int, task: int) -> bool:
    """Item 3.1 (docs/rules.md#item-3-1): the year's delivered seats reach the year's task; a task
    of 0 is met."""
    return delivered >= task


def behind_schedule(*, delivered_to_date: int, planned_to_date: int) -> bool:
    """docs/rules.md#seat-progress: cumulative delivered seats below the cumulative yearly plan to
    that year."""
    return delivered_to_date < planned_to_date


def city_target_met(*, delivered: int, target: int) -> bool:
    """The city total reaches its target, the number included (docs/rules.md#city-seat-target;
    the policy text says "超11万", see docs/rules.md#known-differences)."""
    return delivered >= target


def public_share(*, public: int, purchased: int, private: int) -> Fraction | None:
    """Item 3.2a (docs/rules.md#item-3-2a): public students (incl. government-purchased seats) / all
    compulsory.

    None when the unit reports no compulsory students at all: there is no share to score.
    """
    total = public + purchased + private
    if total == 0:
        return None
    return Fraction(public + purchased, total)


def restructuring_completion(*, converted: int, to_convert: int) -> Fraction:
    """Item 3.2bc (docs/rules.md#item-3-2bc): private seats converted so far / the quota's seats to
    convert.

    I-4: a unit with nothing to convert has completed its task (100 %). The completion is not
    capped: converting more than the quota gives more than 1.
    """
    if to_convert == 0:
        return Fraction(1)
    return Fraction(converted, to_convert)


def boarding_completion(*, target: int | None, completed: int) -> Fraction | None:
    """Item 3.3 (docs/rules.md#item-3-3): boarding seats completed / the year's target; None without
    a task or without a target.

    A target of 0 means no boarding task: item 3.3 is then scored from the other items (I-8). A
    target left empty is not entered yet, not "no task": item 3.3 cannot be scored until it is
    (docs/rules.md#i-11). Both are the assessment's business, not this function's.
    """
    if not target:
        return None
    return Fraction(completed, target)


def needs_special_school(population: int | None) -> bool | None:
    """A county of over 200,000 people needs a special-education school
    (docs/rules.md#township-coverage, docs/rules.md#known-differences).

    Exactly 200,000 is not "over"; None when the population is not known.
    """
    if population is None:
        return None
    return population > SPECIAL_SCHOOL_POPULATION


class Requirement(enum.StrEnum):
    """The lines of the township coverage checklist (docs/rules.md#township-coverage)."""

    BOARDING_SCHOOL = "boarding_school"
    CENTRAL_KINDERGARTEN = "central_kindergarten"
    PUBLIC_KINDERGARTEN = "public_kindergarten"


def township_requirements(kind: str) -> tuple[Requirement, ...]:
    """docs/rules.md#township-coverage: every town (镇) has ≥ 1 compulsory boarding school and ≥ 1
    public central kindergarten; every subdistrict (街道) has ≥ 1 public kindergarten."""
    if kind == "town":
        return (Requirement.BOARDING_SCHOOL, Requirement.CENTRAL_KINDERGARTEN)
    return (Requirement.PUBLIC_KINDERGARTEN,)


COMPULSORY_SCHOOL_TYPES = frozenset(
    {"primary", "nine_year", "junior", "complete_secondary", "twelve_year"}
)


def satisfies(
    requirement: Requirement,
    *,
    school_type: str,
    ownership: str,
    is_central: bool,
    is_boarding: bool,
) -> bool:
    """Whether one school satisfies one line of the checklist (docs/rules.md#township-coverage).

    - boarding school: a public school that teaches a compulsory stage and boards pupils;
    - public central kindergarten: a public kindergarten flagged as the township's central one;
    - public kindergarten: any public kindergarten.
    """
    if ownership != "public":
        return False
    if requirement == Requirement.BOARDING_SCHOOL:
        return is_boarding and school_type in COMPULSORY_SCHOOL_TYPES
    if requirement == Requirement.CENTRAL_KINDERGARTEN:
        return school_type == "kindergarten" and is_central
    return school_type == "kindergarten"
