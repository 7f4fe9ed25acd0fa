"""Plan periods, their binding quotas, and each unit's yearly plan (docs/rules.md#quota-table,
docs/rules.md#seat-progress)."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jiangmen_edu.models import Unit


class SeatStage(models.TextChoices):
    """The three columns of the quota table that count seats (docs/rules.md#quota-table).

    The compulsory column includes the private seats to convert (需压缩民办学位数); they are
    not a stage of their own.
    """

    PRESCHOOL = "preschool", _("Preschool")
    COMPULSORY = "compulsory", _("Compulsory")
    HIGH_SCHOOL = "high_school", _("General high school")


class PlanPeriod(models.Model):
    """A five-year plan period; the 14th FYP ships as reference data, later ones are added."""

    name = models.CharField(_("name"), max_length=30, unique=True)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    city_target = models.PositiveIntegerField(
        _("city-wide target of new public seats"),
        null=True,
        blank=True,
        help_text=_("For the 14th FYP: at least 110,000 new public seats by 2025."),
    )

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

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    def clamp(self, year: int) -> int:
        """The year within the period closest to `year`."""
        return min(max(year, self.start_year), self.end_year)


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

    def for_stage(self, stage: str) -> int:
        return getattr(self, stage)

    def get_additional_data(self):
        return {"unit": self.unit.code}


class YearlyPlan(models.Model):
    """分年度实施计划: the seats a unit plans to deliver in one stage and year of a period.

    Entered by the county; a year's row belongs to that year's seats return, so the city
    approves it through the yearly-return workflow (see `seats.services.locks`).
    """

    period = models.ForeignKey(
        PlanPeriod, on_delete=models.CASCADE, related_name="plans", verbose_name=_("plan period")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="seat_plans", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    stage = models.CharField(_("stage"), max_length=12, choices=SeatStage.choices)
    seats = models.PositiveIntegerField(_("planned seats"))

    class Meta:
        ordering = ["unit__order", "year", "stage"]
        verbose_name = _("yearly plan")
        verbose_name_plural = _("yearly plans")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "stage"], name="one_plan_per_unit_year_stage"
            ),
        ]

    def __str__(self):
        return f"{self.unit} {self.year} {self.get_stage_display()}"

    def get_additional_data(self):
        return {"unit": self.unit.code}


class PlanExplanation(models.Model):
    """Why a unit's plan for a stage does not add up to its quota (the county must say)."""

    period = models.ForeignKey(
        PlanPeriod,
        on_delete=models.CASCADE,
        related_name="explanations",
        verbose_name=_("plan period"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    stage = models.CharField(_("stage"), max_length=12, choices=SeatStage.choices)
    text = models.TextField(_("explanation"))

    class Meta:
        ordering = ["unit__order", "stage"]
        verbose_name = _("plan explanation")
        verbose_name_plural = _("plan explanations")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit", "stage"], name="one_explanation_per_stage"
            ),
        ]

    def __str__(self):
        return f"{self.period.name} {self.unit} {self.get_stage_display()}"

    def get_additional_data(self):
        return {"unit": self.unit.code}
