"""`seed_demo` fills a realistic first round, with some teams below target."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from jiangmen_edu.models import User
from pairing import compliance
from pairing.demo import SIZES
from pairing.models import Activity, Placement, SupportCycle, SupportTeam
from pairing.rules.periods import overlaps

pytestmark = pytest.mark.django_db


def test_seed_demo_fills_the_first_round(db):
    """One test, because a seed takes a while: what it makes, then a second run."""
    out = StringIO()
    call_command("seed_demo", scale="small", seed=1, stdout=out)
    seeded = out.getvalue()
    assert "pairing.demo.seed" in seeded
    assert SupportCycle.objects.filter(round__start_year=2021).count() == 2
    size = SIZES["small"]
    assert Placement.objects.filter(kind="dispatched").count() == 2 * size.dispatched_per_cycle
    assert Placement.objects.filter(kind="shadowing").count() == 5 * size.shadowing_per_year
    for team in SupportTeam.objects.all():
        assert 1 <= team.schools.count() <= 2
        assert all(school.is_central for school in team.schools.all())
    assert Activity.objects.count() > 1000
    no_overlaps()
    some_teams_below_target()
    count = Placement.objects.count()
    call_command("seed_demo", scale="small", seed=1, stdout=StringIO())
    assert Placement.objects.count() == count


def no_overlaps():
    by_person = {}
    for p in Placement.objects.all():
        by_person.setdefault((p.home_unit_id, p.staff_no), []).append((p.start, p.end))
    for spans in by_person.values():
        for i, (start, end) in enumerate(spans):
            assert not any(overlaps(start, end, s, e) for s, e in spans[i + 1 :])


def some_teams_below_target():
    reviewer = User.objects.get(username="reviewer")
    period, _rounds, _cycles = compliance.resolve_period({}, datetime.date(2025, 12, 31))
    sections = compliance.build(compliance.load(reviewer, period))
    visits = [
        line
        for section in sections
        for line in section.lines
        if line.key.startswith("team-visits-")
    ]
    assert any(line.passed for line in visits)
    assert any(line.passed is False for line in visits)
