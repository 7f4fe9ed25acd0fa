"""Items 1, 3.4a, 3.4b and 4 of the indicator table: county responsibility, balance,
preschool, satisfaction (docs/rules.md#assessment)."""

from decimal import Decimal
from fractions import Fraction

from assessment.scoring.balance import (
    BALANCE_STAGES,
    INDICATOR_KEYS,
    INDICATOR_LABELS,
    STAGE_LABELS,
    Dispersion,
    stage_dispersions,
    stage_samples,
)
from assessment.scoring.config import ConfigError, ItemConfig
from assessment.scoring.inputs import (
    SURVEY_GROUP_LABELS,
    BalanceInputs,
    Coefficient,
    PreschoolInputs,
    PreschoolStatus,
    ResponsibilityInputs,
    SatisfactionInputs,
)
from assessment.scoring.result import (
    ItemResult,
    check_config,
    clause,
    coefficient_text,
    decimal_string,
    join_sentences,
    pending,
    percent_text,
    points_text,
    round_half_up,
)

NO_DATA = "尚无已审核通过的数据"
NOT_SCORED = "检查组尚未评分"


# Item 1 -----------------------------------------------------------------------------------------

RESPONSIBILITY_PARTS = (
    ("teacher_policy", "加强教师队伍建设政策及成效"),
    ("seat_supply", "公办优质学位供给规划编制及实施"),
)


def score_1(inputs: ResponsibilityInputs | None, config: ItemConfig) -> ItemResult:
    """Item 1 (压实县级主体责任, docs/rules.md#item-1): two parts scored by the assessor, 0–5 each,
    each with a written reason; the item is their sum."""
    check_config(config, "1")
    if inputs is None:
        return pending("1", config.max_points, NOT_SCORED)
    record, sentences, gaps, missing, problems = {}, [], [], [], []
    total = Decimal(0)
    for key, label in RESPONSIBILITY_PARTS:
        part_max = config.decimal("parts", key)
        assessor = getattr(inputs, key)
        if assessor is None:
            missing.append(label)
            continue
        record[key] = assessor.as_inputs(part_max)
        problem = assessor.problem(part_max)
        if problem:
            problems.append(f"{label}：{problem}")
            continue
        total += assessor.score
        sentences.append(
            f"{label} {points_text(assessor.score)} 分（满分 {points_text(part_max)} 分），"
            f"理由：{clause(assessor.reason)}"
        )
        if assessor.score < part_max:
            gaps.append(f"{label}距满分差 {points_text(part_max - assessor.score)} 分")
    if problems:
        return pending(
            "1", config.max_points, join_sentences(problems), inputs=record, flagged=True
        )
    if missing:
        return pending("1", config.max_points, f"检查组尚未评定：{'、'.join(missing)}")
    score = round_half_up(min(total, config.max_points))
    gap = "；".join(gaps) + "（由检查组根据佐证材料评定）" if gaps else ""
    return ItemResult(
        "1",
        score,
        config.max_points,
        record,
        "；".join(sentences) + f"。合计得 {points_text(score)} 分。",
        gap,
    )


# Item 3.4a --------------------------------------------------------------------------------------


def _judge(coefficient: Coefficient, threshold: Decimal) -> tuple[Decimal | None, bool | None]:
    """Item 3.4a (docs/rules.md#item-3-4a): a coefficient's value and whether it is at most the
    threshold, exactly (I-7)."""
    if coefficient is None:
        return None, None
    if isinstance(coefficient, Dispersion):
        return coefficient.value(), coefficient.at_most(threshold)
    return coefficient, coefficient <= threshold


