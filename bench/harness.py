"""What the benchmarks of a seeded database share: a throw-away database, Django set up
against it, and timing with a query count.

The database is a SQLite file in a work directory, or, when DATABASE_URL names a PostgreSQL
server, a database of its own made there and dropped afterwards.
"""

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def _pg_admin_execute(admin_url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)  # type: ignore[arg-type]


@contextmanager
def bench_database(
    server_url: str | None, name: str, keep: Path | None = None
) -> Iterator[tuple[str, Path]]:
    """(url, work directory) of a fresh, empty database `name`; dropped or deleted afterwards.

    With `keep`, the work directory (and a SQLite database in it) is that folder, kept.
    """
    workdir = keep or Path(tempfile.mkdtemp(prefix=f"{name}_"))
    workdir.mkdir(parents=True, exist_ok=True)
    admin_url = None
    try:
        if server_url and server_url.startswith(("postgres://", "postgresql://")):
            admin_url = server_url
            _pg_admin_execute(
                admin_url,
                f"DROP DATABASE IF EXISTS {name} WITH (FORCE)",
                f"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0",
            )
            url = urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))
        elif server_url and not server_url.startswith("sqlite:"):
            raise SystemExit(f"DATABASE_URL must be postgres://… or sqlite:…, not {server_url!r}")
        else:
            database = workdir / "bench.sqlite3"
            if keep is None:
                database.unlink(missing_ok=True)
            url = f"sqlite:///{database}"
        yield url, workdir
    finally:
        if admin_url:
            if "django" in sys.modules:
                from django.db import connections

                connections.close_all()
            _pg_admin_execute(admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if keep is None:
            shutil.rmtree(workdir, ignore_errors=True)


def setup_django(url: str, media: Path) -> None:
    """Django on the test settings and the database `url`; files (the demo's evidence) go to
    `media`."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "jiangmen_edu.settings_test"
    os.environ["DATABASE_URL"] = url
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    django.setup()
    settings.MEDIA_ROOT = media


@contextmanager
def counting_queries() -> Iterator[list[int]]:
    """The number of queries run inside the block, in `count[0]`."""
    from django.db import connection

    count = [0]

    def wrapper(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield count


def timed(function: Callable[[], Any], repeats: int) -> tuple[list[float], int]:
    """Wall seconds of each repeat, and the queries of the last."""
    seconds = []
    queries = 0
    for _ in range(repeats):
        with counting_queries() as count:
            started = time.perf_counter()
            function()
            seconds.append(time.perf_counter() - started)
        queries = count[0]
    return seconds, queries
