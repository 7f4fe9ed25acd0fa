"""Benchmark of the roster import (preview + commit) against two baselines, in one run.

    cd /work/main && .venv/bin/python bench/import_roster.py [--rows 25000] [--repeats 5]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/import_roster.py

The script builds its own throw-away database (a temporary SQLite file, or a `jm_bench`
database on the PostgreSQL server named by DATABASE_URL), generates a deterministic roster
workbook in the format the import accepts, and times, on the same file:

* a bare openpyxl read-only pass (`load_workbook(read_only=True, data_only=True)`, every value);
* our import: `import_preview` + `import_commit` (user=None), each repeat on a fresh state;
* the same import again over the committed roster (the re-import of a corrected file);
* a default django-import-export `ModelResource` import of the same file (run once: it is slow);
* the peak RSS of a child process that runs one preview + commit.

It prints a table with the target ratios (baseline/ours >= 10, ours/openpyxl <= 1.0,
peak < 300 MB) and PASS/FAIL for each. It is a report: the exit code is 0 either way.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import io
import json
import os
import pstats
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from openpyxl import Workbook, load_workbook

if TYPE_CHECKING:
    from import_export.results import Result

    from jiangmen_edu.models import ImportBatch, Unit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB_NAME = "jm_bench"
BENCH_LOCK = 0x6A6D_6265  # advisory lock key of the PostgreSQL runs
COUNTY = "440781"  # 台山市
YEAR = 2025
SEED = 2025
CHILD_FLAG = "--child"

TITLE_ROW = f"江门市{YEAR}年度中小学（幼儿园）教职工名册（台山市）"

TARGET_SPEEDUP = 10.0  # baseline / ours must be at least this
TARGET_READ_RATIO = 1.0  # ours / openpyxl must be at most this
TARGET_PEAK_MB = 300.0


# --------------------------------------------------------------------------------------------
# The throw-away database
# --------------------------------------------------------------------------------------------


@dataclass
class BenchDatabase:
    url: str  # what Django is pointed at
    vendor: str  # "sqlite" or "postgresql"
    workdir: Path  # temporary directory for the SQLite file and the workbooks


@contextmanager
def bench_database(server_url: str | None) -> Iterator[BenchDatabase]:
    """A fresh, empty database; dropped (or deleted) afterwards, whatever happens."""
    workdir = Path(tempfile.mkdtemp(prefix="jm_bench_"))
    try:
        if server_url and server_url.startswith(("postgres://", "postgresql://")):
            with postgres_database(server_url, workdir) as database:
                yield database
        elif server_url and not server_url.startswith("sqlite:"):
            raise SystemExit(f"DATABASE_URL must be postgres://… or sqlite:…, not {server_url!r}")
        else:
            # A given SQLite URL is ignored: the benchmark always uses its own file.
            yield BenchDatabase(f"sqlite:///{workdir / 'bench.sqlite3'}", "sqlite", workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def postgres_database(server_url: str, workdir: Path) -> Iterator[BenchDatabase]:
    """`jm_bench` on the server of `server_url`, made afresh and dropped afterwards.

    An advisory lock, held by the maintenance connection for the whole run, stops a second
    run from dropping the database under the first one.
    """
    import psycopg
    from psycopg import sql

    name = sql.Identifier(BENCH_DB_NAME)
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name)
    with psycopg.connect(server_url, autocommit=True) as admin:
        locked = admin.execute("SELECT pg_try_advisory_lock(%s)", [BENCH_LOCK]).fetchone()
        if not locked or not locked[0]:
            raise SystemExit(f"Another benchmark run is using the {BENCH_DB_NAME} database.")
        admin.execute(drop)
        admin.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(name))
        try:
            url = urlunsplit(urlsplit(server_url)._replace(path=f"/{BENCH_DB_NAME}"))
            yield BenchDatabase(url, "postgresql", workdir)
        finally:
            if "django" in sys.modules:
                from django.db import connections

                connections.close_all()
            admin.execute(drop)


def setup_django(url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "jiangmen_edu.settings_test"
    os.environ["DATABASE_URL"] = url
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def build_reference_data(schools: int) -> Unit:
    """Migrate, load the reference data, open the year, create the county's schools."""
    from django.core.management import call_command

    from jiangmen_edu.models import Role, School, Township, Unit, User
    from jiangmen_edu.workflow import reporting_year_open

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_reference", stdout=io.StringIO())
    admin = User.objects.create_user(
        username="bench_admin", password="bench-only", role=Role.CITY_ADMIN, is_staff=True
    )
    reporting_year_open(year=YEAR, due_date=datetime.date(YEAR, 12, 31), user=admin)
    unit = Unit.objects.get(code=COUNTY)
    townships = list(Township.objects.filter(unit=unit))
    School.objects.bulk_create(school_objects(unit, townships, schools))
    return unit


