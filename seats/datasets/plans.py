"""Excel imports of the yearly plan (a county's) and of a period's quota table (the city's)."""

from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiangmen_edu.imports.cells import parse_text, squash
from jiangmen_edu.imports.datasets import (
    Column,
    Dataset,
    ImportContext,
    RowError,
    RowInvalid,
)
from jiangmen_edu.imports.reading import FileRejected, read_rows
from jiangmen_edu.imports.services import ImportRefused, clean_rows
from jiangmen_edu.models import Section, Unit
from jiangmen_edu.workflow import locked_years
from seats.datasets.common import (
    duplicates,
    locked_message,
    seats_column,
    stage_column,
    year_column,
)
from seats.models import PlanExplanation, SeatQuota, SeatStage, YearlyPlan
from seats.selectors.quotas import opened_years, period_for_year
from seats.services.locks import governing_year
from seats.services.plans import (
    PlanShortfall,
    check_quota_row,
    explanation_year,
    plan_apply,
    shortfalls,
    stage_totals,
)


class PlanDataset(Dataset):
    """分年度实施计划: one row per stage and year of the period that holds the import year."""

    slug = "seat_plan"
    title = gettext_lazy("Yearly seat plan")
    section = Section.SEATS
    replaces = gettext_lazy(
        "Importing sets the planned seats of the stages and years in the file; other years "
        "keep their figures. A stage whose plan falls short of the quota needs an "
        "explanation: on the “Yearly plan” page, or in the “Explanation of the shortfall” "
        "column, once per stage."
    )
    columns = (
        stage_column(),
        year_column(),
        seats_column(
            "seats", gettext_lazy("Planned new seats"), aliases=("计划新增学位数", "计划学位数")
        ),
        # The plan page's explanation of a stage (`PlanExplanation`); one cell per stage is
        # enough, the template puts it on the stage's first year.
        Column(
            "explanation",
            gettext_lazy("Explanation of the shortfall"),
            lambda cell: parse_text(cell, 1000),
            required=False,
            aliases=("说明", "差异说明", "差额原因", "备注"),
            width=40,
        ),
    )

    def prepare(self, *, unit, year):
        period = period_for_year(year)
        lookups = {
            "period": period,
            "locked": locked_years(unit=unit, section=Section.SEATS),
            "opened": opened_years(),
        }
        if period is not None:
            lookups["plan"] = {
                (row.year, row.stage): row.seats
                for row in YearlyPlan.objects.filter(unit=unit, period=period)
            }
            lookups["explanations"] = dict(
                PlanExplanation.objects.filter(unit=unit, period=period).values_list(
                    "stage", "text"
                )
            )
            quota = SeatQuota.objects.filter(unit=unit, period=period).first()
            lookups["quota"] = {s: quota.for_stage(s) if quota else 0 for s in SeatStage.values}
        return ImportContext(unit=unit, year=year, lookups=lookups)

    def clean_row(self, values, context):
        period = context.lookups["period"]
        if period is None:
            raise RowInvalid(
                {"year": _("No plan period covers %(year)s.") % {"year": context.year}}
            )
        if values["year"] not in period.years:
            raise RowInvalid(
                {
                    "year": _("%(year)s is not a year of %(period)s.")
                    % {"year": values["year"], "period": period}
                }
            )
        changed = context.lookups["plan"].get((values["year"], values["stage"])) != values["seats"]
        governing = governing_year(values["year"], context.lookups["opened"])
        if changed and governing in context.lookups["locked"]:
            raise RowInvalid({"year": locked_message(governing)})
        values["explanation"] = values["explanation"] or ""
        return values

    def check_rows(self, rows, context):
        errors = duplicates(rows, ("stage", "year"), self.header("year"), _("stage and year"))
        if context.lookups["period"] is None or errors:
            return errors
        column = self.header("explanation")
        first_row: dict[str, int] = {}
        explained_on: dict[str, tuple[int, str]] = {}  # the row whose explanation is stored
        for number, values in rows:
            first_row.setdefault(values["stage"], number)
            if values["explanation"]:
                explained_on[values["stage"]] = (number, values["explanation"])
        # A stage of the file left short: on its first row (a stage the file leaves out is
        # refused by `check_file`).
        for stage, check in self.shortfalls([values for _n, values in rows], context).items():
            if stage in first_row:
                errors.append(
                    RowError(
                        row=first_row[stage],
                        column=column,
                        value="",
                        message=self.shortfall_message(stage, check),
                    )
                )
        # A changed explanation belongs to the return of `explanation_year` (as on the page).
        year = explanation_year(context.lookups["period"], context.lookups["opened"])
        if year in context.lookups["locked"]:
            stored = context.lookups["explanations"]
            for stage, (number, text) in explained_on.items():
                if text != stored.get(stage, ""):
                    errors.append(
                        RowError(
                            row=number, column=column, value=text, message=locked_message(year)
                        )
                    )
        return errors

    def check_file(self, rows, context):
        in_file = {row["stage"] for row in rows}
        return [
            self.shortfall_message(stage, check)
            for stage, check in self.shortfalls(rows, context).items()
            if stage not in in_file
        ]

    @staticmethod
    def explanations(rows) -> dict[str, str]:
        """The explanation the import stores per stage: the last one the file gives."""
        return {row["stage"]: row["explanation"] for row in rows if row["explanation"]}

    def shortfalls(self, rows, context):
        """The plan rule (`seats.services.plans.shortfalls`, which the commit runs again) on
        the plan and explanations as the file would leave them."""
        plan = dict(context.lookups["plan"])
        plan.update({(row["year"], row["stage"]): row["seats"] for row in rows})
        return shortfalls(
            totals=stage_totals(plan),
            quota=context.lookups["quota"],
            explanations={**context.lookups["explanations"], **self.explanations(rows)},
        )

    def shortfall_message(self, stage, check) -> str:
        """Says where the explanation goes, so that the county can give it in one pass."""
        return _(
            "%(stage)s: the plan is %(short)s seats short of the quota (%(quota)s). Write why "
            "on the “Yearly plan” page, or in the “%(column)s” column of the file."
        ) % {
            "stage": SeatStage(stage).label,
            "short": check.short_by,
            "quota": check.quota,
            "column": self.header("explanation"),
        }

    def commit(self, rows, context):
        seats = {(row["year"], row["stage"]): row["seats"] for row in rows}
        try:
            plan_apply(
                unit=context.unit,
                period=context.lookups["period"],
                seats=seats,
                explanations=self.explanations(rows),
            )
        except PlanShortfall as error:
            # The preview checked this: the plan page changed a figure or an explanation since.
            raise ImportRefused(
                " ".join(self.shortfall_message(s, c) for s, c in error.short.items())
            ) from None
        except ValidationError as error:
            raise ImportRefused(" ".join(error.messages)) from None
        return len(rows)

    def template_rows(self, context):
        period = context.lookups["period"]
        if period is None:
            return []
        plan, explanations = context.lookups["plan"], context.lookups["explanations"]
        return [
            [
                str(SeatStage(stage).label),
                year,
                plan.get((year, stage), ""),
                explanations.get(stage, "") if year == period.start_year else "",
            ]
            for stage in SeatStage.values
            for year in period.years
        ]


