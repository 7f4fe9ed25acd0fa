"""The overview and the scorecard in the browser: numbers, ranks, changes, scope, runs."""

import io
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from assessment.models import ScoreRun
from assessment.scoring.notes import NOTES
from jiangmen_edu.models import Unit
from tests.assessment.factories import (
    ASSESSOR_NAME,
    VARIANTS_2024,
    VARIANTS_2025,
    build_year,
)
from tests.conftest import COUNTY_A, COUNTY_B, client_for

OVERVIEW = reverse("assessment:overview", kwargs={"year": 2025})


def scorecard_url(code: str = COUNTY_A, year: int = 2025) -> str:
    return reverse("assessment:scorecard", kwargs={"year": year, "code": code})


def rows_by_code(response) -> dict:
    return {row.unit.code: row for row in response.context["overview"].rows}


def test_overview_shows_totals_and_ranks_ties_sharing_a_rank(assessment_results, reviewer):
    response = client_for(reviewer).get(OVERVIEW)
    assert response.status_code == 200
    rows = rows_by_code(response)
    expected = {  # code: (total, rank, region rank), from factories.VARIANTS_2025
        "440703": ("97", 1, 1),
        "440783": ("96.33", 2, 1),
        "440704": ("93", 3, 2),
        "440705": ("93", 3, 2),
        "440784": ("92", 5, 4),
        "440785": ("87", 6, 2),
        "440781": ("85", 7, 3),
    }
    for code, (total, rank, region_rank) in expected.items():
        assert rows[code].total == Decimal(total), code
        assert (rows[code].rank, rows[code].region_rank) == (rank, region_rank), code
    assert [row.rank for row in response.context["overview"].rows] == [1, 2, 3, 3, 5, 6, 7]
    html = response.content.decode()
    assert 'data-county="440705"' in html and ">96.33<" in html
    # 恩平市's 2.2 is not scored: "—", grey, and its total is provisional
    assert rows["440785"].cells[2].score is None and rows["440785"].cells[2].level == "none"
    assert rows["440785"].provisional


def test_overview_average_row_and_colours(assessment_results, reviewer):
    overview = client_for(reviewer).get(OVERVIEW).context["overview"]
    codes = [column.code for column in overview.columns]
    average = dict(zip(codes, overview.average, strict=True))
    assert average["2.1"] == Decimal("14.86")  # (16 × 5 + 12 × 2) / 7
    assert average["2.2"] == Decimal("10")  # the pending 恩平市 is left out
    assert average["4"] == Decimal("4.90")  # (5 × 6 + 4.33) / 7
    assert overview.average_total == Decimal("91.90")  # 643.33 / 7
    taishan = rows_by_code_from(overview)["440781"]
    levels = {cell.code: cell.level for cell in taishan.cells}
    assert levels["1"] == "full" and levels["3.4a"] == "low" and levels["3.4b"] == "low"
    jianghai = rows_by_code_from(overview)["440704"]
    assert {cell.code: cell.level for cell in jianghai.cells}["2.1"] == "mid"  # 12 of 16


def rows_by_code_from(overview) -> dict:
    return {row.unit.code: row for row in overview.rows}


def test_overview_arrows_against_the_previous_published_year(assessment_results, reviewer):
    response = client_for(reviewer).get(OVERVIEW)
    overview = response.context["overview"]
    assert overview.previous_year == 2024
    rows = rows_by_code_from(overview)
    taishan = rows["440781"]  # 93 in 2024 (2.1 at 12), 85 in 2025
    assert taishan.previous_total == Decimal("93") and taishan.change == Decimal("-8")
    assert taishan.arrow == "↓" and taishan.change_text == "−8"
    cells = {cell.code: cell for cell in taishan.cells}
    assert cells["2.1"].change == Decimal("4") and cells["2.1"].arrow == "↑"
    assert cells["3.4a"].change == Decimal("-7") and cells["3.4a"].arrow == "↓"
    assert rows["440703"].change == 0 and rows["440703"].arrow == "="
    assert "↑" in response.content.decode() and "↓" in response.content.decode()


def test_overview_is_sortable_with_a_vendored_script(assessment_results, reviewer):
    html = client_for(reviewer).get(OVERVIEW).content.decode()
    assert "data-sortable" in html and "assessment/sortable.js" in html
    assert "cdn" not in html.lower()


@pytest.mark.parametrize("who", ["editor", "other_editor"])
def test_county_editors_are_sent_from_the_overview_to_their_own_scorecard(
    assessment_results, users, who
):
    user = users[who]
    response = client_for(user).get(OVERVIEW)
    assert response.status_code == 302
    assert response["Location"] == scorecard_url(user.unit.code)


