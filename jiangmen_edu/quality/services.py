"""Running the data-quality rules, keeping their findings, and what blocks a submission.

Rules run after every write to a county's yearly data (`workflow.ensure_editable` asks for
a run when the write commits), after the city's changes that move what they find (a rule
setting, a year or an assessment opened or published, a plan period or quota table), at
submission, and on the city's request; never when a page is read. Findings are replaced
wholesale; explanations (`editing.py`) are kept by (rule, record), so they outlive the run
that asked for them.
"""

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jiangmen_edu.models import (
    QualityExplanation,
    QualityFinding,
    QualityRuleSetting,
    Severity,
    Unit,
    YearlyReturn,
)
from jiangmen_edu.quality import registry
from jiangmen_edu.quality.registry import Context, Rule

# Findings that appeared while someone listens (`collecting_new_findings`).
new_findings: contextvars.ContextVar[list[QualityFinding] | None] = contextvars.ContextVar(
    "new_findings", default=None
)


@contextmanager
def collecting_new_findings():
    """Gather the findings that reruns raise inside the block, to tell the user about them."""
    found: list[QualityFinding] = []
    token = new_findings.set(found)
    try:
        yield found
    finally:
        new_findings.reset(token)


@dataclass(frozen=True)
class RuleChoice:
    """A rule as the city has set it for one year."""

    rule: Rule
    enabled: bool
    threshold: Decimal | None


def rule_choices(year: int) -> list[RuleChoice]:
    """Every rule with the city's setting for the year, or the rule's defaults."""
    settings = {s.code: s for s in QualityRuleSetting.objects.filter(reporting_year__year=year)}
    choices = []
    for rule in registry.all_rules():
        setting = settings.get(rule.code)
        if setting is None:
            choices.append(RuleChoice(rule, True, rule.default_threshold))
        else:
            threshold = setting.threshold if rule.default_threshold is not None else None
            choices.append(RuleChoice(rule, setting.enabled, threshold))
    return choices


def _hits(choice: RuleChoice, unit: Unit, year: int, checked_at) -> list[QualityFinding]:
    rule = choice.rule
    findings = []
    for hit in rule.check(Context(unit=unit, year=year, threshold=choice.threshold)):
        params = dict(hit.params, label=hit.label)
        if choice.threshold is not None:
            params["threshold"] = _plain(choice.threshold)
        findings.append(
            QualityFinding(
                code=rule.code,
                severity=rule.severity,
                key=hit.key,
                label=hit.label[:200],
                params=params,
                url=hit.url,
                checked_at=checked_at,
            )
        )
    return findings


def _plain(number: Decimal) -> str:
    """200.00 → "200", 7.50 → "7.5": thresholds read as people write them."""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def findings_compute(yearly_return: YearlyReturn, choices: list[RuleChoice] | None = None):
    """The return's findings now, unsaved.

    Labels and figures are kept as text, so they are written in the records' language (the
    site's, Chinese) whoever's page asked for the run; messages are translated when shown.
    """
    if choices is None:
        choices = rule_choices(yearly_return.year)
    checked_at = timezone.now()
    findings = []
    with translation.override(settings.LANGUAGE_CODE):
        for choice in choices:
            if choice.enabled and choice.rule.section == yearly_return.section:
                findings += _hits(choice, yearly_return.unit, yearly_return.year, checked_at)
    for finding in findings:
        finding.yearly_return = yearly_return
    return findings


def findings_refresh(*, unit: Unit, year: int, sections=None) -> list[QualityFinding]:
    """Run the rules for a unit's returns of one year and keep what they find.

    Returns the findings that were not there before the run.
    """
    returns = YearlyReturn.objects.filter(unit=unit, reporting_year__year=year).select_related(
        "unit", "reporting_year"
    )
    if sections is not None:
        returns = returns.filter(section__in=sections)
    returns = list(returns)
    if not returns:
        return []
    choices = rule_choices(year)
    findings = [finding for r in returns for finding in findings_compute(r, choices)]
    with transaction.atomic():
        # Two runs at once (a save and a page view) would both delete, then both insert:
        # the returns' row locks make the second wait for the first.
        locked = YearlyReturn.objects.select_for_update().filter(pk__in=[r.pk for r in returns])
        list(locked.order_by("pk").values_list("pk", flat=True))
        locked.update(quality_checked_at=timezone.now())
        stale = QualityFinding.objects.filter(yearly_return__in=returns)
        before = set(stale.values_list("yearly_return_id", "code", "key"))
        stale.delete()
        QualityFinding.objects.bulk_create(findings)
    fresh = [f for f in findings if (f.yearly_return_id, f.code, f.key) not in before]
    announced = new_findings.get()
    if announced is not None:
        announced.extend(fresh)
    return fresh


