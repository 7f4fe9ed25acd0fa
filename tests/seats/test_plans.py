"""Yearly plans (分年度实施计划): checked against the quota, locked by the yearly return."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from jiangmen_edu.workflow import ReturnLocked, reporting_year_open
from seats import selectors, services
from seats.models import PlanExplanation, YearlyPlan
from tests.conftest import client_for
from tests.seats.conftest import approve, submit

YEARS = range(2021, 2026)
# 台山市 (county A): preschool 1500, compulsory 9185, high school 0.
EVEN = {"preschool": 300, "compulsory": 1837, "high_school": 0}


def full_plan(changes: dict | None = None) -> dict[tuple[int, str], int]:
    plan = {(year, stage): seats for year in YEARS for stage, seats in EVEN.items()}
    plan.update(changes or {})
    return plan


def test_a_plan_that_adds_up_needs_no_explanation(years_open, editor, period):
    result = services.plan_save(user=editor, period=period, seats=full_plan(), explanations={})
    assert {stage: check.fit for stage, check in result.checks.items()} == {
        "preschool": "matches",
        "compulsory": "matches",
        "high_school": "matches",
    }
    assert YearlyPlan.objects.filter(unit=editor.unit).count() == 15


def test_a_plan_short_of_the_quota_must_be_explained(years_open, editor, period):
    short = full_plan({(2025, "compulsory"): 1836})  # 9184 of 9185
    with pytest.raises(ValidationError) as refused:
        services.plan_save(user=editor, period=period, seats=short, explanations={})
    assert set(refused.value.error_dict) == {"explanation_compulsory"}
    assert not YearlyPlan.objects.exists()  # all or nothing

    result = services.plan_save(
        user=editor, period=period, seats=short, explanations={"compulsory": "一所学校延期"}
    )
    assert result.checks["compulsory"].short_by == 1
    assert PlanExplanation.objects.get(unit=editor.unit, stage="compulsory").text == "一所学校延期"


def test_a_plan_over_the_quota_is_allowed(years_open, editor, period):
    over = full_plan({(2025, "compulsory"): 2837})
    result = services.plan_save(user=editor, period=period, seats=over, explanations={})
    assert result.checks["compulsory"].fit == "exceeds"
    assert result.checks["compulsory"].difference == 1000


def test_an_empty_stage_with_a_quota_is_short(years_open, editor, period):
    plan = {key: value for key, value in full_plan().items() if key[1] != "preschool"}
    with pytest.raises(ValidationError) as refused:
        services.plan_save(user=editor, period=period, seats=plan, explanations={})
    assert set(refused.value.error_dict) == {"explanation_preschool"}


def test_an_approved_year_locks_its_plan_but_not_the_others(
    years_open, editor, reviewer, period, county_a
):
    services.plan_save(user=editor, period=period, seats=full_plan(), explanations={})
    approve(county_a, 2023, editor, reviewer)
    moved = full_plan({(2023, "compulsory"): 1737, (2024, "compulsory"): 1937})
    with pytest.raises(ReturnLocked):
        services.plan_save(user=editor, period=period, seats=moved, explanations={})
    assert YearlyPlan.objects.get(unit=county_a, year=2023, stage="compulsory").seats == 1837
    later = full_plan({(2024, "compulsory"): 1737, (2025, "compulsory"): 1937})
    services.plan_save(user=editor, period=period, seats=later, explanations={})
    assert YearlyPlan.objects.get(unit=county_a, year=2025, stage="compulsory").seats == 1937


def test_years_not_yet_opened_belong_to_the_latest_opened_return(
    admin_user, editor, period, county_a
):
    reporting_year_open(year=2023, due_date=datetime.date(2024, 3, 31), user=admin_user)
    plan = {key: seats for key, seats in full_plan().items() if key[0] >= 2023}
    explanations = {"preschool": "2021–2022 年由旧规划完成", "compulsory": "同上"}
    services.plan_save(user=editor, period=period, seats=plan, explanations=explanations)
    assert YearlyPlan.objects.filter(unit=county_a, year=2025).count() == 3
    submit(county_a, 2023, editor)
    with pytest.raises(ReturnLocked):
        services.plan_save(
            user=editor,
            period=period,
            seats={**plan, (2025, "compulsory"): 1},
            explanations=explanations,
        )
    # 2021 was never opened: its figures cannot be written at all.
    with pytest.raises(ReturnLocked):
        services.plan_save(
            user=editor, period=period, seats={(2021, "preschool"): 10}, explanations={}
        )


def test_only_county_editors_write_plans(years_open, reviewer, admin_user, period):
    for user in (reviewer, admin_user):
        with pytest.raises(PermissionDenied):
            services.plan_save(user=user, period=period, seats=full_plan(), explanations={})


def test_the_plan_page_shows_the_warning_and_saves(years_open, editor, period, county_a):
    client = client_for(editor)
    url = reverse("seats:plan_edit")
    assert client.get(url).status_code == 200
    data = {"period": period.pk}
    data |= {f"seats_{y}_{s}": v for (y, s), v in full_plan().items()}
    data["seats_2025_compulsory"] = 1000
    response = client.post(url, data)
    assert response.status_code == 200
    assert "explanation_compulsory" in response.context["form"].errors
    assert not YearlyPlan.objects.exists()
    data["explanation_compulsory"] = "用地调整"
    response = client.post(url, data)
    assert response.status_code == 302
    years = selectors.unit_years(unit=county_a, period=period, up_to=2025)
    compulsory = next(s for s in years.stages if s.stage == "compulsory")
    assert (compulsory.planned_total, compulsory.quota, compulsory.plan_check.short_by) == (
        8348,
        9185,
        837,
    )
    page = client.get(reverse("seats:unit_progress", kwargs={"code": county_a.code}))
    assert page.status_code == 200 and "用地调整" in page.content.decode()
