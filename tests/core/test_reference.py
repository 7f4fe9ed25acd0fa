"""The reference data (docs/rules.md#reference-data, docs/rules.md#indicator-table), cell by
cell."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from assessment.models import Indicator, IndicatorRule
from jiangmen_edu.models import School, Township, Unit
from pairing.models import CountyPair, SupportGroup
from seats.models import SeatQuota
from seats.selectors import quota_table

# docs/rules.md#quota-table, “十四五”期间基础教育公办学位建设任务表: preschool, compulsory, private
# to convert, general high school, total.
QUOTAS = {
    "市直": (1080, 3136, 3136, 1779, 5995),
    "蓬江区": (1200, 25233, 8429, 4500, 30933),
    "江海区": (1200, 11419, 7442, 3000, 15619),
    "新会区": (1080, 17165, 5723, 0, 18245),
    "台山市": (1500, 9185, 0, 0, 10685),
    "开平市": (1800, 12210, 3046, 0, 14010),
    "鹤山市": (1500, 10776, 4099, 1600, 13876),
    "恩平市": (720, 7078, 983, 450, 8248),
}
CITY_TOTAL = (10080, 96202, 32858, 11329, 117611)

pytestmark = pytest.mark.django_db


def test_units_codes_and_regions():
    units = {u.code: (u.name, u.kind, u.region) for u in Unit.objects.all()}
    assert units == {
        "440700": ("市直", "city_direct", ""),
        "440703": ("蓬江区", "county", "east"),
        "440704": ("江海区", "county", "east"),
        "440705": ("新会区", "county", "east"),
        "440784": ("鹤山市", "county", "east"),
        "440781": ("台山市", "county", "west"),
        "440783": ("开平市", "county", "west"),
        "440785": ("恩平市", "county", "west"),
    }
    assert [u.code for u in Unit.objects.filter(kind="county")] == [
        "440703",
        "440704",
        "440705",
        "440784",
        "440781",
        "440783",
        "440785",
    ]


def test_every_county_has_townships_and_city_direct_has_none():
    for unit in Unit.objects.filter(kind="county"):
        assert unit.townships.exists(), unit
    assert not Township.objects.filter(unit__code="440700").exists()
    assert Township.objects.get(name="台城街道").kind == Township.Kind.SUBDISTRICT
    assert Township.objects.get(name="赤坎镇").kind == Township.Kind.TOWN


@pytest.mark.parametrize("unit_name", QUOTAS)
def test_quota_row(unit_name):
    quota = SeatQuota.objects.get(unit__name=unit_name, period__start_year=2021)
    assert (
        quota.preschool,
        quota.compulsory,
        quota.private_to_convert,
        quota.high_school,
        quota.total,
    ) == QUOTAS[unit_name]


def test_quota_rows_add_up_to_city_total():
    table = quota_table(SeatQuota.objects.first().period)
    assert len(table.rows) == 8
    assert (
        table.totals["preschool"],
        table.totals["compulsory"],
        table.totals["private_to_convert"],
        table.totals["high_school"],
        table.totals["total"],
    ) == CITY_TOTAL
    assert tuple(map(sum, zip(*QUOTAS.values(), strict=True))) == CITY_TOTAL


def test_pairing_relationships():
    pairs = {(p.supporter.name, p.recipient.name) for p in CountyPair.objects.all()}
    assert pairs == {
        ("蓬江区", "恩平市"),
        ("江海区", "恩平市"),
        ("新会区", "台山市"),
        ("鹤山市", "开平市"),
    }
    members = {
        group.name: (
            group.recipient.name,
            sorted(m.unit.name for m in group.members.all() if m.unit),
            sorted(m.school.name for m in group.members.all() if m.school),
        )
        for group in SupportGroup.objects.all()
    }
    assert members["蓬江-江海团"] == (
        "恩平市",
        ["江海区", "蓬江区"],
        sorted(
            ["江门市第一中学", "江门市工贸职业技术学校", "江门市第一幼儿园", "江门市蓓蕾幼儿园"]
        ),
    )
    assert members["新会团"][0] == "台山市" and members["新会团"][1] == ["新会区"]
    assert members["鹤山团"][0] == "开平市" and len(members["鹤山团"][2]) == 4
    assert School.objects.filter(unit__code="440700").count() == 12


def test_indicator_table_and_default_rules():
    indicators = list(Indicator.objects.values_list("code", "default_max_points"))
    assert [code for code, _ in indicators] == [
        "1",
        "2.1",
        "2.2",
        "2.3a",
        "2.3b",
        "2.3c",
        "2.4",
        "3.1",
        "3.2a",
        "3.2bc",
        "3.3",
        "3.4a",
        "3.4b",
        "4",
    ]
    # I-6: 3.2 adds up to 7, so the reachable total is 97 and the items other than 3.3 give 92.
    assert sum(points for _, points in indicators) == Decimal(97)
    assert IndicatorRule.objects.filter(year=2025, region="east").count() == 14
    rule = IndicatorRule.objects.get(indicator__code="2.3c", year=2025, region="west")
    assert rule.parameters["ratio_max"] == "0.05"


def test_load_reference_is_idempotent():
    def snapshot():
        return [
            model.objects.count()
            for model in (Unit, Township, School, SeatQuota, CountyPair, Indicator, IndicatorRule)
        ]

    before = snapshot()
    call_command("load_reference")
    call_command("load_reference")
    assert snapshot() == before


def test_load_reference_keeps_an_admins_threshold_change():
    rule = IndicatorRule.objects.get(indicator__code="2.3b", year=2025, region="west")
    rule.parameters = {"pay_ratio": "0.65"}
    rule.save()
    call_command("load_reference")
    rule.refresh_from_db()
    assert rule.parameters == {"pay_ratio": "0.65"}
