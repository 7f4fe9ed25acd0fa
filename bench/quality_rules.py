"""Benchmark: every data-quality rule for one county and year, at small and full demo scale
(the target: "a number of SQL queries that does not grow with the data").

    cd /work/main && .venv/bin/python bench/quality_rules.py [--repeats 5] [--unit 440781]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/quality_rules.py

The script builds its own throw-away database (a temporary SQLite file, or a `jm_bench_quality`
database on the PostgreSQL server named by DATABASE_URL, created and dropped here), migrates
it and, for each scale, seeds the demo (`seed_demo --scale small`, then the database is flushed
and `seed_demo --scale full`, both with `--seed 1`). At each scale it times, for the county's
returns of 2025, best and median of `--repeats`:

* `services.findings_compute(return)` for each of the county's returns: every registered
  rule, unsaved;
* `services.findings_refresh(unit=…, year=…)`: the same, and storing the findings;
* the baseline, in the same run: reading the county's roster rows of the year once
  (`list(StaffYear.objects.filter(unit=…, year=…).values_list(…))`);

and counts the SQL queries of each (CaptureQueriesContext). It prints the ratio to the
baseline and whether each query count is the same at both scales. It measures whatever rules
are registered (`<app>/quality.py`) and lists them. It is a report: the exit code is 0.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import time

from harness import bench_database, setup_django, timed

BENCH_DB_NAME = "jm_bench_quality"
SCALES = ("small", "full")
YEAR = 2025


def seed(scale: str) -> float:
    """An empty database seeded at `scale`; returns the seconds it took."""
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("flush", interactive=False, verbosity=0)
    call_command("seed_demo", scale=scale, seed=1, stdout=io.StringIO())
    return time.perf_counter() - started


def measure(unit_code: str, repeats: int) -> tuple[dict[str, int], dict[str, tuple]]:
    """Data sizes, and (seconds, queries) of each step for the county's returns of YEAR."""
    from jiangmen_edu.models import QualityFinding, Unit, YearlyReturn
    from jiangmen_edu.quality import services
    from teachers.models import StaffYear

    unit = Unit.objects.get(code=unit_code)
    returns = list(
        YearlyReturn.objects.filter(unit=unit, reporting_year__year=YEAR).select_related(
            "unit", "reporting_year"
        )
    )

    def run_all() -> None:
        for yearly_return in returns:
            services.findings_compute(yearly_return)

    def refresh() -> None:
        services.findings_refresh(unit=unit, year=YEAR)

    def roster() -> None:
        list(
            StaffYear.objects.filter(unit=unit, year=YEAR).values_list(
                "staff_id", "school_id", "stage", "post", "title", "subject", "annual_pay"
            )
        )

    refresh()  # warm up: imports, content types, and the findings in place
    steps = {
        "roster rows, read once (baseline)": timed(roster, repeats),
        f"services.findings_compute × {len(returns)} returns": timed(run_all, repeats),
        "services.findings_refresh": timed(refresh, repeats),
    }
    sizes = {
        "roster rows of the county": StaffYear.objects.filter(unit=unit, year=YEAR).count(),
        "roster rows in all": StaffYear.objects.count(),
        "findings of the county": QualityFinding.objects.filter(
            yearly_return__unit=unit, yearly_return__reporting_year__year=YEAR
        ).count(),
    }
    return sizes, steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--unit", default="440781", help="division code of the county")
    args = parser.parse_args()

    with bench_database(os.environ.get("DATABASE_URL"), BENCH_DB_NAME) as (url, workdir):
        setup_django(url, workdir / "media")
        from django.core.management import call_command
        from django.db import connection

        from jiangmen_edu.quality.registry import all_rules

        call_command("migrate", verbosity=0, interactive=False)
        codes = [rule.code for rule in all_rules()]
        print(f"Database: {connection.vendor}; {len(codes)} rules: {', '.join(codes) or 'none'}")
        results = {}
        for scale in SCALES:
            print(f"Seeding the {scale}-scale demo (seed_demo --seed 1) …", flush=True)
            print(f"  done in {seed(scale):.0f} s", flush=True)
            results[scale] = measure(args.unit, args.repeats)

        print()
        for scale, (sizes, _steps) in results.items():
            print(f"{scale:<6}" + ", ".join(f"{name} {n:,}" for name, n in sizes.items()))
        print()
        print(
            f"{'scale':<7}{'what':<36}{'best ms':>9}{'median ms':>11}{'queries':>9}"
            f"{'× baseline':>12}"
        )
        for scale, (_sizes, steps) in results.items():
            baseline = min(next(iter(steps.values()))[0])
            for what, (seconds, queries) in steps.items():
                best = min(seconds)
                print(
                    f"{scale:<7}{what:<36}{best * 1000:>9.1f}"
                    f"{statistics.median(seconds) * 1000:>11.1f}{queries:>9}"
                    f"{best / baseline:>12.1f}"
                )
        print()
        small, full = (results[scale][1] for scale in SCALES)
        for what in small:
            same = small[what][1] == full[what][1]
            print(
                f"Queries of {what}: small {small[what][1]}, full {full[what][1]}: "
                + ("the same at both scales" if same else "DIFFERENT")
            )


if __name__ == "__main__":
    main()
