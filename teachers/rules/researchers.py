"""Teaching researchers (docs/rules.md#researchers, Annex 1 items 12–14) and their stage ×
subject coverage (docs/rules.md#researcher-coverage; docs/rules.md#item-2-2)."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from jiangmen_edu.models import Stage
from teachers.models import Degree, Subject, Title
from teachers.rules.training import researcher_training_met

RESEARCHER_MIN_TEACHING_YEARS = 6
RESEARCHER_MIN_TITLE = Title.SENIOR
RESEARCHER_MIN_DEGREE = Degree.MASTER
# "市县…分别不少于60、80天 / 60、80节": city researchers 60, county researchers 80.
RESEARCHER_GUIDANCE_DAYS = {"city": 60, "county": 80}
RESEARCHER_LESSONS_OBSERVED = {"city": 60, "county": 80}
RESEARCHER_MIN_PUBLIC_LESSONS = 5
RESEARCHER_YEARS_BEFORE_SCHOOL_PRACTICE = 5


class ResearcherFinding(StrEnum):
    TEACHING_YEARS = "teaching_years"
    TITLE_OR_DEGREE = "title_or_degree"
    TRAINING_HOURS = "training_hours"
    DUTIES_NOT_REPORTED = "duties_not_reported"
    GUIDANCE_DAYS = "guidance_days"
    LESSONS_OBSERVED = "lessons_observed"
    PUBLIC_LESSONS = "public_lessons"
    SCHOOL_PRACTICE_DUE = "school_practice_due"


@dataclass(frozen=True)
class ResearcherDutyInputs:
    level: str  # "city" or "county"
    guidance_days: int
    lessons_observed: int
    public_lessons: int
    in_post_since: int
    school_practice_done: bool


def researcher_qualification_findings(
    teaching_years: int, title: int, degree: int
) -> list[ResearcherFinding]:
    """Entry requirements (docs/rules.md#researchers, Annex 1 item 12): "6年以上教学工作经历" (≥ 6
    years) and "高级以上教师职称或研究生学历" (senior title or above, or a master's degree or
    above)."""
    findings = []
    if teaching_years < RESEARCHER_MIN_TEACHING_YEARS:
        findings.append(ResearcherFinding.TEACHING_YEARS)
    if title < RESEARCHER_MIN_TITLE and degree < RESEARCHER_MIN_DEGREE:
        findings.append(ResearcherFinding.TITLE_OR_DEGREE)
    return findings


def researcher_duty_findings(duty: ResearcherDutyInputs, year: int) -> list[ResearcherFinding]:
    """Yearly duties (docs/rules.md#researchers, Annex 1 item 14): "不少于" includes the number
    throughout.

    City researchers ≥ 60 days of school guidance and ≥ 60 lessons observed, county researchers
    ≥ 80 and ≥ 80; ≥ 5 public lessons or lectures. "在岗工作满5年后…1年以上": once
    `year − in_post_since` reaches 5 full years, a year back in a school is due until done.
    """
    findings = []
    if duty.guidance_days < RESEARCHER_GUIDANCE_DAYS[duty.level]:
        findings.append(ResearcherFinding.GUIDANCE_DAYS)
    if duty.lessons_observed < RESEARCHER_LESSONS_OBSERVED[duty.level]:
        findings.append(ResearcherFinding.LESSONS_OBSERVED)
    if duty.public_lessons < RESEARCHER_MIN_PUBLIC_LESSONS:
        findings.append(ResearcherFinding.PUBLIC_LESSONS)
    years_in_post = year - duty.in_post_since
    if years_in_post >= RESEARCHER_YEARS_BEFORE_SCHOOL_PRACTICE and not duty.school_practice_done:
        findings.append(ResearcherFinding.SCHOOL_PRACTICE_DUE)
    return findings


def researcher_findings(
    *,
    teaching_years: int,
    title: int,
    degree: int,
    training_hours: Decimal,
    duty: ResearcherDutyInputs | None,
    year: int,
) -> list[ResearcherFinding]:
    """Every researcher rule (docs/rules.md#researchers) for one researcher in one year."""
    findings = researcher_qualification_findings(teaching_years, title, degree)
    if not researcher_training_met(training_hours):
        findings.append(ResearcherFinding.TRAINING_HOURS)
    if duty is None:
        findings.append(ResearcherFinding.DUTIES_NOT_REPORTED)
    else:
        findings += researcher_duty_findings(duty, year)
    return findings


# ---------------------------------------------------------------------------------------------
# Researcher coverage (docs/rules.md#researcher-coverage; docs/rules.md#item-2-2)

_COMPULSORY_CORE = (
    Subject.CHINESE,
    Subject.MATHS,
    Subject.ENGLISH,
    Subject.MORALITY,
)
_ARTS_AND_MORE = (
    Subject.IT,
    Subject.PE,
    Subject.MUSIC,
    Subject.ART,
    Subject.LABOUR,
    Subject.MENTAL_HEALTH,
)
_SCIENCES = (
    Subject.HISTORY,
    Subject.GEOGRAPHY,
    Subject.PHYSICS,
    Subject.CHEMISTRY,
    Subject.BIOLOGY,
)
CURRICULUM_BY_STAGE: dict[str, tuple[str, ...]] = {
    Stage.PRIMARY: (*_COMPULSORY_CORE, Subject.SCIENCE, *_ARTS_AND_MORE),
    Stage.JUNIOR: (*_COMPULSORY_CORE, *_SCIENCES, *_ARTS_AND_MORE),
    Stage.SENIOR: (*_COMPULSORY_CORE, *_SCIENCES, Subject.TECHNOLOGY, *_ARTS_AND_MORE),
    Stage.KINDERGARTEN: (Subject.PRESCHOOL,),
    Stage.SPECIAL: (Subject.SPECIAL,),
}
# The (stage, subject) pairs item 2.2 requires a full-time researcher for. Source: the national
# curriculum plans (义务教育课程方案 2022: primary and junior; 普通高中课程方案 2017/2020:
# senior), with mental health and labour education in every school stage, plus preschool and
# special education, as item 2.2 (docs/rules.md#item-2-2) and the indicator table list them
# ("含学科教育、学前教育、特殊教育、心理健康教育、劳动教育"). 11 + 15 + 16 + 1 + 1 = 44 pairs.
REQUIRED_COVERAGE: frozenset[tuple[str, str]] = frozenset(
    (stage, subject) for stage, subjects in CURRICULUM_BY_STAGE.items() for subject in subjects
)
REQUIRED_SUBJECTS: frozenset[str] = frozenset(subject for _stage, subject in REQUIRED_COVERAGE)


class CoverageCategory(StrEnum):
    """Item 2.2's outcomes; values match the item's parameter keys in indicators.json."""

    ALL_STAGES_AND_SUBJECTS = "all_stages_and_subjects"  # 10 points by default
    SUBJECTS_ONLY = "subjects_only"  # 5 points by default
    NONE = "none"  # 0


@dataclass(frozen=True)
class CoverageResult:
    covered: frozenset[tuple[str, str]]  # required pairs with a researcher
    missing: tuple[tuple[str, str], ...]  # required pairs without, in curriculum order
    missing_subjects: tuple[str, ...]  # required subjects without a researcher at any stage
    category: CoverageCategory
    any_researcher: bool  # False: no researcher at all, at any stage or subject

    @property
    def required(self) -> int:
        return len(REQUIRED_COVERAGE)


def researcher_coverage(pairs: Iterable[tuple[str, str]]) -> CoverageResult:
    """The stage × subject matrix of full-time researchers and its item 2.2 suggestion.

    Item 2.2 (docs/rules.md#item-2-2): every required (stage, subject) pair covered → all stages and
    subjects (10); every required subject covered by someone, whatever the stage → subjects only
    (5); otherwise none (0). The assessor confirms the suggestion.
    """
    present = set(pairs)
    covered = frozenset(REQUIRED_COVERAGE & present)
    missing = tuple(
        (stage, subject)
        for stage, subjects in CURRICULUM_BY_STAGE.items()
        for subject in subjects
        if (stage, subject) not in present
    )
    subjects_present = {subject for _stage, subject in present}
    missing_subjects = tuple(
        sorted(REQUIRED_SUBJECTS - subjects_present, key=list(Subject.values).index)
    )
    if not missing:
        category = CoverageCategory.ALL_STAGES_AND_SUBJECTS
    elif not missing_subjects:
        category = CoverageCategory.SUBJECTS_ONLY
    else:
        category = CoverageCategory.NONE
    return CoverageResult(covered, missing, missing_subjects, category, bool(present))
