"""The counts behind the data-quality pages: the counties × rules matrix, the trend
per year, and the findings behind a count, read from the stored findings."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jiangmen_edu.models import (
    QualityRuleSetting,
    Section,
    Unit,
)
from jiangmen_edu.permissions import counties_for_user
from jiangmen_edu.quality import selectors, services
from jiangmen_edu.quality.selectors import Tally
from jiangmen_edu.workflow import reporting_year_open
from tests.conftest import COUNTY_A, COUNTY_B, YEAR
from tests.core.factories import (
    add_finding,
    add_findings,
    explain,
    register_rules,
)


@pytest.fixture
def quality_rules(monkeypatch):
    return register_rules(monkeypatch)


@pytest.fixture
def findings(quality_rules, reporting_year, editor, other_editor):
    return add_findings(editor, other_editor)


def row_of(matrix, code):
    return next(row for row in matrix.rows if row.unit.code == code)


def cells_by_code(row):
    return {cell.rule.code: cell.tally for cell in row.cells}


def test_tally_reads_errors_as_a_count_and_warnings_as_explained_of_total():
    assert Tally().text == "0" and Tally().level == "clean"
    assert Tally(errors=2).text == "2" and Tally(errors=2).level == "error"
    assert Tally(warnings=3, explained=1).text == "1/3"
    assert Tally(warnings=3, explained=1).level == "warning"
    assert Tally(warnings=3, explained=3).level == "explained"
    assert Tally(errors=1, warnings=2, explained=2).text == "1 · 2/2"
    assert Tally(1, 2, 1) + Tally(0, 1, 1) + Tally() == Tally(1, 3, 2)


def test_the_matrix_counts_each_unit_and_rule(findings, reviewer):
    matrix = selectors.matrix(YEAR, counties_for_user(reviewer))

    assert [g.section for g in matrix.groups] == [Section.TEACHERS, Section.SEATS]
    assert [c.rule.code for c in matrix.columns] == ["X01", "X02", "S91"]
    assert [row.unit.code for row in matrix.rows] == list(
        Unit.objects.values_list("code", flat=True)
    )
    a = cells_by_code(row_of(matrix, COUNTY_A))
    assert (a["X01"].errors, a["X01"].warnings) == (2, 0)
    assert (a["X02"].warnings, a["X02"].explained) == (3, 1)
    assert a["S91"] == Tally()
    assert row_of(matrix, COUNTY_A).total == Tally(2, 3, 1)
    b = cells_by_code(row_of(matrix, COUNTY_B))
    assert (b["S91"].warnings, b["S91"].explained) == (1, 1)
    assert [t.total for t in matrix.totals] == [2, 3, 1]
    assert matrix.total == Tally(2, 4, 2)


def test_the_matrix_says_when_each_unit_was_last_checked(quality_rules, reporting_year, reviewer):
    assert selectors.matrix(YEAR, counties_for_user(reviewer)).checked_at is None
    county_a = Unit.objects.get(code=COUNTY_A)

    services.findings_refresh(unit=county_a, year=YEAR)

    matrix = selectors.matrix(YEAR, counties_for_user(reviewer))
    checked = {row.unit.code: row.checked_at for row in matrix.rows}
    assert checked[COUNTY_A] is not None  # found nothing, and says it looked
    assert checked[COUNTY_B] is None
    assert matrix.checked_at == checked[COUNTY_A]


def test_a_county_editor_counts_only_their_county(findings, editor):
    matrix = selectors.matrix(YEAR, counties_for_user(editor))

    assert [row.unit.code for row in matrix.rows] == [COUNTY_A]
    assert matrix.totals[2] == Tally()  # county B's S91 warning is not counted


def test_the_matrix_reads_one_year_and_marks_disabled_rules(findings, reviewer, admin_user):
    reporting_year_open(year=2024, due_date=datetime.date(2025, 3, 31), user=admin_user)
    add_finding(COUNTY_A, "X01", "old", year=2024)
    QualityRuleSetting.objects.create(
        reporting_year=findings[0].yearly_return.reporting_year, code="S91", enabled=False
    )

    current = selectors.matrix(YEAR, counties_for_user(reviewer))
    earlier = selectors.matrix(2024, counties_for_user(reviewer))

    assert cells_by_code(row_of(current, COUNTY_A))["X01"].errors == 2
    assert cells_by_code(row_of(earlier, COUNTY_A))["X01"].errors == 1
    assert [c.choice.enabled for c in current.columns] == [True, True, False]
    assert [c.choice.enabled for c in earlier.columns] == [True, True, True]


def test_the_trend_counts_each_rule_per_year_for_the_units_given(findings, admin_user, reviewer):
    reporting_year_open(year=2024, due_date=datetime.date(2025, 3, 31), user=admin_user)
    add_finding(COUNTY_A, "X01", "old", year=2024)
    add_finding(COUNTY_B, "X01", "old-b", year=2024)

    city = {row.rule.code: row.cells for row in selectors.trend(Unit.objects.all(), [2025, 2024])}
    county_b = {
        row.rule.code: row.cells
        for row in selectors.trend(Unit.objects.filter(code=COUNTY_B), [2024, 2025])
    }

    assert list(city) == ["X01", "X02", "S91"]  # by section, as in the matrix
    assert [t.errors for t in city["X01"]] == [2, 2]  # 2024, then 2025
    assert [(t.warnings, t.explained) for t in city["X02"]] == [(0, 0), (3, 1)]
    assert [t.errors for t in county_b["X01"]] == [1, 0]
    assert [t.warnings for t in county_b["S91"]] == [0, 1]


def test_finding_lines_carry_the_message_and_the_explanation(findings, editor, county_a):
    lines = selectors.finding_lines([county_a], YEAR, "X02")

    assert [line.finding.key for line in lines] == ["w1", "w2", "w3"]
    assert lines[0].message == "w1: 250 hours, more than 200"
    assert lines[0].explanation.text == "已核实"
    assert lines[0].explanation.author == editor
    assert lines[1].explanation is None


def test_finding_lines_stay_within_the_units_given(findings, county_a, county_b):
    everything = selectors.finding_lines(Unit.objects.filter(code__in=[COUNTY_A, COUNTY_B]), YEAR)
    own = selectors.finding_lines(Unit.objects.filter(code=COUNTY_A), YEAR)

    assert {line.finding.key for line in everything} == {"a1", "a2", "w1", "w2", "w3", "b1"}
    assert "b1" not in {line.finding.key for line in own}
    assert selectors.finding_lines([county_b], YEAR, "X02") == []


def test_the_matrix_and_the_lines_take_the_same_queries_whatever_the_findings(
    quality_rules, reporting_year, reviewer, editor
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            selectors.matrix(YEAR, counties_for_user(reviewer))
            selectors.trend(counties_for_user(reviewer), [YEAR])
            selectors.finding_lines(counties_for_user(reviewer), YEAR)
        return len(captured)

    explain(add_finding(COUNTY_A, "X02", "first"), editor)
    few = queries()
    for number in range(40):
        finding = add_finding(COUNTY_A if number % 2 else COUNTY_B, "X02", f"k{number}")
        if number % 3 == 0:
            explain(finding, editor)
        add_finding(COUNTY_B, "S91", f"s{number}")
    many = queries()

    assert few == many
    # rule settings, units, the grouped counts, when each unit was checked; the trend's
    # counts; explanations and findings
    assert many <= 7
