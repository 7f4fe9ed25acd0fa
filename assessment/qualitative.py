"""The assessor workbench (docs/rules.md#roles, the inspection team): what waits to be scored,
the allowed values of each item, and the service that records a score with its reason.

Qualitative items: 1 (two parts, 0–5 each), 2.2 (one of 0 / 5 / 10, with a suggestion from
the researcher roster), 2.3a (0–2) and 3.4b when the county has not applied (0–4, I-5); the
ranges come from the year's configuration for the county's region.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment.gather import (
    approved_sections,
    counties,
    researcher_inputs,
    teacher_figures,
    year_configs,
)
from assessment.models import AssessmentYear, Evidence, PreschoolStatus, QualitativeScore
from assessment.scoring import ItemConfig
from assessment.scoring.other_items import RESPONSIBILITY_PARTS
from assessment.scoring.teachers_items import researcher_values, suggestion_text
from assessment.services import AssessmentError
from jiangmen_edu.models import Role, Section, Unit, User
from jiangmen_edu.permissions import require_role

QUALITATIVE_ITEMS = ("1", "2.2", "2.3a", "3.4b")
SCORERS = frozenset({Role.ASSESSOR, Role.CITY_ADMIN})
PART_LABELS = {
    "teacher_policy": gettext_lazy("Teacher-policy results"),
    "seat_supply": gettext_lazy("Seat-supply plan and its execution"),
}


@dataclass(frozen=True)
class ScoreRange:
    """What one score (or one part of item 1) may be: 0 to `maximum` in steps of 0.01, or
    one of `choices`."""

    maximum: Decimal
    choices: tuple[Decimal, ...] = ()
    label: str = ""

    def problem(self, value: Decimal | None) -> str | None:
        if value is None:
            return _("Enter a score.")
        if value.as_tuple().exponent < -2:
            return _("Use at most two decimal places.")
        if self.choices and value not in self.choices:
            allowed = ", ".join(_plain(choice) for choice in self.choices)
            return _("The score must be one of %(values)s.") % {"values": allowed}
        if not 0 <= value <= self.maximum:
            return _("The score must be between 0 and %(max)s.") % {"max": _plain(self.maximum)}
        return None

    @property
    def text(self) -> str:
        if self.choices:
            return " / ".join(_plain(choice) for choice in self.choices)
        return f"0–{_plain(self.maximum)}"


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def score_ranges(code: str, config: ItemConfig) -> dict[str, ScoreRange]:
    """The allowed values of a qualitative item, by part ("" for an item of one score)."""
    if code == "1":
        return {
            key: ScoreRange(config.decimal("parts", key), label=str(PART_LABELS.get(key, key)))
            for key, _label in RESPONSIBILITY_PARTS
        }
    if code == "2.2":
        values = {
            Decimal(0),
            config.decimal("subjects_only"),
            config.decimal("all_stages_and_subjects"),
        }
        return {"": ScoreRange(config.max_points, tuple(sorted(values)))}
    if code == "3.4b":
        return {"": ScoreRange(min(config.decimal("not_applied_max"), config.max_points))}
    if code == "2.3a":
        return {"": ScoreRange(config.max_points)}
    raise ValueError(f"{code} is not a qualitative item")


def as_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        return None


def _check_scorer(assessment: AssessmentYear, user: User) -> None:
    require_role(user, SCORERS)
    if assessment.status == AssessmentYear.Status.PUBLISHED and user.role != Role.CITY_ADMIN:
        raise AssessmentError(
            _(
                "The results of %(year)s are published; only a city administrator can change "
                "a score now, for a new run."
            )
            % {"year": assessment.year}
        )


def needs_assessor(code: str, preschool_status: str | None) -> bool:
    """3.4b is the assessor's only when the county has not applied (I-5)."""
    return code != "3.4b" or preschool_status == PreschoolStatus.Status.NOT_APPLIED


