"""Each item of the indicator table (docs/rules.md#indicator-table) at its boundaries (at, just
above, just below), with the defaults and with a changed configuration; the report sentences; the
null case."""

import inspect
import json
from decimal import Decimal
from fractions import Fraction
from types import SimpleNamespace

import pytest

from assessment.scoring import items
from assessment.scoring.balance import INDICATOR_KEYS, SchoolKind, SchoolRecord, StageFigures
from assessment.scoring.config import DEFAULTS, ITEM_CODES, ConfigError, ItemConfig
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
from assessment.scoring.notes import NOTES
from assessment.scoring.result import (
    ItemResult,
    pending,
    percent_text,
    points_text,
    round_half_up,
    share_text,
)
from assessment.scoring.teachers_items import holders_needed

D = Decimal


def configured(code: str, max_points: str | None = None, **parameters) -> ItemConfig:
    """The default config of `code` with some parameters replaced (East/West may differ)."""
    base = DEFAULTS[code]
    merged = {**base.parameters, **parameters}
    return ItemConfig.from_dict(code, max_points or base.max_points, merged)


def assessor(score, reason="材料齐全") -> AssessorScore:
    return AssessorScore(D(str(score)), reason)


# ---------------------------------------------------------------------------------------------
# Helpers of result.py and config.py


@pytest.mark.parametrize(
    "value, expected",
    [
        (D("2.345"), "2.35"),
        (D("2.3449999"), "2.34"),
        (Fraction(1, 8), "0.13"),
        (Fraction(-1, 8), "-0.13"),
        (Fraction(117, 40), "2.93"),  # 3 × 39 % / 40 % = 2.925
        (Fraction(4 * 94, 95), "3.96"),
        (16, "16.00"),
    ],
)
def test_round_half_up(value, expected):
    assert round_half_up(value) == D(expected)
    assert str(round_half_up(value)) == expected


def test_number_formats():
    assert percent_text(Fraction(912, 1000)) == "91.20%"
    assert percent_text(Fraction(1, 3)) == "33.33%"
    assert points_text(D("12.00")) == "12"
    assert points_text(D("2.50")) == "2.5"
    # a share that displays as the target but misses it says so
    assert share_text(Fraction(92996, 100000), Fraction(93, 100)) == "93.00%（精确值略低于93%）"
    assert share_text(Fraction(93, 100), Fraction(93, 100)) == "93.00%"


def test_pending_scores_null_and_says_why():
    result = pending("2.2", D(10), "检查组尚未评分")
    assert result.score is None and not result.scored
    assert result.explanation == "暂不能计分：检查组尚未评分"
    assert result.as_dict()["score"] is None


def test_item_result_as_dict_is_json():
    result = items.score_2_3c(TempRatioInputs(40, 1000, None), DEFAULTS["2.3c"])
    data = json.loads(json.dumps(result.as_dict(), ensure_ascii=False))
    assert data["code"] == "2.3c" and data["score"] == 5.0 and data["max"] == 5


def test_defaults_are_the_reference_file():
    assert tuple(DEFAULTS) == ITEM_CODES
    assert sum(config.max_points for config in DEFAULTS.values()) == 97  # I-6
    assert DEFAULTS["2.1"].fraction("targets", "primary", "share") == Fraction(93, 100)
    assert DEFAULTS["3.4a"].integer("min_students") == 50


def test_config_from_a_rule_and_from_plain_values():
    rule = SimpleNamespace(
        indicator=SimpleNamespace(code="3.2a"),
        max_points=D("4.00"),
        parameters={"share_target": "0.9"},
    )
    config = ItemConfig.from_rule(rule)
    assert config.max_points == 4 and config.fraction("share_target") == Fraction(9, 10)
    with pytest.raises(ConfigError):
        ItemConfig.from_dict("9.9", 1, {})
    with pytest.raises(ConfigError, match="share_target"):
        ItemConfig.from_dict("3.2a", 4, {}).decimal("share_target")
    with pytest.raises(ConfigError):
        ItemConfig.from_dict("3.2a", 4, {"share_target": "lots"}).decimal("share_target")


