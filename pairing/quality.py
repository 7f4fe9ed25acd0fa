"""Data-quality rules of the pairing return (docs/rules.md#data-quality;
docs/rules.md#pairing-records).

A placement belongs to the return of its editing unit and year (`pairing.services.placements`
locks `editing_unit_id`, the teacher's home unit: the supporter for a dispatched teacher).

There is no rule on figures the assessment needs: the scoring reads nothing from pairing
(`assessment.gather`).
"""

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jiangmen_edu.models import Section, Severity
from jiangmen_edu.quality.registry import Context, Hit, rule
from pairing.models import Placement, PlacementKind
from teachers.selectors.roster_lookup import teaching_at_school


@rule(
    code="P01",
    section=Section.PAIRING,
    severity=Severity.WARNING,
    title=_("Dispatched teacher still teaching at the home school"),
    message=_(
        "Dispatched in %(year)s to teach at %(host)s, but the %(year)s teachers roster also "
        "lists this person as a full-time teacher at the home school %(home)s."
    ),
    source=_("East–west pairing: a dispatched teacher teaches at the recipient school"),
)
def dispatched_on_home_roster(ctx: Context) -> Iterator[Hit]:
    placements = list(
        Placement.objects.filter(
            kind=PlacementKind.DISPATCHED, year=ctx.year, supporter_unit=ctx.unit
        )
        .select_related("home_school", "host_school")
        .order_by("name", "pk")
    )
    teaching = teaching_at_school(((p.home_school_id, p.staff_no) for p in placements), ctx.year)
    for placement in placements:
        if (placement.home_school_id, placement.staff_no) in teaching:
            yield Hit(
                key=f"placement:{placement.pk}",
                label=f"{placement.name}（{placement.staff_no}）",
                params={
                    "year": ctx.year,
                    "home": placement.home_school.name,
                    "host": placement.host_school.name,
                },
                url=f"{reverse('pairing:placement_list')}?q={placement.staff_no}",
            )