def findings_refresh_year(year: int, sections=None) -> int:
    """Run every rule (of `sections`, default all) for every unit in a year; returns the
    number of findings kept for the year."""
    for unit in Unit.objects.filter(returns__reporting_year__year=year).distinct():
        findings_refresh(unit=unit, year=year, sections=sections)
    return QualityFinding.objects.filter(yearly_return__reporting_year__year=year).count()


def _pending() -> list:
    """The callbacks waiting for the current transaction to commit; the connection drops
    those of a rolled-back block, so a rollback runs nothing."""
    return [func for _savepoints, func, *_rest in transaction.get_connection().run_on_commit]


@dataclass(frozen=True)
class _RefreshFrom:
    """Rerun a unit's rules for `year` and every later year it has returns for: a write to
    year Y also moves what the rules find after it (year-on-year rules, seats delivered up to
    a year)."""

    unit: Unit
    year: int

    def __call__(self):
        years = (
            YearlyReturn.objects.filter(unit=self.unit, reporting_year__year__gte=self.year)
            .values_list("reporting_year__year", flat=True)
            .distinct()
            .order_by("reporting_year__year")
        )
        for year in list(years):
            findings_refresh(unit=self.unit, year=year)


@dataclass(frozen=True)
class _RefreshYear:
    """Rerun every unit's rules of a year (of `sections`, None: all) after a change of the
    city's; what they find is not announced to the administrator who made it."""

    year: int
    sections: tuple[str, ...] | None

    def __call__(self):
        token = new_findings.set(None)
        try:
            findings_refresh_year(self.year, sections=self.sections)
        finally:
            new_findings.reset(token)


def findings_refresh_on_commit(*, unit: Unit, year: int) -> None:
    """Called by `ensure_editable`: rerun the unit's rules for `year` and the years after it
    once the write has committed.

    A transaction that writes many records asks many times; the rules run once (a pending
    rerun from an earlier year covers this one: `ensure_years_editable` asks in year order).
    """
    if not any(
        isinstance(func, _RefreshFrom) and func.unit == unit and func.year <= year
        for func in _pending()
    ):
        transaction.on_commit(_RefreshFrom(unit, year))


def findings_refresh_years_on_commit(years, *, sections=None) -> None:
    """For the city's changes that move what the rules find for every unit (a rule setting,
    a year or an assessment opened or published, a plan period or quota table): rerun those
    years once the change commits, once per transaction."""
    sections = tuple(sorted(sections)) if sections is not None else None
    pending = _pending()
    for year in years:
        callback = _RefreshYear(year, sections)
        if callback not in pending:
            transaction.on_commit(callback)


@dataclass(frozen=True)
class FindingRow:
    finding: QualityFinding
    rule: Rule | None
    message: str
    explanation: QualityExplanation | None

    @property
    def is_error(self) -> bool:
        return self.finding.severity == Severity.ERROR

    @property
    def needs_explanation(self) -> bool:
        return not self.is_error and self.explanation is None


def describe(finding: QualityFinding, rule: Rule | None = None) -> str:
    rule = rule or registry.get(finding.code)
    if rule is None:
        # A rule removed from the code since the run; its stored figures still tell the story.
        return finding.label
    return rule.describe(finding.params)


def rows_for(yearly_return: YearlyReturn) -> list[FindingRow]:
    """The return's stored findings, errors first, each with its explanation if written."""
    explanations = {(e.code, e.key): e for e in yearly_return.explanations.select_related("author")}
    rows = []
    for finding in yearly_return.findings.all():
        rule = registry.get(finding.code)
        rows.append(
            FindingRow(
                finding=finding,
                rule=rule,
                message=describe(finding, rule),
                explanation=explanations.get((finding.code, finding.key)),
            )
        )
    rows.sort(key=lambda row: (not row.is_error, row.finding.code, row.finding.label))
    return rows


@dataclass(frozen=True)
class Blockers:
    errors: int
    unexplained: int

    @classmethod
    def of(cls, rows: list[FindingRow]) -> "Blockers":
        return cls(
            errors=sum(row.is_error for row in rows),
            unexplained=sum(row.needs_explanation for row in rows),
        )

    def __bool__(self):
        return bool(self.errors or self.unexplained)

    @property
    def message(self) -> str:
        return _(
            "The return cannot be submitted yet: %(errors)s error(s) must be corrected and "
            "%(warnings)s warning(s) need an explanation; see the data-quality checks on the "
            "return's page."
        ) % {"errors": self.errors, "warnings": self.unexplained}


def blockers(yearly_return: YearlyReturn) -> Blockers:
    """What stops submission now: rules are run again first, on the current data."""
    findings_refresh(
        unit=yearly_return.unit, year=yearly_return.year, sections=[yearly_return.section]
    )
    return Blockers.of(rows_for(yearly_return))