def score_3_4a(inputs: BalanceInputs | None, config: ItemConfig) -> ItemResult:
    """Item 3.4a (优质均衡差异系数, docs/rules.md#item-3-4a): 7 when all 7 primary coefficients are
    at most 0.50 and all 7 junior at most 0.45 ("低于" includes the number), else 0. Coefficients
    are compared unrounded (I-7). From per-school records, special-education and vocational
    schools and teaching points with fewer than `min_students` students are left out."""
    check_config(config, "3.4a")
    if inputs is None:
        return pending("3.4a", config.max_points, NO_DATA)
    thresholds = {stage: config.decimal(f"{stage}_max") for stage in BALANCE_STAGES}
    record: dict = {f"{stage}_max": str(thresholds[stage]) for stage in BALANCE_STAGES}
    if inputs.schools is not None:
        min_students = config.integer("min_students")
        record["min_students"] = min_students
        record["schools"] = {
            stage: len(stage_samples(inputs.schools, stage, INDICATOR_KEYS[0], min_students))
            for stage in BALANCE_STAGES
        }
        coefficients = {
            stage: tuple(stage_dispersions(inputs.schools, stage, min_students).values())
            for stage in BALANCE_STAGES
        }
    else:
        coefficients = {"primary": inputs.primary, "junior": inputs.junior}
    sentences, gaps, undefined = [], [], []
    for stage in BALANCE_STAGES:
        threshold, label = thresholds[stage], STAGE_LABELS[stage]
        values, failing = {}, []
        for key, coefficient in zip(INDICATOR_KEYS, coefficients[stage], strict=True):
            value, passed = _judge(coefficient, threshold)
            values[key] = None if value is None else decimal_string(value)
            if passed is None:
                undefined.append(f"{label}{INDICATOR_LABELS[key]}")
            elif not passed:
                assert value is not None
                failing.append((key, value))
        record[stage] = values
        limit = str(threshold)
        if failing:
            listed = "、".join(
                f"{INDICATOR_LABELS[key]} {coefficient_text(value, threshold)}"
                for key, value in failing
            )
            sentences.append(f"{label} {len(failing)} 项差异系数超过 {limit}：{listed}")
            gaps.extend(
                f"{label}{INDICATOR_LABELS[key]}差异系数由 {coefficient_text(value)} 降至 "
                f"{limit} 以内"
                for key, value in failing
            )
        else:
            known = [(key, value) for key, value in values.items() if value is not None]
            if known:
                key, value = max(known, key=lambda pair: Decimal(pair[1]))
                sentences.append(
                    f"{label} 7 项差异系数均不超过 {limit}"
                    f"（最大为{INDICATOR_LABELS[key]} {coefficient_text(Decimal(value))}）"
                )
    if undefined:
        return pending(
            "3.4a",
            config.max_points,
            f"以下差异系数无法计算（无纳入计算的学校，或全县均值为 0）：{'、'.join(undefined)}",
            inputs=record,
            notes=["I-7"],
            flagged=True,
        )
    score = Decimal(0) if gaps else config.max_points
    gap = ""
    if gaps:
        gap = "；".join(gaps) + f"，全部达标可得 {points_text(config.max_points)} 分"
    return ItemResult(
        "3.4a",
        round_half_up(score),
        config.max_points,
        record,
        "；".join(sentences) + f"。得 {points_text(score)} 分。",
        gap,
        ["I-7"],
    )


# Item 3.4b --------------------------------------------------------------------------------------


def score_3_4b(inputs: PreschoolInputs | None, config: ItemConfig) -> ItemResult:
    """Item 3.4b (学前教育普及普惠, docs/rules.md#item-3-4b): passed the city's preliminary check 4;
    passed the provincial evaluation or recognised nationally 8; not applied: the assessor scores
    0–4 from the materials, with a reason (I-5)."""
    check_config(config, "3.4b")
    if inputs is None:
        return pending("3.4b", config.max_points, NO_DATA)
    city, provincial = config.decimal("city_check"), config.decimal("provincial")
    record: dict = {"status": str(inputs.status)}
    upgrade = (
        f"通过省级评估或被认定为全国学前教育普及普惠县（市、区）可得 {points_text(provincial)} 分"
    )
    if inputs.status is PreschoolStatus.CITY_CHECK:
        score, gap = city, upgrade
        text = "申报国家学前教育普及普惠县（市、区），已通过市级初核"
    elif inputs.status is PreschoolStatus.PROVINCIAL:
        score, gap = provincial, ""
        text = "申报国家学前教育普及普惠县（市、区），已通过省级评估"
    elif inputs.status is PreschoolStatus.NATIONAL:
        score, gap = provincial, ""
        text = "已被认定为全国学前教育普及普惠县（市、区）"
    else:
        return _preschool_not_applied(inputs, config, record, upgrade)
    score = min(score, config.max_points)
    return ItemResult(
        "3.4b",
        round_half_up(score),
        config.max_points,
        record,
        f"{text}，得 {points_text(score)} 分。",
        gap,
    )


