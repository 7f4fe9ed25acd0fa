from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from assessment.gather import BALANCE_FIELDS
from assessment.models import CountyScore, Indicator, SchoolResources, ScoreRun
from assessment.scoring import ITEM_CODES, ItemResult, Rank
from assessment.scoring.engine import CountyScore as Scorecard
from jiangmen_edu.models import Unit


def indicator_table() -> QuerySet[Indicator]:
    return Indicator.objects.all()


def reachable_points() -> Decimal:
    """97 by default: item 3.2 adds up to 7, not the 10 its heading says (docs/rules.md#i-6)."""
    return Indicator.objects.aggregate(total=Sum("default_max_points"))["total"] or Decimal(0)


# --- stored runs --------------------------------------------------------------------------


def run_scores(run: ScoreRun, unit_ids: Iterable[int] | None = None) -> list[CountyScore]:
    """The run's county scores in rank order, with unit and items loaded: two queries."""
    scores = run.counties.select_related("unit").prefetch_related("items")
    if unit_ids is not None:
        scores = scores.filter(unit_id__in=list(unit_ids))
    return list(scores.order_by("rank", "unit__order"))


def stored_card(county_score: CountyScore) -> Scorecard:
    """A stored county score as the engine's scorecard, items in table order, so that stored
    and fresh results print and compare alike (`as_dict`, `changes_from`)."""
    order = {code: index for index, code in enumerate(ITEM_CODES)}
    items = sorted(county_score.items.all(), key=lambda item: order.get(item.code, len(order)))
    results = tuple(
        ItemResult(
            code=item.code,
            score=item.score,
            max_points=item.max_points,
            inputs=item.inputs,
            explanation=item.explanation,
            gap=item.gap,
            notes=list(item.notes),
            flagged=item.flagged,
        )
        for item in items
    )
    unit = county_score.unit
    return Scorecard(
        items=results,
        total=county_score.total,
        max_total=sum((item.max_points for item in results), Decimal(0)),
        county=unit.code,
        name=unit.name,
        region=unit.region,
    )


def stored_ranking(county_score: CountyScore) -> Rank:
    return Rank(county_score.rank, county_score.region_rank or None)


# --- data quality ---------------------------------------------------------------------------


def negative_resources(*, unit: Unit, year: int) -> QuerySet[SchoolResources]:
    """The unit's school resource rows of `year` with a figure below zero (one query).

    The import refuses negative figures, but the columns allow them."""
    below_zero = Q()
    for name in BALANCE_FIELDS:
        below_zero |= Q(**{f"{name}__lt": 0})
    return (
        SchoolResources.objects.filter(below_zero, school__unit=unit, year=year)
        .select_related("school")
        .order_by("school__code", "stage")
    )
