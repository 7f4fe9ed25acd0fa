"""Evidence files: accepted kinds by extension and content, size limit, scoped downloads."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessment.evidence import evidence_add
from assessment.models import Evidence
from assessment.services import AssessmentError
from jiangmen_edu.models import YearlyReturn
from jiangmen_edu.uploads import MAX_BYTES as MAX_EVIDENCE_BYTES
from tests.assessment.conftest import JPEG_BYTES, PNG_BYTES, office_bytes, pdf_bytes
from tests.conftest import client_for


def upload(unit, user, name, content, code="1"):
    return evidence_add(
        unit=unit,
        year=2025,
        code=code,
        file=SimpleUploadedFile(name, content),
        user=user,
        description="说明",
    )


@pytest.mark.parametrize(
    "name, content",
    [
        ("工作报告.pdf", pdf_bytes()),
        ("现场照片.PNG", PNG_BYTES),
        ("photo.jpg", JPEG_BYTES),
        ("photo.jpeg", JPEG_BYTES),
        ("制度.docx", office_bytes("word/document.xml")),
        ("台账.xlsx", office_bytes("xl/workbook.xml")),
        ("汇报.pptx", office_bytes("ppt/presentation.xml")),
    ],
)
def test_accepted_files(assessment, county_a, editor, name, content):
    evidence = upload(county_a, editor, name, content)
    assert evidence.original_name == name
    # Stored under our own name in a random folder, never the user's name.
    assert evidence.file.name.startswith(f"evidence/{county_a.code}/2025/1/")
    assert name not in evidence.file.name
    with evidence.file.open("rb") as handle:
        assert handle.read() == content


@pytest.mark.parametrize(
    "name, content",
    [
        ("report.pdf", b"MZ\x90\x00 an executable"),
        ("report.pdf", b"<html><script>alert(1)</script></html>"),
        ("report.pdf", PNG_BYTES),
        ("photo.png", JPEG_BYTES),
        ("notes.txt", b"plain text"),
        ("setup.exe", b"MZ\x90\x00"),
        ("page.html", b"<html></html>"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
        ("fake.docx", office_bytes("xl/workbook.xml")),
        ("plain.docx", b"PK\x03\x04 not really a zip"),
        ("empty.pdf", b""),
        ("noextension", pdf_bytes()),
    ],
)
def test_refused_files(assessment, county_a, editor, name, content):
    with pytest.raises(ValidationError) as refused:
        upload(county_a, editor, name, content)
    assert "file" in refused.value.message_dict
    assert not Evidence.objects.exists()


def test_a_file_over_10_mb_is_refused(assessment, county_a, editor):
    too_big = pdf_bytes() + b"0" * (MAX_EVIDENCE_BYTES + 1 - len(pdf_bytes()))
    with pytest.raises(ValidationError):
        upload(county_a, editor, "big.pdf", too_big)
    exactly = pdf_bytes() + b"0" * (MAX_EVIDENCE_BYTES - len(pdf_bytes()))
    assert upload(county_a, editor, "ok.pdf", exactly).file.size == MAX_EVIDENCE_BYTES


def test_an_unknown_item_is_refused(assessment, county_a, editor):
    with pytest.raises(ValidationError):
        upload(county_a, editor, "a.pdf", pdf_bytes(), code="9.9")


def test_only_the_countys_editor_uploads(assessment, county_a, other_editor, assessor):
    with pytest.raises(PermissionDenied):
        upload(county_a, other_editor, "a.pdf", pdf_bytes())
    with pytest.raises(PermissionDenied):
        upload(county_a, assessor, "a.pdf", pdf_bytes())


def test_a_locked_return_or_closed_year_refuses_uploads(assessment, county_a, editor, admin_user):
    from assessment.services import run_compute, run_publish
    from jiangmen_edu.workflow import WorkflowError

    YearlyReturn.objects.filter(unit=county_a, section="assessment").update(status="submitted")
    with pytest.raises(WorkflowError):
        upload(county_a, editor, "a.pdf", pdf_bytes())
    YearlyReturn.objects.filter(unit=county_a, section="assessment").update(status="draft")
    run_publish(
        assessment=assessment,
        run=run_compute(assessment=assessment, user=admin_user),
        user=admin_user,
    )
    with pytest.raises(AssessmentError):
        upload(county_a, editor, "a.pdf", pdf_bytes())


@pytest.fixture
def evidence_a(assessment, county_a, editor):
    return upload(county_a, editor, "台山市工作报告.pdf", pdf_bytes("台山"))


def download(user, evidence):
    return client_for(user).get(reverse("assessment:evidence_download", args=[evidence.pk]))


@pytest.mark.parametrize("role", ["editor", "reviewer", "assessor", "admin"])
def test_the_county_and_the_city_download(evidence_a, users, role):
    response = download(users[role], evidence_a)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == pdf_bytes("台山")


def test_another_county_gets_404_and_anonymous_the_login(evidence_a, other_editor):
    assert download(other_editor, evidence_a).status_code == 404
    anonymous = download(None, evidence_a)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_files_are_not_under_a_public_url(evidence_a, editor):
    # No media URL is routed: the stored path is not reachable directly.
    response = client_for(editor).get("/media/" + evidence_a.file.name)
    assert response.status_code == 404


def test_the_upload_page_refuses_with_the_reason(assessment, county_a, editor):
    url = reverse("assessment:evidence_upload", kwargs={"year": 2025, "code": county_a.code})
    page = client_for(editor).post(
        url, {"code": "2.4", "file": SimpleUploadedFile("x.pdf", b"<html>")}
    )
    assert page.status_code == 200
    assert page.context["evidence_form"].errors["file"]
    page = client_for(editor).post(
        url, {"code": "2.4", "file": SimpleUploadedFile("中心照片.png", PNG_BYTES)}
    )
    assert page.status_code == 302
    assert Evidence.objects.get().code == "2.4"


def test_an_editor_removes_a_file_while_editable(
    evidence_a, editor, other_editor, django_capture_on_commit_callbacks
):
    url = reverse("assessment:evidence_delete", args=[evidence_a.pk])
    assert client_for(other_editor).post(url).status_code == 404
    stored = evidence_a.file.name
    storage = evidence_a.file.storage
    assert storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(editor).post(url).status_code == 302
    assert not Evidence.objects.exists()
    assert not storage.exists(stored)
