"""Temporary teachers (docs/rules.md#temporary-teachers; items 2.3b and 2.3c,
docs/rules.md#item-2-3; I-2, I-3)."""

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal, localcontext
from enum import StrEnum
from fractions import Fraction
from math import floor

TEMP_RATIO_MAX = Fraction(5, 100)
TEMP_FALL_THRESHOLD = Fraction(20, 100)
TEMP_PAY_RATIO_MIN = Fraction(70, 100)


class TempRatioCategory(StrEnum):
    """The outcomes of item 2.3c; values match the item's parameter keys in indicators.json."""

    WITHIN = "within_ratio"
    FELL_AT_LEAST_THRESHOLD = "fell_at_least_threshold"
    FELL_LESS = "fell_less"
    UNCHANGED = "unchanged"
    ROSE = "rose"
    NO_LAST_YEAR = "no_last_year"


@dataclass(frozen=True)
class TempRatioResult:
    temporary_teachers: int
    on_staff_staff: int
    last_year_temporary_teachers: int | None
    ratio: Fraction | None  # None when there are temporary teachers but no on-staff staff
    within: bool
    change: Fraction | None  # (this year − last year) / last year; negative is a fall
    category: TempRatioCategory
    flagged: bool  # I-3: no last-year figure to compare with
    teachers_over: int  # temporary teachers to replace to get within 5 %: the gap in people


def temp_ratio(
    temporary_teachers: int,
    on_staff_staff: int,
    last_year_temporary_teachers: int | None,
    *,
    ratio_max: Fraction = TEMP_RATIO_MAX,
    fall_threshold: Fraction = TEMP_FALL_THRESHOLD,
) -> TempRatioResult:
    """Item 2.3c: temporary teachers / on-staff staff of public schools, then the trend.

    Item 2.3c (docs/rules.md#item-2-3c): "低于5%" includes 5 % (note 3), so ≤ 5 % is within.
    Otherwise the count is compared with last year's: "减少20%以上" includes a 20 % fall;
    "减少不足20%" is a smaller fall; a rise is a rise. I-2: unchanged is its own category (3 points
    by default). I-3: no last-year figure is its own category, flagged. No temporary teachers at all
    is a ratio of 0, within, even with no on-staff staff to divide by.
    """
    if temporary_teachers < 0 or on_staff_staff < 0:
        raise ValueError("counts cannot be negative")
    if temporary_teachers == 0:
        ratio: Fraction | None = Fraction(0)
    elif on_staff_staff == 0:
        ratio = None
    else:
        ratio = Fraction(temporary_teachers, on_staff_staff)
    within = ratio is not None and ratio <= ratio_max
    allowed = floor(ratio_max * on_staff_staff)
    over = max(0, temporary_teachers - allowed)
    change = None
    if last_year_temporary_teachers:
        change = Fraction(
            temporary_teachers - last_year_temporary_teachers, last_year_temporary_teachers
        )
    category = _temp_category(
        within, temporary_teachers, last_year_temporary_teachers, change, fall_threshold
    )
    return TempRatioResult(
        temporary_teachers,
        on_staff_staff,
        last_year_temporary_teachers,
        ratio,
        within,
        change,
        category,
        category is TempRatioCategory.NO_LAST_YEAR,
        over,
    )


def _temp_category(
    within: bool,
    this_year: int,
    last_year: int | None,
    change: Fraction | None,
    fall_threshold: Fraction,
) -> TempRatioCategory:
    if within:
        return TempRatioCategory.WITHIN
    if last_year is None:
        return TempRatioCategory.NO_LAST_YEAR
    if this_year == last_year:
        return TempRatioCategory.UNCHANGED
    if this_year > last_year:  # includes a rise from 0, where no percentage exists
        return TempRatioCategory.ROSE
    assert change is not None  # a fall implies last_year > 0
    if -change >= fall_threshold:
        return TempRatioCategory.FELL_AT_LEAST_THRESHOLD
    return TempRatioCategory.FELL_LESS


@dataclass(frozen=True)
class PayRatioResult:
    temp_pay_total: Decimal
    temp_paid: int  # temporary teachers with a recorded pay
    on_staff_pay_total: Decimal
    on_staff_paid: int  # on-staff teachers with a recorded pay
    ratio: Fraction | None  # None: not assessed (nobody to compare)
    passed: bool | None
    pay_short: Decimal  # yuan a year the temporary average must rise to reach 70 %, rounded up


def temp_pay_ratio(
    temp_pay_total: Decimal,
    temp_paid: int,
    on_staff_pay_total: Decimal,
    on_staff_paid: int,
    *,
    minimum: Fraction = TEMP_PAY_RATIO_MIN,
) -> PayRatioResult:
    """Item 2.3b: average temporary-teacher pay / average on-staff teacher pay ≥ 70 %.

    Item 2.3b (docs/rules.md#item-2-3b): "达到在编教师70%以上" includes 70 % exactly (note 3).
    Averages are taken over the people with a recorded pay, exactly (Fractions of Decimals). With no
    temporary teachers (or no on-staff teacher pay) there is nothing to compare: not assessed, and
    the assessment app decides what that scores.
    """
    if temp_paid == 0 or on_staff_paid == 0 or on_staff_pay_total <= 0:
        return PayRatioResult(
            temp_pay_total, temp_paid, on_staff_pay_total, on_staff_paid, None, None, Decimal(0)
        )
    temp_average = Fraction(temp_pay_total) / temp_paid
    on_staff_average = Fraction(on_staff_pay_total) / on_staff_paid
    ratio = temp_average / on_staff_average
    short = max(Fraction(0), minimum * on_staff_average - temp_average)
    return PayRatioResult(
        temp_pay_total,
        temp_paid,
        on_staff_pay_total,
        on_staff_paid,
        ratio,
        ratio >= minimum,
        _yuan_up(short),
    )


def _yuan_up(value: Fraction) -> Decimal:
    with localcontext() as context:
        context.prec = 28
        amount = Decimal(value.numerator) / Decimal(value.denominator)
    return amount.quantize(Decimal("0.01"), rounding=ROUND_CEILING)
