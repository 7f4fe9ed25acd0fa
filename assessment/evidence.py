"""Evidence files per county, year and item (docs/rules.md#evidence: "served only to users
allowed to see them"): the upload and removal services, and who may see a file.

What may be uploaded, under what name, and how a file is served is `jiangmen_edu.uploads`,
shared with the seat projects' evidence. Files live under MEDIA_ROOT in a random folder and
are served only through a view that checks the county scope, never as a public media URL.
"""

import os

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from assessment.models import Evidence
from assessment.scoring import ITEM_CODES
from assessment.services import AssessmentError, ensure_assessment_open
from jiangmen_edu import uploads
from jiangmen_edu.models import Role, Section, Unit, User
from jiangmen_edu.permissions import require_role, require_unit, scope
from jiangmen_edu.workflow import ensure_editable


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
    original, _kind = uploads.check_upload(file)
    ensure_assessment_open(year)
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
        evidence.file.save(f"evidence{os.path.splitext(original)[1].lower()}", file, save=False)
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
