"""Administrative units, their townships and schools (docs/rules.md#reference-data)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    """考核区域 (docs/rules.md#units): thresholds may differ between East and West."""

    EAST = "east", _("East")
    WEST = "west", _("West")


class Unit(models.Model):
    """A county-level government or the city-direct schools, by administrative division code."""

    class Kind(models.TextChoices):
        COUNTY = "county", _("County")
        CITY_DIRECT = "city_direct", _("City-direct")

    code = models.CharField(_("division code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    region = models.CharField(_("region"), max_length=4, choices=Region.choices, blank=True)
    order = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.CheckConstraint(
                name="county_has_region",
                condition=Q(kind="county", region__in=["east", "west"])
                | Q(kind="city_direct", region=""),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_assessed(self) -> bool:
        """Only the seven counties are assessment objects; 市直 is not (docs/rules.md#units)."""
        return self.kind == self.Kind.COUNTY

    def get_additional_data(self):
        return {"unit": self.code}


class Township(models.Model):
    """镇 or 街道 under a county; coverage rules differ between the two
    (docs/rules.md#township-coverage)."""

    class Kind(models.TextChoices):
        TOWN = "town", _("Town")
        SUBDISTRICT = "subdistrict", _("Subdistrict")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="townships", verbose_name=_("unit")
    )
    name = models.CharField(_("name"), max_length=20)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)

    class Meta:
        ordering = ["unit__order", "kind", "name"]
        verbose_name = _("township")
        verbose_name_plural = _("townships")
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="township_unique_in_unit"),
        ]

    def __str__(self):
        return self.name

    def get_additional_data(self):
        return {"unit": self.unit.code}


class Stage(models.TextChoices):
    """Education stages as the indicators count them (docs/rules.md#degree-targets,
    docs/rules.md#balance-coefficients)."""

    KINDERGARTEN = "kindergarten", _("Kindergarten")
    PRIMARY = "primary", _("Primary")
    JUNIOR = "junior", _("Junior secondary")
    SENIOR = "senior", _("General senior secondary")
    VOCATIONAL = "vocational", _("Secondary vocational")
    SPECIAL = "special", _("Special education")


class School(models.Model):
    class Type(models.TextChoices):
        KINDERGARTEN = "kindergarten", _("Kindergarten")
        PRIMARY = "primary", _("Primary school")
        NINE_YEAR = "nine_year", _("Nine-year school")
        JUNIOR = "junior", _("Junior secondary school")
        COMPLETE_SECONDARY = "complete_secondary", _("Complete secondary school")
        SENIOR = "senior", _("Senior secondary school")
        TWELVE_YEAR = "twelve_year", _("Twelve-year school")
        VOCATIONAL = "vocational", _("Secondary vocational school")
        SPECIAL = "special", _("Special-education school")

    STAGES_BY_TYPE = {
        Type.KINDERGARTEN: (Stage.KINDERGARTEN,),
        Type.PRIMARY: (Stage.PRIMARY,),
        Type.NINE_YEAR: (Stage.PRIMARY, Stage.JUNIOR),
        Type.JUNIOR: (Stage.JUNIOR,),
        Type.COMPLETE_SECONDARY: (Stage.JUNIOR, Stage.SENIOR),
        Type.SENIOR: (Stage.SENIOR,),
        Type.TWELVE_YEAR: (Stage.PRIMARY, Stage.JUNIOR, Stage.SENIOR),
        Type.VOCATIONAL: (Stage.VOCATIONAL,),
        Type.SPECIAL: (Stage.SPECIAL,),
    }

    class Ownership(models.TextChoices):
        PUBLIC = "public", _("Public")
        PRIVATE = "private", _("Private")

    code = models.CharField(_("school code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=60)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="schools", verbose_name=_("unit")
    )
    township = models.ForeignKey(
        Township,
        on_delete=models.PROTECT,
        related_name="schools",
        null=True,
        blank=True,
        verbose_name=_("township"),
    )
    school_type = models.CharField(_("school type"), max_length=20, choices=Type.choices)
    ownership = models.CharField(_("ownership"), max_length=8, choices=Ownership.choices)
    is_central = models.BooleanField(_("township central school"), default=False)
    is_teaching_point = models.BooleanField(_("teaching point"), default=False)
    students = models.PositiveIntegerField(_("students"), default=0)

    class Meta:
        ordering = ["unit__order", "code"]
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="school_name_unique_in_unit"),
        ]

    def __str__(self):
        return self.name

    @property
    def stages(self) -> tuple[str, ...]:
        return self.STAGES_BY_TYPE[self.school_type]

    def get_additional_data(self):
        return {"unit": self.unit.code}
