"""Writes to plan periods, quota tables (the city's) and yearly plans (the counties').

Quota tables are published policy, set by a city administrator and kept in the audit trail;
they belong to no county's return. Yearly plans are county data under the workflow lock
(`seats.services.locks`).
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jiangmen_edu.models import Role, Section, Unit, User
from jiangmen_edu.permissions import editor_unit, require_role
from jiangmen_edu.quality.services import findings_refresh_years_on_commit
from seats import rules
from seats.models import PlanExplanation, PlanPeriod, SeatQuota, SeatStage, YearlyPlan
from seats.selectors.quotas import opened_years
from seats.services.locks import ensure_governing_years_editable, governing_year

QUOTA_FIELDS = ("preschool", "compulsory", "private_to_convert", "high_school")


def _rerun_seats_rules(*periods: tuple[int, int]) -> None:
    """The seats rules compare plans with the period's quota and name the period (S01): rerun
    them for the years a change to a period or its quota table touches, once it commits."""
    years = {year for start, end in periods for year in range(start, end + 1)}
    findings_refresh_years_on_commit(sorted(years), sections=[Section.SEATS])


def _check_years(start_year: int, end_year: int, exclude: PlanPeriod | None = None) -> None:
    if end_year < start_year:
        raise ValidationError({"end_year": _("The last year cannot come before the first.")})
    overlapping = PlanPeriod.objects.filter(start_year__lte=end_year, end_year__gte=start_year)
    if exclude is not None:
        overlapping = overlapping.exclude(pk=exclude.pk)
    other = overlapping.first()
    if other is not None:
        raise ValidationError(
            {"start_year": _("These years overlap with %(period)s.") % {"period": other}}
        )


def period_create(
    *, user: User, name: str, start_year: int, end_year: int, city_target: int | None = None
) -> PlanPeriod:
    """A city administrator adds a plan period (e.g. the 15th FYP, 2026–2030)."""
    require_role(user, {Role.CITY_ADMIN})
    with transaction.atomic():
        _check_years(start_year, end_year)
        period = PlanPeriod(
            name=name.strip(), start_year=start_year, end_year=end_year, city_target=city_target
        )
        period.full_clean()
        period.save()
        _rerun_seats_rules((start_year, end_year))
    return period


def period_update(
    *,
    user: User,
    period: PlanPeriod,
    name: str,
    start_year: int,
    end_year: int,
    city_target: int | None,
) -> PlanPeriod:
    """Rename, retarget or move a period; its plan rows must stay within its years."""
    require_role(user, {Role.CITY_ADMIN})
    with transaction.atomic():
        period = PlanPeriod.objects.select_for_update().get(pk=period.pk)
        _check_years(start_year, end_year, exclude=period)
        _rerun_seats_rules((period.start_year, period.end_year), (start_year, end_year))
        if period.plans.exclude(year__gte=start_year, year__lte=end_year).exists():
            raise ValidationError(
                _("Counties have planned years outside the new range; the years cannot change.")
            )
        period.name, period.start_year, period.end_year = name.strip(), start_year, end_year
        period.city_target = city_target
        period.full_clean()
        period.save()
    return period


def check_quota_row(figures: Mapping[str, int]) -> dict[str, str]:
    """Errors of one quota row, by field: the converted seats are part of compulsory."""
    if figures["private_to_convert"] > figures["compulsory"]:
        return {
            "private_to_convert": _(
                "The private seats to convert are part of the compulsory figure and cannot "
                "exceed it."
            )
        }
    return {}


def quotas_save(
    *, user: User | None, period: PlanPeriod, rows: Mapping[Unit, Mapping[str, int]]
) -> int:
    """Set the quota table of a period, all units at once or none (form and Excel import).

    `user` None is the command line. Returns the number of rows written.
    """
    if user is not None:
        require_role(user, {Role.CITY_ADMIN})
    errors = {unit.name: check_quota_row(figures) for unit, figures in rows.items()}
    errors = {name: error for name, error in errors.items() if error}
    if errors:
        raise ValidationError(
            [f"{name}: {'; '.join(error.values())}" for name, error in errors.items()]
        )
    with transaction.atomic():
        for unit, figures in rows.items():
            SeatQuota.objects.update_or_create(
                period=period,
                unit=unit,
                defaults={field: int(figures[field]) for field in QUOTA_FIELDS},
            )
        _rerun_seats_rules((period.start_year, period.end_year))
    return len(rows)


# ---------------------------------------------------------------------------------------
# yearly plans


@dataclass
class PlanResult:
    changed: int
    checks: dict[str, rules.PlanCheck]


class PlanShortfall(ValidationError):
    """Stages a plan leaves short of their quota with no explanation (`shortfalls`); the
    message of each is on its explanation field, as the plan page shows it."""

    def __init__(self, short: Mapping[str, rules.PlanCheck]):
        self.short = dict(short)
        super().__init__(
            {
                f"explanation_{stage}": _(
                    "The plan is %(short)s seats short of the quota (%(quota)s): please explain."
                )
                % {"short": check.short_by, "quota": check.quota}
                for stage, check in self.short.items()
            }
        )


def stage_totals(plan: Mapping[tuple[int, str], int]) -> dict[str, int]:
    """Planned seats per stage of a plan given as {(year, stage): seats}."""
    totals = dict.fromkeys(SeatStage.values, 0)
    for (_year, stage), seats in plan.items():
        totals[stage] += seats
    return totals


def plan_totals(unit: Unit, period: PlanPeriod) -> dict[str, int]:
    return stage_totals(
        {
            (year, stage): seats
            for year, stage, seats in YearlyPlan.objects.filter(
                unit=unit, period=period
            ).values_list("year", "stage", "seats")
        }
    )


def quota_by_stage(unit: Unit, period: PlanPeriod) -> dict[str, int]:
    """The unit's quota per stage; a unit without a quota row has a quota of 0."""
    quota = SeatQuota.objects.filter(period=period, unit=unit).first()
    return {stage: quota.for_stage(stage) if quota else 0 for stage in SeatStage.values}


