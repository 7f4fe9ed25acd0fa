"""Headline counts (docs/rules.md#headline-counts; Annex 1 一(二), 5(2), 9, 15)."""

from dataclasses import dataclass
from enum import StrEnum

from teachers.rules.training import plan_period


class Headline(StrEnum):
    FAMOUS_TEACHERS = "famous_teachers"
    KEY_PRINCIPALS = "key_principals"
    CITY_EXCELLENT_TEACHERS = "city_excellent_teachers"
    COUNTY_FAMOUS_TEACHERS = "county_famous_teachers"
    MOE_NORMAL_GRADUATES = "moe_normal_graduates"
    STAFF = "staff"


@dataclass(frozen=True)
class HeadlineTarget:
    target: int
    exclusive: bool  # 超过: the target itself fails
    per_year: bool  # a yearly figure, due every year; otherwise cumulative over a window


HEADLINE_TARGETS: dict[Headline, HeadlineTarget] = {
    # "梯次培养各类教学名师8000人以上": every talent title awarded in the plan period.
    Headline.FAMOUS_TEACHERS: HeadlineTarget(8000, exclusive=False, per_year=False),
    # "到2025年，分级培养骨干校长不少于250名".
    Headline.KEY_PRINCIPALS: HeadlineTarget(250, exclusive=False, per_year=False),
    # "每年培养100名以上市级卓越教师、600名以上县级教学名师".
    Headline.CITY_EXCELLENT_TEACHERS: HeadlineTarget(100, exclusive=False, per_year=True),
    Headline.COUNTY_FAMOUS_TEACHERS: HeadlineTarget(600, exclusive=False, per_year=True),
    # "对接教育部直属6所师范院校，三年内引进300名以上优秀青年教师".
    Headline.MOE_NORMAL_GRADUATES: HeadlineTarget(300, exclusive=False, per_year=False),
    # "到2025年，全市教育师资队伍超2万人": 超 excludes, so exactly 20,000 fails.
    Headline.STAFF: HeadlineTarget(20000, exclusive=True, per_year=True),
}
MOE_RECRUITMENT_YEARS = 3


def headline_window(headline: Headline, year: int) -> tuple[int, int]:
    """The years a headline counts in the statistical `year`, and the year it is due.

    Returns (first year counted, due year). Cumulative figures run from the start of the plan
    period; the MOE-graduate target runs over the period's first three years ("三年内", read
    from the plan's start: 2021–2023). Yearly figures count `year` alone.
    """
    start, end = plan_period(year)
    if HEADLINE_TARGETS[headline].per_year:
        return year, year
    if headline is Headline.MOE_NORMAL_GRADUATES:
        return start, start + MOE_RECRUITMENT_YEARS - 1
    return start, end


@dataclass(frozen=True)
class HeadlineResult:
    key: Headline
    value: int
    target: int
    exclusive: bool
    due_year: int
    city_wide: bool
    window_open: bool  # a cumulative figure before its due year may still grow
    passed: bool | None  # None: a county's share of a city-wide target is not judged
    people_needed: int | None


def headline_count(
    headline: Headline, value: int, *, year: int, city_wide: bool = True
) -> HeadlineResult:
    """A headline count against its city-wide target (docs/rules.md#headline-counts).

    "以上/不少于" include the target; "超过" excludes it (docs/rules.md#boundary-words). The targets
    are the city's: for a county the count is its contribution, shown without pass or gap.
    """
    definition = HEADLINE_TARGETS[headline]
    _first, due_year = headline_window(headline, year)
    window_open = year < due_year
    needed_at_least = definition.target + 1 if definition.exclusive else definition.target
    if not city_wide:
        return HeadlineResult(
            headline,
            value,
            definition.target,
            definition.exclusive,
            due_year,
            False,
            window_open,
            None,
            None,
        )
    return HeadlineResult(
        headline,
        value,
        definition.target,
        definition.exclusive,
        due_year,
        True,
        window_open,
        value >= needed_at_least,
        max(0, needed_at_least - value),
    )