def test_an_item_refuses_another_items_config():
    with pytest.raises(ValueError):
        items.score_2_1(None, DEFAULTS["2.3c"])


@pytest.mark.parametrize("code", ITEM_CODES)
def test_every_function_names_its_source_and_is_null_without_inputs(code):
    function = items.ITEM_FUNCTIONS[code]
    anchor = "item-" + code.replace(".", "-")
    assert f"docs/rules.md#{anchor}" in inspect.getdoc(function)
    result = function(None, DEFAULTS[code])
    assert (
        result.code == code
        and result.score is None
        and result.max_points == DEFAULTS[code].max_points
    )
    assert result.explanation.startswith("暂不能计分：")


def test_notes_cover_i1_to_i10():
    assert list(NOTES) == [f"I-{n}" for n in range(1, 11)]
    assert all(text for text in NOTES.values())


# ---------------------------------------------------------------------------------------------
# Item 1


def test_item_1_adds_two_parts():
    result = items.score_1(ResponsibilityInputs(assessor(4), assessor(5)), DEFAULTS["1"])
    assert result.score == D("9.00")
    assert "距满分差 1 分" in result.gap
    assert result.inputs["teacher_policy"]["reason"] == "材料齐全"


@pytest.mark.parametrize(
    "score, valid", [("0", True), ("5", True), ("5.01", False), ("-0.01", False)]
)
def test_item_1_parts_are_0_to_5(score, valid):
    result = items.score_1(ResponsibilityInputs(assessor(score), assessor(5)), DEFAULTS["1"])
    assert result.scored is valid
    assert result.flagged is not valid


def test_item_1_needs_both_parts_and_reasons():
    missing = items.score_1(ResponsibilityInputs(assessor(5), None), DEFAULTS["1"])
    assert missing.score is None and "公办优质学位供给" in missing.explanation
    no_reason = items.score_1(ResponsibilityInputs(assessor(5, "  "), assessor(5)), DEFAULTS["1"])
    assert no_reason.score is None and "理由" in no_reason.explanation


# ---------------------------------------------------------------------------------------------
# Item 2.1


def degree_inputs(**stages: tuple[int, int]) -> DegreeInputs:
    full = {
        "kindergarten": (100, 100),
        "primary": (100, 100),
        "junior": (100, 100),
        "senior_stage": (100, 100),
    }
    full.update(stages)
    return DegreeInputs(**{key: StageCount(*value) for key, value in full.items()})


@pytest.mark.parametrize(
    "stage, holders, total, passed",
    [
        ("primary", 93, 100, True),  # I-7: 93 of 100 meets 93 %
        ("primary", 92, 100, False),
        ("primary", 94, 100, True),
        ("primary", 92996, 100000, False),  # shows as 93.00 %, still short
        ("kindergarten", 98, 100, True),
        ("kindergarten", 97, 100, False),
        ("junior", 49, 50, True),
        ("junior", 48, 50, False),
        ("senior_stage", 25, 100, True),
        ("senior_stage", 24, 100, False),
        ("senior_stage", 1, 4, True),
    ],
)
def test_item_2_1_boundaries(stage, holders, total, passed):
    result = items.score_2_1(degree_inputs(**{stage: (holders, total)}), DEFAULTS["2.1"])
    assert result.score == (16 if passed else 12)
    assert result.inputs[stage]["passed"] is passed
    assert "I-7" in result.notes


def test_item_2_1_deducts_4_per_stage_below_target():
    result = items.score_2_1(
        degree_inputs(
            kindergarten=(97, 100), primary=(912, 1000), junior=(97, 100), senior_stage=(2, 10)
        ),
        DEFAULTS["2.1"],
    )
    assert result.score == 0


def test_item_2_1_sentence_and_gap():
    result = items.score_2_1(degree_inputs(primary=(912, 1000)), DEFAULTS["2.1"])
    assert "小学本科以上学历比例 91.20%（912/1000 人），未达到 93%，扣 4 分" in result.explanation
    assert "1 个学段未达标，得 12 分" in result.explanation
    assert (
        result.gap == "小学再增加 18 名本科以上学历专任教师（专任教师总数不变）可达 93%，可得 4 分"
    )