def shortfalls(
    *, totals: Mapping[str, int], quota: Mapping[str, int], explanations: Mapping[str, str]
) -> dict[str, rules.PlanCheck]:
    """Stages planned short of their quota that nobody has explained (docs/rules.md#seat-records).

    The one rule of both writers of a plan: `plan_apply` (the plan page and the import's
    commit) checks the plan it has written; the import's preview checks the plan as the file
    would leave it, so that a preview that says "ready" commits.
    """
    short = {}
    for stage in SeatStage.values:
        check = rules.plan_check(planned=totals.get(stage, 0), quota=quota.get(stage, 0))
        if check.needs_explanation and not explanations.get(stage, "").strip():
            short[stage] = check
    return short


def unexplained_shortfalls(
    unit: Unit, period: PlanPeriod, explanations: Mapping[str, str]
) -> dict[str, rules.PlanCheck]:
    """Stages whose stored plan is short of the quota and has no explanation (given or
    stored)."""
    stored = dict(
        PlanExplanation.objects.filter(period=period, unit=unit).values_list("stage", "text")
    )
    return shortfalls(
        totals=plan_totals(unit, period),
        quota=quota_by_stage(unit, period),
        explanations={**stored, **explanations},
    )


def explanation_year(period: PlanPeriod, opened: list[int]) -> int:
    """The year whose seats return holds a period's explanations: the latest opened year,
    kept within the period (see `seats.services.locks`)."""
    return governing_year(period.clamp(opened[-1] if opened else period.start_year), opened)


def plan_apply(
    *,
    unit: Unit,
    period: PlanPeriod,
    seats: Mapping[tuple[int, str], int | None],
    explanations: Mapping[str, str],
) -> PlanResult:
    """Write plan cells and explanations; the caller holds a transaction.

    Only the years whose figures change are locked, so a county can revise next year's plan
    after the city approved earlier years; a changed explanation locks `explanation_year`.
    A stage left short of its quota needs an explanation, or `PlanShortfall` is raised and
    the caller's transaction writes nothing.
    """
    existing = {
        (row.year, row.stage): row for row in YearlyPlan.objects.filter(unit=unit, period=period)
    }
    changes = {}
    for (year, stage), value in seats.items():
        if year not in period.years or stage not in SeatStage.values:
            raise ValidationError(
                _("%(year)s is not a year of %(period)s.") % {"year": year, "period": period}
            )
        row = existing.get((year, stage))
        if (row.seats if row else None) != value:
            changes[(year, stage)] = value
    stored = dict(
        PlanExplanation.objects.filter(period=period, unit=unit).values_list("stage", "text")
    )
    explanation_changes = {
        stage: text.strip()
        for stage, text in explanations.items()
        if text.strip() != stored.get(stage, "")
    }
    years = {year for year, _stage in changes}
    if explanation_changes:
        years.add(explanation_year(period, opened_years()))
    ensure_governing_years_editable(unit, years)
    for (year, stage), value in changes.items():
        if value is None:
            YearlyPlan.objects.filter(unit=unit, year=year, stage=stage).delete()
        else:
            YearlyPlan.objects.update_or_create(
                unit=unit, year=year, stage=stage, defaults={"period": period, "seats": value}
            )
    for stage, text in explanation_changes.items():
        if text:
            PlanExplanation.objects.update_or_create(
                period=period, unit=unit, stage=stage, defaults={"text": text}
            )
        else:
            PlanExplanation.objects.filter(period=period, unit=unit, stage=stage).delete()
    short = unexplained_shortfalls(unit, period, {})
    if short:
        raise PlanShortfall(short)
    totals, quota = plan_totals(unit, period), quota_by_stage(unit, period)
    return PlanResult(
        changed=len(changes) + len(explanation_changes),
        checks={
            stage: rules.plan_check(planned=totals[stage], quota=quota[stage])
            for stage in SeatStage.values
        },
    )


def plan_save(
    *,
    user: User,
    period: PlanPeriod,
    seats: Mapping[tuple[int, str], int | None],
    explanations: Mapping[str, str],
) -> PlanResult:
    """A county editor saves their unit's yearly plan for a period (分年度实施计划).

    `seats` maps (year, stage) to planned seats (None clears the cell); `explanations` maps a
    stage to why its plan falls short of the quota. Exceeding the quota needs no reason.
    """
    unit = editor_unit(user)
    with transaction.atomic():
        return plan_apply(unit=unit, period=period, seats=seats, explanations=explanations)
