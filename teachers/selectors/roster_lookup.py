"""Who is on a school's roster, by staff number: for other apps that check their records
against the teachers ledger (pairing's dispatched teachers) without reading its tables."""

from collections.abc import Iterable

from teachers.models import Post, StaffYear


def teaching_at_school(pairs: Iterable[tuple[int, str]], year: int) -> set[tuple[int, str]]:
    """Of the (school id, staff number) pairs, those whose person is on that school's roster
    of `year` as a full-time teacher. One query, however many pairs."""
    pairs = set(pairs)
    if not pairs:
        return set()
    rows = StaffYear.objects.filter(
        year=year,
        post=Post.TEACHER,
        school_id__in={school_id for school_id, _no in pairs},
        staff__staff_no__in={staff_no for _school, staff_no in pairs},
    ).values_list("school_id", "staff__staff_no")
    return pairs & set(rows)
