"""The assessment results in the browser, as PDF and as xlsx (docs/rules.md#use-of-results).

City roles see the overview of every county and any run; a county editor sees only their own
county's scorecard and PDF (another county's is a 404), the published run, or before
publication the latest run marked as a draft. The overview, the city PDF and the xlsx are for
city roles: a county editor asking for the overview is sent to their own scorecard.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from assessment import scorecards
from assessment.models import AssessmentYear
from assessment.reports import filenames
from assessment.reports.pdf import pdf_response, render_pdf
from jiangmen_edu.exports import xlsx_response
from jiangmen_edu.models import Unit
from jiangmen_edu.permissions import ALL_ROLES, CITY_ROLES, allow, counties_for_user, is_city_user


def _run_number(request) -> int | None:
    value = request.GET.get("run", "")
    return int(value) if value.isdigit() else None


def _own_scorecard_url(user, year: int) -> str:
    return reverse("assessment:scorecard", kwargs={"year": year, "code": user.unit.code})


@allow(ALL_ROLES)
def results(request):
    """The menu's "results": the latest computed year's overview, or one's own scorecard."""
    latest = (
        AssessmentYear.objects.filter(runs__isnull=False).order_by("-year").values("year").first()
    )
    city = is_city_user(request.user)
    if latest is None or not (city or request.user.unit.is_assessed):
        # 市直 sends teachers and has seat quotas but is not assessed (docs/rules.md#units).
        context = {"choice": None, "not_assessed": not city}
        return render(request, "assessment/overview.html", context)
    if city:
        return redirect("assessment:overview", year=latest["year"])
    return redirect(_own_scorecard_url(request.user, latest["year"]))


def _overview_context(request, year: int) -> dict:
    choice = scorecards.choose_run(year, request.user, _run_number(request))
    overview = scorecards.overview(choice.run, request.user) if choice.run else None
    return {"choice": choice, "overview": overview}


@allow(ALL_ROLES)
def overview(request, year: int):
    if not is_city_user(request.user):
        return redirect(_own_scorecard_url(request.user, year))
    return render(request, "assessment/overview.html", _overview_context(request, year))


def _scorecard_context(request, year: int, code: str) -> dict:
    unit = get_object_or_404(
        counties_for_user(request.user).filter(kind=Unit.Kind.COUNTY), code=code
    )
    choice = scorecards.choose_run(year, request.user, _run_number(request))
    card = scorecards.scorecard(choice.run, unit, request.user) if choice.run else None
    return {"choice": choice, "unit": unit, "card": card}


@allow(ALL_ROLES)
def scorecard(request, year: int, code: str):
    return render(request, "assessment/scorecard.html", _scorecard_context(request, year, code))


@allow(ALL_ROLES)
def county_pdf(request, year: int, code: str):
    context = _scorecard_context(request, year, code)
    if context["card"] is None:
        raise Http404
    pdf = render_pdf("assessment/report_county.html", context, request)
    return pdf_response(pdf, filenames.county_report(year, context["unit"].name))


def _city_overview(request, year: int) -> dict:
    context = _overview_context(request, year)
    if context["overview"] is None:
        raise Http404
    return context


@allow(CITY_ROLES)
def city_pdf(request, year: int):
    context = _city_overview(request, year)
    pdf = render_pdf("assessment/report_city.html", context, request)
    return pdf_response(pdf, filenames.city_report(year))


@allow(CITY_ROLES)
def overview_xlsx(request, year: int):
    context = _city_overview(request, year)
    data = context["overview"]
    headers = [_("Rank"), _("County"), _("Region"), _("Rank in region")]
    headers += [f"{c.code} {c.name}" for c in data.columns]
    headers += [_("Total"), _("Change against the previous year"), _("Provisional")]
    rows = []
    for row in data.rows:
        rows.append(
            [row.rank, row.unit.name, row.unit.get_region_display(), row.region_rank]
            + [cell.score for cell in row.cells]
            + [row.total, row.change, _("yes") if row.provisional else ""]
        )
    rows.append(["", _("Average"), "", ""] + data.average + [data.average_total, None, ""])
    return xlsx_response(
        filenames.overview(year, draft=context["choice"].is_draft),
        headers,
        rows,
        sheet_title=str(year),
        column_widths=[6, 10, 8, 8] + [12] * len(data.columns) + [8, 10, 8],
    )


class CountyCodeConverter:
    """`<county:code>`: a 6-digit division code, so that the scorecard's URL never shadows
    other pages under /assessment/<year>/ (a workbench, a response list…)."""

    regex = "[0-9]{6}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
