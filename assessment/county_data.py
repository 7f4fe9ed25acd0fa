"""The county's own assessment materials (docs/rules.md#assessment), entered through forms:
the teacher development centre (2.4), the preschool evaluation status (3.4b) and the
satisfaction survey by respondent group (4). School resources (3.4a) come by Excel import
(`assessment.datasets`), evidence files through `assessment.evidence`.

A county editor writes only their own county's materials, while the city's assessment of the
year is open and the county's "assessment materials" return is editable
(`workflow.ensure_editable`); every write is audited through django-auditlog's signals.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from assessment.models import DevelopmentCentre, PreschoolStatus, SatisfactionSurvey
from assessment.services import AssessmentError, ensure_assessment_open
from jiangmen_edu.models import Section, Unit, User
from jiangmen_edu.permissions import editor_unit
from jiangmen_edu.workflow import ensure_editable, lock_reason_for

Group = SatisfactionSurvey.Group


def _begin(user: User, unit: Unit, year: int) -> None:
    """Who may write, and when; call inside the transaction that writes."""
    editor_unit(user, unit)
    if not unit.is_assessed:
        raise AssessmentError(_("Only the seven counties are assessed."))
    ensure_assessment_open(year)
    ensure_editable(unit=unit, year=year, section=Section.ASSESSMENT)


def materials_lock_reason(*, unit: Unit, year: int) -> str:
    """Why the county cannot change its materials of the year now, or "" when it can."""
    try:
        ensure_assessment_open(year)
    except AssessmentError as error:
        return str(error)
    return lock_reason_for(unit=unit, year=year, section=Section.ASSESSMENT)


def _save(model, lookup: dict, values: dict):
    record = model.objects.select_for_update().filter(**lookup).first() or model(**lookup)
    for name, value in values.items():
        setattr(record, name, value)
    record.full_clean()
    record.save()
    return record


def centre_save(
    *,
    unit: Unit,
    year: int,
    user: User,
    venue: Decimal,
    equipment: Decimal,
    training: Decimal,
) -> DevelopmentCentre:
    """Item 2.4: the centre's venue and equipment completion and training conducted, 0–1."""
    with transaction.atomic():
        _begin(user, unit, year)
        return _save(
            DevelopmentCentre,
            {"unit": unit, "year": year},
            {"venue": venue, "equipment": equipment, "training": training},
        )


def preschool_save(*, unit: Unit, year: int, user: User, status: str) -> PreschoolStatus:
    """Item 3.4b: where the county stands in the preschool evaluation (I-5 when not applied)."""
    if status not in PreschoolStatus.Status.values:
        raise ValidationError({"status": _("Choose a status.")})
    with transaction.atomic():
        _begin(user, unit, year)
        return _save(PreschoolStatus, {"unit": unit, "year": year}, {"status": status})


def survey_save(
    *, unit: Unit, year: int, user: User, groups: dict[str, tuple[int, int] | None]
) -> list[SatisfactionSurvey]:
    """Item 4: satisfied and respondents per group surveyed (I-10). A group given as None is
    not surveyed: its row, if any, is removed."""
    errors = {}
    for group, counts in groups.items():
        if group not in Group.values:
            raise ValidationError(_("Unknown respondent group."))
        if counts is None:
            continue
        satisfied, respondents = counts
        if min(satisfied, respondents) < 0:
            errors[f"{group}_respondents"] = _("Counts cannot be negative.")
        elif satisfied > respondents:
            errors[f"{group}_satisfied"] = _("More satisfied than respondents.")
    if errors:
        raise ValidationError(errors)
    saved = []
    with transaction.atomic():
        _begin(user, unit, year)
        for group, counts in groups.items():
            if counts is None:
                for row in SatisfactionSurvey.objects.filter(unit=unit, year=year, group=group):
                    row.delete()
                continue
            satisfied, respondents = counts
            saved.append(
                _save(
                    SatisfactionSurvey,
                    {"unit": unit, "year": year, "group": group},
                    {"satisfied": satisfied, "respondents": respondents},
                )
            )
    return saved
