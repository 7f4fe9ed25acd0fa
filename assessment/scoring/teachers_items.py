"""Items 2.x of the indicator table: the teaching force (docs/rules.md#assessment).

Each function takes its plain inputs (None: no data yet) and the item's configuration for the
county's year and region, and returns an `ItemResult`. Boundary words follow table note 3:
以上 and 低于 include the number, 超过 and 不满 exclude it; every comparison is exact (I-7).
"""

from decimal import Decimal
from fractions import Fraction
from math import ceil, floor

from assessment.scoring.config import ItemConfig
from assessment.scoring.inputs import (
    AssessorScore,
    CentreInputs,
    DegreeInputs,
    ResearcherCoverage,
    ResearcherInputs,
    TempPayInputs,
    TempRatioInputs,
)
from assessment.scoring.result import (
    ItemResult,
    check_config,
    clause,
    decimal_string,
    join_sentences,
    pending,
    percent_text,
    points_text,
    round_half_up,
    share_text,
    threshold_percent_text,
    yuan_text,
)

NO_DATA = "尚无已审核通过的数据"
NOT_SCORED = "检查组尚未评分"


# Item 2.1 ---------------------------------------------------------------------------------------

DEGREE_STAGES = (
    ("kindergarten", "幼儿园"),
    ("primary", "小学"),
    ("junior", "初中"),
    ("senior_stage", "高中阶段"),
)
DEGREE_LABELS = {"associate": "专科以上", "bachelor": "本科以上", "master": "硕士以上"}


def holders_needed(holders: int, total: int, target: Fraction) -> int:
    """The smallest n with (holders + n) / total ≥ target, the total fixed
    (docs/rules.md#value-added: teachers who gain the degree, not extra hires). 0 when met or total
    is 0."""
    if total == 0:
        return 0
    return max(0, ceil(target * total) - holders)


def score_2_1(inputs: DegreeInputs | None, config: ItemConfig) -> ItemResult:
    """Item 2.1 (教师高一级学历占比, docs/rules.md#item-2-1): 16 − 4 × (stages below target).

    Targets (docs/rules.md#degree-targets, configurable): kindergarten ≥ 98 % associate or above,
    primary ≥ 93 % bachelor, junior ≥ 98 % bachelor, senior stage ≥ 25 % master's. "达到" includes
    the target, compared exactly: 93 of 100 meets 93 % (I-7). A stage with no full-time teachers is
    not assessed and loses nothing (I-1). The gap names, per failing stage, how many teachers must
    gain the degree (total fixed) to win back its points.
    """
    check_config(config, "2.1")
    if inputs is None:
        return pending("2.1", config.max_points, NO_DATA)
    deduction = config.decimal("deduction_per_stage")
    record: dict = {}
    sentences, gaps, notes = [], [], ["I-7"]
    failing = 0
    for key, label in DEGREE_STAGES:
        count = inputs.stage(key)
        target = config.fraction("targets", key, "share")
        degree = config.value("targets", key, "degree")
        degree_label = DEGREE_LABELS.get(degree, degree)
        target_text = threshold_percent_text(target)
        record[key] = {
            "holders": count.holders,
            "total": count.total,
            "degree": degree,
            "target": str(config.decimal("targets", key, "share")),
        }
        if count.total == 0:
            notes.append("I-1")
            record[key]["assessed"] = False
            sentences.append(f"{label}无专任教师，不参与考核，不扣分")
            continue
        share = Fraction(count.holders, count.total)
        passed = share >= target
        record[key].update(assessed=True, passed=passed)
        figure = (
            f"{label}{degree_label}学历比例 {share_text(share, target)}"
            f"（{count.holders}/{count.total} 人）"
        )
        if passed:
            sentences.append(f"{figure}，达到 {target_text}")
            continue
        failing += 1
        sentences.append(f"{figure}，未达到 {target_text}，扣 {points_text(deduction)} 分")
        needed = holders_needed(count.holders, count.total, target)
        gaps.append(
            f"{label}再增加 {needed} 名{degree_label}学历专任教师（专任教师总数不变）"
            f"可达 {target_text}，可得 {points_text(deduction)} 分"
        )
    score = round_half_up(max(Decimal(0), config.max_points - deduction * failing))
    summary = f"{failing} 个学段未达标" if failing else "参与考核的学段均达标"
    return ItemResult(
        "2.1",
        score,
        config.max_points,
        record,
        "；".join(sentences) + f"。{summary}，得 {points_text(score)} 分。",
        "；".join(gaps),
        notes,
    )


# Item 2.2 ---------------------------------------------------------------------------------------