def test_item_2_1_gap_for_high_school_masters():
    result = items.score_2_1(degree_inputs(senior_stage=(38, 200)), DEFAULTS["2.1"])
    assert result.gap.startswith("高中阶段再增加 12 名硕士以上学历专任教师")


@pytest.mark.parametrize("holders, total", [(8, 11), (912, 1000), (0, 7), (92, 100), (1, 3)])
def test_holders_needed_is_the_smallest_n(holders, total):
    target = Fraction(93, 100)
    n = holders_needed(holders, total, target)
    assert Fraction(holders + n, total) >= target
    assert n == 0 or Fraction(holders + n - 1, total) < target


def test_item_2_1_stage_without_teachers_is_not_assessed():
    # I-1: no full-time teachers in the senior stage: not assessed, loses nothing
    result = items.score_2_1(degree_inputs(senior_stage=(0, 0)), DEFAULTS["2.1"])
    assert result.score == 16
    assert result.notes == ["I-1", "I-7"]
    assert result.inputs["senior_stage"]["assessed"] is False
    assert "高中阶段无专任教师，不参与考核，不扣分" in result.explanation


def test_item_2_1_regional_targets_and_points():
    west = configured(
        "2.1",
        deduction_per_stage="3",
        targets={
            **DEFAULTS["2.1"].parameters["targets"],
            "primary": {"degree": "bachelor", "share": "0.90"},
        },
    )
    inputs = degree_inputs(primary=(905, 1000), junior=(97, 100))
    assert items.score_2_1(inputs, west).score == 13
    assert items.score_2_1(inputs, DEFAULTS["2.1"]).score == 8


def test_stage_count_refuses_impossible_counts():
    with pytest.raises(ValueError):
        StageCount(101, 100)
    with pytest.raises(ValueError):
        StageCount(-1, 100)


# ---------------------------------------------------------------------------------------------
# Item 2.2


def test_item_2_2_assessor_confirms_the_suggestion():
    inputs = ResearcherInputs(ResearcherCoverage.ALL_STAGES_AND_SUBJECTS, assessor(10, "名册核实"))
    result = items.score_2_2(inputs, DEFAULTS["2.2"])
    assert result.score == 10 and result.gap == ""
    assert "系统根据教研员名册建议 10 分" in result.explanation
    assert "检查组确认 10 分，理由：名册核实" in result.explanation


def test_item_2_2_assessor_overrides_with_a_reason():
    inputs = ResearcherInputs(
        ResearcherCoverage.ALL_STAGES_AND_SUBJECTS,
        assessor(5, "劳动教育教研员为兼职"),
        uncovered=("初中 劳动教育",),
    )
    result = items.score_2_2(inputs, DEFAULTS["2.2"])
    assert result.score == 5
    assert "检查组评定 5 分" in result.explanation
    assert result.inputs["suggested_score"] == "10"
    assert "尚缺：初中 劳动教育" in result.gap


def test_item_2_2_waits_for_the_assessor():
    result = items.score_2_2(
        ResearcherInputs(ResearcherCoverage.SUBJECTS_ONLY, None), DEFAULTS["2.2"]
    )
    assert result.score is None
    assert "待检查组确认" in result.explanation and "建议 5 分" in result.explanation


@pytest.mark.parametrize("score", ["7", "10.5", "-5"])
def test_item_2_2_score_is_one_of_the_three_values(score):
    inputs = ResearcherInputs(ResearcherCoverage.NONE, assessor(score))
    result = items.score_2_2(inputs, DEFAULTS["2.2"])
    assert result.score is None and result.flagged


def test_item_2_2_a_stated_absence_suggests_0_and_says_so():
    inputs = ResearcherInputs(ResearcherCoverage.NONE, assessor(0, "核实"), stated_none=True)
    result = items.score_2_2(inputs, DEFAULTS["2.2"])
    assert result.score == 0 and result.inputs["stated_none"] is True
    assert result.explanation == (
        "系统根据教研员名册建议 0 分（县（市、区）声明本年度无专职教研员）；"
        "检查组确认 0 分，理由：核实。"
    )
    with pytest.raises(ValueError):
        ResearcherInputs(ResearcherCoverage.SUBJECTS_ONLY, None, stated_none=True)


