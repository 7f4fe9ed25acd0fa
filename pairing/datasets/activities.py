"""The activity log, imported by the side that records it."""

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiangmen_edu.imports.cells import parse_decimal, parse_int
from jiangmen_edu.imports.datasets import (
    Column,
    Dataset,
    ImportContext,
    RowInvalid,
    choice_column,
    delete_replaced,
)
from jiangmen_edu.models import Section
from pairing.datasets.common import (
    BATCH_SIZE,
    date_column,
    paired_schools,
    school_cell,
    text_column,
    unit_teams,
)
from pairing.models import Activity, ActivityKind, Placement
from pairing.selectors import group_map
from pairing.services.activities import ActivityData, activity_sides

KIND_SYNONYMS = {
    "公开课": ActivityKind.OPEN_CLASS,
    "示范课": ActivityKind.OPEN_CLASS,
    "评课": ActivityKind.LESSON_REVIEW,
    "听课": ActivityKind.OBSERVATION,
    "学习心得": ActivityKind.REFLECTION,
    "跟岗总结": ActivityKind.REFLECTION,
    "心得": ActivityKind.REFLECTION,
    "到校指导": ActivityKind.PRINCIPAL_VISIT,
    "听课评课指导": ActivityKind.PRINCIPAL_VISIT,
    "培训": ActivityKind.TRAINING,
    "信息技术培训": ActivityKind.IT_TRAINING,
    "集团化办学": ActivityKind.GROUP_SCHOOLING,
}


class ActivityDataset(Dataset):
    slug = "pairing_activities"
    title = gettext_lazy("Pairing activity log")
    section = Section.PAIRING
    replaces = gettext_lazy(
        "Importing replaces the activity lines your unit recorded in that year."
    )
    columns = (
        choice_column(
            "kind",
            gettext_lazy("Kind of activity"),
            ActivityKind.choices,
            KIND_SYNONYMS,
            aliases=("活动类型",),
        ),
        date_column("date", gettext_lazy("Date"), aliases=("日期", "活动日期")),
        Column(
            "count",
            gettext_lazy("Number (lessons, visits or people)"),
            lambda cell: parse_int(cell, 1, 100000),
            required=False,
            aliases=("次数", "节数", "人数"),
            width=10,
        ),
        Column(
            "hours",
            gettext_lazy("Hours"),
            parse_decimal,
            required=False,
            aliases=("学时",),
            width=8,
        ),
        Column(
            "days",
            gettext_lazy("Days"),
            lambda cell: parse_int(cell, 0, 366),
            required=False,
            aliases=("天数",),
            width=8,
        ),
        text_column(
            "title",
            gettext_lazy("Subject or title"),
            100,
            required=False,
            aliases=("主题", "内容"),
            width=24,
        ),
        text_column(
            "staff_no",
            gettext_lazy("Teacher's staff number"),
            20,
            required=False,
            aliases=("工号",),
        ),
        text_column(
            "team", gettext_lazy("Support team"), 60, required=False, aliases=("支援组",), width=20
        ),
        text_column(
            "school", gettext_lazy("School code"), 10, required=False, aliases=("学校标识码",)
        ),
    )

    def prepare(self, *, unit, year):
        placements = {}
        for p in Placement.objects.filter(year__lte=year, end__gte=datetime.date(year, 1, 1)):
            if p.editing_unit_id == unit.pk:
                placements.setdefault(p.staff_no, []).append(p)
        return ImportContext(
            unit=unit,
            year=year,
            lookups={
                "schools": paired_schools(unit),
                "groups": group_map(),
                "teams": unit_teams(unit),
                "placements": placements,
                "unit": unit,
            },
        )

    def clean_row(self, values, context):
        errors = {}
        if values["date"].year != context.year:
            errors["date"] = _("Not in %(year)s.") % {"year": context.year}
        placement = None
        if values["staff_no"]:
            candidates = context.lookups["placements"].get(values["staff_no"], [])
            placement = next((p for p in candidates if p.start <= values["date"] <= p.end), None)
            if placement is None:
                errors["staff_no"] = _(
                    "None of your unit's teachers with this staff number was placed on that date."
                )
        team = context.lookups["teams"].get(values["team"]) if values["team"] else None
        if values["team"] and team is None:
            errors["team"] = _("No support team of this name in your unit.")
        school = school_cell(values, "school", context, errors)
        if values["hours"] is not None and not 0 < values["hours"] <= 1000:
            errors["hours"] = _("Must be between %(min)s and %(max)s.") % {"min": 0, "max": 1000}
        if errors:
            raise RowInvalid(errors)
        data = ActivityData(
            kind=values["kind"],
            date=values["date"],
            count=values["count"] or 1,
            hours=values["hours"],
            days=values["days"],
            title=values["title"] or "",
            team=team,
            school=school,
            placement=placement,
            supporter_unit=context.lookups["unit"],
        )
        sides, errors = activity_sides(data, context.lookups["groups"])
        if not errors and sides.editing_unit_id != context.unit.pk:
            errors[""] = _("This line is recorded by the other side of the pairing.")
        if errors:
            renamed = {"placement": "staff_no", "supporter_unit": "school"}
            raise RowInvalid(
                {renamed.get(key, key if key in values else ""): m for key, m in errors.items()}
            )
        return {
            **values,
            "count": data.count,
            "team_id": team.pk if team else None,
            "school_id": school.pk if school else None,
            "placement_id": placement.pk if placement else None,
            "supporter_unit_id": sides.supporter_unit_id,
            "recipient_unit_id": sides.recipient_unit_id,
        }

    def commit(self, rows, context):
        delete_replaced(Activity.objects.filter(unit=context.unit, date__year=context.year))
        Activity.objects.bulk_create(
            (
                Activity(
                    kind=row["kind"],
                    date=datetime.date.fromisoformat(row["date"]),
                    count=row["count"],
                    hours=Decimal(row["hours"]) if row["hours"] is not None else None,
                    days=row["days"],
                    title=row["title"] or "",
                    team_id=row["team_id"],
                    school_id=row["school_id"],
                    placement_id=row["placement_id"],
                    supporter_unit_id=row["supporter_unit_id"],
                    recipient_unit_id=row["recipient_unit_id"],
                    unit=context.unit,
                )
                for row in rows
            ),
            batch_size=BATCH_SIZE,
        )
        return len(rows)
