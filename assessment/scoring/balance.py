"""Balance coefficients (差异系数) of item 3.4a, computed exactly
(docs/rules.md#balance-coefficients).

For each of the 7 resource indicators, per stage, over the county's schools of that stage, with
P_i the school's students, X_i its value, P = ΣP_i and X̄ = ΣP_iX_i / P (the county value):

    CV = sqrt(Σ (P_i / P)(X_i − X̄)²) / X̄

Means and variances are `Fraction`s; the comparison with a threshold squares both sides, so it
is exact (I-7); the displayed value is a Decimal square root at 50 significant digits.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from enum import StrEnum
from fractions import Fraction
from math import isqrt

Number = int | Decimal | Fraction

PRIMARY = "primary"
JUNIOR = "junior"
BALANCE_STAGES: tuple[str, ...] = (PRIMARY, JUNIOR)
STAGE_LABELS = {PRIMARY: "小学", JUNIOR: "初中"}

# The 7 resource indicators, in the order of docs/rules.md#balance-coefficients; a school's `values`
# follow this order.
BALANCE_INDICATORS: tuple[tuple[str, str], ...] = (
    ("qualified_teachers", "每百名学生拥有高于规定学历教师数"),
    ("backbone_teachers", "每百名学生拥有县级以上骨干教师数"),
    ("pe_arts_teachers", "每百名学生拥有体育、艺术（美术、音乐）专任教师数"),
    ("teaching_area", "生均教学及辅助用房面积"),
    ("sports_area", "生均体育运动场馆面积"),
    ("equipment_value", "生均教学仪器设备值"),
    ("multimedia_classrooms", "每百名学生拥有网络多媒体教室数"),
)
INDICATOR_KEYS: tuple[str, ...] = tuple(key for key, _label in BALANCE_INDICATORS)
INDICATOR_LABELS: dict[str, str] = dict(BALANCE_INDICATORS)

DEFAULT_MIN_STUDENTS = 50
PRECISION = 50


def per_hundred_students(count: Number, students: int) -> Fraction:
    """An indicator "per 100 students" exactly (indicators 1, 2, 3 and 7)."""
    if students <= 0:
        raise ValueError("a school with no students has no per-student value")
    return Fraction(count) * 100 / students


def per_student(amount: Number, students: int) -> Fraction:
    """An indicator "per student" exactly (m² or yuan: indicators 4, 5 and 6)."""
    if students <= 0:
        raise ValueError("a school with no students has no per-student value")
    return Fraction(amount) / students


@dataclass(frozen=True)
class Dispersion:
    """The exact parts of one coefficient: the county value X̄ and Σ (P_i/P)(X_i − X̄)²."""

    mean: Fraction
    variance: Fraction
    schools: int

    def value(self) -> Decimal | None:
        """CV as a Decimal at 50 significant digits; None when X̄ is 0 (CV undefined).

        Computed as sqrt(variance / X̄²) with one square root, exact when that is a square
        of a rational (so a CV of exactly 0.5 shows as 0.5, not 0.4999…).
        """
        if self.mean == 0:
            return None
        squared = self.variance / (self.mean * self.mean)
        with localcontext() as context:
            context.prec = PRECISION
            root_n, root_d = isqrt(squared.numerator), isqrt(squared.denominator)
            if root_n * root_n == squared.numerator and root_d * root_d == squared.denominator:
                return Decimal(root_n) / Decimal(root_d)
            context.prec = PRECISION + 10
            square = Decimal(squared.numerator) / Decimal(squared.denominator)
            context.prec = PRECISION
            return square.sqrt()

    def at_most(self, threshold: Number) -> bool | None:
        """CV ≤ threshold, exactly (I-7; "低于" includes the number); None when undefined."""
        if self.mean == 0:
            return None
        limit = Fraction(threshold)
        if limit < 0:
            return False
        return self.variance <= limit * limit * self.mean * self.mean


def dispersion(schools: Sequence[tuple[int, Number]]) -> Dispersion | None:
    """Item 3.4a (docs/rules.md#item-3-4a): X̄ = ΣP_iX_i / P and Σ (P_i/P)(X_i − X̄)², exactly, of
    (students, value) pairs; None without any students."""
    total = 0
    weighted = Fraction(0)
    for students, value in schools:
        if students < 0 or Fraction(value) < 0:
            raise ValueError("students and values cannot be negative")
        total += students
        weighted += students * Fraction(value)
    if total == 0:
        return None
    mean = weighted / total
    variance = sum(
        (Fraction(students, total) * (Fraction(value) - mean) ** 2 for students, value in schools),
        Fraction(0),
    )
    return Dispersion(mean, variance, sum(1 for students, _value in schools if students > 0))


def coefficient(schools: Sequence[tuple[int, Number]]) -> Decimal | None:
    """Item 3.4a (docs/rules.md#item-3-4a): the balance coefficient of (students, value) pairs.

    CV = sqrt(Σ (P_i/P)(X_i − X̄)²) / X̄, computed with Fractions and one Decimal square root at
    50 significant digits. None when there are no students, or when X̄ is 0 (every school has
    0: the formula divides by zero). Compare with `within` for an exact verdict (I-7).
    """
    result = dispersion(schools)
    return None if result is None else result.value()


def within(schools: Sequence[tuple[int, Number]], threshold: Number) -> bool | None:
    """Item 3.4a (docs/rules.md#item-3-4a): CV ≤ threshold, exactly (I-7); None when CV is
    undefined."""
    result = dispersion(schools)
    return None if result is None else result.at_most(threshold)


# ---------------------------------------------------------------------------------------------
# Which schools count


class SchoolKind(StrEnum):
    REGULAR = "regular"
    SPECIAL = "special"  # special-education school: excluded
    VOCATIONAL = "vocational"  # secondary vocational school: excluded


@dataclass(frozen=True)
class StageFigures:
    """One school's figures for one stage: its students and the 7 indicator values, in
    `BALANCE_INDICATORS` order (use `per_hundred_students` / `per_student` for exact values)."""

    students: int
    values: tuple[Number, ...]

    def __post_init__(self) -> None:
        if len(self.values) != len(BALANCE_INDICATORS):
            raise ValueError(f"expected {len(BALANCE_INDICATORS)} indicator values")
        if self.students < 0:
            raise ValueError("students cannot be negative")


@dataclass(frozen=True)
class SchoolRecord:
    """A school as item 3.4a sees it. `figures` maps "primary" / "junior" to that part's own
    figures: a 9-year school has both, and counts in both stages."""

    code: str
    figures: Mapping[str, StageFigures] = field(default_factory=dict)
    kind: SchoolKind = SchoolKind.REGULAR
    is_teaching_point: bool = False

    @property
    def students(self) -> int:
        return sum(figures.students for figures in self.figures.values())


def counts_for_balance(record: SchoolRecord, min_students: int = DEFAULT_MIN_STUDENTS) -> bool:
    """docs/rules.md#balance-coefficients: special-education and vocational schools never count;
    a teaching point counts only with at least `min_students` students (< 50 is excluded)."""
    if record.kind is not SchoolKind.REGULAR:
        return False
    return not (record.is_teaching_point and record.students < min_students)


def stage_samples(
    records: Iterable[SchoolRecord],
    stage: str,
    indicator: str,
    min_students: int = DEFAULT_MIN_STUDENTS,
) -> list[tuple[int, Number]]:
    """Item 3.4a (docs/rules.md#item-3-4a): the (students, value) pairs of one indicator over the
    schools that count in `stage` (`counts_for_balance`), each with its own figures for that
    stage."""
    position = INDICATOR_KEYS.index(indicator)
    return [
        (record.figures[stage].students, record.figures[stage].values[position])
        for record in records
        if stage in record.figures and counts_for_balance(record, min_students)
    ]


def stage_dispersions(
    records: Sequence[SchoolRecord], stage: str, min_students: int = DEFAULT_MIN_STUDENTS
) -> dict[str, Dispersion | None]:
    """Item 3.4a (docs/rules.md#item-3-4a): the 7 coefficients of one stage, exactly, by indicator
    key."""
    return {
        key: dispersion(stage_samples(records, stage, key, min_students)) for key in INDICATOR_KEYS
    }
