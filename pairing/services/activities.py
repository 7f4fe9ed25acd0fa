"""The activity log (docs/rules.md#pairing-records): each line dated and attached to a team, a
school or a teacher."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jiangmen_edu.models import School, Unit, User
from pairing.models import Activity, ActivityKind, Placement, PlacementKind, SupportTeam
from pairing.permissions import require_edit
from pairing.selectors import GroupMap, group_map
from pairing.services.common import lock_returns

# Kinds that are a teacher's own: they need the teacher (a placement).
PERSONAL_KINDS = {ActivityKind.OBSERVATION, ActivityKind.REFLECTION}
# Open classes and reviews are a dispatched teacher's, or their team's.
SUPPORTER_TEACHING_KINDS = {ActivityKind.OPEN_CLASS, ActivityKind.LESSON_REVIEW}


@dataclass(frozen=True)
class ActivityData:
    kind: str
    date: datetime.date
    count: int = 1
    hours: Decimal | None = None
    days: int | None = None
    title: str = ""
    team: SupportTeam | None = None
    school: School | None = None
    placement: Placement | None = None
    # Who organised a line attached to a school only; the team's or teacher's side otherwise.
    supporter_unit: Unit | None = None


@dataclass(frozen=True)
class Sides:
    supporter_unit_id: int
    recipient_unit_id: int
    editing_unit_id: int


def activity_sides(data: ActivityData, groups: GroupMap) -> tuple[Sides | None, dict[str, str]]:
    """The two units of the pairing an activity belongs to, the side that edits it, and the
    rules the line breaks ({} when none)."""
    errors: dict[str, str] = {}
    kind = data.kind
    if data.placement is None and data.team is None and data.school is None:
        return None, {"": _("Attach the activity to a teacher, a team or a school.")}
    if kind in PERSONAL_KINDS and data.placement is None:
        errors["placement"] = _("Choose the teacher.")
    if kind == ActivityKind.OBSERVATION and data.placement is not None:
        if data.placement.kind != PlacementKind.SHADOWING:
            errors["placement"] = _("Lesson observations are recorded for shadowing teachers.")
    if kind in SUPPORTER_TEACHING_KINDS:
        if data.placement is None and data.team is None:
            errors["placement"] = _("Choose the dispatched teacher or the team.")
        elif data.placement is not None and data.placement.kind != PlacementKind.DISPATCHED:
            errors["placement"] = _("Open classes and reviews are given by dispatched teachers.")
    if kind in (ActivityKind.TRAINING, ActivityKind.IT_TRAINING) and data.hours is None:
        errors["hours"] = _("Give the hours of training.")
    if kind == ActivityKind.IT_TRAINING and data.days is None:
        errors["days"] = _("Give the days of training.")
    if data.count < 1:
        errors["count"] = _("At least 1.")

    if data.placement is not None:
        placement = data.placement
        sides = Sides(
            placement.supporter_unit_id, placement.recipient_unit_id, placement.editing_unit_id
        )
        if not placement.start <= data.date <= placement.end:
            errors["date"] = _(
                "The date is outside this teacher's placement (%(start)s – %(end)s)."
            ) % {
                "start": placement.start.isoformat(),
                "end": placement.end.isoformat(),
            }
    elif data.team is not None:
        sides = Sides(data.team.unit_id, data.team.group.recipient_id, data.team.unit_id)
    else:
        recipient_id = data.school.unit_id
        supporter = data.supporter_unit
        if groups.group_of(recipient_id) is None:
            errors["school"] = _("Choose a school of a recipient county.")
            return None, errors
        if supporter is None or supporter.pk not in groups.supporter_unit_ids(recipient_id):
            errors["supporter_unit"] = _("Choose a unit that supports this school's county.")
            return None, errors
        sides = Sides(supporter.pk, recipient_id, supporter.pk)

    if data.team is not None and (
        data.team.unit_id != sides.supporter_unit_id
        or data.team.group.recipient_id != sides.recipient_unit_id
    ):
        errors["team"] = _("This team does not belong to this pairing.")
    if data.school is not None and data.school.unit_id not in (
        sides.supporter_unit_id,
        sides.recipient_unit_id,
    ):
        errors["school"] = _("This school is on neither side of the pairing.")
    return sides, errors


def _apply(activity: Activity, data: ActivityData, sides: Sides) -> Activity:
    activity.kind = data.kind
    activity.date = data.date
    activity.count = data.count
    activity.hours = data.hours
    activity.days = data.days
    activity.title = data.title.strip()
    activity.team = data.team
    activity.school = data.school
    activity.placement = data.placement
    activity.supporter_unit_id = sides.supporter_unit_id
    activity.recipient_unit_id = sides.recipient_unit_id
    activity.unit_id = sides.editing_unit_id
    return activity


def _checked_sides(data: ActivityData) -> Sides:
    sides, errors = activity_sides(data, group_map())
    if errors:
        raise ValidationError(errors)
    return sides


def activity_create(*, user: User, data: ActivityData) -> Activity:
    activity = _apply(Activity(), data, _checked_sides(data))
    require_edit(user, activity)
    with transaction.atomic():
        lock_returns([(activity.unit_id, activity.year)])
        activity.save()
    return activity


def activity_update(*, user: User, activity: Activity, data: ActivityData) -> Activity:
    require_edit(user, activity)
    before = (activity.unit_id, activity.year)
    sides = _checked_sides(data)
    _apply(activity, data, sides)
    require_edit(user, activity)
    with transaction.atomic():
        lock_returns([before, (activity.unit_id, activity.year)])
        activity.save()
    return activity


def activity_delete(*, user: User, activity: Activity) -> None:
    require_edit(user, activity)
    with transaction.atomic():
        lock_returns([(activity.unit_id, activity.year)])
        activity.delete()
