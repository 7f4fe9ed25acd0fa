"""The pairing ledger's record lists (see `jiangmen_edu.record_lists`): every list starts from
the rows the user may see on either side of a pairing (`pairing.permissions`).
"""

from collections.abc import Mapping

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy

from jiangmen_edu.models import Unit, User
from jiangmen_edu.record_lists import Column, Filter, Listing, Options, choice_options, label
from pairing import permissions
from pairing.models import (
    Activity,
    ActivityKind,
    PairingRound,
    Placement,
    PlacementKind,
    SchoolLink,
    SupportCycle,
    SupportTeam,
    SupportTeamMember,
    TeamSchool,
)
from pairing.permissions import pairing_sides

# --- filter options, scoped to the user -----------------------------------------------------


def cycle_options(user: User, params: Mapping[str, str]) -> Options:
    return [(str(c.pk), f"{c.round} · {c}") for c in SupportCycle.objects.select_related("round")]


def round_options(user: User, params: Mapping[str, str]) -> Options:
    return [(str(r.pk), str(r)) for r in PairingRound.objects.all()]


def year_options(user: User, params: Mapping[str, str]) -> Options:
    first = PairingRound.objects.order_by("start_year").first()
    last = PairingRound.objects.order_by("-end_year").first()
    if first is None:
        return []
    return [(str(y), str(y)) for y in range(last.end_year, first.start_year - 1, -1)]


def _unit_options(unit_ids: set[int]) -> Options:
    units = Unit.objects.filter(pk__in=unit_ids).order_by("order", "code")
    return [(unit.code, unit.name) for unit in units]


def supporter_options(user: User, params: Mapping[str, str]) -> Options:
    return _unit_options({supporter for supporter, _recipient in pairing_sides(user)})


def recipient_options(user: User, params: Mapping[str, str]) -> Options:
    return _unit_options({recipient for _supporter, recipient in pairing_sides(user)})


def group_options(user: User, params: Mapping[str, str]) -> Options:
    return [(str(g.pk), g.name) for g in permissions.groups_for_user(user).order_by("pk")]


def team_options(user: User, params: Mapping[str, str]) -> Options:
    return [(str(t.pk), t.name) for t in permissions.teams_for_user(user).order_by("name")]


YEAR = gettext_lazy("Year")
SUPPORTER = gettext_lazy("Supporting unit")
RECIPIENT = gettext_lazy("Recipient county")


def _date(value):
    return value.isoformat() if value else None


# --- placements ---------------------------------------------------------------------------


def _placements(user: User) -> QuerySet[Placement]:
    return permissions.placements_for_user(user).select_related(
        "supporter_unit",
        "recipient_unit",
        "home_school",
        "host_school",
        "cycle__round",
        "team",
    )


PLACEMENTS = Listing(
    slug="placement",
    title=gettext_lazy("Dispatched and shadowing teachers"),
    rows=_placements,
    filters=(
        Filter("kind", label(Placement, "kind"), "kind", choice_options(PlacementKind.choices)),
        Filter("cycle", label(Placement, "cycle"), "cycle_id", cycle_options),
        Filter("year", YEAR, "year", year_options),
        Filter("supporter", SUPPORTER, "supporter_unit__code", supporter_options),
        Filter("recipient", RECIPIENT, "recipient_unit__code", recipient_options),
        Filter("team", label(Placement, "team"), "team_id", team_options),
    ),
    columns=(
        Column(label(Placement, "kind"), lambda r: r.get_kind_display()),
        Column(label(Placement, "name"), lambda r: r.name),
        Column(label(Placement, "staff_no"), lambda r: r.staff_no),
        Column(label(Placement, "subject"), lambda r: r.subject),
        Column(SUPPORTER, lambda r: r.supporter_unit.name),
        Column(RECIPIENT, lambda r: r.recipient_unit.name),
        Column(label(Placement, "home_school"), lambda r: r.home_school.name),
        Column(label(Placement, "host_school"), lambda r: r.host_school.name),
        Column(label(Placement, "cycle"), lambda r: str(r.cycle) if r.cycle else None),
        Column(label(Placement, "team"), lambda r: r.team.name if r.team else None),
        Column(label(Placement, "start"), lambda r: _date(r.start)),
        Column(label(Placement, "end"), lambda r: _date(r.end)),
    ),
    search=("name__contains", "staff_no__startswith"),
)


# --- activities ---------------------------------------------------------------------------


def _activities(user: User) -> QuerySet[Activity]:
    return permissions.activities_for_user(user).select_related(
        "supporter_unit", "recipient_unit", "unit", "team", "school", "placement"
    )


