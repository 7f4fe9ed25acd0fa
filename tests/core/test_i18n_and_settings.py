"""The interface is Chinese by default and fully translated; production settings are safe."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import client_for

PO_FILE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_every_message_has_a_chinese_translation():
    catalogue = polib.pofile(str(PO_FILE))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated and not fuzzy, (untranslated, fuzzy)


SOURCE_DIRS = (
    *("jiangmen_edu", "teachers", "seats", "pairing", "assessment"),
    *("templates", "locale", "fixtures"),
)


def test_every_message_in_the_code_is_in_the_catalogue(tmp_path):
    """`makemessages` on a copy of the sources adds no message the catalogue lacks: a text
    added to the code without its Chinese fails here, not in front of a user."""
    root = Path(settings.BASE_DIR)
    for name in SOURCE_DIRS:
        shutil.copytree(root / name, tmp_path / name, ignore=shutil.ignore_patterns("static"))
    shutil.copy(root / "manage.py", tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-obsolete", "-v0"],
        cwd=tmp_path,
        env=os.environ | {"DEBUG": "1"},
        check=True,
    )
    fresh = polib.pofile(str(tmp_path / PO_FILE.relative_to(root)))
    missing = [e.msgid for e in fresh.untranslated_entries() + fresh.fuzzy_entries()]
    assert not missing, missing


def test_pages_are_chinese_even_for_an_english_browser(db, editor):
    page = client_for(editor).get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert page["Content-Language"] == "zh-hans"
    assert "江门市基础教育质量平台" in page.content.decode()


def test_english_can_be_chosen(db, editor):
    client = client_for(editor)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("home"))
    assert "Jiangmen basic-education quality platform" in page.content.decode()


def test_login_page_is_chinese(client):
    page = client.get(reverse("login")).content.decode()
    assert "登录" in page and "用户名" in page and "密码" in page


def production_env() -> dict[str, str]:
    """This process's environment without what development and the test suite add."""
    dev_only = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {key: value for key, value in os.environ.items() if key not in dev_only}
    env["DJANGO_SETTINGS_MODULE"] = "jiangmen_edu.settings"
    return env


def test_deploy_check_is_clean_with_a_production_environment():
    env = production_env()
    env.update(
        SECRET_KEY="a-production-secret-" + "x" * 50,
        ALLOWED_HOSTS="edu.jiangmen.example",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def run_without_secret_key(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_serve_without_a_secret_key():
    for command in (["-c", "import jiangmen_edu.wsgi"], ["manage.py", "check", "--deploy"]):
        result = run_without_secret_key(*command)
        assert result.returncode != 0
        assert "SECRET_KEY must be set" in result.stderr


def test_commands_that_sign_nothing_run_without_a_secret_key():
    result = run_without_secret_key("manage.py", "makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


@pytest.mark.parametrize("debug, expected", [("1", True), ("", False)])
def test_debug_comes_from_the_environment(debug, expected):
    from jiangmen_edu.settings import env_bool

    os.environ["TEST_FLAG"] = debug
    try:
        assert env_bool("TEST_FLAG") is expected
    finally:
        del os.environ["TEST_FLAG"]
