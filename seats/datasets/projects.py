"""Excel import of seat projects and their figures for the import year."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiangmen_edu.imports.cells import parse_date, parse_text
from jiangmen_edu.imports.datasets import Column, Dataset, ImportContext, RowInvalid, choice_column
from jiangmen_edu.imports.services import ImportRefused
from jiangmen_edu.models import School, Section, Township
from jiangmen_edu.workflow import locked_years
from seats.datasets.common import (
    KIND_SYNONYMS,
    STATUS_SYNONYMS,
    duplicates,
    locked_message,
    seats_column,
    stage_column,
)
from seats.models import Project, ProjectKind, ProjectStatus, ProjectYear
from seats.selectors.quotas import opened_years
from seats.services.locks import current_year, governing_year
from seats.services.projects import (
    STRUCTURAL_FIELDS,
    project_apply,
    project_errors,
    project_year_apply,
)

DATE_FIELDS = ("start_date", "planned_completion", "completed_on")
YEAR_FIELDS = (
    "year_seats_planned",
    "seats_delivered",
    "year_boarding_planned",
    "boarding_delivered",
)


def _date_column(key: str, header, aliases: tuple[str, ...]) -> Column:
    return Column(key, header, parse_date, required=False, aliases=aliases, width=12)


class ProjectDataset(Dataset):
    """One row per project: what it is, and its seats planned and delivered in the year."""

    slug = "seat_projects"
    title = gettext_lazy("Seat projects")
    section = Section.SEATS
    replaces = gettext_lazy(
        "Importing adds the projects in the file or updates them by project number, and sets "
        "their figures for the year; projects not in the file are kept."
    )
    columns = (
        Column(
            "code",
            gettext_lazy("Project number"),
            lambda cell: parse_text(cell, 30),
            aliases=("项目编号", "编号"),
        ),
        Column(
            "name",
            gettext_lazy("Project name"),
            lambda cell: parse_text(cell, 100),
            aliases=("项目名称",),
            width=30,
        ),
        choice_column(
            "kind",
            gettext_lazy("Kind"),
            ProjectKind.choices,
            KIND_SYNONYMS,
            aliases=("建设类型", "项目类型"),
        ),
        stage_column(),
        Column(
            "township",
            gettext_lazy("Township"),
            lambda cell: parse_text(cell, 20),
            required=False,
            aliases=("镇街", "所在镇（街）", "所在镇街"),
        ),
        Column(
            "school_code",
            gettext_lazy("School code"),
            lambda cell: parse_text(cell, 10),
            required=False,
            aliases=("学校标识码", "学校代码"),
        ),
        seats_column("seats_planned", gettext_lazy("Seats planned"), aliases=("计划学位数",)),
        seats_column(
            "boarding_planned",
            gettext_lazy("Boarding seats planned"),
            required=False,
            aliases=("计划寄宿学位数",),
        ),
        choice_column(
            "status",
            gettext_lazy("Status"),
            ProjectStatus.choices,
            STATUS_SYNONYMS,
            aliases=("项目状态", "进展情况"),
        ),
        _date_column("start_date", gettext_lazy("Start date"), ("开工日期", "开工时间")),
        _date_column(
            "planned_completion",
            gettext_lazy("Planned completion"),
            ("计划竣工日期", "计划完成时间"),
        ),
        _date_column("completed_on", gettext_lazy("Completed on"), ("竣工日期", "交付日期")),
        seats_column(
            "year_seats_planned",
            gettext_lazy("Seats planned in the year"),
            required=False,
            aliases=("本年计划学位数",),
        ),
        seats_column(
            "seats_delivered",
            gettext_lazy("Seats delivered in the year"),
            required=False,
            aliases=("本年交付学位数", "本年新增学位数"),
        ),
        seats_column(
            "year_boarding_planned",
            gettext_lazy("Boarding seats planned in the year"),
            required=False,
            aliases=("本年计划寄宿学位数",),
        ),
        seats_column(
            "boarding_delivered",
            gettext_lazy("Boarding seats delivered in the year"),
            required=False,
            aliases=("本年交付寄宿学位数",),
        ),
    )

    def prepare(self, *, unit, year):
        projects = {
            p.code: p
            for p in Project.objects.filter(unit=unit).select_related("township", "school")
        }
        years_with_figures: dict[int, set[int]] = {}
        for project_id, figure_year in ProjectYear.objects.filter(project__unit=unit).values_list(
            "project_id", "year"
        ):
            years_with_figures.setdefault(project_id, set()).add(figure_year)
        return ImportContext(
            unit=unit,
            year=year,
            lookups={
                "projects": projects,
                "years": years_with_figures,
                "locked": locked_years(unit=unit, section=Section.SEATS),
                "opened": opened_years(),
                "townships": {t.name: t for t in Township.objects.filter(unit=unit)},
                "schools": {
                    s.code: s for s in School.objects.filter(unit=unit).only("code", "unit_id")
                },
            },
        )

    def clean_row(self, values, context):
        errors = {}
        name = values.pop("township")
        township = context.lookups["townships"].get(name) if name else None
        if name and township is None:
            errors["township"] = _("No township with this name in your unit.")
        code = values.pop("school_code")
        school = context.lookups["schools"].get(code) if code else None
        if code and school is None:
            errors["school_code"] = _("No school with this code in your unit.")
        found = {"township": township, "school": school}
        for field, message in project_errors(context.unit, values | found).items():
            errors.setdefault("school_code" if field == "school" else field, message)
        values["township_id"] = township.pk if township else None
        values["school_id"] = school.pk if school else None
        project = context.lookups["projects"].get(values["code"])
        if project is not None:
            structural = any(values[f] != getattr(project, f) for f in STRUCTURAL_FIELDS)
            opened = context.lookups["opened"]
            years = {
                governing_year(y, opened) for y in context.lookups["years"].get(project.pk, ())
            }
            locked = sorted(years & context.lookups["locked"]) if structural else []
            if locked:
                errors["kind"] = locked_message(locked[0])
        if errors:
            raise RowInvalid(errors)
        values["boarding_planned"] = values["boarding_planned"] or 0
        for field in YEAR_FIELDS:
            values[field] = values[field] or 0
        return values

    def check_rows(self, rows, context):
        return duplicates(rows, ("code",), self.header("code"), _("project number"))

    def check_file(self, rows, context):
        # A project's description belongs to the latest opened year's return, which
        # `project_apply` locks for every row, whatever the import year.
        year = current_year(context.lookups["opened"])
        if year in context.lookups["locked"]:
            return [
                _(
                    "The seats return of %(year)s is submitted or approved. Projects belong to "
                    "it, so none can be imported until the city returns it."
                )
                % {"year": year}
            ]
        return []

    def commit(self, rows, context):
        unit, year = context.unit, context.year
        projects = context.lookups["projects"]
        townships = Township.objects.in_bulk({r["township_id"] for r in rows} - {None})
        schools = School.objects.in_bulk({r["school_id"] for r in rows} - {None})
        for row in rows:
            values = {
                field: row[field]
                for field in ("code", "name", "kind", "stage", "seats_planned", "status")
            }
            values["boarding_planned"] = row["boarding_planned"]
            values["township"] = townships.get(row["township_id"])
            values["school"] = schools.get(row["school_id"])
            for field in DATE_FIELDS:
                values[field] = datetime.date.fromisoformat(row[field]) if row[field] else None
            try:
                project = project_apply(unit=unit, values=values, project=projects.get(row["code"]))
                project_year_apply(
                    project=project,
                    year=year,
                    figures={
                        "seats_planned": row["year_seats_planned"],
                        "seats_delivered": row["seats_delivered"],
                        "boarding_planned": row["year_boarding_planned"],
                        "boarding_delivered": row["boarding_delivered"],
                    },
                )
            except ValidationError as error:
                raise ImportRefused(f"{row['code']}: {' '.join(error.messages)}") from None
        return len(rows)

    def template_rows(self, context):
        figures = {
            row.project_id: row
            for row in ProjectYear.objects.filter(project__unit=context.unit, year=context.year)
        }
        rows = []
        for project in context.lookups["projects"].values():
            year = figures.get(project.pk)
            rows.append(
                [
                    project.code,
                    project.name,
                    str(project.get_kind_display()),
                    str(project.get_stage_display()),
                    project.township.name if project.township else "",
                    project.school.code if project.school else "",
                    project.seats_planned,
                    project.boarding_planned,
                    str(project.get_status_display()),
                    project.start_date,
                    project.planned_completion,
                    project.completed_on,
                    year.seats_planned if year else 0,
                    year.seats_delivered if year else 0,
                    year.boarding_planned if year else 0,
                    year.boarding_delivered if year else 0,
                ]
            )
        return rows
