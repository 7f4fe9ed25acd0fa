"""xlsx downloads of the lists users can see (docs/rules.md#exports).

One helper for every app: a view hands it the rows its page shows, already scoped to the user
and filtered by the same selector as the page, and gets back a download. The workbook is
written in openpyxl's write-only mode, so memory stays flat however long the list is.
"""

import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel's own limit on a sheet's name.
MAX_SHEET_TITLE = 31


@dataclass(frozen=True)
class Sheet:
    title: str
    headers: Sequence[Any]
    rows: Iterable[Sequence[Any]]
    column_widths: Sequence[int] | None = None


def xlsx_response(
    filename: str,
    headers: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    *,
    sheet_title: str = "",
    column_widths: Sequence[int] | None = None,
) -> HttpResponse:
    """An attachment `filename` (.xlsx): one sheet, a bold header row, then `rows`.

    Cells may hold str, lazy translations, int, Decimal, float, bool, date, datetime or None.
    Text is always stored as text, never as a formula, so a name typed as "=HYPERLINK(…)"
    cannot run in the reader's Excel.
    """
    sheet = Sheet(sheet_title or filename, headers, rows, column_widths)
    return workbook_response(filename, [sheet])


def workbook_response(filename: str, sheets: Sequence[Sheet]) -> HttpResponse:
    """An attachment `filename` (.xlsx) of several sheets, each written as `xlsx_response`'s."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for spec in sheets:
        sheet = workbook.create_sheet(title=_sheet_title(spec.title))
        widths = spec.column_widths or [max(10, min(40, 2 * len(str(h)) + 4)) for h in spec.headers]
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        header_cells = []
        for header in spec.headers:
            cell = _cell(sheet, header)
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in spec.rows:
            sheet.append([_cell(sheet, value) for value in row])

    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    return response


def _sheet_title(name: str) -> str:
    title = name.removesuffix(".xlsx")
    for forbidden in "[]:*?/\\":
        title = title.replace(forbidden, " ")
    return title[:MAX_SHEET_TITLE] or "Sheet1"


def _cell(sheet, value: Any) -> WriteOnlyCell:
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        # Excel has no time zones: show the local time users see on the pages.
        value = timezone.make_naive(value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell
