"""`seed_demo`'s teachers part (teachers/demo/): every unit and year, one principal per school
and year, the county profiles of items 2.1–2.3 (docs/rules.md#indicator-table), and one data set per
seed.

The figures are recomputed here with plain ORM aggregates, not with the app's selectors: this
checks the demo data, not the code that reads it.
"""

import random
import re
from collections import defaultdict
from fractions import Fraction
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q, Sum

from jiangmen_edu.demo import PARTS
from jiangmen_edu.demo.core import SCALES, YEARS, fork, plan_schools
from jiangmen_edu.demo.schools import create_schools
from jiangmen_edu.models import School, Stage, Unit
from jiangmen_edu.reference import load_all
from teachers.demo.plan import plan_units
from teachers.demo.profiles import DEGREE_GROUPS, PROFILES, SIZES
from teachers.demo.researchers import COVERAGE
from teachers.demo.writer import Writer
from teachers.models import (
    Degree,
    Employment,
    Post,
    PrincipalAppointment,
    PrincipalSemester,
    ResearcherDuty,
    Staff,
    StaffYear,
    TalentTitle,
    TrainingRecord,
)

TAISHAN, JIANGHAI, HESHAN, KAIPING, ENPING = "440781", "440704", "440784", "440783", "440785"
UNIT_CODES = {"440700", "440703", "440704", "440705", "440784", "440781", "440783", "440785"}
PUBLIC = Q(school__ownership=School.Ownership.PUBLIC)
SEED = 1


def run_seed_demo(seed: int = SEED, scale: str = "small") -> str:
    out = StringIO()
    call_command("seed_demo", scale=scale, seed=seed, stdout=out)
    return out.getvalue()


class _RolledBack(Exception):
    pass


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    """One small demo data set for the whole class, rolled back after its last test."""
    with django_db_blocker.unblock():
        with pytest.raises(_RolledBack), transaction.atomic():
            yield run_seed_demo()
            raise _RolledBack


def degree_share(code: str, stages: tuple[str, ...], degree: int, year: int = 2025) -> Fraction:
    """Full-time teachers of the stages holding `degree` or above, exactly."""
    counts = StaffYear.objects.filter(
        unit__code=code, year=year, post=Post.TEACHER, stage__in=stages
    ).aggregate(total=Count("id"), holders=Count("id", filter=Q(degree__gte=degree)))
    return Fraction(counts["holders"], counts["total"])


