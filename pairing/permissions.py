"""Who sees and who edits the pairing ledger (docs/pairing.md, "Who sees and edits what"), built on
jiangmen_edu.permissions.

Every ledger record links a supporting unit (蓬江, 江海, 新会, 鹤山 or 市直) and a recipient
county (台山, 开平, 恩平), kept on the row as `supporter_unit` and `recipient_unit`:
- it is visible to both of them and to the city; to any other county it does not exist (404);
- it is edited by one side, `record.editing_unit_id`: the sending (supporting) side edits
  dispatched teachers (支教), the receiving (recipient) side edits shadowing teachers (跟岗) —
  in both cases the teacher's home unit; teams and school links are edited by the supporter;
  an activity by the side that recorded it (for a teacher's activity, the teacher's home);
- the city's reviewers and administrators edit everything; the assessor only reads.
A county that can see a record but not edit it gets 403 on the edit pages.
Services check `require_edit` again, so that imports and commands cannot bypass the pages.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from jiangmen_edu.models import Role, Unit
from jiangmen_edu.permissions import counties_for_user, is_city_user
from pairing.models import Activity, Placement, SchoolLink, SupportGroup, SupportTeam
from pairing.selectors import group_map

CITY_EDITORS = frozenset({Role.CITY_REVIEWER, Role.CITY_ADMIN})
EDITOR_ROLES = CITY_EDITORS | {Role.COUNTY_EDITOR}


def _user_unit_id(user) -> int | None:
    if not user.is_authenticated or user.role != Role.COUNTY_EDITOR:
        return None
    return user.unit_id


def _both_sides(queryset: QuerySet, user) -> QuerySet:
    """Rows whose supporting or recipient unit is the user's; all rows for the city."""
    if is_city_user(user):
        return queryset
    unit_id = _user_unit_id(user)
    if unit_id is None:
        return queryset.none()
    return queryset.filter(Q(supporter_unit_id=unit_id) | Q(recipient_unit_id=unit_id))


def placements_for_user(user) -> QuerySet[Placement]:
    """The dispatched and shadowing teachers `user` may see."""
    return _both_sides(Placement.objects.all(), user)


def activities_for_user(user) -> QuerySet[Activity]:
    return _both_sides(Activity.objects.all(), user)


def school_links_for_user(user) -> QuerySet[SchoolLink]:
    return _both_sides(SchoolLink.objects.all(), user)


def teams_for_user(user) -> QuerySet[SupportTeam]:
    """A team is visible to the unit that formed it and to the county it helps."""
    if is_city_user(user):
        return SupportTeam.objects.all()
    unit_id = _user_unit_id(user)
    if unit_id is None:
        return SupportTeam.objects.none()
    return SupportTeam.objects.filter(Q(unit_id=unit_id) | Q(group__recipient_id=unit_id))


def groups_for_user(user) -> QuerySet[SupportGroup]:
    """Groups the user takes part in: as the recipient county, a member bureau, or (市直) a
    group with city-direct member schools."""
    if is_city_user(user):
        return SupportGroup.objects.all()
    unit_id = _user_unit_id(user)
    if unit_id is None:
        return SupportGroup.objects.none()
    return SupportGroup.objects.filter(
        Q(recipient_id=unit_id) | Q(members__unit_id=unit_id) | Q(members__school__unit_id=unit_id)
    ).distinct()


def pairing_sides(user) -> set[tuple[int, int]]:
    """(supporting unit id, recipient county id) of every pairing the user takes part in."""
    groups = group_map()
    pairs = {
        (supporter, recipient)
        for recipient in groups.groups
        for supporter in groups.supporter_unit_ids(recipient)
    }
    if is_city_user(user):
        return pairs
    return {pair for pair in pairs if user.is_authenticated and user.unit_id in pair}


def can_see(user, record: Model) -> bool:
    if is_city_user(user):
        return True
    unit_id = _user_unit_id(user)
    if unit_id is None:
        return False
    if isinstance(record, SupportTeam):
        return unit_id in (record.unit_id, record.group.recipient_id)
    return unit_id in (record.supporter_unit_id, record.recipient_unit_id)


def can_edit(user, record: Model) -> bool:
    """City reviewers and administrators edit all; a county editor edits its side's records."""
    if not user.is_authenticated:
        return False
    if user.role in CITY_EDITORS:
        return True
    return user.role == Role.COUNTY_EDITOR and user.unit_id == record.editing_unit_id


def may_write(user) -> bool:
    """Whether the user's role writes pairing records at all (the assessor only reads)."""
    return user.is_authenticated and user.role in EDITOR_ROLES


def require_edit(user, record: Model) -> None:
    """For services: refuse to write a record on a side the user does not edit."""
    if not can_edit(user, record):
        raise PermissionDenied


def editing_units_for(user) -> QuerySet[Unit]:
    """The units on whose behalf the user may record: all for the city's editors."""
    if user.is_authenticated and user.role in CITY_EDITORS:
        return Unit.objects.all()
    if _user_unit_id(user) is None:
        return Unit.objects.none()
    return counties_for_user(user)


def get_visible_or_404(queryset: QuerySet, user, **lookup) -> Model:
    """The record if the user may see it; 404 otherwise, so its existence is not revealed."""
    record = queryset.filter(**lookup).first()
    if record is None or not can_see(user, record):
        raise Http404
    return record


def get_editable_or_404(queryset: QuerySet, user, **lookup) -> Model:
    """404 for a record the user cannot see, 403 for one they see but do not edit."""
    record = get_visible_or_404(queryset, user, **lookup)
    require_edit(user, record)
    return record
