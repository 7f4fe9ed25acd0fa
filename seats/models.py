"""Plan periods and their binding public-seat quotas (SPEC §2, Annex 3)."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jiangmen_edu.models import Unit


class PlanPeriod(models.Model):
    """A five-year plan period; the 14th FYP ships as reference data, later ones are added."""

    name = models.CharField(_("name"), max_length=30, unique=True)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))

    class Meta:
        ordering = ["start_year"]
        verbose_name = _("plan period")
        verbose_name_plural = _("plan periods")
        constraints = [
            models.CheckConstraint(
                name="plan_period_years_ordered", condition=Q(end_year__gte=F("start_year"))
            ),
        ]

    def __str__(self):
        return f"{self.name}（{self.start_year}–{self.end_year}）"


class SeatQuota(models.Model):
    """One unit's row of the quota table: new public seats to build during the period."""

    period = models.ForeignKey(
        PlanPeriod, on_delete=models.CASCADE, related_name="quotas", verbose_name=_("plan period")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="seat_quotas", verbose_name=_("unit")
    )
    preschool = models.PositiveIntegerField(_("preschool"))
    compulsory = models.PositiveIntegerField(_("compulsory"))
    private_to_convert = models.PositiveIntegerField(_("of which private seats to convert"))
    high_school = models.PositiveIntegerField(_("general high school"))

    class Meta:
        ordering = ["period__start_year", "unit__order"]
        verbose_name = _("seat quota")
        verbose_name_plural = _("seat quotas")
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="one_quota_per_unit"),
            models.CheckConstraint(
                name="converted_within_compulsory",
                condition=Q(private_to_convert__lte=F("compulsory")),
            ),
        ]

    def __str__(self):
        return f"{self.period.name} {self.unit}"

    @property
    def total(self) -> int:
        # The private seats to convert are part of the compulsory figure, not added to it.
        return self.preschool + self.compulsory + self.high_school

    def get_additional_data(self):
        return {"unit": self.unit.code}
