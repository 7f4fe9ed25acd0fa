"""Assessment years and their runs: the list of years, one year's runs and counties, and the
city administrator's actions (open a year, compute a run, publish it)."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessment import forms, selectors, services
from assessment.models import AssessmentYear, ItemResponse, ScoreRun
from assessment.qualitative import workbench
from assessment.views.common import assessment_or_404, flash_form_errors
from jiangmen_edu.errors import REFUSALS, show_refusal
from jiangmen_edu.models import ReportingYear, Role
from jiangmen_edu.permissions import ALL_ROLES, CITY_ROLES, allow


@allow(ALL_ROLES)
def year_list(request):
    assessments = AssessmentYear.objects.annotate(
        run_count=Count("runs"),
        published_run=Count("runs", filter=Q(runs__is_published=True)),
    ).order_by("-year")
    opened = set(assessments.values_list("year", flat=True))
    can_open = request.user.role == Role.CITY_ADMIN
    return render(
        request,
        "assessment/years.html",
        {
            "assessments": assessments,
            "open_form": forms.OpenYearForm() if can_open else None,
            "openable_years": [
                year
                for year in ReportingYear.objects.values_list("year", flat=True)
                if year not in opened
            ],
            "is_city": request.user.role in CITY_ROLES,
        },
    )


@allow(Role.CITY_ADMIN)
@require_POST
def year_open(request):
    form = forms.OpenYearForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("assessment:years")
    try:
        assessment = services.assessment_open(year=form.cleaned_data["year"], user=request.user)
    except REFUSALS as error:
        show_refusal(error, request=request)
        return redirect("assessment:years")
    messages.success(request, _("The assessment of %(year)s is open.") % {"year": assessment})
    return redirect("assessment:runs", year=assessment.year)


@allow(CITY_ROLES)
def year_detail(request, year):
    assessment = assessment_or_404(year)
    runs = list(assessment.runs.select_related("created_by"))
    latest = runs[0] if runs else None
    rows = workbench(assessment)
    responses = ItemResponse.objects.filter(assessment=assessment)
    return render(
        request,
        "assessment/year_detail.html",
        {
            "assessment": assessment,
            "runs": runs,
            "latest": latest,
            "scores": selectors.run_scores(latest) if latest else [],
            "waiting": sum(row.waiting for row in rows),
            "open_responses": responses.filter(
                stance=ItemResponse.Stance.CONTEST, answered_at=None
            ).count(),
            "is_admin": request.user.role == Role.CITY_ADMIN,
            "compute_form": forms.ComputeForm(),
            "counties": [row.unit for row in rows],
        },
    )


@allow(Role.CITY_ADMIN)
@require_POST
def run_compute(request, year):
    assessment = assessment_or_404(year)
    form = forms.ComputeForm(request.POST)
    form.is_valid()
    try:
        run = services.run_compute(
            assessment=assessment,
            user=request.user,
            reason=form.cleaned_data.get("reason", ""),
        )
    except REFUSALS as error:
        show_refusal(error, request=request)
    else:
        messages.success(request, _("Run %(number)s computed.") % {"number": run.number})
    return redirect("assessment:runs", year=assessment.year)


@allow(Role.CITY_ADMIN)
@require_POST
def run_publish(request, year, number):
    assessment = assessment_or_404(year)
    run = get_object_or_404(ScoreRun, assessment=assessment, number=number)
    try:
        services.run_publish(assessment=assessment, run=run, user=request.user)
    except REFUSALS as error:
        show_refusal(error, request=request)
    else:
        messages.success(
            request,
            _("Run %(number)s is published as the results of %(year)s.")
            % {"number": run.number, "year": assessment.year},
        )
    return redirect("assessment:runs", year=assessment.year)
