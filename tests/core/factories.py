"""Throw-away rules and stored findings for the tests of the data-quality pages."""

import datetime

from django.utils import timezone

from jiangmen_edu.models import QualityExplanation, QualityFinding, Section, Severity, YearlyReturn
from jiangmen_edu.quality import registry
from jiangmen_edu.quality.registry import Hit, rule
from tests.conftest import COUNTY_A, COUNTY_B, YEAR

CHECKED_AT = timezone.make_aware(datetime.datetime(2025, 6, 1, 9, 30))


def register_rules(monkeypatch) -> dict[str, list[str]]:
    """Three throw-away rules, alone in the registry: an error and a warning on teachers, a
    warning on seats. Each flags the units listed in `hits[code]`, one record per unit.
    """
    monkeypatch.setattr(registry, "_registry", {})
    hits: dict[str, list[str]] = {"X01": [], "X02": [], "S91": []}

    def flag(code):
        def check(context):
            if context.unit.code in hits[code]:
                yield Hit(key=f"unit:{context.unit.code}", label=context.unit.name, url="/r/")

        return check

    rule(
        code="X01",
        section=Section.TEACHERS,
        severity=Severity.ERROR,
        title="Broken record",
        message="%(label)s is broken",
        source="test",
    )(flag("X01"))
    rule(
        code="X02",
        section=Section.TEACHERS,
        severity=Severity.WARNING,
        title="Too many hours",
        message="%(label)s: %(hours)s hours, more than %(threshold)s",
        source="test",
        default_threshold="200",
        threshold_label="hours",
    )(flag("X02"))
    rule(
        code="S91",
        section=Section.SEATS,
        severity=Severity.WARNING,
        title="Odd seats",
        message="%(label)s has odd seats",
        source="test",
    )(flag("S91"))
    return hits


def add_finding(unit_code, code, key, *, year=YEAR, url=""):
    """A stored finding in the unit's return of the rule's section, with X02's figures, as
    a run at `CHECKED_AT` left it."""
    rule_ = registry.get(code)
    yearly_return = YearlyReturn.objects.get(
        unit__code=unit_code, reporting_year__year=year, section=rule_.section
    )
    YearlyReturn.objects.filter(pk=yearly_return.pk).update(quality_checked_at=CHECKED_AT)
    return QualityFinding.objects.create(
        yearly_return=yearly_return,
        code=code,
        severity=rule_.severity,
        key=key,
        label=key,
        params={"label": key, "hours": "250", "threshold": "200"},
        url=url,
        checked_at=CHECKED_AT,
    )


def explain(finding, author, text="已核实"):
    return QualityExplanation.objects.create(
        yearly_return=finding.yearly_return,
        code=finding.code,
        key=finding.key,
        text=text,
        author=author,
    )


def add_findings(editor, other_editor) -> list[QualityFinding]:
    """County A: 2 errors of X01, 3 warnings of X02 (1 explained); county B: 1 S91 warning."""
    for key in ("a1", "a2"):
        add_finding(COUNTY_A, "X01", key)
    warnings = [add_finding(COUNTY_A, "X02", key) for key in ("w1", "w2", "w3")]
    explain(warnings[0], editor)
    explain(add_finding(COUNTY_B, "S91", "b1"), other_editor)
    return warnings
