"""`manage.py assess` (docs/rules.md#assess-json): the same engine, the JSON shape, a readable
table."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from assessment.models import DevelopmentCentre, ScoreRun
from assessment.scoring import ITEM_CODES
from assessment.services import run_compute, run_publish
from tests.assessment.factories import EXPECTED, EXPECTED_TOTAL

COUNTY_KEYS = ["code", "name", "region", "total", "rank", "region_rank"]
ITEM_KEYS = ["code", "score", "max", "inputs", "explanation"]


def assess(*args, **options) -> str:
    out = StringIO()
    call_command("assess", *args, stdout=out, **options)
    return out.getvalue()


def test_json_has_the_shape_of_spec_9(county_data):
    data = json.loads(assess(year=2025, format="json"))
    assert list(data) == ["year", "counties"] and data["year"] == 2025
    assert len(data["counties"]) == 7
    for county in data["counties"]:
        assert list(county)[: len(COUNTY_KEYS)] == COUNTY_KEYS
        assert county["region"] in ("east", "west")
        assert isinstance(county["total"], float)
        assert isinstance(county["rank"], int) and isinstance(county["region_rank"], int)
        assert [item["code"] for item in county["items"]] == list(ITEM_CODES)
        for item in county["items"]:
            assert list(item)[: len(ITEM_KEYS)] == ITEM_KEYS
            assert item["score"] is None or isinstance(item["score"], float)
            assert isinstance(item["max"], int | float)
            assert isinstance(item["inputs"], dict) and item["explanation"]
    taishan = next(c for c in data["counties"] if c["code"] == "440781")
    assert taishan["name"] == "台山市" and taishan["region"] == "west"
    assert taishan["total"] == float(EXPECTED_TOTAL) and taishan["rank"] == 1
    assert {i["code"]: i["score"] for i in taishan["items"]} == {
        code: float(score) for code, score in EXPECTED.items()
    }
    # A county without approved data: null scores that say why.
    other = next(c for c in data["counties"] if c["code"] == "440783")
    item = next(i for i in other["items"] if i["code"] == "2.1")
    assert item["score"] is None and "尚未审核通过" in item["explanation"]


def test_one_county_keeps_the_citywide_ranks(county_data):
    data = json.loads(assess(year=2025, county="440781", format="json"))
    assert [c["code"] for c in data["counties"]] == ["440781"]
    assert data["counties"][0]["rank"] == 1
    with pytest.raises(CommandError):
        assess(year=2025, county="440700", format="json")


def test_a_fresh_computation_saves_nothing_and_published_reads_the_stored_run(
    county_data, assessment, admin_user
):
    assess(year=2025, format="json")
    assert not ScoreRun.objects.exists()
    with pytest.raises(CommandError):
        assess(year=2025, format="json", published=True)
    run_publish(
        assessment=assessment,
        run=run_compute(assessment=assessment, user=admin_user),
        user=admin_user,
    )
    DevelopmentCentre.objects.update(equipment=1)
    fresh = json.loads(assess(year=2025, county="440781", format="json"))["counties"][0]
    stored = json.loads(assess(year=2025, county="440781", format="json", published=True))
    stored = stored["counties"][0]
    assert stored["total"] == 65.5 and fresh["total"] == 66.5
    assert list(stored) == list(fresh)
    assert [i["code"] for i in stored["items"]] == list(ITEM_CODES)


def test_the_table_is_readable(county_data):
    text = assess(year=2025, format="table")
    lines = text.splitlines()
    assert lines[0] == "Assessment 2025"
    assert "county" in lines[1] and "total" in lines[1]
    assert any(line.startswith("台山市 440781") and "65.5" in line for line in lines)
    detail = assess(year=2025, county="440781", format="table")
    assert "小学本科以上学历比例 93.00%" in detail