def temp_figures(code: str, year: int) -> dict:
    """Item 2.3 inputs: temporary teachers and on-staff staff of public schools, and pay."""
    temp_teacher = PUBLIC & Q(post=Post.TEACHER, employment=Employment.TEMPORARY)
    on_staff_teacher = PUBLIC & Q(post=Post.TEACHER, employment=Employment.ON_STAFF)
    return StaffYear.objects.filter(unit__code=code, year=year).aggregate(
        temps=Count("id", filter=temp_teacher),
        on_staff=Count("id", filter=PUBLIC & Q(employment=Employment.ON_STAFF)),
        temp_pay=Sum("annual_pay", filter=temp_teacher),
        on_staff_teachers=Count("id", filter=on_staff_teacher),
        on_staff_pay=Sum("annual_pay", filter=on_staff_teacher),
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("seeded")
class TestSmallScale:
    def test_it_prints_its_counts(self, seeded):
        assert "teachers.demo.seed" in PARTS
        line = re.search(
            r"^teachers\.demo\.seed: staff ([\d,]+), roster_rows ([\d,]+)", seeded, re.M
        )
        assert line, seeded
        assert int(line[1].replace(",", "")) == Staff.objects.count()
        assert int(line[2].replace(",", "")) == StaffYear.objects.count()

    def test_every_unit_has_staff_and_rows_for_2021_to_2025(self):
        years = defaultdict(set)
        for code, year in StaffYear.objects.values_list("unit__code", "year").distinct():
            years[code].add(year)
        assert years == {code: set(YEARS) for code in UNIT_CODES}
        for code, staff_no in Staff.objects.values_list("unit__code", "staff_no"):
            assert re.fullmatch(rf"T{code}\d{{5}}", staff_no)
        # About 8 staff a school (and the researchers) at small scale.
        assert 1500 <= StaffYear.objects.filter(year=2025).count() <= 2100
        # Staff come and go: fewer people are on every roster than ever were on one.
        assert StaffYear.objects.values("staff").annotate(n=Count("id")).filter(n=5).count() < (
            Staff.objects.count()
        )

    def test_every_school_has_exactly_one_principal_each_year(self):
        schools = School.objects.count()
        per_school = (
            StaffYear.objects.filter(post=Post.PRINCIPAL)
            .values("school", "year")
            .annotate(n=Count("id"))
        )
        assert len(per_school) == schools * len(YEARS)
        assert {row["n"] for row in per_school} == {1}
        # Each of them holds an appointment at that school.
        appointed = set(PrincipalAppointment.objects.values_list("staff", "school"))
        for staff, school in StaffYear.objects.filter(post=Post.PRINCIPAL).values_list(
            "staff", "school"
        ):
            assert (staff, school) in appointed

    def test_posts_subjects_and_years_are_plausible(self):
        rows = StaffYear.objects.filter(year=2025)
        assert rows.filter(post=Post.RESEARCHER, school__isnull=False).count() == 0
        others = rows.filter(post=Post.OTHER).count() / rows.exclude(post=Post.RESEARCHER).count()
        assert 0.02 <= others <= 0.08
        assert set(
            rows.filter(post=Post.TEACHER, stage=Stage.KINDERGARTEN).values_list(
                "subject", flat=True
            )
        ) == {"preschool"}
        # Private schools have no on-staff (在编) staff.
        assert not rows.filter(
            school__ownership=School.Ownership.PRIVATE, employment=Employment.ON_STAFF
        ).exists()
        # Teaching years grow by one a year.
        staff = StaffYear.objects.filter(year=2021).values_list("staff", flat=True)[0]
        years = list(
            StaffYear.objects.filter(staff=staff).order_by("year").values_list("teaching_years")
        )
        assert [y for (y,) in years] == list(range(years[0][0], years[0][0] + len(years)))
        pay = rows.filter(PUBLIC, post=Post.TEACHER, employment=Employment.ON_STAFF)
        assert all(85_000 <= p <= 150_000 for p in pay.values_list("annual_pay", flat=True))

    def test_the_degree_profiles_hold_in_2025(self):
        assert degree_share(TAISHAN, (Stage.PRIMARY,), Degree.BACHELOR) < Fraction(93, 100)
        assert degree_share(JIANGHAI, (Stage.PRIMARY,), Degree.BACHELOR) >= Fraction(93, 100)
        for code in UNIT_CODES:
            for (key, stages, degree, target), share in zip(
                DEGREE_GROUPS, PROFILES[code].degrees, strict=True
            ):
                expected = share >= target
                actual = degree_share(code, stages, degree) >= target
                assert actual == expected, (code, key)
        failing = {
            (code, key)
            for code in UNIT_CODES
            for key, stages, degree, target in DEGREE_GROUPS
            if degree_share(code, stages, degree) < target
        }
        assert failing == {
            (TAISHAN, "primary"),
            (TAISHAN, "senior_stage"),
            (ENPING, "kindergarten"),
        }

    def test_the_temporary_teacher_profiles_hold_in_2025(self):
        above = set()
        for code in UNIT_CODES:
            now = temp_figures(code, 2025)
            if Fraction(now["temps"], now["on_staff"]) > Fraction(5, 100):
                above.add(code)
            pay_ratio = Fraction(now["temp_pay"] * now["on_staff_teachers"]) / Fraction(
                now["on_staff_pay"] * now["temps"]
            )
            assert (pay_ratio >= Fraction(7, 10)) == (code != TAISHAN), code
        assert above == {HESHAN, KAIPING}
        # 鹤山市's temporary teachers fell by 20 % or more from 2024; 开平市's rose.
        assert (
            temp_figures(HESHAN, 2025)["temps"]
            <= Fraction(8, 10) * temp_figures(HESHAN, 2024)["temps"]
        )
        assert temp_figures(KAIPING, 2025)["temps"] > temp_figures(KAIPING, 2024)["temps"]

    def test_the_researcher_coverage_profiles_hold(self):
        required = set(COVERAGE)
        assert len(required) == 44
        suggested = {}
        for code in UNIT_CODES - {"440700"}:
            pairs = set(
                StaffYear.objects.filter(
                    unit__code=code, year=2025, post=Post.RESEARCHER
                ).values_list("stage", "subject")
            )
            if required <= pairs:
                suggested[code] = 10
            elif {s for _stage, s in required} <= {s for _stage, s in pairs}:
                suggested[code] = 5
            else:
                suggested[code] = 0
        assert suggested == {"440703": 10, "440704": 10, "440705": 5} | {
            code: 0 for code in (HESHAN, TAISHAN, KAIPING, ENPING)
        }
        assert (
            ResearcherDuty.objects.count() == StaffYear.objects.filter(post=Post.RESEARCHER).count()
        )
        assert set(ResearcherDuty.objects.values_list("level", flat=True)) == {"county"}

    def test_the_training_profiles_hold_in_2025(self):
        hours: dict[int, Fraction] = defaultdict(Fraction)
        for staff, value in TrainingRecord.objects.filter(date__year__gte=2021).values_list(
            "staff", "hours"
        ):
            hours[staff] += Fraction(value)
        city = set(
            TrainingRecord.objects.filter(
                level=TrainingRecord.Level.CITY, date__year=2025
            ).values_list("staff", flat=True)
        )
        behind, city_share = {}, {}
        for code in UNIT_CODES:
            people = StaffYear.objects.filter(
                unit__code=code, year=2025, post__in=[Post.TEACHER, Post.PRINCIPAL]
            ).values_list("staff", "staff__hired_year", "post")
            late = sum(
                hours[staff] < 90 * (2025 - max(2021, min(hired, 2025)) + 1)
                for staff, hired, _post in people
            )
            behind[code] = Fraction(late, len(people))
            teachers = [staff for staff, _hired, post in people if post == Post.TEACHER]
            city_share[code] = Fraction(sum(s in city for s in teachers), len(teachers))
        assert {code for code, share in behind.items() if share > Fraction(15, 100)} == {
            TAISHAN,
            ENPING,
        }
        assert all(share > 0 for share in behind.values())  # a few behind everywhere
        assert {code for code, share in city_share.items() if share < Fraction(1, 10)} == {
            KAIPING,
            ENPING,
        }
        qualification = TrainingRecord.objects.filter(is_qualification=True)
        assert qualification.exists()
        assert set(qualification.values_list("level", flat=True)) == {"provincial"}

    def test_principals_and_titles_show_every_state(self):
        appointments = PrincipalAppointment.objects.all()
        assert appointments.filter(consecutive_term=3).exists()
        assert not appointments.filter(consecutive_term__gt=3).exists()
        assert appointments.filter(start_date__year=2025, consecutive_term=1).exists()
        assert appointments.filter(probation_passed=False).exists()
        lessons = PrincipalSemester.objects.values_list("lessons_observed", flat=True)
        assert min(lessons) < 50 <= max(lessons)
        for year in YEARS:
            kinds = set(TalentTitle.objects.filter(year=year).values_list("kind", flat=True))
            assert kinds == {"city_excellent", "county_famous", "key_principal"}

    def test_a_second_run_adds_no_teachers_data(self):
        def counts():
            return [m.objects.count() for m in (Staff, StaffYear, TrainingRecord, TalentTitle)]

        before = counts()
        output = run_seed_demo()
        assert counts() == before
        assert "teachers.demo.seed: skipped" in output

    def test_the_data_is_the_seeds(self):
        """What was written is what the seed's stream plans: the command forks the core's
        stream first, then one per part, in the order of PARTS."""
        stream = random.Random(SEED)
        fork(stream)
        streams = {path: fork(stream) for path in PARTS}
        assert roster_snapshot(streams["teachers.demo.seed"]) == written_roster()


def roster_snapshot(rng: random.Random, scale: str = "small") -> list[tuple]:
    """The roster rows `teachers.demo.seed(rng, scale)` plans, without writing anything."""
    units = list(Unit.objects.order_by("code"))
    sizes = SIZES[scale]
    plans = plan_units(rng, sizes, units)
    writer = Writer(fork(rng), sizes)
    codes = {school.id: school.code for school in School.objects.all()}
    rows = []
    for plan in plans:
        for person in plan.people:
            person.staff_id = f"T{plan.unit.code}{person.seq:05d}"
        writer.plan_unit(plan)
        rows += [_row(r.staff_id, codes.get(r.school_id), r) for r in writer.rows]
        for objects in writer.lists():
            objects.clear()
    return sorted(rows)


def written_roster() -> list[tuple]:
    rows = StaffYear.objects.select_related("staff", "school")
    return sorted(
        _row(r.staff.staff_no, r.school.code if r.school else None, r) for r in rows.iterator()
    )


def _row(staff_no: str, school: str | None, row: StaffYear) -> tuple:
    return (
        staff_no,
        row.year,
        school,
        row.stage,
        row.post,
        row.employment,
        row.degree,
        row.title,
        row.subject,
        row.teaching_years,
        row.management_years,
        int(row.annual_pay),
    )


@pytest.mark.django_db
def test_the_plan_depends_on_the_seed_only():
    load_all()
    create_schools(plan_schools(random.Random(3), SCALES["small"]))
    first = roster_snapshot(random.Random(7))
    assert first and roster_snapshot(random.Random(7)) == first
    assert roster_snapshot(random.Random(8)) != first


@pytest.mark.django_db
def test_the_full_scale_plan_has_about_25000_staff_and_300_moe_graduates():
    load_all()
    create_schools(plan_schools(random.Random(1), SCALES["full"]))
    plans = plan_units(random.Random(1), SIZES["full"], list(Unit.objects.order_by("code")))
    people = [person for plan in plans for person in plan.people]
    in_2025 = sum(person.rows[-1][0] == 2025 for person in people)
    assert 23_000 <= in_2025 <= 27_000
    assert 110_000 <= sum(len(person.rows) for person in people) <= 130_000
    moe = defaultdict(int)
    for person in people:
        if person.moe:
            moe[person.hired] += 1
    # "300+ within 3 years", read from the plan's start or up to 2025: both a little over 300.
    for first in (2021, 2023):
        assert 300 <= sum(moe[year] for year in range(first, first + 3)) <= 330
    for plan in plans:
        researchers = len({id(p) for p in plan.researchers if p.rows[-1][0] == 2025})
        if plan.unit.kind == Unit.Kind.COUNTY:
            assert 25 <= researchers <= 48, plan.unit.name
