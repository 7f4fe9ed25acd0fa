"""Login throttling and lockout (jiangmen_edu/accounts/lockout.py, docs/deployment.md#logins)."""

import logging

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.test import Client, RequestFactory
from django.urls import reverse

from jiangmen_edu.accounts.lockout import client_address
from tests.conftest import PASSWORD, client_for

LIMIT = 5


def attempt(username: str, password: str, address: str = "10.1.1.1"):
    return Client().post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def fail(username: str, times: int, address: str = "10.1.1.1") -> list[int]:
    return [attempt(username, "wrong-password", address).status_code for _ in range(times)]


def logged_in(response) -> bool:
    return response.status_code == 302 and response.wsgi_request.user.is_authenticated


def test_it_locks_a_user_name_even_with_the_right_password_afterwards(editor):
    # The fifth wrong password already gets the lockout page.
    assert fail(editor.username, LIMIT) == [200] * (LIMIT - 1) + [429]
    response = attempt(editor.username, PASSWORD)
    assert response.status_code == 429
    assert not response.wsgi_request.user.is_authenticated


def test_another_address_is_locked_out_too_for_that_user_name(editor, other_editor):
    for number in range(LIMIT):
        fail(editor.username, 1, address=f"10.2.0.{number}")
    assert attempt(editor.username, PASSWORD, address="10.9.9.9").status_code == 429
    # Other user names are not locked from those addresses.
    assert logged_in(attempt(other_editor.username, PASSWORD, address="10.2.0.1"))


def test_the_lockout_page_is_chinese_and_says_when_and_whom_to_ask(editor, settings):
    settings.LOGIN_HELP_CONTACT = "市教育局信息中心 0750-3500000"
    fail(editor.username, LIMIT)
    page = attempt(editor.username, PASSWORD).content.decode()
    assert "登录已锁定" in page
    assert "15 分钟" in page and "后再试" in page
    assert "市级系统管理员" in page and "市教育局信息中心 0750-3500000" in page


def test_a_successful_login_clears_the_user_names_failures(editor):
    fail(editor.username, LIMIT - 1)
    assert logged_in(attempt(editor.username, PASSWORD))
    assert not AccessAttempt.objects.filter(username=editor.username).exists()
    fail(editor.username, LIMIT - 1)
    assert logged_in(attempt(editor.username, PASSWORD))


def test_an_address_trying_many_user_names_is_locked(users, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    for number in range(8):
        fail(f"guess{number}", 1, address="10.3.3.3")
    # Every user name is refused from that address, the right password included…
    assert attempt(users["editor"].username, PASSWORD, address="10.3.3.3").status_code == 429
    # …but not from another one.
    assert logged_in(attempt(users["editor"].username, PASSWORD, address="10.4.4.4"))


def test_logging_in_does_not_clear_an_addresss_record(users, settings):
    """A sprayer with one account of their own cannot wipe the address's failures."""
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    for number in range(7):
        fail(f"guess{number}", 1, address="10.3.3.3")
    assert logged_in(attempt(users["editor"].username, PASSWORD, address="10.3.3.3"))
    fail("guess7", 1, address="10.3.3.3")
    assert attempt(users["other_editor"].username, PASSWORD, address="10.3.3.3").status_code == 429


def test_failures_are_logged_without_the_password(editor, caplog):
    with caplog.at_level(logging.WARNING):
        fail(editor.username, 1)
    assert editor.username in caplog.text and "10.1.1.1" in caplog.text
    assert "wrong-password" not in caplog.text
    failure = AccessFailureLog.objects.get()
    assert (failure.username, failure.ip_address) == (editor.username, "10.1.1.1")
    assert "wrong-password" not in AccessAttempt.objects.get().post_data


def test_the_city_admin_sees_the_attempts_and_unlocks_a_user(admin_user, editor):
    fail(editor.username, LIMIT)
    admin = client_for(admin_user)
    page = admin.get(reverse("login_failures"))
    assert page.status_code == 200
    current = page.content.decode()
    assert editor.username in current and "10.1.1.1" in current and "锁定至" in current
    response = admin.post(reverse("login_unlock"), {"kind": "username", "value": editor.username})
    assert response.status_code == 302
    assert logged_in(attempt(editor.username, PASSWORD))


def test_the_back_office_shows_the_attempts_and_unlocks(admin_user, editor):
    fail(editor.username, LIMIT)
    admin = client_for(admin_user)
    attempts = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert attempts.status_code == 200 and editor.username in attempts.content.decode()
    assert admin.get(reverse("admin:axes_accessfailurelog_changelist")).status_code == 200
    admin.post(
        reverse("admin:core_user_changelist"),
        {"action": "unlock_login", "_selected_action": [editor.pk]},
    )
    assert logged_in(attempt(editor.username, PASSWORD))


@pytest.mark.parametrize("role", ["editor", "reviewer", "assessor"])
def test_no_one_else_unlocks(users, role):
    fail(users["other_editor"].username, LIMIT)
    client = client_for(users[role])
    response = client.post(
        reverse("login_unlock"), {"kind": "username", "value": users["other_editor"].username}
    )
    assert response.status_code == 403
    assert attempt(users["other_editor"].username, PASSWORD).status_code == 429


@pytest.mark.parametrize(
    "proxies, forwarded, expected",
    [
        (0, "203.0.113.9", "10.0.0.1"),  # no proxy: the header is the client's own words
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # a forged entry on the left is skipped
        (2, "6.6.6.6, 203.0.113.9, 192.168.0.2", "203.0.113.9"),
        (2, "203.0.113.9", "10.0.0.1"),  # too few entries: the proxies were bypassed
        (1, "not-an-address", "10.0.0.1"),
    ],
)
def test_the_clients_address_behind_trusted_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected
