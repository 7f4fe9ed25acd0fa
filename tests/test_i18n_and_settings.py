"""The interface is Chinese by default and fully translated; production settings are safe."""

import os
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


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("debug, expected", [("1", True), ("", False)])
def test_debug_comes_from_the_environment(debug, expected):
    from jiangmen_edu.settings import env_bool

    os.environ["TEST_FLAG"] = debug
    try:
        assert env_bool("TEST_FLAG") is expected
    finally:
        del os.environ["TEST_FLAG"]
