"""The pairing return's data-quality rule P01: a dispatched teacher who is also on
the home school's roster as a full-time teacher there.

新会区 dispatches to 台山市 (county A); 鹤山市 dispatches to 开平市 (county B). The placement
belongs to the return of the sending unit, the supporter.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jiangmen_edu.models import QualityRuleSetting, Section, Unit, YearlyReturn
from jiangmen_edu.quality import registry
from jiangmen_edu.quality import services as quality
from jiangmen_edu.quality.registry import Context
from pairing.models import Placement
from teachers.models import Post
from tests.pairing import factories as f
from tests.teachers.factories import make_roster_row, make_staff

YEAR = 2025
D = datetime.date
NEW_YEAR = D(YEAR, 1, 1)


@pytest.fixture
def cycle(db):
    return f.make_cycles()[1]


@pytest.fixture
def xinhui(db):
    return f.unit(f.XINHUI)


@pytest.fixture
def home(db):
    return f.make_school("4407059001", "新会区会城第一小学", f.XINHUI)


@pytest.fixture
def host(db):
    return f.make_school("4407819101", "台山市都斛镇中心小学", f.TAISHAN, central=True)


def dispatch(home, host, cycle, staff_no="X001", start=NEW_YEAR, name="李支教"):
    return f.make_placement(
        Placement.Kind.DISPATCHED,
        home,
        host,
        start,
        D(start.year, 12, 31),
        name=name,
        staff_no=staff_no,
        cycle=cycle,
    )


def on_roster(school, staff_no, year=YEAR, **fields):
    staff = make_staff(school.unit, staff_no, f"教师{staff_no}")
    return make_roster_row(staff, school, year=year, **fields)


def findings(unit: Unit, year: int = YEAR):
    yearly_return = YearlyReturn.objects.get(
        unit=unit, reporting_year__year=year, section=Section.PAIRING
    )
    return [finding for finding in quality.findings_compute(yearly_return) if finding.code == "P01"]


def check(unit: Unit):
    rule = registry.get("P01")
    return list(rule.check(Context(unit=unit, year=YEAR, threshold=None)))


def test_p01_flags_a_dispatched_teacher_teaching_at_home(reporting_year, xinhui, home, host, cycle):
    placement = dispatch(home, host, cycle)
    on_roster(home, "X001")
    (finding,) = findings(xinhui)
    assert finding.severity == "warning"
    assert finding.key == f"placement:{placement.pk}"
    assert finding.label == "李支教（X001）"
    assert (finding.params["home"], finding.params["host"]) == (home.name, host.name)
    assert finding.url == "/pairing/placements/?q=X001"


@pytest.mark.parametrize(
    "roster, hit",
    [
        ({}, True),
        ({"post": Post.PRINCIPAL}, False),  # a principal at home: not teaching there
        ({"post": Post.OTHER}, False),
        ({"year": YEAR - 1}, False),  # last year's roster
        ({"staff_no": "X002"}, False),  # somebody else
        ({"school": "other"}, False),  # the person teaches at another school
    ],
)
def test_p01_matches_the_home_schools_roster_of_the_year_by_staff_number(
    reporting_year, xinhui, home, host, cycle, roster, hit
):
    dispatch(home, host, cycle)
    school = home
    if roster.pop("school", None):
        school = f.make_school("4407059002", "新会区会城第二小学", f.XINHUI)
    on_roster(school, roster.pop("staff_no", "X001"), **roster)
    assert len(findings(xinhui)) == (1 if hit else 0)


def test_p01_ignores_shadowing_teachers_and_other_years(reporting_year, xinhui, home, host, cycle):
    dispatch(home, host, cycle, start=D(YEAR - 1, 9, 1))  # the 2024 return's record
    f.make_placement(
        Placement.Kind.SHADOWING, host, home, D(YEAR, 2, 1), D(YEAR, 12, 31), staff_no="T001"
    )
    on_roster(home, "X001")
    on_roster(host, "T001")
    assert findings(xinhui) == []
    assert findings(f.unit(f.TAISHAN)) == []


def test_p01_belongs_to_the_supporters_return(reporting_year, home, host, cycle, county_a):
    dispatch(home, host, cycle)
    on_roster(home, "X001")
    assert findings(county_a) == []  # 台山 receives the teacher; 新会 sent them
    assert len(findings(f.unit(f.XINHUI))) == 1


def test_p01_leaves_other_supporters_out(reporting_year, xinhui, cycle):
    heshan_school = f.make_school("4407849001", "鹤山市沙坪第一小学", f.HESHAN)
    kaiping_school = f.make_school("4407839101", "开平市赤坎镇中心小学", f.KAIPING)
    dispatch(heshan_school, kaiping_school, cycle)
    on_roster(heshan_school, "X001")
    assert findings(xinhui) == []
    assert len(findings(f.unit(f.HESHAN))) == 1


def test_p01_finds_nothing_once_disabled(reporting_year, xinhui, home, host, cycle):
    dispatch(home, host, cycle)
    on_roster(home, "X001")
    assert len(findings(xinhui)) == 1
    QualityRuleSetting.objects.create(reporting_year=reporting_year, code="P01", enabled=False)
    assert findings(xinhui) == []


def test_p01_query_count_does_not_grow(
    reporting_year, xinhui, home, host, cycle, django_assert_num_queries
):
    dispatch(home, host, cycle)
    on_roster(home, "X001")
    with CaptureQueriesContext(connection) as one:
        assert len(check(xinhui)) == 1
    for number in range(2, 13):
        staff_no = f"X{number:03d}"
        dispatch(home, host, cycle, staff_no=staff_no, name=f"支教{number}")
        on_roster(home, staff_no)
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(check(xinhui)) == 12
