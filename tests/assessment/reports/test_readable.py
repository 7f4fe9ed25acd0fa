"""Readable inputs and the cells' colours and changes, without the database."""

from decimal import Decimal

from django.utils import translation

from assessment.reports.cells import ItemCell, share_level, signed
from assessment.reports.readable import readable_inputs


def test_shares_are_percentages_and_flags_words():
    with translation.override("en"):
        rows = readable_inputs(
            "2.3c",
            {"temps": 80, "on_staff": 1000, "last_year_temps": None, "ratio": "0.080000"},
        )
    assert rows == [
        ("Temporary teachers", "80"),
        ("On-staff staff", "1000"),
        ("Temporary teachers last year", "—"),
        ("Ratio", "8.00%"),
    ]


def test_rows_keep_the_spec_order_whatever_order_the_database_returns():
    # PostgreSQL's jsonb returns keys shortest first, not as the engine wrote them.
    stored = {
        "junior": {"sports_area": "0.3", "qualified_teachers": "0.4"},
        "primary": {"sports_area": "0.3", "qualified_teachers": "0.4"},
        "junior_max": "0.45",
        "primary_max": "0.50",
    }
    with translation.override("en"):
        rows = readable_inputs("3.4a", stored)
    assert [label for label, _value in rows] == [
        "Primary",
        "Junior secondary",
        "Primary threshold",
        "Junior threshold",
    ]
    assert rows[0][1] == "teachers above the required degree 0.400 · sports ground area 0.300"
    with translation.override("en"):
        labels = [label for label, _v in readable_inputs("3.3", {"others": {"4": 5, "2.1": 16}})]
        others = readable_inputs("3.3", {"others": {"4": 5, "2.1": 16, "1": 10}})[0][1]
    assert labels == ["Other items' scores"] and others == "1: 10 · 2.1: 16 · 4: 5"


def test_a_stage_becomes_one_row():
    with translation.override("en"):
        rows = readable_inputs(
            "2.1",
            {
                "primary": {
                    "holders": 93,
                    "total": 100,
                    "degree": "bachelor",
                    "target": "0.93",
                    "passed": True,
                }
            },
        )
    assert rows == [
        (
            "Primary",
            "degree holders 93 · total 100 · degree bachelor or above · target 93.00% · "
            "target met yes",
        )
    ]


def test_balance_coefficients_have_3_decimals_and_groups_one_row_each():
    with translation.override("en"):
        balance = dict(readable_inputs("3.4a", {"primary": {"sports_area": "0.500400"}}))
        survey = readable_inputs(
            "4", {"groups": {"parents": {"satisfied": 90, "respondents": 100}}, "rate": "0.9"}
        )
    assert balance == {"Primary": "sports ground area 0.500"}
    assert survey == [
        ("Respondent groups · parents", "satisfied 90 · respondents 100"),
        ("Satisfaction rate", "90.00%"),
    ]


def test_cells_colour_and_change():
    cell = ItemCell("2.1", Decimal("12"), Decimal("16"), Decimal("16"))
    assert cell.level == "mid" and cell.change == -4 and cell.arrow == "↓"
    assert cell.change_text == "−4"
    assert ItemCell("4", None, Decimal(5), Decimal(5)).change is None
    assert share_level(Decimal(1)) == "full" and share_level(Decimal("0.49")) == "low"
    assert signed(Decimal("2.50")) == "+2.5" and signed(Decimal(0)) == "0"


def test_the_statement_of_no_researchers_is_a_labelled_row():
    with translation.override("en"):
        rows = readable_inputs("2.2", {"suggestion": "none", "stated_none": True})
    assert rows == [
        ("Suggestion from the researcher roster", "not every subject covered"),
        ("The county states it has no teaching researchers", "yes"),
    ]
