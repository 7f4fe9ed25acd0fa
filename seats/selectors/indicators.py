"""The inputs of assessment items 3.1, 3.2a, 3.2bc and 3.3 (docs/rules.md#indicator-table), as plain
dataclasses.

The assessment app calls `indicator_inputs(unit_ids, year)` and scores from these figures;
thresholds and points are its business (they are data per year and region). Shares and
completions are exact `Fraction`s (I-7). A part is None when the unit has not entered the
figures it needs; `missing` says which, in words for the scorecard's explanation.

Nine queries for any number of units.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Sum
from django.utils.translation import gettext as _

from jiangmen_edu.models import Section, Unit, YearlyReturn
from seats import rules
from seats.models import EnrolmentYear, PlanPeriod, SeatQuota, SeatStage, YearlyPlan
from seats.selectors.progress import delivered_by_stage


@dataclass(frozen=True)
class StageTask:
    """Item 3.1 for one stage: seats delivered in the year vs. the year's planned task."""

    stage: str
    task: int | None  # None: no plan row for this stage and year (not a task of 0, I-11)
    delivered: int

    @property
    def met(self) -> bool | None:
        """None when there is no task to compare with; a task of 0 is met
        (docs/rules.md#item-3-1)."""
        if self.task is None:
            return None
        return rules.year_task_met(delivered=self.delivered, task=self.task)


@dataclass(frozen=True)
class NewSeats:
    """Item 3.1 (公办优质学位增加): one `StageTask` per stage of the quota table."""

    preschool: StageTask
    compulsory: StageTask
    high_school: StageTask

    @property
    def stages(self) -> tuple[StageTask, ...]:
        return (self.preschool, self.compulsory, self.high_school)


@dataclass(frozen=True)
class PublicShare:
    """Item 3.2a (公办在校生占比): compulsory students, public incl. purchased seats / all."""

    public_students: int
    purchased_students: int
    private_students: int

    @property
    def public_incl_purchased(self) -> int:
        return self.public_students + self.purchased_students

    @property
    def all_students(self) -> int:
        return self.public_incl_purchased + self.private_students

    @property
    def share(self) -> Fraction | None:
        return rules.public_share(
            public=self.public_students,
            purchased=self.purchased_students,
            private=self.private_students,
        )


@dataclass(frozen=True)
class Restructuring:
    """Item 3.2bc (公民办结构调整): private seats converted so far / seats to convert.

    `converted` sums the period's years up to the assessed one. `share` is item 3.2a's
    public share, which decides the 40 % or 60 % bar; None without enrolment figures.
    """

    converted: int
    to_convert: int
    share: Fraction | None

    @property
    def completion(self) -> Fraction:
        """I-4: nothing to convert counts as 100 %."""
        return rules.restructuring_completion(converted=self.converted, to_convert=self.to_convert)

    @property
    def no_task(self) -> bool:
        return self.to_convert == 0


@dataclass(frozen=True)
class Boarding:
    """Item 3.3 (寄宿制学校建设): the year's boarding-seat target and completion, or no task.

    `target` 0 is no task; None is not entered yet (docs/rules.md#i-11).
    """

    target: int | None
    completed: int

    @property
    def entered(self) -> bool:
        return self.target is not None

    @property
    def has_task(self) -> bool:
        return bool(self.target)

    @property
    def completion(self) -> Fraction | None:
        return rules.boarding_completion(target=self.target, completed=self.completed)


@dataclass(frozen=True)
class IndicatorInputs:
    unit_id: int
    unit_code: str
    year: int
    period: str | None  # the plan period's name; None when no period holds the year
    return_status: str | None  # the unit's seats return for the year
    new_seats: NewSeats | None
    public_share: PublicShare | None
    restructuring: Restructuring | None
    boarding: Boarding | None
    missing: tuple[str, ...] = field(default=())

    @property
    def approved(self) -> bool:
        """Scores come from approved data only (docs/rules.md#assessment); the caller decides what
        to do."""
        return self.return_status == YearlyReturn.Status.APPROVED


def _period(year: int) -> PlanPeriod | None:
    return PlanPeriod.objects.filter(start_year__lte=year, end_year__gte=year).first()


def indicator_inputs(unit_ids: Iterable[int], year: int) -> dict[int, IndicatorInputs]:
    """Items 3.1, 3.2a, 3.2bc and 3.3 inputs for each unit id, for one assessment year."""
    unit_ids = list(unit_ids)
    units = {unit.pk: unit for unit in Unit.objects.filter(pk__in=unit_ids)}
    period = _period(year)
    statuses = dict(
        YearlyReturn.objects.filter(
            unit_id__in=unit_ids, reporting_year__year=year, section=Section.SEATS
        ).values_list("unit_id", "status")
    )
    enrolment = {
        e.unit_id: e for e in EnrolmentYear.objects.filter(unit_id__in=unit_ids, year=year)
    }
    delivered = delivered_by_stage(unit_ids, year)
    tasks: dict[tuple[int, str], int] = {}
    quotas: dict[int, SeatQuota] = {}
    converted: dict[int, int] = {}
    if period is not None:
        tasks = {
            (unit_id, stage): seats
            for unit_id, stage, seats in YearlyPlan.objects.filter(
                period=period, unit_id__in=unit_ids, year=year
            ).values_list("unit_id", "stage", "seats")
        }
        quotas = {
            q.unit_id: q for q in SeatQuota.objects.filter(period=period, unit_id__in=unit_ids)
        }
        converted = dict(
            EnrolmentYear.objects.filter(
                unit_id__in=unit_ids, year__gte=period.start_year, year__lte=year
            )
            .values_list("unit_id")
            .annotate(total=Sum("private_seats_converted"))
            .order_by()
        )
    return {
        unit_id: _inputs(
            unit, year, period, statuses, enrolment, delivered, tasks, quotas, converted
        )
        for unit_id, unit in units.items()
    }


def _inputs(unit, year, period, statuses, enrolment, delivered, tasks, quotas, converted):
    missing = []
    if period is None:
        missing.append(_("No plan period covers %(year)s.") % {"year": year})
    new_seats = None
    if period is not None:
        stage_tasks = {
            stage: StageTask(stage, tasks.get((unit.pk, stage)), delivered.get((unit.pk, stage), 0))
            for stage in SeatStage.values
        }
        new_seats = NewSeats(**stage_tasks)
        if all(task.task is None for task in new_seats.stages):
            missing.append(_("No yearly plan for %(year)s.") % {"year": year})
    record = enrolment.get(unit.pk)
    share = boarding = None
    if record is None:
        missing.append(_("No enrolment figures for %(year)s.") % {"year": year})
    else:
        share = PublicShare(
            record.public_students, record.purchased_students, record.private_students
        )
        boarding = Boarding(target=record.boarding_target, completed=record.boarding_completed)
    restructuring = None
    quota = quotas.get(unit.pk)
    if quota is None and period is not None:
        missing.append(_("No quota for this unit in %(period)s.") % {"period": period.name})
    if quota is not None:
        restructuring = Restructuring(
            converted=converted.get(unit.pk, 0),
            to_convert=quota.private_to_convert,
            share=share.share if share else None,
        )
    return IndicatorInputs(
        unit_id=unit.pk,
        unit_code=unit.code,
        year=year,
        period=period.name if period else None,
        return_status=statuses.get(unit.pk),
        new_seats=new_seats,
        public_share=share,
        restructuring=restructuring,
        boarding=boarding,
        missing=tuple(missing),
    )
