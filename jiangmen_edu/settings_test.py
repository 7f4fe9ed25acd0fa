"""The settings the test suite runs with: production settings, minus HTTPS and slow hashing."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")

from jiangmen_edu.settings import *  # noqa: E402,F403
from jiangmen_edu.settings import STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
