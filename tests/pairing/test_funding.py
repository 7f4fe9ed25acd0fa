"""The yearly funding statement (docs/rules.md#pairing-funding), on screen and as xlsx."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from pairing.models import FundingRate, PayerShare, Placement
from pairing.statements import funding_statement
from tests.conftest import client_for
from tests.pairing import factories as f

D = datetime.date
pytestmark = pytest.mark.django_db


def test_default_rates_and_shares_are_data():
    assert list(FundingRate.objects.values_list("annual_amount", flat=True)) == [
        Decimal("10000.00")
    ]
    shares = dict(PayerShare.objects.values_list("unit__name", "city_share"))
    assert shares == {
        "市直": Decimal("1.00"),
        "台山市": Decimal("1.00"),
        "开平市": Decimal("1.00"),
        "恩平市": Decimal("1.00"),
        "蓬江区": Decimal("0.50"),
        "江海区": Decimal("0.50"),
        "新会区": Decimal("0.50"),
        "鹤山市": Decimal("0.50"),
    }


def test_a_xinhui_teacher_for_8_months(dispatched, reviewer):
    statement = funding_statement(reviewer, 2025)
    [line] = statement.lines
    assert (line.months, line.amount, line.city, line.district) == (
        8,
        Decimal("6666.67"),
        Decimal("3333.34"),
        Decimal("3333.33"),
    )
    assert statement.city_total + statement.district_total == statement.total
    [xinhui] = statement.districts
    assert (xinhui.unit.code, xinhui.district) == (f.XINHUI, Decimal("3333.33"))


def test_the_city_pays_all_for_a_western_teacher(shadowing, reviewer):
    # 台山's teacher shadows from 1 February to 31 December 2025: 11 months.
    [line] = funding_statement(reviewer, 2025).lines
    assert (line.months, line.amount, line.city, line.district) == (
        11,
        Decimal("9166.67"),
        Decimal("9166.67"),
        Decimal("0.00"),
    )


def test_a_placement_over_two_years_is_paid_in_each(
    cycle2, xinhui_school, taishan_school, reviewer
):
    f.make_placement(
        Placement.Kind.DISPATCHED,
        xinhui_school,
        taishan_school,
        D(2023, 9, 1),
        D(2025, 8, 31),
        cycle=cycle2,
    )
    amounts = [funding_statement(reviewer, y).total for y in (2023, 2024, 2025, 2026)]
    assert amounts == [Decimal("3333.33"), Decimal("10000.00"), Decimal("6666.67"), 0]


def test_totals_add_up_to_the_fen_over_many_teachers(
    cycle2, xinhui_school, taishan_school, reviewer
):
    for i in range(7):
        f.make_placement(
            Placement.Kind.DISPATCHED,
            xinhui_school,
            taishan_school,
            D(2025, 1, 1),
            D(2025, i + 1, 28),
            staff_no=f"X{i}",
            cycle=cycle2,
        )
    statement = funding_statement(reviewer, 2025)
    assert statement.total == sum(line.amount for line in statement.lines)
    assert statement.city_total + statement.district_total == statement.total
    assert sum(t.amount for t in statement.by_unit) == statement.total


def test_a_rate_tier_edited_by_the_admin_applies(dispatched, reviewer):
    FundingRate.objects.create(valid_from=2025, kind="dispatched", annual_amount=Decimal("12000"))
    [line] = funding_statement(reviewer, 2025).lines
    assert line.amount == Decimal("8000.00")


def test_a_county_sees_the_statement_of_its_own_placements(dispatched, other_editor, editor):
    assert funding_statement(other_editor, 2025).lines == []
    assert len(funding_statement(editor, 2025).lines) == 1


def test_the_page_and_its_xlsx(dispatched, shadowing, reviewer):
    page = client_for(reviewer).get(reverse("pairing:funding"), {"year": 2025})
    html = page.content.decode()
    assert 'data-payer="city"' in html
    # City: 3,333.34 + 9,166.67; 新会区: 3,333.33.
    assert "12500.01" in html and "3333.33" in html
    export = client_for(reviewer).get(reverse("pairing:funding_export"), {"year": 2025})
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    total = next(row for row in rows if row[0] in ("Total", "合计", "总计") or row[9] == 15833.34)
    assert total[9] == pytest.approx(15833.34)
    assert [r[1] for r in rows[1:3]] == ["李支教", "王跟岗"]


def test_the_city_admin_sets_cycles_and_funding_in_the_back_office(admin_user, editor):
    for model in ("supportcycle", "fundingrate", "payershare", "pairinground"):
        url = reverse(f"admin:pairing_{model}_changelist")
        assert client_for(admin_user).get(url).status_code == 200
        assert client_for(editor).get(url).status_code == 302
    response = client_for(admin_user).post(
        reverse("admin:pairing_supportcycle_add"),
        {"round": f.first_round().pk, "number": 1, "start": "2026-09-01", "end": "2028-08-31"},
    )
    assert response.status_code == 302
