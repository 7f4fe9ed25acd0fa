"""The progress board (units × stages), one unit's years, and the county's yearly plan."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jiangmen_edu import workflow
from jiangmen_edu.errors import REFUSALS, show_refusal
from jiangmen_edu.exports import xlsx_response
from jiangmen_edu.models import Role, Section
from jiangmen_edu.permissions import ALL_ROLES, allow, counties_for_user, is_city_user
from seats import selectors, services
from seats.forms import PlanForm
from seats.models import PlanExplanation, SeatStage, YearlyPlan


def _board(request):
    period, year, opened = selectors.choose_period_and_year(request.GET)
    if period is None:
        return None, opened
    board = selectors.progress_board(
        units=counties_for_user(request.user),
        period=period,
        year=year,
        city_view=is_city_user(request.user),
    )
    return board, opened


@allow(ALL_ROLES)
def board(request):
    """Delivered / planned / quota per unit and stage, cumulative to the chosen year."""
    progress, opened = _board(request)
    return render(
        request,
        "seats/board.html",
        {
            "board": progress,
            "periods": selectors.plan_periods(),
            "stages": SeatStage.choices,
        },
    )


@allow(ALL_ROLES)
def board_export(request):
    progress, _opened = _board(request)
    headers = [_("Unit"), _("Stage"), _("Quota"), _("Planned (whole period)")]
    headers += [_("Planned to date"), _("Delivered to date"), _("Delivered in the year")]
    headers += [_("Task of the year"), _("Behind schedule")]
    rows = []
    if progress is not None:
        for row in progress.rows:
            for stage in [*row.stages, row.total]:
                rows.append(
                    [
                        row.unit.name,
                        stage.label if stage.stage != "total" else _("Total"),
                        stage.quota,
                        stage.planned_total,
                        stage.planned_to_date,
                        stage.delivered_to_date,
                        stage.delivered_in_year,
                        stage.task_in_year,
                        _("Yes") if stage.behind else _("No"),
                    ]
                )
    name = _("Seat progress")
    return xlsx_response(f"{name}-{timezone.localdate():%Y%m%d}.xlsx", headers, rows)


@allow(ALL_ROLES)
def unit_progress(request, code):
    """One unit's plan and deliveries year by year; another county's page is a 404."""
    unit = get_object_or_404(counties_for_user(request.user), code=code)
    period, _year, opened = selectors.choose_period_and_year(request.GET)
    years = (
        selectors.unit_years(unit=unit, period=period, up_to=opened[-1] if opened else None)
        if period
        else None
    )
    can_edit = request.user.role == Role.COUNTY_EDITOR and request.user.unit_id == unit.pk
    return render(
        request,
        "seats/unit_progress.html",
        {
            "unit": unit,
            "data": years,
            "periods": selectors.plan_periods(),
            "period": period,
            "can_edit": can_edit,
            "lock_reason": workflow.lock_reason_for(
                unit=unit, year=services.return_year(), section=Section.SEATS
            )
            if can_edit
            else "",
        },
    )


@allow(Role.COUNTY_EDITOR)
def plan_edit(request):
    """The county's 分年度实施计划 for a period: seats per stage and year, with explanations."""
    unit = request.user.unit
    params = request.POST if request.method == "POST" else request.GET
    period, _year, opened = selectors.choose_period_and_year(params)
    if period is None:
        messages.error(request, _("No plan period has been set up yet."))
        return redirect("seats:board")
    plan = {
        (row.year, row.stage): row.seats
        for row in YearlyPlan.objects.filter(unit=unit, period=period)
    }
    explanations = dict(
        PlanExplanation.objects.filter(unit=unit, period=period).values_list("stage", "text")
    )
    form = PlanForm(request.POST or None, period=period, plan=plan, explanations=explanations)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.plan_save(
                user=request.user,
                period=period,
                seats=form.seats(),
                explanations=form.explanations(),
            )
        except REFUSALS as error:
            show_refusal(error, form=form)
        else:
            messages.success(request, _("The plan has been saved."))
            if any(check.fit == "exceeds" for check in result.checks.values()):
                messages.info(request, _("The plan exceeds the quota in some stages."))
            url = reverse("seats:unit_progress", kwargs={"code": unit.code})
            return redirect(f"{url}?period={period.pk}")
    # A year is read-only when the return it belongs to is submitted or approved.
    returns_locked = workflow.locked_years(unit=unit, section=Section.SEATS)
    locked = {
        year
        for year in period.years
        if services.locks.governing_year(year, opened) in returns_locked
    }
    return render(
        request,
        "seats/plan_form.html",
        {
            "form": form,
            "period": period,
            "unit": unit,
            "years": list(period.years),
            "locked_years": locked,
            "all_locked": locked == set(period.years),
            "opened": opened,
            "lock_reason": workflow.lock_reason_for(
                unit=unit, year=services.return_year(), section=Section.SEATS
            ),
        },
    )
