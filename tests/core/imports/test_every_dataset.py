"""For every registered data set: a file the preview calls ready commits.

Each data set gets a valid file (written here, no binary fixtures). It must preview without
an error and commit; and with the section's returns of the years around the import year
submitted, the preview refuses the file if the commit would, and otherwise the commit goes
through: no refusal of the commit is left for a file the preview accepted. (The commit's
other refusals each have a test beside their data set's import tests.)
"""

import datetime

import pytest

from jiangmen_edu.imports import datasets
from jiangmen_edu.imports.services import ImportRefused, import_commit, import_preview
from jiangmen_edu.models import ImportBatch, ReportingYear, School, Unit, YearlyReturn
from jiangmen_edu.workflow import reporting_year_open
from pairing.models import Placement
from tests.core.factories import xlsx
from tests.pairing import factories as pairing
from tests.teachers.factories import make_staff

TAISHAN = "440781"
YEARS = (2023, 2024, 2025)


def school(unit_code: str, code: str, school_type: str = "primary") -> School:
    return School.objects.create(
        unit=Unit.objects.get(code=unit_code),
        code=code,
        name=f"学校{code}",
        school_type=school_type,
        ownership="public",
    )


def pairing_schools() -> None:
    pairing.make_cycles()
    pairing.make_school("4407059001", "新会区会城第一小学", pairing.XINHUI)
    pairing.make_school("4407819101", "台山市都斛镇中心小学", pairing.TAISHAN, central=True)


# Each builder sets up what its file refers to and returns the file's rows, by column.


def roster(year):
    school(TAISHAN, "4407819001")
    row = {
        "school_code": "4407819001",
        "staff_no": "T001",
        "name": "黄喆",
        "stage": "小学",
        "post": "专任教师",
        "employment": "在编",
        "degree": "本科",
        "title": "中级",
        "subject": "语文",
        "teaching_years": 12,
        "annual_pay": "98,000.50",
    }
    return [row]


def staff_records(row):
    def build(year):
        make_staff(Unit.objects.get(code=TAISHAN), "T001", "黄喆")
        return [{"staff_no": "T001", **row(year)}]

    return build


def seat_plan(year):
    # The whole quota of 台山 in one year, so no stage is short.
    return [
        {"stage": "学前教育", "year": year, "seats": 1500},
        {"stage": "义务教育", "year": year, "seats": 9185},
    ]


def seat_projects(year):
    row = {
        "code": "TS-01",
        "name": "台城第八小学新建工程",
        "kind": "新建",
        "stage": "义务教育",
        "seats_planned": 1350,
        "status": "已竣工",
        "start_date": f"{year - 1}-03-01",
        "completed_on": f"{year}-08-20",
        "year_seats_planned": 1350,
        "seats_delivered": 1350,
    }
    return [row]


def seat_enrolment(year):
    return [{"year": year, "public_students": 85000, "private_students": 1200}]


def pairing_dispatched(year):
    pairing_schools()
    row = {
        "staff_no": "X001",
        "name": "李支教",
        "home_school": "4407059001",
        "host_school": "4407819101",
        "start": f"{year}-03-01",
        "end": f"{year}-07-31",
    }
    return [row]


def pairing_shadowing(year):
    pairing_schools()
    row = {
        "staff_no": "T001",
        "name": "王跟岗",
        "home_school": "4407819101",
        "host_school": "4407059001",
        "start": f"{year}-02-01",
        "end": f"{year}-12-31",
    }
    return [row]


def pairing_activities(year):
    pairing_schools()
    pairing.make_placement(
        Placement.Kind.SHADOWING,
        School.objects.get(code="4407819101"),
        School.objects.get(code="4407059001"),
        datetime.date(year, 2, 1),
        datetime.date(year, 12, 31),
        staff_no="T001",
    )
    return [{"kind": "听课", "date": f"{year}-03-31", "count": 12, "staff_no": "T001"}]


def school_resources(year):
    school(TAISHAN, "4407810101")
    values = (6.5, 1.2, 0.9, 5.5, 8.25, 3200.5, 4.1)
    keys = [column.key for column in datasets.get("school_resources").columns[4:]]
    row = {"school_code": "4407810101", "stage": "小学", "students": 420}
    return [row | dict(zip(keys, values, strict=True))]


TRAINING = {"level": "市", "hours": 12}
DUTIES = {"level": "县", "guidance_days": 80, "lessons_observed": 100, "public_lessons": 5}
# slug: (the importing unit, the builder of its file)
BUILDERS = {
    "roster": (TAISHAN, roster),
    "training": (TAISHAN, staff_records(lambda year: {**TRAINING, "date": f"{year}-03-01"})),
    "researcher_duties": (
        TAISHAN,
        staff_records(lambda year: {**DUTIES, "in_post_since": year - 6}),
    ),
    "principal_duties": (
        TAISHAN,
        staff_records(lambda year: {"semester": "春", "lessons_observed": 50}),
    ),
    "seat_plan": (TAISHAN, seat_plan),
    "seat_projects": (TAISHAN, seat_projects),
    "seat_enrolment": (TAISHAN, seat_enrolment),
    "pairing_dispatched": (pairing.XINHUI, pairing_dispatched),
    "pairing_shadowing": (pairing.TAISHAN, pairing_shadowing),
    "pairing_activities": (pairing.TAISHAN, pairing_activities),
    "school_resources": (TAISHAN, school_resources),
}


@pytest.fixture
def years_open(admin_user):
    for year in YEARS:
        reporting_year_open(year=year, due_date=datetime.date(year + 1, 3, 31), user=admin_user)
    return ReportingYear.objects.all()


def preview(slug, year):
    dataset = datasets.get(slug)
    unit_code, build = BUILDERS[slug]
    rows = build(year)
    header = [str(column.header) for column in dataset.columns]
    cells = [[row.get(column.key, "") for column in dataset.columns] for row in rows]
    return import_preview(
        dataset=dataset,
        unit=Unit.objects.get(code=unit_code),
        year=year,
        file=xlsx([header, *cells]),
        filename=f"{slug}.xlsx",
        user=None,
    )


def test_every_registered_data_set_is_covered():
    assert set(BUILDERS) == {dataset.slug for dataset in datasets.all_datasets()}


@pytest.mark.parametrize("slug", BUILDERS)
def test_a_clean_file_previews_ready_and_commits(years_open, slug):
    batch = preview(slug, 2025)
    assert batch.errors == [], batch.errors
    written = import_commit(batch=batch, dataset=datasets.get(slug), user=None)
    assert written == len(batch.rows) > 0
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.COMMITTED


# A project's description belongs to the latest opened year's return (seats.services.locks).
NEED_THE_LATEST_RETURN = {"seat_projects"}


@pytest.mark.parametrize("slug", BUILDERS)
def test_with_the_years_around_it_submitted_the_preview_decides(years_open, slug):
    """A 2024 file while the section's 2023 and 2025 returns are submitted (2024's is
    open): the preview refuses what the commit would refuse, and what it accepts commits."""
    YearlyReturn.objects.filter(
        unit__code=BUILDERS[slug][0],
        section=datasets.get(slug).section,
        reporting_year__year__in=(2023, 2025),
    ).update(status=YearlyReturn.Status.SUBMITTED)
    if slug in NEED_THE_LATEST_RETURN:
        with pytest.raises(ImportRefused, match="2025"):
            preview(slug, 2024)
        assert not ImportBatch.objects.exists()
        return
    batch = preview(slug, 2024)
    assert batch.errors == [], batch.errors
    assert import_commit(batch=batch, dataset=datasets.get(slug), user=None) == len(batch.rows)
