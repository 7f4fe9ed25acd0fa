"""Plan progress: cumulative delivered vs. yearly plan vs. quota, per unit and stage
(docs/rules.md#seat-progress).

Every function here costs a fixed number of queries, however many projects there are: the
figures are summed by the database, grouped by unit, stage and year.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Sum

from jiangmen_edu.models import Section, Unit, YearlyReturn
from seats import rules
from seats.models import PlanExplanation, PlanPeriod, ProjectYear, SeatQuota, SeatStage, YearlyPlan

STAGES = tuple(SeatStage.values)
# (unit id, stage, year) → seats
Figures = dict[tuple[int, str, int], int]


def delivered_figures(unit_ids: Iterable[int], years: Iterable[int]) -> Figures:
    """Seats delivered, in the year of delivery, by unit, project stage and year."""
    years = list(years)
    rows = (
        ProjectYear.objects.filter(
            project__unit_id__in=list(unit_ids), year__in=years, seats_delivered__gt=0
        )
        .values_list("project__unit_id", "project__stage", "year")
        .annotate(seats=Sum("seats_delivered"))
        .order_by()
    )
    return {(unit_id, stage, year): seats for unit_id, stage, year, seats in rows}


def planned_figures(unit_ids: Iterable[int], period: PlanPeriod) -> Figures:
    rows = YearlyPlan.objects.filter(period=period, unit_id__in=list(unit_ids)).values_list(
        "unit_id", "stage", "year", "seats"
    )
    return {(unit_id, stage, year): seats for unit_id, stage, year, seats in rows}


def _sum(figures: Figures, unit_id: int, stage: str, years: Iterable[int]) -> int:
    return sum(figures.get((unit_id, stage, year), 0) for year in years)


@dataclass
class StageProgress:
    """One cell of the board: a unit's stage, cumulative to the board's year."""

    stage: str
    quota: int
    planned_total: int  # the whole period's plan
    planned_to_date: int  # the plan's years up to the board's year
    delivered_to_date: int
    delivered_in_year: int
    task_in_year: int | None  # None: the unit has no plan row for the year
    explanation: str = ""

    @property
    def label(self) -> str:
        return SeatStage(self.stage).label

    @property
    def plan_check(self) -> rules.PlanCheck:
        return rules.plan_check(planned=self.planned_total, quota=self.quota)

    @property
    def behind(self) -> bool:
        return rules.behind_schedule(
            delivered_to_date=self.delivered_to_date, planned_to_date=self.planned_to_date
        )

    @property
    def shortfall(self) -> int:
        return max(0, self.planned_to_date - self.delivered_to_date)

    @property
    def delivered_percent(self) -> float:
        """Delivered as a share of the quota, for the bar (capped at 100)."""
        base = self.quota or self.planned_total
        return min(100.0, 100.0 * self.delivered_to_date / base) if base else 0.0

    @property
    def planned_percent(self) -> float:
        base = self.quota or self.planned_total
        return min(100.0, 100.0 * self.planned_to_date / base) if base else 0.0


def _total(stages: list[StageProgress]) -> StageProgress:
    tasks = [s.task_in_year for s in stages]
    return StageProgress(
        stage="total",
        quota=sum(s.quota for s in stages),
        planned_total=sum(s.planned_total for s in stages),
        planned_to_date=sum(s.planned_to_date for s in stages),
        delivered_to_date=sum(s.delivered_to_date for s in stages),
        delivered_in_year=sum(s.delivered_in_year for s in stages),
        task_in_year=None if None in tasks else sum(tasks),
    )


@dataclass
class UnitProgress:
    unit: Unit
    stages: list[StageProgress]
    has_plan: bool
    return_status: str | None = None

    @property
    def total(self) -> StageProgress:
        return _total(self.stages)

    @property
    def behind(self) -> bool:
        return any(stage.behind for stage in self.stages)

    @property
    def unexplained(self) -> list[StageProgress]:
        """Stages whose plan falls short of the quota without the county's explanation."""
        return [
            s
            for s in self.stages
            if self.has_plan and s.plan_check.needs_explanation and not s.explanation
        ]

    @property
    def return_status_label(self) -> str:
        if self.return_status is None:
            return ""
        return YearlyReturn.Status(self.return_status).label


@dataclass
class Board:
    period: PlanPeriod
    year: int
    rows: list[UnitProgress]
    city_view: bool
    stage_totals: list[StageProgress] = field(default_factory=list)

    @property
    def total(self) -> StageProgress:
        return _total(self.stage_totals)

    @property
    def city_target(self) -> int | None:
        return self.period.city_target

    @property
    def target_met(self) -> bool | None:
        if self.city_target is None:
            return None
        return rules.city_target_met(
            delivered=self.total.delivered_to_date, target=self.city_target
        )

    @property
    def target_percent(self) -> float:
        if not self.city_target:
            return 0.0
        return min(100.0, 100.0 * self.total.delivered_to_date / self.city_target)


