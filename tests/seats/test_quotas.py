"""Plan periods and quota tables: the 14th FYP as shipped, and a later period added by the city."""

from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from seats import selectors, services
from seats.datasets import read_quota_file
from seats.models import PlanPeriod, SeatQuota
from tests.conftest import client_for


def xlsx(rows) -> BytesIO:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "quota.xlsx"
    return buffer


def test_the_14th_fyp_table_adds_up_as_published(period):
    table = selectors.quota_table(period)
    assert (period.start_year, period.end_year, period.city_target) == (2021, 2025, 110_000)
    assert len(table.rows) == 8
    assert table.totals == {
        "preschool": 10080,
        "compulsory": 96202,
        "private_to_convert": 32858,
        "high_school": 11329,
        "total": 117611,
    }
    assert {row.unit.name: row.total for row in table.rows} == {
        "市直": 5995,
        "蓬江区": 30933,
        "江海区": 15619,
        "新会区": 18245,
        "台山市": 10685,
        "开平市": 14010,
        "鹤山市": 13876,
        "恩平市": 8248,
    }


def test_a_city_admin_adds_the_15th_fyp(admin_user, period):
    fifteenth = services.period_create(
        user=admin_user, name="“十五五”规划", start_year=2026, end_year=2030, city_target=90_000
    )
    assert list(fifteenth.years) == [2026, 2027, 2028, 2029, 2030]
    assert selectors.period_for_year(2027) == fifteenth
    assert selectors.period_for_year(2025) == period


@pytest.mark.parametrize("years", [(2025, 2029), (2020, 2021), (2023, 2024)])
def test_periods_cannot_overlap(admin_user, period, years):
    with pytest.raises(ValidationError):
        services.period_create(user=admin_user, name="x", start_year=years[0], end_year=years[1])


def test_only_a_city_admin_changes_periods_and_quotas(reviewer, editor, period):
    for user in (reviewer, editor):
        with pytest.raises(PermissionDenied):
            services.period_create(user=user, name="x", start_year=2031, end_year=2035)
        with pytest.raises(PermissionDenied):
            services.quotas_save(user=user, period=period, rows={})


def test_converted_seats_cannot_exceed_compulsory(admin_user, period, county_a):
    figures = {"preschool": 1, "compulsory": 10, "private_to_convert": 11, "high_school": 0}
    with pytest.raises(ValidationError):
        services.quotas_save(user=admin_user, period=period, rows={county_a: figures})
    assert SeatQuota.objects.get(period=period, unit=county_a).compulsory == 9185


def test_the_period_page_saves_a_whole_quota_table(admin_user, period):
    client = client_for(admin_user)
    response = client.post(
        reverse("seats:period_add"),
        {"name": "“十五五”规划", "start_year": 2026, "end_year": 2030, "city_target": ""},
    )
    fifteenth = PlanPeriod.objects.get(start_year=2026)
    assert response.status_code == 302
    page = client.get(reverse("seats:period_edit", kwargs={"pk": fifteenth.pk}))
    assert page.status_code == 200
    data = {
        "period-name": fifteenth.name,
        "period-start_year": 2026,
        "period-end_year": 2030,
        "period-city_target": 50_000,
    }
    for unit in page.context["table"].units:
        data |= {
            f"quota-{unit.code}_preschool": 100,
            f"quota-{unit.code}_compulsory": 1000,
            f"quota-{unit.code}_private_to_convert": 10,
            f"quota-{unit.code}_high_school": 50,
        }
    response = client.post(reverse("seats:period_edit", kwargs={"pk": fifteenth.pk}), data)
    assert response.status_code == 302
    table = selectors.quota_table(fifteenth)
    assert table.totals["total"] == 8 * 1150
    fifteenth.refresh_from_db()
    assert fifteenth.city_target == 50_000
    # The 14th FYP is untouched.
    assert selectors.quota_table(period).totals["total"] == 117611


QUOTA_HEADER = ["单位", "学前教育", "义务教育合计", "其中需压缩民办学位数", "普通高中"]


def test_the_quota_import_reads_a_messy_file_and_skips_the_sum_row(db):
    file = xlsx(
        [
            ["“十五五”期间基础教育公办学位建设任务表"],
            QUOTA_HEADER,
            ["市直", "１０００", 2000, "0", 100],
            [" 台山市 ", 500.0, "3,000", 100, 0],
            ["合计", 1500, 5000, 100, 100],
        ]
    )
    preview = read_quota_file(file)
    assert preview.errors == []
    assert [(row["unit"], row["preschool"], row["compulsory"]) for row in preview.rows] == [
        ("市直", 1000, 2000),
        ("台山市", 500, 3000),
    ]


def test_bad_quota_rows_are_reported_and_nothing_is_written(admin_user, period):
    fifteenth = services.period_create(
        user=admin_user, name="十五五", start_year=2026, end_year=2030
    )
    file = xlsx(
        [
            QUOTA_HEADER,
            ["市直", 1000, 2000, 0, 100],
            ["不存在区", 1, 1, 0, 1],
            ["台山市", -5, 10, 20, 0],
            ["市直", 1, 1, 0, 1],
        ]
    )
    client = client_for(admin_user)
    response = client.post(
        reverse("seats:quota_import", kwargs={"pk": fifteenth.pk}), {"file": file}
    )
    errors = response.context["preview"].errors
    assert [(e.row, e.value) for e in errors] == [(3, "不存在区"), (4, "-5"), (5, "市直")]
    assert response.context["payload"] == ""
    assert not SeatQuota.objects.filter(period=fifteenth).exists()


def test_a_clean_quota_file_is_confirmed_then_written(admin_user, period):
    fifteenth = services.period_create(
        user=admin_user, name="十五五", start_year=2026, end_year=2030
    )
    client = client_for(admin_user)
    url = reverse("seats:quota_import", kwargs={"pk": fifteenth.pk})
    template = client.get(reverse("seats:quota_template", kwargs={"pk": fifteenth.pk}))
    sheet = load_workbook(BytesIO(template.content)).active
    assert sheet.cell(row=3, column=1).value == "市直"
    rows = [QUOTA_HEADER, ["市直", 10, 20, 5, 30], ["440781", 1, 2, 0, 3]]
    preview = client.post(url, {"file": xlsx(rows)})
    payload = preview.context["payload"]
    assert payload and not SeatQuota.objects.filter(period=fifteenth).exists()
    assert client.post(url, {"payload": payload}).status_code == 302
    table = selectors.quota_table(fifteenth)
    assert [(q.unit.name, q.total) for q in table.rows] == [("市直", 60), ("台山市", 6)]
    # A payload signed for one period cannot be replayed on another.
    client.post(reverse("seats:quota_import", kwargs={"pk": period.pk}), {"payload": payload})
    assert SeatQuota.objects.get(period=period, unit__code="440700").total == 5995