# The mix of a county's ~170 schools: (type, share, name suffix).
SCHOOL_MIX = (
    ("primary", 0.45, "小学"),
    ("kindergarten", 0.25, "幼儿园"),
    ("junior", 0.14, "中学"),
    ("nine_year", 0.10, "学校"),
    ("senior", 0.06, "高级中学"),
)
ORDINALS = "一二三四五六七八九十"


def school_objects(unit: Unit, townships: list[Any], count: int) -> list[Any]:
    from jiangmen_edu.models import School

    rng = random.Random(SEED)
    types = [name for name, share, _ in SCHOOL_MIX for _ in range(round(share * count))]
    types = (types + ["primary"] * count)[:count]
    rng.shuffle(types)
    suffix = {name: text for name, _, text in SCHOOL_MIX}
    seen: dict[tuple[str, str], int] = {}
    schools = []
    for number, school_type in enumerate(types, start=1):
        township = townships[number % len(townships)] if townships else None
        place = township.name if township else "台城"
        seen[(place, school_type)] = ordinal = seen.get((place, school_type), 0) + 1
        label = "中心" if ordinal == 1 else f"第{ORDINALS[(ordinal - 1) % 10]}"
        if ordinal > 10:
            label = f"第{ordinal}"
        schools.append(
            School(
                code=f"4407819{number:03d}",
                name=f"台山市{place}{label}{suffix[school_type]}",
                unit=unit,
                township=township,
                school_type=school_type,
                ownership="public" if rng.random() < 0.9 else "private",
                students=rng.randint(80, 2500),
            )
        )
    return schools


# --------------------------------------------------------------------------------------------
# The roster workbook
# --------------------------------------------------------------------------------------------

SURNAMES = "陈李黄张梁林刘吴关余谭伍邝甄雷朱何周赵杨马蔡郑冯邓"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红文浩宇轩嘉颖欣怡子涵晓琳喆堃昇珺"
SUBJECTS_BY_STAGE = {
    "kindergarten": ["学前教育"],
    "primary": ["语文", "语文", "数学", "数学", "英语", "科学", "体育与健康", "音乐", "美术",
                "道德与法治（思想政治）", "信息科技", "心理健康教育"],
    "junior": ["语文", "数学", "英语", "物理", "化学", "生物学", "历史", "地理",
               "道德与法治（思想政治）", "体育与健康", "音乐", "美术", "信息科技"],
    "senior": ["语文", "数学", "英语", "物理", "化学", "生物学", "历史", "地理",
               "道德与法治（思想政治）", "体育与健康", "通用技术", "信息科技"],
}  # fmt: skip
STAGE_LABELS = {"kindergarten": "幼儿园", "primary": "小学", "junior": "初中", "senior": "普通高中"}
# Labels as the template's drop-downs write them, plus a few synonyms people type.
DEGREES = (("本科", 58), ("大学本科", 6), ("专科", 16), ("大专", 4), ("硕士研究生", 11),
           ("高中及以下", 4), ("博士研究生", 1))  # fmt: skip
TITLES = (("未定级", 10), ("初级", 22), ("二级教师", 6), ("中级", 30), ("一级教师", 6),
          ("副高级", 22), ("正高级", 4))  # fmt: skip
EMPLOYMENT = (("在编", 84), ("临聘", 13), ("代课", 3))
# Weight of each school type in the staff count (secondary schools are bigger).
STAFF_WEIGHT = {"kindergarten": 0.6, "primary": 1.0, "junior": 1.6, "nine_year": 1.8, "senior": 2.4}


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([value for value, _ in weighted], [w for _, w in weighted])[0]


