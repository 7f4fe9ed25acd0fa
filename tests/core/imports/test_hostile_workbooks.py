"""Workbooks built to hurt the reader: far cells, row floods, zip bombs, entity expansion.

Every one is generated here from a clean roster file by rewriting its parts, and every one
must end in a plain refusal (`FileRejected`) that changes nothing, on the page and on the
command line alike; the sandboxed reader turns whatever the bounds check lets through into
a refusal too, never a dead worker.
"""

import io
import re
import subprocess
import sys
import threading
import zipfile
from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from jiangmen_edu.imports import datasets, workbook
from jiangmen_edu.imports.reading import FileRejected
from jiangmen_edu.imports.services import import_preview
from jiangmen_edu.models import ImportBatch
from teachers.models import StaffYear
from tests.conftest import YEAR, client_for
from tests.core.factories import ROSTER_HEADER, roster_row, xlsx

pytestmark = pytest.mark.usefixtures("without_quality_rules")

ROSTER = datasets.get("roster")
SHEET = "xl/worksheets/sheet1.xml"


@pytest.fixture
def open_year(reporting_year, schools_a):
    return reporting_year


def rewrite(parts: dict[str, bytes] | None = None, *, sheet=None, extra=()) -> BytesIO:
    """A clean two-row roster workbook with some parts replaced or added."""
    clean = xlsx([ROSTER_HEADER, roster_row("T001")]).getvalue()
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(clean)) as source:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename == SHEET and sheet is not None:
                    data = sheet(data.decode()).encode()
                data = (parts or {}).get(item.filename, data)
                target.writestr(item, data)
            for name, data in extra:
                target.writestr(name, data)
    out.seek(0)
    out.name = "roster.xlsx"
    return out


def before_sheet_end(xml: str):
    return lambda sheet: sheet.replace("</sheetData>", xml + "</sheetData>")


def preview(file, unit, user=None):
    return import_preview(
        dataset=ROSTER, unit=unit, year=YEAR, file=file, filename="roster.xlsx", user=user
    )


def test_the_clean_file_passes(open_year, county_a, editor):
    assert len(preview(rewrite(), county_a, editor).rows) == 1


@pytest.mark.parametrize(
    "cell, message",
    [
        ('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', "XFD 列"),
        ('<row r="1048576"><c r="O1048576"><v>1</v></c></row>', "超过 30000 行"),
        ('<row r="40"><c r="AZ40" t="inlineStr"><is><t>x</t></is></c></row>', "AZ 列"),
        # No references at all: the 31,100th row below; the 26th cell to the right (Z).
        ("<row/>" * 31_100 + "<row><c><v>1</v></c></row>", "超过 30000 行"),
        ("<row>" + "<c><v>1</v></c>" * 40 + "</row>", "的 Z 列"),
        # A prefixed element and a quoted ">" must not hide the far cell.
        ('<x:row r="99"><x:c a=">" r="ZZ99"><x:v>1</x:v></x:c></x:row>', "ZZ 列"),
    ],
)
def test_a_cell_past_the_template_is_refused_before_parsing(
    open_year, county_a, editor, cell, message
):
    with pytest.raises(FileRejected, match=message):
        preview(rewrite(sheet=before_sheet_end(cell)), county_a, editor)
    assert not ImportBatch.objects.exists()


def test_styled_empty_cells_far_away_are_no_data(open_year, county_a, editor):
    styled = '<row r="50000"><c r="XFD50000" s="0"/></row>'
    assert len(preview(rewrite(sheet=before_sheet_end(styled)), county_a, editor).rows) == 1


def test_a_zip_bomb_is_refused_by_its_directory(open_year, county_a, editor):
    bomb = rewrite(extra=[("xl/media/padding.xml", b" " * (6 * 2**20))])
    with pytest.raises(FileRejected, match="解压后超过 80 MB"):
        preview(bomb, county_a, editor)


def test_parts_unpacking_past_the_bound_are_refused(open_year, county_a, editor, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_UNPACKED_BYTES", 64 * 1024)
    noise = bytes(range(256)) * 512  # 128 KB that barely compresses
    with pytest.raises(FileRejected, match="解压后超过"):
        preview(rewrite(extra=[("docProps/noise.bin", noise)]), county_a, editor)


def test_a_directory_of_too_many_parts_is_refused_before_it_is_parsed(
    open_year, county_a, editor, monkeypatch
):
    """zipfile builds an entry per part of the directory: its size is bounded first."""
    many = rewrite(extra=[(f"docProps/p{n}.xml", b"") for n in range(5_001)])
    parsed = []
    monkeypatch.setattr(
        workbook.uploads.zipfile, "ZipFile", lambda *a, **k: parsed.append(a) or 1 / 0
    )
    with pytest.raises(FileRejected, match="解压后超过"):
        preview(many, county_a, editor)
    assert parsed == []


def test_entity_expansion_is_refused_not_attempted(open_year, county_a, editor):
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY a{i} "{"&a;" * 10}">' for i in range(9))
        + "]><sst/>"
    )
    with pytest.raises(FileRejected, match="无法安全读取"):
        preview(rewrite(extra=[("xl/sharedStrings2.xml", laughs)]), county_a, editor)


