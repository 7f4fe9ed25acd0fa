"""Data-quality rules of the school-seats return (docs/rules.md#data-quality; the
figures of docs/rules.md#seats that items 3.1–3.3 are computed from).

The figures come from `seats.selectors`, the judgements from `seats.rules` where the app
already makes them; each rule reads a fixed number of queries, whatever the data size.
"""

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jiangmen_edu.models import Section, Severity
from jiangmen_edu.quality.registry import Context, Hit, rule
from seats.selectors import indicator_inputs, period_for_year, unit_years
from seats.selectors.enrolment import enrolment_change
from seats.selectors.projects import project_years_of, projects_active_in


# Links go to pages every role may open, so that the city can drill down too; the county
# editor finds the edit buttons there.
def _plan_url(unit_code: str) -> str:
    return reverse("seats:unit_progress", args=[unit_code])


def _enrolment_url(year: int) -> str:
    return f"{reverse('seats:enrolment_list')}?year={year}"


def _percent(share: Fraction) -> str:
    """A share as a percent to 2 decimals, exactly rounded half-up (docs/rules.md#i-7)."""
    value = Decimal(share.numerator * 100) / Decimal(share.denominator)
    return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@rule(
    code="S01",
    section=Section.SEATS,
    severity=Severity.WARNING,
    title=_("Yearly plan short of the quota"),
    message=_(
        "The yearly plans of %(period)s add up to %(planned)s seats for this stage, "
        "%(short)s short of the quota of %(quota)s."
    ),
    source=_("Public seats: the yearly plans add up to the binding quota"),
)
def plan_short_of_quota(ctx: Context) -> Iterator[Hit]:
    # The plan page's own check (`seats.rules.plan_check`): a plan above the quota is
    # allowed, the quota being a floor; only a shortfall needs explaining. A shortfall the
    # county has explained on the plan page is not asked about a second time.
    period = period_for_year(ctx.year)
    if period is None:
        return
    for stage in unit_years(unit=ctx.unit, period=period, up_to=ctx.year).stages:
        check = stage.plan_check
        if check.needs_explanation and not stage.explanation:
            yield Hit(
                key=f"stage:{stage.stage}",
                label=f"{period.name} {stage.label}",
                params={
                    "period": period.name,
                    "planned": check.planned,
                    "quota": check.quota,
                    "short": check.short_by,
                },
                url=_plan_url(ctx.unit.code),
            )


@rule(
    code="S02",
    section=Section.SEATS,
    severity=Severity.WARNING,
    title=_("Project delivered more seats than planned"),
    message=_(
        "Seats delivered up to %(year)s: %(delivered)s, more than the %(planned)s seats the "
        "project plans."
    ),
    source=_("Public seats: each project's seats planned and delivered"),
)
def project_over_delivered(ctx: Context) -> Iterator[Hit]:
    # A project delivers over several years: what a reviewer compares with its planned seats
    # is everything delivered so far, not one year's row. Only projects with figures in the
    # year are checked, so a return is not asked again about a project it did not touch.
    projects = projects_active_in(unit=ctx.unit, year=ctx.year).filter(
        delivered_to_date__gt=F("seats_planned")
    )
    for project in projects:
        yield Hit(
            key=f"project:{project.pk}",
            label=f"{project.code} {project.name}",
            params={
                "year": ctx.year,
                "delivered": project.delivered_to_date,
                "planned": project.seats_planned,
            },
            url=reverse("seats:project_detail", args=[project.pk]),
        )


@rule(
    code="S03",
    section=Section.SEATS,
    severity=Severity.WARNING,
    title=_("Compulsory enrolment changed sharply"),
    message=_(
        "Compulsory students in %(year)s: %(current)s, against %(previous)s in "
        "%(previous_year)s: a change of %(change)s %%, more than %(threshold)s %%."
    ),
    source=_("Public seats: compulsory-education enrolment"),
    default_threshold="20",
    threshold_label=_("Largest change against the year before, in percent"),
)
def enrolment_jump(ctx: Context) -> Iterator[Hit]:
    figures = enrolment_change(unit=ctx.unit, year=ctx.year)
    if figures is None:
        return
    # Compared on the exact fraction; at the threshold itself there is no finding.
    if abs(figures.change) * 100 > Fraction(ctx.threshold):
        yield Hit(
            key=f"enrolment:{ctx.year}",
            label=f"{ctx.unit.name} {ctx.year}",
            params={
                "year": ctx.year,
                "current": figures.current,
                "previous": figures.previous,
                "previous_year": ctx.year - 1,
                "change": _percent(figures.change),
            },
            url=_enrolment_url(ctx.year),
        )


@rule(
    code="S04",
    section=Section.SEATS,
    severity=Severity.ERROR,
    title=_("More boarding seats than seats"),
    message=_(
        "Boarding seats are part of a project's seats, but in %(year)s this project plans "
        "%(boarding_planned)s boarding seats of %(seats_planned)s seats and delivers "
        "%(boarding_delivered)s boarding seats of %(seats_delivered)s seats."
    ),
    source=_("Public seats: a project's seats and boarding seats"),
)
def boarding_above_seats(ctx: Context) -> Iterator[Hit]:
    # Of the year's seat figures, only a project's boarding seats are a part of a whole: the
    # three enrolment counts do not overlap, and converted private seats and completed
    # boarding seats are measured against tasks that may be exceeded (`seats.rules`).
    # Negative figures cannot be stored (positive integer columns).
    rows = project_years_of(unit=ctx.unit, year=ctx.year).filter(
        Q(boarding_planned__gt=F("seats_planned")) | Q(boarding_delivered__gt=F("seats_delivered"))
    )
    for row in rows:
        project = row.project
        yield Hit(
            key=f"project-year:{row.pk}",
            label=f"{project.code} {project.name}（{row.year}）",
            params={
                "year": row.year,
                "seats_planned": row.seats_planned,
                "boarding_planned": row.boarding_planned,
                "seats_delivered": row.seats_delivered,
                "boarding_delivered": row.boarding_delivered,
            },
            url=reverse("seats:project_detail", args=[project.pk]),
        )


@rule(
    code="S05",
    section=Section.SEATS,
    severity=Severity.ERROR,
    title=_("Figures the assessment needs are missing"),
    message=_(
        "Still empty for %(year)s: the assessment cannot score item(s) %(items)s without it."
    ),
    source=_("Indicators 3.1, 3.2a, 3.2bc and 3.3 are computed from these figures"),
)
def assessment_figures_missing(ctx: Context) -> Iterator[Hit]:
    # The same reading the assessment makes (`assessment.gather.seat_figures`). A missing plan
    # period or quota is the city's to set, not the county's, so it is not reported here.
    if not ctx.unit.is_assessed:
        return
    period = period_for_year(ctx.year)
    inputs = indicator_inputs([ctx.unit.pk], ctx.year)[ctx.unit.pk]
    new_seats = inputs.new_seats
    if period is not None and all(stage.task is None for stage in new_seats.stages):
        yield Hit(
            key=f"plan:{ctx.year}",
            label=f"{_('Yearly plan')} {ctx.year}",
            params={"year": ctx.year, "items": "3.1"},
            url=_plan_url(ctx.unit.code),
        )
    share = inputs.public_share
    if share is None or share.all_students == 0:
        yield Hit(
            key=f"enrolment:{ctx.year}",
            label=f"{_('Enrolment and restructuring')} {ctx.year}",
            params={"year": ctx.year, "items": "3.2a, 3.2bc, 3.3"},
            url=_enrolment_url(ctx.year),
        )
