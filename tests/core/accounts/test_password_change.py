"""Self-service password change (jiangmen_edu/accounts/views.py), audited without the hash."""

from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse

from jiangmen_edu.audit import describe_changes
from tests.conftest import PASSWORD, client_for

NEW = "Jiangmen-new-2026"


def change(client, old: str, new1: str, new2: str | None = None):
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": new1, "new_password2": new2 or new1},
    )


def test_a_user_changes_their_password_and_logs_in_with_the_new_one(editor):
    client = client_for(editor)
    page = client.get(reverse("password_change")).content.decode()
    assert "修改密码" in page and "旧密码" in page
    response = change(client, PASSWORD, NEW)
    assert response.status_code == 302 and response["Location"] == reverse("password_change_done")
    assert "密码已修改" in client.get(response["Location"]).content.decode()
    # Still logged in here.
    assert client.get(reverse("home")).status_code == 200
    editor.refresh_from_db()
    assert editor.check_password(NEW)
    for password, expected in ((PASSWORD, False), (NEW, True)):
        response = Client().post(
            reverse("login"), {"username": editor.username, "password": password}
        )
        assert response.wsgi_request.user.is_authenticated is expected


def test_the_old_password_must_be_right(editor):
    response = change(client_for(editor), "not-my-password", NEW)
    assert response.status_code == 200
    assert "旧密码不正确" in response.content.decode()
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


def test_the_password_rules_apply(editor):
    client = client_for(editor)
    for weak, why in (
        ("123", "密码太短，至少需要 8 个字符"),
        ("12345678901", "密码只包含数字"),
        ("password123", "这个密码太常见了"),
        ("editor_a1", "太相似"),
    ):
        response = change(client, PASSWORD, weak)
        assert response.status_code == 200 and why in response.content.decode(), weak
    assert change(client, PASSWORD, NEW, NEW + "x").status_code == 200
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


def test_other_sessions_are_logged_out(editor):
    here, elsewhere = client_for(editor), client_for(editor)
    change(here, PASSWORD, NEW)
    assert elsewhere.get(reverse("home")).status_code == 302


def test_the_change_is_audited_without_the_hash(editor, reviewer):
    change(client_for(editor), PASSWORD, NEW)
    editor.refresh_from_db()
    entry = LogEntry.objects.get_for_object(editor).latest("timestamp")
    assert entry.actor == editor
    assert entry.additional_data["unit"] == editor.unit.code
    assert describe_changes(entry) == [("密码", "", "已修改")]
    stored = str(entry.changes) + str(entry.serialized_data) + str(entry.additional_data)
    assert editor.password not in stored and "md5$" not in stored
    # The city sees it in the audit trail, under the editor's county.
    page = client_for(reviewer).get(reverse("audit_list"), {"unit": editor.unit.code})
    assert "已修改" in page.content.decode()


def test_the_user_menu_links_to_it(editor):
    page = client_for(editor).get(reverse("home")).content.decode()
    assert reverse("password_change") in page and reverse("otp_status") in page