def roster_rows(schools: list[tuple[str, str, str]], count: int) -> list[list[Any]]:
    """`count` rows in ROSTER_HEADER order; `schools` are (code, name, type) tuples."""
    from jiangmen_edu.models import School

    rng = random.Random(SEED)
    weights = [STAFF_WEIGHT[school_type] for _, _, school_type in schools]
    principals: set[str] = set()
    rows = []
    for number in range(1, count + 1):
        post = rng.choices(["专任教师", "其他教职工", "校长（园长）", "教研员"], [88, 9, 2, 1])[0]
        if post == "教研员":  # researchers work at the bureau: no school
            stage = rng.choice(["primary", "junior", "senior"])
            code, name = "", "台山市教师发展中心"
        else:
            code, name, school_type = rng.choices(schools, weights)[0]
            if post == "校长（园长）":  # one principal per school
                post = "专任教师" if code in principals else post
                principals.add(code)
            stage = rng.choice(School.STAGES_BY_TYPE[school_type])
        teaching_years = rng.randint(0, 38)
        pay = round(rng.uniform(52_000, 186_000), 2) if rng.random() < 0.96 else None
        rows.append(
            [
                code,
                name,
                f"TS{number:06d}",
                rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2, 2)))),
                STAGE_LABELS[stage],
                post,
                _pick(rng, EMPLOYMENT),
                _pick(rng, DEGREES),
                _pick(rng, TITLES),
                rng.choice(SUBJECTS_BY_STAGE[stage]),
                teaching_years,
                rng.randint(1, 20) if post != "专任教师" else 0,
                pay,
                max(1960, YEAR - teaching_years - rng.randint(0, 2)),
                "是" if rng.random() < 0.03 else "否",
            ]
        )
    return rows


def write_roster(path: Path, rows: list[list[Any]], title: bool = True) -> None:
    from tests.core.factories import ROSTER_HEADER  # the header the import accepts

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("教职工名册")
    if title:
        sheet.append([TITLE_ROW])
    sheet.append(ROSTER_HEADER)
    for row in rows:
        sheet.append(row)
    workbook.save(path)


# --------------------------------------------------------------------------------------------
# What is timed
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """Wall-clock seconds, and CPU seconds of this process plus its database server process.

    The CPU time is what to compare when other work competes for the machine's cores: it
    counts the work done, not the waiting. The PostgreSQL backend's share is read from
    /proc/<backend pid>/stat, so it is only counted when the server runs on this machine.
    """

    wall: float = 0.0
    cpu: float = 0.0

    def __add__(self, other: Sample) -> Sample:
        return Sample(self.wall + other.wall, self.cpu + other.cpu)


@dataclass
class Timing:
    runs: list[Sample] = field(default_factory=list)

    @property
    def best(self) -> float:
        return min(run.wall for run in self.runs)

    @property
    def median(self) -> float:
        return statistics.median(run.wall for run in self.runs)

    @property
    def best_cpu(self) -> float:
        return min(run.cpu for run in self.runs)


def server_cpu() -> float:
    """CPU seconds used so far by the PostgreSQL backend serving Django's connection."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0  # SQLite runs inside this process
    connection.ensure_connection()
    try:
        stat = Path(f"/proc/{connection.connection.info.backend_pid}/stat").read_text()
    except OSError:
        return 0.0  # a server on another machine: only this process's CPU is counted
    fields = stat.rsplit(")", 1)[1].split()  # after "pid (comm)"; utime and stime are 14, 15
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(function: Callable[[], Any]) -> tuple[Sample, Any]:
    cpu = time.process_time() + server_cpu()
    wall = time.perf_counter()
    result = function()
    wall = time.perf_counter() - wall
    return Sample(wall, time.process_time() + server_cpu() - cpu), result


class QueryCounter:
    """Counts the statements sent to the database (an executemany counts once)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(
        self,
        execute: Callable[..., Any],
        sql: str,
        params: Any,
        many: bool,
        context: dict[str, Any],
    ) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


@contextmanager
def counting_queries() -> Iterator[QueryCounter]:
    from django.db import connection

    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        yield counter