ACTIVITIES = Listing(
    slug="activity",
    title=gettext_lazy("Activity log"),
    rows=_activities,
    filters=(
        Filter("kind", label(Activity, "kind"), "kind", choice_options(ActivityKind.choices)),
        Filter("year", YEAR, "date__year", year_options),
        Filter("supporter", SUPPORTER, "supporter_unit__code", supporter_options),
        Filter("recipient", RECIPIENT, "recipient_unit__code", recipient_options),
        Filter("team", label(Activity, "team"), "team_id", team_options),
    ),
    columns=(
        Column(label(Activity, "date"), lambda r: _date(r.date)),
        Column(label(Activity, "kind"), lambda r: r.get_kind_display()),
        Column(label(Activity, "count"), lambda r: r.count, numeric=True),
        Column(label(Activity, "hours"), lambda r: r.hours, numeric=True),
        Column(label(Activity, "days"), lambda r: r.days, numeric=True),
        Column(label(Activity, "title"), lambda r: r.title),
        Column(label(Activity, "placement"), lambda r: r.placement.name if r.placement else None),
        Column(label(Activity, "team"), lambda r: r.team.name if r.team else None),
        Column(label(Activity, "school"), lambda r: r.school.name if r.school else None),
        Column(SUPPORTER, lambda r: r.supporter_unit.name),
        Column(RECIPIENT, lambda r: r.recipient_unit.name),
        Column(label(Activity, "unit"), lambda r: r.unit.name),
    ),
    search=("title__contains", "placement__name__contains"),
)


# --- teams and school links ---------------------------------------------------------------


def _teams(user: User) -> QuerySet[SupportTeam]:
    return (
        permissions.teams_for_user(user)
        .select_related("group__recipient", "round", "unit")
        .prefetch_related(
            Prefetch("team_schools", queryset=TeamSchool.objects.select_related("school")),
            Prefetch("members", queryset=SupportTeamMember.objects.all()),
        )
    )


TEAMS = Listing(
    slug="team",
    title=gettext_lazy("Support teams"),
    rows=_teams,
    filters=(
        Filter("group", label(SupportTeam, "group"), "group_id", group_options),
        Filter("round", label(SupportTeam, "round"), "round_id", round_options),
    ),
    columns=(
        Column(label(SupportTeam, "group"), lambda r: r.group.name),
        Column(label(SupportTeam, "round"), lambda r: str(r.round)),
        Column(label(SupportTeam, "name"), lambda r: r.name),
        Column(label(SupportTeam, "unit"), lambda r: r.unit.name),
        Column(label(SupportTeam, "leader"), lambda r: r.leader),
        Column(
            gettext_lazy("Members"),
            lambda r: "、".join(m.name for m in r.members.all()),
        ),
        Column(
            label(SupportTeam, "schools"),
            lambda r: "、".join(ts.school.name for ts in r.team_schools.all()),
        ),
    ),
    search=("name__contains", "leader__contains"),
)


def _links(user: User) -> QuerySet[SchoolLink]:
    return permissions.school_links_for_user(user).select_related(
        "cycle__round", "supporter_school", "recipient_school", "supporter_unit", "recipient_unit"
    )


SCHOOL_LINKS = Listing(
    slug="school_link",
    title=gettext_lazy("School pairs and group schooling"),
    rows=_links,
    filters=(
        Filter("cycle", label(SchoolLink, "cycle"), "cycle_id", cycle_options),
        Filter("kind", label(SchoolLink, "kind"), "kind", choice_options(SchoolLink.Kind.choices)),
        Filter("supporter", SUPPORTER, "supporter_unit__code", supporter_options),
        Filter("recipient", RECIPIENT, "recipient_unit__code", recipient_options),
    ),
    columns=(
        Column(label(SchoolLink, "cycle"), lambda r: f"{r.cycle.round} · {r.cycle}"),
        Column(label(SchoolLink, "kind"), lambda r: r.get_kind_display()),
        Column(label(SchoolLink, "supporter_school"), lambda r: r.supporter_school.name),
        Column(label(SchoolLink, "recipient_school"), lambda r: r.recipient_school.name),
        Column(label(SchoolLink, "education_group"), lambda r: r.education_group),
        Column(SUPPORTER, lambda r: r.supporter_unit.name),
        Column(RECIPIENT, lambda r: r.recipient_unit.name),
    ),
    search=("supporter_school__name__contains", "recipient_school__name__contains"),
)
