"""The pages cost a constant number of SQL queries, whatever the number of projects."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jiangmen_edu.models import Township, Unit
from tests.conftest import client_for
from tests.seats.factories import make_enrolment, make_evidence, make_plan, make_project

PAGES = [
    ("seats:board", {}, {}),
    ("seats:board", {}, {"year": "2023"}),
    ("seats:board_export", {}, {}),
    ("seats:project_list", {}, {}),
    ("seats:project_list", {}, {"year": "2025", "kind": "new_build"}),
    ("seats:project_export", {}, {}),
    ("seats:project_export", {}, {"year": "2024"}),
    ("seats:unit_progress", {"code": "440781"}, {}),
    ("seats:enrolment_list", {}, {}),
    ("seats:enrolment_export", {}, {}),
    ("seats:coverage", {}, {}),
]


def fill(first: int, last: int) -> None:
    """Projects numbered first..last-1 in every unit; the plan and enrolment once."""
    units = list(Unit.objects.all())
    for unit in units:
        if first == 0:
            make_plan(unit, {(year, "compulsory"): 100 for year in range(2021, 2026)})
            make_enrolment(unit, 2025)
        township = Township.objects.filter(unit=unit).first()
        for number in range(first, last):
            project = make_project(
                unit,
                f"{unit.code}-{number}",
                stage=("preschool", "compulsory", "high_school")[number % 3],
                township=township,
                deliveries={2023: 10, 2024: 20, 2025: number},
            )
            if number % 2:
                make_evidence(project)


def count(client, name, kwargs, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name, kwargs=kwargs), params)
    assert response.status_code == 200
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return len(queries)


@pytest.mark.parametrize("role", ["reviewer", "editor"])
def test_query_counts_do_not_grow_with_the_data(years_open, users, role):
    client = client_for(users[role])
    fill(0, 2)
    small = {
        (name, str(params)): count(client, name, kwargs, params) for name, kwargs, params in PAGES
    }
    fill(2, 27)  # 27 projects a unit, 216 in all
    large = {
        (name, str(params)): count(client, name, kwargs, params) for name, kwargs, params in PAGES
    }
    assert large == small
    # And a sane ceiling: a dozen queries (session, user, scope, a few aggregates).
    assert max(large.values()) <= 16, large