def openpyxl_pass(path: Path) -> int:
    """The bare read: every value of every row, nothing else."""
    workbook = load_workbook(path, read_only=True, data_only=True)
    cells = 0
    for row in workbook.active.iter_rows(values_only=True):
        cells += len(row)
    workbook.close()
    return cells


def calamine_pass(path: Path) -> int:
    """The project's bounded reader (bounds check, then python-calamine in its sandbox)."""
    from jiangmen_edu.imports.workbook import open_workbook

    with path.open("rb") as file:
        return sum(len(row) for row in open_workbook(file, columns=15))


def reset_roster(unit: Unit) -> None:
    """Forget the county's roster without the ORM's per-row delete signals (not timed)."""
    from django.db import connection, transaction

    from jiangmen_edu.models import ImportBatch
    from teachers.models import Staff, StaffYear

    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for model in (StaffYear, Staff, ImportBatch):
            cursor.execute(
                f"DELETE FROM {quote(model._meta.db_table)} WHERE unit_id = %s", [unit.pk]
            )


def our_preview(unit: Unit, path: Path) -> ImportBatch:
    from jiangmen_edu.imports import datasets
    from jiangmen_edu.imports.services import import_preview

    with path.open("rb") as file:
        return import_preview(
            dataset=datasets.get("roster"),
            unit=unit,
            year=YEAR,
            file=file,
            filename=path.name,
            user=None,
        )


def our_commit(batch: ImportBatch) -> int:
    from jiangmen_edu.imports import datasets
    from jiangmen_edu.imports.services import import_commit

    return import_commit(batch=batch, dataset=datasets.get("roster"), user=None)


@dataclass
class OurRun:
    preview: Sample
    commit: Sample
    rows: int
    errors: int
    queries: int

    @property
    def total(self) -> Sample:
        return self.preview + self.commit


def run_ours(unit: Unit, path: Path) -> OurRun:
    with counting_queries() as counter:
        preview, batch = timed(lambda: our_preview(unit, path))
        if batch.errors:
            return OurRun(preview, Sample(), 0, len(batch.errors), counter.count)
        commit, written = timed(lambda: our_commit(batch))
    return OurRun(preview, commit, written, 0, counter.count)


def roster_signature(unit: Unit) -> list[tuple[Any, ...]]:
    """What both imports must have stored, row by row."""
    from teachers.models import StaffYear

    return list(
        StaffYear.objects.filter(unit=unit, year=YEAR)
        .order_by("staff__staff_no")
        .values_list(
            "staff__staff_no",
            "staff__name",
            "school__code",
            "stage",
            "post",
            "employment",
            "degree",
            "title",
            "subject",
            "teaching_years",
            "management_years",
            "annual_pay",
        )
    )


# --------------------------------------------------------------------------------------------
# The django-import-export baseline
# --------------------------------------------------------------------------------------------


