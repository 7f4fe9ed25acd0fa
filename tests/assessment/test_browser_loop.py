"""The whole assessment loop in headless Chromium: an assessor scores a
qualitative item with a reason; a county contests an item; the city publishes; the county
editor sees its published scorecard and PDF but gets 404 for another county's."""

import datetime
from decimal import Decimal

import pytest

from assessment.models import ItemResponse, QualitativeScore, ScoreRun
from assessment.services import assessment_open
from jiangmen_edu.models import Role, Unit
from jiangmen_edu.reference import load_all
from jiangmen_edu.workflow import reporting_year_open
from tests.assessment.factories import EXPECTED_TOTAL, build_county, qualitative
from tests.browser import log_in
from tests.conftest import COUNTY_A, COUNTY_B, PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def open_assessment(settings, tmp_path):
    """Transactional tests start empty: reference data, users, county A's approved data and
    the open assessment of 2025, with item 2.3a of county A left for the assessor."""
    settings.MEDIA_ROOT = tmp_path
    load_all()
    county_a = Unit.objects.get(code=COUNTY_A)
    admin = make_user("city_admin", Role.CITY_ADMIN)
    assessor = make_user("assessor", Role.ASSESSOR)
    make_user("editor_a", Role.COUNTY_EDITOR, county_a)
    make_user("editor_b", Role.COUNTY_EDITOR, Unit.objects.get(code=COUNTY_B))
    reporting_year_open(year=2025, due_date=datetime.date(2026, 3, 31), user=admin)
    assessment = assessment_open(year=2025, user=admin)
    build_county(county_a)
    qualitative(assessment, county_a, assessor)
    QualitativeScore.objects.filter(code="2.3a").delete()
    return assessment


def switch_user(page, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, username, PASSWORD)


def test_score_contest_publish_and_read(page, open_assessment):
    # 1. The assessor scores item 2.3a of county A, with a reason.
    switch_user(page, "assessor")
    page.goto("/assessment/2025/workbench/")
    cell = page.locator(f"tr[data-county='{COUNTY_A}'] td[data-item='2.3a']")
    assert cell.get_attribute("data-state") == "waiting"
    cell.locator("a").click()
    form = page.locator("form[data-testid=score-form]")
    form.locator("input[name=score]").fill("3")
    form.locator("textarea[name=reason]").fill("临聘教师管理制度健全，同工同酬落实到位")
    form.locator("button[type=submit]").click()
    # Out of range (0–2): refused on the page, nothing saved.
    assert page.locator("form[data-testid=score-form] .invalid-feedback, .alert").count()
    assert not QualitativeScore.objects.filter(code="2.3a").exists()
    form.locator("input[name=score]").fill("2")
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/assessment/2025/workbench/")
    assert cell.get_attribute("data-state") == "scored"
    score = QualitativeScore.objects.get(code="2.3a", unit__code=COUNTY_A)
    assert score.score == 2 and "同工同酬" in score.reason

    # 2. The city computes a draft run.
    switch_user(page, "city_admin")
    page.goto("/assessment/2025/runs/")
    page.locator("form[data-testid=compute-form] button").click()
    page.wait_for_selector("tr[data-run='1']")

    # 3. County A contests item 2.1 of its draft scorecard.
    switch_user(page, "editor_a")
    page.goto(f"/assessment/2025/{COUNTY_A}/draft/")
    assert Decimal(page.text_content("[data-testid=card-total]")) == EXPECTED_TOTAL
    row = page.locator("tr[data-item='2.1']")
    row.locator("select[name=stance]").select_option("contest")
    row.locator("textarea[name=comment]").fill("初中有1名教师已取得本科学历，证书待录入")
    row.locator("form[data-testid=response-form] button").click()
    page.wait_for_selector("tr[data-item='2.1'] [data-testid=response][data-stance=contest]")
    response = ItemResponse.objects.get()
    assert (response.code, response.stance, response.unit.code) == ("2.1", "contest", COUNTY_A)

    # 4. The assessor answers; the exchange stays on record.
    switch_user(page, "assessor")
    page.goto("/assessment/2025/responses/?waiting=1")
    answer = page.locator(f"tr[data-response='{response.pk}'] form[data-testid=answer-form]")
    answer.locator("textarea[name=answer]").fill("证书录入并审核通过后再行调整，本次维持原分")
    answer.locator("button").click()
    page.wait_for_selector(f"tr[data-response='{response.pk}'] [data-testid=answer]")

    # 5. The city publishes the run.
    switch_user(page, "city_admin")
    page.goto("/assessment/2025/runs/")
    page.locator("form[data-testid=publish-form] button").click()
    page.wait_for_selector("[data-testid=assessment-status][data-status=published]")
    assert ScoreRun.objects.get().is_published

    # 6. County A reads its published scorecard and PDF; county B's are a 404.
    switch_user(page, "editor_a")
    page.goto(f"/assessment/2025/{COUNTY_A}/")
    assert page.locator("[data-testid=published-badge]").is_visible()
    assert Decimal(page.text_content("[data-testid=total]").split()[0]) == EXPECTED_TOTAL
    pdf = page.request.get(f"/assessment/2025/{COUNTY_A}/report.pdf")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    assert page.goto(f"/assessment/2025/{COUNTY_B}/").status == 404
    assert page.request.get(f"/assessment/2025/{COUNTY_B}/report.pdf").status == 404
    assert page.goto(f"/assessment/2025/{COUNTY_B}/draft/").status == 404
    # The draft page now shows the published run, without response forms.
    page.goto(f"/assessment/2025/{COUNTY_A}/draft/")
    assert page.locator("[data-testid=card-summary]").get_attribute("data-published") == "1"
    assert page.locator("form[data-testid=response-form]").count() == 0
    assert page.locator("[data-testid=answer]").count() == 1