COVERAGE_TEXT = {
    ResearcherCoverage.ALL_STAGES_AND_SUBJECTS: "各学段、各学科均已配齐专职教研员",
    ResearcherCoverage.SUBJECTS_ONLY: "各学科已配齐专职教研员，但未分学段配置",
    ResearcherCoverage.NONE: "未配齐各学科专职教研员",
}


STATED_NONE_TEXT = "县（市、区）声明本年度无专职教研员"


def researcher_values(config: ItemConfig) -> dict[ResearcherCoverage, Decimal]:
    """Item 2.2's score for each coverage category, as configured for the year."""
    return {
        ResearcherCoverage.ALL_STAGES_AND_SUBJECTS: config.decimal("all_stages_and_subjects"),
        ResearcherCoverage.SUBJECTS_ONLY: config.decimal("subjects_only"),
        ResearcherCoverage.NONE: Decimal(0),
    }


def suggestion_text(inputs: ResearcherInputs, config: ItemConfig) -> str:
    """Item 2.2's suggestion as the scorecard and the workbench say it (Chinese)."""
    if inputs.suggestion is None:
        why = inputs.why_no_suggestion
        return f"尚无系统建议值（{why}）" if why else "尚无系统建议值"
    suggested = researcher_values(config)[inputs.suggestion]
    basis = STATED_NONE_TEXT if inputs.stated_none else COVERAGE_TEXT[inputs.suggestion]
    return f"系统根据教研员名册建议 {points_text(suggested)} 分（{basis}）"


def score_2_2(inputs: ResearcherInputs | None, config: ItemConfig) -> ItemResult:
    """Item 2.2 (教研员队伍配置, docs/rules.md#item-2-2): 10 when every stage × subject has a
    full-time researcher, 5 when every subject but not per stage, else 0. The app suggests the value
    from the roster; the assessor confirms it or overrides it, with a reason either way. The
    score is one of the three values."""
    check_config(config, "2.2")
    if inputs is None:
        return pending("2.2", config.max_points, f"尚无教研员名册数据，且{NOT_SCORED}")
    values = researcher_values(config)
    record: dict = {
        "suggestion": None if inputs.suggestion is None else str(inputs.suggestion),
        "suggested_score": None,
        "uncovered": list(inputs.uncovered),
    }
    if inputs.stated_none:
        record["stated_none"] = True
    if inputs.suggestion is not None:
        record["suggested_score"] = str(values[inputs.suggestion])
    suggested = suggestion_text(inputs, config)
    assessor = inputs.assessor
    if assessor is None:
        return pending("2.2", config.max_points, f"待检查组确认，{suggested}", inputs=record)
    record["assessor"] = assessor.as_inputs(config.max_points)
    problem = assessor.problem(config.max_points)
    if problem is None and assessor.score not in values.values():
        allowed = "、".join(points_text(v) for v in sorted(set(values.values())))
        problem = f"检查组评分须为 {allowed} 分之一"
    if problem:
        return pending("2.2", config.max_points, problem, inputs=record, flagged=True)
    score = round_half_up(assessor.score)
    confirmed = inputs.suggestion is not None and assessor.score == values[inputs.suggestion]
    verb = "检查组确认" if confirmed else "检查组评定"
    gaps = []
    if score < config.max_points:
        gap = f"按学段配齐各学科专职教研员可得 {points_text(config.max_points)} 分"
        if inputs.uncovered:
            shown = "、".join(inputs.uncovered[:10])
            more = f"等 {len(inputs.uncovered)} 项" if len(inputs.uncovered) > 10 else ""
            gap += f"（尚缺：{shown}{more}）"
        gaps.append(gap)
    if score < values[ResearcherCoverage.SUBJECTS_ONLY]:
        gaps.append(
            f"配齐各学科专职教研员（未分学段）可得 "
            f"{points_text(values[ResearcherCoverage.SUBJECTS_ONLY])} 分"
        )
    return ItemResult(
        "2.2",
        score,
        config.max_points,
        record,
        join_sentences(
            [suggested, f"{verb} {points_text(score)} 分，理由：{assessor.reason}"], end="。"
        ),
        "；".join(reversed(gaps)),
    )


# Item 2.3a --------------------------------------------------------------------------------------


def score_2_3a(inputs: AssessorScore | None, config: ItemConfig) -> ItemResult:
    """Item 2.3a (临聘教师制度, docs/rules.md#item-2-3a): the assessor scores 0–2 with a reason."""
    check_config(config, "2.3a")
    if inputs is None:
        return pending("2.3a", config.max_points, NOT_SCORED)
    record = inputs.as_inputs(config.max_points)
    problem = inputs.problem(config.max_points)
    if problem:
        return pending("2.3a", config.max_points, problem, inputs=record, flagged=True)
    score = round_half_up(inputs.score)
    gap = ""
    if score < config.max_points:
        gap = (
            f"距满分差 {points_text(config.max_points - score)} 分：需制度健全、管理规范，"
            "明确经费来源并落实同工同酬（由检查组根据佐证材料评定）"
        )
    return ItemResult(
        "2.3a",
        score,
        config.max_points,
        record,
        f"临聘教师制度建设与管理：检查组评定 {points_text(score)} 分"
        f"（满分 {points_text(config.max_points)} 分），理由：{clause(inputs.reason)}。",
        gap,
    )


