"""The second factor (jiangmen_edu/accounts/second_factor.py and middleware.py)."""

import base64
import re

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from jiangmen_edu.accounts import second_factor
from jiangmen_edu.audit import describe_changes
from tests.conftest import PASSWORD, client_for


def password_login(user) -> Client:
    """A client past the password only, as after the login form."""
    client = Client()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def code_of(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, t0=device.t0, step=device.step, drift=offset):06d}"


def verify(client, code: str, next_url: str = "/"):
    return client.post(reverse("otp_verify"), {"token": code, "next": next_url})


def goes_to(response, name: str) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse(name))


@pytest.mark.parametrize("role", ["admin", "reviewer"])
def test_the_city_admin_and_reviewer_must_set_it_up_first(users, role):
    user = users[role]
    TOTPDevice.objects.filter(user=user).delete()
    client = password_login(user)
    for url in (reverse("home"), reverse("return_list"), reverse("otp_status")):
        response = client.get(url)
        assert goes_to(response, "otp_setup"), url
    assert goes_to(client.get(reverse("admin:index")), "otp_setup") or role != "admin"

    page = client.get(reverse("otp_setup"))
    assert page.status_code == 200 and page["Cache-Control"].startswith("max-age=0")
    html = page.content.decode()
    assert "设置两步验证" in html and "您的角色必须开启两步验证" in html
    assert not TOTPDevice.objects.filter(user=user).exists()  # opening the page writes nothing
    setup = re.search(r'name="setup" value="([^"]+)"', html).group(1)
    device = second_factor.pending_authenticator(user, setup)
    assert re.search(r'data-testid="otp-qr"><svg role="img"[^>]*viewBox', html)
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    shown = re.search(r'data-testid="otp-secret">([A-Z2-7 ]+)<', html).group(1)
    assert shown.replace(" ", "") == secret
    assert "otpauth://" not in html and "<img" not in html  # drawn here, not fetched

    # A wrong code is refused; nothing is turned on, and the page keeps the same secret.
    refused = client.post(reverse("otp_setup"), {"token": "000000", "setup": setup})
    assert refused.status_code == 200
    assert "验证码与验证器应用显示的不一致" in refused.content.decode()
    assert f'value="{setup}"' in refused.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()
    # A secret signed for someone else, or tampered with, is not accepted.
    forged = client.post(reverse("otp_setup"), {"token": code_of(device), "setup": setup + "x"})
    assert "已过期" in forged.content.decode() and not second_factor.has_second_factor(user)

    done = client.post(
        reverse("otp_setup"), {"token": code_of(device), "setup": setup, "next": "/returns/"}
    )
    assert done.status_code == 200
    codes = re.findall(r"<li>([a-z2-7]{4}-[a-z2-7]{4})</li>", done.content.decode())
    assert len(set(codes)) == 10
    assert "恢复码仅显示这一次" in done.content.decode()
    assert 'href="/returns/"' in done.content.decode()
    assert client.get(reverse("home")).status_code == 200
    assert second_factor.recovery_codes_left(user) == 10
    entry = LogEntry.objects.get_for_object(user).latest("timestamp")
    assert describe_changes(entry) == [("两步验证", "停用", "开启")]
    assert device.key not in str(entry.changes) and codes[0] not in str(entry.changes)


def test_a_user_with_a_second_factor_gives_a_code_after_the_password(reviewer):
    client = password_login(reviewer)
    response = client.get(reverse("return_list"))
    assert goes_to(response, "otp_verify") and "next=%2Freturns%2F" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "两步验证" in page and "6 位验证码" in page and "验证码<span" in page
    # No menu that would only lead back here; logging out stays possible.
    assert f'href="{reverse("school_list")}"' not in page
    assert f'href="{reverse("otp_status")}"' not in page
    assert reverse("logout") in page
    device = second_factor.authenticator(reviewer)
    response = verify(client, code_of(device), "/returns/")
    assert response.status_code == 302 and response["Location"] == "/returns/"
    assert client.get(reverse("return_list")).status_code == 200


def test_a_wrong_code_is_refused(reviewer):
    client = password_login(reviewer)
    response = verify(client, "123456")
    assert response.status_code == 200 and "验证码无效" in response.content.decode()
    assert goes_to(client.get(reverse("home")), "otp_verify")


def test_a_code_is_accepted_once(reviewer):
    device = second_factor.authenticator(reviewer)
    code = code_of(device)
    first, second = password_login(reviewer), password_login(reviewer)
    assert verify(first, code).status_code == 302
    assert verify(second, code).status_code == 200
    assert goes_to(second.get(reverse("home")), "otp_verify")


def test_many_wrong_codes_make_the_user_wait(reviewer):
    client = password_login(reviewer)
    for _ in range(3):
        verify(client, "000000")
    refused = verify(client, code_of(second_factor.authenticator(reviewer)))
    assert refused.status_code == 200 and "错误次数过多" in refused.content.decode()


def test_a_recovery_code_works_once(reviewer):
    codes = second_factor.recovery_codes_renew(user=reviewer)
    first, second = password_login(reviewer), password_login(reviewer)
    response = verify(first, codes[0].upper().replace("-", " "))
    assert response.status_code == 302
    assert "还剩 9 个" in first.get(reverse("home")).content.decode()
    assert verify(second, codes[0]).status_code == 200
    assert second_factor.recovery_codes_left(reviewer) == 9


