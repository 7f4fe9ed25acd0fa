"""Fixtures of the assessment tests: the open assessment of 2025, county A's data, files."""

import io
import zipfile

import pytest

from assessment.services import assessment_open
from jiangmen_edu import uploads
from tests.assessment.factories import build_county, qualitative


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Evidence files go to a throw-away folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def assessment(reporting_year, admin_user):
    """The city's assessment of 2025, open; every return of the year in draft."""
    return assessment_open(year=2025, user=admin_user)


@pytest.fixture
def county_data(assessment, county_a, assessor):
    """County A's 2025 data with known scores (tests/assessment/factories.py), approved."""
    build_county(county_a)
    qualitative(assessment, county_a, assessor)
    return county_a


def pdf_bytes(text: str = "evidence") -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% " + text.encode() + b"\ntrailer<<>>\n%%EOF\n"
    )


PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 32


MAIN_PARTS = {
    "word/document.xml": uploads.DOCX.main_part,
    "xl/workbook.xml": uploads.XLSX.main_part,
    "ppt/presentation.xml": uploads.PPTX.main_part,
}


def office_bytes(main: str = "word/document.xml", *, content_type: str = "", extra=()) -> bytes:
    """A minimal Office file: a zip whose [Content_Types].xml declares `main` as the main part
    of its kind (or as `content_type`), with `extra` (name, bytes) parts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/{main}" ContentType="{content_type or MAIN_PARTS[main]}"/>'
            "</Types>",
        )
        archive.writestr(main, "<doc/>")
        for name, data in extra:
            archive.writestr(name, data)
    return buffer.getvalue()
