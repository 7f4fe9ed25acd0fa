"""`manage.py check_quality`: reruns the rules of a year and prints the counts per unit."""

import io

import pytest
from django.core.management import CommandError, call_command

from jiangmen_edu.models import QualityFinding
from tests.conftest import COUNTY_A, COUNTY_B, YEAR
from tests.core.factories import add_finding, explain, register_rules


@pytest.fixture
def quality_rules(monkeypatch):
    return register_rules(monkeypatch)


def check_quality(**options) -> list[str]:
    out = io.StringIO()
    call_command("check_quality", stdout=out, **options)
    return out.getvalue().splitlines()


def line_of(lines, name):
    return next(line.split() for line in lines if line.startswith(name))


def test_it_refreshes_every_unit_and_prints_the_counts(quality_rules, reporting_year, editor):
    quality_rules["X01"] += [COUNTY_A, COUNTY_B]
    quality_rules["X02"].append(COUNTY_A)
    # A finding of an earlier run that the rules no longer find, and a written explanation.
    add_finding(COUNTY_B, "S91", "stale")
    explain(add_finding(COUNTY_A, "X02", f"unit:{COUNTY_A}"), editor)

    lines = check_quality(year=YEAR)

    assert lines[0] == "Data-quality findings 2025 (warnings: explained/total)"
    assert lines[1].split() == ["unit", "X01", "X02", "S91", "all"]
    assert line_of(lines, "台山市") == ["台山市", "1", "1/1", "0", "1", "·", "1/1"]
    assert line_of(lines, "开平市") == ["开平市", "1", "0", "0", "1"]
    assert line_of(lines, "total") == ["total", "2", "1/1", "0", "2", "·", "1/1"]
    assert not QualityFinding.objects.filter(key="stale").exists()


def test_one_unit_only(quality_rules, reporting_year):
    quality_rules["X01"] += [COUNTY_A, COUNTY_B]

    lines = check_quality(year=YEAR, unit=COUNTY_A)

    assert [line.split()[0] for line in lines[3:]] == ["台山市", "total"]
    found = set(QualityFinding.objects.values_list("yearly_return__unit__code", flat=True))
    assert found == {COUNTY_A}


def test_the_year_defaults_to_the_latest(quality_rules, reporting_year):
    assert check_quality()[0].startswith("Data-quality findings 2025")


def test_an_unknown_unit_or_year_is_refused(quality_rules, reporting_year):
    with pytest.raises(CommandError, match="no unit"):
        check_quality(year=YEAR, unit="999999")
    with pytest.raises(CommandError, match="2019"):
        check_quality(year=2019)
