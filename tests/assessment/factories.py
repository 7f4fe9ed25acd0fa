"""Assessment results built directly through the ORM, from the scoring engine's own results.

Each county gets full-mark inputs with a few changes (`VARIANTS_2025`, `VARIANTS_2024`), so the
totals, ranks and changes are known by hand:

2025  蓬江区 97 · 开平市 96.33 · 江海区 93 = 新会区 93 · 鹤山市 92 · 恩平市 87 (2.2 pending,
      provisional) · 台山市 85.  Ranks 1, 2, 3, 3, 5, 6, 7; East 1, 2, 2, 4; West 1, 2, 3.
2024  every county 97, except 台山市 93 (2.1: kindergarten below 98 %).

The qualitative items are scored by 黄喆 (assessor) and the year is published by 林堃, names with
rare characters that the PDF must render and pypdf must extract.
"""

from decimal import Decimal

from django.utils import timezone

from assessment.models import (
    AssessmentYear,
    CountyScore,
    Evidence,
    ItemScore,
    QualitativeScore,
    ScoreRun,
)
from assessment.scoring import DEFAULTS, rank, score_county
from assessment.scoring.inputs import (
    AssessorScore,
    BalanceInputs,
    BoardingInputs,
    CentreInputs,
    DegreeInputs,
    EnrolmentInputs,
    GroupResponses,
    NewSeatsInputs,
    PreschoolInputs,
    PreschoolStatus,
    ResearcherCoverage,
    ResearcherInputs,
    ResponsibilityInputs,
    RestructuringInputs,
    SatisfactionInputs,
    SeatDelivery,
    StageCount,
    TempPayInputs,
    TempRatioInputs,
)
from jiangmen_edu.models import Role, Unit, User

D = Decimal
COUNTIES = ("440703", "440704", "440705", "440784", "440781", "440783", "440785")
ASSESSOR_NAME = "黄喆"
PUBLISHER_NAME = "林堃"


def full_marks() -> dict[str, object]:
    ok = AssessorScore(D(5), "成效显著")
    return {
        "1": ResponsibilityInputs(ok, ok),
        "2.1": DegreeInputs(*(StageCount(100, 100) for _ in range(4))),
        "2.2": ResearcherInputs(
            ResearcherCoverage.ALL_STAGES_AND_SUBJECTS, AssessorScore(D(10), "名册核实")
        ),
        "2.3a": AssessorScore(D(2), "制度健全"),
        "2.3b": TempPayInputs.from_averages(D(80000), D(100000)),
        "2.3c": TempRatioInputs(40, 1000, 50),
        "2.4": CentreInputs(1, 1, 1),
        "3.1": NewSeatsInputs(SeatDelivery(10, 10), SeatDelivery(10, 10), SeatDelivery(10, 10)),
        "3.2a": EnrolmentInputs(96, 100),
        "3.2bc": RestructuringInputs(96, 100, 50, 100),
        "3.3": BoardingInputs(100, 100),
        "3.4a": BalanceInputs((D("0.3"),) * 7, (D("0.3"),) * 7),
        "3.4b": PreschoolInputs(PreschoolStatus.NATIONAL),
        "4": SatisfactionInputs((GroupResponses("parents", 100, 100),)),
    }


KINDERGARTEN_BELOW = DegreeInputs(
    StageCount(90, 100), StageCount(100, 100), StageCount(100, 100), StageCount(30, 100)
)
VARIANTS_2025: dict[str, dict[str, object]] = {
    "440703": {"3.3": BoardingInputs.no_task()},  # 97, I-8
    "440704": {"2.1": KINDERGARTEN_BELOW},  # 93
    "440705": {"2.1": KINDERGARTEN_BELOW},  # 93, tied with 江海区
    "440784": {"2.3c": TempRatioInputs(80, 1000, 50)},  # 92: temps rose
    "440781": {  # 85
        "3.4a": BalanceInputs((D("0.6"),) + (D("0.3"),) * 6, (D("0.3"),) * 7),
        "3.4b": PreschoolInputs(PreschoolStatus.NOT_APPLIED, AssessorScore(D(3), "材料较完整")),
    },
    "440783": {  # 96.33
        "4": SatisfactionInputs(
            (GroupResponses("parents", 90, 100), GroupResponses("teachers", 40, 50))
        )
    },
    "440785": {"2.2": ResearcherInputs(ResearcherCoverage.SUBJECTS_ONLY, None)},  # 87, pending
}
VARIANTS_2024: dict[str, dict[str, object]] = {"440781": {"2.1": KINDERGARTEN_BELOW}}


