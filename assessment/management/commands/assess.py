"""`manage.py assess --year YEAR [--county CODE] [--published] --format json|table`
(docs/rules.md#interfaces).

By default a fresh computation with the same engine and inputs as a run, not saved (the
assessors' scores of the year's assessment are used when it is open). `--published` prints
the published run as stored instead.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from assessment import selectors
from assessment.models import AssessmentYear
from assessment.scoring import ITEM_CODES
from assessment.scoring.result import points_text
from assessment.services import ScoredCounty, latest_run, score_year
from jiangmen_edu.text_tables import text_table


class Command(BaseCommand):
    help = (
        "Print every county's assessment scores for a year: a fresh computation from the "
        "approved data (not saved), or the published run with --published."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--county", help="one county's division code, e.g. 440781")
        parser.add_argument("--format", choices=("json", "table"), default="table")
        parser.add_argument("--published", action="store_true", help="the published run as stored")

    def handle(self, *args, year, county, format, published, **options):
        assessment = AssessmentYear.objects.filter(year=year).first()
        if published:
            scored = _published(assessment, year)
        else:
            scored = score_year(year, assessment=assessment)
        if county:
            scored = [entry for entry in scored if entry.unit.code == county]
            if not scored:
                raise CommandError(f"{county!r} is not an assessed county.")
        if format == "json":
            data = {"year": year, "counties": [entry.as_dict() for entry in scored]}
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(table(year, scored, detail=bool(county)))


def _published(assessment: AssessmentYear | None, year: int) -> list[ScoredCounty]:
    run = latest_run(assessment, published_only=True) if assessment else None
    if run is None:
        raise CommandError(f"The results of {year} are not published.")
    return [
        ScoredCounty(row.unit, selectors.stored_card(row), selectors.stored_ranking(row))
        for row in sorted(selectors.run_scores(run), key=lambda row: row.unit.order)
    ]


def table(year: int, scored: list[ScoredCounty], *, detail: bool = False) -> str:
    """Counties × items with total and ranks; with `detail`, each item's explanation too."""
    header = ["county", "region", *ITEM_CODES, "total", "rank", "region"]
    rows = []
    for entry in scored:
        scores = {
            item.code: "—" if item.score is None else points_text(item.score)
            for item in entry.card.items
        }
        total = points_text(entry.card.total) + ("*" if entry.card.provisional else "")
        rows.append(
            [
                f"{entry.unit.name} {entry.unit.code}",
                entry.unit.region,
                *(scores.get(code, "") for code in ITEM_CODES),
                total,
                str(entry.ranking.rank),
                str(entry.ranking.region_rank or ""),
            ]
        )
    lines = [
        f"Assessment {year}",
        text_table(header, rows, right=range(2, len(header))),
    ]
    if any(entry.card.provisional for entry in scored):
        lines.append("* provisional: some items cannot be scored yet and count 0")
    if detail:
        for entry in scored:
            lines.append("")
            lines.append(f"{entry.unit.name} {entry.unit.code}: {entry.card.explanation}")
            for item in entry.card.items:
                score = "—" if item.score is None else points_text(item.score)
                lines.append(f"  {item.code:<6}{score:>6} / {points_text(item.max_points):<4}")
                lines.append(f"        {item.explanation}")
                if item.gap:
                    lines.append(f"        → {item.gap}")
    return "\n".join(line.rstrip() for line in lines)
