"""Funding configuration (docs/rules.md#pairing-funding), edited by a city administrator in the back
office.

`FundingRate`: yuan per teacher per year, 10,000 by default, with optional tiers by kind of
placement, host county and length of service. `PayerShare`: the city's share of a home
unit's cost (1.00 for 台山, 开平, 恩平 and 市直; 0.50 for 蓬江, 江海, 新会 and 鹤山).
The defaults are loaded by `pairing.reference`; the rules that use them are in
`pairing.rules.funding`.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jiangmen_edu.models import Unit
from pairing.models.placements import PlacementKind


class FundingRate(models.Model):
    """A yearly rate; the most specific matching tier applies (see rules.funding.pick_rate)."""

    valid_from = models.PositiveSmallIntegerField(_("valid from (year)"))
    kind = models.CharField(
        _("kind of placement"),
        max_length=10,
        choices=PlacementKind.choices,
        blank=True,
        help_text=_("Blank: both kinds."),
    )
    host_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("host county"),
        help_text=_("Blank: wherever the teacher serves."),
    )
    min_months = models.PositiveSmallIntegerField(
        _("from total months served"),
        default=0,
        help_text=_("The tier applies to placements of at least this many months in all."),
    )
    annual_amount = models.DecimalField(
        _("yuan per teacher per year"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        ordering = ["valid_from", "kind", "min_months", "pk"]
        verbose_name = _("funding rate")
        verbose_name_plural = _("funding rates")
        constraints = [
            models.CheckConstraint(
                name="funding_rate_not_negative", condition=Q(annual_amount__gte=0)
            ),
        ]

    def __str__(self):
        return f"{self.valid_from}: {self.annual_amount}"

    def get_additional_data(self):
        return {"unit": self.host_unit.code} if self.host_unit_id else {}


class PayerShare(models.Model):
    """The city finance's share of the cost of teachers whose home is `unit`."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("home unit")
    )
    valid_from = models.PositiveSmallIntegerField(_("valid from (year)"))
    city_share = models.DecimalField(
        _("city's share"),
        max_digits=3,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("1.00: the city pays all; 0.50: the city and the district pay 1:1."),
    )

    class Meta:
        ordering = ["unit__order", "valid_from"]
        verbose_name = _("funding share")
        verbose_name_plural = _("funding shares")
        constraints = [
            models.UniqueConstraint(fields=["unit", "valid_from"], name="payer_share_unique"),
            models.CheckConstraint(
                name="city_share_between_0_and_1", condition=Q(city_share__gte=0, city_share__lte=1)
            ),
        ]

    def __str__(self):
        return f"{self.unit} {self.valid_from}: {self.city_share}"

    def get_additional_data(self):
        return {"unit": self.unit.code}
