"""The teachers dashboards (docs/rules.md#teachers, items 2.1–2.3,
docs/rules.md#value-added) and their drill-downs.

`/teachers/dashboard/?year=&unit=`: a county's figures, or the city's with the counties side by
side; each figure with its target, pass or fail, the gap to target and the 口径说明 behind it,
and year-over-year charts drawn on the server as SVG. `/teachers/dashboard/<figure>/`: the
staff behind one figure. Every role may look; a county editor sees their own unit only and
another unit's code is a 404. The pages run a fixed number of queries whatever the number of
staff: the selectors group in the database, and the drill-downs paginate lazy querysets.
"""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from jiangmen_edu.models import ReportingYear, Unit
from jiangmen_edu.permissions import ALL_ROLES, allow, counties_for_user, is_city_user
from jiangmen_edu.views import paginate
from teachers.dashboard import display
from teachers.dashboard.drilldowns import (
    DRILLDOWNS,
    PRINCIPAL_FINDING_LABELS,
    RESEARCHER_FINDING_LABELS,
)
from teachers.dashboard.scope import Scope
from teachers.dashboard.selectors import dashboard, history
from teachers.models import StaffYear
from teachers.rules.principals import PRINCIPAL_VIOLATIONS

FIRST_YEAR, LAST_YEAR = 2000, 2100


def _year(request) -> int:
    value = request.GET.get("year", "")
    if value.isdigit() and FIRST_YEAR <= int(value) <= LAST_YEAR:
        return int(value)
    latest = ReportingYear.objects.order_by("-year").values_list("year", flat=True).first()
    return latest or timezone.localdate().year


def page_scope(request) -> Scope:
    """The units and year of a dashboard page, from `?unit=` and `?year=`.

    A county editor always sees their own unit; a unit code outside the user's units is a 404
    (its existence is not revealed). A city user sees the whole city unless `unit` names one.
    One query for the units, and one for the default year when `year` is missing.
    """
    user = request.user
    choices = list(counties_for_user(user))
    code = request.GET.get("unit", "")
    unit = None
    if code:
        unit = next((choice for choice in choices if choice.code == code), None)
        if unit is None:
            raise Http404
    elif not is_city_user(user):
        if not choices:
            raise Http404
        unit = choices[0]
    units = counties_for_user(user) if unit is None else Unit.objects.filter(pk=unit.pk)
    return Scope(units=units, unit=unit, choices=choices, year=_year(request))


def year_options(scope: Scope) -> list[int]:
    """Years with a reporting year or a roster in scope, and the one shown. Two queries."""
    years = set(ReportingYear.objects.values_list("year", flat=True))
    years |= set(
        StaffYear.objects.filter(unit__in=scope.units)
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted(years | {scope.year}, reverse=True)


@allow(ALL_ROLES)
def teachers_dashboard(request):
    scope = page_scope(request)
    board = dashboard(scope.units, scope.year)
    headers, table = display.comparison_table(scope) if scope.unit is None else ([], [])
    return render(
        request,
        "teachers/dashboard.html",
        {
            "scope": scope,
            "board": board,
            "sections": {section.slug: section for section in display.sections(board, scope)},
            "comparison_headers": headers,
            "comparison": table,
            "charts": display.charts(history(scope.units, scope.year)),
            "temp_category": display.TEMP_CATEGORY_LABELS[board.temp.ratio.category],
            "coverage": display.coverage_matrix(board.coverage),
            "principal_findings": display.finding_counts(
                (alert.findings for alert in board.principal_alerts),
                PRINCIPAL_FINDING_LABELS,
                PRINCIPAL_VIOLATIONS,
            ),
            "researcher_findings": display.finding_counts(
                (check.findings for check in board.researcher_checks), RESEARCHER_FINDING_LABELS
            ),
            "years": year_options(scope),
            "is_city_user": is_city_user(request.user),
            "drilldown_query": scope.query(),
        },
    )


@allow(ALL_ROLES)
def drilldown(request, figure: str):
    spec = DRILLDOWNS.get(figure)
    if spec is None:
        raise Http404
    scope = page_scope(request)
    page = paginate(request, spec.rows(scope.units, scope.year))
    units = scope.by_id
    return render(
        request,
        "teachers/drilldown.html",
        {
            "scope": scope,
            "spec": spec,
            "title": spec.title(),
            "headers": [(header, i in spec.numeric) for i, header in enumerate(spec.headers())],
            "rows": [
                [(value, i in spec.numeric) for i, value in enumerate(spec.cells(row, units))]
                for row in page
            ],
            "page": page,
            "dashboard_query": scope.query(),
        },
    )