# Item 2.3b --------------------------------------------------------------------------------------


def score_2_3b(inputs: TempPayInputs | None, config: ItemConfig) -> ItemResult:
    """Item 2.3b (临聘教师工资, docs/rules.md#item-2-3b): 2 when the temporary teachers' average pay
    is at least 70 % of the on-staff teachers' ("70%以上" includes 70 %), else 0. Averages are
    exact.

    `temp_paid` counts the temporary teachers with a recorded pay; 0 is read as "no temporary
    teachers", which cannot fall short: full marks. (A selector that knows of temporary
    teachers without pay records passes `Missing` instead.)
    """
    check_config(config, "2.3b")
    if inputs is None:
        return pending("2.3b", config.max_points, NO_DATA)
    minimum = config.fraction("pay_ratio")
    minimum_text = threshold_percent_text(minimum)
    record: dict = {
        "temp_pay_total": str(inputs.temp_pay_total),
        "temp_paid": inputs.temp_paid,
        "on_staff_pay_total": str(inputs.on_staff_pay_total),
        "on_staff_paid": inputs.on_staff_paid,
        "pay_ratio": str(config.decimal("pay_ratio")),
    }
    if inputs.temp_paid == 0:
        return ItemResult(
            "2.3b",
            config.max_points,
            config.max_points,
            record,
            f"公办学校无临聘教师，不存在临聘教师工资低于在编教师 {minimum_text} 的情形，"
            f"得 {points_text(config.max_points)} 分。",
        )
    if inputs.on_staff_paid == 0 or inputs.on_staff_pay_total == 0:
        return pending("2.3b", config.max_points, "缺少在编教师工资数据", inputs=record)
    temp_average = Fraction(inputs.temp_pay_total) / inputs.temp_paid
    on_staff_average = Fraction(inputs.on_staff_pay_total) / inputs.on_staff_paid
    ratio = temp_average / on_staff_average
    passed = ratio >= minimum
    record["ratio"] = decimal_string(ratio)
    figure = (
        f"临聘教师年平均工资 {yuan_text(temp_average)} 元，为在编教师年平均工资 "
        f"{yuan_text(on_staff_average)} 元的 {share_text(ratio, minimum)}"
    )
    score = config.max_points if passed else Decimal(0)
    verdict = "达到" if passed else "未达到"
    gap = ""
    if not passed:
        short = minimum * on_staff_average - temp_average
        gap = (
            f"临聘教师年平均工资再提高 {yuan_text(short, up=True)} 元（达到在编教师的 "
            f"{minimum_text}）可得 {points_text(config.max_points)} 分"
        )
    return ItemResult(
        "2.3b",
        round_half_up(score),
        config.max_points,
        record,
        f"{figure}，{verdict} {minimum_text}，得 {points_text(score)} 分。",
        gap,
        ["I-7"],
    )


# Item 2.3c --------------------------------------------------------------------------------------


