"""Support teams and school links (docs/rules.md#pairing-records)."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jiangmen_edu.models import School, Unit, User
from pairing.models import (
    PairingRound,
    SchoolLink,
    SupportCycle,
    SupportGroup,
    SupportTeam,
    SupportTeamMember,
    TeamSchool,
)
from pairing.permissions import require_edit
from pairing.rules.targets import TEAM_SCHOOLS, team_schools_count_ok
from pairing.selectors import GroupMap, group_map
from pairing.services.common import lock_returns


@dataclass(frozen=True)
class TeamData:
    group: SupportGroup
    round: PairingRound
    name: str
    unit: Unit
    leader: str
    schools: tuple[School, ...]
    # (name, stage and subject) of each member
    members: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def team_errors(data: TeamData, groups: GroupMap) -> dict[str, str]:
    """Annex 2 二(二): a team of a supporting unit of the group helps 1–2 township central
    schools of the group's recipient county."""
    errors: dict[str, str] = {}
    if data.unit.pk not in groups.supporter_unit_ids(data.group.recipient_id):
        errors["unit"] = _("%(unit)s is not a supporter in %(group)s.") % {
            "unit": data.unit.name,
            "group": data.group.name,
        }
    if not team_schools_count_ok(len(data.schools)):
        errors["schools"] = _(
            "A support team helps %(low)s to %(high)s township central schools (Annex 2); "
            "%(count)s were chosen. Form another team for the other schools."
        ) % {"low": TEAM_SCHOOLS[0], "high": TEAM_SCHOOLS[1], "count": len(data.schools)}
    else:
        wrong = [
            s.name for s in data.schools if s.unit_id != data.group.recipient_id or not s.is_central
        ]
        if wrong:
            errors["schools"] = _("Not a township central school of %(county)s: %(schools)s.") % {
                "county": data.group.recipient.name,
                "schools": "、".join(wrong),
            }
    if not data.name.strip():
        errors["name"] = _("Required.")
    if not data.leader.strip():
        errors["leader"] = _("Required.")
    return errors


def _check_team(data: TeamData) -> None:
    errors = team_errors(data, group_map())
    if errors:
        raise ValidationError(errors)


def _write_team(team: SupportTeam, data: TeamData) -> SupportTeam:
    team.group = data.group
    team.round = data.round
    team.name = data.name.strip()
    team.unit = data.unit
    team.leader = data.leader.strip()
    team.save()
    team.team_schools.all().delete()
    TeamSchool.objects.bulk_create(TeamSchool(team=team, school=s) for s in data.schools)
    team.members.all().delete()
    SupportTeamMember.objects.bulk_create(
        SupportTeamMember(team=team, name=name.strip(), subject=subject.strip())
        for name, subject in data.members
        if name.strip()
    )
    return team


def _name_taken(data: TeamData, exclude_pk: int | None) -> None:
    taken = SupportTeam.objects.filter(
        group=data.group, round=data.round, name=data.name.strip()
    ).exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError({"name": _("The group already has a team of this name.")})


def team_create(*, user: User, data: TeamData) -> SupportTeam:
    """Form a support team. Teams span a round, not a reporting year, so no yearly return
    locks them; the audit trail keeps every change."""
    team = SupportTeam(unit=data.unit, group=data.group)
    require_edit(user, team)
    _check_team(data)
    with transaction.atomic():
        _name_taken(data, None)
        return _write_team(team, data)


def team_update(*, user: User, team: SupportTeam, data: TeamData) -> SupportTeam:
    require_edit(user, team)
    require_edit(user, SupportTeam(unit=data.unit, group=data.group))
    _check_team(data)
    with transaction.atomic():
        _name_taken(data, team.pk)
        return _write_team(team, data)


def team_delete(*, user: User, team: SupportTeam) -> None:
    """Refused while activity lines are attached; its teachers are kept, without a team."""
    require_edit(user, team)
    if team.activities.exists():
        raise ValidationError(
            _("The team has activity lines; delete or move them before deleting the team.")
        )
    with transaction.atomic():
        team.delete()


@dataclass(frozen=True)
class SchoolLinkData:
    cycle: SupportCycle
    supporter_school: School
    recipient_school: School
    kind: str = SchoolLink.Kind.PAIR
    education_group: str = ""


def school_link_errors(data: SchoolLinkData, groups: GroupMap) -> dict[str, str]:
    if not groups.supports(data.supporter_school, data.recipient_school.unit_id):
        return {
            "recipient_school": _("%(supporter)s does not support %(school)s's county (Annex 2).")
            % {"supporter": data.supporter_school.name, "school": data.recipient_school.name}
        }
    return {}


def school_link_create(*, user: User, data: SchoolLinkData) -> SchoolLink:
    """Pair two schools for a cycle, or let a weak recipient school join an education group."""
    link = SchoolLink(
        cycle=data.cycle,
        kind=data.kind,
        supporter_school=data.supporter_school,
        recipient_school=data.recipient_school,
        supporter_unit_id=data.supporter_school.unit_id,
        recipient_unit_id=data.recipient_school.unit_id,
        education_group=data.education_group.strip(),
    )
    require_edit(user, link)
    errors = school_link_errors(data, group_map())
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        lock_returns([(link.supporter_unit_id, data.cycle.start.year)])
        duplicate = SchoolLink.objects.filter(
            cycle=data.cycle,
            kind=data.kind,
            supporter_school=data.supporter_school,
            recipient_school=data.recipient_school,
        )
        if duplicate.exists():
            raise ValidationError(_("These schools are already linked in this cycle."))
        link.save()
    return link


def school_link_delete(*, user: User, link: SchoolLink) -> None:
    require_edit(user, link)
    with transaction.atomic():
        lock_returns([(link.supporter_unit_id, link.cycle.start.year)])
        link.delete()
