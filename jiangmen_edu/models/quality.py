"""Data-quality checks on yearly returns: the city's settings, the findings and the county's
explanations (docs/quality.md). The rules themselves are code, registered by each app
(`jiangmen_edu.quality`); these tables hold what the rules found and what people said.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiangmen_edu.models.returns import ReportingYear, YearlyReturn
from jiangmen_edu.models.users import User


class Severity(models.TextChoices):
    ERROR = "error", _("Error")
    WARNING = "warning", _("Warning")


class QualityRuleSetting(models.Model):
    """The city's choice for one rule in one year; without a row the rule's defaults apply."""

    reporting_year = models.ForeignKey(
        ReportingYear,
        on_delete=models.CASCADE,
        related_name="rule_settings",
        verbose_name=_("reporting year"),
    )
    code = models.CharField(_("rule"), max_length=12)
    enabled = models.BooleanField(_("enabled"), default=True)
    threshold = models.DecimalField(
        _("threshold"), max_digits=9, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["reporting_year", "code"]
        verbose_name = _("data-quality rule setting")
        verbose_name_plural = _("data-quality rule settings")
        constraints = [
            models.UniqueConstraint(
                fields=["reporting_year", "code"], name="one_rule_setting_per_year"
            ),
        ]

    def __str__(self):
        return f"{self.reporting_year.year} {self.code}"


class QualityFinding(models.Model):
    """One record one rule flagged in a return when the rules last ran.

    Findings are replaced wholesale on every run; `key` names the record stably
    ("staff:123"), so an explanation written against it survives the next run.
    """

    yearly_return = models.ForeignKey(
        YearlyReturn,
        on_delete=models.CASCADE,
        related_name="findings",
        verbose_name=_("yearly return"),
    )
    code = models.CharField(_("rule"), max_length=12)
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices)
    key = models.CharField(_("record"), max_length=60)
    label = models.CharField(_("record"), max_length=200)
    params = models.JSONField(_("figures"), default=dict)
    url = models.CharField(_("link"), max_length=300, blank=True)
    checked_at = models.DateTimeField(_("checked at"))

    class Meta:
        ordering = ["yearly_return", "severity", "code", "key"]
        verbose_name = _("data-quality finding")
        verbose_name_plural = _("data-quality findings")
        constraints = [
            models.UniqueConstraint(
                fields=["yearly_return", "code", "key"], name="one_finding_per_record_and_rule"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.label}"


class QualityExplanation(models.Model):
    """The county's written explanation of a warning; required before it may submit."""

    yearly_return = models.ForeignKey(
        YearlyReturn,
        on_delete=models.CASCADE,
        related_name="explanations",
        verbose_name=_("yearly return"),
    )
    code = models.CharField(_("rule"), max_length=12)
    key = models.CharField(_("record"), max_length=60)
    text = models.TextField(_("explanation"))
    author = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("written by")
    )
    written_at = models.DateTimeField(_("written at"), auto_now=True)

    class Meta:
        ordering = ["yearly_return", "code", "key"]
        verbose_name = _("explanation of a warning")
        verbose_name_plural = _("explanations of warnings")
        constraints = [
            models.UniqueConstraint(
                fields=["yearly_return", "code", "key"], name="one_explanation_per_finding"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.key}"

    def get_additional_data(self):
        return {"unit": self.yearly_return.unit.code}
