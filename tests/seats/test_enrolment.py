"""Enrolment figures and the lock rules every seat write shares."""

import pytest
from django.urls import reverse

from jiangmen_edu.workflow import ReturnLocked
from seats import services
from seats.models import EnrolmentYear
from seats.services.locks import governing_year
from tests.conftest import client_for
from tests.seats.conftest import approve


@pytest.mark.parametrize(
    "year, opened, governing",
    [
        (2024, [2023, 2024, 2025], 2024),  # an opened year: its own return
        (2026, [2023, 2024, 2025], 2025),  # a later year: the latest opened
        (2021, [2023, 2024, 2025], 2023),  # before the first opened: the first
        (2024, [2023, 2025], 2025),  # a gap: the next opened year
        (2024, [], 2024),  # nothing opened: ensure_editable refuses it
    ],
)
def test_which_return_a_years_figures_belong_to(year, opened, governing):
    assert governing_year(year, opened) == governing


FIGURES = {
    "public_students": 85_000,
    "purchased_students": 900,
    "private_students": 1_200,
    "private_seats_converted": 0,
    "boarding_target": None,
    "boarding_completed": 0,
    "population": 910_000,
    "notes": "",
}


def test_enrolment_is_saved_per_year_and_locked_by_its_return(
    years_open, editor, reviewer, county_a
):
    services.enrolment_save(user=editor, year=2024, **FIGURES)
    services.enrolment_save(user=editor, year=2024, **(FIGURES | {"boarding_target": 900}))
    record = EnrolmentYear.objects.get(unit=county_a, year=2024)
    assert (record.all_students, record.public_incl_purchased, record.boarding_target) == (
        87_100,
        85_900,
        900,
    )
    with pytest.raises(ReturnLocked):
        services.enrolment_save(user=editor, year=2026, **FIGURES)  # not a year yet
    approve(county_a, 2024, editor, reviewer)
    with pytest.raises(ReturnLocked):
        services.enrolment_save(user=editor, year=2024, **FIGURES)
    # Before the first opened year: history, entered with the first return (2023).
    services.enrolment_save(user=editor, year=2021, **FIGURES)
    assert EnrolmentYear.objects.filter(unit=county_a).count() == 2


def test_the_enrolment_page(years_open, editor, reviewer, county_a):
    client = client_for(editor)
    url = reverse("seats:enrolment_edit")
    assert client.get(url, {"year": "2024"}).context["year"] == 2024
    data = {key: "" if value is None else value for key, value in FIGURES.items()}
    response = client.post(url, data | {"year": "2024"})
    assert response.status_code == 302
    assert EnrolmentYear.objects.get(unit=county_a, year=2024).public_students == 85_000
    approve(county_a, 2024, editor, reviewer)
    page = client.get(url, {"year": "2024"})
    assert page.context["lock_reason"]
    response = client.post(url, data | {"year": "2024", "public_students": 1})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert EnrolmentYear.objects.get(unit=county_a, year=2024).public_students == 85_000
    listing = client_for(reviewer).get(reverse("seats:enrolment_list"))
    cells = {
        (row.unit.code, cell.year): cell for row in listing.context["table"] for cell in row.cells
    }
    assert cells[(county_a.code, 2024)].record.public_students == 85_000
    assert cells[(county_a.code, 2025)].record is None


def test_the_list_tells_an_empty_boarding_target_from_no_task(years_open, editor, reviewer):
    """0 is "no task" (item 3.3 from the other items); empty is not entered (I-11)."""
    services.enrolment_save(user=editor, year=2024, **FIGURES)
    services.enrolment_save(user=editor, year=2023, **(FIGURES | {"boarding_target": 0}))
    page = client_for(reviewer).get(reverse("seats:enrolment_list")).content.decode()
    assert page.count("目标未填报") == 1 and page.count("无任务") == 1