def qualitative_score_save(
    *,
    assessment: AssessmentYear,
    unit: Unit,
    code: str,
    user: User,
    score=None,
    reason: str = "",
    parts: dict[str, tuple[object, str]] | None = None,
) -> QualitativeScore:
    """Record an assessor's score of a qualitative item for a county, with a written reason.

    Item 1 takes `parts` ({"teacher_policy": (score, reason), "seat_supply": (…)}); the
    others take `score` and `reason`. Refusals raise ValidationError keyed by form field
    (`score`, `reason`, `teacher_policy_score`, …) or AssessmentError.
    """
    _check_scorer(assessment, user)
    if code not in QUALITATIVE_ITEMS:
        raise AssessmentError(_("This item is not scored by the inspection team."))
    if not unit.is_assessed:
        raise AssessmentError(_("Only the seven counties are assessed."))
    config = year_configs(assessment.year)[unit.region][code]
    ranges = score_ranges(code, config)
    errors: dict[str, str] = {}
    if code == "1":
        parts = parts or {}
        stored_parts, reasons, total = {}, [], Decimal(0)
        for key, allowed in ranges.items():
            raw, part_reason = parts.get(key, (None, ""))
            value, part_reason = as_decimal(raw), (part_reason or "").strip()
            problem = allowed.problem(value)
            if problem:
                errors[f"{key}_score"] = problem
            if not part_reason:
                errors[f"{key}_reason"] = _("Give the reason for this score.")
            if problem or not part_reason:
                continue
            stored_parts[key] = {"score": str(value), "reason": part_reason}
            reasons.append(f"{PART_LABELS[key]}: {part_reason}")
            total += value
        values = {"score": total, "parts": stored_parts, "reason": "\n".join(reasons)}
    else:
        value, reason = as_decimal(score), (reason or "").strip()
        problem = ranges[""].problem(value)
        if problem:
            errors["score"] = problem
        if not reason:
            errors["reason"] = _("Give the reason for this score.")
        values = {"score": value, "parts": {}, "reason": reason}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if code == "3.4b":
            status = (
                PreschoolStatus.objects.filter(unit=unit, year=assessment.year)
                .values_list("status", flat=True)
                .first()
            )
            if not needs_assessor(code, status):
                raise AssessmentError(
                    _(
                        "Item 3.4b is scored by the inspection team only when the county has "
                        "not applied for the preschool evaluation."
                    )
                )
        record = (
            QualitativeScore.objects.select_for_update()
            .filter(assessment=assessment, unit=unit, code=code)
            .first()
        ) or QualitativeScore(assessment=assessment, unit=unit, code=code)
        for name, new in values.items():
            setattr(record, name, new)
        record.assessor = user
        record.full_clean()
        record.save()
    return record


# --- what the workbench shows ---------------------------------------------------------------


@dataclass
class WorkbenchCell:
    code: str
    needed: bool  # False: 3.4b of a county that applied (scored by its status)
    score: QualitativeScore | None
    evidence: int

    @property
    def waiting(self) -> bool:
        return self.needed and self.score is None


@dataclass
class WorkbenchRow:
    unit: Unit
    preschool_status: str | None
    cells: list[WorkbenchCell] = field(default_factory=list)

    @property
    def waiting(self) -> int:
        return sum(cell.waiting for cell in self.cells)


def workbench(assessment: AssessmentYear) -> list[WorkbenchRow]:
    """Every county × qualitative item: scored, waiting, or not needed. Four queries."""
    units = counties()
    scores = {
        (score.unit_id, score.code): score
        for score in QualitativeScore.objects.filter(assessment=assessment).select_related(
            "assessor"
        )
    }
    statuses = dict(
        PreschoolStatus.objects.filter(year=assessment.year).values_list("unit_id", "status")
    )
    evidence = Counter(
        Evidence.objects.filter(year=assessment.year, code__in=QUALITATIVE_ITEMS).values_list(
            "unit_id", "code"
        )
    )
    rows = []
    for unit in units:
        status = statuses.get(unit.pk)
        row = WorkbenchRow(unit, status)
        for code in QUALITATIVE_ITEMS:
            row.cells.append(
                WorkbenchCell(
                    code,
                    needs_assessor(code, status),
                    scores.get((unit.pk, code)),
                    evidence[(unit.pk, code)],
                )
            )
        rows.append(row)
    return rows


@dataclass(frozen=True)
class Suggestion:
    """Item 2.2's suggestion as the county's scorecard gives it: from the approved researcher
    roster only, in the scorecard's own words."""

    text: str  # the scorecard's sentence (Chinese)
    points: Decimal | None  # None: no suggestion yet, `text` says why
    uncovered: tuple[str, ...]


def researcher_suggestion(unit: Unit, year: int, config: ItemConfig) -> Suggestion:
    """What the workbench shows for item 2.2: the very suggestion the engine scores with
    (`gather.researcher_inputs`, `suggestion_text`), so that page and scorecard agree."""
    figures = None
    if Section.TEACHERS in approved_sections([unit.pk], year)[unit.pk]:
        # Only the researcher coverage is read here, not the last-year count of item 2.3c.
        figures = teacher_figures([unit.pk], year, last_year_approved=())[unit.pk]
    inputs = researcher_inputs(figures, None)
    points = None
    if inputs.suggestion is not None:
        points = researcher_values(config)[inputs.suggestion]
    return Suggestion(suggestion_text(inputs, config), points, inputs.uncovered)