def make_resource(unit: Unit) -> Any:
    """A default `ModelResource` for StaffYear with the file's Chinese headers.

    Defaults everywhere (no bulk mode, diffs on, one savepoint per row). The staff identities
    are created beforehand (the resource imports roster rows only); labels are mapped to stored
    values by small widgets that know the labels and the few synonyms the generated file uses.
    """
    from django.utils import translation
    from import_export import fields, resources, widgets

    from jiangmen_edu.models import School, Stage
    from teachers.models import Degree, Employment, Post, Staff, StaffYear, Subject, Title

    class LabelWidget(widgets.Widget):
        """A Chinese label (or a synonym) to the stored value, and back."""

        def __init__(self, choices: Any, synonyms: dict[str, Any] | None = None) -> None:
            super().__init__()
            with translation.override("zh-hans"):
                self.values = {str(label): value for value, label in choices}
            self.values |= synonyms or {}
            self.labels = {value: label for label, value in self.values.items()}

        def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Any:
            text = "" if value is None else str(value).strip()
            if text not in self.values:
                raise ValueError(f"不是可选的值：{text}")
            return self.values[text]

        def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
            return str(self.labels.get(value, ""))

    class UnitWidget(widgets.Widget):
        """The importing county, put into every row by `before_import_row`."""

        def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Any:
            if value != unit.code:
                raise ValueError("不是本单位的数据")
            return unit

        def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
            return value.code if value else ""

    class StaffWidget(widgets.ForeignKeyWidget):
        def get_queryset(self, value: Any, row: Any, *args: Any, **kwargs: Any) -> Any:
            return Staff.objects.filter(unit=unit)

    def column(attribute: str, header: str, widget: widgets.Widget) -> fields.Field:
        return fields.Field(attribute=attribute, column_name=header, widget=widget)

    class StaffYearResource(resources.ModelResource):
        staff = column("staff", "工号", StaffWidget(Staff, "staff_no"))
        school = column("school", "学校标识码", widgets.ForeignKeyWidget(School, "code"))
        unit_field = column("unit", "单位", UnitWidget())
        year = column("year", "年度", widgets.IntegerWidget())
        stage = column("stage", "学段", LabelWidget(Stage.choices))
        post = column("post", "岗位", LabelWidget(Post.choices))
        employment = column(
            "employment",
            "用工性质",
            LabelWidget(Employment.choices, {"代课": Employment.TEMPORARY}),
        )
        degree = column(
            "degree",
            "最高学历",
            LabelWidget(Degree.choices, {"大学本科": Degree.BACHELOR, "大专": Degree.ASSOCIATE}),
        )
        title = column(
            "title",
            "职称",
            LabelWidget(Title.choices, {"二级教师": Title.JUNIOR, "一级教师": Title.INTERMEDIATE}),
        )
        subject = column("subject", "任教学科", LabelWidget(Subject.choices))
        teaching_years = column("teaching_years", "教龄", widgets.IntegerWidget())
        management_years = column("management_years", "管理年限", widgets.IntegerWidget())
        annual_pay = column("annual_pay", "年收入（元）", widgets.DecimalWidget())

        class Meta:
            model = StaffYear
            fields = (
                "id",
                "staff",
                "school",
                "unit_field",
                "year",
                "stage",
                "post",
                "employment",
                "degree",
                "title",
                "subject",
                "teaching_years",
                "management_years",
                "annual_pay",
            )

        def before_import_row(self, row: Any, **kwargs: Any) -> None:
            row["单位"] = unit.code
            row["年度"] = YEAR

    return StaffYearResource()


def baseline_dataset(path: Path) -> Any:
    """The file through import-export's own XLSX reader (openpyxl, read-only)."""
    from import_export.formats.base_formats import XLSX

    return XLSX().create_dataset(path.read_bytes())


@dataclass
class BaselineRun:
    label: str
    read: Sample
    import_data: Sample
    totals: dict[str, int]
    row_errors: int
    invalid_rows: int
    first_problem: str
    queries: int
    same_data: bool = False  # stored exactly the rows our import stores

    @property
    def total(self) -> Sample:
        return self.read + self.import_data


def create_staff_identities(unit: Unit, rows: list[list[Any]]) -> None:
    """What the baseline does not import: the people (our import creates them itself)."""
    from teachers.models import Staff

    Staff.objects.bulk_create(
        [
            Staff(
                unit=unit,
                staff_no=row[2],
                name=row[3],
                hired_year=row[13],
                from_moe_normal_university=row[14] == "是",
            )
            for row in rows
        ],
        batch_size=2000,
    )


def run_baseline(unit: Unit, path: Path, rows: list[list[Any]], audit: bool) -> BaselineRun:
    """One import-export import on a fresh state, with or without the audit trail."""
    from auditlog.context import disable_auditlog

    expected = roster_signature(unit)
    reset_roster(unit)
    create_staff_identities(unit, rows)
    resource_ = make_resource(unit)
    with counting_queries() as counter, nullcontext() if audit else disable_auditlog():
        read, dataset = timed(lambda: baseline_dataset(path))
        import_data, result = timed(
            lambda: resource_.import_data(dataset, dry_run=False, raise_errors=False)
        )
    return BaselineRun(
        label="ModelResource (default)" if audit else "ModelResource, auditlog disabled",
        read=read,
        import_data=import_data,
        totals=dict(result.totals),
        row_errors=len(result.row_errors()),
        invalid_rows=len(result.invalid_rows),
        first_problem=first_problem(result),
        queries=counter.count,
        same_data=bool(expected) and roster_signature(unit) == expected,
    )


def first_problem(result: Result) -> str:
    for number, errors in result.row_errors():
        return f"row {number}: {errors[0].error!r}"
    for invalid in result.invalid_rows:
        return f"row {invalid.number}: {invalid.error_dict}"
    return ""


