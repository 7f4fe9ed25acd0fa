"""The second factor: a TOTP authenticator app, with one-time recovery codes (django-otp).

Required for the roles in `SECOND_FACTOR_ROLES` (the city's administrators and reviewers),
optional for the others. A user enrols once: a new secret is shown as a QR code and as text
(signed into the page, saved only once confirmed), the first code the app shows confirms it,
and ten recovery codes are shown once. After each password login, a user with a second factor
gives a code (or a recovery code, used up once used) before any page (`middleware.py`). A city
admin resets a user's second factor in the back office when a phone is lost; the user then
enrols again.
"""

import base64
import re
import time

import qrcode
from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_otp import verify_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex
from qrcode.image.svg import SvgPathFillImage

from jiangmen_edu import audit
from jiangmen_edu.errors import Refused

RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "authenticator"
RECOVERY_NAME = "recovery codes"
SETUP_SALT = "jiangmen_edu.accounts.second_factor.setup"
# Long enough to install an app and scan; the page is then simply opened again.
SETUP_MAX_AGE = 60 * 60


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


def setup_new(user) -> str:
    """A new secret for the set-up page, signed for this user. It travels in the page, not the
    database, so that opening the page writes nothing (an unconfirmed device would be a row
    per visit); it is saved only when the first code confirms it."""
    return signing.dumps({"user": user.pk, "key": random_hex(20)}, salt=SETUP_SALT)


def pending_authenticator(user, setup: str) -> TOTPDevice:
    """The authenticator being set up, from the page's signed secret; not saved."""
    try:
        data = signing.loads(setup, salt=SETUP_SALT, max_age=SETUP_MAX_AGE)
    except signing.BadSignature:
        data = {}
    if data.get("user") != user.pk:
        raise Refused(_("This set-up page has expired; scan the new QR code and try again."))
    return TOTPDevice(user=user, name=DEVICE_NAME, key=data["key"], confirmed=False)


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


def second_factor_enrol(*, user, setup: str, token: str) -> list[str]:
    """Confirm the page's pending authenticator (`setup`) with a code it shows, save it, and
    return the new recovery codes (shown once). Refused if the code is wrong.

    No throttling here: whoever is on this page already sees the secret, so guessing its codes
    would gain nothing; codes are throttled where they prove who logs in (`verify`).
    """
    device = pending_authenticator(user, setup)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    token = normalise(token)
    if not (token.isdigit() and totp.verify(int(token), device.tolerance)):
        raise Refused(
            _(
                "That code is not the one your app shows. Check the time on your phone and "
                "try the newest code."
            )
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device.confirmed = True
        device.last_t = totp.t()
        device.save()
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
