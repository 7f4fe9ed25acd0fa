"""The staff roster import: one row per person per statistical year."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiangmen_edu.imports.bulk import bulk_insert
from jiangmen_edu.imports.cells import parse_bool, parse_decimal, parse_int, parse_text
from jiangmen_edu.imports.datasets import (
    Column,
    Dataset,
    ImportContext,
    RowInvalid,
    choice_column,
    delete_replaced,
)
from jiangmen_edu.imports.schools import SchoolCodes
from jiangmen_edu.models import School, Section
from teachers.datasets.common import (
    BATCH_SIZE,
    DEGREE_SYNONYMS,
    EMPLOYMENT_SYNONYMS,
    POST_SYNONYMS,
    TITLE_SYNONYMS,
    duplicates,
    name_column,
    staff_no_column,
    stage_column,
)
from teachers.models import Degree, Employment, Post, Staff, StaffYear, Subject, Title

# What the column holds (9 digits, 2 after the point): PostgreSQL refuses a larger figure at
# commit, so the preview refuses it first.
_PAY = StaffYear._meta.get_field("annual_pay")
PAY_LIMIT = 10 ** (_PAY.max_digits - _PAY.decimal_places)


class RosterDataset(Dataset):
    slug = "roster"
    title = gettext_lazy("Staff roster")
    section = Section.TEACHERS
    replaces = gettext_lazy("Importing replaces the unit's whole roster of that year.")
    columns = (
        Column(
            "school_code",
            gettext_lazy("School code"),
            lambda cell: parse_text(cell, 10),
            required=False,
            aliases=("学校代码", "学校标识码"),
            width=14,
        ),
        Column(
            "school_name",
            gettext_lazy("School name"),
            lambda cell: parse_text(cell, 60),
            required=False,
            aliases=("学校", "单位名称"),
            width=28,
        ),
        staff_no_column(),
        name_column(),
        stage_column(),
        choice_column("post", gettext_lazy("Post"), Post.choices, POST_SYNONYMS),
        choice_column(
            "employment",
            gettext_lazy("Employment"),
            Employment.choices,
            EMPLOYMENT_SYNONYMS,
            aliases=("编制情况", "用工形式"),
        ),
        choice_column(
            "degree",
            gettext_lazy("Highest degree"),
            Degree.choices,
            DEGREE_SYNONYMS,
            aliases=("学历", "最高学历"),
        ),
        choice_column(
            "title",
            gettext_lazy("Professional title"),
            Title.choices,
            TITLE_SYNONYMS,
            aliases=("职称",),
        ),
        choice_column(
            "subject", gettext_lazy("Subject"), Subject.choices, aliases=("学科", "任教学科")
        ),
        Column(
            "teaching_years",
            gettext_lazy("Years of teaching"),
            lambda cell: parse_int(cell, 0, 60),
            aliases=("教龄",),
            width=8,
        ),
        Column(
            "management_years",
            gettext_lazy("Years of management"),
            lambda cell: parse_int(cell, 0, 60),
            required=False,
            aliases=("管理年限",),
            width=8,
        ),
        Column(
            "annual_pay",
            gettext_lazy("Annual pay (yuan)"),
            parse_decimal,
            required=False,
            aliases=("年收入", "年工资收入", "年收入(元)"),
            width=12,
        ),
        Column(
            "hired_year",
            gettext_lazy("Year hired"),
            lambda cell: parse_int(cell, 1950, 2100),
            required=False,
            aliases=("入职年份",),
            width=8,
        ),
        Column(
            "from_moe_normal_university",
            gettext_lazy("Graduate of an MOE normal university"),
            parse_bool,
            required=False,
            aliases=("部属师范毕业",),
            width=10,
        ),
    )

    def prepare(self, *, unit, year):
        return ImportContext(unit=unit, year=year, lookups={"schools": SchoolCodes.of(unit)})

    def clean_row(self, values, context):
        errors = {}
        schools = context.lookups["schools"]
        code = values["school_code"]
        school = schools.own.get(code) if code else None
        if code and school is None:
            errors["school_code"] = schools.unknown(code)
        elif not code and values["post"] != Post.RESEARCHER:
            errors["school_code"] = _("Required, except for teaching researchers.")
        elif school and values["stage"] not in school.stages:
            errors["stage"] = _("The school has no such stage.")
        pay = values["annual_pay"]
        if pay is not None and pay < 0:
            errors["annual_pay"] = _("Must be at least %(min)s.") % {"min": 0}
        elif pay is not None and pay >= PAY_LIMIT:
            errors["annual_pay"] = _("Must be less than %(max)s.") % {"max": PAY_LIMIT}
        if errors:
            raise RowInvalid(errors)
        values["school_id"] = school.pk if school else None
        return values

    def check_rows(self, rows, context):
        return duplicates(rows, "staff_no", self.header("staff_no"), _("staff number"))

    def commit(self, rows, context):
        unit, year = context.unit, context.year
        existing = {
            staff.staff_no: staff
            for staff in Staff.objects.filter(unit=unit).only(
                "pk", "staff_no", "name", "hired_year", "from_moe_normal_university"
            )
        }
        new, changed = [], []
        for row in rows:
            identity = {
                "name": row["name"],
                "hired_year": row["hired_year"],
                "from_moe_normal_university": bool(row["from_moe_normal_university"]),
            }
            staff = existing.get(row["staff_no"])
            if staff is None:
                staff = Staff(unit=unit, staff_no=row["staff_no"], **identity)
                existing[row["staff_no"]] = staff
                new.append(staff)
            elif any(getattr(staff, key) != value for key, value in identity.items()):
                for key, value in identity.items():
                    setattr(staff, key, value)
                changed.append(staff)
        Staff.objects.bulk_create(new, batch_size=BATCH_SIZE)
        if any(staff.pk is None for staff in new):
            # Backends that cannot return ids from a bulk insert: read them back.
            ids = dict(Staff.objects.filter(unit=unit).values_list("staff_no", "pk"))
            for staff in new:
                staff.pk = ids[staff.staff_no]
        Staff.objects.bulk_update(
            changed, ["name", "hired_year", "from_moe_normal_university"], batch_size=BATCH_SIZE
        )
        delete_replaced(StaffYear.objects.filter(unit=unit, year=year))
        bulk_insert(
            StaffYear,
            (
                StaffYear(
                    staff_id=existing[row["staff_no"]].pk,
                    year=year,
                    unit=unit,
                    school_id=row["school_id"],
                    stage=row["stage"],
                    post=row["post"],
                    employment=row["employment"],
                    degree=row["degree"],
                    title=row["title"],
                    subject=row["subject"],
                    teaching_years=row["teaching_years"],
                    management_years=row["management_years"] or 0,
                    annual_pay=Decimal(row["annual_pay"]) if row["annual_pay"] else None,
                )
                for row in rows
            ),
            batch_size=BATCH_SIZE,
        )
        return len(rows)

    def template_rows(self, context):
        return [
            [code, name]
            for code, name in School.objects.filter(unit=context.unit).values_list("code", "name")
        ]
