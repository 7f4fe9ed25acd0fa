"""The workbooks the import offers: the blank template and the file of rejected rows."""

from io import BytesIO
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from jiangmen_edu.imports.datasets import Dataset, ImportContext, RowError

HEADER_ROW = 2
FIRST_DATA_ROW = HEADER_ROW + 1
TEMPLATE_ROWS = 5000
REQUIRED_FILL = PatternFill("solid", fgColor="FFF2CC")


def _save(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_header(sheet, dataset: Dataset, title: str, extra: list[str] = ()) -> None:
    headers = [str(column.header) for column in dataset.columns] + list(extra)
    sheet.cell(row=1, column=1, value=title).font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    for position, header in enumerate(headers, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=position, value=header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        if position <= len(dataset.columns) and dataset.columns[position - 1].required:
            cell.fill = REQUIRED_FILL
        width = dataset.columns[position - 1].width if position <= len(dataset.columns) else 40
        sheet.column_dimensions[get_column_letter(position)].width = width
    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=1)


def template_workbook(dataset: Dataset, context: ImportContext) -> bytes:
    """Chinese headers, drop-down lists for the enumerations, the unit's rows prefilled."""
    with translation.override(settings.LANGUAGE_CODE):
        return _template_workbook(dataset, context)


def _template_workbook(dataset: Dataset, context: ImportContext) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(dataset.title)[:31]
    title = _("%(unit)s %(year)s: %(dataset)s") % {
        "unit": context.unit.name,
        "year": context.year,
        "dataset": dataset.title,
    }
    _write_header(sheet, dataset, title)
    for offset, row in enumerate(dataset.template_rows(context)):
        for position, value in enumerate(row, start=1):
            sheet.cell(row=FIRST_DATA_ROW + offset, column=position, value=value)

    options = workbook.create_sheet(_("Options"))
    options_column = 0
    for position, column in enumerate(dataset.columns, start=1):
        if not column.choices:
            continue
        options_column += 1
        letter = get_column_letter(options_column)
        options.cell(row=1, column=options_column, value=str(column.header))
        for index, (_value, label) in enumerate(column.choices, start=2):
            options.cell(row=index, column=options_column, value=str(label))
        last = len(column.choices) + 1
        validation = DataValidation(
            type="list",
            formula1=f"{quote_sheetname(options.title)}!${letter}$2:${letter}${last}",
            allow_blank=not column.required,
            showErrorMessage=True,
            errorTitle=_("Not an allowed value"),
            error=_("Choose a value from the list."),
        )
        target = get_column_letter(position)
        validation.add(f"{target}{FIRST_DATA_ROW}:{target}{FIRST_DATA_ROW + TEMPLATE_ROWS}")
        sheet.add_data_validation(validation)
    options.sheet_state = "hidden"

    notes = workbook.create_sheet(_("Instructions"))
    notes.column_dimensions["A"].width = 100
    lines = [
        _("Fill in one row per record from row %(row)s; do not change the header row.")
        % {"row": FIRST_DATA_ROW},
        _("Yellow columns are required. Choose enumerations from the drop-down lists."),
        str(dataset.replaces),
    ]
    for index, line in enumerate(filter(None, lines), start=1):
        notes.cell(row=index, column=1, value=line)
    return _save(workbook)


def rejected_workbook(
    dataset: Dataset, raw_rows: list[dict[str, Any]], errors: list[RowError]
) -> bytes:
    """The rows that were refused, as uploaded, with the reasons in an extra column."""
    reasons: dict[int, list[str]] = {}
    for error in errors:
        reasons.setdefault(error.row, []).append(f"{error.column}: {error.message}")
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = str(dataset.title)[:31]
    _write_header(
        sheet,
        dataset,
        _("Rejected rows: %(dataset)s") % {"dataset": dataset.title},
        extra=[_("Original row"), _("Why it was rejected")],
    )
    keys = [column.key for column in dataset.columns]
    for offset, raw in enumerate(row for row in raw_rows if row["row"] in reasons):
        values = [raw["cells"].get(key, "") for key in keys]
        values += [raw["row"], "；".join(reasons[raw["row"]])]
        for position, value in enumerate(values, start=1):
            sheet.cell(row=FIRST_DATA_ROW + offset, column=position, value=value)
    return _save(workbook)
