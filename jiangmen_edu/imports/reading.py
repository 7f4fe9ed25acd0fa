"""Reading an uploaded workbook into rows keyed by column, wherever its header is.

Real returns have title rows above the header, headers split over two merged rows
("基本信息 / 姓名"), and blank rows in between. calamine reads .xlsx and .xls ten times
faster than openpyxl, which matters for a 25,000-row roster.
"""

from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _

from jiangmen_edu.imports.cells import squash
from jiangmen_edu.imports.datasets import Dataset, all_datasets
from jiangmen_edu.imports.workbook import HEADER_SEARCH_ROWS, FileRejected, open_workbook


@dataclass
class SheetRows:
    header_row: int  # 1-based, as Excel shows it
    rows: list[tuple[int, dict[str, Any]]]  # (Excel row number, {column key: cell})


def header_candidates(rows: list[list[Any]], index: int) -> list[set[str]]:
    """Possible labels per column of row `index`: itself, and joined with the row above.

    A merged group header above (e.g. "基本信息" over three columns) only has a value in its
    first cell, so blanks in the row above are filled from the left.
    """
    row = rows[index]
    above = rows[index - 1] if index > 0 else []
    filled, last = [], ""
    for position in range(len(row)):
        cell = squash(above[position]) if position < len(above) else ""
        last = cell or last
        filled.append(last)
    return [
        {label for label in (squash(cell), filled[i] + squash(cell)) if label}
        for i, cell in enumerate(row)
    ]


def match_header(dataset: Dataset, candidates: list[set[str]]) -> dict[str, int]:
    positions = {}
    for column in dataset.columns:
        wanted = column.labels()
        for position, labels in enumerate(candidates):
            if labels & wanted:
                positions[column.key] = position
                break
    return positions


def find_header(dataset: Dataset, rows: list[list[Any]]) -> tuple[int, dict[str, int]]:
    required = {column.key for column in dataset.columns if column.required}
    best: tuple[int, dict[str, int]] = (-1, {})
    for index in range(min(HEADER_SEARCH_ROWS, len(rows))):
        positions = match_header(dataset, header_candidates(rows, index))
        if required <= positions.keys():
            return index, positions
        if len(positions) > len(best[1]):
            best = (index, positions)
    other = next(
        (
            candidate
            for candidate in all_datasets()
            if candidate.slug != dataset.slug
            and any(
                {c.key for c in candidate.columns if c.required}
                <= match_header(candidate, header_candidates(rows, i)).keys()
                for i in range(min(HEADER_SEARCH_ROWS, len(rows)))
            )
        ),
        None,
    )
    if other is not None:
        raise FileRejected(
            _("This looks like a “%(other)s” file, not “%(wanted)s”. Please check the file.")
            % {"other": other.title, "wanted": dataset.title}
        )
    missing = [dataset.header(key) for key in sorted(required - best[1].keys())]
    raise FileRejected(
        _(
            "No header row with the columns of “%(wanted)s” was found; missing: %(missing)s. "
            "Please use the template downloaded from this system."
        )
        % {"wanted": dataset.title, "missing": "、".join(missing)}
    )


def read_rows(dataset: Dataset, file: IO[bytes]) -> SheetRows:
    """The data rows of an upload for `dataset`, bounded by `workbook.open_workbook`."""
    rows = open_workbook(file, columns=len(dataset.columns))
    header_index, positions = find_header(dataset, rows)
    result = []
    for index in range(header_index + 1, len(rows)):
        row = rows[index]
        cells = {
            key: row[position] if position < len(row) else "" for key, position in positions.items()
        }
        if all(
            cell in ("", None) or (isinstance(cell, str) and not cell.strip())
            for cell in cells.values()
        ):
            continue
        result.append((index + 1, cells))
    return SheetRows(header_row=header_index + 1, rows=result)
