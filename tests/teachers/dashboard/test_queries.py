"""Every dashboard and drill-down page runs the same number of SQL queries whatever the number
of staff (docs/rules.md#teachers; selectors group in the database, pages paginate)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from teachers.dashboard.drilldowns import DRILLDOWNS
from tests.conftest import COUNTY_A, client_for
from tests.teachers.dashboard.conftest import dashboard_url, drilldown_url
from tests.teachers.factories import populate, schools_of_every_kind

# (user, URL): the city-wide dashboard with its comparison of units, one unit's, a county
# editor's own, and every drill-down city-wide and for one unit.
PAGES = [
    ("reviewer", dashboard_url()),
    ("reviewer", dashboard_url(unit=COUNTY_A)),
    ("editor", dashboard_url()),
    *(("reviewer", drilldown_url(slug)) for slug in sorted(DRILLDOWNS)),
    *(("editor", drilldown_url(slug, unit=COUNTY_A)) for slug in sorted(DRILLDOWNS)),
]
# Session, user (and a county editor's unit, in the menu), the second factor (the verified
# device, or whether there is one), the units, the year options; then the dashboard's twelve
# queries, the comparison's three and the charts' two: 23 city-wide.
MAX_DASHBOARD_QUERIES = 23
# Session, user (editor's unit), the second factor, the units; the count, the page and the
# titles of its people.
MAX_DRILLDOWN_QUERIES = 8


def query_counts(users) -> dict[tuple[str, str], int]:
    counts = {}
    for role, url in PAGES:
        client = client_for(users[role])
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200, url
        counts[role, url] = len(context.captured_queries)
    return counts


@pytest.fixture
def schools(county_a, county_b):
    return {unit: schools_of_every_kind(unit) for unit in (county_a, county_b)}


@pytest.mark.parametrize("size", [10, 120])
def test_queries_are_bounded_at_every_size(
    size, users, county_a, county_b, schools, django_assert_max_num_queries
):
    populate(county_a, schools[county_a], size)
    populate(county_b, schools[county_b], size // 2)
    for role, url in PAGES:
        client = client_for(users[role])
        limit = MAX_DASHBOARD_QUERIES if "/dashboard/?" in url else MAX_DRILLDOWN_QUERIES
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200, url


def test_queries_do_not_grow_with_the_staff(users, county_a, county_b, schools):
    # Big enough that no list is empty: an empty page skips its rows' query.
    populate(county_a, schools[county_a], 60)
    populate(county_b, schools[county_b], 30)
    small = query_counts(users)
    populate(county_a, schools[county_a], 300)
    populate(county_b, schools[county_b], 150)
    assert query_counts(users) == small