def test_item_2_2_without_a_suggestion_says_why():
    why = "教研员名册为空，且未声明本年度无教研员"
    result = items.score_2_2(ResearcherInputs(None, None, why_no_suggestion=why), DEFAULTS["2.2"])
    assert result.score is None
    assert result.explanation == f"暂不能计分：待检查组确认，尚无系统建议值（{why}）"


def test_item_2_2_needs_a_reason():
    inputs = ResearcherInputs(ResearcherCoverage.NONE, assessor(0, ""))
    assert items.score_2_2(inputs, DEFAULTS["2.2"]).score is None


# ---------------------------------------------------------------------------------------------
# Item 2.3a


@pytest.mark.parametrize(
    "score, expected", [("0", D(0)), ("1.5", D("1.5")), ("2", D(2)), ("2.01", None)]
)
def test_item_2_3a_is_0_to_2(score, expected):
    assert items.score_2_3a(assessor(score), DEFAULTS["2.3a"]).score == expected


def test_item_2_3a_needs_a_reason():
    result = items.score_2_3a(assessor(2, ""), DEFAULTS["2.3a"])
    assert result.score is None and result.flagged


# ---------------------------------------------------------------------------------------------
# Item 2.3b


@pytest.mark.parametrize(
    "temp_total, expected",
    [("210000", 2), ("210000.01", 2), ("209999.99", 0)],
)
def test_item_2_3b_at_70_percent(temp_total, expected):
    # 3 temporary teachers averaging 70,000 vs 7 on-staff averaging 100,000: exactly 70 %
    inputs = TempPayInputs(D(temp_total), 3, D("700000"), 7)
    result = items.score_2_3b(inputs, DEFAULTS["2.3b"])
    assert result.score == expected


def test_item_2_3b_gap_is_the_pay_still_needed():
    result = items.score_2_3b(
        TempPayInputs.from_averages(D("60000"), D("100000")), DEFAULTS["2.3b"]
    )
    assert result.score == 0
    assert "为在编教师年平均工资 100000.00 元的 60.00%，未达到 70%" in result.explanation
    assert result.gap.startswith("临聘教师年平均工资再提高 10000.00 元")


def test_item_2_3b_without_temporary_teachers_has_nothing_to_fall_short():
    result = items.score_2_3b(TempPayInputs(D(0), 0, D("700000"), 7), DEFAULTS["2.3b"])
    assert result.score == 2


def test_item_2_3b_without_on_staff_pay_is_null():
    assert items.score_2_3b(TempPayInputs(D(1000), 1, D(0), 0), DEFAULTS["2.3b"]).score is None


# ---------------------------------------------------------------------------------------------
# Item 2.3c


@pytest.mark.parametrize(
    "temps, expected",
    [(50, 5), (49, 5), (51, 0)],  # "低于5%" includes 5 %; 51 goes to the trend (a rise here)
)
def test_item_2_3c_ratio_boundary(temps, expected):
    result = items.score_2_3c(TempRatioInputs(temps, 1000, 40), DEFAULTS["2.3c"])
    assert result.score == expected


@pytest.mark.parametrize(
    "temps, last, expected, note",
    [
        (80, 100, 4, None),  # fell exactly 20 %: "减少20%以上" includes 20 %
        (79, 100, 4, None),  # fell 21 %
        (81, 100, 3, None),  # fell 19 %: "减少不足20%"
        (99, 100, 3, None),  # fell 1 %
        (100, 100, 3, "I-2"),  # unchanged
        (101, 100, 0, None),  # rose
        (60, 0, 0, None),  # rose from none
    ],
)
def test_item_2_3c_trend(temps, last, expected, note):
    result = items.score_2_3c(TempRatioInputs(temps, 1000, last), DEFAULTS["2.3c"])
    assert result.score == expected
    assert "超过 5%" in result.explanation
    if note:
        assert note in result.notes
    assert not result.flagged


