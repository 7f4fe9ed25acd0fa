"""Headless Chromium for browser tests: Debian's package driven by Playwright, no download."""

import os
import shutil

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM") or shutil.which("chromium")


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        pytest.fail("Debian's chromium is not installed: run `make test`, which installs it.")
    # Playwright's sync API keeps an event loop running in this thread; the ORM calls the
    # tests make between page actions are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Every Content-Security-Policy violation, as the page's own event reports it, whatever the
# wording of Chromium's console message ("Refused to apply inline style …" in older versions,
# "Applying inline style violates the following Content Security Policy directive …" now).
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", function (event) {
  console.error("CSP violation: " + event.violatedDirective + " " + event.blockedURI);
});
"""


def _note_violation(message, violations: list[str]) -> None:
    text = message.text
    if text.startswith(("CSP violation:", "Refused to")) or "Content Security Policy" in text:
        violations.append(f"{message.page.url if message.page else '?'}: {text}")


@pytest.fixture
def open_page(chromium, live_server):
    """A factory of pages, each in a fresh browser context (one per user logged in).

    A test fails if any page broke the Content-Security-Policy (docs/deployment.md#csp): the
    violations are in `open_page.violations`, checked when the test ends.
    """
    contexts = []

    def open_page():
        context = chromium.new_context(base_url=live_server.url, locale="en-US")
        context.add_init_script(REPORT_VIOLATIONS)
        context.on("console", lambda message: _note_violation(message, open_page.violations))
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    open_page.violations = []
    yield open_page
    for context in contexts:
        context.close()
    assert not open_page.violations, "Content-Security-Policy violations:\n" + "\n".join(
        open_page.violations
    )


@pytest.fixture
def page(open_page):
    return open_page()


def log_in(page, username: str, password: str) -> None:
    """Log in through the form, and give the second factor's code when it is asked for."""
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    if "/accounts/security/verify/" in page.url:
        page.fill("input[name=token]", current_code(username))
        page.click("form[data-testid=otp-verify] button[type=submit]")
    page.wait_for_url("**/")


def current_code(username: str) -> str:
    """The code the user's authenticator shows now. A code is accepted once; the test may log
    the same user in twice within its 30 seconds, so the device forgets the last one used."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    return f"{totp(device.bin_key):06d}"
