"""Demo data of the seat tracker (docs/rules.md#seats): yearly plans, projects and enrolment,
2021–2025.

`seed(rng, scale)` is a demo part (registered in `jiangmen_edu.demo.PARTS`): `seed_demo` calls
it after the core has created schools and opened the years, and before the review history
locks the returns. Everything is drawn from the `random.Random` handed in.

Per unit with a 14th-FYP quota (in code order, each on its own fork of the stream):
1. a yearly plan that spreads each stage's quota over 2021–2025 (江海区 plans 200 high-school
   seats short, with an explanation; 新会区 plans 500 compulsory seats over its quota);
2. deliveries: each year's plan times the unit's pace (`PACE`); the seats are split into
   projects of a stage-typical size, some delivering over two years; what a slow unit misses
   stays as projects under way with the year's planned seats and nothing delivered;
3. compulsory enrolment, conversions (the conversion projects' seats), boarding targets and
   completions, and the resident population (demo figures, not the statistical yearbook);
4. the central primary school of most towns is recorded as a boarding school.

Behind schedule by 2025: 台山市 (compulsory), 开平市 (preschool), 恩平市 (compulsory, high
school). The city total still passes 110,000. Full scale cuts seats into smaller projects
(~420 in all; ~340 at small scale, where each stage, year and kind still gets one). Rows
are bulk-written: demo data is not a user's change, so there are no audit entries. A unit
that already has projects is skipped.
"""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from jiangmen_edu.demo.core import YEARS, fork
from jiangmen_edu.models import School, Section, Township, Unit, YearlyReturn
from seats.models import (
    BoardingSchool,
    EnrolmentYear,
    PlanExplanation,
    PlanPeriod,
    Project,
    ProjectKind,
    ProjectStatus,
    ProjectYear,
    SeatQuota,
    SeatStage,
    YearlyPlan,
)
from seats.selectors.projects import projects_active_in

STAGES = tuple(SeatStage.values)
WEIGHTS = (0.14, 0.19, 0.22, 0.23, 0.22)
# Share of each year's plan actually delivered, per unit and stage (1.0 if not listed).
PACE = {
    "440703": {"preschool": 1.02, "compulsory": 1.02, "high_school": 1.0},
    "440705": {"compulsory": 1.04},
    "440781": {"compulsory": 0.8},
    "440783": {"preschool": 0.72},
    "440785": {"compulsory": 0.88, "high_school": 0.6},
}
PLAN_CHANGES = {  # (unit, stage) → seats planned beyond (+) or short of (−) the quota
    ("440704", "high_school"): (-200, "高中新校区用地尚未落实，200个学位顺延至“十五五”期间。"),
    ("440705", "compulsory"): (500, ""),
}
# Project sizes (seats) by stage, at full scale; small scale uses projects four times bigger.
SIZES = {"preschool": (60, 270), "compulsory": (180, 1200), "high_school": (450, 1600)}
# Demo enrolment profiles: compulsory students in 2021, private share 2021 → 2025,
# purchased share, boarding task per year (None: no task) and completion rate, population.
ENROLMENT = {
    "440700": (14_000, (0.22, 0.02), 0.0, None, 1.0, None),
    "440703": (112_000, (0.12, 0.03), 0.02, None, 1.0, 940_000),
    "440704": (46_000, (0.30, 0.19), 0.04, None, 1.0, 310_000),
    "440705": (91_000, (0.12, 0.05), 0.03, None, 1.0, 880_000),
    "440784": (47_000, (0.14, 0.06), 0.02, None, 1.0, 520_000),
    "440781": (88_000, (0.03, 0.02), 0.01, 900, 1.04, 900_000),
    "440783": (70_000, (0.10, 0.04), 0.02, 700, 0.92, 700_000),
    "440785": (46_000, (0.06, 0.03), 0.01, 500, 0.8, 480_000),
}
# Towns left without a boarding school, to show gaps: the first town of these units.
BOARDING_GAPS = {"440781", "440785"}


