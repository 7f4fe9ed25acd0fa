"""The pairing ledger's record lists (see `jiangmen_edu.record_lists`): every list starts from
the rows the user may see on either side of a pairing (`pairing.permissions`); each list's
filters are in `pairing.filters`.
"""

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy

from jiangmen_edu.models import User
from jiangmen_edu.record_lists import Column, Listing, label
from pairing import filters, permissions
from pairing.filters import RECIPIENT, SUPPORTER
from pairing.models import (
    Activity,
    Placement,
    SchoolLink,
    SupportTeam,
    SupportTeamMember,
    TeamSchool,
)

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
    filterset=filters.PlacementFilterSet,
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
        Column(label(Placement, "start"), lambda r: r.start),
        Column(label(Placement, "end"), lambda r: r.end),
    ),
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
    filterset=filters.ActivityFilterSet,
    columns=(
        Column(label(Activity, "date"), lambda r: r.date),
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
    filterset=filters.TeamFilterSet,
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
)


def _links(user: User) -> QuerySet[SchoolLink]:
    return permissions.school_links_for_user(user).select_related(
        "cycle__round", "supporter_school", "recipient_school", "supporter_unit", "recipient_unit"
    )


SCHOOL_LINKS = Listing(
    slug="school_link",
    title=gettext_lazy("School pairs and group schooling"),
    rows=_links,
    filterset=filters.SchoolLinkFilterSet,
    columns=(
        Column(label(SchoolLink, "cycle"), lambda r: f"{r.cycle.round} · {r.cycle}"),
        Column(label(SchoolLink, "kind"), lambda r: r.get_kind_display()),
        Column(label(SchoolLink, "supporter_school"), lambda r: r.supporter_school.name),
        Column(label(SchoolLink, "recipient_school"), lambda r: r.recipient_school.name),
        Column(label(SchoolLink, "education_group"), lambda r: r.education_group),
        Column(SUPPORTER, lambda r: r.supporter_unit.name),
        Column(RECIPIENT, lambda r: r.recipient_unit.name),
    ),
)
