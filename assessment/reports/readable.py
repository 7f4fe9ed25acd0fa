"""An item's `inputs` JSON, as people read it: labelled rows with formatted values.

The engine stores the figures an item used as JSON with English keys and exact values
("0.912000", "0.93", true). The scorecard page and the PDF report show the same rows, built
here: shares and thresholds as percentages to 2 decimals, balance coefficients to 3 decimals
(docs/rules.md#i-7), yes/no for flags, and the codes of degrees, coverage and statuses as words.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_lazy as _

from assessment.scoring.config import ITEM_CODES
from assessment.scoring.result import percent_text

LABELS = {
    # item 1
    "teacher_policy": _("Teacher policy and its results"),
    "seat_supply": _("Public seat supply plan and its execution"),
    # 2.1
    "kindergarten": _("Kindergarten"),
    "primary": _("Primary"),
    "junior": _("Junior secondary"),
    "senior_stage": _("Senior secondary stage"),
    "holders": _("degree holders"),
    "public": _("Public-school students"),
    "total": _("total"),
    "degree": _("degree"),
    "target": _("target"),
    "assessed": _("assessed"),
    "passed": _("target met"),
    # 2.2
    "suggestion": _("Suggestion from the researcher roster"),
    "suggested_score": _("Suggested score"),
    "uncovered": _("Stage × subject without a researcher"),
    "stated_none": _("The county states it has no teaching researchers"),
    # 2.3b, 2.3c
    "temp_pay_total": _("Temporary teachers' pay, total (yuan)"),
    "temp_paid": _("Temporary teachers paid"),
    "on_staff_pay_total": _("On-staff teachers' pay, total (yuan)"),
    "on_staff_paid": _("On-staff teachers paid"),
    "pay_ratio": _("Required pay ratio"),
    "temps": _("Temporary teachers"),
    "on_staff": _("On-staff staff"),
    "last_year_temps": _("Temporary teachers last year"),
    "ratio_max": _("Ratio threshold"),
    "fall_threshold": _("Fall threshold"),
    "ratio": _("Ratio"),
    "fall": _("Fall against last year"),
    # 2.4
    "venue": _("Venue completion"),
    "equipment": _("Equipment completion"),
    "training": _("Training conducted"),
    "fraction": _("completion"),
    "points": _("points"),
    # 3.1
    "preschool": _("Preschool"),
    "compulsory": _("Compulsory education"),
    "high_school": _("General high school"),
    "delivered": _("delivered"),
    "task": _("task"),
    "completed": _("Completed"),
    "met": _("met"),
    # 3.2a, 3.2bc
    "share_target": _("Required share"),
    "share": _("Share"),
    "converted": _("Private seats converted"),
    "to_convert": _("Private seats to convert"),
    "share_split": _("Share that sets the required completion"),
    "required_completion": _("Required completion"),
    "completion": _("Completion"),
    # 3.3
    "others": _("Other items' scores"),
    "others_score": _("Other items' scores, sum"),
    "others_max": _("Other items' maxima, sum"),
    # 3.4a
    "primary_max": _("Primary threshold"),
    "junior_max": _("Junior threshold"),
    "min_students": _("Minimum students of a school counted"),
    "schools": _("Schools counted"),
    "qualified_teachers": _("teachers above the required degree"),
    "backbone_teachers": _("backbone teachers"),
    "pe_arts_teachers": _("PE and arts teachers"),
    "teaching_area": _("teaching floor area"),
    "sports_area": _("sports ground area"),
    "equipment_value": _("equipment value"),
    "multimedia_classrooms": _("multimedia classrooms"),
    # 3.4b
    "status": _("Status"),
    # 4
    "groups": _("Respondent groups"),
    "group_weights": _("Group weights"),
    "rate": _("Satisfaction rate"),
    "deputies": _("deputies"),
    "cppcc": _("CPPCC members"),
    "principals": _("principals"),
    "teachers": _("teachers"),
    "parents": _("parents"),
    "students": _("students"),
    "satisfied": _("satisfied"),
    "respondents": _("respondents"),
    # assessor scores (items 1, 2.2, 2.3a, 2.4, 3.4b): after the figures they judge
    "assessor": _("Assessor's score"),
    "score": _("score"),
    "reason": _("reason"),
    "max": _("maximum"),
}

VALUES = {
    "associate": _("associate or above"),
    "bachelor": _("bachelor or above"),
    "master": _("master's or above"),
    "all_stages_and_subjects": _("every stage and subject covered"),
    "subjects_only": _("every subject covered, not per stage"),
    "none": _("not every subject covered"),
    "not_applied": _("not applied"),
    "city_check": _("passed the city's preliminary check"),
    "provincial": _("passed the provincial evaluation"),
    "national": _("nationally recognised"),
}

# Exact fractions stored as decimal strings, shown as percentages (I-7).
PERCENT_KEYS = frozenset(
    {
        "ratio",
        "share",
        "completion",
        "rate",
        "fraction",
        "fall",
        "target",
        "share_target",
        "share_split",
        "required_completion",
        "pay_ratio",
        "ratio_max",
        "fall_threshold",
    }
)
# Under these keys of item 3.4a the values are balance coefficients, shown to 3 decimals.
COEFFICIENT_PARENTS = frozenset({"primary", "junior"})
EMPTY = "—"
# PostgreSQL's jsonb keeps keys sorted its own way (shortest first), not as the engine wrote
# them: rows follow the order of LABELS (stages, balance indicators and groups in the order of
# docs/rules.md), then item codes in table order, then anything else by name.
KEY_ORDER = {key: index for index, key in enumerate([*LABELS, *ITEM_CODES])}


def _ordered(mapping: dict) -> list[tuple[str, Any]]:
    return sorted(
        mapping.items(), key=lambda pair: (KEY_ORDER.get(pair[0], len(KEY_ORDER)), pair[0])
    )


def readable_inputs(code: str, inputs: Any) -> list[tuple[str, str]]:
    """The rows (label, value) the scorecard shows for one item's `inputs`.

    A nested dict of scalars becomes one row ("total 100 · target 98% · …"); a deeper one
    becomes one row per child, its label prefixed with the parent's.
    """
    if not isinstance(inputs, dict):
        return [] if inputs in (None, "", [], {}) else [("", _value("", inputs))]
    rows: list[tuple[str, str]] = []
    for key, value in _ordered(inputs):
        label = _capitalised(str(LABELS.get(key, key)))
        if isinstance(value, dict):
            if not value:
                continue
            if any(isinstance(child, dict) for child in value.values()):
                for child_key, child in _ordered(value):
                    child_label = f"{label} · {LABELS.get(child_key, child_key)}"
                    rows.append((child_label, _inline(child_key, child, code=code)))
            else:
                rows.append((label, _inline(key, value, code=code)))
        else:
            rows.append((label, _value(key, value, code=code)))
    return rows


def _capitalised(label: str) -> str:
    """A row's label starts with a capital ("total" in a stage's line, "Total" on its own)."""
    return label[:1].upper() + label[1:]


def _inline(parent: str, value: Any, *, code: str) -> str:
    if not isinstance(value, dict):
        return _value(parent, value, code=code)
    coefficients = code == "3.4a" and parent in COEFFICIENT_PARENTS
    parts = []
    for key, child in _ordered(value):
        shown = _coefficient(child) if coefficients else _value(key, child, code=code)
        parts.append(f"{LABELS[key]} {shown}" if key in LABELS else f"{key}: {shown}")
    return " · ".join(parts)


def _value(key: str, value: Any, *, code: str = "") -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list):
        return "、".join(_value(key, item, code=code) for item in value) or EMPTY
    if isinstance(value, dict):
        return _inline(key, value, code=code)
    if isinstance(value, str) and value in VALUES:
        return str(VALUES[value])
    if key in PERCENT_KEYS:
        number = _decimal(value)
        if number is not None:
            return percent_text(number)
    return str(value)


def _coefficient(value: Any) -> str:
    number = _decimal(value)
    if number is None:
        return EMPTY if value in (None, "") else str(value)
    return str(number.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP))


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
