"""The assessment year's life (docs/rules.md#use-of-results, docs/rules.md#audit): open, compute
runs, publish.

- `assessment_open(year=, user=)`: a city administrator opens the assessment of a year;
- `score_year(year, assessment=)`: every county's scorecard and ranks, computed and not saved
  (the `assess` command's fresh computation, and the body of a run);
- `run_compute(assessment=, user=, reason=)`: a numbered `ScoreRun` storing every county's
  scores, in one transaction;
- `run_publish(assessment=, run=, user=)`: the run becomes the year's result and the year is
  published. Published scores are stored, so later data changes never move them; a re-run
  after publication needs a reason, is audited, and stays a draft until published again;
- `latest_run(assessment, published_only=)`.

Every write is audited: `AssessmentYear` and `ScoreRun` through django-auditlog's signals,
the bulk-created county scores with one explicit `LogEntry` per county.
"""

from dataclasses import dataclass

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.gather import gather_year
from assessment.models import AssessmentYear, CountyScore, ItemScore, ScoreRun
from assessment.scoring import Rank, rank, score_county
from assessment.scoring.engine import CountyScore as Scorecard
from jiangmen_edu.errors import Refused
from jiangmen_edu.models import ReportingYear, Role, Section, Unit, User
from jiangmen_edu.permissions import require_role
from jiangmen_edu.quality.services import findings_refresh_years_on_commit


class AssessmentError(Refused):
    """An action the assessment's state does not allow; the message is for the user."""


@dataclass(frozen=True)
class ScoredCounty:
    """One county's scorecard as the engine computed it, with its ranks."""

    unit: Unit
    card: Scorecard
    ranking: Rank

    def as_dict(self) -> dict:
        """The county entry of `assess --format json` (docs/rules.md#assess-json): code, name,
        region, total, rank, region_rank, items, plus the engine's extras (max, provisional,
        pending; per item gap, notes, flagged)."""
        data = self.card.as_dict(self.ranking)
        head = ("code", "name", "region", "total", "rank", "region_rank")
        return {key: data[key] for key in head} | {
            key: value for key, value in data.items() if key not in head
        }


def assessment_open(*, year: int, user: User) -> AssessmentYear:
    """Open the assessment of a reporting year the city has opened. Idempotent."""
    require_role(user, {Role.CITY_ADMIN})
    if not ReportingYear.objects.filter(year=year).exists():
        raise AssessmentError(
            _("The city has not opened %(year)s for returns yet.") % {"year": year}
        )
    assessment, created = AssessmentYear.objects.get_or_create(
        year=year, defaults={"opened_by": user}
    )
    if created:
        # Rule A02 asks for the materials while the assessment is open.
        findings_refresh_years_on_commit([year], sections=[Section.ASSESSMENT])
    return assessment


def ensure_assessment_open(year: int) -> AssessmentYear:
    """The year's assessment, if open; a county writes its materials only then."""
    assessment = AssessmentYear.objects.filter(year=year).first()
    if assessment is None:
        raise AssessmentError(
            _("The city has not opened the assessment of %(year)s.") % {"year": year}
        )
    if assessment.status != AssessmentYear.Status.OPEN:
        raise AssessmentError(
            _("The results of %(year)s are published; the materials are closed.") % {"year": year}
        )
    return assessment


def score_year(year: int, *, assessment: AssessmentYear | None = None) -> list[ScoredCounty]:
    """Every county's scorecard for the year and its ranks, from approved data
    (docs/rules.md#indicator-table).

    Nothing is saved. `assessment` supplies the assessors' scores (qualitative items are
    null without it). A fixed number of queries, whatever the data size.
    """
    gathered = gather_year(year, assessment)
    cards = [
        score_county(
            county.inputs,
            county.configs,
            county=county.unit.code,
            name=county.unit.name,
            region=county.unit.region,
        )
        for county in gathered
    ]
    ranks = rank(cards)
    return [
        ScoredCounty(county.unit, card, ranks[card.county])
        for county, card in zip(gathered, cards, strict=True)
    ]