def test_new_recovery_codes_replace_the_old_ones(reviewer):
    old = second_factor.recovery_codes_renew(user=reviewer)
    page = client_for(reviewer).post(reverse("otp_recovery_codes")).content.decode()
    new = re.findall(r"<li>([a-z2-7]{4}-[a-z2-7]{4})</li>", page)
    assert len(new) == 10 and not set(new) & set(old)
    assert verify(password_login(reviewer), old[1]).status_code == 200


def test_the_password_alone_reaches_nothing_but_the_code_page(reviewer, admin_user):
    """A stolen password cannot enrol another phone, make recovery codes or reset anything."""
    for user in (reviewer, admin_user):
        client = password_login(user)
        assert goes_to(client.get(reverse("otp_setup")), "otp_verify")
        assert goes_to(client.post(reverse("otp_recovery_codes")), "otp_verify")
        assert goes_to(client.post(reverse("otp_disable"), {"token": "x"}), "otp_verify")
        assert goes_to(client.get(reverse("password_change")), "otp_verify")
        assert goes_to(client.get(reverse("admin:index")), "otp_verify")
    assert StaticDevice.objects.count() == 0
    assert TOTPDevice.objects.filter(confirmed=False).count() == 0


def test_other_roles_may_log_in_without_it_and_turn_it_on_and_off(editor):
    client = password_login(editor)
    assert client.get(reverse("home")).status_code == 200
    status = client.get(reverse("otp_status")).content.decode()
    assert "未开启" in status and reverse("otp_setup") in status
    assert "您的角色必须开启两步验证" not in client.get(reverse("otp_setup")).content.decode()
    setup = second_factor.setup_new(editor)
    device = second_factor.pending_authenticator(editor, setup)
    posted = client.post(reverse("otp_setup"), {"token": code_of(device), "setup": setup})
    assert posted.status_code == 200 and second_factor.has_second_factor(editor)
    device = second_factor.authenticator(editor)

    # From now on the editor's logins ask for a code too.
    later = password_login(editor)
    assert goes_to(later.get(reverse("home")), "otp_verify")
    assert verify(later, code_of(device, offset=1)).status_code == 302
    refused = later.post(reverse("otp_disable"), {"token": "000000"}, follow=True)
    assert "验证码无效" in refused.content.decode()
    assert second_factor.has_second_factor(editor)
    recovery = second_factor.recovery_codes_renew(user=editor)
    done = later.post(reverse("otp_disable"), {"token": recovery[0]}, follow=True)
    assert "两步验证已关闭" in done.content.decode()
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticToken.objects.filter(device__user=editor).exists()
    assert password_login(editor).get(reverse("home")).status_code == 200


def test_the_city_roles_cannot_turn_it_off(reviewer):
    code = code_of(second_factor.authenticator(reviewer), offset=-1)
    page = client_for(reviewer).post(reverse("otp_disable"), {"token": code}, follow=True)
    assert "您的角色必须保持两步验证开启" in page.content.decode()
    assert second_factor.has_second_factor(reviewer)


def reset_action(client, user):
    return client.post(
        reverse("admin:core_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [user.pk]},
    )


def test_a_city_admin_resets_a_lost_phone_in_the_back_office(admin_user, reviewer):
    second_factor.recovery_codes_renew(user=reviewer)
    listing = client_for(admin_user).get(reverse("admin:core_user_changelist"))
    assert "两步验证" in listing.content.decode()
    response = reset_action(client_for(admin_user), reviewer)
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=reviewer).exists()
    assert not StaticDevice.objects.filter(user=reviewer).exists()
    entry = LogEntry.objects.get_for_object(reviewer).latest("timestamp")
    assert entry.actor == admin_user
    assert describe_changes(entry) == [("两步验证", "开启", "停用")]
    # The reviewer's next login sets up a new one.
    assert goes_to(password_login(reviewer).get(reverse("home")), "otp_setup")


def test_the_back_office_never_shows_a_secret(admin_user, reviewer):
    device = second_factor.authenticator(reviewer)
    codes = second_factor.recovery_codes_renew(user=reviewer)
    client = client_for(admin_user)
    static = StaticDevice.objects.get(user=reviewer)
    for url in (
        reverse("admin:otp_totp_totpdevice_change", args=[device.pk]),
        reverse("admin:otp_static_staticdevice_change", args=[static.pk]),
    ):
        page = client.get(url).content.decode()
        assert device.key not in page and codes[0].replace("-", "") not in page
    qr_code = client.get(reverse("admin:otp_totp_totpdevice_qrcode", args=[device.pk]))
    assert qr_code.status_code in (403, 404)


@pytest.mark.parametrize("role", ["editor", "other_editor", "reviewer", "assessor"])
def test_no_one_else_resets_a_second_factor(users, role):
    target = users["admin"]
    response = reset_action(client_for(users[role]), target)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert second_factor.has_second_factor(target)


def test_the_code_page_sends_only_to_this_site(reviewer):
    client = password_login(reviewer)
    code = code_of(second_factor.authenticator(reviewer))
    response = verify(client, code, "https://evil.example/")
    assert response["Location"] == reverse("home")