def test_results_link_goes_to_the_latest_year(assessment_results, reviewer, editor):
    assert client_for(reviewer).get(reverse("assessment:results"))["Location"] == OVERVIEW
    assert client_for(editor).get(reverse("assessment:results"))["Location"] == scorecard_url()


def test_results_link_for_the_city_direct_schools_editor(assessment_results):
    from jiangmen_edu.models import Role, Unit
    from tests.conftest import make_user

    user = make_user("editor_city_direct", Role.COUNTY_EDITOR, Unit.objects.get(code="440700"))
    response = client_for(user).get(reverse("assessment:results"))
    assert response.status_code == 200 and response.context["not_assessed"]
    assert client_for(user).get(scorecard_url("440700")).status_code == 404


def test_results_link_without_any_assessment(db, reviewer):
    response = client_for(reviewer).get(reverse("assessment:results"))
    assert response.status_code == 200
    assert 'data-testid="no-results"' in response.content.decode()


def test_scorecard_shows_every_item_with_inputs_rule_notes_gap_and_change(
    assessment_results, editor
):
    response = client_for(editor).get(scorecard_url())
    assert response.status_code == 200
    card = response.context["card"]
    assert card.total == Decimal("85") and card.max_total == Decimal("97")
    assert (card.county_score.rank, card.county_score.region_rank) == (7, 3)
    assert card.previous_year == 2024 and card.change == Decimal("-8")
    assert len(card.items) == 14
    items = {item.code: item for item in card.items}
    assert items["3.4a"].score == 0 and items["3.4a"].change == Decimal("-7")
    assert items["2.1"].previous == Decimal("12") and items["2.1"].change_text == "+4"
    html = response.content.decode()
    assert items["3.4b"].explanation in html and "材料较完整" in html
    assert items["3.4a"].gap and items["3.4a"].gap in html
    assert items["2.1"].rule in html
    assert NOTES["I-5"] in html  # 3.4b not applied: the 口径说明 is shown beside it
    values = [value for _label, value in items["3.4a"].inputs]
    assert "0.50" in values and "0.45" in values  # the thresholds
    assert any("0.600" in value for value in values)  # coefficients to 3 decimals
    assert ASSESSOR_NAME in html
    assert 'data-testid="trend-chart"' in html and "<svg" in html
    assert 'data-testid="published-badge"' in html


def test_a_county_name_with_markup_does_not_break_the_charts(assessment_results, reviewer):
    name = "台山<市>&amp;"
    Unit.objects.filter(code=COUNTY_A).update(name=name)
    for url in (OVERVIEW, scorecard_url()):
        html = client_for(reviewer).get(url).content.decode()
        charts = [ET.fromstring(svg) for svg in re.findall(r"<svg .*?</svg>", html, re.S)]
        assert len(charts) == 2, url  # both parse as XML
        assert any(name in "".join(chart.itertext()) for chart in charts), url


def test_scorecard_lists_the_evidence_of_each_item(db, editor):
    build_year(2025, VARIANTS_2025, evidence_per_item=2)
    card = client_for(editor).get(scorecard_url()).context["card"]
    items = {item.code: item for item in card.items}
    assert [file.original_name for file, _url in items["2.1"].evidence] == [
        "佐证材料2.1-0.pdf",
        "佐证材料2.1-1.pdf",
    ]
    assert items["2.2"].evidence == []
    file, url = items["2.1"].evidence[0]
    assert url == reverse("assessment:evidence_download", args=[file.pk])


def test_another_countys_scorecard_is_a_404(assessment_results, editor):
    assert client_for(editor).get(scorecard_url(COUNTY_B)).status_code == 404
    assert client_for(editor).get(scorecard_url("440700")).status_code == 404  # 市直
    assert client_for(editor).get(scorecard_url(year=2030)).status_code == 404


def test_before_publication_a_county_sees_the_latest_run_as_a_draft(db, editor, reviewer):
    build_year(2024, VARIANTS_2024)
    build_year(2025, VARIANTS_2025, published=False, runs=2)
    response = client_for(editor).get(scorecard_url())
    assert response.context["choice"].run.number == 2
    assert response.context["choice"].is_draft
    assert 'data-testid="draft-badge"' in response.content.decode()
    draft_card = reverse("assessment:draft_card", kwargs={"year": 2025, "code": COUNTY_A})
    assert draft_card in response.content.decode()  # where the county agrees or contests
    # the county cannot pick a run; the city can
    assert client_for(editor).get(scorecard_url() + "?run=1").context["choice"].run.number == 2
    response = client_for(reviewer).get(scorecard_url() + "?run=1")
    assert response.context["choice"].run.number == 1
    assert client_for(reviewer).get(scorecard_url() + "?run=9").status_code == 404


