"""The teachers ledger's Excel imports: roster, training records, researcher and principal duties.

Each import replaces the unit's records of that kind for the year, so importing a corrected
file again gives the same ledger (SPEC §8: all-or-nothing, the same path for pages and CLI).
"""

import datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiangmen_edu.imports.cells import (
    parse_bool,
    parse_date,
    parse_decimal,
    parse_int,
    parse_text,
)
from jiangmen_edu.imports.datasets import (
    Column,
    Dataset,
    ImportContext,
    RowError,
    RowInvalid,
    choice_column,
)
from jiangmen_edu.models import School, Section, Stage
from teachers.models import (
    Degree,
    Employment,
    Post,
    PrincipalSemester,
    ResearcherDuty,
    Staff,
    StaffYear,
    Subject,
    Title,
    TrainingRecord,
)

BATCH_SIZE = 2000

DEGREE_SYNONYMS = {
    "高中": Degree.HIGH_SCHOOL,
    "高中及以下": Degree.HIGH_SCHOOL,
    "中专": Degree.HIGH_SCHOOL,
    "中师": Degree.HIGH_SCHOOL,
    "初中": Degree.HIGH_SCHOOL,
    "专科": Degree.ASSOCIATE,
    "大专": Degree.ASSOCIATE,
    "大学专科": Degree.ASSOCIATE,
    "专科学历": Degree.ASSOCIATE,
    "本科": Degree.BACHELOR,
    "大学本科": Degree.BACHELOR,
    "本科学历": Degree.BACHELOR,
    "学士": Degree.BACHELOR,
    "硕士": Degree.MASTER,
    "硕士研究生": Degree.MASTER,
    "研究生": Degree.MASTER,
    "硕士研究生学历": Degree.MASTER,
    "博士": Degree.DOCTORATE,
    "博士研究生": Degree.DOCTORATE,
}
TITLE_SYNONYMS = {
    "无": Title.NONE,
    "未定级": Title.NONE,
    "未评": Title.NONE,
    "初级": Title.JUNIOR,
    "三级教师": Title.JUNIOR,
    "二级教师": Title.JUNIOR,
    "中级": Title.INTERMEDIATE,
    "一级教师": Title.INTERMEDIATE,
    "副高级": Title.SENIOR,
    "高级": Title.SENIOR,
    "高级教师": Title.SENIOR,
    "正高级": Title.FULL_SENIOR,
    "正高级教师": Title.FULL_SENIOR,
}
POST_SYNONYMS = {
    "专任教师": Post.TEACHER,
    "教师": Post.TEACHER,
    "校长": Post.PRINCIPAL,
    "园长": Post.PRINCIPAL,
    "校长(园长)": Post.PRINCIPAL,
    "教研员": Post.RESEARCHER,
    "专职教研员": Post.RESEARCHER,
    "其他": Post.OTHER,
    "行政人员": Post.OTHER,
    "教辅人员": Post.OTHER,
    "工勤人员": Post.OTHER,
}
EMPLOYMENT_SYNONYMS = {
    "在编": Employment.ON_STAFF,
    "编内": Employment.ON_STAFF,
    "在编在岗": Employment.ON_STAFF,
    "临聘": Employment.TEMPORARY,
    "临时聘用": Employment.TEMPORARY,
    "代课": Employment.TEMPORARY,
    "编外": Employment.TEMPORARY,
}
STAGE_SYNONYMS = {
    "学前": Stage.KINDERGARTEN,
    "学前教育": Stage.KINDERGARTEN,
    "高中": Stage.SENIOR,
    "普高": Stage.SENIOR,
    "中职": Stage.VOCATIONAL,
    "职高": Stage.VOCATIONAL,
    "特教": Stage.SPECIAL,
}


def _stage_column(**options) -> Column:
    return choice_column("stage", gettext_lazy("Stage"), Stage.choices, STAGE_SYNONYMS, **options)


def _staff_no_column() -> Column:
    return Column(
        "staff_no",
        gettext_lazy("Staff number"),
        lambda cell: parse_text(cell, 20),
        aliases=("职工号", "教职工号", "工号"),
    )


def _name_column(required: bool = True) -> Column:
    return Column(
        "name",
        gettext_lazy("Full name"),
        lambda cell: parse_text(cell, 30),
        required=required,
        aliases=("教师姓名",),
        width=10,
    )


