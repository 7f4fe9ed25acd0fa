"""Evidence files per county, year and item (docs/rules.md#evidence: "served only to users
allowed to see them"): what may be uploaded, the upload and removal services, and who may see a
file.

A file is accepted when its extension is one we take (PDF, PNG, JPEG, Word / Excel /
PowerPoint in their ZIP-based formats) *and* its content is that kind of file, sniffed from
its first bytes (and, for Office, the parts inside the ZIP): a renamed executable or an HTML
page called "report.pdf" is refused. Files live under MEDIA_ROOT in a random folder and are
served only through a view that checks the county scope, never as a public media URL.
"""

import os
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from assessment.models import Evidence
from assessment.scoring import ITEM_CODES
from assessment.services import AssessmentError, ensure_assessment_open
from jiangmen_edu.models import Role, Section, Unit, User
from jiangmen_edu.permissions import require_role, require_unit, scope
from jiangmen_edu.workflow import ensure_editable

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024

# extension → (kind sniffed from the content, content type served)
ACCEPTED = {
    ".pdf": ("pdf", "application/pdf"),
    ".png": ("png", "image/png"),
    ".jpg": ("jpeg", "image/jpeg"),
    ".jpeg": ("jpeg", "image/jpeg"),
    ".docx": (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ".xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".pptx": (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
}
OFFICE_MAIN_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}


def sniff(file) -> str | None:
    """The kind of file its content says it is ("pdf", "png", "jpeg", "docx", "xlsx",
    "pptx"), or None. Reads the first bytes (and a ZIP's directory); leaves the file at 0."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(file) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            file.seek(0)
        if "[Content_Types].xml" not in names:
            return None
        for kind, prefix in OFFICE_MAIN_PARTS.items():
            if any(name.startswith(prefix) for name in names):
                return kind
    return None


def check_file(file: UploadedFile) -> str:
    """Refuse a file that is too large, of a kind we do not take, or not what its name says.
    Returns the lower-case extension."""
    name = os.path.basename(file.name or "")
    extension = os.path.splitext(name)[1].lower()
    if file.size is not None and file.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            {"file": _("The file is larger than %(mb)s MB.") % {"mb": MAX_EVIDENCE_BYTES >> 20}}
        )
    if extension not in ACCEPTED:
        raise ValidationError(
            {"file": _("Upload a PDF, an image (PNG, JPEG) or an Office file (DOCX, XLSX, PPTX).")}
        )
    if file.size == 0 or sniff(file) != ACCEPTED[extension][0]:
        raise ValidationError(
            {"file": _("The file's content is not a %(kind)s file.") % {"kind": extension[1:]}}
        )
    return extension


def content_type(evidence: Evidence) -> str:
    extension = os.path.splitext(evidence.original_name)[1].lower()
    return ACCEPTED.get(extension, ("", "application/octet-stream"))[1]


def _check_editor(user: User, unit: Unit) -> None:
    require_role(user, {Role.COUNTY_EDITOR})
    require_unit(user, unit)
    if not unit.is_assessed:
        raise AssessmentError(_("Only the seven counties are assessed."))


def evidence_add(
    *,
    unit: Unit,
    year: int,
    code: str,
    file: UploadedFile,
    user: User,
    description: str = "",
    with_response: bool = False,
) -> Evidence:
    """Attach a file to an item of the county's year, while the assessment is open.

    Through the materials page the county's assessment return must be editable too; a file
    sent with a response to the draft scores (`with_response`) needs only the open year.
    """
    _check_editor(user, unit)
    if code not in ITEM_CODES:
        raise ValidationError({"code": _("Choose an item of the indicator table.")})
    extension = check_file(file)
    ensure_assessment_open(year)
    original = os.path.basename(file.name)[:200]
    with transaction.atomic():
        if not with_response:
            ensure_editable(unit=unit, year=year, section=Section.ASSESSMENT)
        evidence = Evidence(
            unit=unit,
            year=year,
            code=code,
            original_name=original,
            description=description.strip()[:200],
            uploaded_by=user,
        )
        # The stored name is ours: the user's name is kept for downloads only.
        evidence.file.save(f"evidence{extension}", file, save=False)
        try:
            evidence.save()
        except Exception:
            evidence.file.delete(save=False)
            raise
    return evidence


def evidence_delete(*, evidence: Evidence, user: User) -> None:
    """Remove a file of the county's materials while its assessment return is editable."""
    _check_editor(user, evidence.unit)
    ensure_assessment_open(evidence.year)
    with transaction.atomic():
        ensure_editable(unit=evidence.unit, year=evidence.year, section=Section.ASSESSMENT)
        stored = evidence.file.name
        evidence.delete()
        transaction.on_commit(lambda: evidence.file.storage.delete(stored))


def evidence_for_user(user: User) -> QuerySet[Evidence]:
    """The files a user may see: their own county's for an editor, every county's for the
    city's roles."""
    return scope(Evidence.objects.select_related("unit", "uploaded_by"), user)
