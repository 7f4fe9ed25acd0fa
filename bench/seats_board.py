"""Benchmark of the seat progress board's server time at full demo scale.

    cd /work/main && .venv/bin/python bench/seats_board.py [--repeats 30] [--extra 2000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/seats_board.py

The script builds its own throw-away database (a temporary SQLite file, or a `jm_bench_seats`
database on the PostgreSQL server named by DATABASE_URL), migrates it, loads the reference
data and seeds the full-scale demo's core (users, ~1,200 schools, 2021–2025 opened) and the
seat tracker's part (plans, ~420 projects, enrolment). It then times, through Django's test
client (the whole request: middleware, permission check, selector, template):

* the progress board as the city reviewer sees it (all units, city total) and as a county
  editor sees it (their unit);
* one unit's year-by-year page and the first page of the project list, for comparison;

then adds `--extra` synthetic projects (with a delivery each) spread over the units and times
the same pages again: the query counts must not change and the time should barely move.
It prints median / min / max milliseconds and the SQL query count per page. It is a report:
the exit code is 0 either way.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB_NAME = "jm_bench_seats"
SEED = 1
PAGES = [
    ("board, city reviewer", "reviewer", "/seats/?year=2025"),
    ("board, county editor", "editor", "/seats/?year=2025"),
    ("unit years, 台山市", "reviewer", "/seats/units/440781/"),
    ("project list, page 1", "reviewer", "/seats/projects/"),
]


def _pg_execute(admin_url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)  # type: ignore[arg-type]


@contextmanager
def bench_database(server_url: str | None) -> Iterator[tuple[str, str]]:
    """(url, vendor) of a fresh, empty database; dropped or deleted afterwards."""
    workdir = Path(tempfile.mkdtemp(prefix="jm_bench_seats_"))
    admin_url = None
    try:
        if server_url and server_url.startswith(("postgres://", "postgresql://")):
            admin_url = server_url
            _pg_execute(
                admin_url,
                f"DROP DATABASE IF EXISTS {BENCH_DB_NAME} WITH (FORCE)",
                f"CREATE DATABASE {BENCH_DB_NAME} ENCODING 'UTF8' TEMPLATE template0",
            )
            parts = urlsplit(server_url)
            yield urlunsplit(parts._replace(path=f"/{BENCH_DB_NAME}")), "postgresql"
        else:
            yield f"sqlite:///{workdir / 'bench.sqlite3'}", "sqlite"
    finally:
        if admin_url:
            if "django" in sys.modules:
                from django.db import connections

                connections.close_all()
            _pg_execute(admin_url, f"DROP DATABASE IF EXISTS {BENCH_DB_NAME} WITH (FORCE)")
        shutil.rmtree(workdir, ignore_errors=True)


def setup_django(url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "jiangmen_edu.settings_test"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="jm_bench_media_"))
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    # The test client's host; setup_test_environment() would also instrument the templates.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]


def build(scale: str) -> dict[str, int]:
    """Migrate, load the reference data, seed the core and the seat tracker's demo part."""
    import io

    from django.core.management import call_command

    from jiangmen_edu.demo.core import fork, seed_core
    from seats.demo import seed as seed_seats

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_reference", stdout=io.StringIO())
    rng = random.Random(SEED)
    core = seed_core(fork(rng), scale)
    counts = seed_seats(fork(rng), scale)
    counts["schools"] = core.schools_planned
    return counts


def add_projects(count: int) -> None:
    """`count` more projects, each delivering in 2023–2025, spread over every unit."""
    from jiangmen_edu.models import Township, Unit
    from seats.models import Project, ProjectYear

    rng = random.Random(SEED)
    units = list(Unit.objects.order_by("code"))
    townships = {u.pk: list(Township.objects.filter(unit=u)) for u in units}
    projects = []
    for number in range(count):
        unit = units[number % len(units)]
        projects.append(
            Project(
                unit=unit,
                code=f"BENCH-{number:05d}",
                name=f"基准测试项目{number}",
                kind=rng.choice(["new_build", "expansion", "conversion", "purchase"]),
                stage=rng.choice(["preschool", "compulsory", "high_school"]),
                township=rng.choice(townships[unit.pk]) if townships[unit.pk] else None,
                seats_planned=90,
                status="completed",
            )
        )
    Project.objects.bulk_create(projects, batch_size=1000)
    ids = Project.objects.filter(code__startswith="BENCH-").values_list("pk", flat=True)
    ProjectYear.objects.bulk_create(
        (
            ProjectYear(project_id=pk, year=2023 + pk % 3, seats_planned=90, seats_delivered=90)
            for pk in ids
        ),
        batch_size=1000,
    )


def measure(repeats: int) -> dict[str, tuple[list[float], int]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from jiangmen_edu.models import User

    clients = {}
    for key, username in (("reviewer", "reviewer"), ("editor", "editor")):
        client = Client()
        client.force_login(User.objects.get(username=username))
        clients[key] = client
    results = {}
    for label, who, url in PAGES:
        client = clients[who]
        assert client.get(url).status_code == 200  # warm the caches and templates
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        results[label] = (times, len(queries))
    return results


def report(title: str, results: dict[str, tuple[list[float], int]]) -> None:
    print(f"\n{title}")
    print(f"{'page':<24}{'median ms':>10}{'min ms':>9}{'max ms':>9}{'queries':>9}")
    for label, (times, queries) in results.items():
        print(
            f"{label:<24}{statistics.median(times):>10.1f}{min(times):>9.1f}"
            f"{max(times):>9.1f}{queries:>9}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--extra", type=int, default=2000, help="synthetic projects to add")
    parser.add_argument("--scale", choices=["small", "full"], default="full")
    args = parser.parse_args()
    with bench_database(os.environ.get("DATABASE_URL")) as (url, vendor):
        setup_django(url)
        started = time.perf_counter()
        counts = build(args.scale)
        print(
            f"{vendor}, {args.scale} scale: {counts['schools']} schools, {counts['projects']} "
            f"projects, {counts['project_years']} project-years, {counts['plan_rows']} plan rows "
            f"(built in {time.perf_counter() - started:.1f} s)"
        )
        before = measure(args.repeats)
        report(f"Demo data, {args.repeats} requests per page", before)
        if args.extra:
            add_projects(args.extra)
            after = measure(args.repeats)
            report(f"With {args.extra} more projects", after)
            same = all(before[label][1] == after[label][1] for label in before)
            print(f"\nquery counts unchanged with {args.extra} more projects: {same}")


if __name__ == "__main__":
    main()
