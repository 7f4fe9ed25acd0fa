"""Two runs of one county's rules at once (a save and a page view) keep one set of findings.

PostgreSQL only: SQLite serialises every write on its own, and its in-memory test database
cannot be shared between threads.
"""

import datetime
import threading
import time

import pytest
from django.db import connection, connections

from jiangmen_edu.models import QualityFinding, Role, Section, Unit
from jiangmen_edu.quality import registry, services
from jiangmen_edu.quality.registry import Hit
from jiangmen_edu.reference import load_all
from jiangmen_edu.workflow import reporting_year_open
from tests.conftest import COUNTY_A, YEAR, make_user
from tests.core.factories import declare_rule

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


def declare_slow_rule(monkeypatch) -> None:
    """A rule that takes a moment, so that both runs have computed before either stores.

    Declared once the year is open: opening a year runs every unit's rules, which this rule
    would hold up waiting for a second run.
    """
    monkeypatch.setattr(registry, "_registry", {})
    started = threading.Barrier(2)

    def slow(context):
        started.wait(timeout=10)
        time.sleep(0.2)
        return [Hit(key="staff:1", label="staff:1")]

    declare_rule("X01", slow, title="Slow")


def test_two_runs_at_once_store_one_set_of_findings(monkeypatch):
    load_all()
    admin = make_user("city_admin", Role.CITY_ADMIN)
    reporting_year_open(year=YEAR, due_date=datetime.date(YEAR + 1, 3, 31), user=admin)
    declare_slow_rule(monkeypatch)
    unit = Unit.objects.get(code=COUNTY_A)
    failures = []

    def run():
        try:
            services.findings_refresh(unit=unit, year=YEAR, sections=[Section.TEACHERS])
        except Exception as error:  # noqa: BLE001 - the test reports whatever went wrong
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert failures == []
    # Opening the year stored the real rules' findings of every section; this is about X01.
    assert QualityFinding.objects.filter(yearly_return__unit=unit, code="X01").count() == 1