def _preschool_not_applied(
    inputs: PreschoolInputs, config: ItemConfig, record: dict, upgrade: str
) -> ItemResult:
    """Item 3.4b not applied (I-5, docs/rules.md#i-5): the assessor's 0–4 from the materials,
    with a reason."""
    ceiling = min(config.decimal("not_applied_max"), config.max_points)
    head = "未申报国家学前教育普及普惠县（市、区）"
    if inputs.assessor is None:
        return pending(
            "3.4b",
            config.max_points,
            f"{head}，待检查组根据推进工作材料评定 0–{points_text(ceiling)} 分",
            inputs=record,
            notes=["I-5"],
        )
    record["assessor"] = inputs.assessor.as_inputs(ceiling)
    problem = inputs.assessor.problem(ceiling)
    if problem:
        return pending(
            "3.4b", config.max_points, problem, inputs=record, notes=["I-5"], flagged=True
        )
    score = round_half_up(inputs.assessor.score)
    city = config.decimal("city_check")
    return ItemResult(
        "3.4b",
        score,
        config.max_points,
        record,
        f"{head}，检查组根据推进工作材料评定 {points_text(score)} 分"
        f"（0–{points_text(ceiling)} 分），理由：{clause(inputs.assessor.reason)}。",
        f"申报并通过市级初核可得 {points_text(city)} 分；{upgrade}",
        ["I-5"],
    )


# Item 4 -----------------------------------------------------------------------------------------


def score_4(inputs: SatisfactionInputs | None, config: ItemConfig) -> ItemResult:
    """Item 4 (公众满意度, docs/rules.md#item-4): 5 × satisfied / respondents, pooled over the
    groups surveyed (deputies, CPPCC members, principals, teachers, parents, students). I-10: the
    policy text gives no formula; with `group_weights` configured, the rate is the weighted mean of
    the surveyed groups' rates, the weights renormalised over the groups surveyed (a group without a
    weight counts 0)."""
    check_config(config, "4")
    notes = ["I-10"]
    surveyed = [] if inputs is None else [g for g in inputs.groups if g.respondents > 0]
    if not surveyed:
        return pending("4", config.max_points, "尚无满意度调查数据", notes=notes)
    weights = config.value("group_weights") or {}
    record: dict = {
        "groups": {
            g.group: {"satisfied": g.satisfied, "respondents": g.respondents} for g in surveyed
        },
        "group_weights": {group: str(weight) for group, weight in weights.items()},
    }
    parts = "，".join(
        f"{SURVEY_GROUP_LABELS.get(g.group, g.group)} {g.satisfied}/{g.respondents}"
        for g in surveyed
    )
    if not weights:
        satisfied = sum(g.satisfied for g in surveyed)
        respondents = sum(g.respondents for g in surveyed)
        rate = Fraction(satisfied, respondents)
        method = (
            f"各类受访群体合并计算（{parts}）：满意 {satisfied} 人 / 受访 {respondents} 人，"
            f"满意率 {percent_text(rate)}"
        )
    else:
        weight_of = {}
        for g in surveyed:
            weight = Fraction(Decimal(str(weights.get(g.group, "0"))))
            if weight < 0:
                raise ConfigError(f"4: group weight of {g.group} cannot be negative")
            weight_of[g.group] = weight
        total_weight = sum(weight_of.values(), Fraction(0))
        if total_weight == 0:
            reason = "已配置群体权重，但受访群体的权重均为 0"
            return pending("4", config.max_points, reason, inputs=record, notes=notes, flagged=True)
        rate = (
            sum(weight_of[g.group] * Fraction(g.satisfied, g.respondents) for g in surveyed)
            / total_weight
        )
        method = f"按配置的群体权重加权计算（{parts}）：加权满意率 {percent_text(rate)}"
    record["rate"] = decimal_string(rate)
    score = round_half_up(Fraction(config.max_points) * rate)
    maximum = points_text(config.max_points)
    gap = ""
    if score < config.max_points:
        gap = (
            f"满意率每提高 1 个百分点约增加 {points_text(Fraction(config.max_points) / 100)} 分，"
            f"满意率 100% 可得 {maximum} 分"
        )
    return ItemResult(
        "4",
        score,
        config.max_points,
        record,
        f"{method}，得 {maximum} × {percent_text(rate)} = {points_text(score)} 分。",
        gap,
        notes,
    )