@dataclass
class Counts:
    plan_rows: int = 0
    projects: int = 0
    project_years: int = 0
    enrolment_rows: int = 0
    boarding_schools: int = 0
    units_skipped: int = 0


def split(total: int, weights, rng: random.Random) -> list[int]:
    """`total` split by `weights` (jittered ±15 %), summing exactly to `total`."""
    jittered = [w * rng.uniform(0.85, 1.15) for w in weights]
    scale = total / sum(jittered)
    parts = [int(w * scale) for w in jittered]
    remainders = sorted(range(len(parts)), key=lambda i: jittered[i] * scale - parts[i])
    for index in remainders[len(parts) - (total - sum(parts)) :]:
        parts[index] += 1
    return parts


def chunks(total: int, size: tuple[int, int], rng: random.Random) -> list[int]:
    """`total` seats cut into project-sized pieces (multiples of 10 where possible)."""
    pieces = []
    while total > 0:
        piece = min(total, round(rng.randint(*size), -1) or total)
        if total - piece < size[0] // 2:
            piece = total
        pieces.append(piece)
        total -= piece
    return pieces


def seed(rng: random.Random, scale: str) -> dict[str, int]:
    period = PlanPeriod.objects.filter(start_year=YEARS[0]).first()
    counts = Counts()
    if period is None:
        return vars(counts)
    factor = 1 if scale == "full" else 4
    quotas = {
        q.unit.code: q for q in SeatQuota.objects.filter(period=period).select_related("unit")
    }
    with transaction.atomic():
        for code in sorted(quotas):
            unit_rng = fork(rng)
            unit = quotas[code].unit
            if Project.objects.filter(unit=unit).exists():
                counts.units_skipped += 1
                continue
            plan = _seed_plan(unit_rng, period, quotas[code], counts)
            conversions, boarding = _seed_projects(
                unit_rng, unit, plan, factor, counts, quotas[code]
            )
            _seed_enrolment(unit_rng, unit, conversions, boarding, counts)
            _seed_boarding(unit, counts)
    return vars(counts)


def _seed_plan(rng, period, quota: SeatQuota, counts: Counts) -> dict[tuple[int, str], int]:
    unit = quota.unit
    plan = {}
    rows = []
    for stage in STAGES:
        change, explanation = PLAN_CHANGES.get((unit.code, stage), (0, ""))
        total = max(0, quota.for_stage(stage) + change)
        for year, seats in zip(YEARS, split(total, WEIGHTS, rng), strict=True):
            plan[(year, stage)] = seats
            rows.append(YearlyPlan(period=period, unit=unit, year=year, stage=stage, seats=seats))
        if explanation:
            PlanExplanation.objects.create(period=period, unit=unit, stage=stage, text=explanation)
    YearlyPlan.objects.bulk_create(rows)
    counts.plan_rows += len(rows)
    return plan


def _kinds(stage: str, quota: SeatQuota) -> list[tuple[str, float]]:
    if stage == SeatStage.COMPULSORY:
        conversion = quota.private_to_convert / quota.compulsory if quota.compulsory else 0
        purchase = 0.08 if conversion < 0.9 else 0
        rest = max(0.0, 1 - conversion - purchase)
        return [
            (ProjectKind.CONVERSION, conversion),
            (ProjectKind.PURCHASE, purchase),
            (ProjectKind.NEW_BUILD, rest * 0.55),
            (ProjectKind.EXPANSION, rest * 0.45),
        ]
    if stage == SeatStage.PRESCHOOL:
        return [
            (ProjectKind.NEW_BUILD, 0.5),
            (ProjectKind.EXPANSION, 0.3),
            (ProjectKind.CONVERSION, 0.2),
        ]
    return [(ProjectKind.NEW_BUILD, 0.6), (ProjectKind.EXPANSION, 0.4)]


