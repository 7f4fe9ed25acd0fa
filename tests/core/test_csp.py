"""The Content-Security-Policy (docs/deployment.md#csp): the header, markup that needs nothing
inline, and the browser fixture that fails a test on any violation.

Every page of the URL matrix is checked for the header in `tests/core/test_url_matrix.py`; the
browser tests (`-m browser`) fail on any violation the pages cause in Chromium.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from jiangmen_edu.models import Role
from jiangmen_edu.reference import load_all
from teachers.models import StaffYear
from tests.browser import log_in
from tests.conftest import PASSWORD, client_for, make_user

POLICY = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
ROOT = Path(settings.BASE_DIR)
# Rendered by WeasyPrint into PDFs only, never sent to a browser: their <style> is no risk.
PRINT_TEMPLATES = {"report_base.html", "report_county.html", "report_city.html"}
INLINE = re.compile(
    r"""\sstyle\s*=|<style\b|<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=\s*["']|javascript:""",
    re.IGNORECASE,
)


def directives(header: str) -> dict[str, str]:
    return dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in header.split(";") if part.strip()
    )


def test_the_policy(db, editor):
    response = client_for(editor).get(reverse("home"))
    assert directives(response["Content-Security-Policy"]) == POLICY


def test_error_pages_and_downloads_carry_it_too(db, editor):
    client = client_for(editor)
    assert "Content-Security-Policy" in client.get("/no-such-page/")
    assert "Content-Security-Policy" in client.get(reverse("teachers:roster_export"))


@pytest.mark.parametrize(
    "path",
    sorted(
        str(path.relative_to(ROOT))
        for folder in ("templates", "jiangmen_edu", "teachers", "seats", "pairing", "assessment")
        for path in (ROOT / folder).rglob("*")
        if path.suffix in {".html", ".py", ".js"}
        and "migrations" not in path.parts
        and "vendor" not in path.parts
        and path.name not in PRINT_TEMPLATES
    ),
)
def test_no_inline_script_style_or_handler(path):
    """Nothing the policy would block: no inline <script>, <style>, style="…", onclick="…" or
    javascript: URL in a template or in code that writes HTML or SVG (the charts use
    presentation attributes such as fill="…", which are not styles)."""
    text = (ROOT / path).read_text(encoding="utf-8")
    found = [m.group(0) for m in INLINE.finditer(text)]
    assert not found, found


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_browser_fixture_catches_a_violation(open_page):
    load_all()
    make_user("reviewer", Role.CITY_REVIEWER)
    page = open_page()
    log_in(page, "reviewer", PASSWORD)
    assert open_page.violations == []
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    page.wait_for_timeout(200)
    assert any("CSP violation: style-src" in text for text in open_page.violations), (
        open_page.violations
    )
    open_page.violations.clear()  # seen: the fixture would fail the test otherwise


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_confirmations_and_pickers_work_without_inline_handlers(request, open_page):
    """What `onsubmit="return confirm(…)"` and `onchange="this.form.submit()"` did is done by
    static/js/site.js: a delete asks first, a period or year picker reloads the page."""
    load_all()
    request.getfixturevalue("editor")
    row = request.getfixturevalue("roster_row_a")
    page = open_page()
    log_in(page, "editor_a", PASSWORD)
    page.goto(reverse("teachers:roster_edit", kwargs={"pk": row.pk}))
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.click("form[data-confirm] button[type=submit]")
    page.wait_for_timeout(200)
    assert asked and StaffYear.objects.filter(pk=row.pk).exists()  # dismissed: nothing sent
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("form[data-confirm] button[type=submit]")
    page.wait_for_url("**/teachers/**")
    assert not StaffYear.objects.filter(pk=row.pk).exists()

    page.goto(reverse("seats:board"))
    page.select_option("[data-testid=picker] select[name=year]", "2024")
    page.wait_for_url("**year=2024**")
