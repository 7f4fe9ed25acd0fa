"""The city's 100-point indicator table and its per-year, per-region configuration (SPEC §6)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiangmen_edu.models import Region


class Indicator(models.Model):
    class Kind(models.TextChoices):
        QUANTITATIVE = "quantitative", _("Quantitative")
        QUALITATIVE = "qualitative", _("Qualitative")
        SUGGESTED = "suggested", _("Qualitative, with a suggested value")
        FRACTIONS = "fractions", _("Qualitative, from completion fractions")
        STATUS = "status", _("By status")

    code = models.CharField(_("code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=40)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    default_max_points = models.DecimalField(_("maximum points"), max_digits=5, decimal_places=2)
    rule = models.TextField(_("rule"))
    order = models.PositiveSmallIntegerField(_("display order"))

    class Meta:
        ordering = ["order"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return f"{self.code} {self.name}"


class IndicatorRule(models.Model):
    """Points and thresholds of one indicator for one year and region (差别化原则)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="rules", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("assessment year"))
    region = models.CharField(_("region"), max_length=4, choices=Region.choices)
    max_points = models.DecimalField(_("maximum points"), max_digits=5, decimal_places=2)
    parameters = models.JSONField(_("thresholds and points"), default=dict, blank=True)

    class Meta:
        ordering = ["year", "region", "indicator__order"]
        verbose_name = _("indicator rule")
        verbose_name_plural = _("indicator rules")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "region"], name="one_rule_per_year_region"
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.get_region_display()} {self.indicator.code}"