def test_item_2_3c_no_last_year_figure_scores_3_and_is_flagged():
    result = items.score_2_3c(TempRatioInputs(80, 1000, None), DEFAULTS["2.3c"])
    assert result.score == 3 and result.flagged
    assert "I-3" in result.notes and "待核实" in result.explanation


@pytest.mark.parametrize("temps, score", [(50, D(5)), (51, None)])
def test_item_2_3c_last_year_not_approved_is_pending_only_when_needed(temps, score):
    """I-11: last year's count not usable yet. At 5 % the item does not compare (5 points);
    just above, it cannot be scored yet, and says why; not I-3's guess."""
    why = "上一年度（2024 年）教师队伍数据尚未审核通过"
    result = items.score_2_3c(TempRatioInputs(temps, 1000, None, why), DEFAULTS["2.3c"])
    assert result.score == score
    if score is None:
        assert result.explanation == (
            "暂不能计分：公办学校临聘教师 51 人，占在编教职工 1000 人的 5.10%，超过 5%，"
            f"须与上一年度临聘教师人数比较，但{why}"
        )
        assert "I-3" not in result.notes and not result.flagged


def test_item_2_3c_a_count_and_a_reason_for_its_absence_contradict():
    with pytest.raises(ValueError):
        TempRatioInputs(60, 1000, 50, "上一年度数据尚未审核通过")


def test_item_2_3c_sentences_and_gap():
    result = items.score_2_3c(TempRatioInputs(90, 1000, 100), DEFAULTS["2.3c"])
    assert "公办学校临聘教师 90 人，占在编教职工 1000 人的 9.00%，超过 5%" in result.explanation
    assert "减少 10.00%，不足 20%，计 3 分" in result.explanation
    assert result.gap == (
        "再减少 40 名临聘教师（降至 50 人，占比不超过 5%）可得 5 分；"
        "或比上一年度减少 20%（降至 80 人，再减少 10 人）可得 4 分"
    )


def test_item_2_3c_edge_counts():
    assert items.score_2_3c(TempRatioInputs(0, 0, None), DEFAULTS["2.3c"]).score == 5
    no_staff = items.score_2_3c(TempRatioInputs(3, 0, 2), DEFAULTS["2.3c"])
    assert no_staff.score is None and no_staff.flagged


def test_item_2_3c_regional_thresholds_and_points():
    west = configured(
        "2.3c", ratio_max="0.08", fall_threshold="0.10", fell_at_least_threshold="3.5"
    )
    assert items.score_2_3c(TempRatioInputs(80, 1000, 100), west).score == 5
    assert items.score_2_3c(TempRatioInputs(81, 1000, 90), west).score == D("3.5")


# ---------------------------------------------------------------------------------------------
# Item 2.4


@pytest.mark.parametrize(
    "venue, equipment, training, expected",
    [
        (1, 1, 1, "5"),
        (0, 0, 0, "0"),
        (D("0.5"), D("0.25"), 1, "2.5"),
        (Fraction(1, 3), Fraction(1, 3), Fraction(1, 3), "1.67"),
    ],
)
def test_item_2_4_weighted_fractions(venue, equipment, training, expected):
    result = items.score_2_4(CentreInputs(venue, equipment, training), DEFAULTS["2.4"])
    assert result.score == D(expected)


def test_item_2_4_gap_and_fraction_range():
    result = items.score_2_4(CentreInputs(D("0.6"), 1, 1), DEFAULTS["2.4"])
    assert result.gap == "办学场地建设完成度达到 100% 可再得 0.8 分"
    with pytest.raises(ValueError):
        CentreInputs(D("1.01"), 1, 1)
    with pytest.raises(ValueError):
        CentreInputs(1, D("-0.1"), 1)


# ---------------------------------------------------------------------------------------------
# Item 3.1


@pytest.mark.parametrize(
    "delivered, task, points",
    [(1200, 1200, 7), (1201, 1200, 7), (1199, 1200, 0), (0, 0, 7), (5, 0, 7)],
)
def test_item_3_1_compulsory_task(delivered, task, points):
    inputs = NewSeatsInputs(SeatDelivery(0, 0), SeatDelivery(delivered, task), SeatDelivery(0, 0))
    assert items.score_3_1(inputs, DEFAULTS["3.1"]).score == 8 + points


