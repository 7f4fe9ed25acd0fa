"""The second factor: a TOTP authenticator app, with one-time recovery codes (django-otp).

Required for the roles in `SECOND_FACTOR_ROLES` (the city's administrators and reviewers),
optional for the others. A user enrols once: a new secret is shown as a QR code and as text,
the first code the app shows confirms it, and ten recovery codes are shown once. After each
password login, a user with a second factor gives a code (or a recovery code, used up once
used) before any page (`middleware.py`). A city admin resets a user's second factor in the
back office when a phone is lost; the user then enrols again.
"""

import base64
import re

import qrcode
from django.conf import settings
from django.db import transaction
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathFillImage

from jiangmen_edu import audit
from jiangmen_edu.errors import Refused

RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "authenticator"
RECOVERY_NAME = "recovery codes"


def is_required(user) -> bool:
    """Must this user have a second factor before using the site?"""
    return user.is_authenticated and user.role in settings.SECOND_FACTOR_ROLES


def authenticator(user) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# --- enrolment ---------------------------------------------------------------------------------


def pending_authenticator(user) -> TOTPDevice:
    """The authenticator being set up: the same secret until it is confirmed, so that a
    reload of the page does not invalidate what the user has already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> SafeString:
    """The `otpauth://` address as an inline SVG QR code, drawn on the server."""
    image = qrcode.make(device.config_url, image_factory=SvgPathFillImage, box_size=10)
    svg = image.to_string(encoding="unicode")
    # Sized by the page's CSS; the drawing is ours, not the user's.
    svg = re.sub(r'^<svg width="[^"]*" height="[^"]*"', '<svg role="img"', svg)
    return mark_safe(svg)  # noqa: S308


def second_factor_enrol(*, user, token: str) -> list[str]:
    """Confirm the pending authenticator with a code it shows, and return the new recovery
    codes (shown once). Refused if the code is wrong."""
    device = pending_authenticator(user)
    _refuse_if_throttled(device)
    # Outside the transaction: a wrong code's throttling record must survive the refusal.
    if not device.verify_token(normalise(token)):
        raise Refused(
            _(
                "That code is not the one your app shows. Check the time on your phone and "
                "try the newest code."
            )
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user)
        audit.record_account_change(user, "second_factor", "off", "on")
    return codes


def recovery_codes_renew(*, user) -> list[str]:
    """Replace the user's recovery codes with ten new ones (the old ones stop working)."""
    if not has_second_factor(user):
        raise Refused(_("Set up two-step verification first."))
    with transaction.atomic():
        codes = _new_recovery_codes(user)
        audit.record_account_change(user, "recovery_codes", "", "renewed")
    return codes


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [f"{code[:4]}-{code[4:]}" for code in codes]


# --- verification ------------------------------------------------------------------------------


def normalise(token: str) -> str:
    """What the user typed, without spaces and dashes, lower case."""
    return re.sub(r"[\s-]", "", token or "").lower()


def second_factor_verify(*, user, token: str):
    """The device that accepts `token`: the authenticator for a six-digit code, the recovery
    codes otherwise (a recovery code works once). Refused if none does, or if too many wrong
    codes were given lately (each one doubles the wait before the next try)."""
    token = normalise(token)
    model = TOTPDevice if token.isdigit() else StaticDevice
    device = model.objects.filter(user=user, confirmed=True).first()
    if device is None:
        raise Refused(_("That code is not valid."))
    _refuse_if_throttled(device)
    verified = verify_token(user, device.persistent_id, token)
    if verified is None:
        raise Refused(_("That code is not valid."))
    return verified


def _refuse_if_throttled(device) -> None:
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        raise Refused(_("Too many wrong codes. Wait a minute, then try the newest code."))


# --- removal -----------------------------------------------------------------------------------


def second_factor_remove(*, user, token: str) -> None:
    """A user of an optional role turns their second factor off, proving it with a code."""
    if is_required(user):
        raise Refused(
            _(
                "Your role must keep two-step verification. If you lost your phone, ask a city "
                "administrator to reset it."
            )
        )
    second_factor_verify(user=user, token=token)
    _remove_devices(user)


def second_factor_reset(*, user) -> bool:
    """The back office resets a user's second factor (a lost phone): the user enrols again
    at the next login. Returns whether there was one."""
    if (
        not TOTPDevice.objects.filter(user=user).exists()
        and not StaticDevice.objects.filter(user=user).exists()
    ):
        return False
    _remove_devices(user)
    return True


def _remove_devices(user) -> None:
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        audit.record_account_change(user, "second_factor", "on", "off")
