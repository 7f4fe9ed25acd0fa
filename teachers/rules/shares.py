"""A count of people against a target share, and the gap to target in people.

docs/rules.md#i-7: a share is a `Fraction` of two counts, compared exactly; `percent_text` rounds
for display only. docs/rules.md#value-added: the gap is said in people ("小学还需 37 名…").
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from math import ceil

from teachers.models import Degree


@dataclass(frozen=True)
class ShareResult:
    """`count` of `total` people against a target share.

    `share` and `passed` are None when there is nobody to count: such a figure is not assessed
    (docs/rules.md#i-1). `people_needed` is the gap to target in people, 0 when met or not assessed.
    """

    key: str
    count: int
    total: int
    target: Fraction
    share: Fraction | None
    passed: bool | None
    people_needed: int
    min_degree: Degree | None = None

    @property
    def assessed(self) -> bool:
        return self.total > 0


def people_needed(holders: int, total: int, target: Fraction) -> int:
    """The smallest n such that (holders + n) / total >= target, with total fixed.

    Read as "n more of the existing teachers need the degree" (an upgrade, not extra hires),
    so the denominator does not move; this is how the pages phrase the gap ("小学还需 37 名本科
    以上学历专任教师…", docs/rules.md#value-added). 0 when already met or when total is 0 (I-1).
    """
    _check_counts(holders, total)
    if total == 0:
        return 0
    return max(0, ceil(target * total) - holders)


def share_against(key: str, count: int, total: int, target: Fraction) -> ShareResult:
    """A share compared exactly with its target (docs/rules.md#i-7); not assessed when total is
    0."""
    _check_counts(count, total)
    if total == 0:
        return ShareResult(key, count, total, target, None, None, 0)
    share = Fraction(count, total)
    return ShareResult(
        key, count, total, target, share, share >= target, people_needed(count, total, target)
    )


def _check_counts(count: int, total: int) -> None:
    if count < 0 or total < 0 or count > total:
        raise ValueError(f"invalid counts: {count} of {total}")


def percent_text(value: Fraction) -> str:
    """A share as a percentage to 2 decimals, half up: for display only (docs/rules.md#i-7)."""
    with localcontext() as context:
        context.prec = 28
        percent = Decimal(value.numerator * 100) / Decimal(value.denominator)
    return f"{percent.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"
