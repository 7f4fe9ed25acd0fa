"""The city's data-quality pages: the matrix, the findings behind a count, the xlsx
download, the rule settings, and the rerun; each scoped to the user's county."""

import io
from decimal import Decimal
from urllib.parse import quote

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from jiangmen_edu.models import QualityFinding, QualityRuleSetting
from jiangmen_edu.quality import editing
from jiangmen_edu.workflow import WorkflowError
from tests.conftest import COUNTY_A, COUNTY_B, YEAR, client_for
from tests.core.factories import add_finding, add_findings, explain, register_rules

OVERVIEW = reverse("quality_overview")
RULES = reverse("quality_rules") + f"?year={YEAR}"


@pytest.fixture
def quality_rules(monkeypatch):
    return register_rules(monkeypatch)


@pytest.fixture
def findings(quality_rules, reporting_year, editor, other_editor):
    return add_findings(editor, other_editor)


def findings_url(unit_code, code):
    return reverse("quality_findings", args=[unit_code, code]) + f"?year={YEAR}"


def cell(html: str, unit_code: str, code: str) -> str:
    """The text of one matrix cell (from its data attributes), e.g. `error" data-count="2"`."""
    row = html.split(f'data-unit="{unit_code}"', 1)[1].split("</tr>", 1)[0]
    return row.split(f'data-code="{code}"', 1)[1].split("</td>", 1)[0]


# The overview


def test_the_city_sees_every_county_with_counts_and_links(findings, reviewer):
    response = client_for(reviewer).get(OVERVIEW)

    html = response.content.decode()
    assert response.context["year"] == YEAR
    assert 'data-unit="440781"' in html and 'data-unit="440783"' in html
    errors = cell(html, COUNTY_A, "X01")
    assert 'data-level="error"' in errors and 'data-count="2"' in errors
    assert f'href="{findings_url(COUNTY_A, "X01")}"' in errors
    warnings = cell(html, COUNTY_A, "X02")
    assert 'data-level="warning"' in warnings and ">1/3</a>" in warnings
    assert 'data-level="explained"' in cell(html, COUNTY_B, "S91")
    assert 'data-level="clean"' in cell(html, COUNTY_B, "X01")
    assert "href" not in cell(html, COUNTY_B, "X01")
    assert 'title="X02 Too many hours"' in html
    assert "2025-06-01 09:30" in html  # when the findings were checked


def response_matrix_units(user) -> list[str]:
    return [row.unit.code for row in client_for(user).get(OVERVIEW).context["matrix"].rows]


def test_a_county_editor_sees_only_their_row(findings, editor):
    html = client_for(editor).get(OVERVIEW).content.decode()

    assert 'data-unit="440781"' in html
    assert 'data-unit="440783"' not in html
    assert "开平市" not in html  # not a row, not a trend option, not a total
    assert response_matrix_units(editor) == [COUNTY_A]


def test_the_trend_shows_each_rule_per_year_and_one_unit_on_request(findings, reviewer):
    response = client_for(reviewer).get(OVERVIEW, {"unit": COUNTY_B})

    assert response.context["trend_unit"].code == COUNTY_B
    trend = {row.rule.code: [t.total for t in row.cells] for row in response.context["trend"]}
    assert trend == {"X01": [0], "X02": [0], "S91": [1]}
    assert 'data-testid="quality-trend"' in response.content.decode()


def test_a_county_editor_cannot_ask_for_another_countys_trend(findings, editor):
    assert client_for(editor).get(OVERVIEW, {"unit": COUNTY_B}).status_code == 404


def test_the_overview_takes_the_same_queries_whatever_the_findings(
    quality_rules, reporting_year, reviewer, editor
):
    client = client_for(reviewer)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(OVERVIEW).status_code == 200
        return len(captured)

    add_finding(COUNTY_A, "X01", "first")
    few = queries()
    for number in range(30):
        explain(add_finding(COUNTY_B, "X02", f"w{number}"), editor)
        add_finding(COUNTY_A, "S91", f"s{number}")
    assert queries() == few