def progress_board(*, units: Iterable[Unit], period: PlanPeriod, year: int, city_view: bool):
    """Units × stages: delivered / planned to `year`, and the quota, with behind-schedule flags.

    `units` is already scoped to the user (`counties_for_user`). Seven queries whatever the
    number of units, projects or plan rows.
    """
    units = list(units)
    unit_ids = [unit.pk for unit in units]
    years_to_date = range(period.start_year, year + 1)
    quotas = {q.unit_id: q for q in SeatQuota.objects.filter(period=period, unit_id__in=unit_ids)}
    planned = planned_figures(unit_ids, period)
    delivered = delivered_figures(unit_ids, years_to_date)
    explanations = {
        (e.unit_id, e.stage): e.text
        for e in PlanExplanation.objects.filter(period=period, unit_id__in=unit_ids)
    }
    statuses = dict(
        YearlyReturn.objects.filter(
            unit_id__in=unit_ids, reporting_year__year=year, section=Section.SEATS
        ).values_list("unit_id", "status")
    )
    planned_units = {unit_id for unit_id, _stage, _year in planned}
    rows = []
    for unit in units:
        quota = quotas.get(unit.pk)
        stages = [
            StageProgress(
                stage=stage,
                quota=quota.for_stage(stage) if quota else 0,
                planned_total=_sum(planned, unit.pk, stage, period.years),
                planned_to_date=_sum(planned, unit.pk, stage, years_to_date),
                delivered_to_date=_sum(delivered, unit.pk, stage, years_to_date),
                delivered_in_year=delivered.get((unit.pk, stage, year), 0),
                task_in_year=planned.get((unit.pk, stage, year)),
                explanation=explanations.get((unit.pk, stage), ""),
            )
            for stage in STAGES
        ]
        rows.append(UnitProgress(unit, stages, unit.pk in planned_units, statuses.get(unit.pk)))
    totals = [_total([row.stages[index] for row in rows]) for index in range(len(STAGES))]
    for stage, total in zip(STAGES, totals, strict=True):
        total.stage = stage
    return Board(period=period, year=year, rows=rows, city_view=city_view, stage_totals=totals)


@dataclass
class YearCell:
    year: int
    planned: int | None
    delivered: int
    planned_to_date: int
    delivered_to_date: int
    future: bool = False  # not opened yet: nothing can have been delivered

    @property
    def behind(self) -> bool:
        return not self.future and rules.behind_schedule(
            delivered_to_date=self.delivered_to_date, planned_to_date=self.planned_to_date
        )


@dataclass
class StageYears:
    stage: str
    quota: int
    cells: list[YearCell]
    explanation: str

    @property
    def label(self) -> str:
        return SeatStage(self.stage).label

    @property
    def planned_total(self) -> int:
        return sum(cell.planned or 0 for cell in self.cells)

    @property
    def delivered_total(self) -> int:
        return sum(cell.delivered for cell in self.cells)

    @property
    def plan_check(self) -> rules.PlanCheck:
        return rules.plan_check(planned=self.planned_total, quota=self.quota)


@dataclass
class UnitYears:
    unit: Unit
    period: PlanPeriod
    stages: list[StageYears]
    statuses: dict[int, str]  # year → seats return status

    @property
    def years(self) -> list[int]:
        return list(self.period.years)

    @property
    def year_statuses(self) -> list[tuple[int, str]]:
        return [
            (year, YearlyReturn.Status(self.statuses[year]).label if year in self.statuses else "")
            for year in self.period.years
        ]


def unit_years(*, unit: Unit, period: PlanPeriod, up_to: int | None = None) -> UnitYears:
    """One unit's plan and deliveries year by year, with cumulative figures (five queries).

    Years after `up_to` (the latest opened year) show the plan but no cumulative comparison.
    """
    quota = SeatQuota.objects.filter(period=period, unit=unit).first()
    planned = planned_figures([unit.pk], period)
    delivered = delivered_figures([unit.pk], period.years)
    explanations = dict(
        PlanExplanation.objects.filter(period=period, unit=unit).values_list("stage", "text")
    )
    statuses = dict(
        YearlyReturn.objects.filter(
            unit=unit, section=Section.SEATS, reporting_year__year__in=list(period.years)
        ).values_list("reporting_year__year", "status")
    )
    stages = []
    for stage in STAGES:
        cells, planned_sum, delivered_sum = [], 0, 0
        for year in period.years:
            plan = planned.get((unit.pk, stage, year))
            done = delivered.get((unit.pk, stage, year), 0)
            planned_sum += plan or 0
            delivered_sum += done
            future = up_to is not None and year > up_to
            cells.append(YearCell(year, plan, done, planned_sum, delivered_sum, future))
        stages.append(
            StageYears(
                stage=stage,
                quota=quota.for_stage(stage) if quota else 0,
                cells=cells,
                explanation=explanations.get(stage, ""),
            )
        )
    return UnitYears(unit=unit, period=period, stages=stages, statuses=statuses)


def units_behind(*, period: PlanPeriod, year: int) -> list[tuple[Unit, list[str]]]:
    """The units behind schedule at `year` and their late stages, for the city."""
    board = progress_board(units=Unit.objects.all(), period=period, year=year, city_view=True)
    return [
        (row.unit, [stage.stage for stage in row.stages if stage.behind])
        for row in board.rows
        if row.behind
    ]


def delivered_by_stage(unit_ids: Iterable[int], year: int) -> dict[tuple[int, str], int]:
    """Seats delivered in one year by unit and stage (for item 3.1)."""
    figures = delivered_figures(unit_ids, [year])
    grouped: dict[tuple[int, str], int] = defaultdict(int)
    for (unit_id, stage, _year), seats in figures.items():
        grouped[(unit_id, stage)] += seats
    return dict(grouped)
