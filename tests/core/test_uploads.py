"""Evidence uploads, written as an attacker (jiangmen_edu/uploads.py): files that lie about
their kind, zips that would unpack too far, names that climb folders or hide characters, and
files too large; through the seat projects' and the assessment's upload pages alike."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessment.models import Evidence, ItemResponse
from jiangmen_edu import uploads
from seats.models import ProjectEvidence
from tests.assessment.conftest import JPEG_BYTES, PNG_BYTES, office_bytes, pdf_bytes
from tests.conftest import client_for

PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
DOCX_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    f'<Override PartName="/word/document.xml" ContentType="{uploads.DOCX.main_part}"/></Types>'
).encode()
HTML = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"


def plain_zip(*members: tuple[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def check(name: str, content: bytes):
    return uploads.check_upload(SimpleUploadedFile(name, content))


def refusal(name: str, content: bytes) -> str:
    with pytest.raises(ValidationError) as refused:
        check(name, content)
    return " ".join(refused.value.message_dict["file"])


# The module


@pytest.mark.parametrize(
    "name, content, kind",
    [
        ("报告.pdf", pdf_bytes(), uploads.PDF),
        ("照片.PNG", PNG_BYTES, uploads.PNG),
        ("照片.jpg", JPEG_BYTES, uploads.JPEG),
        ("制度.docx", office_bytes("word/document.xml"), uploads.DOCX),
        ("台账.xlsx", office_bytes("xl/workbook.xml"), uploads.XLSX),
        ("汇报.pptx", office_bytes("ppt/presentation.xml"), uploads.PPTX),
        # Embedded pictures and sheets are ordinary parts of a real document.
        (
            "图文.docx",
            office_bytes("word/document.xml", extra=[("word/media/image1.png", PNG_BYTES)]),
            uploads.DOCX,
        ),
    ],
)
def test_what_is_accepted(name, content, kind):
    assert check(name, content) == (name, kind)


@pytest.mark.parametrize(
    "name, content, says",
    [
        # A zip renamed .docx: no [Content_Types].xml, or no main part of a Word document.
        ("合同.docx", plain_zip(("readme.txt", b"hello")), "不是 DOCX"),
        ("合同.docx", plain_zip(("[Content_Types].xml", b"<Types/>")), "不是 DOCX"),
        ("合同.docx", office_bytes("xl/workbook.xml"), "不是 DOCX"),  # a workbook renamed
        # The main part declared but missing from the zip.
        ("合同.docx", plain_zip(("[Content_Types].xml", DOCX_TYPES)), "不是 DOCX"),
        # Programs, whatever they are called.
        ("报告.pdf", PROGRAM, "可执行程序"),
        ("照片.png", b"\x7fELF\x02\x01\x01" + b"\x00" * 32, "可执行程序"),
        ("说明.pdf", b"#!/bin/sh\nrm -rf /\n", "可执行程序"),
        ("setup.exe", PROGRAM, "PDF、图片"),
        # A web page renamed: it would run script if served inline.
        ("照片.png", HTML, "不是 PNG"),
        ("报告.pdf", HTML, "不是 PDF"),
        ("照片.jpg", PNG_BYTES, "不是 JPEG"),
        # Macros and programs inside an Office zip.
        (
            "宏.docx",
            office_bytes(
                "word/document.xml",
                content_type="application/vnd.ms-word.document.macroEnabled.main+xml",
            ),
            "宏",
        ),
        (
            "宏.xlsx",
            office_bytes("xl/workbook.xml", extra=[("xl/vbaProject.bin", b"\x00" * 10)]),
            "宏",
        ),
        (
            "附件.docx",
            office_bytes("word/document.xml", extra=[("word/embeddings/setup.exe", PROGRAM)]),
            "可执行程序",
        ),
        # Old and macro-enabled Office formats cannot be checked.
        ("旧表.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32, ".docx"),
        ("宏.docm", office_bytes(), ".docx"),
        ("空.pdf", b"", "不是 PDF"),
        ("无扩展名", pdf_bytes(), "PDF、图片"),
    ],
)
def test_what_is_refused(name, content, says):
    assert says in refusal(name, content)


def test_a_zip_bomb_is_refused_from_its_directory():
    """2 MB of zeros packs to a few KB: the ratio alone refuses it, nothing is unpacked."""
    bomb = office_bytes("word/document.xml", extra=[("word/media/zeros.bin", b"\x00" * 2**21)])
    assert len(bomb) < 20_000
    assert "无法安全检查" in refusal("炸弹.docx", bomb)


def test_a_zip_that_unpacks_too_far_or_has_too_many_parts_is_refused(monkeypatch):
    document = office_bytes(
        "word/document.xml", extra=[(f"word/p{i}.xml", b"<p/>") for i in range(20)]
    )
    assert check("正常.docx", document)[1] == uploads.DOCX
    monkeypatch.setattr(uploads, "MAX_UNPACKED_BYTES", 100)
    assert "无法安全检查" in refusal("大.docx", document)
    monkeypatch.undo()
    monkeypatch.setattr(uploads, "MAX_MEMBERS", 10)
    assert "无法安全检查" in refusal("多.docx", document)
    monkeypatch.undo()
    monkeypatch.setattr(uploads, "MAX_DIRECTORY_BYTES", 100)  # a directory longer than declared
    assert "无法安全检查" in refusal("长.docx", document)


def test_content_types_with_a_dtd_are_refused():
    entities = (
        '<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><Types>&b;</Types>'
    )
    hostile = plain_zip(("[Content_Types].xml", entities.encode()), ("word/document.xml", b""))
    assert "无法安全检查" in refusal("实体.docx", hostile)


def test_a_file_over_the_limit_is_refused_unread():
    big = SimpleUploadedFile("大.pdf", pdf_bytes() + b"0" * uploads.MAX_BYTES)
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(big)
    assert "10 MB" in refused.value.message_dict["file"][0]


@pytest.mark.parametrize(
    "given, kept",
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\Windows\\win.ini.pdf", "win.ini.pdf"),
        ("C:\\Users\\张三\\Desktop\\验收报告.pdf", "验收报告.pdf"),
        ("a\x00b\r\nc\x1b[31m.pdf", "abc[31m.pdf"),
        ("report\u202efdp.exe", "reportfdp.exe"),  # shown as "reportexe.pdf" before
        ('say "hi" <now>?.pdf', "say _hi_ _now__.pdf"),
        ("  ..hidden.pdf. ", "hidden.pdf"),
        ("工作\u3000 报告.pdf", "工作 报告.pdf"),
        ("x" * 300 + ".pdf", "x" * 196 + ".pdf"),
        ("/", "file"),
    ],
)
def test_names_are_made_safe(given, kept):
    assert uploads.safe_name(given) == kept


def test_a_name_hiding_a_program_behind_characters_is_refused():
    assert "PDF、图片" in refusal("report\u202efdp.exe", pdf_bytes())
    assert "PDF、图片" in refusal("报告.pdf\x00.exe", pdf_bytes())


# Through the pages: the seat projects' and the assessment's uploads.

HOSTILE = [
    ("zip renamed .docx", "合同.docx", plain_zip(("word/document.xml", b"<w/>"))),
    ("exe renamed .pdf", "报告.pdf", PROGRAM),
    ("html renamed .png", "照片.png", HTML),
    ("oversized", "大.pdf", pdf_bytes() + b"0" * uploads.MAX_BYTES),
]
LONG_NAME = "江门市台山市" * 50 + ".pdf"  # 304 characters
CLIMBING_NAME = "../../../var/www/\x07report\x1b\n.pdf"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def seat_project_a(reporting_year, county_a):
    from tests.seats.factories import make_project

    return make_project(county_a, "M001", deliveries={2025: 100})


@pytest.fixture
def open_assessment(reporting_year, admin_user):
    from assessment.services import assessment_open, run_compute

    assessment = assessment_open(year=2025, user=admin_user)
    run_compute(assessment=assessment, user=admin_user)  # a draft to respond to
    return assessment


def seats_upload(editor, project, name, content):
    return client_for(editor).post(
        reverse("seats:evidence_upload", kwargs={"pk": project.pk}),
        {"file": SimpleUploadedFile(name, content), "description": "验收"},
        follow=True,
    )


def assessment_upload(editor, name, content):
    url = reverse("assessment:evidence_upload", kwargs={"year": 2025, "code": editor.unit.code})
    return client_for(editor).post(url, {"code": "2.4", "file": SimpleUploadedFile(name, content)})


def response_upload(editor, name, content):
    url = reverse("assessment:response_create", kwargs={"year": 2025, "code": editor.unit.code})
    data = {"code": "2.4", "stance": "contest", "comment": "有误"}
    data["file"] = SimpleUploadedFile(name, content)
    return client_for(editor).post(url, data, follow=True)


def shown_messages(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


@pytest.mark.parametrize("case, name, content", HOSTILE, ids=[case for case, *_ in HOSTILE])
def test_the_seats_page_refuses(editor, seat_project_a, case, name, content):
    response = seats_upload(editor, seat_project_a, name, content)
    assert response.status_code == 200
    assert "文件" in shown_messages(response) or "程序" in shown_messages(response)
    assert not ProjectEvidence.objects.exists()


@pytest.mark.parametrize("case, name, content", HOSTILE, ids=[case for case, *_ in HOSTILE])
def test_the_assessment_pages_refuse(editor, open_assessment, case, name, content):
    page = assessment_upload(editor, name, content)
    assert page.status_code == 200 and page.context["evidence_form"].errors["file"]
    response = response_upload(editor, name, content)
    assert shown_messages(response)
    assert not Evidence.objects.exists() and not ItemResponse.objects.exists()


def assert_served_safely(response, stored_name: str):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "/" not in disposition
    assert disposition.endswith(".pdf") or disposition.endswith('.pdf"')
    assert len(stored_name) <= uploads.NAME_LENGTH and stored_name.endswith(".pdf")
    assert not any(char in stored_name for char in "/\\\x00\x07\x1b\n")


@pytest.mark.parametrize("name", [LONG_NAME, CLIMBING_NAME], ids=["300 characters", "climbing"])
def test_the_seats_page_keeps_a_safe_name_and_serves_a_pdf(editor, reviewer, seat_project_a, name):
    seats_upload(editor, seat_project_a, name, pdf_bytes())
    evidence = ProjectEvidence.objects.get()
    assert evidence.file.name.startswith(f"seats/evidence/{editor.unit.code}/")
    url = reverse("seats:evidence_download", kwargs={"pk": evidence.pk})
    assert_served_safely(client_for(reviewer).get(url), evidence.original_name)


@pytest.mark.parametrize("name", [LONG_NAME, CLIMBING_NAME], ids=["300 characters", "climbing"])
def test_the_assessment_page_keeps_a_safe_name_and_serves_a_pdf(
    editor, reviewer, open_assessment, name
):
    assert assessment_upload(editor, name, pdf_bytes()).status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.file.name.endswith("/evidence.pdf")
    url = reverse("assessment:evidence_download", args=[evidence.pk])
    assert_served_safely(client_for(reviewer).get(url), evidence.original_name)


def test_an_old_row_whose_name_lost_its_extension_is_still_served_as_its_kind(
    editor, open_assessment
):
    """Before this module a name over 200 characters was cut at the end, extension and all."""
    assessment_upload(editor, "报告.pdf", pdf_bytes())
    Evidence.objects.update(original_name="台山" * 100)
    response = client_for(editor).get(
        reverse("assessment:evidence_download", args=[Evidence.objects.get().pk])
    )
    assert response["Content-Type"] == "application/pdf"
    assert ".pdf" in response["Content-Disposition"]


def test_another_countys_evidence_is_a_404(editor, other_editor, seat_project_a, open_assessment):
    seats_upload(editor, seat_project_a, "验收.pdf", pdf_bytes())
    assessment_upload(editor, "报告.pdf", pdf_bytes())
    outsider = client_for(other_editor)
    for url in (
        reverse("seats:evidence_download", kwargs={"pk": ProjectEvidence.objects.get().pk}),
        reverse("assessment:evidence_download", args=[Evidence.objects.get().pk]),
    ):
        assert outsider.get(url).status_code == 404
