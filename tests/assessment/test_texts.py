"""Report text: every reason, explanation and gap the engine and `gather` write joins its parts
once, so none reads "。；" or "。。" (`assessment.scoring.result.join_sentences`).

The counties are built with the demo builders (tests/assessment/factories.py) in the states that
produce the most reasons: approved or not, data missing piece by piece, last year's return not
approved, no statement of no researchers; the inspection team's reasons end in "。" as people
type them.
"""

import re

import pytest

from assessment.models import DevelopmentCentre, QualitativeScore
from assessment.qualitative import researcher_suggestion
from assessment.scoring import DEFAULTS
from assessment.scoring.result import join_sentences
from assessment.services import score_year
from jiangmen_edu.models import Section, Unit, YearlyReturn
from seats.models import EnrolmentYear, YearlyPlan
from teachers.models import NoResearchersStatement
from tests.assessment.factories import (
    approve,
    build_county,
    last_year_teachers_return,
    qualitative,
)

DOUBLED = re.compile(r"[。；;，,][。；;]|[。；;]，")


@pytest.mark.parametrize(
    "parts, expected",
    [
        (["名册核实。", "检查组确认 10 分"], "名册核实；检查组确认 10 分"),
        (["没有 2025 年的分年度实施计划。", "没有 2025 年的在校生数据。"], None),
        (["", "  ", "理由：材料完整。；"], "理由：材料完整"),
        ([], ""),
    ],
)
def test_parts_are_joined_once(parts, expected):
    text = join_sentences(parts)
    assert not DOUBLED.search(text)
    if expected is not None:
        assert text == expected
    assert join_sentences(["理由：材料完整。"], end="。") == "理由：材料完整。"


def seed_every_state(assessment, assessor) -> list[Unit]:
    """The seven counties, each in a state that makes the engine and gather explain."""
    units = list(Unit.objects.filter(kind=Unit.Kind.COUNTY).order_by("order", "code"))
    for unit in units:
        build_county(unit)
        qualitative(assessment, unit, assessor)
    QualitativeScore.objects.update(reason="依据佐证材料评定。")
    for score in QualitativeScore.objects.filter(code="1"):
        score.parts = {
            key: {"score": part["score"], "reason": "材料齐全，成效明显。"}
            for key, part in score.parts.items()
        }
        score.save()
    first, second, third, fourth, fifth, sixth, _seventh = units
    # Seats approved without enrolment or plan rows: several seat reasons at once.
    EnrolmentYear.objects.filter(unit=first).delete()
    YearlyPlan.objects.filter(unit=first).delete()
    # One stage without a plan row; an empty boarding target.
    YearlyPlan.objects.filter(unit=second, stage="high_school").delete()
    EnrolmentYear.objects.filter(unit=second).update(boarding_target=None)
    # Nothing approved at all.
    YearlyReturn.objects.filter(unit=third).update(status="draft")
    # Last year's teachers return not approved; no statement of no researchers.
    last_year_teachers_return(fourth, "submitted")
    NoResearchersStatement.objects.filter(unit=fourth).delete()
    # The assessment materials missing, though approved; an assessor's score out of range.
    DevelopmentCentre.objects.filter(unit=fifth).delete()
    QualitativeScore.objects.filter(unit=fifth, code="2.3a").update(score=9)
    # The qualitative scores not given yet.
    QualitativeScore.objects.filter(unit=sixth).delete()
    approve(sixth, Section.TEACHERS)
    return units


def test_no_reason_reads_doubled_punctuation(assessment, assessor):
    units = seed_every_state(assessment, assessor)
    texts = []
    for entry in score_year(2025, assessment=assessment):
        texts.append(entry.card.explanation)
        for item in entry.card.items:
            texts += [item.explanation, item.gap]
    for unit in units:
        texts.append(researcher_suggestion(unit, 2025, DEFAULTS["2.2"]).text)
    pending = [text for text in texts if text.startswith("暂不能计分")]
    # The states above do produce reasons: seats, last year, the statement, the assessor.
    assert any("；" in text for text in pending)
    assert any("上一年度" in text for text in pending)
    assert any("理由：依据佐证材料评定。" in text for text in texts)
    doubled = [text for text in texts if DOUBLED.search(text)]
    assert not doubled, doubled
