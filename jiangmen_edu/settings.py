"""Settings, read from the environment.

DATABASE_URL  an SQLite file under var/ when unset; postgres://… for production and CI
SECRET_KEY    required when DEBUG is off
DEBUG         "1"/"true" turns it on; off by default
ALLOWED_HOSTS comma-separated; 127.0.0.1 and localhost when DEBUG is on
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

# Without DEBUG an unset key stays empty: the site refuses to start (`jiangmen_edu/checks.py`),
# while commands that sign nothing, such as makemigrations, still run.
SECRET_KEY = os.environ.get("SECRET_KEY", "") or (
    "insecure-development-key-never-use-in-production" if DEBUG else ""
)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")

INSTALLED_APPS = [
    "jiangmen_edu.admin_site.JiangmenAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "auditlog",
    "jiangmen_edu.accounts.apps.LoginAttemptsConfig",  # django-axes
    "django_otp",
    "jiangmen_edu.accounts.apps.AuthenticatorsConfig",  # django_otp.plugins.otp_totp
    "jiangmen_edu.accounts.apps.RecoveryCodesConfig",  # django_otp.plugins.otp_static
    "jiangmen_edu.apps.CoreConfig",
    "teachers",
    "seats",
    "pairing",
    "assessment",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jiangmen_edu.middleware.CookieLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "jiangmen_edu.accounts.middleware.SecondFactorMiddleware",
    "jiangmen_edu.middleware.QualityNoticeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "jiangmen_edu.middleware.AuditlogMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jiangmen_edu.urls"
WSGI_APPLICATION = "jiangmen_edu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "jiangmen_edu.accounts.validators.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out user name or address before the password is
# checked (docs/deployment.md#logins).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))

# An import preview holds the uploaded rows (names, pay): after this many days an unconfirmed
# one expires and its rows are deleted (`manage.py expire_import_previews`, run daily).
IMPORT_PREVIEW_DAYS = int(os.environ.get("IMPORT_PREVIEW_DAYS", "7"))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Audit: who changed what is kept for every registered model (jiangmen_edu/audit.py).
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

# Logins (docs/deployment.md#logins). A user name is locked for AXES_COOLOFF_TIME after
# AXES_FAILURE_LIMIT failures from any address; an address after LOGIN_ADDRESS_FAILURE_LIMIT
# failures whatever the user names (jiangmen_edu/accounts/lockout.py). Each failure during a
# lockout starts the cool-off again; a successful login clears the user name's failures.
AXES_HANDLER = "jiangmen_edu.accounts.lockout.LoginThrottle"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = 5
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Failures are logged (logger "axes") with the user name and address; the password never is.
AXES_SENSITIVE_PARAMETERS = ["csrfmiddlewaretoken"]
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "jiangmen_edu.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "jiangmen_edu.accounts.lockout.client_address"
# Reverse proxies in front of the app that append the client's address to X-Forwarded-For;
# 0 when clients connect directly (their address is then REMOTE_ADDR).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Whom a locked-out user should ask, shown on the lockout page (e.g. an office and a phone).
LOGIN_HELP_CONTACT = os.environ.get("LOGIN_HELP_CONTACT", "")

# Second factor (TOTP, django-otp): required for these roles, optional for the others
# (jiangmen_edu/accounts/middleware.py). Not read from the environment: production must not
# be able to turn it off.
SECOND_FACTOR_ROLES = ["city_admin", "city_reviewer"]
OTP_TOTP_ISSUER = "江门市基础教育质量平台"
# The back office may reset a user's devices but never show their secrets or recovery codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy on every response (django-csp): only our own scripts, styles and
# images, no inline script, style attribute or handler (behaviour is in static/js/site.js, looks
# in CSS classes), no frames, forms posting elsewhere, <base> or plugins. `data:` images are
# Bootstrap's own CSS icons (select arrows, the menu button). docs/deployment.md#csp.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    # An intranet host name can never be on the browsers' public HSTS preload list.
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
