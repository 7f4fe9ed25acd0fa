"""Data-quality rules of the assessment-materials return (docs/rules.md#data-quality; items 2.4,
3.4a, 3.4b and 4 of docs/rules.md#indicator-table, the inputs this app owns).

The database already keeps the development centre's fractions within 0–1 and a survey's
satisfied within its respondents, so the only figures that can be out of range are school
resources below zero.
"""

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assessment.gather import BALANCE_FIELDS, own_inputs
from assessment.models import AssessmentYear
from assessment.scoring.balance import BALANCE_STAGES
from assessment.selectors import negative_resources
from jiangmen_edu.models import Section, Severity, Stage
from jiangmen_edu.quality.registry import Context, Hit, rule


def _materials_url(ctx: Context) -> str:
    return reverse("assessment:county_inputs", args=[ctx.year, ctx.unit.code])


@rule(
    code="A01",
    section=Section.ASSESSMENT,
    severity=Severity.ERROR,
    title=_("School resource figures below zero"),
    message=_(
        "School resources of %(year)s: %(count)s figure(s) below zero (%(values)s). Counts, "
        "areas and values cannot be negative."
    ),
    source=_("Indicator 3.4a: balance coefficients"),
)
def negative_school_resources(ctx: Context) -> Iterator[Hit]:
    for row in negative_resources(unit=ctx.unit, year=ctx.year):
        values = [getattr(row, name) for name in BALANCE_FIELDS]
        below = [str(value) for value in values if value < 0]
        yield Hit(
            key=f"resources:{row.pk}",
            label=f"{row.school.name}（{row.school.code}）{Stage(row.stage).label}",
            params={"year": ctx.year, "count": len(below), "values": ", ".join(below)},
            url=_materials_url(ctx),
        )


@rule(
    code="A02",
    section=Section.ASSESSMENT,
    severity=Severity.ERROR,
    title=_("Materials the assessment needs are missing"),
    message=_(
        "Still empty for %(year)s: the assessment cannot score item(s) %(items)s without it."
    ),
    source=_("Indicators 2.4, 3.4a, 3.4b and 4 are scored from these materials"),
)
def materials_missing(ctx: Context) -> Iterator[Hit]:
    # The county can enter its materials only while the city's assessment of the year is
    # open (`assessment.county_data`): before that, asking for them would block the return
    # with nothing the county could do.
    if not ctx.unit.is_assessed:
        return
    if not AssessmentYear.objects.filter(year=ctx.year, status=AssessmentYear.Status.OPEN).exists():
        return
    # The same reading the assessment makes (`assessment.gather._own_items`).
    own = own_inputs([ctx.unit.pk], ctx.year, None)
    unit_id = ctx.unit.pk
    missing = []
    if unit_id not in own.centres:
        missing.append(("centre", _("Teacher development centre"), "2.4"))
    if unit_id not in own.preschool:
        missing.append(("preschool", _("Preschool evaluation status"), "3.4b"))
    # Item 4 pools the groups surveyed (I-10): any group with respondents will do, the
    # others need not be surveyed.
    if not any(survey.respondents for survey in own.surveys.get(unit_id, [])):
        missing.append(("survey", _("Satisfaction survey"), "4"))
    # Item 3.4a computes coefficients for both stages: each needs its schools' rows.
    stages = {stage for school in own.schools.get(unit_id, []) for stage in school.figures}
    for stage in BALANCE_STAGES:
        if stage not in stages:
            label = f"{_('School resources (balance coefficients)')} {Stage(stage).label}"
            missing.append((f"resources:{stage}", label, "3.4a"))
    for key, label, item in missing:
        yield Hit(
            key=key,
            label=f"{label} {ctx.year}",
            params={"year": ctx.year, "items": item},
            url=_materials_url(ctx),
        )
