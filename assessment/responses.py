"""County responses to the draft scores (docs/assessment.md): before publication a county
sees its draft scorecard (the latest run) and agrees with or contests each item, with a
comment (required to contest) and an optional evidence file; the inspection team answers.
Every response and answer stays on record (`ItemResponse`, audited).
"""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.evidence import evidence_add
from assessment.models import AssessmentYear, ItemResponse
from assessment.scoring import ITEM_CODES
from assessment.services import AssessmentError, latest_run
from jiangmen_edu.models import Role, Unit, User
from jiangmen_edu.permissions import require_role, require_unit, scope

Stance = ItemResponse.Stance
ANSWERERS = frozenset({Role.ASSESSOR, Role.CITY_ADMIN})


def response_add(
    *,
    assessment: AssessmentYear,
    unit: Unit,
    code: str,
    stance: str,
    user: User,
    comment: str = "",
    file: UploadedFile | None = None,
) -> ItemResponse:
    """A county's agreement or objection to one item of its draft scorecard.

    Only the county's own editor, before publication, once a draft exists; to contest needs a
    comment, and an item cannot be contested again while an earlier objection waits for the
    inspection team's answer.
    """
    require_role(user, {Role.COUNTY_EDITOR})
    require_unit(user, unit)
    comment = (comment or "").strip()
    if assessment.status != AssessmentYear.Status.OPEN:
        raise AssessmentError(_("The results are published; responses are closed."))
    if latest_run(assessment, published_only=False) is None:
        raise AssessmentError(_("There is no draft scorecard to respond to yet."))
    errors = {}
    if code not in ITEM_CODES:
        errors["code"] = _("Choose an item of the indicator table.")
    if stance not in Stance.values:
        errors["stance"] = _("Agree or contest.")
    elif stance == Stance.CONTEST and not comment:
        errors["comment"] = _("Say why you contest the score.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # The year row serialises responses, so two objections cannot both slip through.
        AssessmentYear.objects.select_for_update().get(pk=assessment.pk)
        waiting = ItemResponse.objects.filter(
            assessment=assessment, unit=unit, code=code, stance=Stance.CONTEST, answered_at=None
        )
        if stance == Stance.CONTEST and waiting.exists():
            raise AssessmentError(
                _("Your earlier objection to this item is still waiting for an answer.")
            )
        evidence = None
        if file is not None:
            evidence = evidence_add(
                unit=unit,
                year=assessment.year,
                code=code,
                file=file,
                user=user,
                description=_("Sent with a response"),
                with_response=True,
            )
        response = ItemResponse(
            assessment=assessment,
            unit=unit,
            code=code,
            stance=stance,
            comment=comment,
            evidence=evidence,
            responded_by=user,
        )
        response.full_clean()
        response.save()
    return response


def response_answer(*, response: ItemResponse, answer: str, user: User) -> ItemResponse:
    """The inspection team's answer to a county's response; given once, kept on record."""
    require_role(user, ANSWERERS)
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer.")})
    with transaction.atomic():
        locked = ItemResponse.objects.select_for_update().get(pk=response.pk)
        if locked.answered_at is not None:
            raise AssessmentError(_("This response has already been answered."))
        locked.answer = answer
        locked.answered_by = user
        locked.answered_at = timezone.now()
        locked.save(update_fields=["answer", "answered_by", "answered_at"])
    return locked


def responses_for_user(user: User) -> QuerySet[ItemResponse]:
    """The responses a user may see: their county's for an editor, all for the city."""
    return scope(
        ItemResponse.objects.select_related(
            "unit", "assessment", "evidence", "responded_by", "answered_by"
        ),
        user,
    )