def test_after_publication_a_rerun_stays_out_of_the_countys_sight(db, editor, reviewer):
    run = build_year(2025, VARIANTS_2025, runs=2)  # run 2 published
    ScoreRun.objects.filter(pk=run.pk).update(is_published=False)
    ScoreRun.objects.filter(assessment=run.assessment, number=1).update(is_published=True)
    assert client_for(editor).get(scorecard_url()).context["choice"].run.number == 1
    assert client_for(reviewer).get(OVERVIEW).context["choice"].run.number == 1
    response = client_for(reviewer).get(OVERVIEW + "?run=2")
    assert response.context["choice"].is_draft


def test_a_year_without_runs_says_so(db, reviewer, editor):
    from assessment.models import AssessmentYear

    AssessmentYear.objects.create(year=2025, opened_by=reviewer)
    assert 'data-testid="not-computed"' in client_for(reviewer).get(OVERVIEW).content.decode()
    response = client_for(editor).get(scorecard_url())
    assert 'data-testid="not-computed"' in response.content.decode()
    pdf = reverse("assessment:county_pdf", kwargs={"year": 2025, "code": COUNTY_A})
    assert client_for(editor).get(pdf).status_code == 404


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_the_data(db, reviewer, editor):
    build_year(2024, VARIANTS_2024, counties=("440781", "440783"))
    build_year(2025, VARIANTS_2025, counties=("440781", "440783"))
    small = (
        count_queries(client_for(reviewer), OVERVIEW),
        count_queries(client_for(editor), scorecard_url()),
    )
    from assessment.models import AssessmentYear

    AssessmentYear.objects.all().delete()
    for year in (2021, 2022, 2023, 2024):
        build_year(year, VARIANTS_2024, evidence_per_item=3)
    build_year(2025, VARIANTS_2025, runs=3, evidence_per_item=5)
    large = (
        count_queries(client_for(reviewer), OVERVIEW),
        count_queries(client_for(editor), scorecard_url()),
    )
    assert small == large
    # Session, user and the second factor (the verified device, or whether there is one),
    # then the selectors.
    assert large[0] <= 10 and large[1] <= 14


# --- a run not published: provisional totals are neither ranked nor compared ---------------


def overview_page(user):
    response = client_for(user).get(OVERVIEW)
    assert response.status_code == 200
    return response, response.content.decode()


def test_a_draft_overview_shows_no_ranks_or_arrows_and_says_why(db, reviewer):
    build_year(2024, VARIANTS_2024)
    build_year(2025, VARIANTS_2025, published=False)
    response, html = overview_page(reviewer)
    overview = response.context["overview"]
    assert not overview.ranked
    assert all(row.rank is None and row.region_rank is None for row in overview.rows)
    assert all(row.change is None for row in overview.rows)
    assert all(cell.change is None for row in overview.rows for cell in row.cells)
    assert 'data-testid="unranked-legend"' in html and "总分为暂定值" in html
    table = html.split('data-testid="overview-table"')[1].split("</table>")[0]
    assert re.findall(r'data-testid="rank">([^<]*)<', table) == ["—"] * 7
    assert re.findall(r'data-testid="region-rank">([^<]*)<', table) == ["—"] * 7
    assert "trend-up" not in table and "trend-down" not in table
    assert "箭头表示" not in html  # no "arrows compare with" sentence
    # The totals are still there, and the region tables list the counties by total.
    assert ">96.33<" in table
    regions = dict(overview.region_rows())
    for rows in regions.values():
        assert [row.total for row in rows] == sorted((row.total for row in rows), reverse=True)


def test_the_published_overview_keeps_its_ranks_and_arrows(assessment_results, reviewer):
    response, html = overview_page(reviewer)
    assert response.context["overview"].ranked
    assert 'data-testid="unranked-legend"' not in html


def test_the_overview_explains_the_colours_of_the_bars(assessment_results, reviewer):
    _response, html = overview_page(reviewer)
    chart = html.split('data-testid="totals-chart"')[1]
    for label in ("满分", "满分的一半及以上", "不足满分的一半"):
        assert f'class="colour-label">{label}<' in chart, label


def test_a_draft_overview_xlsx_has_no_ranks(db, reviewer):
    build_year(2025, VARIANTS_2025, published=False)
    xlsx = reverse("assessment:overview_xlsx", kwargs={"year": 2025})
    sheet = load_workbook(io.BytesIO(client_for(reviewer).get(xlsx).content)).active
    rows = list(sheet.iter_rows(values_only=True))[1:8]
    assert all(row[0] is None and row[3] is None for row in rows)
