"""The east–west pairing relationships of Annex 2 (docs/rules.md#pairing-relationships)."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jiangmen_edu.models import School, Unit


class PairingRound(models.Model):
    """A five-year pairing round (2021–2025, 2026–2030, 2031–2035)."""

    start_year = models.PositiveSmallIntegerField(_("first year"), unique=True)
    end_year = models.PositiveSmallIntegerField(_("last year"))

    class Meta:
        ordering = ["start_year"]
        verbose_name = _("pairing round")
        verbose_name_plural = _("pairing rounds")
        constraints = [
            models.CheckConstraint(
                name="pairing_round_years_ordered", condition=Q(end_year__gte=F("start_year"))
            ),
        ]

    def __str__(self):
        return f"{self.start_year}–{self.end_year}"


class CountyPair(models.Model):
    """An eastern county supporting a western one (蓬江区 + 江海区 → 恩平市, …)."""

    supporter = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("supporting county")
    )
    recipient = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("supported county")
    )

    class Meta:
        ordering = ["recipient__order", "supporter__order"]
        verbose_name = _("county pair")
        verbose_name_plural = _("county pairs")
        constraints = [
            models.UniqueConstraint(fields=["supporter", "recipient"], name="county_pair_unique"),
            models.CheckConstraint(
                name="county_pair_distinct", condition=~Q(supporter=F("recipient"))
            ),
        ]

    def __str__(self):
        return f"{self.supporter} → {self.recipient}"

    def get_additional_data(self):
        return {"unit": self.recipient.code}


class SupportGroup(models.Model):
    """支援团: county bureaus and city-direct schools supporting one western county."""

    name = models.CharField(_("name"), max_length=30, unique=True)
    recipient = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="support_groups",
        verbose_name=_("supported county"),
    )

    class Meta:
        ordering = ["recipient__order"]
        verbose_name = _("support group")
        verbose_name_plural = _("support groups")

    def __str__(self):
        return self.name

    def get_additional_data(self):
        return {"unit": self.recipient.code}


class SupportGroupMember(models.Model):
    """A member of a support group: a county bureau or a city-direct school, never both."""

    group = models.ForeignKey(
        SupportGroup, on_delete=models.CASCADE, related_name="members", verbose_name=_("group")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("county bureau"),
    )
    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("city-direct school"),
    )

    class Meta:
        ordering = ["group", "school", "unit__order"]
        verbose_name = _("support group member")
        verbose_name_plural = _("support group members")
        constraints = [
            models.CheckConstraint(
                name="member_is_unit_or_school",
                condition=Q(unit__isnull=False, school__isnull=True)
                | Q(unit__isnull=True, school__isnull=False),
            ),
            models.UniqueConstraint(fields=["group", "unit"], name="member_unit_unique"),
            models.UniqueConstraint(fields=["group", "school"], name="member_school_unique"),
        ]

    def __str__(self):
        return str(self.unit or self.school)

    def get_additional_data(self):
        return {"unit": self.group.recipient.code}


class ProvincialPartnership(models.Model):
    """Province-level partners, recorded only (docs/rules.md#pairing-relationships)."""

    local_party = models.CharField(_("local party"), max_length=30)
    partner = models.CharField(_("partner"), max_length=40)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("provincial partnership")
        verbose_name_plural = _("provincial partnerships")
        constraints = [
            models.UniqueConstraint(fields=["local_party", "partner"], name="partnership_unique"),
        ]

    def __str__(self):
        return f"{self.local_party} ↔ {self.partner}"
