"""Items 3.1 – 3.3 of the indicator table: public school seats (docs/rules.md#assessment).

Boundary words follow table note 3 (以上 includes the number, 不满 excludes it); comparisons
are exact (I-7); "按比例计分" is points × achieved / required (I-9).
"""

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from math import ceil

from assessment.scoring.config import ItemConfig
from assessment.scoring.inputs import (
    BoardingInputs,
    EnrolmentInputs,
    NewSeatsInputs,
    RestructuringInputs,
)
from assessment.scoring.result import (
    ItemResult,
    check_config,
    decimal_string,
    pending,
    percent_text,
    points_text,
    round_half_up,
    share_text,
    threshold_percent_text,
)

NO_DATA = "尚无已审核通过的数据"
NO_STUDENTS = "缺少义务教育在校生数"


def needed(count: int, total: int, target: Fraction) -> int:
    """The smallest n with (count + n) / total ≥ target, the total fixed; 0 when met.

    docs/rules.md#value-added: the seats or students still needed for a threshold.
    """
    return max(0, ceil(target * total) - count)


# Item 3.1 ---------------------------------------------------------------------------------------

SEAT_STAGES = (
    ("preschool", "学前教育"),
    ("compulsory", "义务教育"),
    ("high_school", "普通高中"),
)


def score_3_1(inputs: NewSeatsInputs | None, config: ItemConfig) -> ItemResult:
    """Item 3.1 (公办优质学位增加, docs/rules.md#item-3-1): for each stage, the year's delivered
    public quality seats at least the year's task → preschool 4, compulsory 7, high school 4, else
    0. A task of 0 is met."""
    check_config(config, "3.1")
    if inputs is None:
        return pending("3.1", config.max_points, NO_DATA)
    record: dict = {}
    total = Decimal(0)
    sentences, gaps = [], []
    for key, label in SEAT_STAGES:
        points = config.decimal(key)
        seats = inputs.stage(key)
        met = seats.delivered >= seats.task
        record[key] = {
            "delivered": seats.delivered,
            "task": seats.task,
            "points": str(points),
            "met": met,
        }
        if seats.task == 0:
            sentences.append(f"{label}年度任务为 0，视为完成，得 {points_text(points)} 分")
        elif met:
            sentences.append(
                f"{label}新增公办优质学位 {seats.delivered} 个，完成年度任务 {seats.task} 个，"
                f"得 {points_text(points)} 分"
            )
        else:
            sentences.append(
                f"{label}新增公办优质学位 {seats.delivered} 个，未完成年度任务 {seats.task} 个，"
                "计 0 分"
            )
            gaps.append(
                f"{label}再新增 {seats.task - seats.delivered} 个公办优质学位可得 "
                f"{points_text(points)} 分"
            )
        if met:
            total += points
    score = round_half_up(min(total, config.max_points))
    return ItemResult(
        "3.1",
        score,
        config.max_points,
        record,
        "；".join(sentences) + f"。合计得 {points_text(score)} 分。",
        "；".join(gaps),
    )


# Item 3.2a --------------------------------------------------------------------------------------


def score_3_2a(inputs: EnrolmentInputs | None, config: ItemConfig) -> ItemResult:
    """Item 3.2a (公办在校生占比, docs/rules.md#item-3-2a): share = compulsory students in public
    schools (incl. government-purchased seats) / all compulsory students; "95%以上" (≥ 95 %) → 4,
    else 4 × share / 95 % (I-9). Item 3.2 adds up to 7, not 10 (I-6)."""
    check_config(config, "3.2a")
    notes = ["I-6", "I-7"]
    if inputs is None:
        return pending("3.2a", config.max_points, NO_DATA, notes=["I-6"])
    target = config.fraction("share_target")
    target_text = threshold_percent_text(target)
    record: dict = {
        "public": inputs.public,
        "total": inputs.total,
        "share_target": str(config.decimal("share_target")),
    }
    if inputs.total == 0:
        return pending("3.2a", config.max_points, NO_STUDENTS, inputs=record, notes=["I-6"])
    share = Fraction(inputs.public, inputs.total)
    record["share"] = decimal_string(share)
    figure = (
        f"义务教育公办学校（含政府购买学位）在校生 {inputs.public} 人，占在校生总数 "
        f"{inputs.total} 人的 {share_text(share, target)}"
    )
    maximum = points_text(config.max_points)
    if share >= target:
        return ItemResult(
            "3.2a",
            config.max_points,
            config.max_points,
            record,
            f"{figure}，达到 {target_text}，得 {maximum} 分。",
            "",
            notes,
        )
    score = round_half_up(Fraction(config.max_points) * share / target)
    notes.append("I-9")
    return ItemResult(
        "3.2a",
        score,
        config.max_points,
        record,
        f"{figure}，未达到 {target_text}，按比例计分：{maximum} × {percent_text(share)} ÷ "
        f"{target_text} = {points_text(score)} 分。",
        f"公办（含政府购买学位）在校生再增加 {needed(inputs.public, inputs.total, target)} 人"
        f"（在校生总数不变）占比可达 {target_text}，可得 {maximum} 分",
        notes,
    )