def named_user(username: str, role: str, full_name: str) -> User:
    user, _created = User.objects.get_or_create(
        username=username,
        defaults={"role": role, "last_name": full_name[0], "first_name": full_name[1:]},
    )
    return user


def build_year(
    year: int,
    variants: dict[str, dict[str, object]] | None = None,
    *,
    published: bool = True,
    runs: int = 1,
    evidence_per_item: int = 0,
    counties: tuple[str, ...] = COUNTIES,
) -> ScoreRun:
    """An assessment year with `runs` runs of the given counties; the last one is published
    when `published`. Returns the run a user sees by default (published, else latest)."""
    variants = VARIANTS_2025 if variants is None else variants
    assessor = named_user("assessor_hz", Role.ASSESSOR, ASSESSOR_NAME)
    publisher = named_user("admin_lk", Role.CITY_ADMIN, PUBLISHER_NAME)
    assessment = AssessmentYear.objects.create(year=year, opened_by=publisher)
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=counties)}
    results = []
    for code in counties:
        inputs = full_marks() | variants.get(code, {})
        unit = units[code]
        results.append(
            score_county(inputs, DEFAULTS, county=code, name=unit.name, region=unit.region)
        )
    ranks = rank(results)
    run = None
    for number in range(1, runs + 1):
        run = ScoreRun.objects.create(assessment=assessment, number=number, created_by=publisher)
        county_scores = CountyScore.objects.bulk_create(
            CountyScore(
                run=run,
                unit=units[result.county],
                total=result.total,
                provisional=result.provisional,
                rank=ranks[result.county].rank,
                region_rank=ranks[result.county].region_rank,
            )
            for result in results
        )
        ItemScore.objects.bulk_create(
            ItemScore(
                county_score=cs,
                code=item.code,
                score=item.score,
                max_points=item.max_points,
                inputs=item.inputs,
                explanation=item.explanation,
                gap=item.gap,
                notes=item.notes,
                flagged=item.flagged,
            )
            for cs, result in zip(county_scores, results, strict=True)
            for item in result.items
        )
    for code in counties:
        for item_code in ("1", "2.3a"):
            QualitativeScore.objects.create(
                assessment=assessment,
                unit=units[code],
                code=item_code,
                score=D(5) if item_code == "1" else D(2),
                reason="材料齐全",
                assessor=assessor,
            )
        for item_code in ("1", "2.1", "3.4a"):
            for n in range(evidence_per_item):
                Evidence.objects.create(
                    unit=units[code],
                    year=year,
                    code=item_code,
                    file=f"evidence/{code}/{year}/{item_code}/{n}/材料{n}.pdf",
                    original_name=f"佐证材料{item_code}-{n}.pdf",
                    uploaded_by=publisher,
                )
    if published:
        run.is_published = True
        run.save(update_fields=["is_published"])
        assessment.status = AssessmentYear.Status.PUBLISHED
        assessment.published_at = timezone.now()
        assessment.published_by = publisher
        assessment.save(update_fields=["status", "published_at", "published_by"])
    return run


def build_results(*, published_2025: bool = True) -> ScoreRun:
    """2024 (published) and 2025 (published or a draft): the run of 2025 a user sees."""
    build_year(2024, VARIANTS_2024)
    return build_year(2025, VARIANTS_2025, published=published_2025)
