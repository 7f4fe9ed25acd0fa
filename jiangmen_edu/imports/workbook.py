"""Opening an uploaded workbook without trusting it.

A workbook is a zip of XML parts, and its reader builds a dense grid up to the farthest cell
with a value: one cell at XFD1048576 in an 11 KB file asks for 512 GiB, and a 10 MB zip can
unpack to gigabytes of XML. So a workbook is bounded before it is parsed, and then parsed
where a failure cannot hurt the worker:

1. `check_bounds` reads the zip's directory (total unpacked size, compression ratio) and
   streams each worksheet's XML without building it, finding the last row and column that
   hold a value; anything past the limits is refused with a message naming the limit.
2. `read_first_sheet` parses in a child process (`sandbox_reader.py`) under an address-space
   and CPU-time limit, which checks the grid's size again before sending it back: an old
   .xls, which has no zip to look into, is bounded there, and a reader bug becomes a
   refusal, never a dead worker.
"""

import io
import os
import pickle
import re
import signal
import subprocess
import sys
import threading
import zipfile
import zlib
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl.utils import column_index_from_string, get_column_letter

from jiangmen_edu import uploads
from jiangmen_edu.errors import Refused

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# The city has about 20,000 staff (docs/rules.md#headline-counts), so one county's file is far
# below this; the preview keeps every row in memory, and 30,000 roster rows stay under the
# 300 MB budget (bench/import_roster.py measured ~300 MB at 40,000).
MAX_ROWS = 30_000
# Rows above the data: title rows and a header split over two rows (see `reading`).
HEADER_SEARCH_ROWS = 15
# Rows a sheet may reach past its header and data: blank lines, notes below the table.
SPARE_ROWS = 1_000
# Columns a clerk may add beside the template's (a note, a check sum) before a file counts
# as too wide to be the data set's.
SPARE_COLUMNS = 10
# A 30,000-row roster unpacks to about 25 MB; three times that is still a return.
MAX_UNPACKED_BYTES = 80 * 1024 * 1024
# Sheet XML compresses 5–20 : 1; a bomb compresses thousands to one (checked for parts above
# `uploads.RATIO_CHECKED_ABOVE`, with the parts' count and the directory's size, by
# `uploads.open_bounded_zip`).
MAX_COMPRESSION_RATIO = 200
# The reader's own budget, on top of the interpreter; and how long it may take.
READER_MEMORY_BYTES = 768 * 1024 * 1024
READER_SECONDS = 30
READER_GRACE_SECONDS = 5
# What the reader may send back: the longest text a cell may hold (the longest column of any
# data set takes 1,000 characters), and the rows as a whole (a 30,000-row roster is ~15 MB),
# so that the worker holds at most about three times that, whatever the file.
MAX_CELL_CHARS = 2_000
MAX_READER_OUTPUT = 48 * 1024 * 1024

SANDBOX = Path(__file__).with_name("sandbox_reader.py")
WORKSHEET = re.compile(r"xl/worksheets/[^/]+\.xml")
# An element's start tag, with or without a namespace prefix: rows, cells, and the DTD that
# an Excel file never has (entity expansion is refused, not attempted). XML allows no "<"
# inside a tag, so a tag is never searched past the next one: the scan stays linear.
PREFIX = rb"<(?:[A-Za-z_][\w.-]*:)?"
ATTRIBUTES = rb"""((?:[^<>"']|"[^<"]*"|'[^<']*')*)"""
TAG = re.compile(PREFIX + rb"(row|c)\b" + ATTRIBUTES + rb">", re.IGNORECASE)
DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
REF = re.compile(rb"""\br\s*=\s*["']([A-Z]{0,3})(\d*)["']""")
# The usual sheet, where every cell says where it is: a cell with a value (not self-closed)
# and its reference, found by one search per chunk instead of one Python step per tag.
# The first `r=` of a tag is committed to (atomic group) and the rest of the tag is taken
# whole (possessive), so that a tag repeating ` r="A1"` a million times costs one pass, not
# one pass per repetition.
CELL_WITHOUT_REF = re.compile(PREFIX + rb"c(?=[\s/>])(?![^<>]*\br\s*+=)")
VALUE_CELL_REF = re.compile(
    PREFIX + rb"""c\s(?>[^<>]*?\br\s*+=)\s*+["']([A-Z]{1,3})(\d+)["'][^<>]*+(?<!/)>"""
)
CHUNK = 1024 * 1024