# --------------------------------------------------------------------------------------------
# Peak memory, in a child process
# --------------------------------------------------------------------------------------------


def memory_mb() -> tuple[float, float]:
    """(current RSS, peak RSS) of this process, in MB.

    Linux's VmHWM is the peak of this process's own address space. `ru_maxrss` is not usable
    in a child started by fork + exec: exec carries the forked copy's high-water mark (the
    parent's RSS at the fork) over into the child's `ru_maxrss`.
    """
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        return peak, peak
    values = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return (int(values["VmRSS"].split()[0]) / 1024, int(values["VmHWM"].split()[0]) / 1024)


def child_main(path: Path, trace: bool) -> None:
    """Runs in a fresh interpreter: one preview + commit, then prints its memory as JSON."""
    setup_django(os.environ["DATABASE_URL"])
    import jiangmen_edu.imports.services  # noqa: F401  (loaded before the "before" reading)
    from jiangmen_edu.models import Unit

    unit = Unit.objects.get(code=COUNTY)
    before = memory_mb()[0]
    if trace:
        tracemalloc.start()
    run = run_ours(unit, path)
    traced_peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
    print(
        json.dumps(
            {
                "rss_before_mb": before,
                "rss_peak_mb": memory_mb()[1],
                "traced_peak_mb": traced_peak,
                "rows": run.rows,
                "errors": run.errors,
            }
        )
    )


def measure_memory(database: BenchDatabase, unit: Unit, path: Path, trace: bool) -> dict:
    from django.db import connections

    reset_roster(unit)
    connections.close_all()  # the child must not wait on this process's connection
    env = {**os.environ, "DATABASE_URL": database.url}
    command = [sys.executable, str(Path(__file__).resolve()), CHILD_FLAG, str(path)]
    if trace:
        command.append("--trace")
    completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"memory child failed:\n{completed.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------------------------
# Profiles
# --------------------------------------------------------------------------------------------


def profile_ours(unit: Unit, path: Path, lines: int, fresh: bool) -> None:
    """cProfile of one preview and one commit (fresh state, or over the committed roster)."""
    if fresh:
        reset_roster(unit)
    state = "fresh state" if fresh else "re-import over the committed roster"
    profiler = cProfile.Profile()
    batch = profiler.runcall(our_preview, unit, path)
    print(f"\n--- profile: import_preview ({state}) ---")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(lines)
    profiler = cProfile.Profile()
    profiler.runcall(our_commit, batch)
    print(f"\n--- profile: import_commit ({state}) ---")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(lines)


# --------------------------------------------------------------------------------------------
# The run and its report
# --------------------------------------------------------------------------------------------


@dataclass
class Results:
    rows: int
    repeats: int
    vendor: str = ""
    load_before: float = 0.0
    load_after: float = 0.0
    openpyxl: Timing = field(default_factory=Timing)
    calamine: Timing = field(default_factory=Timing)
    preview: Timing = field(default_factory=Timing)
    commit: Timing = field(default_factory=Timing)
    ours: Timing = field(default_factory=Timing)
    last_run: OurRun | None = None
    reimport: OurRun | None = None
    baselines: list[BaselineRun] = field(default_factory=list)
    memory: dict[str, Any] = field(default_factory=dict)
    traced: dict[str, Any] | None = None


def vendor_description() -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        return f"sqlite {sqlite3.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"{connection.vendor} {cursor.fetchone()[0].split()[0]}"


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=25_000, help="roster rows (default 25000)")
    parser.add_argument("--schools", type=int, default=170, help="schools (default 170)")
    parser.add_argument("--repeats", type=int, default=5, help="repeats of the fast steps")
    parser.add_argument("--skip-baseline", action="store_true", help="skip import-export")
    parser.add_argument(
        "--no-audit",
        action="store_true",
        help="also run the import-export baseline with django-auditlog disabled",
    )
    parser.add_argument(
        "--profile", type=int, default=0, metavar="N", help="print the top N lines of cProfile"
    )
    parser.add_argument(
        "--trace", action="store_true", help="also measure the tracemalloc peak (slower)"
    )
    return parser.parse_args()


