"""Imports of records that hang off a staff member: training, researcher and principal duties."""

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiangmen_edu.imports.cells import parse_bool, parse_date, parse_decimal, parse_int, parse_text
from jiangmen_edu.imports.datasets import (
    Column,
    Dataset,
    RowInvalid,
    choice_column,
    delete_replaced,
)
from jiangmen_edu.models import Section
from teachers.datasets.common import (
    BATCH_SIZE,
    duplicates,
    name_column,
    require_staff,
    staff_context,
    staff_no_column,
)
from teachers.models import PrincipalSemester, ResearcherDuty, TrainingRecord


class TrainingDataset(Dataset):
    slug = "training"
    title = gettext_lazy("Training records")
    section = Section.TEACHERS
    replaces = gettext_lazy("Importing replaces the unit's training records dated in that year.")
    columns = (
        staff_no_column(),
        name_column(required=False),
        Column(
            "date",
            gettext_lazy("Training date"),
            parse_date,
            aliases=("日期", "培训时间"),
            width=12,
        ),
        Column("hours", gettext_lazy("Hours"), parse_decimal, aliases=("学时数", "培训学时")),
        choice_column(
            "level",
            gettext_lazy("Level"),
            TrainingRecord.Level.choices,
            {
                "国家": "national",
                "省": "provincial",
                "市": "city",
                "县": "county",
                "区": "county",
                "校": "school",
                "校本": "school",
            },
            aliases=("培训级别",),
        ),
        Column(
            "provider",
            gettext_lazy("Provider"),
            lambda cell: parse_text(cell, 60),
            required=False,
            aliases=("培训机构",),
            width=24,
        ),
        Column(
            "course",
            gettext_lazy("Course"),
            lambda cell: parse_text(cell, 100),
            required=False,
            aliases=("培训项目", "培训内容"),
            width=30,
        ),
        Column(
            "is_qualification",
            gettext_lazy("Principal qualification training"),
            parse_bool,
            required=False,
            aliases=("任职资格培训",),
            width=10,
        ),
    )

    def prepare(self, *, unit, year):
        return staff_context(unit, year)

    def clean_row(self, values, context):
        errors = {}
        if values["date"].year != context.year:
            errors["date"] = _("Not in %(year)s.") % {"year": context.year}
        if values["hours"] <= 0 or values["hours"] > 1000:
            errors["hours"] = _("Must be between %(min)s and %(max)s.") % {"min": 0, "max": 1000}
        if errors:
            raise RowInvalid(errors)
        return require_staff(values, context)

    def commit(self, rows, context):
        delete_replaced(
            TrainingRecord.objects.filter(staff__unit=context.unit, date__year=context.year)
        )
        TrainingRecord.objects.bulk_create(
            (
                TrainingRecord(
                    staff_id=row["staff_id"],
                    date=datetime.date.fromisoformat(row["date"]),
                    hours=Decimal(row["hours"]),
                    level=row["level"],
                    provider=row["provider"] or "",
                    course=row["course"] or "",
                    is_qualification=bool(row["is_qualification"]),
                )
                for row in rows
            ),
            batch_size=BATCH_SIZE,
        )
        return len(rows)


class ResearcherDutyDataset(Dataset):
    slug = "researcher_duties"
    title = gettext_lazy("Teaching researchers' duties")
    section = Section.TEACHERS
    replaces = gettext_lazy("Importing replaces the unit's researcher duties of that year.")
    columns = (
        staff_no_column(),
        name_column(required=False),
        choice_column(
            "level",
            gettext_lazy("Level"),
            ResearcherDuty.Level.choices,
            {"市": "city", "县": "county", "区": "county"},
            aliases=("教研机构级别",),
        ),
        Column(
            "guidance_days",
            gettext_lazy("Days of school guidance"),
            lambda cell: parse_int(cell, 0, 366),
        ),
        Column(
            "lessons_observed",
            gettext_lazy("Lessons observed"),
            lambda cell: parse_int(cell, 0, 2000),
            aliases=("听评课节数",),
        ),
        Column(
            "public_lessons",
            gettext_lazy("Public lessons and lectures"),
            lambda cell: parse_int(cell, 0, 500),
        ),
        Column(
            "in_post_since",
            gettext_lazy("In post since (year)"),
            lambda cell: parse_int(cell, 1950, 2100),
        ),
        Column(
            "school_practice_done",
            gettext_lazy("Has spent a year back in a school"),
            parse_bool,
            required=False,
        ),
    )

    def prepare(self, *, unit, year):
        return staff_context(unit, year)

    def clean_row(self, values, context):
        if values["in_post_since"] > context.year:
            raise RowInvalid({"in_post_since": _("Later than %(year)s.") % {"year": context.year}})
        return require_staff(values, context)

    def check_rows(self, rows, context):
        return duplicates(rows, "staff_no", self.header("staff_no"), _("staff number"))

    def commit(self, rows, context):
        delete_replaced(ResearcherDuty.objects.filter(staff__unit=context.unit, year=context.year))
        ResearcherDuty.objects.bulk_create(
            ResearcherDuty(
                staff_id=row["staff_id"],
                year=context.year,
                level=row["level"],
                guidance_days=row["guidance_days"],
                lessons_observed=row["lessons_observed"],
                public_lessons=row["public_lessons"],
                in_post_since=row["in_post_since"],
                school_practice_done=bool(row["school_practice_done"]),
            )
            for row in rows
        )
        return len(rows)


class PrincipalDutyDataset(Dataset):
    slug = "principal_duties"
    title = gettext_lazy("Principals' lessons observed")
    section = Section.TEACHERS
    replaces = gettext_lazy("Importing replaces the unit's principal records of that year.")
    columns = (
        staff_no_column(),
        name_column(required=False),
        choice_column(
            "semester",
            gettext_lazy("Semester"),
            PrincipalSemester._meta.get_field("semester").choices,
            {"春": 1, "秋": 2, "第一学期": 2, "第二学期": 1, "上学期": 2, "下学期": 1},
        ),
        Column(
            "lessons_observed",
            gettext_lazy("Lessons observed"),
            lambda cell: parse_int(cell, 0, 2000),
            aliases=("听课节数",),
        ),
    )

    def prepare(self, *, unit, year):
        return staff_context(unit, year)

    def clean_row(self, values, context):
        return require_staff(values, context)

    def check_rows(self, rows, context):
        return duplicates(
            rows, ("staff_no", "semester"), self.header("semester"), _("staff number and semester")
        )

    def commit(self, rows, context):
        delete_replaced(
            PrincipalSemester.objects.filter(staff__unit=context.unit, year=context.year)
        )
        PrincipalSemester.objects.bulk_create(
            PrincipalSemester(
                staff_id=row["staff_id"],
                year=context.year,
                semester=row["semester"],
                lessons_observed=row["lessons_observed"],
            )
            for row in rows
        )
        return len(rows)