def _seed_projects(rng, unit: Unit, plan, factor: int, counts: Counts, quota) -> dict[int, int]:
    """Projects delivering each year's plan at the unit's pace.

    Returns the compulsory conversions and the boarding seats delivered, by year."""
    townships = list(Township.objects.filter(unit=unit).order_by("name"))
    schools = {
        stage: list(
            School.objects.filter(unit=unit, ownership="public", school_type__in=types)
            .order_by("code")
            .values_list("pk", flat=True)
        )
        for stage, types in (
            ("preschool", ["kindergarten"]),
            ("compulsory", ["primary", "junior", "nine_year"]),
            ("high_school", ["senior", "complete_secondary"]),
        )
    }
    projects, years_of = [], []
    conversions = dict.fromkeys(YEARS, 0)
    for stage in STAGES:
        pace = PACE.get(unit.code, {}).get(stage, 1.0)
        size = tuple(s * factor for s in SIZES[stage])
        for year in YEARS:
            planned = plan[(year, stage)]
            delivered = round(planned * pace)
            kinds = _kinds(stage, quota)
            shares = [int(delivered * share) for _kind, share in kinds[:-1]]
            shares.append(delivered - sum(shares))
            for (kind, _share), seats in zip(kinds, shares, strict=True):
                for piece in chunks(seats, size, rng):
                    split_over_two = rng.random() < 0.2 and year != YEARS[0] and piece > 1
                    first = piece // 2 if split_over_two else piece
                    figures = (
                        {year: first} if first == piece else {year - 1: first, year: piece - first}
                    )
                    projects.append(
                        _project(rng, unit, stage, kind, piece, figures, townships, schools)
                    )
                    years_of.append(figures)
                    if kind == ProjectKind.CONVERSION and stage == SeatStage.COMPULSORY:
                        for figure_year, figure in figures.items():
                            conversions[figure_year] += figure
            missed = planned - delivered
            if missed > 0:  # slipped: still under way, planned this year, nothing delivered
                project = _project(
                    rng, unit, stage, ProjectKind.NEW_BUILD, missed, {}, townships, schools
                )
                project.status = ProjectStatus.UNDER_WAY
                project.completed_on = None
                project.planned_completion = datetime.date(year, 8, 31)
                projects.append(project)
                years_of.append({"planned": (year, missed)})
    for number, project in enumerate(projects, start=1):
        project.code = f"{unit.code[-4:]}-{number:04d}"
    Project.objects.bulk_create(projects)
    if any(project.pk is None for project in projects):
        ids = dict(Project.objects.filter(unit=unit).values_list("code", "pk"))
        for project in projects:
            project.pk = ids[project.code]
    rows = []
    for project, figures in zip(projects, years_of, strict=True):
        if "planned" in figures:
            year, seats = figures["planned"]
            rows.append(ProjectYear(project=project, year=year, seats_planned=seats))
            continue
        for year, seats in figures.items():
            boarding = seats // 4 if project.boarding_planned else 0
            rows.append(
                ProjectYear(
                    project=project,
                    year=year,
                    seats_planned=seats,
                    seats_delivered=seats,
                    boarding_planned=boarding,
                    boarding_delivered=boarding,
                )
            )
    ProjectYear.objects.bulk_create(rows)
    counts.projects += len(projects)
    counts.project_years += len(rows)
    boarding = dict.fromkeys(YEARS, 0)
    for row in rows:
        if row.year in boarding:
            boarding[row.year] += row.boarding_delivered
    return conversions, boarding


