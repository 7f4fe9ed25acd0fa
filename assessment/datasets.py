"""The "school_resources" Excel import (docs/rules.md#balance-coefficients, docs/rules.md#imports):
per school and stage, its students and the 7 resource indicators the balance coefficients are
computed from.

One row per school and stage (a 9-year school has a primary row and a junior row). Importing
replaces the county's rows of that year, so a corrected file imported again gives the same
data. Only primary and junior rows are taken: the coefficients are computed for those two
stages. The template is prefilled with the county's schools that teach them.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db import router
from django.db.models.deletion import Collector
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment.models import SchoolResources
from jiangmen_edu.imports.cells import CellError, parse_decimal, parse_int, parse_text
from jiangmen_edu.imports.datasets import (
    Column,
    Dataset,
    ImportContext,
    RowError,
    RowInvalid,
    choice_column,
)
from jiangmen_edu.imports.schools import SchoolCodes
from jiangmen_edu.models import School, Section, Stage

BALANCE_STAGES = ((Stage.PRIMARY, Stage.PRIMARY.label), (Stage.JUNIOR, Stage.JUNIOR.label))
STAGE_SYNONYMS = {"小学": Stage.PRIMARY, "初中": Stage.JUNIOR, "初级中学": Stage.JUNIOR}
BATCH_SIZE = 2000


def _measure(places: int, limit: int):
    """A value that is not negative, with at most `places` decimals, below `limit`."""

    def parse(cell):
        value = parse_decimal(cell)
        if value < 0:
            raise CellError(_("Must be at least %(min)s.") % {"min": 0})
        if value >= limit:
            raise CellError(_("Must be less than %(max)s.") % {"max": limit})
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)

    return parse


def _indicator(key: str, header, aliases: tuple[str, ...], places: int = 3, limit: int = 100_000):
    return Column(key, header, _measure(places, limit), aliases=aliases, width=14)


class SchoolResourcesDataset(Dataset):
    slug = "school_resources"
    title = gettext_lazy("School resources (balance coefficients)")
    section = Section.ASSESSMENT
    replaces = gettext_lazy("Importing replaces the county's school resource rows of that year.")
    columns = (
        Column(
            "school_code",
            gettext_lazy("School code"),
            lambda cell: parse_text(cell, 10),
            aliases=("学校代码", "学校标识码"),
        ),
        Column(
            "school_name",
            gettext_lazy("School name"),
            lambda cell: parse_text(cell, 60),
            required=False,
            aliases=("学校", "学校名称"),
            width=28,
        ),
        choice_column("stage", gettext_lazy("Stage"), BALANCE_STAGES, STAGE_SYNONYMS, width=8),
        Column(
            "students",
            gettext_lazy("Students"),
            lambda cell: parse_int(cell, 0, 100_000),
            aliases=("在校生数", "学生数"),
            width=10,
        ),
        _indicator(
            "qualified_teachers_per_100",
            gettext_lazy("Teachers above the required degree per 100 students"),
            ("每百名学生拥有高于规定学历教师数",),
        ),
        _indicator(
            "backbone_teachers_per_100",
            gettext_lazy("County-level or higher backbone teachers per 100 students"),
            ("每百名学生拥有县级以上骨干教师数",),
        ),
        _indicator(
            "pe_arts_teachers_per_100",
            gettext_lazy("PE and arts teachers per 100 students"),
            ("每百名学生拥有体育、艺术（美术、音乐）专任教师数",),
        ),
        _indicator(
            "floor_area_per_student",
            gettext_lazy("Teaching and auxiliary floor area per student (m²)"),
            ("生均教学及辅助用房面积",),
        ),
        _indicator(
            "ground_area_per_student",
            gettext_lazy("Sports ground area per student (m²)"),
            ("生均体育运动场馆面积",),
        ),
        _indicator(
            "equipment_value_per_student",
            gettext_lazy("Teaching equipment value per student (yuan)"),
            ("生均教学仪器设备值",),
            places=2,
            limit=100_000_000,
        ),
        _indicator(
            "multimedia_rooms_per_100",
            gettext_lazy("Networked multimedia classrooms per 100 students"),
            ("每百名学生拥有网络多媒体教室数",),
        ),
    )
    VALUE_KEYS = tuple(column.key for column in columns[4:])

    def prepare(self, *, unit, year):
        return ImportContext(unit=unit, year=year, lookups={"schools": SchoolCodes.of(unit)})

    def clean_row(self, values, context):
        schools = context.lookups["schools"]
        school = schools.own.get(values["school_code"])
        if school is None:
            raise RowInvalid({"school_code": schools.unknown(values["school_code"])})
        if values["stage"] not in school.stages:
            raise RowInvalid({"stage": _("The school has no such stage.")})
        values["school_id"] = school.pk
        return values

    def check_rows(self, rows, context):
        first: dict[tuple, int] = {}
        errors = []
        for number, values in rows:
            key = (values["school_code"], values["stage"])
            if key in first:
                errors.append(
                    RowError(
                        row=number,
                        column=str(self.header("stage")),
                        value=str(values["school_code"]),
                        message=_("The same school and stage are already on row %(row)s.")
                        % {"row": first[key]},
                    )
                )
            else:
                first[key] = number
        return errors

    def commit(self, rows, context):
        # Deleted through a collector fed with loaded rows: the audit entry of each deletion
        # names its county without a query per row.
        old = SchoolResources.objects.filter(school__unit=context.unit, year=context.year)
        collector = Collector(using=router.db_for_write(SchoolResources))
        collector.collect(list(old.select_related("school__unit")))
        collector.delete()
        SchoolResources.objects.bulk_create(
            (
                SchoolResources(
                    school_id=row["school_id"],
                    year=context.year,
                    stage=row["stage"],
                    students=row["students"],
                    **{key: row[key] for key in self.VALUE_KEYS},
                )
                for row in rows
            ),
            batch_size=BATCH_SIZE,
        )
        return len(rows)

    def template_rows(self, context):
        schools = School.objects.filter(unit=context.unit)
        return [
            [code, name, str(Stage(stage).label)]
            for code, name, school_type in schools.values_list("code", "name", "school_type")
            for stage in School.STAGES_BY_TYPE[school_type]
            if stage in (Stage.PRIMARY, Stage.JUNIOR)
        ]
