"""`manage.py seed_demo --scale small|full --seed N`: deterministic demo data."""

import random
import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from jiangmen_edu.demo import AFTER_HISTORY, PARTS
from jiangmen_edu.demo.core import (
    CURRENT_YEAR,
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    SCALES,
    CoreResult,
    fork,
    schools_by_county,
    seed_core,
    seed_history,
    statuses_in,
)
from jiangmen_edu.models import YearlyReturn
from jiangmen_edu.quality import services as quality
from jiangmen_edu.reference import load_all
from jiangmen_edu.text_tables import text_table


class Command(BaseCommand):
    help = (
        "Fill the database with deterministic demo data: county schools, demo users, "
        "reporting years 2021-2025, each app's data for those years (jiangmen_edu.demo.PARTS), "
        "their review history, then what reads approved returns (AFTER_HISTORY: the "
        "assessment's scores). Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, scale: str, seed: int, **options):
        started = time.perf_counter()
        rng = random.Random(seed)
        with transaction.atomic():
            load_all()
            # Each part draws from its own fork, so adding a part leaves the others unchanged.
            core = seed_core(fork(rng), scale)
            # Parts that fill the years' data go here, before the history locks the returns.
            parts = {path: import_string(path)(fork(rng), scale) for path in PARTS}
            steps = seed_history(core)
            # Parts that read approved returns (the assessment's scores) come after it.
            parts |= {path: import_string(path)(fork(rng), scale) for path in AFTER_HISTORY}
            # Every submission stored its return's findings; the live year's other returns,
            # and what the parts after the history changed, are checked here.
            findings = quality.findings_refresh_year(CURRENT_YEAR)
        elapsed = time.perf_counter() - started

        if core.schools_created:
            self.stdout.write(f"Created {core.schools_created} county schools.")
        else:
            self.stdout.write(
                self.style.WARNING(
                    "County schools exist already; school creation skipped "
                    "(flush the database to seed another scale or seed)."
                )
            )
        for path, counts in parts.items():
            line = _part_line(path, counts)
            self.stdout.write(self.style.WARNING(line) if counts.get("units_skipped") else line)
        self.stdout.write(f"Workflow steps taken: {steps}.")
        self.stdout.write(f"Data-quality findings in {CURRENT_YEAR}: {findings}.")
        self.stdout.write(
            "Schools: " + ", ".join(f"{name} {n}" for name, n in schools_by_county().items())
        )
        statuses = statuses_in(CURRENT_YEAR)
        self.stdout.write(
            f"{CURRENT_YEAR} returns: "
            + ", ".join(f"{status} {statuses[status]}" for status in YearlyReturn.Status.values)
        )
        self.stdout.write("")
        self.stdout.write(text_table(["username", "role", "unit", "password"], _logins(core)))
        self.stdout.write(
            f"Two-step verification of {core.users.admin.username} and "
            f"{core.users.reviewer.username}: add the key {DEMO_TOTP_SECRET} to an authenticator "
            "app, or see README.md for a one-line code generator (a demo secret, never for "
            "production)."
        )
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready (scale {scale}, seed {seed}) in {elapsed:.1f} s.")
        )


def _part_line(path: str, counts: dict[str, int]) -> str:
    """`teachers.demo.seed: staff 1,712, roster_rows 7,940, …`, or that it was skipped."""
    skipped = counts.get("units_skipped", 0)
    created = ", ".join(
        f"{key} {value:,}" for key, value in counts.items() if key != "units_skipped"
    )
    if skipped and not any(v for k, v in counts.items() if k != "units_skipped"):
        return f"{path}: skipped, data exist already in all {skipped} units."
    if skipped:
        return f"{path}: {created} ({skipped} units with data skipped)."
    return f"{path}: {created}."


def _logins(core: CoreResult) -> list[list[str]]:
    return [
        [user.username, user.role, user.unit.name if user.unit else "-", DEMO_PASSWORD]
        for user in core.users.all()
    ]
