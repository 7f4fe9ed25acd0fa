"""Fixtures of the import tests: schools in county A and B for the rows to name."""

import pytest

from jiangmen_edu.models import School


@pytest.fixture
def schools_a(county_a):
    return [
        School.objects.create(
            code="4407819001",
            name="台山市台城第一小学",
            unit=county_a,
            school_type="primary",
            ownership="public",
        ),
        School.objects.create(
            code="4407819002",
            name="台山市台城中学",
            unit=county_a,
            school_type="junior",
            ownership="public",
        ),
    ]


@pytest.fixture
def school_b(county_b):
    return School.objects.create(
        code="4407839001",
        name="开平市长沙小学",
        unit=county_b,
        school_type="primary",
        ownership="public",
    )
