"""Synonyms and column helpers shared by the teachers ledger's imports."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiangmen_edu.imports.cells import parse_text
from jiangmen_edu.imports.datasets import Column, ImportContext, RowError, RowInvalid, choice_column
from jiangmen_edu.models import Stage
from teachers.models import Degree, Employment, Post, Staff, Title

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


def stage_column(**options) -> Column:
    return choice_column("stage", gettext_lazy("Stage"), Stage.choices, STAGE_SYNONYMS, **options)


def staff_no_column() -> Column:
    return Column(
        "staff_no",
        gettext_lazy("Staff number"),
        lambda cell: parse_text(cell, 20),
        aliases=("职工号", "教职工号", "工号"),
    )


def name_column(required: bool = True) -> Column:
    return Column(
        "name",
        gettext_lazy("Full name"),
        lambda cell: parse_text(cell, 30),
        required=required,
        aliases=("教师姓名",),
        width=10,
    )


def duplicates(rows, key: str, column: str, label: str) -> list[RowError]:
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


def staff_context(unit, year) -> ImportContext:
    staff = dict(Staff.objects.filter(unit=unit).values_list("staff_no", "pk"))
    return ImportContext(unit=unit, year=year, lookups={"staff": staff})


def require_staff(values: dict, context: ImportContext) -> dict:
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