def main() -> None:
    args = parse_arguments()
    results = Results(rows=args.rows, repeats=max(1, args.repeats), load_before=os.getloadavg()[0])
    with bench_database(os.environ.get("DATABASE_URL")) as database:
        setup_django(database.url)
        print(f"setting up the {database.vendor} database …", flush=True)
        unit = build_reference_data(args.schools)
        results.vendor = vendor_description()
        from jiangmen_edu.models import School

        schools = list(School.objects.filter(unit=unit).values_list("code", "name", "school_type"))
        rows = roster_rows(schools, args.rows)
        path = database.workdir / "roster.xlsx"
        write_roster(path, rows)
        # import-export's XLSX reader takes the first row as the header, so its user has to
        # delete the title row first: the baseline reads the same rows without it.
        untitled = database.workdir / "roster_untitled.xlsx"
        write_roster(untitled, rows, title=False)
        print(
            f"wrote {args.rows:,} rows × {len(rows[0])} columns for {len(schools)} "
            f"schools ({path.stat().st_size / 2**20:.1f} MiB); timing …",
            flush=True,
        )
        run_timings(results, unit, path)
        if results.last_run is not None and not results.last_run.errors:
            print("measuring memory …", flush=True)
            results.memory = measure_memory(database, unit, path, trace=False)
            if args.trace:
                results.traced = measure_memory(database, unit, path, trace=True)
        audits = [] if args.skip_baseline else [True, False] if args.no_audit else [True]
        for audit in audits:
            what = "" if audit else ", auditlog disabled"
            print(f"running the django-import-export baseline{what} (once; slow) …", flush=True)
            results.baselines.append(run_baseline(unit, untitled, rows, audit=audit))
        if args.profile:
            profile_ours(unit, path, args.profile, fresh=True)
            profile_ours(unit, path, args.profile, fresh=False)
        results.load_after = os.getloadavg()[0]
        report(results)


def run_timings(results: Results, unit: Unit, path: Path) -> None:
    """The fast steps, interleaved so that other load on the machine hits them alike."""
    for _ in range(results.repeats):
        results.openpyxl.runs.append(timed(lambda: openpyxl_pass(path))[0])
        results.calamine.runs.append(timed(lambda: calamine_pass(path))[0])
        reset_roster(unit)
        run = results.last_run = run_ours(unit, path)
        if run.errors:
            return
        results.preview.runs.append(run.preview)
        results.commit.runs.append(run.commit)
        results.ours.runs.append(run.total)
    # A corrected file uploaded again: the commit replaces all of the year's rows.
    results.reimport = run_ours(unit, path)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL  <<<"


def report(results: Results) -> None:
    rule = "─" * 100
    print(
        f"\n{rule}\nRoster import benchmark: {results.rows:,} rows, {results.vendor}; "
        f"best of {results.repeats}; load average {results.load_before:.1f} → "
        f"{results.load_after:.1f}\n{rule}"
    )
    print(f"{'step':<46}{'best s':>8}{'median s':>9}{'cpu s':>8}  notes")

    def line(label: str, wall: float, median: float | None, cpu: float, note: str = "") -> None:
        middle = f"{median:>9.2f}" if median is not None else f"{'':>9}"
        print(f"{label:<46}{wall:>8.2f}{middle}{cpu:>8.2f}  {note}".rstrip())

    def timing(label: str, timing: Timing, note: str = "") -> None:
        line(label, timing.best, timing.median, timing.best_cpu, note)

    timing("bare openpyxl read-only pass", results.openpyxl)
    timing("bounded calamine read (workbook.open_workbook)", results.calamine)
    run = results.last_run
    if results.ours.runs and run is not None:
        timing("ours: import_preview", results.preview)
        timing("ours: import_commit (fresh state)", results.commit)
        timing("ours: preview + commit", results.ours, f"{run.rows:,} rows, {run.queries} queries")
    elif run is not None:
        print(f"ours: the preview refused {run.errors} rows; nothing committed  FAIL  <<<")
    reimport = results.reimport
    if reimport is not None:
        line(
            "ours: re-import over the committed roster",
            reimport.total.wall,
            None,
            reimport.total.cpu,
            f"1 run: preview {reimport.preview.wall:.2f} + commit {reimport.commit.wall:.2f}; "
            f"{reimport.queries} queries",
        )
    for baseline in results.baselines:
        line(
            f"import-export {baseline.label}",
            baseline.total.wall,
            None,
            baseline.total.cpu,
            f"1 run: read {baseline.read.wall:.2f} + import_data {baseline.import_data.wall:.2f}; "
            f"{baseline.queries} queries",
        )
        totals = ", ".join(f"{key} {value}" for key, value in baseline.totals.items() if value)
        print(
            f"{'':<71}  {totals}; row_errors {baseline.row_errors}, invalid "
            f"{baseline.invalid_rows}; same rows as ours: {'yes' if baseline.same_data else 'NO'}"
        )
        if baseline.first_problem:
            print(f"{'':<71}  first problem: {baseline.first_problem[:120]}")
    memory = results.memory
    if memory:
        print(
            f"{'peak RSS of preview + commit (child), MB':<46}{memory['rss_peak_mb']:>8.0f}"
            f"{'':>17}  {memory['rss_before_mb']:.0f} MB after django.setup, "
            f"+{memory['rss_peak_mb'] - memory['rss_before_mb']:.0f} MB in the import"
        )
    if results.traced is not None:
        print(f"{'tracemalloc peak (child), MB':<46}{results.traced['traced_peak_mb']:>8.0f}")
    report_targets(results)
    print(rule)


