"""Refuse to serve without a secret key, but let commands that sign nothing run without one.

`makemigrations`, `compilemessages` and the like need no key; the web server does. So the key
is checked where the site starts (`wsgi.py`) and by `manage.py check --deploy`, not each time
the settings are read.
"""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

MISSING_SECRET_KEY = "SECRET_KEY must be set when DEBUG is off."


def secret_key_is_set() -> bool:
    try:
        return bool(settings.SECRET_KEY)
    except ImproperlyConfigured:
        # Django refuses to hand out an empty key.
        return False


def require_secret_key() -> None:
    if not secret_key_is_set():
        raise ImproperlyConfigured(MISSING_SECRET_KEY)


@checks.register(checks.Tags.security, deploy=True)
def check_secret_key(app_configs, **kwargs) -> list[checks.Error]:
    if secret_key_is_set():
        return []
    return [checks.Error(MISSING_SECRET_KEY, id="jiangmen_edu.E001")]
