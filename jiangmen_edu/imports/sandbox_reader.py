"""The workbook reader's child process: run by `workbook.read_first_sheet`, never imported.

It limits its own address space and CPU time before it loads the reader, reads the upload
from standard input, and writes one pickled `(status, value)` to standard output. An
allocation past the limit aborts this process only; the parent turns that into a refusal.
It imports nothing of Django or the project, so it starts in a few milliseconds.
"""

import io
import pickle
import resource
import sys


def _limit(kind: int, value: int) -> None:
    soft, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(kind, (value, hard))


def _address_space() -> int:
    """What the interpreter itself maps already; the budget comes on top."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[0])
    return pages * resource.getpagesize()


def read(data: bytes, max_rows: int, max_columns: int, max_text: int) -> tuple[str, object]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            # Counted from A1, as the rows below are returned (`total_*` are 0-based ends).
            if sheet.total_height + 1 > max_rows:
                return "too_long", sheet.total_height + 1
            if sheet.total_width + 1 > max_columns:
                return "too_wide", sheet.total_width + 1
            rows = sheet.to_python(skip_empty_area=False)
            for row_number, row in enumerate(rows, start=1):
                for column_number, cell in enumerate(row, start=1):
                    if isinstance(cell, str) and len(cell) > max_text:
                        return "long_text", (row_number, column_number)
            if any(any(cell not in ("", None) for cell in row) for row in rows):
                return "rows", rows
    except (CalamineError, ValueError, OSError) as error:
        return "unreadable", type(error).__name__
    return "empty", None


def main() -> None:
    memory, seconds, max_rows, max_columns, max_text, max_output = (
        int(value) for value in sys.argv[1:7]
    )
    data = sys.stdin.buffer.read()
    _limit(resource.RLIMIT_AS, _address_space() + len(data) + memory)
    _limit(resource.RLIMIT_CPU, seconds)
    output = pickle.dumps(read(data, max_rows, max_columns, max_text), protocol=5)
    if len(output) > max_output:
        # The worker must not have to hold it (one short text repeated in every cell is
        # small in the file and large here).
        output = pickle.dumps(("too_big", len(output)), protocol=5)
    sys.stdout.buffer.write(output)


if __name__ == "__main__":
    main()