class FileRejected(Refused):
    """The whole file is unusable; the message says why, for the user."""


def read_upload(file: IO[bytes]) -> bytes:
    """The upload's bytes, refusing one past the size limit without reading all of it."""
    data = file.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise FileRejected(
            _("The file is larger than %(size)s MB.") % {"size": MAX_UPLOAD_BYTES // 2**20}
        )
    return data


def _too_long() -> FileRejected:
    return FileRejected(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})


def _too_wide(column: int, max_columns: int) -> FileRejected:
    return FileRejected(
        _(
            "The sheet has data in column %(column)s, beyond the template's columns (at most "
            "%(max)s). Please delete the columns on the right that are not in the template."
        )
        % {"column": get_column_letter(column), "max": get_column_letter(max_columns)}
    )


def _unsafe() -> FileRejected:
    return FileRejected(
        _(
            "The file unpacks to more than %(max)s MB or is packed unusually; it cannot be read "
            "safely. Please save it again from Excel as .xlsx."
        )
        % {"max": MAX_UNPACKED_BYTES // 2**20}
    )


class _Position:
    """Where the scan of one worksheet stands: the last row, and the last cell in it."""

    def __init__(self, *, max_rows: int, max_columns: int):
        self.row = self.column = 0
        self.max_rows, self.max_columns = max_rows, max_columns

    def check(self, row: int, column: int) -> None:
        if column > self.max_columns:
            raise _too_wide(column, self.max_columns)
        if row > self.max_rows:
            raise _too_long()

    def scan_referenced(self, text: bytes) -> None:
        refs = VALUE_CELL_REF.findall(text)
        if refs:
            column = max(
                column_index_from_string(letters.decode()) for letters in {ref[0] for ref in refs}
            )
            self.check(max(int(ref[1]) for ref in refs), column)
            self.row = int(refs[-1][1])

    def scan_tags(self, text: bytes) -> None:
        """Tag by tag: a cell without an `r` reference sits right of the previous one, a row
        without one below the previous row; a self-closed cell (`<c r="A1" s="2"/>`) has no
        value and is skipped, as the reader skips it."""
        for match in TAG.finditer(text):
            name, attributes = match.groups()
            ref = REF.search(attributes)
            if name.lower() == b"row":
                self.row = int(ref.group(2)) if ref and ref.group(2) else self.row + 1
                self.column = 0
                continue
            self.column = (
                column_index_from_string(ref.group(1).decode())
                if ref and ref.group(1)
                else self.column + 1
            )
            if ref and ref.group(2):
                self.row = int(ref.group(2))
            if not attributes.rstrip().endswith(b"/"):
                self.check(self.row, self.column)


def _scan(stream: IO[bytes], *, cells: bool, max_rows: int, max_columns: int) -> None:
    """Stream one XML part: refuse a DTD, and (`cells`, for a worksheet) a cell with a value
    past the limits."""
    position = _Position(max_rows=max_rows, max_columns=max_columns)
    buffer = b""
    while True:
        chunk = stream.read(CHUNK)
        buffer += chunk
        # Up to the last complete tag; the rest waits for the next chunk.
        end = buffer.rfind(b">") + 1 if chunk else len(buffer)
        text, buffer = buffer[:end], buffer[end:]
        if DECLARATION.search(text):
            raise _unsafe()
        if cells:
            if CELL_WITHOUT_REF.search(text):
                position.scan_tags(text)
            else:
                position.scan_referenced(text)
        if not chunk:
            return
        if len(buffer) > CHUNK:
            # A tag a megabyte long is no workbook's.
            raise _unsafe()


def check_bounds(data: bytes, *, max_rows: int, max_columns: int) -> None:
    """Refuse an .xlsx whose parts unpack too far or whose sheets reach past the limits.

    Anything that is not a zip (an old .xls, or not a workbook at all) is left to the
    sandboxed reader.
    """
    try:
        archive = uploads.open_bounded_zip(
            io.BytesIO(data), max_unpacked=MAX_UNPACKED_BYTES, max_ratio=MAX_COMPRESSION_RATIO
        )
    except uploads.UnsafeZip:
        raise _unsafe() from None
    if archive is None:
        return
    with archive:
        members = archive.infolist()
        for member in members:
            if not member.filename.endswith((".xml", ".rels")):
                continue
            try:
                with archive.open(member) as stream:
                    _scan(
                        stream,
                        cells=bool(WORKSHEET.fullmatch(member.filename)),
                        max_rows=max_rows,
                        max_columns=max_columns,
                    )
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError):
                raise FileRejected(_unreadable("BadZipFile")) from None


