"""Peak memory and time of reading hostile workbooks, against a clean roster read in the same run.

    cd /work/main && .venv/bin/python bench/hostile_workbooks.py [--rows 25000]

Each file is generated here. Every read runs in a fresh child process (so that its peak RSS
is its own) through `workbook.open_workbook`, the path every import takes: the worker's peak
RSS (VmHWM), the sandboxed reader's peak RSS (ru_maxrss of the children, which counts from
the worker's size when it started the reader), the time, and the outcome. The same hostile files are
then read with the bounds check switched off, to show that the sandbox alone also bounds
them. Baselines, same run: a bare python-calamine read of the clean file in one process, and
the bounded read of it. A report: it always exits 0; the issue's budget is 300 MB per worker.
"""

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiangmen_edu.settings_test")

CHILD = r"""
import json, os, resource, sys, time
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiangmen_edu.settings_test")
import django
django.setup()
from jiangmen_edu.imports import workbook
mode, path = sys.argv[1], sys.argv[2]
if mode == "unbounded":
    workbook.check_bounds = lambda data, **limits: None
started = time.perf_counter()
outcome = "read"
try:
    if mode == "bare":
        from python_calamine import CalamineWorkbook
        book = CalamineWorkbook.from_path(path)
        rows = book.get_sheet_by_name(book.sheet_names[0]).to_python(skip_empty_area=False)
    else:
        with open(path, "rb") as file:
            rows = workbook.open_workbook(file, columns=15)
    outcome += f" {{len(rows)}} rows"
except workbook.FileRejected as error:
    outcome = "refused: " + str(error)[:60]
# VmHWM starts anew at exec; ru_maxrss would carry the parent's peak over.
with open("/proc/self/status") as status:
    peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
print(json.dumps({{
    "seconds": time.perf_counter() - started,
    "worker_mb": peak_kb / 1024,
    "reader_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    "outcome": outcome,
}}))
"""


def roster(rows: int) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([f"列{i}" for i in range(15)])
    for number in range(rows):
        sheet.append([f"T{number:06d}", "黄喆", "小学", 12, 98000.5, 2012, "否"] + [1] * 8)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_sheet_end(clean: bytes, xml: bytes) -> bytes:
    """The clean workbook with `xml` added at the end of its sheet's data."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(clean)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = data.replace(b"</sheetData>", xml + b"</sheetData>")
            target.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


def zip_bomb(clean: bytes, megabytes: int) -> bytes:
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    return with_sheet_end(clean, row * (megabytes * 2**20 // len(row)))


def measure(mode: str, path: Path) -> dict:
    finished = subprocess.run(
        [sys.executable, "-c", CHILD.format(root=str(ROOT)), mode, str(path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if finished.returncode != 0:
        return {"seconds": 0, "worker_mb": 0, "reader_mb": 0, "outcome": "worker died"}
    return json.loads(finished.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=25_000)
    arguments = parser.parse_args()
    clean_small = roster(1)
    files = {
        "clean roster": roster(arguments.rows),
        "far cell XFD1048576": with_sheet_end(
            clean_small, b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
        ),
        "far row O1048576": with_sheet_end(
            clean_small, b'<row r="1048576"><c r="O1048576"><v>1</v></c></row>'
        ),
        "row flood, no references": with_sheet_end(
            clean_small, b"<row/>" * 1_048_000 + b"<row><c><v>1</v></c></row>"
        ),
        "zip bomb (200 MB of sheet XML)": zip_bomb(clean_small, 200),
    }
    with tempfile.TemporaryDirectory() as folder:
        print(f"{'file':34} {'size':>9} {'mode':>9} {'s':>6} {'worker':>8} {'reader':>8}  outcome")
        baseline = None
        for name, data in files.items():
            path = Path(folder) / "file.xlsx"
            path.write_bytes(data)
            modes = ["bare", "bounded"] if name == "clean roster" else ["bounded", "unbounded"]
            for mode in modes:
                result = measure(mode, path)
                if name == "clean roster" and mode == "bare":
                    baseline = result["seconds"]
                ratio = f" ({result['seconds'] / baseline:.2f}× bare)" if baseline else ""
                budget = "" if result["worker_mb"] < 300 else "  FAIL: worker over 300 MB"
                print(
                    f"{name:34} {len(data) / 1024:>7.0f}KB {mode:>9} {result['seconds']:>6.2f}"
                    f" {result['worker_mb']:>6.0f}MB {result['reader_mb']:>6.0f}MB"
                    f"  {result['outcome']}{ratio if name == 'clean roster' else ''}{budget}"
                )


if __name__ == "__main__":
    main()
