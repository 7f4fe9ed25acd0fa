"""A county's scorecard and the ranks of the city overview (docs/rules.md#use-of-results,
docs/rules.md#assess-json)."""

import json
from decimal import Decimal

import pytest

from assessment.scoring import DEFAULTS, ITEM_CODES, NOTES, ConfigError, rank, score_county
from assessment.scoring.balance import SchoolRecord, StageFigures
from assessment.scoring.config import ItemConfig
from assessment.scoring.engine import CountyScore, Rank
from assessment.scoring.inputs import (
    AssessorScore,
    BalanceInputs,
    BoardingInputs,
    DegreeInputs,
    EnrolmentInputs,
    Missing,
    PreschoolInputs,
    PreschoolStatus,
    ResearcherCoverage,
    ResearcherInputs,
    ResponsibilityInputs,
    RestructuringInputs,
    StageCount,
    TempRatioInputs,
)
from assessment.scoring.result import ItemResult
from tests.assessment.factories import full_marks

D = Decimal


def test_full_marks_everywhere_give_97_and_3_3_gives_5():
    # I-8 with the defaults and I-6: the other items' maxima add up to 92
    score = score_county(full_marks(), DEFAULTS)
    assert [item.code for item in score.items] == list(ITEM_CODES)
    assert score.item("3.3").score == 5
    assert score.total == 97 and score.max_total == 97
    assert not score.provisional
    assert score.unreachable_points == 3
    assert "原表标称 100 分，其中 3 分无法取得" in score.explanation


def test_3_3_without_a_task_follows_the_configured_maxima():
    # I-8: "the maxima as configured": an admin gives 3.2a 7 points (3.2 worth 10 again)
    configs = dict(DEFAULTS)
    configs["3.2a"] = ItemConfig.from_dict("3.2a", 7, DEFAULTS["3.2a"].parameters)
    score = score_county(full_marks(**{"3.2a": EnrolmentInputs(90, 100)}), configs)
    # 3.2a: 7 × 90 % / 95 % = 6.63; others 95 − 0.37 = 94.63 of 95
    assert score.item("3.2a").score == D("6.63")
    assert score.item("3.3").score == D("4.98")
    assert score.item("3.3").inputs["others_max"] == "95"
    assert score.max_total == 100 and score.unreachable_points == 0


def test_3_3_with_a_task_ignores_the_others():
    score = score_county(full_marks(**{"3.3": BoardingInputs(100, 95)}), DEFAULTS)
    assert score.item("3.3").score == 3
    assert score.total == 95


def test_the_total_is_the_sum_of_rounded_items():
    inputs = full_marks(
        **{
            "3.2a": EnrolmentInputs(94, 100),  # 3.9578… → 3.96
            "3.2bc": RestructuringInputs(80, 100, 39, 100),  # 2.925 → 2.93
            "3.3": BoardingInputs(100, 100),
        }
    )
    score = score_county(inputs, DEFAULTS)
    assert score.total == sum(item.score for item in score.items)
    assert score.total == D("97") - D("0.04") - D("0.07")


def test_a_null_item_counts_0_and_makes_the_total_provisional():
    inputs = full_marks(**{"2.2": ResearcherInputs(ResearcherCoverage.SUBJECTS_ONLY, None)})
    inputs["3.3"] = BoardingInputs(10, 10)
    score = score_county(inputs, DEFAULTS)
    assert score.item("2.2").score is None
    assert score.total == 87
    assert score.provisional and score.pending_items == ["2.2"]
    assert "总分为暂定值：2.2 尚未计分，按 0 分计入" in score.explanation


def test_without_a_task_3_3_waits_for_every_other_item():
    score = score_county(full_marks(**{"4": None}), DEFAULTS)
    assert score.pending_items == ["3.3", "4"]
    assert "4 尚未计分" in score.item("3.3").explanation


def test_missing_inputs_keep_their_reason():
    score = score_county(full_marks(**{"2.1": Missing("教师队伍数据未审核通过")}), DEFAULTS)
    assert score.item("2.1").explanation == "暂不能计分：教师队伍数据未审核通过"
    empty = score_county({}, DEFAULTS)
    assert empty.total == 0 and len(empty.pending_items) == 14


def test_unknown_items_and_missing_configs_are_refused():
    with pytest.raises(ValueError):
        score_county({"2.5": None}, DEFAULTS)
    configs = dict(DEFAULTS)
    del configs["4"]
    with pytest.raises(ConfigError):
        score_county({}, configs)


