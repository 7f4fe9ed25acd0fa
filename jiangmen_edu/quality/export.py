"""The data-quality workbook of one year: the matrix, then every finding behind it."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from jiangmen_edu.exports import Sheet
from jiangmen_edu.models import Section, Severity
from jiangmen_edu.quality.selectors import FindingLine, Matrix


def matrix_sheet(matrix: Matrix) -> Sheet:
    """Units × rules: each cell the number of findings; then errors, warnings, explained."""
    columns = matrix.columns
    totals = [_("Errors"), _("Warnings"), _("Warnings explained")]
    rows = [
        [row.unit.name, *(cell.tally.total for cell in row.cells)]
        + [row.total.errors, row.total.warnings, row.total.explained]
        for row in matrix.rows
    ]
    grand = matrix.total
    rows.append(
        [_("Total"), *(cell.total for cell in matrix.totals)]
        + [grand.errors, grand.warnings, grand.explained]
    )
    return Sheet(
        title=_("Counts %(year)s") % {"year": matrix.year},
        headers=[_("Unit"), *(f"{c.rule.code} {c.rule.title}" for c in columns), *totals],
        rows=rows,
        column_widths=[12] + [14] * len(columns) + [10, 10, 12],
    )


def findings_sheet(lines: Iterable[FindingLine]) -> Sheet:
    sections = dict(Section.choices)
    severities = dict(Severity.choices)
    rows = (
        [
            line.finding.yearly_return.unit.name,
            sections.get(line.finding.yearly_return.section, ""),
            f"{line.finding.code} {line.rule.title}" if line.rule else line.finding.code,
            severities.get(line.finding.severity, line.finding.severity),
            line.finding.label,
            line.message,
            line.explanation.text if line.explanation else "",
            line.finding.checked_at,
        ]
        for line in lines
    )
    return Sheet(
        title=_("Findings"),
        headers=[
            _("Unit"),
            _("Section"),
            _("Data-quality rule"),
            _("Severity"),
            _("Record"),
            _("Finding"),
            _("Explanation"),
            _("Checked at"),
        ],
        rows=rows,
        column_widths=[10, 12, 30, 8, 24, 60, 40, 18],
    )
