"""The read side of the assessment results: the city overview and a county's scorecard.

docs/rules.md#use-of-results and docs/rules.md#value-added: the overview shows counties × items with
totals, ranks overall and within East/West, an average row and the change against the previous year;
a scorecard shows every item with its inputs, rule, explanation, 口径说明 (I-n notes), evidence,
previous-year change and the gap to the missing points. The pages, the PDF reports and the
xlsx are all fed by these selectors, so they show the same figures.

Which run is shown (`choose_run`): the published run if there is one, else the latest (a draft,
marked so); city roles may ask for any run (`?run=N`). The previous year is the latest earlier
assessment year with a published run. Every query starts from `scope(...)`; the number of
queries does not depend on the number of counties, items, years or evidence files.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment.models import (
    AssessmentYear,
    CountyScore,
    Evidence,
    Indicator,
    ItemScore,
    QualitativeScore,
    ScoreRun,
)
from assessment.reports.cells import ChangeMixin, ItemCell
from assessment.reports.readable import readable_inputs
from assessment.scoring.notes import NOTES
from assessment.scoring.result import round_half_up
from jiangmen_edu import charts
from jiangmen_edu.models import Unit
from jiangmen_edu.permissions import is_city_user, scope

# The charts are drawn at the size of their column on a wide screen (half the page for the
# overview's, 5 and 7 twelfths for the scorecard's), so their text is not shrunk there; the PDFs
# show them at the same size.
OVERVIEW_CHART_WIDTH = 540
TREND_CHART_WIDTH = 460
# What the colours of the bars mean (`charts.bar_chart`): full, half or more, less than half.
BAR_COLOURS = (
    gettext_lazy("the maximum"),
    gettext_lazy("half of the maximum or more"),
    gettext_lazy("less than half of the maximum"),
)

# ---------------------------------------------------------------------------------------------
# Which run


@dataclass
class RunChoice:
    """The assessment year, the run shown (None before the first computation), and the runs
    the user may switch to (city roles only)."""

    assessment: AssessmentYear
    run: ScoreRun | None
    runs: list[ScoreRun] = field(default_factory=list)

    @property
    def is_draft(self) -> bool:
        return self.run is not None and not self.run.is_published


def choose_run(year: int, user, number: int | None = None) -> RunChoice:
    """The run of `year` that `user` sees: published if any, else the latest; a city role may
    pick run `number`. 404 for an unknown year or run number. Two queries."""
    assessment = get_object_or_404(AssessmentYear.objects.select_related("published_by"), year=year)
    runs = list(assessment.runs.select_related("created_by").order_by("-number"))
    city = is_city_user(user)
    if city and number is not None:
        run = next((r for r in runs if r.number == number), None)
        if run is None:
            raise Http404
    else:
        run = next((r for r in runs if r.is_published), runs[0] if runs else None)
    return RunChoice(assessment, run, runs if city else [])


# ---------------------------------------------------------------------------------------------
# Rows


@dataclass
class OverviewRow(ChangeMixin):
    unit: Unit
    total: Decimal
    max_total: Decimal
    provisional: bool
    rank: int | None  # None: a run not published is not ranked
    region_rank: int | None
    cells: list[ItemCell]
    previous_total: Decimal | None = None

    @property
    def change(self) -> Decimal | None:
        return None if self.previous_total is None else self.total - self.previous_total


def _columns() -> list[Indicator]:
    return list(Indicator.objects.order_by("order"))


def _cells(columns: list[Indicator], items, previous: dict[str, Decimal | None]) -> list:
    by_code = {item.code: item for item in items}
    cells = []
    for indicator in columns:
        item = by_code.get(indicator.code)
        cells.append(
            ItemCell(
                indicator.code,
                None if item is None else item.score,
                indicator.default_max_points if item is None else item.max_points,
                previous.get(indicator.code),
            )
        )
    return cells


def _history(user, run: ScoreRun, **filters) -> list[dict]:
    """Totals of the published runs of earlier years and of `run`, oldest first."""
    year = run.assessment.year
    return list(
        scope(CountyScore.objects, user)
        .filter(Q(run__is_published=True, run__assessment__year__lt=year) | Q(run=run), **filters)
        .values("pk", "unit_id", "run__assessment__year", "total", "rank", "region_rank")
        .order_by("run__assessment__year", "unit__order")
    )


def _previous_scores(history: list[dict], year: int) -> tuple[int | None, dict[int, dict]]:
    """The previous year and its county scores by unit id (from `_history`)."""
    earlier = [row for row in history if row["run__assessment__year"] < year]
    if not earlier:
        return None, {}
    previous_year = max(row["run__assessment__year"] for row in earlier)
    return previous_year, {
        row["unit_id"]: row for row in earlier if row["run__assessment__year"] == previous_year
    }


def _previous_items(user, county_score_ids) -> dict[int, dict[str, Decimal | None]]:
    """Item scores by county score id and code (one query)."""
    result: dict[int, dict[str, Decimal | None]] = {}
    rows = scope(ItemScore.objects, user, "county_score__unit").filter(
        county_score_id__in=list(county_score_ids)
    )
    for cs_id, code, score in rows.values_list("county_score_id", "code", "score"):
        result.setdefault(cs_id, {})[code] = score
    return result


def _mean(values) -> Decimal | None:
    values = [value for value in values if value is not None]
    return round_half_up(sum(values, Decimal(0)) / len(values)) if values else None


# ---------------------------------------------------------------------------------------------
# The city overview


@dataclass
class Overview:
    run: ScoreRun
    columns: list[Indicator]
    rows: list[OverviewRow]
    previous_year: int | None
    years: list[int]
    totals_by_year: dict[int, dict[int, Decimal]]  # unit id → year → total

    @property
    def year(self) -> int:
        return self.run.assessment.year

    @property
    def ranked(self) -> bool:
        """Only published results are ranked and compared with the year before: a draft's
        totals are provisional (docs/rules.md#use-of-results)."""
        return self.run.is_published

    @property
    def average(self) -> list[Decimal | None]:
        return [_mean(row.cells[i].score for row in self.rows) for i in range(len(self.columns))]

    @property
    def average_total(self) -> Decimal | None:
        return _mean(row.total for row in self.rows)

    @property
    def max_total(self) -> Decimal:
        return max((row.max_total for row in self.rows), default=Decimal(0))

    def region_rows(self) -> list[tuple[str, list[OverviewRow]]]:
        groups: dict[str, list[OverviewRow]] = {}
        for row in sorted(self.rows, key=lambda r: (r.unit.region, r.region_rank or 0, -r.total)):
            groups.setdefault(row.unit.get_region_display(), []).append(row)
        return list(groups.items())

    @cached_property
    def totals_chart(self) -> SafeString:
        bars = [
            charts.Bar(
                row.unit.name,
                row.total,
                self.max_total or 100,
                f"{row.total.normalize():f}",
                row.previous_total,
            )
            for row in self.rows
        ]
        return charts.bar_chart(
            bars,
            title=_("Total score by county, %(year)s") % {"year": self.year},
            marker_label=_("previous year"),
            colour_labels=BAR_COLOURS,
            width=OVERVIEW_CHART_WIDTH,
        )

    @cached_property
    def trend_chart(self) -> SafeString:
        series = [
            charts.Series(
                row.unit.name, [self.totals_by_year[row.unit.pk].get(y) for y in self.years]
            )
            for row in sorted(self.rows, key=lambda r: r.unit.order)
        ]
        maximum = self.max_total or 100
        return charts.line_chart(
            [str(y) for y in self.years],
            series,
            title=_("Total score over the years"),
            ceiling=maximum,
            include=[maximum],
            show_values=len(series) <= 2,
            width=OVERVIEW_CHART_WIDTH,
        )


def overview(run: ScoreRun, user) -> Overview:
    """Every county the user may see in `run`, by rank, with last year's scores (5 queries).

    A run not published has provisional totals: its rows carry no rank and no comparison with
    the year before (ranks None, no previous scores), and the page says why.
    """
    ranked = run.is_published
    county_scores = list(
        scope(CountyScore.objects, user)
        .filter(run=run)
        .select_related("unit")
        .prefetch_related("items")
        .order_by("rank", "unit__order")
    )
    columns = _columns()
    history = _history(user, run)
    previous_year, previous = _previous_scores(history, run.assessment.year)
    previous_items = _previous_items(user, [row["pk"] for row in previous.values()])
    totals_by_year: dict[int, dict[int, Decimal]] = {}
    for row in history:
        totals_by_year.setdefault(row["unit_id"], {})[row["run__assessment__year"]] = row["total"]
    rows = []
    for cs in county_scores:
        before = previous.get(cs.unit_id) if ranked else None
        cells = _cells(
            columns, cs.items.all(), previous_items.get(before["pk"], {}) if before else {}
        )
        rows.append(
            OverviewRow(
                unit=cs.unit,
                total=cs.total,
                max_total=sum((cell.max_points for cell in cells), Decimal(0)),
                provisional=cs.provisional,
                rank=cs.rank if ranked else None,
                region_rank=cs.region_rank if ranked else None,
                cells=cells,
                previous_total=before["total"] if before else None,
            )
        )
    years = sorted({row["run__assessment__year"] for row in history})
    return Overview(run, columns, rows, previous_year, years, totals_by_year)


# ---------------------------------------------------------------------------------------------
# A county's scorecard


@dataclass
class ItemRow(ItemCell):
    name: str = ""
    rule: str = ""
    inputs: list[tuple[str, str]] = field(default_factory=list)
    explanation: str = ""
    gap: str = ""
    notes: list[tuple[str, str]] = field(default_factory=list)
    flagged: bool = False
    evidence: list[tuple[Evidence, str]] = field(default_factory=list)


@dataclass
class Scorecard(ChangeMixin):
    """One county in one run: its items in table order, its ranks (stored with the run, ties
    sharing a rank) and totals of earlier published years for the change and the trend."""

    run: ScoreRun
    unit: Unit
    county_score: CountyScore
    items: list[ItemRow]
    previous_year: int | None
    previous_total: Decimal | None
    history: list[dict]  # year, total, rank, region_rank, oldest first
    assessors: list[str]

    @property
    def year(self) -> int:
        return self.run.assessment.year

    @property
    def total(self) -> Decimal:
        return self.county_score.total

    @property
    def max_total(self) -> Decimal:
        return sum((item.max_points for item in self.items), Decimal(0))

    @property
    def change(self) -> Decimal | None:
        return None if self.previous_total is None else self.total - self.previous_total

    @property
    def notes(self) -> list[tuple[str, str]]:
        """Every 口径说明 that applied to some item, once, in I-n order."""
        texts = {code: text for item in self.items for code, text in item.notes}
        return sorted(texts.items(), key=lambda note: int(note[0].split("-")[1]))

    @cached_property
    def trend_chart(self) -> SafeString:
        maximum = self.max_total or 100
        return charts.line_chart(
            [str(row["year"]) for row in self.history],
            [charts.Series(self.unit.name, [row["total"] for row in self.history])],
            title=_("Total score over the years"),
            ceiling=maximum,
            include=[maximum],
            show_values=True,
            width=TREND_CHART_WIDTH,
        )

    @cached_property
    def items_chart(self) -> SafeString:
        bars = [
            charts.Bar(
                f"{item.code} {item.name}",
                item.score,
                item.max_points,
                f"{_points(item.score)}/{_points(item.max_points)}",
                item.previous,
            )
            for item in self.items
        ]
        return charts.bar_chart(
            bars,
            title=_("Score of each item against its maximum"),
            marker_label=_("previous year"),
            colour_labels=BAR_COLOURS,
        )


def _points(value: Decimal | None) -> str:
    return "—" if value is None else f"{value.normalize():f}"


def _evidence_url(evidence: Evidence) -> str:
    """The download that checks, again, that the user may see the file (docs/rules.md#evidence)."""
    return reverse("assessment:evidence_download", args=[evidence.pk])


def scorecard(run: ScoreRun, unit: Unit, user) -> Scorecard:
    """`unit`'s scorecard in `run`, with the previous year, evidence and assessors; 404 when
    the unit is outside the user's scope or has no score in the run (7 queries)."""
    county_score = get_object_or_404(
        scope(CountyScore.objects, user).select_related("unit").prefetch_related("items"),
        run=run,
        unit=unit,
    )
    year = run.assessment.year
    history = _history(user, run, unit=unit)
    previous_year, previous = _previous_scores(history, year)
    before = previous.get(unit.pk)
    previous_items = _previous_items(user, [before["pk"]]).get(before["pk"], {}) if before else {}
    evidence: dict[str, list[tuple[Evidence, str]]] = {}
    for file in scope(Evidence.objects, user).filter(unit=unit, year=year).order_by("code", "pk"):
        evidence.setdefault(file.code, []).append((file, _evidence_url(file)))
    assessors = sorted(
        {
            str(score.assessor)
            for score in scope(QualitativeScore.objects, user)
            .filter(assessment=run.assessment, unit=unit)
            .select_related("assessor")
        }
    )
    columns = _columns()
    cells = _cells(columns, county_score.items.all(), previous_items)
    by_code = {item.code: item for item in county_score.items.all()}
    items = []
    for indicator, cell in zip(columns, cells, strict=True):
        stored = by_code.get(indicator.code)
        items.append(
            ItemRow(
                code=cell.code,
                score=cell.score,
                max_points=cell.max_points,
                previous=cell.previous,
                name=indicator.name,
                rule=indicator.rule,
                inputs=readable_inputs(indicator.code, stored.inputs) if stored else [],
                explanation=stored.explanation if stored else _("Not computed in this run."),
                gap=stored.gap if stored else "",
                notes=[(code, NOTES.get(code, "")) for code in (stored.notes if stored else [])],
                flagged=bool(stored and stored.flagged),
                evidence=evidence.get(indicator.code, []),
            )
        )
    return Scorecard(
        run=run,
        unit=county_score.unit,
        county_score=county_score,
        items=items,
        previous_year=previous_year,
        previous_total=before["total"] if before else None,
        history=[
            {
                "year": row["run__assessment__year"],
                "total": row["total"],
                "rank": row["rank"],
                "region_rank": row["region_rank"],
            }
            for row in history
        ],
        assessors=assessors,
    )