def test_every_role_has_the_menu_link(users):
    for role, user in users.items():
        assert 'data-testid="nav-quality"' in client_for(user).get("/").content.decode(), role


# The findings behind a count


def test_the_findings_page_lists_records_messages_and_explanations(findings, editor, reviewer):
    QualityFinding.objects.filter(key="w2").update(url="/teachers/roster/")

    response = client_for(reviewer).get(findings_url(COUNTY_A, "X02"))

    html = response.content.decode()
    assert [line.finding.key for line in response.context["lines"]] == ["w1", "w2", "w3"]
    assert "w1: 250 hours, more than 200" in html
    assert '<a href="/teachers/roster/">w2</a>' in html
    assert "已核实" in html and str(editor) in html
    assert 'data-status="draft"' in html


def test_another_countys_findings_are_a_404_for_a_county_editor(findings, editor, other_editor):
    assert client_for(other_editor).get(findings_url(COUNTY_A, "X02")).status_code == 404
    assert client_for(editor).get(findings_url(COUNTY_B, "S91")).status_code == 404
    assert client_for(editor).get(findings_url(COUNTY_A, "X02")).status_code == 200


def test_an_unknown_rule_is_a_404(findings, reviewer):
    assert client_for(reviewer).get(findings_url(COUNTY_A, "Q99")).status_code == 404


# The xlsx download


def workbook(user):
    response = client_for(user).get(reverse("quality_export"), {"year": YEAR})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    name = quote(f"{YEAR}年度数据质量.xlsx")  # the site's language, whole
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{name}"
    return load_workbook(io.BytesIO(response.content))


def sheet_rows(sheet):
    return list(sheet.iter_rows(values_only=True))


def test_the_export_has_the_matrix_then_every_finding(findings, reviewer):
    matrix, lines = workbook(reviewer).worksheets

    header, *rows = sheet_rows(matrix)
    assert header[1:4] == ("X01 Broken record", "X02 Too many hours", "S91 Odd seats")
    taishan = next(row for row in rows if row[0] == "台山市")
    assert taishan[1:] == (2, 3, 0, 2, 3, 1)
    assert rows[-1][1:] == (2, 3, 1, 2, 4, 2)
    header, *rows = sheet_rows(lines)
    assert len(header) == 8
    assert {row[4] for row in rows} == {"a1", "a2", "w1", "w2", "w3", "b1"}
    w1 = next(row for row in rows if row[4] == "w1")
    assert w1[0] == "台山市" and w1[2] == "X02 Too many hours"
    assert w1[5] == "w1: 250 hours, more than 200" and w1[6] == "已核实"


def test_a_county_editors_export_holds_only_their_county(findings, editor):
    matrix, lines = workbook(editor).worksheets

    assert [row[0] for row in sheet_rows(matrix)[1:]] == ["台山市", sheet_rows(matrix)[-1][0]]
    keys = {row[4] for row in sheet_rows(lines)[1:]}
    assert keys == {"a1", "a2", "w1", "w2", "w3"}
    assert all(row[0] == "台山市" for row in sheet_rows(lines)[1:])


# The rule catalogue and the city administrator's settings


def settings_data(**changes):
    """The form as shown for the defaults (every rule on, X02 at 200), with `changes`."""
    data = {"X01-enabled": "on", "X02-enabled": "on", "X02-threshold": "200", "S91-enabled": "on"}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def saved_settings():
    return sorted(
        QualityRuleSetting.objects.values_list("code", "enabled", "threshold"),
    )


def test_every_role_reads_the_catalogue_only_the_admin_gets_the_form(
    quality_rules, reporting_year, users
):
    for role, user in users.items():
        response = client_for(user).get(RULES)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Too many hours" in html and "hours" in html
        assert ('data-testid="settings-form"' in html) == (role == "admin"), role


