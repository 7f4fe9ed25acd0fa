"""Dispatched (支教) and shadowing (跟岗) teachers (docs/rules.md#pairing-records)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jiangmen_edu.models import School, Unit, User
from pairing.models import Placement, PlacementKind, SupportCycle, SupportTeam
from pairing.permissions import require_edit
from pairing.rules.periods import overlaps
from pairing.selectors import GroupMap, group_map
from pairing.services.common import lock_returns


@dataclass(frozen=True)
class PlacementData:
    kind: str
    name: str
    staff_no: str
    home_school: School
    host_school: School
    start: datetime.date
    end: datetime.date
    cycle: SupportCycle | None = None
    team: SupportTeam | None = None
    subject: str = ""
    notes: str = ""

    @property
    def supporter_unit_id(self) -> int:
        school = self.home_school if self.kind == PlacementKind.DISPATCHED else self.host_school
        return school.unit_id

    @property
    def recipient_unit_id(self) -> int:
        school = self.host_school if self.kind == PlacementKind.DISPATCHED else self.home_school
        return school.unit_id

    @property
    def home_unit_id(self) -> int:
        return self.home_school.unit_id

    @property
    def editing_unit_id(self) -> int:
        """As `Placement.editing_unit_id`: the teacher's home, the side that sends them."""
        return self.home_unit_id


def placement_errors(data: PlacementData, groups: GroupMap) -> dict[str, str]:
    """The rules one placement must keep by itself (Annex 2); {} when it keeps them all."""
    errors: dict[str, str] = {}
    if data.end < data.start:
        errors["end"] = _("The end date is before the start date.")
    if data.kind == PlacementKind.DISPATCHED:
        if not groups.supports(data.home_school, data.host_school.unit_id):
            errors["host_school"] = _(
                "%(school)s is not in a county that %(home)s supports (Annex 2)."
            ) % {"school": data.host_school.name, "home": data.home_school.name}
        if data.cycle is None:
            errors["cycle"] = _("A dispatched teacher belongs to a support cycle.")
        elif not data.cycle.start <= data.start <= data.cycle.end:
            errors["start"] = _("The start date is outside %(cycle)s.") % {"cycle": data.cycle}
    elif not groups.supports(data.host_school, data.home_school.unit_id):
        errors["host_school"] = _(
            "%(school)s is not a supporter of %(home)s's county (Annex 2)."
        ) % {"school": data.host_school.name, "home": data.home_school.name}
    if data.team is not None and (
        data.team.group.recipient_id != data.recipient_unit_id
        or (data.kind == PlacementKind.DISPATCHED and data.team.unit_id != data.supporter_unit_id)
    ):
        errors["team"] = _("This team does not belong to this pairing.")
    return errors


def overlap_error(
    data: PlacementData, others: Iterable[tuple[datetime.date, datetime.date]]
) -> str:
    """A person cannot be on two overlapping placements (end dates inclusive)."""
    for start, end in others:
        if overlaps(data.start, data.end, start, end):
            return _(
                "%(name)s (staff number %(staff_no)s) is already on a placement from %(start)s "
                "to %(end)s; placements of one person cannot overlap."
            ) % {
                "name": data.name,
                "staff_no": data.staff_no,
                "start": start.isoformat(),
                "end": end.isoformat(),
            }
    return ""


def _other_placements(data: PlacementData, exclude_pk: int | None):
    """The person's other placements, read after locking their home unit's row so that two
    concurrent writes for one person are checked one after the other."""
    Unit.objects.select_for_update().filter(pk=data.home_unit_id).first()
    rows = Placement.objects.filter(staff_no=data.staff_no).exclude(pk=exclude_pk)
    return [
        (p.start, p.end)
        for p in rows.only("kind", "start", "end", "supporter_unit_id", "recipient_unit_id")
        if p.home_unit_id == data.home_unit_id
    ]


def _check(data: PlacementData, exclude_pk: int | None = None) -> None:
    errors = placement_errors(data, group_map())
    if not errors:
        message = overlap_error(data, _other_placements(data, exclude_pk))
        if message:
            errors["start"] = message
    if errors:
        raise ValidationError(errors)


def _apply(placement: Placement, data: PlacementData) -> Placement:
    placement.kind = data.kind
    placement.name = data.name
    placement.staff_no = data.staff_no
    placement.subject = data.subject
    placement.home_school = data.home_school
    placement.host_school = data.host_school
    placement.supporter_unit_id = data.supporter_unit_id
    placement.recipient_unit_id = data.recipient_unit_id
    placement.cycle = data.cycle if data.kind == PlacementKind.DISPATCHED else None
    placement.team = data.team
    placement.start = data.start
    placement.end = data.end
    placement.year = data.start.year
    placement.notes = data.notes
    return placement


def _clean(data: PlacementData) -> PlacementData:
    return replace(data, name=data.name.strip(), staff_no=data.staff_no.strip())


def placement_create(*, user: User, data: PlacementData) -> Placement:
    """Record a dispatched or shadowing teacher, on the user's side of the pairing."""
    data = _clean(data)
    placement = _apply(Placement(), data)
    require_edit(user, placement)
    with transaction.atomic():
        lock_returns([(placement.editing_unit_id, placement.year)])
        _check(data)
        placement.save()
    return placement


def placement_update(*, user: User, placement: Placement, data: PlacementData) -> Placement:
    """Change a placement; the old and the new side and year must both be open."""
    data = _clean(data)
    require_edit(user, placement)
    before = (placement.editing_unit_id, placement.year)
    _apply(placement, data)
    require_edit(user, placement)
    with transaction.atomic():
        lock_returns([before, (placement.editing_unit_id, placement.year)])
        _check(data, exclude_pk=placement.pk)
        placement.save()
    return placement


def placement_delete(*, user: User, placement: Placement) -> None:
    """Delete a placement and its activity lines."""
    require_edit(user, placement)
    with transaction.atomic():
        lock_returns([(placement.editing_unit_id, placement.year)])
        placement.delete()
