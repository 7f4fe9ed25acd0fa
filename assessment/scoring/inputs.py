"""The plain inputs of each item of the indicator table (docs/rules.md#indicator-table): counts,
amounts, fractions and assessors' scores.

Selectors fill these from a county-year's approved data; tests build them by hand. They check
only what is wrong whatever the year's configuration (negative counts, 93 holders of 90
teachers, a fraction above 1) and raise ValueError. Whether a score fits an item's configured
maximum is checked when the item is scored, which then says why it cannot be scored.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from assessment.scoring.balance import BALANCE_INDICATORS, Dispersion, SchoolRecord
from assessment.scoring.result import points_text

Number = int | Decimal | Fraction


def _counts(**counts: int) -> None:
    for name, value in counts.items():
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{name} must be a whole number, not {value!r}")
        if value < 0:
            raise ValueError(f"{name} cannot be negative")


def _fraction_0_1(name: str, value: Number) -> None:
    if not 0 <= Fraction(value) <= 1:
        raise ValueError(f"{name} must be a fraction between 0 and 1, not {value}")


@dataclass(frozen=True)
class Missing:
    """An item's data is not there yet (not entered, not approved): the reason, in Chinese."""

    reason: str


@dataclass(frozen=True)
class AssessorScore:
    """An inspection-team score with its written reason (docs/rules.md#roles,
    docs/rules.md#indicator-table)."""

    score: Decimal
    reason: str

    def __post_init__(self) -> None:
        if not isinstance(self.score, Decimal):
            object.__setattr__(self, "score", Decimal(str(self.score)))

    def as_inputs(self, max_points: Decimal) -> dict[str, str]:
        """The score as an item's JSON-safe `inputs` entry."""
        return {"score": str(self.score), "reason": self.reason, "max": str(max_points)}

    def problem(self, max_points: Decimal) -> str | None:
        """Why this score cannot stand against `max_points` (Chinese), or None."""
        if not self.reason.strip():
            return "检查组评分缺少评分理由"
        if not 0 <= Decimal(self.score) <= max_points:
            return f"检查组评分 {self.score} 分不在 0–{points_text(max_points)} 分范围内"
        return None


# Item 1 -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponsibilityInputs:
    """Item 1 (docs/rules.md#item-1): two parts scored by the assessor, 0–5 each."""

    teacher_policy: AssessorScore | None
    seat_supply: AssessorScore | None


# Item 2.1 ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StageCount:
    """Full-time teachers of a stage holding the "one level higher" degree, of all of them."""

    holders: int
    total: int

    def __post_init__(self) -> None:
        _counts(holders=self.holders, total=self.total)
        if self.holders > self.total:
            raise ValueError(f"{self.holders} degree holders of {self.total} teachers")


@dataclass(frozen=True)
class DegreeInputs:
    """Item 2.1 (docs/rules.md#item-2-1), per stage (senior_stage: general high school and
    vocational)."""

    kindergarten: StageCount
    primary: StageCount
    junior: StageCount
    senior_stage: StageCount

    def stage(self, key: str) -> StageCount:
        return getattr(self, key)


# Item 2.2 ---------------------------------------------------------------------------------------


class ResearcherCoverage(StrEnum):
    """What the researcher roster shows; values match item 2.2's parameter keys."""

    ALL_STAGES_AND_SUBJECTS = "all_stages_and_subjects"
    SUBJECTS_ONLY = "subjects_only"
    NONE = "none"


@dataclass(frozen=True)
class ResearcherInputs:
    """Item 2.2 (docs/rules.md#item-2-2): the roster-based suggestion and the assessor's decision.

    `uncovered`: the stage × subject cells without a full-time researcher, for the gap text.
    `stated_none`: the roster is empty and the county states it has no researchers (I-11), so
    the suggestion is `NONE`. `why_no_suggestion`: why `suggestion` is None, in Chinese.
    """

    suggestion: ResearcherCoverage | None
    assessor: AssessorScore | None
    uncovered: tuple[str, ...] = ()
    stated_none: bool = False
    why_no_suggestion: str = ""

    def __post_init__(self) -> None:
        if self.stated_none and self.suggestion is not ResearcherCoverage.NONE:
            raise ValueError("a county without researchers can only be suggested none")


# Items 2.3b, 2.3c ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TempPayInputs:
    """Item 2.3b (docs/rules.md#item-2-3b): yearly pay totals and head counts (people with a
    recorded pay)."""

    temp_pay_total: Decimal
    temp_paid: int
    on_staff_pay_total: Decimal
    on_staff_paid: int

    def __post_init__(self) -> None:
        _counts(temp_paid=self.temp_paid, on_staff_paid=self.on_staff_paid)
        if self.temp_pay_total < 0 or self.on_staff_pay_total < 0:
            raise ValueError("pay cannot be negative")

    @classmethod
    def from_averages(cls, temp_average: Decimal, on_staff_average: Decimal) -> "TempPayInputs":
        return cls(Decimal(temp_average), 1, Decimal(on_staff_average), 1)


@dataclass(frozen=True)
class TempRatioInputs:
    """Item 2.3c (docs/rules.md#item-2-3c): public schools' temporary teachers, on-staff staff
    (在编教职工), and last year's temporary teachers (None: no figure, I-3).

    `last_year_pending`: why last year's count cannot be used yet (its return is not approved,
    I-11), in Chinese; the item then cannot be scored yet when the ratio needs the comparison.
    """

    temps: int
    on_staff: int
    last_year_temps: int | None
    last_year_pending: str = ""

    def __post_init__(self) -> None:
        _counts(temps=self.temps, on_staff=self.on_staff)
        if self.last_year_temps is not None:
            _counts(last_year_temps=self.last_year_temps)
            if self.last_year_pending:
                raise ValueError("a last-year count that cannot be used yet was given")


