"""The activity log (docs/rules.md#pairing-records): each line is dated and attached to a team,
school or person.

One row may stand for several lessons or people (`count`): ledgers are often kept as monthly
lines ("5 open classes in March"), and a training is recorded once with its participants.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jiangmen_edu.models import School, Unit
from pairing.models.placements import Placement
from pairing.models.structure import SupportTeam


class ActivityKind(models.TextChoices):
    OPEN_CLASS = "open_class", _("Open class")
    LESSON_REVIEW = "lesson_review", _("Lesson review")
    OBSERVATION = "observation", _("Lesson observation")
    REFLECTION = "reflection", _("Written reflection")
    PRINCIPAL_VISIT = "principal_visit", _("Principal guidance visit")
    TRAINING = "training", _("Training")
    IT_TRAINING = "it_training", _("IT training")
    GROUP_SCHOOLING = "group_schooling", _("Group-schooling dispatch")


class Activity(models.Model):
    Kind = ActivityKind

    kind = models.CharField(_("kind"), max_length=16, choices=ActivityKind.choices)
    date = models.DateField(_("date"))
    # Lessons, visits or reflections for the teaching kinds; participants for the trainings
    # and staff sent for a group-schooling dispatch.
    count = models.PositiveIntegerField(_("number"), default=1)
    hours = models.DecimalField(
        _("hours per participant"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    days = models.PositiveSmallIntegerField(_("days"), null=True, blank=True)
    title = models.CharField(_("subject or title"), max_length=100, blank=True)
    team = models.ForeignKey(
        SupportTeam,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("support team"),
    )
    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("school"),
    )
    placement = models.ForeignKey(
        Placement,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("teacher"),
    )
    supporter_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("supporting unit")
    )
    recipient_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("recipient county")
    )
    # The side that recorded the line and edits it (see pairing.permissions).
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    class Meta:
        ordering = ["-date", "kind", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                name="activity_attached",
                condition=Q(team__isnull=False)
                | Q(school__isnull=False)
                | Q(placement__isnull=False),
            ),
            models.CheckConstraint(name="activity_count_positive", condition=Q(count__gte=1)),
        ]
        indexes = [
            models.Index(fields=["supporter_unit", "date"], name="activity_supporter_date"),
            models.Index(fields=["recipient_unit", "date"], name="activity_recipient_date"),
            models.Index(fields=["kind", "date"], name="activity_kind_date"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date.isoformat()}"

    @property
    def editing_unit_id(self) -> int:
        return self.unit_id

    @property
    def year(self) -> int:
        return self.date.year

    def get_additional_data(self):
        return {"unit": self.unit.code}
