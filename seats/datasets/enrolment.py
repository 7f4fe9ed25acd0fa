"""Excel import of the yearly enrolment, restructuring and boarding figures."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiangmen_edu.imports.cells import parse_int, parse_text
from jiangmen_edu.imports.datasets import Column, Dataset, ImportContext, RowInvalid
from jiangmen_edu.imports.services import ImportRefused
from jiangmen_edu.models import Section
from jiangmen_edu.workflow import locked_years
from seats.datasets.common import duplicates, locked_message, seats_column, year_column
from seats.models import EnrolmentYear
from seats.selectors.quotas import opened_years
from seats.services.enrolment import ENROLMENT_FIELDS, enrolment_apply, enrolment_year_error
from seats.services.locks import governing_year


class EnrolmentDataset(Dataset):
    """One row per year (the import year when the year column is left empty)."""

    slug = "seat_enrolment"
    title = gettext_lazy("Enrolment and restructuring")
    section = Section.SEATS
    replaces = gettext_lazy("Importing replaces the unit's figures for each year in the file.")
    columns = (
        year_column(required=False),
        seats_column(
            "public_students",
            gettext_lazy("Compulsory students in public schools"),
            aliases=("公办学校在校生", "公办学校义务教育在校生数"),
            width=14,
        ),
        seats_column(
            "purchased_students",
            gettext_lazy("Students on government-purchased seats"),
            required=False,
            aliases=("政府购买学位在校生", "政府购买学位学生数"),
            width=14,
        ),
        seats_column(
            "private_students",
            gettext_lazy("Other students in private schools"),
            aliases=("民办学校在校生", "民办学校义务教育在校生数"),
            width=14,
        ),
        seats_column(
            "private_seats_converted",
            gettext_lazy("Private seats converted in the year"),
            required=False,
            aliases=("本年压缩民办学位数", "压缩民办学位数"),
            width=14,
        ),
        seats_column(
            "boarding_target",
            gettext_lazy("Boarding-seat target"),
            required=False,
            aliases=("寄宿学位任务数", "寄宿制学位任务"),
        ),
        seats_column(
            "boarding_completed",
            gettext_lazy("Boarding seats completed"),
            required=False,
            aliases=("寄宿学位完成数", "寄宿制学位完成数"),
        ),
        Column(
            "population",
            gettext_lazy("Resident population"),
            lambda cell: parse_int(cell, 0, 100_000_000),
            required=False,
            aliases=("常住人口", "常住人口数"),
        ),
        Column(
            "notes",
            gettext_lazy("Notes"),
            lambda cell: parse_text(cell, 1000),
            required=False,
            aliases=("备注",),
            width=30,
        ),
    )

    def prepare(self, *, unit, year):
        return ImportContext(
            unit=unit,
            year=year,
            lookups={
                "locked": locked_years(unit=unit, section=Section.SEATS),
                "opened": opened_years(),
            },
        )

    def clean_row(self, values, context):
        values["year"] = values["year"] or context.year
        opened = context.lookups["opened"]
        refusal = enrolment_year_error(values["year"], opened)
        if refusal:
            raise RowInvalid({"year": refusal})
        governing = governing_year(values["year"], opened)
        if governing in context.lookups["locked"]:
            raise RowInvalid({"year": locked_message(governing)})
        for field in ("purchased_students", "private_seats_converted", "boarding_completed"):
            values[field] = values[field] or 0
        values["notes"] = values["notes"] or ""
        return values

    def check_rows(self, rows, context):
        return duplicates(rows, ("year",), self.header("year"), _("year"))

    def commit(self, rows, context):
        for row in rows:
            try:
                enrolment_apply(
                    unit=context.unit,
                    year=row["year"],
                    values={field: row[field] for field in ENROLMENT_FIELDS},
                )
            except ValidationError as error:
                raise ImportRefused(f"{row['year']}: {' '.join(error.messages)}") from None
        return len(rows)

    def template_rows(self, context):
        record = EnrolmentYear.objects.filter(unit=context.unit, year=context.year).first()
        if record is None:
            return [[context.year]]
        return [[context.year, *(getattr(record, field) for field in ENROLMENT_FIELDS)]]