# Item 3.2bc -------------------------------------------------------------------------------------


def score_3_2bc(inputs: RestructuringInputs | None, config: ItemConfig) -> ItemResult:
    """Item 3.2bc (公民办结构调整, docs/rules.md#item-3-2bc): completion = private seats converted
    so far / the unit's "private seats to convert". Share "80%以上" (≥ 80 %): completion ≥ 40 % → 3,
    else 3 × completion / 40 %. Share "不满80%" (< 80 %): completion ≥ 60 % → 3, else 3 × completion
    / 60 % (I-9). A task of 0 is 100 % complete (I-4). Item 3.2 adds up to 7 (I-6)."""
    check_config(config, "3.2bc")
    notes = ["I-6", "I-7"]
    if inputs is None:
        return pending("3.2bc", config.max_points, NO_DATA, notes=["I-6"])
    split = config.fraction("share_split")
    split_text = threshold_percent_text(split)
    record: dict = {
        "public": inputs.public,
        "total": inputs.total,
        "converted": inputs.converted,
        "to_convert": inputs.to_convert,
        "share_split": str(config.decimal("share_split")),
    }
    if inputs.total == 0:
        return pending("3.2bc", config.max_points, NO_STUDENTS, inputs=record, notes=["I-6"])
    share = Fraction(inputs.public, inputs.total)
    high = share >= split
    required_key = "completion_if_high_share" if high else "completion_if_low_share"
    required = config.fraction(required_key)
    required_text = threshold_percent_text(required)
    record.update(
        share=decimal_string(share), required_completion=str(config.decimal(required_key))
    )
    maximum = points_text(config.max_points)
    band = "达到" if high else "不满"
    head = (
        f"公办学校（含政府购买学位）在校生占比 {share_text(share, split)}，{band} {split_text}，"
        f"结构调整任务须完成 {required_text}以上"
    )
    if inputs.to_convert == 0:
        notes.append("I-4")
        record["completion"] = "1"
        return ItemResult(
            "3.2bc",
            config.max_points,
            config.max_points,
            record,
            f"{head}；需压减民办学位任务为 0，完成率按 100% 计，得 {maximum} 分。",
            "",
            notes,
        )
    completion = Fraction(inputs.converted, inputs.to_convert)
    record["completion"] = decimal_string(completion)
    figure = (
        f"{head}；已压减民办学位 {inputs.converted} 个，占任务 {inputs.to_convert} 个的 "
        f"{share_text(completion, required)}"
    )
    if completion >= required:
        return ItemResult(
            "3.2bc",
            config.max_points,
            config.max_points,
            record,
            f"{figure}，达到 {required_text}，得 {maximum} 分。",
            "",
            notes,
        )
    score = round_half_up(Fraction(config.max_points) * completion / required)
    notes.append("I-9")
    more = needed(inputs.converted, inputs.to_convert, required)
    return ItemResult(
        "3.2bc",
        score,
        config.max_points,
        record,
        f"{figure}，未达到 {required_text}，按比例计分：{maximum} × {percent_text(completion)} ÷ "
        f"{required_text} = {points_text(score)} 分。",
        f"再压减 {more} 个民办学位（累计完成 {required_text}）可得 {maximum} 分",
        notes,
    )


# Item 3.3 ---------------------------------------------------------------------------------------