def test_a_file_past_the_upload_size_is_refused_unread(open_year, county_a, editor, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_UPLOAD_BYTES", 1000)
    with pytest.raises(FileRejected, match="大于 0 MB|超过"):
        preview(rewrite(), county_a, editor)


def test_what_the_bounds_miss_the_sandbox_refuses(open_year, county_a, editor, monkeypatch):
    """The far cell with the bounds check switched off: the reader asks for 512 GiB, its
    child process is stopped by its address-space limit, and the worker carries on."""
    monkeypatch.setattr(workbook, "check_bounds", lambda data, **limits: None)
    far = rewrite(sheet=before_sheet_end('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))
    with pytest.raises(FileRejected, match="内存"):
        preview(far, county_a, editor)
    assert len(preview(rewrite(), county_a, editor).rows) == 1


def test_the_sandbox_checks_the_grid_it_sends_back(open_year, county_a, editor, monkeypatch):
    monkeypatch.setattr(workbook, "check_bounds", lambda data, **limits: None)
    wide = rewrite(sheet=before_sheet_end('<row r="40"><c r="AZ40"><v>1</v></c></row>'))
    with pytest.raises(FileRejected, match="AZ 列"):
        preview(wide, county_a, editor)
    long = rewrite(sheet=before_sheet_end('<row r="40000"><c r="A40000"><v>1</v></c></row>'))
    with pytest.raises(FileRejected, match="超过 30000 行"):
        preview(long, county_a, editor)


def reader_script(tmp_path, body: str):
    """A stand-in for the sandboxed reader, to see how the worker treats one that misbehaves."""
    script = tmp_path / "reader.py"
    script.write_text(f"import resource, sys\n{body}\n")
    return script


def test_a_reader_that_hangs_is_stopped(open_year, county_a, editor, monkeypatch, tmp_path):
    monkeypatch.setattr(workbook, "SANDBOX", reader_script(tmp_path, "import time; time.sleep(60)"))
    monkeypatch.setattr(workbook, "READER_SECONDS", 0)
    monkeypatch.setattr(workbook, "READER_GRACE_SECONDS", 0.5)
    with pytest.raises(FileRejected, match="0 秒"):
        preview(rewrite(), county_a, editor)


def test_a_reader_past_its_cpu_time_is_a_refusal(
    open_year, county_a, editor, monkeypatch, tmp_path
):
    busy = "resource.setrlimit(resource.RLIMIT_CPU, (1, 2))\nwhile True: pass"
    monkeypatch.setattr(workbook, "SANDBOX", reader_script(tmp_path, busy))
    with pytest.raises(FileRejected, match="30 秒"):
        preview(rewrite(), county_a, editor)


def test_the_worker_reads_no_more_than_the_output_cap(
    open_year, county_a, editor, monkeypatch, tmp_path
):
    flood = "sys.stdin.buffer.read(); sys.stdout.buffer.write(b'x' * 5_000_000)"
    monkeypatch.setattr(workbook, "SANDBOX", reader_script(tmp_path, flood))
    monkeypatch.setattr(workbook, "MAX_READER_OUTPUT", 1_000_000)
    with pytest.raises(FileRejected, match="内存"):
        preview(rewrite(), county_a, editor)


def test_one_long_text_in_every_cell_is_refused_in_the_reader(open_year, county_a, editor):
    """Small in the file (one shared string), large once read: refused by its length."""
    long_name = "黄" * 3_000
    rows = [roster_row(f"T{n:03d}", name=long_name) for n in range(3)]
    with pytest.raises(FileRejected, match="D2 单元格超过 2000 个字符"):
        preview(xlsx([ROSTER_HEADER, *rows]), county_a, editor)


def test_the_reader_sends_back_no_more_than_its_output_cap(
    open_year, county_a, editor, monkeypatch
):
    monkeypatch.setattr(workbook, "MAX_READER_OUTPUT", 20_000)
    rows = [roster_row(f"T{n:03d}", name="黄" * 500) for n in range(40)]
    with pytest.raises(FileRejected, match="内存"):
        preview(xlsx([ROSTER_HEADER, *rows]), county_a, editor)


def test_a_tag_repeating_its_reference_is_scanned_in_one_pass():
    """A million-fold ` r="A1"` in one tag: the scan must not try every repetition against
    the rest of the tag (that took 80 s for 280 KB). Run in a thread so that a regression
    fails here instead of hanging the suite."""
    tag = b"<sheetData><row><c" + b' r="A1"' * 150_000 + b"/></row></sheetData>"
    done = threading.Event()

    def scan():
        workbook._scan(io.BytesIO(tag), cells=True, max_rows=100, max_columns=20)
        done.set()

    threading.Thread(target=scan, daemon=True).start()
    assert done.wait(timeout=20)


def test_the_sandbox_limits_its_own_address_space():
    """The reader's limit holds: 2 GB asked for past a 1 MB budget is a MemoryError."""
    folder = str(workbook.SANDBOX.parent)
    code = (
        f"import resource, sys; sys.path.insert(0, {folder!r}); import sandbox_reader as reader;"
        "reader._limit(resource.RLIMIT_AS, reader._address_space() + 10**6);"
        "print(resource.getrlimit(resource.RLIMIT_AS)[0], flush=True);"
        "bytearray(2 * 10**9)"
    )
    finished = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, timeout=30)
    assert finished.returncode != 0
    assert b"MemoryError" in finished.stderr
    assert 0 < int(finished.stdout) < 2 * 10**9


def test_the_upload_page_refuses_a_far_cell_with_the_limit(open_year, editor):
    far = rewrite(sheet=before_sheet_end('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))
    response = client_for(editor).post(
        reverse("imports:upload", args=["roster"]), {"year": YEAR, "file": far}
    )
    assert response.status_code == 200
    assert "XFD 列" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_the_command_line_refuses_a_far_cell_in_one_line(open_year, tmp_path):
    path = tmp_path / "far.xlsx"
    far = rewrite(sheet=before_sheet_end('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))
    path.write_bytes(far.getvalue())
    with pytest.raises(CommandError) as refused:
        call_command("import_data", "roster", str(path), "--county", "440781", "--year", str(YEAR))
    assert "\n" not in str(refused.value) and re.search("XFD", str(refused.value))
    assert not StaffYear.objects.exists()