def _project(rng, unit, stage, kind, seats, figures, townships, schools) -> Project:
    last = max(figures) if figures else YEARS[-1]
    first = min(figures) if figures else YEARS[-1]
    township = rng.choice(townships) if townships else None
    candidates = schools[stage]
    school_id = rng.choice(candidates) if kind == ProjectKind.EXPANSION and candidates else None
    # Boarding seats are built where the unit has a boarding task (the western counties).
    boarding = (
        stage == SeatStage.COMPULSORY
        and kind == ProjectKind.NEW_BUILD
        and ENROLMENT[unit.code][3] is not None
    )
    place = township.name if township else unit.name
    label = {
        ProjectKind.NEW_BUILD: "新建",
        ProjectKind.EXPANSION: "改扩建",
        ProjectKind.CONVERSION: "民转公",
        ProjectKind.PURCHASE: "政府购买学位",
    }[kind]
    what = {"preschool": "幼儿园", "compulsory": "学校", "high_school": "高级中学"}[stage]
    return Project(
        unit=unit,
        name=f"{place}{label}{what}项目",
        kind=kind,
        stage=stage,
        township=township,
        school_id=school_id,
        seats_planned=seats,
        boarding_planned=seats // 4 if boarding else 0,
        status=ProjectStatus.COMPLETED,
        start_date=datetime.date(first - 1, rng.randint(1, 6), rng.randint(1, 28)),
        planned_completion=datetime.date(last, 8, 31),
        completed_on=datetime.date(last, 8, rng.randint(10, 31)),
    )


def _seed_enrolment(rng, unit: Unit, conversions, boarding_built, counts: Counts) -> None:
    """The year's completion is what the projects delivered; the target is set from the
    unit's completion rate, so that 3.3 lands where the profile says."""
    students, (private_from, private_to), purchased, task, rate, population = ENROLMENT[unit.code]
    rows = []
    for index, year in enumerate(YEARS):
        total = round(students * (1 + 0.015 * index) * rng.uniform(0.995, 1.005))
        private_share = private_from + (private_to - private_from) * index / (len(YEARS) - 1)
        private = round(total * private_share)
        bought = round(total * purchased)
        completed = boarding_built[year] if task else 0
        # A unit without a boarding task enters a target of 0 (empty is "not entered").
        target = (round(completed / rate) or task) if task else 0
        rows.append(
            EnrolmentYear(
                unit=unit,
                year=year,
                public_students=total - private - bought,
                purchased_students=bought,
                private_students=private,
                private_seats_converted=conversions[year],
                boarding_target=target,
                boarding_completed=completed,
                population=population,
            )
        )
    EnrolmentYear.objects.bulk_create(rows)
    counts.enrolment_rows += len(rows)


def _seed_boarding(unit: Unit, counts: Counts) -> None:
    central = School.objects.filter(
        unit=unit,
        is_central=True,
        ownership="public",
        school_type="primary",
        township__kind=Township.Kind.TOWN,
    ).order_by("township__name", "code")
    seen, rows = set(), []
    for school in central:
        if school.township_id in seen:
            continue
        seen.add(school.township_id)
        if unit.code in BOARDING_GAPS and len(seen) == 1:
            continue
        rows.append(BoardingSchool(school=school, boarding_places=max(60, school.students // 5)))
    BoardingSchool.objects.bulk_create(rows)
    counts.boarding_schools += len(rows)


def after_history(rng: random.Random, scale: str) -> dict[str, int]:
    """Data-quality flaws in the live year's editable seats returns: one project
    reports a few more seats delivered than it plans (S02), as a county may before the final
    acceptance figures come in. Only a return the city has not locked may hold one."""
    year = YEARS[-1]
    editable = YearlyReturn.objects.filter(
        reporting_year__year=year,
        section=Section.SEATS,
        status__in=YearlyReturn.Status.EDITABLE,
    ).select_related("unit")
    flawed = 0
    for yearly_return in editable.order_by("unit__order"):
        projects = projects_active_in(unit=yearly_return.unit, year=year)
        if projects.filter(delivered_to_date__gt=F("seats_planned")).exists():
            continue  # seeded before
        project = projects.first()
        if project is None:
            continue
        row = project.years.get(year=year)
        row.seats_delivered += (
            project.seats_planned - project.delivered_to_date + rng.randint(20, 60)
        )
        row.save(update_fields=["seats_delivered"])
        flawed += 1
    return {"over_delivered_projects": flawed}
