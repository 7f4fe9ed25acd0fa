"""What the pairing imports share: columns and the lookups of the unit's pairing."""

from django.utils.translation import gettext as _

from jiangmen_edu.imports.cells import parse_date, parse_text
from jiangmen_edu.imports.datasets import Column
from jiangmen_edu.models import School
from pairing.models import SupportTeam
from pairing.selectors import group_map

BATCH_SIZE = 2000


def text_column(key, header, max_length, required=True, aliases=(), width=14) -> Column:
    return Column(
        key,
        header,
        lambda cell: parse_text(cell, max_length),
        required=required,
        aliases=aliases,
        width=width,
    )


def date_column(key, header, aliases=()) -> Column:
    return Column(key, header, parse_date, aliases=aliases, width=12)


def paired_schools(unit) -> dict[str, School]:
    """Schools of the importing unit and of the units it is paired with, by code."""
    groups = group_map()
    units = {unit.pk}
    for recipient in groups.groups:
        supporters = groups.supporter_unit_ids(recipient)
        if unit.pk == recipient:
            units |= supporters
        elif unit.pk in supporters:
            units.add(recipient)
    schools = School.objects.filter(unit_id__in=units).only("pk", "code", "name", "unit_id")
    return {school.code: school for school in schools}


def school_cell(values, key, context, errors) -> School | None:
    school = context.lookups["schools"].get(values[key])
    if values[key] and school is None:
        errors[key] = _("No school with this code in the counties of your pairing.")
    return school


def unit_teams(unit) -> dict[str, SupportTeam]:
    teams = SupportTeam.objects.select_related("group").filter(unit=unit)
    return {team.name: team for team in teams}