def score_3_3(
    inputs: BoardingInputs | None,
    config: ItemConfig,
    *,
    others: Sequence[ItemResult] | None = None,
) -> ItemResult:
    """Item 3.3 (寄宿制学校建设, docs/rules.md#item-3-3). With a task: completion of the new
    boarding-seat target "达100%" → 5, "达到90%以上" → 3, "不满90%" → 0. Without a task (task 0):
    5 × (the other items' scores) / (the other items' configured maxima), computed last from
    `others` (I-8: 92 by default, so full marks elsewhere give 5). The other items' scores are their
    rounded scores, as the total adds them; while any of them is null, so is this one.
    """
    check_config(config, "3.3")
    if inputs is None:
        return pending("3.3", config.max_points, NO_DATA)
    maximum = points_text(config.max_points)
    record: dict = {"task": inputs.task, "completed": inputs.completed}
    if inputs.has_task:
        return _boarding_with_task(inputs, config, record)
    reason = "无寄宿制学校建设任务，按其他各项得分率折算"
    if others is None:
        return pending("3.3", config.max_points, f"{reason}，须在其他各项计分后计算", notes=["I-8"])
    others = [result for result in others if result.code != "3.3"]
    unscored = [result.code for result in others if result.score is None]
    record["others"] = {result.code: _number(result.score) for result in others}
    if unscored:
        return pending(
            "3.3",
            config.max_points,
            f"{reason}，但 {'、'.join(unscored)} 尚未计分",
            inputs=record,
            notes=["I-8"],
        )
    scores = sum((result.score for result in others), Decimal(0))
    maxima = sum((result.max_points for result in others), Decimal(0))
    record.update(others_score=str(scores), others_max=str(maxima))
    if maxima == 0:
        return pending(
            "3.3", config.max_points, "其他各项满分合计为 0", inputs=record, flagged=True
        )
    score = round_half_up(Fraction(config.max_points) * Fraction(scores) / Fraction(maxima))
    return ItemResult(
        "3.3",
        score,
        config.max_points,
        record,
        f"{reason}：{maximum} × {points_text(scores)} ÷ {points_text(maxima)} = "
        f"{points_text(score)} 分。",
        (
            f"本项随其他各项得分折算，其他各项每多得 1 分，本项约增加 "
            f"{points_text(Fraction(config.max_points) / Fraction(maxima))} 分"
            if score < config.max_points
            else ""
        ),
        ["I-8"],
    )


def _boarding_with_task(inputs: BoardingInputs, config: ItemConfig, record: dict) -> ItemResult:
    """Item 3.3 with a task (docs/rules.md#item-3-3): "达100%" → 5; "达到90%以上" → 3;
    "不满90%" → 0."""
    full, partial = config.fraction("full_completion"), config.fraction("partial_completion")
    full_points, partial_points = config.decimal("full_points"), config.decimal("partial_points")
    full_text, partial_text = threshold_percent_text(full), threshold_percent_text(partial)
    completion = Fraction(inputs.completed, inputs.task)
    record["completion"] = decimal_string(completion)
    figure = (
        f"新增寄宿制学位 {inputs.completed} 个，占建设目标 {inputs.task} 个的 "
        f"{share_text(completion, partial if completion < partial else full)}"
    )
    gaps = []
    if completion >= full:
        score, verdict = full_points, f"达到 {full_text}"
    elif completion >= partial:
        score, verdict = partial_points, f"达到 {partial_text}以上、不满 {full_text}"
    else:
        score, verdict = Decimal(0), f"不满 {partial_text}"
        gaps.append(
            f"再建成 {needed(inputs.completed, inputs.task, partial)} 个寄宿制学位"
            f"（完成 {partial_text}）可得 {points_text(partial_points)} 分"
        )
    if completion < full:
        gaps.append(
            f"再建成 {needed(inputs.completed, inputs.task, full)} 个寄宿制学位"
            f"（完成 {full_text}）可得 {points_text(full_points)} 分"
        )
    return ItemResult(
        "3.3",
        round_half_up(score),
        config.max_points,
        record,
        f"{figure}，{verdict}，得 {points_text(score)} 分。",
        "；".join(gaps),
        ["I-7"],
    )


def _number(value: Decimal | None) -> str | None:
    return None if value is None else str(value)
