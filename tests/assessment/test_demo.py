"""`seed_demo` with the assessment part: 2024 published, 2025 open, items on their boundaries."""

from decimal import Decimal
from io import StringIO

from django.core.management import call_command

from assessment.models import AssessmentYear, ItemResponse, QualitativeScore, ScoreRun
from assessment.services import latest_run


def test_the_demo_has_a_published_2024_and_an_open_2025(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    out = StringIO()
    call_command("seed_demo", scale="small", seed=1, stdout=out)
    assert "assessment.demo.after_history: runs 2, responses 5, published 1." in out.getvalue()

    y2024, y2025 = (AssessmentYear.objects.get(year=year) for year in (2024, 2025))
    assert y2024.status == "published" and y2025.status == "open"
    published = latest_run(y2024, published_only=True)
    assert published is not None and latest_run(y2025, published_only=True) is None
    assert ScoreRun.objects.filter(assessment=y2025).count() == 1

    items = {
        (card.unit.code, item.code): item
        for card in published.counties.select_related("unit").prefetch_related("items")
        for item in card.items.all()
    }

    def score(code, item):
        return items[(code, item)].score

    # 2024: every return approved, so every item of every county is scored.
    assert all(item.score is not None for item in items.values())
    # 2.4 at both ends; 4 at exactly 100 %.
    assert score("440703", "2.4") == 5 and score("440785", "2.4") == 0
    assert score("440703", "4") == 5
    # 3.4a: coefficients exactly at the limits pass ("低于" includes the number)…
    assert items[("440704", "3.4a")].inputs["primary"]["qualified_teachers"] == "0.500000"
    assert score("440704", "3.4a") == 7
    assert items[("440784", "3.4a")].inputs["junior"]["sports_area"] == "0.450000"
    assert score("440784", "3.4a") == 7
    # …and just over them score 0.
    assert score("440781", "3.4a") == 0 and score("440785", "3.4a") == 0
    # 3.4b: national, provincial, city check, and the assessor's 0 … 4 when not applied.
    assert {score(code, "3.4b") for code in ("440703", "440704", "440784")} == {
        Decimal(8),
        Decimal(4),
    }
    assert score("440785", "3.4b") == 0 and score("440781", "3.4b") == 3
    # Items 1 and 2.3a at their maxima and at 0.
    assert score("440703", "1") == 10 and score("440703", "2.3a") == 2
    assert score("440785", "2.3a") == 0
    # Counties at different levels.
    assert len({card.total for card in published.counties.all()}) == 7

    # 2025: item 1 waits for the inspection team in two counties; responses on record.
    assert not QualitativeScore.objects.filter(
        assessment=y2025, code="1", unit__code__in=("440783", "440785")
    ).exists()
    assert ItemResponse.objects.filter(assessment=y2025, stance="contest").count() == 2
    assert ItemResponse.objects.filter(assessment=y2024).exclude(answer="").count() == 1
