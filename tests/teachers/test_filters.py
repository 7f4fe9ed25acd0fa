"""The ledger lists' FilterSets (teachers.filters, on jiangmen_edu.record_lists.ListFilterSet):
each offers only what its user may see, and a value outside those options (another county's
unit or school) is invalid and filters nothing."""

import django_filters

from jiangmen_edu.record_lists import ListFilterSet
from teachers.filters import AppointmentFilterSet, RosterFilterSet
from teachers.lists import APPOINTMENTS, ROSTER
from teachers.models import StaffYear
from tests.conftest import COUNTY_A, COUNTY_B


def roster_filters(user, params):
    return RosterFilterSet(params, queryset=ROSTER.rows(user), user=user)


def test_a_county_editor_is_offered_their_own_unit_and_schools(
    editor, county_a, school_a, school_b
):
    filters = roster_filters(editor, {})
    assert filters.options("unit") == [(COUNTY_A, county_a.name)]
    assert filters.options("school") == [(str(school_a.pk), school_a.name)]
    # A single option is no choice: neither drop-down is shown.
    assert {"unit", "school"}.isdisjoint(field.name for field in filters.shown)


def test_another_countys_unit_and_school_are_invalid_and_filter_nothing(
    editor, roster_row_a, school_b, records_b
):
    # Even over every county's rows, the other county's values are not applied.
    filters = RosterFilterSet(
        {"unit": COUNTY_B, "school": str(school_b.pk)},
        queryset=StaffYear.objects.order_by("pk"),
        user=editor,
    )
    assert set(filters.errors) == {"unit", "school"}
    assert list(filters.qs) == list(StaffYear.objects.order_by("pk"))
    # Through the selector, the rows are the editor's own.
    selection = ROSTER.select(editor, {"unit": COUNTY_B, "school": str(school_b.pk)})
    assert list(selection.rows) == [roster_row_a]


def test_the_city_picks_a_unit_before_the_schools(reviewer, county_b, school_a, school_b):
    assert roster_filters(reviewer, {}).options("school") == []
    assert len(roster_filters(reviewer, {}).options("unit")) > 1
    filters = roster_filters(reviewer, {"unit": COUNTY_B})
    assert filters.options("school") == [(str(school_b.pk), school_b.name)]
    # A school of another unit than the one picked is not an option either.
    filters = roster_filters(reviewer, {"unit": COUNTY_B, "school": str(school_a.pk)})
    assert set(filters.errors) == {"school"}
    assert roster_filters(reviewer, {"unit": "nowhere"}).options("school") == []


def test_the_appointments_schools_are_scoped_too(other_editor, school_a, school_b):
    filters = AppointmentFilterSet(
        {"school": str(school_a.pk)}, queryset=APPOINTMENTS.rows(other_editor), user=other_editor
    )
    assert filters.options("school") == [(str(school_b.pk), school_b.name)]
    assert set(filters.errors) == {"school"}


class UnscopedFilterSet(ListFilterSet):
    unit = django_filters.ChoiceFilter(field_name="unit__code")

    class Meta:
        model = StaffYear
        fields = ("unit",)


def test_a_drop_down_left_without_options_fails_closed(reviewer, roster_row_a, records_b):
    filters = UnscopedFilterSet({"unit": COUNTY_A}, queryset=StaffYear.objects.all(), user=reviewer)
    assert filters.options("unit") == []
    assert "unit" in filters.errors
    assert filters.qs.count() == 2
    # No search lookups, no search box.
    assert filters.search_box is None and "q" not in filters.filters
    assert filters.shown == []