def score_2_3c(inputs: TempRatioInputs | None, config: ItemConfig) -> ItemResult:
    """Item 2.3c (临聘教师占比, docs/rules.md#item-2-3c): ratio = temporary teachers / on-staff
    staff of public schools. "低于5%" includes 5 %: ratio ≤ 5 % → 5. "超过5%" → compare with last
    year's count: "减少20%以上" (a fall of at least 20 %) → 4; "减少不足20%" (0 < fall < 20 %) → 3;
    a rise → 0; unchanged → 3 (I-2); no last-year figure → 3, flagged (I-3); last year's figure
    not usable yet (its return not approved) → cannot be scored yet (I-11).
    """
    check_config(config, "2.3c")
    if inputs is None:
        return pending("2.3c", config.max_points, NO_DATA)
    ratio_max = config.fraction("ratio_max")
    fall_threshold = config.fraction("fall_threshold")
    ratio_text, fall_text = (
        threshold_percent_text(ratio_max),
        threshold_percent_text(fall_threshold),
    )
    temps, on_staff, last = inputs.temps, inputs.on_staff, inputs.last_year_temps
    record: dict = {
        "temps": temps,
        "on_staff": on_staff,
        "last_year_temps": last,
        "ratio_max": str(config.decimal("ratio_max")),
        "fall_threshold": str(config.decimal("fall_threshold")),
    }
    if temps > 0 and on_staff == 0:
        return pending(
            "2.3c",
            config.max_points,
            "缺少公办学校在编教职工人数，无法计算临聘教师占比",
            inputs=record,
            flagged=True,
        )
    ratio = Fraction(temps, on_staff) if temps else Fraction(0)
    record["ratio"] = decimal_string(ratio)
    figure = (
        f"公办学校临聘教师 {temps} 人，占在编教职工 {on_staff} 人的 {share_text(ratio, ratio_max)}"
    )
    notes, flagged = ["I-7"], False
    if ratio <= ratio_max:
        score = config.decimal("within_ratio")
        return ItemResult(
            "2.3c",
            round_half_up(score),
            config.max_points,
            record,
            f"{figure}，不超过 {ratio_text}（“低于”含本数），得 {points_text(score)} 分。",
            "",
            notes,
        )
    if last is None and inputs.last_year_pending:
        return pending(
            "2.3c",
            config.max_points,
            f"{figure}，超过 {ratio_text}，须与上一年度临聘教师人数比较，但"
            f"{inputs.last_year_pending}",
            inputs=record,
            notes=notes,
        )
    if last is None:
        score, flagged = config.decimal("no_last_year"), True
        notes.append("I-3")
        trend = f"无上一年度临聘教师人数可比较，暂计 {points_text(score)} 分，待核实"
    elif temps == last:
        score = config.decimal("unchanged")
        notes.append("I-2")
        trend = f"与上一年度（{last} 人）持平，计 {points_text(score)} 分"
    elif temps > last:
        score = config.decimal("rose")
        trend = f"比上一年度（{last} 人）增加 {temps - last} 人，计 {points_text(score)} 分"
    else:
        fall = Fraction(last - temps, last)
        record["fall"] = decimal_string(fall)
        if fall >= fall_threshold:
            score = config.decimal("fell_at_least_threshold")
            verdict = f"达到 {fall_text}"
        else:
            score = config.decimal("fell_less")
            verdict = f"不足 {fall_text}"
        trend = (
            f"比上一年度（{last} 人）减少 {last - temps} 人，"
            f"减少 {share_text(fall, fall_threshold)}，{verdict}，计 {points_text(score)} 分"
        )
    allowed = floor(ratio_max * on_staff)
    gaps = [
        f"再减少 {temps - allowed} 名临聘教师（降至 {allowed} 人，占比不超过 {ratio_text}）"
        f"可得 {points_text(config.decimal('within_ratio'))} 分"
    ]
    fell_points = config.decimal("fell_at_least_threshold")
    if last and score < fell_points:
        target = floor((1 - fall_threshold) * last)
        if target < temps:
            gaps.append(
                f"或比上一年度减少 {fall_text}（降至 {target} 人，再减少 {temps - target} 人）"
                f"可得 {points_text(fell_points)} 分"
            )
    return ItemResult(
        "2.3c",
        round_half_up(score),
        config.max_points,
        record,
        f"{figure}，超过 {ratio_text}；{trend}。",
        "；".join(gaps),
        notes,
        flagged,
    )


# Item 2.4 ---------------------------------------------------------------------------------------

CENTRE_PARTS = (
    ("venue", "办学场地建设完成度"),
    ("equipment", "教学设施设备添置完成度"),
    ("training", "培训工作开展情况"),
)


def score_2_4(inputs: CentreInputs | None, config: ItemConfig) -> ItemResult:
    """Item 2.4 (教师发展中心建设, docs/rules.md#item-2-4): 2 × venue completion + 2 × equipment
    completion + 1 × training conducted, each a fraction 0–1 set by the assessor from the
    evidence."""
    check_config(config, "2.4")
    if inputs is None:
        return pending("2.4", config.max_points, NOT_SCORED)
    record: dict = {}
    total = Fraction(0)
    sentences, gaps = [], []
    for key, label in CENTRE_PARTS:
        weight = config.fraction(key)
        fraction = Fraction(getattr(inputs, key))
        record[key] = {"fraction": decimal_string(fraction), "points": str(config.decimal(key))}
        total += weight * fraction
        sentences.append(
            f"{label} {percent_text(fraction)}，得 {points_text(weight * fraction)} 分"
            f"（满分 {points_text(weight)} 分）"
        )
        if fraction < 1:
            gaps.append(f"{label}达到 100% 可再得 {points_text(weight * (1 - fraction))} 分")
    if inputs.reason.strip():
        record["reason"] = inputs.reason.strip()
    score = round_half_up(min(total, Fraction(config.max_points)))
    reason = f"理由：{clause(inputs.reason)}。" if clause(inputs.reason) else ""
    return ItemResult(
        "2.4",
        score,
        config.max_points,
        record,
        "；".join(sentences) + f"。合计得 {points_text(score)} 分。{reason}",
        "；".join(gaps),
    )
