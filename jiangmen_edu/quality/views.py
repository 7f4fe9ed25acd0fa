"""The city's data-quality pages (docs/quality.md): counties × rules, the findings behind a count,
the xlsx download, the rule catalogue with the city administrator's settings, and a rerun.

Every role may look; a county editor sees their own county only (another county's findings
are a 404). The pages read the findings stored by the last run, so they cost a fixed number
of queries whatever the data.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jiangmen_edu.errors import REFUSALS, show_refusal
from jiangmen_edu.exports import workbook_response
from jiangmen_edu.models import ReportingYear, Role
from jiangmen_edu.permissions import ALL_ROLES, allow, counties_for_user
from jiangmen_edu.quality import export, registry, selectors, services
from jiangmen_edu.quality.forms import RuleSettingsForm, SettingRow

REFRESHERS = (Role.CITY_REVIEWER, Role.CITY_ADMIN)


def _year(request, years: list[int]) -> int:
    return selectors.chosen_year(request.GET.get("year"), years)


@allow(ALL_ROLES)
def overview(request):
    years = selectors.reporting_years()
    year = _year(request, years)
    units = counties_for_user(request.user)
    trend_unit = None
    if request.GET.get("unit"):
        trend_unit = get_object_or_404(units, code=request.GET["unit"])
    trend_units = units.filter(pk=trend_unit.pk) if trend_unit else units
    return render(
        request,
        "quality/overview.html",
        {
            "year": year,
            "years": years,
            "matrix": selectors.matrix(year, units),
            "units": units,
            "trend_unit": trend_unit,
            "trend_years": sorted(years),
            "trend": selectors.trend(trend_units, years),
            "can_refresh": request.user.role in REFRESHERS,
        },
    )


@allow(ALL_ROLES)
def findings(request, unit_code: str, code: str):
    unit = get_object_or_404(counties_for_user(request.user), code=unit_code)
    rule = registry.get(code)
    if rule is None:
        raise Http404
    years = selectors.reporting_years()
    year = _year(request, years)
    return render(
        request,
        "quality/findings.html",
        {
            "unit": unit,
            "rule": rule,
            "year": year,
            "years": years,
            "lines": selectors.finding_lines([unit], year, code),
        },
    )


@allow(ALL_ROLES)
def export_xlsx(request):
    year = _year(request, selectors.reporting_years())
    units = counties_for_user(request.user)
    return workbook_response(
        _("%(year)s data quality.xlsx") % {"year": year},
        [
            export.matrix_sheet(selectors.matrix(year, units)),
            export.findings_sheet(selectors.finding_lines(units, year)),
        ],
    )


@allow(ALL_ROLES)
def rule_list(request):
    """The catalogue for every role; the city administrator also changes it here."""
    years = selectors.reporting_years()
    year = _year(request, years)
    reporting_year = ReportingYear.objects.filter(year=year).first()
    choices = services.rule_choices(year)
    is_admin = request.user.role == Role.CITY_ADMIN
    if request.method == "POST" and not is_admin:
        raise PermissionDenied
    form = None
    if is_admin and reporting_year is not None:
        form = RuleSettingsForm(choices, request.POST or None)
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                changed = form.save(user=request.user, reporting_year=reporting_year)
            except REFUSALS as error:
                show_refusal(error, request=request)
            else:
                messages.success(
                    request,
                    _("%(count)s rule setting(s) of %(year)s saved.")
                    % {"count": changed, "year": year},
                )
                return redirect(f"{reverse('quality_rules')}?year={year}")
    return render(
        request,
        "quality/rules.html",
        {
            "year": year,
            "years": years,
            "form": form,
            "rows": form.rows if form else [SettingRow(choice) for choice in choices],
        },
    )


@allow(REFRESHERS)
@require_POST
def refresh(request):
    year = selectors.chosen_year(request.POST.get("year"), selectors.reporting_years())
    count = services.findings_refresh_year(year)
    messages.success(
        request,
        _("The data-quality checks of %(year)s were run again: %(count)s finding(s).")
        % {"year": year, "count": count},
    )
    return redirect(f"{reverse('quality_overview')}?year={year}")