def test_item_3_1_sentences_and_gap():
    inputs = NewSeatsInputs(SeatDelivery(299, 300), SeatDelivery(1000, 1000), SeatDelivery(0, 0))
    result = items.score_3_1(inputs, DEFAULTS["3.1"])
    assert result.score == 11
    assert "普通高中年度任务为 0，视为完成，得 4 分" in result.explanation
    assert result.gap == "学前教育再新增 1 个公办优质学位可得 4 分"


# ---------------------------------------------------------------------------------------------
# Items 3.2a, 3.2bc


@pytest.mark.parametrize(
    "public, expected, proportional",
    [(95, "4", False), (96, "4", False), (94, "3.96", True), (0, "0", True)],
)
def test_item_3_2a_share(public, expected, proportional):
    result = items.score_3_2a(EnrolmentInputs(public, 100), DEFAULTS["3.2a"])
    assert result.score == D(expected)
    assert "I-6" in result.notes
    assert ("I-9" in result.notes) is proportional


def test_item_3_2a_proportional_sentence_and_gap():
    result = items.score_3_2a(EnrolmentInputs(9000, 10000), DEFAULTS["3.2a"])
    assert result.score == D("3.79")
    assert "按比例计分：4 × 90.00% ÷ 95% = 3.79 分" in result.explanation
    assert result.gap.startswith("公办（含政府购买学位）在校生再增加 500 人")


def test_item_3_2a_points_are_configurable():
    # I-6: an admin may give 3.2 its 10 points by raising a sub-item
    assert items.score_3_2a(EnrolmentInputs(95, 100), configured("3.2a", "7")).score == 7


@pytest.mark.parametrize(
    "public, converted, expected",
    [
        (80, 40, "3"),  # share at 80 %: the 40 % rule; completion at 40 %
        (80, 41, "3"),
        (80, 39, "2.93"),  # 3 × 39 % / 40 % = 2.925, half up
        (81, 39, "2.93"),
        (79, 40, "2"),  # share "不满80%": the 60 % rule, 3 × 40 % / 60 %
        (79, 60, "3"),
        (79, 59, "2.95"),
        (79, 61, "3"),
        (100, 0, "0"),
    ],
)
def test_item_3_2bc(public, converted, expected):
    inputs = RestructuringInputs(public, 100, converted, 100)
    result = items.score_3_2bc(inputs, DEFAULTS["3.2bc"])
    assert result.score == D(expected)


def test_item_3_2bc_just_below_80_percent_uses_the_60_percent_rule():
    inputs = RestructuringInputs(7999, 10000, 40, 100)
    result = items.score_3_2bc(inputs, DEFAULTS["3.2bc"])
    assert result.score == 2
    assert "不满 80%" in result.explanation


def test_item_3_2bc_task_0_is_complete():
    result = items.score_3_2bc(RestructuringInputs(90, 100, 0, 0), DEFAULTS["3.2bc"])
    assert result.score == 3 and "I-4" in result.notes


def test_item_3_2bc_gap():
    result = items.score_3_2bc(RestructuringInputs(9000, 10000, 1000, 4099), DEFAULTS["3.2bc"])
    assert result.score == D("1.83")
    assert result.gap == "再压减 640 个民办学位（累计完成 40%）可得 3 分"


# ---------------------------------------------------------------------------------------------
# Item 3.3


@pytest.mark.parametrize(
    "completed, expected",
    [(1000, 5), (1001, 5), (999, 3), (900, 3), (901, 3), (899, 0), (0, 0)],
)
def test_item_3_3_with_a_task(completed, expected):
    result = items.score_3_3(BoardingInputs(1000, completed), DEFAULTS["3.3"])
    assert result.score == expected


def test_item_3_3_gap_names_both_steps():
    result = items.score_3_3(BoardingInputs(1000, 850), DEFAULTS["3.3"])
    assert result.gap == (
        "再建成 50 个寄宿制学位（完成 90%）可得 3 分；再建成 150 个寄宿制学位（完成 100%）可得 5 分"
    )