# Item 2.4 ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CentreInputs:
    """Item 2.4 (docs/rules.md#item-2-4): completion of the venue and the equipment, training
    conducted, 0–1."""

    venue: Number
    equipment: Number
    training: Number
    reason: str = ""

    def __post_init__(self) -> None:
        for name in ("venue", "equipment", "training"):
            _fraction_0_1(name, getattr(self, name))


# Item 3.1 ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeatDelivery:
    """New public quality seats delivered in the year, and the year's task."""

    delivered: int
    task: int

    def __post_init__(self) -> None:
        _counts(delivered=self.delivered, task=self.task)


@dataclass(frozen=True)
class NewSeatsInputs:
    """Item 3.1 (docs/rules.md#item-3-1), per stage."""

    preschool: SeatDelivery
    compulsory: SeatDelivery
    high_school: SeatDelivery

    def stage(self, key: str) -> SeatDelivery:
        return getattr(self, key)


# Items 3.2a, 3.2bc ----------------------------------------------------------------------------


@dataclass(frozen=True)
class EnrolmentInputs:
    """Item 3.2a (docs/rules.md#item-3-2a): compulsory students in public schools (incl.
    government-purchased seats) and all compulsory students."""

    public: int
    total: int

    def __post_init__(self) -> None:
        _counts(public=self.public, total=self.total)
        if self.public > self.total:
            raise ValueError(f"{self.public} public students of {self.total}")


@dataclass(frozen=True)
class RestructuringInputs:
    """Item 3.2bc (docs/rules.md#item-3-2bc): the share's counts, private seats converted so far,
    and the unit's "private seats to convert" (需压缩民办学位数) task."""

    public: int
    total: int
    converted: int
    to_convert: int

    def __post_init__(self) -> None:
        _counts(
            public=self.public,
            total=self.total,
            converted=self.converted,
            to_convert=self.to_convert,
        )
        if self.public > self.total:
            raise ValueError(f"{self.public} public students of {self.total}")


# Item 3.3 ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardingInputs:
    """Item 3.3 (docs/rules.md#item-3-3): the boarding-seat target and the seats completed; task 0 =
    no task."""

    task: int
    completed: int = 0

    def __post_init__(self) -> None:
        _counts(task=self.task, completed=self.completed)

    @classmethod
    def no_task(cls) -> "BoardingInputs":
        return cls(task=0, completed=0)

    @property
    def has_task(self) -> bool:
        return self.task > 0


# Item 3.4a --------------------------------------------------------------------------------------

Coefficient = Decimal | Dispersion | None


@dataclass(frozen=True)
class BalanceInputs:
    """Item 3.4a (docs/rules.md#item-3-4a): the 7 primary and the 7 junior coefficients, in
    `BALANCE_INDICATORS` order (a Decimal, an exact `Dispersion`, or None when not computable), or
    the per-school records to compute them from (`schools`), filtered with the configured
    minimum."""

    primary: tuple[Coefficient, ...] = ()
    junior: tuple[Coefficient, ...] = ()
    schools: tuple[SchoolRecord, ...] | None = None

    def __post_init__(self) -> None:
        if self.schools is None:
            for name in ("primary", "junior"):
                if len(getattr(self, name)) != len(BALANCE_INDICATORS):
                    raise ValueError(f"{name}: expected {len(BALANCE_INDICATORS)} coefficients")

    @classmethod
    def from_schools(cls, schools: Sequence[SchoolRecord]) -> "BalanceInputs":
        return cls(schools=tuple(schools))


# Item 3.4b --------------------------------------------------------------------------------------


class PreschoolStatus(StrEnum):
    CITY_CHECK = "city_check"  # passed the city's preliminary check (通过市级初核)
    PROVINCIAL = "provincial"  # passed the provincial evaluation (通过省级评估)
    NATIONAL = "national"  # recognised nationally (被认定为全国学前教育普及普惠县)
    NOT_APPLIED = "not_applied"  # 未申报: the assessor scores the materials


@dataclass(frozen=True)
class PreschoolInputs:
    """Item 3.4b (docs/rules.md#item-3-4b): the status, and the assessor's 0–4 when not applied
    (I-5)."""

    status: PreschoolStatus
    assessor: AssessorScore | None = None


# Item 4 -----------------------------------------------------------------------------------------


class SurveyGroup(StrEnum):
    DEPUTIES = "deputies"  # 人大代表
    CPPCC = "cppcc"  # 政协委员
    PRINCIPALS = "principals"
    TEACHERS = "teachers"
    PARENTS = "parents"
    STUDENTS = "students"


SURVEY_GROUP_LABELS = {
    SurveyGroup.DEPUTIES: "人大代表",
    SurveyGroup.CPPCC: "政协委员",
    SurveyGroup.PRINCIPALS: "校长",
    SurveyGroup.TEACHERS: "教师",
    SurveyGroup.PARENTS: "家长",
    SurveyGroup.STUDENTS: "学生",
}


@dataclass(frozen=True)
class GroupResponses:
    group: str
    satisfied: int
    respondents: int

    def __post_init__(self) -> None:
        _counts(satisfied=self.satisfied, respondents=self.respondents)
        if self.satisfied > self.respondents:
            raise ValueError(f"{self.satisfied} satisfied of {self.respondents} respondents")


@dataclass(frozen=True)
class SatisfactionInputs:
    """Item 4 (docs/rules.md#item-4): satisfied and respondents per group surveyed."""

    groups: tuple[GroupResponses, ...] = field(default_factory=tuple)
