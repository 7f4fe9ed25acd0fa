"""Dispatched and shadowing teachers (docs/rules.md#pairing-records).

Every placement links a supporting unit (an eastern county or 市直) and a recipient county:
- 支教 (dispatched): a supporter's teacher serves two years in a recipient school;
- 跟岗 (shadowing): a recipient county's teacher learns for a year in a supporter school.

The teacher's home unit sends them and pays for them (funding follows the home unit); it is
also the side that edits the record (see `pairing.permissions`).
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jiangmen_edu.models import School, Unit
from pairing.models.structure import SupportCycle, SupportTeam


class PlacementKind(models.TextChoices):
    DISPATCHED = "dispatched", _("Dispatched teacher")
    SHADOWING = "shadowing", _("Shadowing teacher")


class Placement(models.Model):
    Kind = PlacementKind

    kind = models.CharField(_("kind"), max_length=10, choices=PlacementKind.choices)
    name = models.CharField(_("full name"), max_length=30)
    # The person's identity within their home unit: one person, one staff number.
    staff_no = models.CharField(_("staff number"), max_length=20)
    subject = models.CharField(_("stage and subject"), max_length=30, blank=True)
    supporter_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("supporting unit")
    )
    recipient_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("recipient county")
    )
    home_school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="+", verbose_name=_("home school")
    )
    host_school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="+", verbose_name=_("host school")
    )
    cycle = models.ForeignKey(
        SupportCycle,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("cycle"),
    )
    team = models.ForeignKey(
        SupportTeam,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("support team"),
    )
    # The reporting year the record belongs to: the year it starts.
    year = models.PositiveSmallIntegerField(_("year"))
    start = models.DateField(_("start date"))
    end = models.DateField(_("end date"))
    notes = models.CharField(_("notes"), max_length=200, blank=True)

    class Meta:
        ordering = ["-start", "supporter_unit__order", "name", "pk"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.CheckConstraint(
                name="placement_dates_ordered", condition=Q(end__gte=F("start"))
            ),
            models.CheckConstraint(
                name="placement_two_units", condition=~Q(supporter_unit=F("recipient_unit"))
            ),
            models.CheckConstraint(
                name="dispatched_has_cycle",
                condition=~Q(kind="dispatched") | Q(cycle__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["supporter_unit", "year"], name="placement_supporter_year"),
            models.Index(fields=["recipient_unit", "year"], name="placement_recipient_year"),
            models.Index(fields=["staff_no"], name="placement_staff_no"),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"

    @property
    def home_unit_id(self) -> int:
        """The unit that sends the teacher: the supporter for 支教, the recipient for 跟岗."""
        if self.kind == PlacementKind.DISPATCHED:
            return self.supporter_unit_id
        return self.recipient_unit_id

    @property
    def home_unit(self) -> Unit:
        if self.kind == PlacementKind.DISPATCHED:
            return self.supporter_unit
        return self.recipient_unit

    @property
    def host_unit(self) -> Unit:
        if self.kind == PlacementKind.DISPATCHED:
            return self.recipient_unit
        return self.supporter_unit

    @property
    def editing_unit_id(self) -> int:
        """The sending (supporting) side edits dispatched teachers, the
        receiving (recipient) side edits shadowing teachers; in both cases the teacher's home."""
        return self.home_unit_id

    def get_additional_data(self):
        return {"unit": self.home_unit.code}
