"""The one permission layer every view goes through (docs/rules.md#scope).

Two questions, answered on the server for every request:
- may this role use this page at all? `allow(...)` on the view; otherwise 403;
- may this user see this unit's data? every queryset starts from `scope(...)`;
  another unit's object is a 404, so that its existence is not revealed.
"""

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

from jiangmen_edu.models import Role, Unit

CITY_ROLES = frozenset({Role.CITY_REVIEWER, Role.ASSESSOR, Role.CITY_ADMIN})
ALL_ROLES = frozenset(Role)
PUBLIC = "public"


def is_city_user(user) -> bool:
    return user.is_authenticated and user.role in CITY_ROLES


def counties_for_user(user) -> QuerySet[Unit]:
    """The units whose data the user may see: all of them for the city, one for a county."""
    if not user.is_authenticated:
        return Unit.objects.none()
    if is_city_user(user):
        return Unit.objects.all()
    return Unit.objects.filter(pk=user.unit_id)


def scope(queryset: QuerySet, user, unit_field: str = "unit") -> QuerySet:
    """Restrict any queryset to the units the user may see, through `unit_field`."""
    if is_city_user(user):
        return queryset
    if not user.is_authenticated or user.unit_id is None:
        return queryset.none()
    return queryset.filter(**{f"{unit_field}_id": user.unit_id})


def get_scoped_or_404(queryset: QuerySet, user, unit_field: str = "unit", **lookup) -> Model:
    return get_object_or_404(scope(queryset, user, unit_field), **lookup)


def allow(*roles: str | Iterable[str]) -> Callable:
    """Declare who may use a view: roles from `Role`, `ALL_ROLES`, or `PUBLIC`.

    Anonymous users are sent to the login page; a logged-in user whose role is not listed
    gets 403. The declared roles are kept on the view for the URL × role test.
    """
    allowed: set[str] = set()
    for role in roles:
        allowed |= {role} if isinstance(role, str) else set(role)

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if PUBLIC in allowed:
                return view(request, *args, **kwargs)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if request.user.role not in allowed:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.allowed_roles = frozenset(allowed)
        return wrapper

    return decorator


def require_role(user, roles: Iterable[str]) -> None:
    """For services: refuse an action the user's role may not take."""
    if not user.is_authenticated or user.role not in set(roles):
        raise PermissionDenied


def require_unit(user, unit: Unit) -> None:
    """For services: refuse to touch a unit outside the user's scope."""
    if not is_city_user(user) and user.unit_id != unit.pk:
        raise PermissionDenied


def editor_unit(user, unit: Unit | None = None) -> Unit:
    """For services writing a county's data: only a county editor writes, and only their own
    unit's data (`unit`, when the data already belongs to one)."""
    require_role(user, {Role.COUNTY_EDITOR})
    if unit is not None:
        require_unit(user, unit)
    return user.unit
