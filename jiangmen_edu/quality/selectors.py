"""Read-side queries of the data-quality pages (docs/quality.md): the counties × rules matrix of one
year, the trend over the years, and the stored findings behind a count.

Every figure comes from the findings stored by the last run (`services.findings_refresh`),
counted in one grouped query whatever the number of findings; callers pass the units the user
may see (`counties_for_user`), so a county editor's counts are their own.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from jiangmen_edu.models import (
    QualityExplanation,
    QualityFinding,
    ReportingYear,
    Section,
    Severity,
    Unit,
    YearlyReturn,
)
from jiangmen_edu.quality import registry, services
from jiangmen_edu.quality.registry import Rule
from jiangmen_edu.quality.services import RuleChoice

FIRST_YEAR, LAST_YEAR = 2000, 2100


def reporting_years() -> list[int]:
    """The opened reporting years, newest first."""
    return list(ReportingYear.objects.order_by("-year").values_list("year", flat=True))


def chosen_year(value: str | None, years: list[int]) -> int:
    """The year asked for in the URL, else the latest reporting year, else this year."""
    if value and value.isdigit() and FIRST_YEAR <= int(value) <= LAST_YEAR:
        return int(value)
    return years[0] if years else timezone.localdate().year


@dataclass(frozen=True)
class Tally:
    """Findings counted: errors, warnings, and the warnings the county has explained."""

    errors: int = 0
    warnings: int = 0
    explained: int = 0

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(
            errors=self.errors + other.errors,
            warnings=self.warnings + other.warnings,
            explained=self.explained + other.explained,
        )

    @property
    def total(self) -> int:
        return self.errors + self.warnings

    @property
    def level(self) -> str:
        """What the cell's colour says: errors, unexplained warnings, all explained, nothing."""
        if self.errors:
            return "error"
        if self.warnings > self.explained:
            return "warning"
        return "explained" if self.warnings else "clean"

    @property
    def text(self) -> str:
        """Errors as a count, warnings as "explained/total"."""
        parts = [str(self.errors)] if self.errors else []
        if self.warnings:
            parts.append(f"{self.explained}/{self.warnings}")
        return " · ".join(parts) or "0"


def _findings(units: QuerySet[Unit] | Iterable[Unit]) -> QuerySet[QualityFinding]:
    return QualityFinding.objects.filter(yearly_return__unit__in=units)


def _tallies(findings: QuerySet[QualityFinding], *group_by: str) -> dict[tuple, Tally]:
    """One grouped query: a `Tally` per combination of the `group_by` fields."""
    explained = QualityExplanation.objects.filter(
        yearly_return=OuterRef("yearly_return"), code=OuterRef("code"), key=OuterRef("key")
    )
    warning = Q(severity=Severity.WARNING)
    rows = (
        findings.order_by()
        .values(*group_by)
        .annotate(
            errors=Count("pk", filter=Q(severity=Severity.ERROR)),
            warnings=Count("pk", filter=warning),
            explained=Count("pk", filter=warning & Q(Exists(explained))),
        )
    )
    return {
        tuple(row[name] for name in group_by): Tally(
            row["errors"], row["warnings"], row["explained"]
        )
        for row in rows
    }


def _sum(tallies: Iterable[Tally]) -> Tally:
    return sum(tallies, Tally())


@dataclass(frozen=True)
class Column:
    choice: RuleChoice

    @property
    def rule(self) -> Rule:
        return self.choice.rule


@dataclass(frozen=True)
class Group:
    """A section's rules, side by side under one header."""

    section: str
    label: str
    columns: list[Column]


@dataclass(frozen=True)
class Cell:
    rule: Rule
    tally: Tally


@dataclass(frozen=True)
class MatrixRow:
    unit: Unit
    cells: list[Cell]
    total: Tally
    checked_at: datetime | None


@dataclass(frozen=True)
class Matrix:
    year: int
    groups: list[Group]
    rows: list[MatrixRow]
    totals: list[Tally]

    @property
    def columns(self) -> list[Column]:
        return [column for group in self.groups for column in group.columns]

    @property
    def total(self) -> Tally:
        return _sum(row.total for row in self.rows)

    @property
    def checked_at(self) -> datetime | None:
        return max((row.checked_at for row in self.rows if row.checked_at), default=None)


def matrix(year: int, units: QuerySet[Unit]) -> Matrix:
    """Units (rows, in display order) × rules (columns, by section) for one year."""
    choices = services.rule_choices(year)
    groups = [
        Group(value, label, [Column(c) for c in choices if c.rule.section == value])
        for value, label in Section.choices
    ]
    groups = [group for group in groups if group.columns]
    columns = [column for group in groups for column in group.columns]
    tallies = _tallies(
        _findings(units).filter(yearly_return__reporting_year__year=year),
        "yearly_return__unit_id",
        "code",
    )
    checked = dict(
        YearlyReturn.objects.filter(unit__in=units, reporting_year__year=year)
        .order_by()
        .values("unit_id")
        .annotate(at=Max("quality_checked_at"))
        .values_list("unit_id", "at")
    )
    rows = []
    for unit in units:
        cells = [Cell(c.rule, tallies.get((unit.pk, c.rule.code), Tally())) for c in columns]
        total = _sum(cell.tally for cell in cells)
        rows.append(MatrixRow(unit, cells, total, checked.get(unit.pk)))
    totals = [_sum(row.cells[index].tally for row in rows) for index in range(len(columns))]
    return Matrix(year=year, groups=groups, rows=rows, totals=totals)


@dataclass(frozen=True)
class TrendRow:
    rule: Rule
    cells: list[Tally]


def trend(units: QuerySet[Unit], years: list[int]) -> list[TrendRow]:
    """Rules (by section, as in the matrix) × reporting years (oldest first): the findings
    of the given units."""
    tallies = _tallies(_findings(units), "code", "yearly_return__reporting_year__year")
    in_matrix_order = sorted(
        registry.all_rules(), key=lambda rule: (Section.values.index(rule.section), rule.code)
    )
    return [
        TrendRow(rule, [tallies.get((rule.code, year), Tally()) for year in sorted(years)])
        for rule in in_matrix_order
    ]


@dataclass(frozen=True)
class FindingLine:
    """A stored finding as people read it: the message, and the county's explanation."""

    finding: QualityFinding
    rule: Rule | None
    message: str
    explanation: QualityExplanation | None


def finding_lines(
    units: QuerySet[Unit] | Iterable[Unit], year: int, code: str | None = None
) -> list[FindingLine]:
    """The findings of the units in a year (of one rule, if `code`): two queries."""
    findings = _findings(units).filter(yearly_return__reporting_year__year=year)
    explanations = QualityExplanation.objects.filter(
        yearly_return__unit__in=units, yearly_return__reporting_year__year=year
    )
    if code is not None:
        findings = findings.filter(code=code)
        explanations = explanations.filter(code=code)
    by_key = {(e.yearly_return_id, e.code, e.key): e for e in explanations.select_related("author")}
    lines = []
    for finding in findings.select_related("yearly_return__unit").order_by(
        "yearly_return__unit__order", "code", "label", "key"
    ):
        rule = registry.get(finding.code)
        lines.append(
            FindingLine(
                finding=finding,
                rule=rule,
                message=services.describe(finding, rule),
                explanation=by_key.get((finding.yearly_return_id, finding.code, finding.key)),
            )
        )
    return lines
