"""Demo data of the assessment (docs/rules.md#assessment): the 2024 and 2025 assessments of the
seven counties.

Two steps, both registered in `jiangmen_edu.demo`:
- `seed(rng, scale)` (a part, before the review history): opens the assessments of 2024 and
  2025, writes each county's materials for both years (development centre 2.4, school
  resources 3.4a, preschool status 3.4b, surveys 4), a small evidence PDF per county for
  item 1 of 2025, and the inspection team's scores (all of 2024; 2025 with item 1 still
  waiting in 开平市 and 恩平市);
- `after_history(rng, scale)` (after the history has approved the returns, since only
  approved data is scored): computes 2024, lets two counties respond to the draft and the
  inspection team answer, publishes it; computes 2025 and leaves it open, with a few
  responses, one answered.

The counties stand at different levels, and items sit on their boundaries where the data
allow: 2.4 full (蓬江区) and 0 (恩平市 2024); 3.4a coefficients exactly at the limits (江海区
primary 0.50 and 鹤山市 junior 0.45, both passing, "低于" including the number) and just over
(台山市 primary 0.55, 恩平市 junior 0.50: 0 points); 3.4b every status, and the assessor's
0 and 4 when not applied (I-5); 4 a satisfaction of exactly 100 % (蓬江区); item 1 and 2.3a
at 0 and at their maxima. Items 2.x and 3.1–3.3 follow the teachers and seats demo data.

Materials are bulk-written (demo data is not a user's change); scores, runs, responses and
publication go through the services, so they are audited as the inspection team's and the
city's actions. Nothing is written when the 2024 assessment exists already.
"""

import random
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from auditlog.context import set_actor
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from assessment.evidence import evidence_add
from assessment.gather import year_configs
from assessment.models import (
    AssessmentYear,
    DevelopmentCentre,
    PreschoolStatus,
    SatisfactionSurvey,
    SchoolResources,
)
from assessment.qualitative import qualitative_score_save
from assessment.responses import response_add, response_answer
from assessment.services import assessment_open, latest_run, run_compute, run_publish
from jiangmen_edu.demo.core import fork
from jiangmen_edu.models import Role, School, Stage, Unit, User

YEARS = (2024, 2025)
D = Decimal
Status = PreschoolStatus.Status


@dataclass(frozen=True)
class Profile:
    centre: tuple[str, str, str]  # 2.4 fractions in 2025: venue, equipment, training
    preschool: str  # 3.4b status in 2025
    satisfaction: float  # 4: the pooled rate the groups scatter around (1.0: all satisfied)
    responsibility: tuple[str, str]  # 1: the assessor's parts in 2025
    rules: str  # 2.3a
    not_applied: str = "0"  # 3.4b when not applied