def test_the_admin_switches_a_rule_off_and_sets_a_threshold(
    quality_rules, reporting_year, admin_user
):
    response = client_for(admin_user).post(
        RULES, settings_data(**{"X01-enabled": None, "X02-threshold": "150.5"})
    )

    assert response.status_code == 302
    assert response["Location"] == RULES
    assert saved_settings() == [("X01", False, None), ("X02", True, Decimal("150.50"))]
    page = client_for(admin_user).get(RULES)
    enabled = {c.rule.code: c.enabled for c in page.context["form"].choices}
    assert enabled == {"X01": False, "X02": True, "S91": True}


def test_an_unchanged_form_saves_nothing(quality_rules, reporting_year, admin_user):
    client_for(admin_user).post(RULES, settings_data())

    assert saved_settings() == []


@pytest.mark.parametrize(
    ("threshold", "error"), [("-5", "确保该值大于或等于0。"), ("很多", "输入一个数字。")]
)
def test_a_bad_threshold_is_refused_in_chinese_and_nothing_is_saved(
    quality_rules, reporting_year, admin_user, threshold, error
):
    response = client_for(admin_user).post(
        RULES, settings_data(**{"X01-enabled": None, "X02-threshold": threshold})
    )

    assert response.status_code == 200
    assert error in response.content.decode()
    assert saved_settings() == []


def test_a_refusal_by_the_service_rolls_back_the_rules_saved_before_it(
    quality_rules, reporting_year, admin_user, monkeypatch
):
    real = editing.setting_save

    def refuse_x02(**kwargs):
        if kwargs["code"] == "X02":
            raise WorkflowError("拒绝")
        return real(**kwargs)

    monkeypatch.setattr(editing, "setting_save", refuse_x02)
    response = client_for(admin_user).post(
        RULES, settings_data(**{"X01-enabled": None, "X02-threshold": "150"}), follow=True
    )

    assert "拒绝" in response.content.decode()
    assert saved_settings() == []


@pytest.mark.parametrize("role", ["editor", "other_editor", "reviewer", "assessor"])
def test_only_the_admin_may_post_settings(quality_rules, reporting_year, users, role):
    response = client_for(users[role]).post(RULES, settings_data(**{"X01-enabled": None}))

    assert response.status_code == 403
    assert saved_settings() == []


def test_a_settings_change_shows_in_the_audit_trail(quality_rules, reporting_year, admin_user):
    client_for(admin_user).post(RULES, settings_data(**{"X02-threshold": "120"}))

    entry = LogEntry.objects.get(content_type__model="qualityrulesetting")
    assert entry.actor == admin_user
    assert entry.changes_dict["threshold"] == ["None", "120"]
    audit = client_for(admin_user).get(reverse("audit_list")).content.decode()
    assert f"{YEAR} X02" in audit


# Running the checks again


def test_the_city_reruns_every_rule_for_the_year(quality_rules, reporting_year, reviewer):
    quality_rules["X01"] += [COUNTY_A, COUNTY_B]
    quality_rules["S91"].append(COUNTY_B)

    response = client_for(reviewer).post(reverse("quality_refresh"), {"year": YEAR})

    assert response.status_code == 302
    assert response["Location"] == f"{OVERVIEW}?year={YEAR}"
    found = set(QualityFinding.objects.values_list("yearly_return__unit__code", "code"))
    assert found == {(COUNTY_A, "X01"), (COUNTY_B, "X01"), (COUNTY_B, "S91")}


@pytest.mark.parametrize("role", ["editor", "assessor"])
def test_counties_and_assessors_may_not_rerun(quality_rules, reporting_year, users, role):
    quality_rules["X01"].append(COUNTY_A)

    response = client_for(users[role]).post(reverse("quality_refresh"), {"year": YEAR})

    assert response.status_code == 403
    assert not QualityFinding.objects.exists()
