"""The compliance table, the dashboards and the funding statement (docs/rules.md#pairing-targets,
docs/rules.md#pairing-funding)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from jiangmen_edu.exports import xlsx_response
from jiangmen_edu.permissions import ALL_ROLES, CITY_ROLES, allow
from jiangmen_edu.selectors import current_reporting_year
from pairing import compliance, permissions
from pairing.models import SupportGroup
from pairing.statements import funding_statement


def _as_of():
    return timezone.localdate()


def _reporting_year() -> int | None:
    latest = current_reporting_year()
    return latest.year if latest else None


def _group_param(request):
    value = request.GET.get("group", "")
    if not value.isdigit():
        return None
    return permissions.groups_for_user(request.user).filter(pk=value).first()


def _team_param(request, period):
    value = request.GET.get("team", "")
    if not value.isdigit() or period is None:
        return None
    teams = permissions.teams_for_user(request.user).filter(round=period.round)
    return teams.select_related("group").filter(pk=value).first()


def _table(request, group=None):
    """The period, the scope and the sections of the table the GET parameters ask for."""
    period, rounds, cycles = compliance.resolve_period(
        request.GET, _as_of(), default_year=_reporting_year()
    )
    team = _team_param(request, period)
    if team is not None and group is not None and team.group_id != group.pk:
        team = None
    sections = []
    if period is not None:
        data = compliance.load(request.user, period, group=group, team=team)
        sections = compliance.build(data, team_chosen=team is not None)
    return {
        "period": period,
        "rounds": rounds,
        "cycles": cycles,
        "years": range(period.round.start_year, period.round.end_year + 1) if period else [],
        "team": team,
        "teams": permissions.teams_for_user(request.user)
        .filter(**({"group": group} if group else {}))
        .filter(round=period.round if period else None)
        .order_by("name"),
        "sections": sections,
    }


@allow(ALL_ROLES)
def compliance_table(request):
    """Targets per round, cycle, group and team, over the records the user may see."""
    group = _group_param(request)
    context = _table(request, group)
    context["group"] = group
    context["groups"] = permissions.groups_for_user(request.user).select_related("recipient")
    return render(request, "pairing/compliance.html", context)


@allow(ALL_ROLES)
def group_dashboard(request, pk):
    """One support group: its headline figures and compliance, for the city, the recipient
    county and the group's supporters (each seeing the records of their side)."""
    group = get_object_or_404(SupportGroup.objects.select_related("recipient"), pk=pk)
    if not permissions.groups_for_user(request.user).filter(pk=group.pk).exists():
        raise Http404
    context = _table(request, group)
    context["group"] = group
    context["summary"] = _summary(context["sections"])
    return render(request, "pairing/group_dashboard.html", context)


def _summary(sections) -> dict[str, int]:
    lines = [line for section in sections for line in section.lines]
    return {
        "passed": sum(1 for line in lines if line.passed is True),
        "failed": sum(1 for line in lines if line.passed is False),
        "informative": sum(1 for line in lines if line.passed is None),
    }


@allow(CITY_ROLES)
def overview(request):
    """The city overview: the city-wide targets and, per group, lines met and missed."""
    context = _table(request)
    groups = {f"group-{g.pk}": g for g in SupportGroup.objects.select_related("recipient")}
    context["group_rows"] = [
        (groups[section.key], section, _summary([section]))
        for section in context["sections"]
        if section.key in groups
    ]
    context["city_sections"] = [s for s in context["sections"] if s.key == "city"]
    return render(request, "pairing/overview.html", context)


def _year(request) -> int:
    value = request.GET.get("year", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return _reporting_year() or _as_of().year


@allow(ALL_ROLES)
def funding(request):
    """What the city and each district owe for a year, over the placements the user sees."""
    year = _year(request)
    return render(
        request,
        "pairing/funding.html",
        {"year": year, "statement": funding_statement(request.user, year)},
    )


@allow(ALL_ROLES)
def funding_export(request):
    year = _year(request)
    statement = funding_statement(request.user, year)
    headers = [
        _("Kind"),
        _("Full name"),
        _("Staff number"),
        _("Home unit"),
        _("Host school"),
        _("Start date"),
        _("End date"),
        _("Months served in the year"),
        _("Yuan per year"),
        _("Amount (yuan)"),
        _("City's share"),
        _("City pays (yuan)"),
        _("District pays (yuan)"),
    ]
    rows = [
        [
            line.placement.get_kind_display(),
            line.placement.name,
            line.placement.staff_no,
            line.placement.home_unit.name,
            line.placement.host_school.name,
            line.placement.start,
            line.placement.end,
            line.months,
            line.annual_amount,
            line.amount,
            line.city_share,
            line.city,
            line.district,
        ]
        for line in statement.lines
    ]
    rows.append([_("Total"), *[""] * 8, statement.total, "", statement.city_total])
    rows[-1].append(statement.district_total)
    for total in statement.by_unit:
        rows.append(
            [
                _("Home unit total"),
                total.unit.name,
                total.teachers,
                *[""] * 4,
                total.months,
                "",
                total.amount,
                "",
                total.city,
                total.district,
            ]
        )
    return xlsx_response(
        _("Pairing funding %(year)s.xlsx") % {"year": year},
        headers,
        rows,
        column_widths=[12, 10, 12, 10, 24, 12, 12, 10, 12, 14, 10, 14, 14],
    )