def test_regions_may_differ():
    west = dict(DEFAULTS)
    west["2.3c"] = ItemConfig.from_dict(
        "2.3c", 5, {**DEFAULTS["2.3c"].parameters, "ratio_max": "0.08"}
    )
    inputs = full_marks(**{"2.3c": TempRatioInputs(70, 1000, 70), "3.3": BoardingInputs(1, 1)})
    assert score_county(inputs, DEFAULTS).item("2.3c").score == 3
    assert score_county(inputs, west).item("2.3c").score == 5


def test_every_note_cited_exists():
    inputs = full_marks(
        **{
            "2.1": DegreeInputs(*(StageCount(0, 0) for _ in range(4))),
            "2.3c": TempRatioInputs(80, 1000, None),
            "3.2bc": RestructuringInputs(96, 100, 0, 0),
        }
    )
    score = score_county(inputs, DEFAULTS)
    cited = {note for item in score.items for note in item.notes}
    assert {"I-1", "I-3", "I-4", "I-6", "I-7", "I-8", "I-10"} <= cited
    assert cited <= set(NOTES)
    assert score.item("2.3c").flagged


def test_json_shape_of_assess():
    score = score_county(full_marks(), DEFAULTS, county="440781", name="台山市", region="west")
    data = json.loads(json.dumps(score.as_dict(Rank(3, 1)), ensure_ascii=False))
    assert data["code"] == "440781" and data["region"] == "west"
    assert data["total"] == 97.0 and data["rank"] == 3 and data["region_rank"] == 1
    first = data["items"][1]
    assert first["code"] == "2.1" and first["score"] == 16.0 and first["max"] == 16
    assert set(first) >= {"inputs", "explanation", "gap", "notes", "flagged"}


def test_changes_from_the_previous_year():
    this_year = score_county(full_marks(), DEFAULTS)
    last_year = score_county(full_marks(**{"2.3c": TempRatioInputs(80, 1000, 100)}), DEFAULTS)
    changes = this_year.changes_from(last_year)
    assert changes["2.3c"] == 1 and changes["2.1"] == 0
    assert changes["total"] == this_year.total - last_year.total
    assert this_year.changes_from(None)["total"] is None


# ---------------------------------------------------------------------------------------------
# Ranks


def county(code: str, region: str, total: str) -> CountyScore:
    item = ItemResult("1", D(total), D(100), {}, "")
    return CountyScore((item,), D(total), D(100), county=code, region=region)


def test_ranks_overall_and_within_the_region_with_ties():
    scores = [
        county("440703", "east", "90"),
        county("440704", "east", "85.5"),
        county("440705", "east", "85.50"),
        county("440784", "east", "70"),
        county("440781", "west", "88"),
        county("440783", "west", "85.5"),
        county("440785", "west", "60"),
    ]
    ranks = rank(scores)
    assert ranks["440703"] == Rank(1, 1)
    assert ranks["440781"] == Rank(2, 1)
    # three at 85.5 share rank 3; the next is 6 (standard competition ranking)
    assert [ranks[c].rank for c in ("440704", "440705", "440783")] == [3, 3, 3]
    assert ranks["440784"] == Rank(6, 4)
    assert ranks["440705"].region_rank == 2 and ranks["440704"].region_rank == 2
    assert ranks["440783"].region_rank == 2
    assert ranks["440785"] == Rank(7, 3)


def test_rank_1_2_2_4():
    ranks = rank(
        [
            county("a", "east", "9"),
            county("b", "east", "8"),
            county("c", "east", "8"),
            county("d", "east", "7"),
        ]
    )
    assert [ranks[c].rank for c in "abcd"] == [1, 2, 2, 4]


def test_rank_refuses_a_county_twice_and_skips_missing_regions():
    with pytest.raises(ValueError):
        rank([county("a", "east", "1"), county("a", "east", "2")])
    assert rank([county("a", "", "1")])["a"] == Rank(1, None)


def test_every_item_is_json_safe_scored_or_not():
    schools = tuple(
        SchoolRecord(str(i), {"primary": StageFigures(100 + i, (i + 1,) * 7)}) for i in range(3)
    )
    varied = full_marks(
        **{
            "1": ResponsibilityInputs(AssessorScore(D(9), "超出范围"), None),
            "2.3c": TempRatioInputs(80, 1000, None),
            "3.2a": EnrolmentInputs(90, 100),
            "3.4a": BalanceInputs.from_schools(schools),
            "3.4b": PreschoolInputs(PreschoolStatus.NOT_APPLIED, AssessorScore(D(3), "机制健全")),
        }
    )
    for inputs in (varied, full_marks(), {}):
        data = score_county(inputs, DEFAULTS).as_dict()
        assert json.loads(json.dumps(data, ensure_ascii=False)) == data
