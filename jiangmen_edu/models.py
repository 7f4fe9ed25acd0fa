"""The shared core: administrative units, townships, schools, users and yearly returns."""

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    """考核区域 (SPEC §2): thresholds may differ between East and West."""

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
        """Only the seven counties are assessment objects; 市直 is not (SPEC §2)."""
        return self.kind == self.Kind.COUNTY

    def get_additional_data(self):
        return {"unit": self.code}


class Township(models.Model):
    """镇 or 街道 under a county; coverage rules differ between the two (SPEC §4)."""

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
    """Education stages as the indicators count them (SPEC §3, §6)."""

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


class Role(models.TextChoices):
    """The four roles of SPEC §1."""

    COUNTY_EDITOR = "county_editor", _("County editor")
    CITY_REVIEWER = "city_reviewer", _("City reviewer")
    ASSESSOR = "assessor", _("Assessor")
    CITY_ADMIN = "city_admin", _("City administrator")


class User(AbstractUser):
    """A county editor belongs to one unit; the city's roles see every unit."""

    role = models.CharField(
        _("role"), max_length=16, choices=Role.choices, default=Role.CITY_REVIEWER
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("unit"),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                name="county_editor_has_unit_city_roles_have_none",
                condition=Q(role="county_editor", unit__isnull=False)
                | (~Q(role="county_editor") & Q(unit__isnull=True)),
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def has_perm(self, perm, obj=None):
        # The back office is the city admin's by role; per-model grants would only drift.
        if self.is_active and self.role == Role.CITY_ADMIN:
            return True
        return super().has_perm(perm, obj)

    def has_module_perms(self, app_label):
        if self.is_active and self.role == Role.CITY_ADMIN:
            return True
        return super().has_module_perms(app_label)

    def get_full_name(self):
        # Chinese names are written family name first, with no space.
        return f"{self.last_name}{self.first_name}".strip()

    def get_additional_data(self):
        return {"unit": self.unit.code} if self.unit_id else {}


class Section(models.TextChoices):
    """The parts of a county's yearly data, each reviewed on its own (SPEC §7)."""

    TEACHERS = "teachers", _("Teachers")
    SEATS = "seats", _("School seats")
    PAIRING = "pairing", _("East–west pairing")
    ASSESSMENT = "assessment", _("Assessment materials")


class ReportingYear(models.Model):
    """A statistical year the city has opened for returns."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    due_date = models.DateField(_("due date"))
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("reporting year")
        verbose_name_plural = _("reporting years")

    def __str__(self):
        return str(self.year)


class YearlyReturn(models.Model):
    """One unit's return of one section for one year: draft → submitted → returned | approved."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="returns", verbose_name=_("unit")
    )
    reporting_year = models.ForeignKey(
        ReportingYear,
        on_delete=models.PROTECT,
        related_name="returns",
        verbose_name=_("reporting year"),
    )
    section = models.CharField(_("section"), max_length=12, choices=Section.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    contact_name = models.CharField(_("contact person"), max_length=30, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    notes = models.TextField(_("notes on the return"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-reporting_year__year", "unit__order", "section"]
        verbose_name = _("yearly return")
        verbose_name_plural = _("yearly returns")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "reporting_year", "section"], name="one_return_per_section"
            ),
        ]

    def __str__(self):
        return f"{self.unit} {self.reporting_year.year} {self.get_section_display()}"

    @property
    def year(self) -> int:
        return self.reporting_year.year

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    def get_additional_data(self):
        return {"unit": self.unit.code}


class ReturnEvent(models.Model):
    """A step in a return's review, with the comment the county or the city wrote."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Submitted")
        SEND_BACK = "send_back", _("Returned for changes")
        APPROVE = "approve", _("Approved")
        REOPEN = "reopen", _("Reopened")

    yearly_return = models.ForeignKey(YearlyReturn, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    from_status = models.CharField(max_length=10, choices=YearlyReturn.Status.choices)
    to_status = models.CharField(max_length=10, choices=YearlyReturn.Status.choices)
    actor = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("return event")
        verbose_name_plural = _("return events")

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


class ImportBatch(models.Model):
    """An uploaded file, checked and waiting for the user to confirm it (SPEC §8).

    The preview stores the cleaned rows, so the commit writes exactly what the user saw,
    without reading and checking the file a second time.
    """

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Checked, waiting for confirmation")
        COMMITTED = "committed", _("Imported")
        DISCARDED = "discarded", _("Discarded")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dataset = models.CharField(_("data set"), max_length=40)
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="import_batches", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    filename = models.CharField(_("file name"), max_length=200)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    committed_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PREVIEWED
    )
    total_rows = models.PositiveIntegerField(_("rows read"), default=0)
    rows = models.JSONField(default=list)
    errors = models.JSONField(default=list)
    rejected_raw = models.JSONField(default=list)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return f"{self.dataset} {self.unit} {self.year} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def error_count(self) -> int:
        return len(self.errors)

    @property
    def rejected_row_count(self) -> int:
        return len({error["row"] for error in self.errors})