class QuotaDataset(Dataset):
    """A period's quota table, one row per unit (city administrators; not a county's return,
    so it is not in the county import registry)."""

    slug = "seat_quota"
    title = gettext_lazy("Seat quota table")
    section = ""
    columns = (
        Column(
            "unit",
            gettext_lazy("Unit"),
            lambda cell: parse_text(cell, 20),
            aliases=("单位", "县（市、区）", "县(市、区)", "地区"),
            width=12,
        ),
        seats_column("preschool", gettext_lazy("Preschool"), aliases=("学前教育", "学前")),
        seats_column(
            "compulsory",
            gettext_lazy("Compulsory total"),
            aliases=("义务教育", "义务教育合计", "义务教育小计"),
        ),
        seats_column(
            "private_to_convert",
            gettext_lazy("of which private seats to convert"),
            aliases=("需压缩民办学位数", "其中需压缩民办学位数", "其中：需压缩民办学位数"),
        ),
        seats_column("high_school", gettext_lazy("General high school"), aliases=("普通高中",)),
    )

    def prepare(self, *, unit=None, year=0):
        units = {}
        for record in Unit.objects.all():
            units[record.code] = record.pk
            units[record.name] = record.pk
        return ImportContext(unit=unit, year=year, lookups={"units": units})

    def clean_row(self, values, context):
        name = values["unit"]
        unit_id = context.lookups["units"].get(name)
        if unit_id is None:
            raise RowInvalid({"unit": _("No unit with this name or division code.")})
        errors = check_quota_row(values)
        if errors:
            raise RowInvalid(errors)
        values["unit_id"] = unit_id
        return values

    def check_rows(self, rows, context):
        return duplicates(rows, ("unit_id",), self.header("unit"), _("unit"), shown="unit")

    def template_rows(self, context):
        return [[unit.name, 0, 0, 0, 0] for unit in Unit.objects.order_by("order", "code")]


TOTAL_LABELS = {"合计", "总计", "全市", "全市合计", "sum", "total"}


@dataclass
class QuotaPreview:
    rows: list[dict]  # {"unit_id": …, "preschool": …, …}
    errors: list[RowError]
    total_rows: int


def read_quota_file(file: IO[bytes]) -> QuotaPreview:
    """Read and check a quota table; the 合计 row is skipped (it is computed, not stored).

    Raises `FileRejected` for a file that is not a quota table at all.
    """
    dataset = QUOTA
    sheet = read_rows(dataset, file)
    rows = [
        (number, cells)
        for number, cells in sheet.rows
        if squash(cells.get("unit")) not in TOTAL_LABELS
    ]
    clean, errors = clean_rows(dataset, rows, dataset.prepare())
    if not clean and not errors:
        raise FileRejected(_("The file has a header but no data rows."))
    errors.sort(key=lambda error: error.row)
    rejected = {error.row for error in errors}
    rows = [values for number, values in clean if number not in rejected]
    return QuotaPreview(rows=rows, errors=errors, total_rows=len(sheet.rows))


QUOTA = QuotaDataset()
