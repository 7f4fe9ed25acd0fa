"""Dispatched and shadowing teachers, imported by the unit that sends them."""

import datetime
from collections import defaultdict

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiangmen_edu.imports.datasets import Dataset, ImportContext, RowError, RowInvalid
from jiangmen_edu.models import Section
from pairing.datasets.common import (
    BATCH_SIZE,
    date_column,
    paired_schools,
    school_cell,
    text_column,
    unit_teams,
)
from pairing.models import Placement, PlacementKind, SupportCycle
from pairing.rules.periods import overlaps
from pairing.selectors import group_map
from pairing.services.placements import PlacementData, overlap_error, placement_errors


class PlacementDataset(Dataset):
    kind: str
    section = Section.PAIRING
    replaces = gettext_lazy(
        "Rows update the placement with the same staff number, kind and start date, or add one; "
        "nothing is deleted."
    )

    def prepare(self, *, unit, year):
        existing = defaultdict(list)
        for p in Placement.objects.filter(staff_no__gt="").only(
            "pk", "kind", "staff_no", "start", "end", "supporter_unit_id", "recipient_unit_id"
        ):
            if p.home_unit_id == unit.pk:
                existing[p.staff_no].append((p.pk, p.kind, p.start, p.end))
        return ImportContext(
            unit=unit,
            year=year,
            lookups={
                "schools": paired_schools(unit),
                "groups": group_map(),
                "cycles": list(SupportCycle.objects.all()),
                "teams": unit_teams(unit),
                "existing": existing,
            },
        )

    def clean_row(self, values, context):
        errors = {}
        home = school_cell(values, "home_school", context, errors)
        host = school_cell(values, "host_school", context, errors)
        if home is not None and home.unit_id != context.unit.pk:
            errors["home_school"] = _("The home school must be one of your unit's schools.")
        if values["start"].year != context.year:
            errors["start"] = _("Not in %(year)s.") % {"year": context.year}
        team = None
        if values.get("team"):
            team = context.lookups["teams"].get(values["team"])
            if team is None:
                errors["team"] = _("No support team of this name in your unit.")
        if errors:
            raise RowInvalid(errors)
        cycle = next(
            (c for c in context.lookups["cycles"] if c.start <= values["start"] <= c.end), None
        )
        data = PlacementData(
            kind=self.kind,
            name=values["name"],
            staff_no=values["staff_no"],
            subject=values.get("subject") or "",
            home_school=home,
            host_school=host,
            cycle=cycle,
            team=team,
            start=values["start"],
            end=values["end"],
            notes=values.get("notes") or "",
        )
        errors = placement_errors(data, context.lookups["groups"])
        if not errors:
            others = [
                (start, end)
                for pk, kind, start, end in context.lookups["existing"].get(data.staff_no, [])
                if not (kind == self.kind and start == data.start)
            ]
            message = overlap_error(data, others)
            if message:
                errors["start"] = message
        if errors:
            raise RowInvalid({key if key in values else "": text for key, text in errors.items()})
        return {
            **values,
            "home_school_id": home.pk,
            "host_school_id": host.pk,
            "supporter_unit_id": data.supporter_unit_id,
            "recipient_unit_id": data.recipient_unit_id,
            "cycle_id": cycle.pk if cycle and self.kind == PlacementKind.DISPATCHED else None,
            "team_id": team.pk if team else None,
        }

    def check_rows(self, rows, context):
        """Two rows of one person cannot overlap either."""
        errors, seen = [], defaultdict(list)
        for number, values in rows:
            start = datetime.date.fromisoformat(str(values["start"]))
            end = datetime.date.fromisoformat(str(values["end"]))
            for other_number, other_start, other_end in seen[values["staff_no"]]:
                if overlaps(start, end, other_start, other_end):
                    errors.append(
                        RowError(
                            row=number,
                            column=self.header("start"),
                            value=str(values["start"]),
                            message=_("Overlaps the same person's placement on row %(row)s.")
                            % {"row": other_number},
                        )
                    )
                    break
            seen[values["staff_no"]].append((number, start, end))
        return errors

    def commit(self, rows, context):
        existing = {
            (p.staff_no, p.start): p
            for p in Placement.objects.filter(
                kind=self.kind, staff_no__in=[row["staff_no"] for row in rows]
            )
            if p.home_unit_id == context.unit.pk
        }
        new, changed = [], []
        fields = [
            "name",
            "subject",
            "home_school_id",
            "host_school_id",
            "supporter_unit_id",
            "recipient_unit_id",
            "cycle_id",
            "team_id",
            "end",
            "notes",
        ]
        for row in rows:
            start = datetime.date.fromisoformat(row["start"])
            values = {key: row.get(key) for key in fields}
            values["end"] = datetime.date.fromisoformat(row["end"])
            values["subject"] = values["subject"] or ""
            values["notes"] = values["notes"] or ""
            placement = existing.get((row["staff_no"], start))
            if placement is None:
                new.append(
                    Placement(
                        kind=self.kind,
                        staff_no=row["staff_no"],
                        start=start,
                        year=start.year,
                        **values,
                    )
                )
            else:
                for key, value in values.items():
                    setattr(placement, key, value)
                changed.append(placement)
        Placement.objects.bulk_create(new, batch_size=BATCH_SIZE)
        Placement.objects.bulk_update(changed, fields, batch_size=BATCH_SIZE)
        return len(rows)


PERSON_COLUMNS = (
    text_column(
        "staff_no", gettext_lazy("Staff number"), 20, aliases=("工号", "职工号", "教职工号")
    ),
    text_column("name", gettext_lazy("Full name"), 30, aliases=("姓名", "教师姓名"), width=10),
    text_column(
        "subject",
        gettext_lazy("Stage and subject"),
        30,
        required=False,
        aliases=("学段学科", "任教学科", "学科"),
    ),
)


class DispatchedDataset(PlacementDataset):
    slug = "pairing_dispatched"
    title = gettext_lazy("Dispatched teachers")
    kind = PlacementKind.DISPATCHED
    columns = (
        *PERSON_COLUMNS,
        text_column(
            "home_school", gettext_lazy("Home school code"), 10, aliases=("派出学校标识码",)
        ),
        text_column(
            "host_school",
            gettext_lazy("Host school code"),
            10,
            aliases=("受援学校标识码", "支教学校标识码"),
        ),
        text_column(
            "team", gettext_lazy("Support team"), 60, required=False, aliases=("支援组",), width=20
        ),
        date_column("start", gettext_lazy("Start date"), aliases=("支教开始日期", "开始日期")),
        date_column("end", gettext_lazy("End date"), aliases=("支教结束日期", "结束日期")),
        text_column(
            "notes", gettext_lazy("Notes"), 200, required=False, aliases=("备注",), width=24
        ),
    )


class ShadowingDataset(PlacementDataset):
    slug = "pairing_shadowing"
    title = gettext_lazy("Shadowing teachers")
    kind = PlacementKind.SHADOWING
    columns = (
        *PERSON_COLUMNS,
        text_column(
            "home_school", gettext_lazy("Home school code"), 10, aliases=("派出学校标识码",)
        ),
        text_column(
            "host_school", gettext_lazy("Host school code"), 10, aliases=("跟岗学校标识码",)
        ),
        date_column("start", gettext_lazy("Start date"), aliases=("跟岗开始日期", "开始日期")),
        date_column("end", gettext_lazy("End date"), aliases=("跟岗结束日期", "结束日期")),
        text_column(
            "notes", gettext_lazy("Notes"), 200, required=False, aliases=("备注",), width=24
        ),
    )