PROFILES: dict[str, Profile] = {
    "440703": Profile(("1", "1", "1"), Status.NATIONAL, 1.0, ("5", "5"), "2"),
    "440704": Profile(("1", "0.9", "1"), Status.PROVINCIAL, 0.95, ("5", "4.5"), "2"),
    "440705": Profile(("0.9", "0.8", "1"), Status.PROVINCIAL, 0.93, ("4.5", "4.5"), "1.5"),
    "440784": Profile(("0.75", "0.5", "0.8"), Status.CITY_CHECK, 0.9, ("4", "4"), "1.5"),
    "440781": Profile(("0.6", "0.5", "0.5"), Status.NOT_APPLIED, 0.88, ("3.5", "3"), "1", "4"),
    "440783": Profile(("0.5", "0.4", "0.6"), Status.CITY_CHECK, 0.86, ("3", "3.5"), "1"),
    "440785": Profile(("0.3", "0.2", "0.5"), Status.NOT_APPLIED, 0.82, ("2.5", "2"), "0.5", "2"),
}
# 2024 where it differs from the 2025 profile: a year of progress since.
PROFILES_2024: dict[str, dict] = {
    "440704": {"centre": ("0.9", "0.8", "1")},
    "440705": {"preschool": Status.CITY_CHECK, "centre": ("0.8", "0.7", "1")},
    "440784": {"centre": ("0.6", "0.4", "0.7")},
    "440781": {"centre": ("0.5", "0.4", "0.5"), "not_applied": "3"},
    "440783": {"centre": ("0.4", "0.3", "0.5"), "responsibility": ("2.5", "3")},
    "440785": {
        "centre": ("0", "0", "0"),
        "not_applied": "0",
        "responsibility": ("2", "0"),
        "rules": "0",
    },
}
# 3.4a: (stage, indicator field, mean, relative spread c) → a coefficient of exactly c.
BALANCE_EDGES = {
    "440704": ("primary", "qualified_teachers_per_100", D(6), D("0.50")),
    "440784": ("junior", "ground_area_per_student", D(8), D("0.45")),
    "440781": ("primary", "equipment_value_per_student", D(3000), D("0.55")),
    "440785": ("junior", "multimedia_rooms_per_100", D(4), D("0.50")),
}
BASE_VALUES = {
    "qualified_teachers_per_100": D("6.2"),
    "backbone_teachers_per_100": D("1.1"),
    "pe_arts_teachers_per_100": D("0.9"),
    "floor_area_per_student": D("5.8"),
    "ground_area_per_student": D("8.4"),
    "equipment_value_per_student": D("3200"),
    "multimedia_rooms_per_100": D("4.2"),
}
SURVEY_SIZES = {
    "deputies": 30,
    "cppcc": 25,
    "principals": 40,
    "teachers": 200,
    "parents": 600,
    "students": 300,
}
WAITING_2025 = {"440783", "440785"}  # item 1 not scored yet in 2025


def profile(code: str, year: int) -> Profile:
    base = PROFILES[code]
    changes = PROFILES_2024.get(code, {}) if year == 2024 else {}
    return Profile(**{**base.__dict__, **changes})


def _users() -> tuple[User, User]:
    return User.objects.get(username="admin"), User.objects.get(username="assessor")


# --- materials ------------------------------------------------------------------------------