def report_targets(results: Results) -> None:
    print(f"\n{'target':<46}{'wall':>8}{'cpu':>9}{'limit':>9}  result (wall; cpu)")

    def target(label: str, wall: float, cpu: float, limit: str, test: Callable[[float], bool]):
        print(
            f"{label:<46}{wall:>8.2f}{cpu:>9.2f}{limit:>9}  "
            f"{verdict(test(wall))}; cpu {'PASS' if test(cpu) else 'FAIL'}"
        )

    def missing(label: str, limit: str, why: str) -> None:
        print(f"{label:<46}{'—':>8}{'—':>9}{limit:>9}  {why}")

    def fast_enough(ratio: float) -> bool:
        return ratio >= TARGET_SPEEDUP

    def not_slower(ratio: float) -> bool:
        return ratio <= TARGET_READ_RATIO

    ours = Sample(results.ours.best, results.ours.best_cpu) if results.ours.runs else None
    reimport = results.reimport.total if results.reimport and ours else None
    openpyxl = Sample(results.openpyxl.best, results.openpyxl.best_cpu)
    if not results.baselines:
        missing("baseline / ours", "≥ 10", "not measured (--skip-baseline)")
    for baseline in results.baselines:
        name = "baseline" if baseline is results.baselines[0] else "no-audit baseline"
        if baseline.totals.get("new") != results.rows or ours is None:
            missing(f"{name} / ours", "≥ 10", "FAIL  <<< an import is incomplete")
            continue
        runs = [("first import", ours)]
        if reimport is not None and name == "baseline":
            runs.append(("re-import", reimport))
        for label, run in runs:
            if run is not None:
                target(
                    f"{name} / ours ({label})",
                    baseline.total.wall / run.wall,
                    baseline.total.cpu / run.cpu,
                    "≥ 10",
                    fast_enough,
                )
    if ours is None:
        missing("ours / bare openpyxl", "≤ 1.0", "FAIL  <<< the import refused rows")
    else:
        for label, run in (("first import", ours), ("re-import", reimport)):
            if run is not None:
                target(
                    f"ours / bare openpyxl ({label})",
                    run.wall / openpyxl.wall,
                    run.cpu / openpyxl.cpu,
                    "≤ 1.0",
                    not_slower,
                )
    memory = results.memory
    if memory:
        peak = memory["rss_peak_mb"]
        complete = memory["rows"] == results.rows
        print(
            f"{'peak RSS of one preview + commit, MB':<46}{peak:>8.0f}{'':>9}{'< 300':>9}  "
            f"{verdict(peak < TARGET_PEAK_MB and complete)}"
        )
    else:
        missing("peak RSS of one preview + commit, MB", "< 300", "FAIL  <<< not measured")


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == CHILD_FLAG:
        child_main(Path(sys.argv[2]), trace="--trace" in sys.argv[3:])
    else:
        main()
