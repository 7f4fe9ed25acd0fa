"""PDF reports and the overview xlsx: text, fonts, page numbers, scope, downloads."""

import io
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from assessment.reports import filenames
from tests.assessment.factories import (
    ASSESSOR_NAME,
    COUNTIES,
    PUBLISHER_NAME,
    VARIANTS_2025,
    build_year,
)
from tests.conftest import COUNTY_A, COUNTY_B, client_for

COUNTY_PDF = reverse("assessment:county_pdf", kwargs={"year": 2025, "code": COUNTY_A})
CITY_PDF = reverse("assessment:city_pdf", kwargs={"year": 2025})
XLSX = reverse("assessment:overview_xlsx", kwargs={"year": 2025})


def attachment(filename: str) -> str:
    return f"attachment; filename*=utf-8''{quote(filename)}"


def test_a_draft_overview_says_so_in_its_file_name(db, assessor):
    build_year(2025, VARIANTS_2025, published=False)
    response = client_for(assessor).get(XLSX)
    assert response["Content-Disposition"] == attachment("2025年度考核评价总览（草稿）.xlsx")


def test_file_names_follow_the_language_of_the_site():
    with translation.override("en"):
        assert filenames.county_report(2025, "Taishan") == "2025 Taishan assessment report.pdf"
        assert filenames.overview(2025, draft=True) == "2025 assessment overview (draft).xlsx"
    assert filenames.city_report(2024) == "2024年度江门市考核评价报告.pdf"


def pdf_text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def embedded_font_files(reader: PdfReader) -> dict[str, bool]:
    """Every font the pages use → whether its descriptor carries the font program."""
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            fonts[str(font.get("/BaseFont"))] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    return fonts


def test_county_pdf_has_the_data_the_page_shows_in_embedded_cjk_fonts(assessment_results, editor):
    response = client_for(editor).get(COUNTY_PDF)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    # The site's language, whole (RFC 5987 for the Chinese).
    assert disposition.endswith(f"filename*=utf-8''{quote('2025年度台山市考核评价报告.pdf')}")
    reader = PdfReader(io.BytesIO(response.content))
    text = pdf_text(reader)
    assert "台山市" in text
    assert "85 / 97" in text  # the total, as on the page
    assert ASSESSOR_NAME in text  # 黄喆: the assessor of the qualitative items
    assert PUBLISHER_NAME in text  # 林堃: published by
    assert "第 1 页" in text and f"共 {len(reader.pages)} 页" in text
    assert "材料较完整" in text  # the assessor's reason of 3.4b, in the item's explanation
    assert "未申报国家学前教育普及普惠县" in text  # the I-5 口径说明
    fonts = embedded_font_files(reader)
    assert fonts and all(fonts.values()), fonts
    assert any("CJK" in name for name in fonts)


def test_another_countys_pdf_is_a_404(assessment_results, editor):
    url = reverse("assessment:county_pdf", kwargs={"year": 2025, "code": COUNTY_B})
    assert client_for(editor).get(url).status_code == 404


def test_city_pdf_has_every_county_and_the_ranks(assessment_results, reviewer):
    response = client_for(reviewer).get(CITY_PDF)
    assert response.status_code == 200
    assert response["Content-Disposition"] == attachment("2025年度江门市考核评价报告.pdf")
    reader = PdfReader(io.BytesIO(response.content))
    text = pdf_text(reader)
    for name in ("蓬江区", "江海区", "新会区", "鹤山市", "台山市", "开平市", "恩平市"):
        assert name in text
    assert "96.33" in text and "91.90" in text  # 开平市's total, the average total
    assert PUBLISHER_NAME in text
    assert "第 1 页" in text
    assert all(embedded_font_files(reader).values())


@pytest.mark.parametrize("url", [CITY_PDF, XLSX])
def test_city_downloads_are_refused_to_county_editors(assessment_results, editor, url):
    assert client_for(editor).get(url).status_code == 403


def test_overview_xlsx_has_the_seven_counties(assessment_results, assessor):
    response = client_for(assessor).get(XLSX)
    assert response.status_code == 200
    assert response["Content-Disposition"] == attachment("2025年度考核评价总览.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header, counties, average = rows[0], rows[1:8], rows[8]
    assert len(header) == 4 + 14 + 3  # rank, county, region, rank in region; items; total…
    assert header[4] == "1 压实县级主体责任" and header[17] == "4 公众满意度"
    names = [row[1] for row in counties]
    assert sorted(names) == sorted(
        ["蓬江区", "江海区", "新会区", "鹤山市", "台山市", "开平市", "恩平市"]
    )
    assert len(COUNTIES) == len(counties)
    by_name = {row[1]: row for row in counties}
    assert by_name["开平市"][0] == 2 and float(by_name["开平市"][18]) == 96.33
    assert by_name["江海区"][0] == by_name["新会区"][0] == 3
    assert float(by_name["台山市"][19]) == -8  # change against 2024
    assert float(average[18]) == 91.90


def test_unknown_year_is_a_404(assessment_results, reviewer):
    url = reverse("assessment:overview_xlsx", kwargs={"year": 2019})
    assert client_for(reviewer).get(url).status_code == 404


def test_page_numbers_follow_the_users_language(assessment_results, editor, settings):
    client = client_for(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    reader = PdfReader(io.BytesIO(client.get(COUNTY_PDF).content))
    text = pdf_text(reader)
    assert f"Page 1 of {len(reader.pages)}" in text and "第 1 页" not in text
    assert "台山市" in text  # the data stays Chinese


def test_a_draft_city_pdf_says_why_it_has_no_ranks(db, reviewer):
    build_year(2025, VARIANTS_2025, published=False)
    response = client_for(reviewer).get(CITY_PDF)
    assert response.status_code == 200
    text = pdf_text(PdfReader(io.BytesIO(response.content)))
    assert "总分为暂定值" in text.replace("\n", "")
