"""The login apps under Chinese headings in the back office (they ship no Chinese)."""

from axes.apps import AppConfig as AxesConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig


class LoginAttemptsConfig(AxesConfig):
    verbose_name = _("Login attempts")


class AuthenticatorsConfig(TOTPConfig):
    verbose_name = _("Two-step verification: authenticator apps")


class RecoveryCodesConfig(StaticConfig):
    verbose_name = _("Two-step verification: recovery codes")
