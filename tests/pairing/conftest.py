"""Fixtures of the pairing tests: a 新会 → 台山 pairing (county A = 台山), 开平 as the third
county, the first round's two cycles, and the 2025 reporting year open."""

import datetime

import pytest

from jiangmen_edu.models import Role
from pairing.models import Placement
from tests.conftest import make_user
from tests.pairing import factories as f

D = datetime.date


@pytest.fixture
def cycles(db):
    return f.make_cycles()


@pytest.fixture
def cycle2(cycles):
    return cycles[1]


@pytest.fixture
def xinhui_school(db):
    return f.make_school("4407059001", "新会区会城第一小学", f.XINHUI)


@pytest.fixture
def xinhui_school_2(db):
    return f.make_school("4407059002", "新会区会城第二小学", f.XINHUI)


@pytest.fixture
def taishan_school(db):
    return f.make_school("4407819101", "台山市都斛镇中心小学", f.TAISHAN, central=True)


@pytest.fixture
def taishan_school_2(db):
    return f.make_school("4407819102", "台山市赤溪镇中心小学", f.TAISHAN, central=True)


@pytest.fixture
def taishan_school_3(db):
    return f.make_school("4407819103", "台山市北陡镇中心小学", f.TAISHAN, central=True)


@pytest.fixture
def kaiping_school(db):
    return f.make_school("4407839101", "开平市赤坎镇中心小学", f.KAIPING, central=True)


@pytest.fixture
def heshan_school(db):
    return f.make_school("4407849001", "鹤山市沙坪第一小学", f.HESHAN)


@pytest.fixture
def xinhui_editor(db):
    return make_user("editor_xinhui", Role.COUNTY_EDITOR, f.unit(f.XINHUI))


@pytest.fixture
def dispatched(reporting_year, cycle2, xinhui_school, taishan_school):
    """A 新会 teacher serving in 台山 from 2025-01-01 to 2025-08-31 (8 months of 2025)."""
    return f.make_placement(
        Placement.Kind.DISPATCHED,
        xinhui_school,
        taishan_school,
        D(2025, 1, 1),
        D(2025, 8, 31),
        name="李支教",
        staff_no="X001",
        cycle=cycle2,
    )


@pytest.fixture
def shadowing(reporting_year, taishan_school, xinhui_school):
    """A 台山 teacher shadowing in a 新会 school in 2025."""
    return f.make_placement(
        Placement.Kind.SHADOWING,
        taishan_school,
        xinhui_school,
        D(2025, 2, 1),
        D(2025, 12, 31),
        name="王跟岗",
        staff_no="T001",
    )