def _duplicates(rows, key: str, column: str, label: str) -> list[RowError]:
    """Rows whose `key` repeats an earlier row's: the first stays, the others are refused."""
    first: dict[Any, int] = {}
    errors = []
    for number, values in rows:
        value = values[key] if isinstance(key, str) else tuple(values[k] for k in key)
        if value in first:
            errors.append(
                RowError(
                    row=number,
                    column=column,
                    value=str(values["staff_no"]),
                    message=_("The same %(what)s is already on row %(row)s.")
                    % {"what": label, "row": first[value]},
                )
            )
        else:
            first[value] = number
    return errors


def _staff_context(unit, year) -> ImportContext:
    staff = dict(Staff.objects.filter(unit=unit).values_list("staff_no", "pk"))
    return ImportContext(unit=unit, year=year, lookups={"staff": staff})


def _require_staff(values: dict, context: ImportContext) -> dict:
    staff_id = context.lookups["staff"].get(values["staff_no"])
    if staff_id is None:
        raise RowInvalid(
            {
                "staff_no": _(
                    "No staff member with this number in the roster; import the roster first."
                )
            }
        )
    values["staff_id"] = staff_id
    return values


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
        _staff_no_column(),
        _name_column(),
        _stage_column(),
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
        schools = {
            code: (pk, School.STAGES_BY_TYPE[school_type])
            for code, pk, school_type in School.objects.filter(unit=unit).values_list(
                "code", "pk", "school_type"
            )
        }
        # Told apart from unknown codes, so the message can say which mistake it is.
        other_schools = set(School.objects.exclude(unit=unit).values_list("code", flat=True))
        return ImportContext(
            unit=unit, year=year, lookups={"schools": schools, "other_schools": other_schools}
        )

    def clean_row(self, values, context):
        errors = {}
        code = values["school_code"]
        school = context.lookups["schools"].get(code) if code else None
        if code and school is None:
            errors["school_code"] = (
                _("This school belongs to another county.")
                if code in context.lookups["other_schools"]
                else _("No school with this code in your unit.")
            )
        elif not code and values["post"] != Post.RESEARCHER:
            errors["school_code"] = _("Required, except for teaching researchers.")
        elif school and values["stage"] not in school[1]:
            errors["stage"] = _("The school has no such stage.")
        pay = values["annual_pay"]
        if pay is not None and pay < 0:
            errors["annual_pay"] = _("Must be at least %(min)s.") % {"min": 0}
        if errors:
            raise RowInvalid(errors)
        values["school_id"] = school[0] if school else None
        return values

    def check_rows(self, rows, context):
        return _duplicates(rows, "staff_no", self.header("staff_no"), _("staff number"))

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
        StaffYear.objects.filter(unit=unit, year=year).delete()
        StaffYear.objects.bulk_create(
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


class TrainingDataset(Dataset):
    slug = "training"
    title = gettext_lazy("Training records")
    section = Section.TEACHERS
    replaces = gettext_lazy("Importing replaces the unit's training records dated in that year.")
    columns = (
        _staff_no_column(),
        _name_column(required=False),
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
        return _staff_context(unit, year)

    def clean_row(self, values, context):
        errors = {}
        if values["date"].year != context.year:
            errors["date"] = _("Not in %(year)s.") % {"year": context.year}
        if values["hours"] <= 0 or values["hours"] > 1000:
            errors["hours"] = _("Must be between %(min)s and %(max)s.") % {"min": 0, "max": 1000}
        if errors:
            raise RowInvalid(errors)
        return _require_staff(values, context)

    def commit(self, rows, context):
        TrainingRecord.objects.filter(staff__unit=context.unit, date__year=context.year).delete()
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
        _staff_no_column(),
        _name_column(required=False),
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
        return _staff_context(unit, year)

    def clean_row(self, values, context):
        if values["in_post_since"] > context.year:
            raise RowInvalid({"in_post_since": _("Later than %(year)s.") % {"year": context.year}})
        return _require_staff(values, context)

    def check_rows(self, rows, context):
        return _duplicates(rows, "staff_no", self.header("staff_no"), _("staff number"))

    def commit(self, rows, context):
        ResearcherDuty.objects.filter(staff__unit=context.unit, year=context.year).delete()
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
        _staff_no_column(),
        _name_column(required=False),
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
        return _staff_context(unit, year)

    def clean_row(self, values, context):
        return _require_staff(values, context)

    def check_rows(self, rows, context):
        return _duplicates(
            rows, ("staff_no", "semester"), self.header("semester"), _("staff number and semester")
        )

    def commit(self, rows, context):
        PrincipalSemester.objects.filter(staff__unit=context.unit, year=context.year).delete()
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


DATASETS = (RosterDataset(), TrainingDataset(), ResearcherDutyDataset(), PrincipalDutyDataset())