def _log_county_scores(run: ScoreRun, rows: list[CountyScore], user: User | None) -> None:
    # bulk_create sends no signals: one audit entry per county, under that county's code.
    content_type = ContentType.objects.get_for_model(CountyScore)
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                content_type=content_type,
                object_pk=str(row.pk),
                object_id=row.pk,
                object_repr=str(row)[:200],
                action=LogEntry.Action.CREATE,
                changes={
                    "run": [None, str(run)],
                    "total": [None, str(row.total)],
                    "rank": [None, str(row.rank)],
                    "region_rank": [None, str(row.region_rank)],
                    "provisional": [None, str(row.provisional)],
                },
                actor=user,
                additional_data={"unit": row.unit.code},
            )
            for row in rows
        ]
    )


def run_compute(*, assessment: AssessmentYear, user: User, reason: str = "") -> ScoreRun:
    """Score every county and store the result as the year's next numbered run.

    Once the year is published, a new run needs a reason; it does not replace the published
    result until a city administrator publishes it.
    """
    require_role(user, {Role.CITY_ADMIN})
    reason = reason.strip()
    with transaction.atomic():
        locked = AssessmentYear.objects.select_for_update().get(pk=assessment.pk)
        if locked.status == AssessmentYear.Status.PUBLISHED and not reason:
            raise AssessmentError(
                _("The results of %(year)s are published; a new run needs a reason.")
                % {"year": locked.year}
            )
        scored = score_year(locked.year, assessment=locked)
        number = (locked.runs.aggregate(last=Max("number"))["last"] or 0) + 1
        run = ScoreRun.objects.create(
            assessment=locked, number=number, created_by=user, reason=reason
        )
        rows = [
            CountyScore(
                run=run,
                unit=county.unit,
                total=county.card.total,
                provisional=county.card.provisional,
                rank=county.ranking.rank,
                region_rank=county.ranking.region_rank or 0,
            )
            for county in scored
        ]
        CountyScore.objects.bulk_create(rows)
        if any(row.pk is None for row in rows):
            # Backends that cannot return ids from a bulk insert: read them back.
            ids = dict(CountyScore.objects.filter(run=run).values_list("unit_id", "pk"))
            for row in rows:
                row.pk = ids[row.unit_id]
        ItemScore.objects.bulk_create(
            ItemScore.of(row, item)
            for row, county in zip(rows, scored, strict=True)
            for item in county.card.items
        )
        _log_county_scores(run, rows, user)
    return run


def run_publish(*, assessment: AssessmentYear, run: ScoreRun, user: User) -> ScoreRun:
    """Make the latest run the year's published result; the year is then published (frozen).

    A run published earlier stays stored, marked as no longer the result.
    """
    require_role(user, {Role.CITY_ADMIN})
    with transaction.atomic():
        locked = AssessmentYear.objects.select_for_update().get(pk=assessment.pk)
        run = ScoreRun.objects.select_for_update().get(pk=run.pk)
        if run.assessment_id != locked.pk:
            raise AssessmentError(_("This run belongs to another assessment year."))
        if run.is_published:
            raise AssessmentError(_("This run is already published."))
        latest = locked.runs.order_by("-number").first()
        if latest is None or latest.pk != run.pk:
            raise AssessmentError(_("Only the latest run can be published."))
        for previous in locked.runs.filter(is_published=True):
            previous.is_published = False
            previous.save(update_fields=["is_published"])
        run.is_published = True
        run.save(update_fields=["is_published"])
        locked.status = AssessmentYear.Status.PUBLISHED
        locked.published_at = timezone.now()
        locked.published_by = user
        locked.save(update_fields=["status", "published_at", "published_by"])
        # Closed: rule A02 no longer asks for materials.
        findings_refresh_years_on_commit([locked.year], sections=[Section.ASSESSMENT])
    assessment.refresh_from_db()
    return run


def latest_run(assessment: AssessmentYear, *, published_only: bool) -> ScoreRun | None:
    """The published run (`published_only`), or the latest run, published or not."""
    runs = assessment.runs.all()
    if published_only:
        return runs.filter(is_published=True).first()
    return runs.order_by("-number").first()
