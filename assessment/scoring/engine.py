"""A county's scorecard from its items, and the ranks of the city overview
(docs/rules.md#use-of-results, docs/rules.md#assess-json).

`score_county` scores every item of docs/rules.md#indicator-table with the configuration of the
county's year and region, 3.3 last (without a boarding task it is computed from the others' scores,
I-8), and adds the rounded item scores. An item that cannot be scored counts 0 and makes the total
provisional. `rank` ranks totals overall and within each region, ties sharing a rank.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from assessment.scoring.config import ITEM_CODES, ConfigError, ItemConfig
from assessment.scoring.inputs import Missing
from assessment.scoring.items import ITEM_FUNCTIONS
from assessment.scoring.result import ItemResult, json_number, pending, points_text
from assessment.scoring.seats_items import score_3_3

# The headline of the source table; item 3.2's sub-rules reach 7 of its 10 (I-6).
NOMINAL_TOTAL = Decimal(100)


@dataclass(frozen=True)
class CountyScore:
    """One county-year's scorecard: every item in table order and the total."""

    items: tuple[ItemResult, ...]
    total: Decimal
    max_total: Decimal
    county: str = ""
    name: str = ""
    region: str = ""

    @property
    def pending_items(self) -> list[str]:
        return [item.code for item in self.items if item.score is None]

    @property
    def provisional(self) -> bool:
        """True while any item is null: the total counts it as 0 and may still change."""
        return bool(self.pending_items)

    @property
    def unreachable_points(self) -> Decimal:
        """Points of the 100-point headline that no rule awards: 3 by default (I-6)."""
        return max(Decimal(0), NOMINAL_TOTAL - self.max_total)

    @property
    def explanation(self) -> str:
        total, maximum = points_text(self.total), points_text(self.max_total)
        text = f"总分 {total} 分（各项得分之和，满分 {maximum} 分"
        if self.unreachable_points:
            text += f"；原表标称 100 分，其中 {points_text(self.unreachable_points)} 分无法取得"
        text += "）。"
        if self.provisional:
            text += f"总分为暂定值：{'、'.join(self.pending_items)} 尚未计分，按 0 分计入。"
        return text

    def item(self, code: str) -> ItemResult:
        for item in self.items:
            if item.code == code:
                return item
        raise KeyError(code)

    def changes_from(self, previous: "CountyScore | None") -> dict[str, Decimal | None]:
        """Value added (发展性原则): each item's and the total's change against the previous
        year's scorecard, by item code and "total"; None where either year is null."""
        changes: dict[str, Decimal | None] = {}
        for item in self.items:
            before = None
            if previous is not None:
                try:
                    before = previous.item(item.code).score
                except KeyError:
                    before = None
            changes[item.code] = (
                None if item.score is None or before is None else item.score - before
            )
        changes["total"] = None if previous is None else self.total - previous.total
        return changes

    def as_dict(self, ranking: "Rank | None" = None) -> dict[str, Any]:
        """The county entry of `assess --format json` (docs/rules.md#assess-json)."""
        data: dict[str, Any] = {
            "code": self.county,
            "name": self.name,
            "region": self.region,
            "total": float(self.total),
            "max": json_number(self.max_total),
            "provisional": self.provisional,
            "pending": self.pending_items,
        }
        if ranking is not None:
            data.update(rank=ranking.rank, region_rank=ranking.region_rank)
        data["items"] = [item.as_dict() for item in self.items]
        return data


def score_item(code: str, inputs: object | None, config: ItemConfig) -> ItemResult:
    """One item (docs/rules.md#indicator-table), or its reason when the inputs are `Missing` (not
    3.3 without a task, which needs the other items: see `score_county`)."""
    if isinstance(inputs, Missing):
        return pending(code, config.max_points, inputs.reason)
    return ITEM_FUNCTIONS[code](inputs, config)


def score_county(
    inputs_by_item: Mapping[str, object | None],
    configs: Mapping[str, ItemConfig],
    *,
    county: str = "",
    name: str = "",
    region: str = "",
) -> CountyScore:
    """Every item of the indicator table (docs/rules.md#indicator-table) for one county-year.

    `inputs_by_item` maps item codes to their input objects; an absent code, None, or a
    `Missing(reason)` leaves that item null with its reason. `configs` holds every item's
    configuration for the county's year and region (e.g. `config.DEFAULTS`). 3.3 is scored
    last, from the other items' results when the county has no boarding task (I-8). The total
    is the sum of the rounded item scores, nulls counted 0 (the scorecard is then provisional).
    """
    unknown = set(inputs_by_item) - set(ITEM_CODES)
    if unknown:
        raise ValueError(f"unknown item codes {sorted(unknown)}")
    missing = [code for code in ITEM_CODES if code not in configs]
    if missing:
        raise ConfigError(f"no configuration for items {missing}")
    results = {
        code: score_item(code, inputs_by_item.get(code), configs[code])
        for code in ITEM_CODES
        if code != "3.3"
    }
    boarding = inputs_by_item.get("3.3")
    if isinstance(boarding, Missing):
        results["3.3"] = score_item("3.3", boarding, configs["3.3"])
    else:
        results["3.3"] = score_3_3(boarding, configs["3.3"], others=list(results.values()))
    items = tuple(results[code] for code in ITEM_CODES)
    total = sum((item.score for item in items if item.score is not None), Decimal(0))
    max_total = sum((item.max_points for item in items), Decimal(0))
    return CountyScore(items, total, max_total, county, name, region)


@dataclass(frozen=True)
class Rank:
    rank: int
    region_rank: int | None


def _competition_ranks(totals: Mapping[str, Decimal]) -> dict[str, int]:
    """Standard competition ranking ("1224"): 1 + the number of strictly higher totals."""
    return {
        county: 1 + sum(1 for other in totals.values() if other > total)
        for county, total in totals.items()
    }


def rank(scores: Iterable[CountyScore]) -> dict[str, Rank]:
    """Each county's rank overall and within its region (docs/rules.md#use-of-results), by county
    code. Equal totals share a rank and the next rank is skipped (1, 2, 2, 4). Provisional
    totals are ranked as they stand. A county without a region gets no region rank."""
    scores = list(scores)
    totals: dict[str, Decimal] = {}
    for score in scores:
        if score.county in totals:
            raise ValueError(f"county {score.county!r} appears twice")
        totals[score.county] = score.total
    overall = _competition_ranks(totals)
    by_region: dict[str, dict[str, Decimal]] = {}
    for score in scores:
        if score.region:
            by_region.setdefault(score.region, {})[score.county] = score.total
    regional: dict[str, int] = {}
    for members in by_region.values():
        regional.update(_competition_ranks(members))
    return {county: Rank(overall[county], regional.get(county)) for county in totals}
