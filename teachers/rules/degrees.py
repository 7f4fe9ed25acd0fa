"""Degree targets (docs/rules.md#degree-targets; item 2.1, docs/rules.md#item-2-1; I-1, I-7)."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from fractions import Fraction

from jiangmen_edu.models import Stage
from teachers.models import Degree
from teachers.rules.shares import ShareResult, share_against

SENIOR_STAGE = "senior_stage"


@dataclass(frozen=True)
class DegreeTarget:
    key: str
    stages: tuple[str, ...]
    min_degree: Degree
    share: Fraction


# Keys match `parameters.targets` of item 2.1 in fixtures/reference/indicators.json.
DEGREE_TARGETS: dict[str, DegreeTarget] = {
    target.key: target
    for target in (
        DegreeTarget(
            Stage.KINDERGARTEN, (Stage.KINDERGARTEN,), Degree.ASSOCIATE, Fraction(98, 100)
        ),
        DegreeTarget(Stage.PRIMARY, (Stage.PRIMARY,), Degree.BACHELOR, Fraction(93, 100)),
        DegreeTarget(Stage.JUNIOR, (Stage.JUNIOR,), Degree.BACHELOR, Fraction(98, 100)),
        # 高中阶段 is general high school and secondary vocational together
        # (docs/rules.md#degree-targets).
        DegreeTarget(SENIOR_STAGE, (Stage.SENIOR, Stage.VOCATIONAL), Degree.MASTER, Fraction(1, 4)),
    )
}


def degree_holders(counts_by_degree: Mapping[int, int], min_degree: Degree) -> int:
    """How many of a degree histogram hold `min_degree` or above (Degree is ordered)."""
    return sum(n for degree, n in counts_by_degree.items() if degree >= min_degree)


def degree_share(
    stage: str, holders: int, total: int, *, target: Fraction | None = None
) -> ShareResult:
    """Full-time teachers of a stage holding the "one level higher" degree vs the 2025 target.

    docs/rules.md#degree-targets, item 2.1: kindergarten ≥ 98 % associate or above, primary ≥ 93 %
    bachelor or above, junior ≥ 98 % bachelor or above, senior stage (`SENIOR_STAGE`: senior +
    vocational) ≥ 25 % master's or above. "达到 93%" includes 93 %: 93 of 100 passes (I-7).
    A stage with no full-time teachers is not assessed (I-1). `target` overrides the default
    when the year's configuration differs (East/West thresholds, docs/rules.md#regional-thresholds).
    """
    definition = DEGREE_TARGETS[stage]
    result = share_against(stage, holders, total, definition.share if target is None else target)
    return _with_degree(result, definition.min_degree)


def _with_degree(result: ShareResult, degree: Degree) -> ShareResult:
    return replace(result, min_degree=degree)


def stages_below_target(results: Iterable[ShareResult]) -> int:
    """The count item 2.1 deducts for: assessed stages below target (docs/rules.md#item-2-1,
    I-1)."""
    return sum(1 for result in results if result.passed is False)


# Principals (docs/rules.md#degree-targets): high-school and compulsory-school principals 100 %
# bachelor or above, kindergarten heads 100 % associate or above. The policy text names 普通高中 and
# 义务教育学校 only, so principals of vocational and special-education schools have no degree
# target.
PRINCIPALS_SCHOOL = "principals_school"
PRINCIPALS_KINDERGARTEN = "principals_kindergarten"
PRINCIPAL_DEGREE_GROUPS: dict[str, Degree] = {
    PRINCIPALS_SCHOOL: Degree.BACHELOR,
    PRINCIPALS_KINDERGARTEN: Degree.ASSOCIATE,
}


def principal_degree_group(school_stages: Iterable[str]) -> str | None:
    """The principals' degree group of a school, from its stages; None: no target applies."""
    stages = set(school_stages)
    if stages == {Stage.KINDERGARTEN}:
        return PRINCIPALS_KINDERGARTEN
    if stages and stages <= {Stage.PRIMARY, Stage.JUNIOR, Stage.SENIOR}:
        return PRINCIPALS_SCHOOL
    return None


def principal_degree_share(group: str, holders: int, total: int) -> ShareResult:
    """Principals of a group with the required degree vs 100 % (docs/rules.md#degree-targets)."""
    return _with_degree(
        share_against(group, holders, total, Fraction(1)), PRINCIPAL_DEGREE_GROUPS[group]
    )