def _stage_students(school: School) -> dict[str, int]:
    """A school's students split over its primary and junior stages (a 9-year school: 2/3
    primary), for the resource rows."""
    stages = [s for s in school.stages if s in (Stage.PRIMARY, Stage.JUNIOR)]
    if len(stages) == 2:
        primary = school.students * 2 // 3
        return {Stage.PRIMARY: primary, Stage.JUNIOR: school.students - primary}
    return {stage: school.students // len(school.stages) for stage in stages}


def _resource_rows(rng: random.Random, unit: Unit, year: int) -> list[SchoolResources]:
    rows = []
    for school in School.objects.filter(unit=unit).order_by("code"):
        for stage, students in _stage_students(school).items():
            values = {
                key: (base * D(str(round(rng.uniform(0.85, 1.15), 3)))).quantize(
                    D("0.01") if key == "equipment_value_per_student" else D("0.001")
                )
                for key, base in BASE_VALUES.items()
            }
            rows.append(
                SchoolResources(
                    school=school, year=year, stage=stage, students=max(students, 1), **values
                )
            )
    edge = BALANCE_EDGES.get(unit.code)
    if edge:
        _exact_coefficient(rows, *edge)
    return rows


def _exact_coefficient(
    rows: list[SchoolResources], stage: str, field: str, mean: Decimal, spread: Decimal
) -> None:
    """Give one indicator of one stage a coefficient of exactly `spread`: the schools that
    count fall into two groups of equal students (the lighter group's last school takes the
    difference), one at mean × (1 + c), the other at mean × (1 − c)."""
    counted = [
        row
        for row in rows
        if row.stage == stage and not (row.school.is_teaching_point and row.students < 50)
    ]
    if len(counted) < 2:
        return
    groups: tuple[list, list] = ([], [])
    for index, row in enumerate(counted):
        groups[index % 2].append(row)
    totals = [sum(row.students for row in group) for group in groups]
    lighter = 0 if totals[0] < totals[1] else 1
    groups[lighter][-1].students += abs(totals[0] - totals[1])
    for group, factor in zip(groups, (1 + spread, 1 - spread), strict=True):
        for row in group:
            setattr(row, field, mean * factor)


def _surveys(rng: random.Random, unit: Unit, year: int, rate: float) -> list:
    rows = []
    for group, size in SURVEY_SIZES.items():
        group_rate = 1.0 if rate == 1.0 else min(1.0, max(0.5, rng.gauss(rate, 0.04)))
        rows.append(
            SatisfactionSurvey(
                unit=unit,
                year=year,
                group=group,
                respondents=size,
                satisfied=round(size * group_rate),
            )
        )
    return rows


def _minimal_pdf(text: str) -> bytes:
    """A one-page PDF with a line of ASCII text, offsets computed, for demo evidence."""
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# --- scores ---------------------------------------------------------------------------------


def _roster_points(unit: Unit, year: int, config) -> Decimal:
    """Item 2.2 as the inspection team reads the roster, approved or not."""
    from assessment.scoring.inputs import ResearcherCoverage
    from assessment.scoring.teachers_items import researcher_values
    from teachers.selectors.researchers import researcher_coverage

    category = ResearcherCoverage(str(researcher_coverage([unit.pk], year).category))
    return researcher_values(config)[category]


def _score(assessment: AssessmentYear, unit: Unit, assessor: User) -> int:
    """The inspection team's scores of the county's qualitative items; returns how many."""
    year = assessment.year
    chosen = profile(unit.code, year)
    saved = 0
    if not (year == 2025 and unit.code in WAITING_2025):
        teacher_policy, seat_supply = chosen.responsibility
        qualitative_score_save(
            assessment=assessment,
            unit=unit,
            code="1",
            user=assessor,
            parts={
                "teacher_policy": (
                    teacher_policy,
                    "依据县级教师队伍建设政策文件及实施成效材料评定",
                ),
                "seat_supply": (seat_supply, "依据公办学位供给规划编制及年度实施情况评定"),
            },
        )
        saved += 1
    # Scored before the history approves the returns, so from the roster as it stands (the
    # workbench has no suggestion yet).
    config = year_configs(year)[unit.region]["2.2"]
    qualitative_score_save(
        assessment=assessment,
        unit=unit,
        code="2.2",
        user=assessor,
        score=_roster_points(unit, year, config),
        reason="核对教研员名册评定",
    )
    qualitative_score_save(
        assessment=assessment,
        unit=unit,
        code="2.3a",
        user=assessor,
        score=chosen.rules,
        reason="查阅临聘教师管理制度、经费保障及同工同酬落实材料",
    )
    saved += 2
    if chosen.preschool == Status.NOT_APPLIED:
        qualitative_score_save(
            assessment=assessment,
            unit=unit,
            code="3.4b",
            user=assessor,
            score=chosen.not_applied,
            reason="根据学前教育普及普惠推进工作材料评定",
        )
        saved += 1
    return saved


def seed(rng: random.Random, scale: str) -> dict[str, int]:
    """Open the assessments of 2024 and 2025 and fill the counties' materials and scores.

    Runs before the review history, while every return is a draft. Skipped when the 2024
    assessment exists already.
    """
    counts: dict[str, int] = defaultdict(int)
    counties = list(Unit.objects.filter(kind=Unit.Kind.COUNTY).order_by("code"))
    if AssessmentYear.objects.filter(year__in=YEARS).exists():
        return {"units_skipped": len(counties)}
    admin, assessor = _users()
    with transaction.atomic():
        with set_actor(admin):
            assessments = {year: assessment_open(year=year, user=admin) for year in YEARS}
        centres, statuses, surveys, resources = [], [], [], []
        for year in YEARS:
            for unit in counties:
                chosen = profile(unit.code, year)
                unit_rng = fork(rng)
                venue, equipment, training = (D(x) for x in chosen.centre)
                centres.append(
                    DevelopmentCentre(
                        unit=unit, year=year, venue=venue, equipment=equipment, training=training
                    )
                )
                statuses.append(PreschoolStatus(unit=unit, year=year, status=chosen.preschool))
                surveys += _surveys(unit_rng, unit, year, chosen.satisfaction)
                resources += _resource_rows(unit_rng, unit, year)
        DevelopmentCentre.objects.bulk_create(centres)
        PreschoolStatus.objects.bulk_create(statuses)
        SatisfactionSurvey.objects.bulk_create(surveys)
        SchoolResources.objects.bulk_create(resources, batch_size=2000)
        counts.update(
            assessments=len(assessments),
            centres=len(centres),
            survey_groups=len(surveys),
            resource_rows=len(resources),
        )
        for unit in counties:
            editor = User.objects.get(role=Role.COUNTY_EDITOR, username=f"editor_{unit.code}")
            with set_actor(editor):
                evidence_add(
                    unit=unit,
                    year=2025,
                    code="1",
                    user=editor,
                    description="县级主体责任落实情况报告",
                    file=SimpleUploadedFile(
                        f"{unit.name}落实县级主体责任情况报告.pdf",
                        _minimal_pdf(f"Evidence {unit.code} 2025 item 1"),
                    ),
                )
            counts["evidence"] += 1
        with set_actor(assessor):
            for assessment in assessments.values():
                for unit in counties:
                    counts["qualitative_scores"] += _score(assessment, unit, assessor)
    return dict(counts)


def after_history(rng: random.Random, scale: str) -> dict[str, int]:
    """Compute, respond, answer and publish 2024; compute 2025 and leave it open.

    Runs after the review history: the scores read approved returns only. Skipped when a run
    exists already.
    """
    assessments = {a.year: a for a in AssessmentYear.objects.filter(year__in=YEARS)}
    if len(assessments) < len(YEARS) or any(
        latest_run(a, published_only=False) for a in assessments.values()
    ):
        return {"units_skipped": 7}
    admin, assessor = _users()
    editors = {
        user.unit.code: user
        for user in User.objects.filter(
            role=Role.COUNTY_EDITOR, username__startswith="editor_"
        ).select_related("unit")
    }
    counts: dict[str, int] = defaultdict(int)
    with transaction.atomic():
        exchanges = {
            2024: [
                (
                    "440785",
                    "2.4",
                    "contest",
                    "教师发展中心场地已于年底动工，请结合佐证材料复核。",
                    "已核对佐证材料，场地尚未建成，维持原分。",
                ),
                ("440703", "4", "agree", "", ""),
            ],
            2025: [
                (
                    "440781",
                    "2.1",
                    "contest",
                    "小学专任教师中有12人已取得本科学历，证书待录入。",
                    "",
                ),
                (
                    "440784",
                    "3.4a",
                    "contest",
                    "初中体育场馆面积按新建运动场重新测算。",
                    "按各校体育运动场馆面积复核，差异系数为 0.450，未超过 0.45（含本数）。",
                ),
                ("440703", "2.4", "agree", "", ""),
            ],
        }
        for year in YEARS:
            assessment = assessments[year]
            with set_actor(admin):
                run_compute(assessment=assessment, user=admin)
            counts["runs"] += 1
            for code, item, stance, comment, answer in exchanges[year]:
                editor = editors[code]
                with set_actor(editor):
                    response = response_add(
                        assessment=assessment,
                        unit=editor.unit,
                        code=item,
                        stance=stance,
                        comment=comment,
                        user=editor,
                    )
                counts["responses"] += 1
                if answer:
                    with set_actor(assessor):
                        response_answer(response=response, answer=answer, user=assessor)
            if year == 2024:
                with set_actor(admin):
                    run_publish(
                        assessment=assessment,
                        run=latest_run(assessment, published_only=False),
                        user=admin,
                    )
                counts["published"] += 1
    return dict(counts)
