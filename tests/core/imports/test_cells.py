"""The cell parsers, on the mess real returns contain (docs/rules.md#imports)."""

import datetime
from decimal import Decimal

import pytest

from jiangmen_edu.imports.cells import (
    CellError,
    normalise,
    parse_bool,
    parse_date,
    parse_decimal,
    parse_int,
    parse_percent,
)


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("　黄喆　", "黄喆"),
        (" 台山 ", "台山"),
        ("１２３", "123"),
        (4407810001.0, "4407810001"),
        (None, ""),
        ("ＡＢＣ", "ABC"),
    ],
)
def test_normalise(cell, expected):
    assert normalise(cell) == expected


@pytest.mark.parametrize(
    "cell, expected",
    [("12", 12), ("１２", 12), (12.0, 12), ("12.0", 12), (" 7 ", 7), ("1,200", 1200)],
)
def test_parse_int(cell, expected):
    assert parse_int(cell, 0, 5000) == expected


@pytest.mark.parametrize("cell", ["1.5", "abc", "", "-1", 61])
def test_parse_int_rejects(cell):
    with pytest.raises(CellError):
        parse_int(cell, 0, 60)


def test_parse_int_bounds_are_inclusive():
    assert parse_int("0", 0, 60) == 0
    assert parse_int("60", 0, 60) == 60


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("93%", Decimal("0.93")),
        ("93 %", Decimal("0.93")),
        (0.93, Decimal("0.93")),
        ("９３％", Decimal("0.93")),
        ("100%", Decimal("1")),
    ],
)
def test_parse_percent(cell, expected):
    assert parse_percent(cell) == expected


def test_parse_percent_rejects_a_bare_number_above_one():
    with pytest.raises(CellError):
        parse_percent("93")


def test_parse_decimal_keeps_the_typed_value():
    assert parse_decimal(0.1) == Decimal("0.1")
    assert parse_decimal("98,000.50") == Decimal("98000.50")
    with pytest.raises(CellError):
        parse_decimal("nan")


@pytest.mark.parametrize(
    "cell",
    [
        "2023.09.01",
        "2023-9-1",
        "2023/09/01",
        "2023年9月1日",
        "20230901",
        "２０２３年９月１日",
        datetime.datetime(2023, 9, 1, 0, 0),
        datetime.date(2023, 9, 1),
        45170,
        45170.0,
    ],
)
def test_parse_date(cell):
    assert parse_date(cell) == datetime.date(2023, 9, 1)


@pytest.mark.parametrize("cell", ["2023.13.01", "九月", "2023", True])
def test_parse_date_rejects(cell):
    with pytest.raises(CellError):
        parse_date(cell)


@pytest.mark.parametrize(
    "cell, expected",
    [("是", True), ("否", False), ("√", True), ("", False), (1, True), ("Y", True)],
)
def test_parse_bool(cell, expected):
    assert parse_bool(cell) is expected