def other_results(score: str = "max", pending_code: str | None = None) -> list[ItemResult]:
    results = []
    for code, config in DEFAULTS.items():
        if code == "3.3":
            continue
        value = config.max_points if score == "max" else D(score)
        if code == pending_code:
            results.append(pending(code, config.max_points, "缺数据"))
        else:
            results.append(ItemResult(code, value, config.max_points, {}, ""))
    return results


def test_item_3_3_without_a_task_follows_the_other_items():
    # I-8: full marks elsewhere (92 of 92) give 5
    full = items.score_3_3(BoardingInputs.no_task(), DEFAULTS["3.3"], others=other_results())
    assert full.score == 5 and full.notes == ["I-8"]
    assert full.inputs["others_max"] == "92"
    partial = items.score_3_3(BoardingInputs.no_task(), DEFAULTS["3.3"], others=other_results("1"))
    assert partial.score == round_half_up(Fraction(5 * 13, 92))  # 13 items × 1 point


def test_item_3_3_without_a_task_waits_for_the_others():
    alone = items.score_3_3(BoardingInputs.no_task(), DEFAULTS["3.3"])
    assert alone.score is None
    waiting = items.score_3_3(
        BoardingInputs.no_task(), DEFAULTS["3.3"], others=other_results(pending_code="2.2")
    )
    assert waiting.score is None and "2.2" in waiting.explanation


# ---------------------------------------------------------------------------------------------
# Item 3.4a


def coefficients(primary="0.3", junior="0.3", **overrides) -> BalanceInputs:
    values = {"primary": [D(primary)] * 7, "junior": [D(junior)] * 7}
    for key, value in overrides.items():
        stage, index = key.rsplit("_", 1)
        values[stage][int(index)] = D(value)
    return BalanceInputs(tuple(values["primary"]), tuple(values["junior"]))


@pytest.mark.parametrize(
    "inputs, expected",
    [
        (coefficients("0.50", "0.45"), 7),  # "低于0.5 和 0.45" include the numbers
        (coefficients("0.4999", "0.4499"), 7),
        (coefficients(primary_6="0.5001"), 0),
        (coefficients(junior_0="0.4501"), 0),
        (coefficients(junior_3="0.46"), 0),
    ],
)
def test_item_3_4a_thresholds(inputs, expected):
    assert items.score_3_4a(inputs, DEFAULTS["3.4a"]).score == expected


def test_item_3_4a_sentence_shows_three_decimals_and_the_hidden_excess():
    result = items.score_3_4a(coefficients(primary_5="0.5004"), DEFAULTS["3.4a"])
    assert "生均教学仪器设备值 0.500（精确值略高于 0.50）" in result.explanation
    assert result.gap.startswith("小学生均教学仪器设备值差异系数由 0.500 降至 0.50 以内")
    assert result.notes == ["I-7"]


def two_schools(stage: str, a, b, *, extra: list[SchoolRecord] = ()) -> list[SchoolRecord]:
    return [
        SchoolRecord("a", {stage: StageFigures(100, (a,) * 7)}),
        SchoolRecord("b", {stage: StageFigures(100, (b,) * 7)}),
        *extra,
    ]


@pytest.mark.parametrize(
    "junior_values, expected",
    [((29, 11), 7), ((291, 109), 0), ((289, 111), 7)],  # CV 0.45, 0.455, 0.445
)
def test_item_3_4a_from_schools_is_exact(junior_values, expected):
    schools = [*two_schools("primary", 3, 1), *two_schools("junior", *junior_values)]
    schools = [SchoolRecord(f"{i}", s.figures) for i, s in enumerate(schools)]
    result = items.score_3_4a(BalanceInputs.from_schools(schools), DEFAULTS["3.4a"])
    assert result.score == expected
    assert result.inputs["schools"] == {"primary": 2, "junior": 2}


