"""Headline counts (docs/rules.md#headline-counts)."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from teachers.models import Staff, StaffYear, TalentTitle
from teachers.rules.headlines import Headline, HeadlineResult, headline_count, headline_window
from teachers.selectors.base import UnitIds, is_city_wide, roster_rows, unit_filter


def _title_conditions(year: int) -> dict[Headline, Q]:
    """Which talent titles each title headline counts, as conditions on TalentTitle."""
    start, _due = headline_window(Headline.FAMOUS_TEACHERS, year)
    period = Q(year__gte=start, year__lte=year)
    kind = TalentTitle.Kind
    return {
        Headline.FAMOUS_TEACHERS: period,
        Headline.KEY_PRINCIPALS: period & Q(kind=kind.KEY_PRINCIPAL),
        Headline.CITY_EXCELLENT_TEACHERS: Q(kind=kind.CITY_EXCELLENT_TEACHER, year=year),
        Headline.COUNTY_FAMOUS_TEACHERS: Q(kind=kind.COUNTY_FAMOUS_TEACHER, year=year),
    }


def _moe_graduates(units, year: int) -> QuerySet[Staff]:
    moe_first, moe_last = headline_window(Headline.MOE_NORMAL_GRADUATES, year)
    return Staff.objects.filter(
        unit__in=units,
        from_moe_normal_university=True,
        hired_year__gte=moe_first,
        hired_year__lte=min(moe_last, year),
    )


def talent_counts(
    unit_ids: UnitIds, year: int, *, city_wide: bool | None = None
) -> list[HeadlineResult]:
    """The headline counts (docs/rules.md#headline-counts) against the city's targets.

    - famous teachers: distinct people with any talent title awarded from the plan period's
      start to `year` (8,000 people over the 14th FYP);
    - key principals: distinct people with a key-principal title over the same years;
    - city-level excellent / county-level famous teachers: people awarded in `year`;
    - MOE normal-university graduates hired in the period's first three years, up to `year`;
    - staff: roster rows of the year, every post and employment.
    Titles and hires count for the person's unit. Three queries, and one more to tell whether
    the units are the whole city unless `city_wide` says so.
    """
    units = unit_filter(unit_ids)
    if city_wide is None:
        city_wide = is_city_wide(units)
    conditions = _title_conditions(year)
    titles = (
        TalentTitle.objects.filter(staff__unit__in=units)
        .filter(conditions[Headline.FAMOUS_TEACHERS])
        .aggregate(
            **{
                headline.value: Count("staff", distinct=True, filter=condition)
                for headline, condition in conditions.items()
            }
        )
    )
    moe = _moe_graduates(units, year).count()
    staff = roster_rows(units, year).count()
    values = {
        **{headline: titles[headline.value] for headline in conditions},
        Headline.MOE_NORMAL_GRADUATES: moe,
        Headline.STAFF: staff,
    }
    return [
        headline_count(headline, value, year=year, city_wide=city_wide)
        for headline, value in values.items()
    ]


def headline_people(unit_ids: UnitIds, year: int, headline: Headline) -> QuerySet[Staff]:
    """The drill-down of a headline count other than staff: the people it counts, each with
    `counted_titles`, the titles that count (one more query when evaluated). Lazy."""
    units = unit_filter(unit_ids)
    if headline is Headline.MOE_NORMAL_GRADUATES:
        people = _moe_graduates(units, year)
        titles = TalentTitle.objects.none()
    else:
        condition = _title_conditions(year)[headline]
        titles = TalentTitle.objects.filter(condition)
        people = Staff.objects.filter(Exists(titles.filter(staff=OuterRef("pk"))), unit__in=units)
    return people.select_related("unit").prefetch_related(
        Prefetch(
            "talent_titles", queryset=titles.order_by("year", "kind"), to_attr="counted_titles"
        )
    )


def staff_on_roster(unit_ids: UnitIds, year: int) -> QuerySet[StaffYear]:
    """The drill-down of the staff headline: every roster row of the year. Lazy."""
    return (
        roster_rows(unit_ids, year)
        .select_related("staff", "school", "unit")
        .order_by("unit__order", "school__code", "staff__staff_no")
    )
