"""Columns and checks shared by the seat imports."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiangmen_edu.imports.cells import parse_int
from jiangmen_edu.imports.datasets import Column, RowError, choice_column
from seats.models import ProjectKind, ProjectStatus, SeatStage

MAX_SEATS = 10_000_000

STAGE_SYNONYMS = {
    "学前": SeatStage.PRESCHOOL,
    "学前教育": SeatStage.PRESCHOOL,
    "幼儿园": SeatStage.PRESCHOOL,
    "学前教育学位": SeatStage.PRESCHOOL,
    "义务": SeatStage.COMPULSORY,
    "义务教育": SeatStage.COMPULSORY,
    "义务教育学位": SeatStage.COMPULSORY,
    "中小学": SeatStage.COMPULSORY,
    "高中": SeatStage.HIGH_SCHOOL,
    "普高": SeatStage.HIGH_SCHOOL,
    "普通高中": SeatStage.HIGH_SCHOOL,
    "普通高中学位": SeatStage.HIGH_SCHOOL,
}
KIND_SYNONYMS = {
    "新建": ProjectKind.NEW_BUILD,
    "新建学校": ProjectKind.NEW_BUILD,
    "改扩建": ProjectKind.EXPANSION,
    "扩建": ProjectKind.EXPANSION,
    "改建": ProjectKind.EXPANSION,
    "民转公": ProjectKind.CONVERSION,
    "民办转公办": ProjectKind.CONVERSION,
    "政府购买学位": ProjectKind.PURCHASE,
    "购买学位": ProjectKind.PURCHASE,
    "政府购买": ProjectKind.PURCHASE,
}
STATUS_SYNONYMS = {
    "规划": ProjectStatus.PLANNED,
    "未开工": ProjectStatus.PLANNED,
    "前期": ProjectStatus.PLANNED,
    "在建": ProjectStatus.UNDER_WAY,
    "施工中": ProjectStatus.UNDER_WAY,
    "已开工": ProjectStatus.UNDER_WAY,
    "已竣工": ProjectStatus.COMPLETED,
    "竣工": ProjectStatus.COMPLETED,
    "已完成": ProjectStatus.COMPLETED,
    "已交付": ProjectStatus.COMPLETED,
    "已投入使用": ProjectStatus.COMPLETED,
    "暂缓": ProjectStatus.SUSPENDED,
    "停建": ProjectStatus.SUSPENDED,
}


def seats_column(key: str, header, required: bool = True, aliases=(), width: int = 12) -> Column:
    return Column(
        key,
        header,
        lambda cell: parse_int(cell, 0, MAX_SEATS),
        required=required,
        aliases=tuple(aliases),
        width=width,
    )


def stage_column(**options) -> Column:
    return choice_column(
        "stage",
        gettext_lazy("Stage"),
        SeatStage.choices,
        STAGE_SYNONYMS,
        aliases=("学段", "学段类别"),
        **options,
    )


def year_column(required: bool = True) -> Column:
    return Column(
        "year",
        gettext_lazy("Year"),
        lambda cell: parse_int(cell, 2000, 2100),
        required=required,
        aliases=("年度", "年份"),
        width=8,
    )


def duplicates(
    rows, keys: tuple[str, ...], column: str, what: str, shown: str | None = None
) -> list[RowError]:
    """Rows repeating an earlier row's `keys`: the first stays, the others are refused.

    The error shows the row's `shown` value, or its keys."""
    first: dict[tuple, int] = {}
    errors = []
    for number, values in rows:
        value = tuple(values[key] for key in keys)
        if value in first:
            errors.append(
                RowError(
                    row=number,
                    column=column,
                    value=str(values[shown]) if shown else " ".join(str(v) for v in value),
                    message=_("The same %(what)s is already on row %(row)s.")
                    % {"what": what, "row": first[value]},
                )
            )
        else:
            first[value] = number
    return errors


def locked_message(year: int) -> str:
    return _(
        "The seats return of %(year)s is submitted or approved; this row cannot change it."
    ) % {"year": year}