def test_item_3_4a_from_schools_filters_with_the_configured_minimum():
    small_point = SchoolRecord(
        "p", {"primary": StageFigures(49, (100,) * 7)}, is_teaching_point=True
    )
    special = SchoolRecord("s", {"junior": StageFigures(500, (100,) * 7)}, kind=SchoolKind.SPECIAL)
    schools = [
        SchoolRecord(
            "1", {"primary": StageFigures(100, (2,) * 7), "junior": StageFigures(100, (2,) * 7)}
        ),
        SchoolRecord(
            "2", {"primary": StageFigures(100, (2,) * 7), "junior": StageFigures(100, (2,) * 7)}
        ),
        small_point,
        special,
    ]
    assert items.score_3_4a(BalanceInputs.from_schools(schools), DEFAULTS["3.4a"]).score == 7
    lower_minimum = configured("3.4a", min_students=40)  # the teaching point of 49 now counts
    assert items.score_3_4a(BalanceInputs.from_schools(schools), lower_minimum).score == 0


def test_item_3_4a_undefined_coefficient_is_null_and_flagged():
    primary = (D("0.3"),) * 6 + (None,)
    result = items.score_3_4a(BalanceInputs(primary, (D("0.3"),) * 7), DEFAULTS["3.4a"])
    assert result.score is None and result.flagged
    assert "每百名学生拥有网络多媒体教室数" in result.explanation


def test_balance_inputs_need_seven_coefficients():
    with pytest.raises(ValueError):
        BalanceInputs((D("0.3"),) * 6, (D("0.3"),) * 7)
    assert len(INDICATOR_KEYS) == 7


# ---------------------------------------------------------------------------------------------
# Item 3.4b


@pytest.mark.parametrize(
    "status, expected",
    [
        (PreschoolStatus.CITY_CHECK, 4),
        (PreschoolStatus.PROVINCIAL, 8),
        (PreschoolStatus.NATIONAL, 8),
    ],
)
def test_item_3_4b_status(status, expected):
    assert items.score_3_4b(PreschoolInputs(status), DEFAULTS["3.4b"]).score == expected


@pytest.mark.parametrize("score, expected", [("0", D(0)), ("4", D(4)), ("4.01", None)])
def test_item_3_4b_not_applied_is_scored_0_to_4(score, expected):
    inputs = PreschoolInputs(PreschoolStatus.NOT_APPLIED, assessor(score))
    result = items.score_3_4b(inputs, DEFAULTS["3.4b"])
    assert result.score == expected
    assert result.notes == ["I-5"]


def test_item_3_4b_not_applied_waits_for_the_assessor():
    result = items.score_3_4b(PreschoolInputs(PreschoolStatus.NOT_APPLIED), DEFAULTS["3.4b"])
    assert result.score is None and "0–4 分" in result.explanation


# ---------------------------------------------------------------------------------------------
# Item 4


def test_item_4_pools_the_groups_by_default():
    inputs = SatisfactionInputs(
        (GroupResponses("parents", 90, 100), GroupResponses("teachers", 80, 100))
    )
    result = items.score_4(inputs, DEFAULTS["4"])
    assert result.score == D("4.25")
    assert "满意 170 人 / 受访 200 人，满意率 85.00%" in result.explanation
    assert result.notes == ["I-10"]


def test_item_4_pooling_weighs_groups_by_respondents():
    inputs = SatisfactionInputs(
        (GroupResponses("parents", 900, 1000), GroupResponses("deputies", 0, 10))
    )
    assert items.score_4(inputs, DEFAULTS["4"]).score == round_half_up(Fraction(5 * 900, 1010))


def test_item_4_group_weights():
    weighted = configured("4", group_weights={"parents": "3", "teachers": "1"})
    inputs = SatisfactionInputs(
        (
            GroupResponses("parents", 90, 100),
            GroupResponses("teachers", 80, 100),
            GroupResponses("students", 0, 100),  # no weight: counts 0
        )
    )
    # (3 × 90 % + 1 × 80 %) / 4 = 87.5 %; 5 × 87.5 % = 4.375 → 4.38
    assert items.score_4(inputs, weighted).score == D("4.38")


def test_item_4_without_responses_is_null():
    assert items.score_4(SatisfactionInputs(()), DEFAULTS["4"]).score is None
    zero_weights = configured("4", group_weights={"parents": "0"})
    inputs = SatisfactionInputs((GroupResponses("parents", 1, 2),))
    result = items.score_4(inputs, zero_weights)
    assert result.score is None and result.flagged