def _unreadable(error: str) -> str:
    return _("The file cannot be read as an Excel workbook (.xlsx or .xls): %(error)s") % {
        "error": error
    }


def _run_sandbox(data: bytes, *arguments: int) -> tuple[int, bytes]:
    """Run the reader on `data`: its exit status (negative: the signal that ended it) and at
    most `MAX_READER_OUTPUT` + 1 bytes of what it wrote. A reader still running after
    `READER_SECONDS` + `READER_GRACE_SECONDS` of wall time (asleep, so that its CPU limit
    does not stop it) is killed, and counts as one that ran out of time."""
    process = subprocess.Popen(
        [sys.executable, "-I", str(SANDBOX), *(str(argument) for argument in arguments)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        # Nothing of the site's environment (database password, secret key) for the reader.
        env={"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"},
    )
    timed_out = threading.Event()

    def stop() -> None:
        timed_out.set()
        process.kill()

    watchdog = threading.Timer(READER_SECONDS + READER_GRACE_SECONDS, stop)
    watchdog.start()
    try:
        try:
            process.stdin.write(data)
            process.stdin.close()
        except BrokenPipeError:
            pass
        output = process.stdout.read(MAX_READER_OUTPUT + 1)
        process.stdout.close()
        if len(output) > MAX_READER_OUTPUT:
            process.kill()
        status = process.wait()
    finally:
        watchdog.cancel()
    if timed_out.is_set():
        status = -signal.SIGXCPU
    return status, output


def _took_too_long() -> FileRejected:
    return FileRejected(
        _("Reading the file took longer than %(seconds)s seconds; it cannot be read safely.")
        % {"seconds": READER_SECONDS}
    )


def _needs_too_much_memory() -> FileRejected:
    return FileRejected(
        _(
            "Reading the file needs more than %(max)s MB of memory; it cannot be read "
            "safely. Please check that the sheet holds only the template's rows and columns."
        )
        % {"max": READER_MEMORY_BYTES // 2**20}
    )


def read_first_sheet(data: bytes, *, max_rows: int, max_columns: int) -> list[list[Any]]:
    """The first sheet with a value, as rows of cells, read in the sandbox."""
    status, output = _run_sandbox(
        data,
        READER_MEMORY_BYTES,
        READER_SECONDS,
        max_rows,
        max_columns,
        MAX_CELL_CHARS,
        MAX_READER_OUTPUT,
    )
    if status == -signal.SIGXCPU:
        raise _took_too_long()
    if status != 0 or not output or len(output) > MAX_READER_OUTPUT:
        # Ended by its address-space limit (an allocation past the budget aborts the reader).
        raise _needs_too_much_memory()
    # The reader is our own script, run on the upload with no access to the site's secrets;
    # what it sends back is plain lists of numbers, text and dates.
    kind, value = pickle.loads(output)  # noqa: S301
    if kind == "rows":
        return value
    if kind == "empty":
        raise FileRejected(_("The workbook is empty."))
    if kind == "too_long":
        raise _too_long()
    if kind == "too_wide":
        raise _too_wide(value, max_columns)
    if kind == "long_text":
        row, column = value
        raise FileRejected(
            _(
                "The cell %(cell)s holds more than %(max)s characters; no column of a return "
                "takes that much text."
            )
            % {"cell": f"{get_column_letter(column)}{row}", "max": MAX_CELL_CHARS}
        )
    if kind == "too_big":
        raise _needs_too_much_memory()
    raise FileRejected(_unreadable(value))


def open_workbook(file: IO[bytes], *, columns: int) -> list[list[Any]]:
    """The upload's first non-empty sheet, for a data set whose template has `columns`
    columns; refuses anything past the limits above."""
    data = read_upload(file)
    limits = {
        "max_rows": HEADER_SEARCH_ROWS + MAX_ROWS + SPARE_ROWS,
        "max_columns": columns + SPARE_COLUMNS,
    }
    check_bounds(data, **limits)
    return read_first_sheet(data, **limits)
