"""Login throttling and lockout with django-axes (docs/deployment.md#logins).

Two limits, both over the last `AXES_COOLOFF_TIME`:
- a user name is locked after `AXES_FAILURE_LIMIT` failures, from whatever addresses: one
  user's password cannot be guessed by spreading the attempts over many machines;
- an address is locked after `LOGIN_ADDRESS_FAILURE_LIMIT` failures, whatever the user names:
  one machine cannot try a few common passwords on every account. The limit is higher because
  a whole county bureau may reach the server through one address.

Axes has one limit for all its lockout parameters, so `LoginThrottle` counts the address's
failures against its own limit. A successful login clears the failures of its user name only,
so that logging in with one's own account does not wipe an address's record.
"""

import ipaddress
import logging
from dataclasses import dataclass
from datetime import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt, AccessFailureLog
from axes.utils import reset
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

log = logging.getLogger(__name__)


class LoginThrottle(AxesDatabaseHandler):
    """Axes' database handler with a separate, higher limit for an address.

    Relies on `AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]`: the first list of
    attempts is the user name's, the second the address's.
    """

    def get_failures(self, request, credentials=None) -> int:
        by_username, by_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if by_address >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            # An address past its own limit locks every user name tried from it.
            return max(by_username, get_failure_limit(request, credentials))
        return by_username

    def reset_user_attempts(self, request, credentials=None) -> int:
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


def client_address(request) -> str | None:
    """The address a login attempt comes from (`AXES_CLIENT_IP_CALLABLE`).

    Without a reverse proxy (`TRUSTED_PROXY_COUNT = 0`), the connection's address. Behind N
    proxies that each append the address they were reached from to X-Forwarded-For (nginx's
    `$proxy_add_x_forwarded_for`), the N-th entry from the right: entries further left were
    written by the client and can be forged. A header with fewer entries (a request that
    bypassed the proxies) or a malformed entry falls back to the connection's address.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < count:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-count]))
    except ValueError:
        return remote


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page (`AXES_LOCKOUT_CALLABLE`): when to try again and whom to ask.

    Every attempt during a lockout starts the cool-off again, so it ends one cool-off from now.
    """
    cool_off = get_cool_off(request)
    log.warning(
        "Login locked out: user name %r from %s",
        get_client_username(request, credentials),
        getattr(request, "axes_ip_address", None),
    )
    return render(
        request,
        "registration/locked_out.html",
        {
            "until": timezone.localtime() + cool_off,
            "minutes": int(cool_off.total_seconds() // 60),
            "contact": settings.LOGIN_HELP_CONTACT,
        },
        status=429,
    )


# --- what the city admin sees ----------------------------------------------------------------


@dataclass(frozen=True)
class Lockout:
    """A user name or an address with failures in the current cool-off window."""

    kind: str  # "username" or "address"
    value: str
    failures: int
    last_attempt: datetime
    limit: int

    @property
    def locked(self) -> bool:
        return self.failures >= self.limit

    @property
    def until(self) -> datetime:
        return self.last_attempt + settings.AXES_COOLOFF_TIME


def current_failures() -> list[Lockout]:
    """User names and addresses with failures in the cool-off window, locked ones first."""
    recent = AccessAttempt.objects.filter(
        attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME
    ).order_by()
    rows = [
        Lockout(kind, row[field] or "", row["failures"], row["last"], limit)
        for kind, field, limit in (
            ("username", "username", settings.AXES_FAILURE_LIMIT),
            ("address", "ip_address", settings.LOGIN_ADDRESS_FAILURE_LIMIT),
        )
        for row in recent.values(field).annotate(
            failures=Sum("failures_since_start"), last=Max("attempt_time")
        )
    ]
    return sorted(rows, key=lambda row: (not row.locked, row.kind, -row.failures, row.value))


def recent_failures(limit: int = 200):
    """The latest failed logins, newest first (kept by `AXES_ENABLE_ACCESS_FAILURE_LOG`)."""
    return AccessFailureLog.objects.order_by("-attempt_time")[:limit]


def unlock(*, kind: str, value: str, user) -> int:
    """Clear the failures of a user name or an address, so that it may log in again now."""
    if kind == "username":
        count = reset(username=value)
    elif kind == "address":
        count = reset(ip=value)
    else:
        raise ValueError(kind)
    log.warning("Login unlocked by %s: %s %r (%d records)", user.username, kind, value, count)
    return count
