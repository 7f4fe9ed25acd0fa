"""The result of scoring one item, and the number formats its Chinese sentences use
(docs/rules.md#assessment).

Scores are `Decimal`s rounded half-up to 2 places (docs/rules.md#rounding: "item scores are rounded
half-up to 2 decimals; the total is the sum of rounded items"). Shares are shown as percentages
to 2 decimals, coefficients to 3 decimals (I-7); rounding is for display and for the final item
score only, never for a comparison with a threshold.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from math import floor
from typing import Any

Number = int | Decimal | Fraction

CENT = Decimal("0.01")


@dataclass(frozen=True)
class ItemResult:
    """One indicator of one county-year, scored (or not yet scorable, `score` None).

    `inputs` is JSON-safe (ints, strings, bools, None, lists, dicts): the figures the item used
    and the thresholds applied. `explanation` and `gap` are report text in Chinese. `notes` are
    the codes of the 口径说明 (I-1 … I-10, `notes.NOTES`) that applied. `flagged` asks a human
    to look: a guessed figure (I-3), an invalid entry, a value that cannot be computed.
    """

    code: str
    score: Decimal | None
    max_points: Decimal
    inputs: dict[str, Any]
    explanation: str
    gap: str = ""
    notes: list[str] = field(default_factory=list)
    flagged: bool = False

    def __post_init__(self) -> None:
        # Each note once, in I-n order, whatever order the rules met them in.
        ordered = sorted(set(self.notes), key=lambda code: int(code.split("-")[1]))
        object.__setattr__(self, "notes", ordered)

    @property
    def scored(self) -> bool:
        return self.score is not None

    @property
    def missing_points(self) -> Decimal | None:
        return None if self.score is None else self.max_points - self.score

    def as_dict(self) -> dict[str, Any]:
        """The item as `assess --format json` shows it, numbers as JSON numbers
        (docs/rules.md#assess-json)."""
        return {
            "code": self.code,
            "score": None if self.score is None else float(self.score),
            "max": json_number(self.max_points),
            "inputs": self.inputs,
            "explanation": self.explanation,
            "gap": self.gap,
            "notes": list(self.notes),
            "flagged": self.flagged,
        }


def round_half_up(value: Number) -> Decimal:
    """`value` rounded half-up (away from zero) to 2 places, exactly, also for a Fraction.

    docs/rules.md#rounding: item scores are rounded half-up to 2 decimals. A Fraction is rounded
    with integer arithmetic, so 1/8 = 0.125 becomes 0.13 and nothing is rounded twice.
    """
    exact = Fraction(value)
    sign = -1 if exact < 0 else 1
    cents = floor(abs(exact) * 100 + Fraction(1, 2))
    return (Decimal(sign * cents) / 100).quantize(CENT)


# What a part of a sentence may end with (a typed reason often ends in 。); the joiner puts its
# own punctuation there, so that no text reads "。；" or "。。".
TRAILING = "。；;，,.、 \u3000\n"


def clause(text: object) -> str:
    """A part of a sentence without the punctuation it ends with: "名册核实。" → "名册核实"."""
    return str(text).strip().rstrip(TRAILING)


def join_sentences(parts: Iterable[object], sep: str = "；", end: str = "") -> str:
    """The one way report text joins its parts (explanations, reasons, gaps): each part loses
    the punctuation it ends with, empty parts are left out, `sep` goes between the parts and
    `end` after the last one. "" when no part has text."""
    kept = [text for text in (clause(part) for part in parts) if text]
    return sep.join(kept) + end if kept else ""


def pending(
    code: str,
    max_points: Decimal,
    reason: str,
    *,
    inputs: dict[str, Any] | None = None,
    notes: list[str] | None = None,
    flagged: bool = False,
) -> ItemResult:
    """An item that cannot be scored yet: score null, and the reason in Chinese
    (docs/rules.md#assess-json)."""
    return ItemResult(
        code=code,
        score=None,
        max_points=Decimal(max_points),
        inputs=inputs or {},
        explanation=f"暂不能计分：{clause(reason)}",
        notes=notes or [],
        flagged=flagged,
    )


# ---------------------------------------------------------------------------------------------
# Number formats of the report text


def json_number(value: Decimal) -> int | float:
    """A Decimal as a JSON number: 16 for 16.00, 2.5 for 2.50."""
    return int(value) if value == value.to_integral_value() else float(value)


def points_text(value: Number) -> str:
    """Points without trailing zeros: 12, 3.16, 2.5 (after rounding half-up to 2 places)."""
    return _plain(round_half_up(value))


def percent_text(value: Number) -> str:
    """A share as a percentage to 2 decimals, rounded half-up: 0.912 → "91.20%" (I-7)."""
    cents = round_half_up(Fraction(value) * 100)
    return f"{cents}%"


def threshold_percent_text(value: Number) -> str:
    """A configured threshold as written in the rules: 0.93 → "93%", 0.925 → "92.5%"."""
    return f"{_plain(Decimal(Fraction(value).numerator * 100) / Fraction(value).denominator)}%"


def share_text(value: Fraction, threshold: Fraction | None = None) -> str:
    """A share to 2 decimals of a percent; when that display equals the threshold but the exact
    value falls on the other side, say so, so "93.00%" never appears to fail 93 % unexplained."""
    text = percent_text(value)
    if threshold is not None and text == percent_text(threshold) and value != threshold:
        side = "略高于" if value > threshold else "略低于"
        text += f"（精确值{side}{threshold_percent_text(threshold)}）"
    return text


def coefficient_text(value: Decimal, threshold: Decimal | None = None) -> str:
    """A coefficient to 3 decimals, rounded half-up, with the same caveat as `share_text`."""
    text = str(value.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP))
    if (
        threshold is not None
        and Decimal(text) == threshold.quantize(Decimal("0.001"))
        and value != threshold
    ):
        side = "略高于" if value > threshold else "略低于"
        text += f"（精确值{side} {threshold}）"
    return text


def decimal_string(value: Number, places: int = 6) -> str:
    """An exact value as a JSON-safe string, half-up to `places` decimals, for `inputs`."""
    exact = Fraction(value)
    scale = 10**places
    sign = -1 if exact < 0 else 1
    units = floor(abs(exact) * scale + Fraction(1, 2))
    return str((Decimal(sign * units) / scale).quantize(Decimal(1).scaleb(-places)))


def yuan_text(value: Number, *, up: bool = False) -> str:
    """An amount of yuan to the cent: half-up, or rounded up (`up`) for an amount still needed."""
    exact = Fraction(value)
    cents = -floor(-exact * 100) if up else floor(exact * 100 + Fraction(1, 2))
    return str((Decimal(cents) / 100).quantize(CENT))


def check_config(config: Any, code: str) -> None:
    """Refuse another item's configuration: scoring 2.1 with 2.3c's thresholds is a bug."""
    if config.code != code:
        raise ValueError(f"item {code} scored with the configuration of item {config.code}")


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
