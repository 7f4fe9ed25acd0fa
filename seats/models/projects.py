"""Seat-building projects, their yearly figures and evidence files (docs/rules.md#seat-records)."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jiangmen_edu.models import School, Township, Unit
from seats.models.plans import SeatStage


class ProjectKind(models.TextChoices):
    NEW_BUILD = "new_build", _("New build")
    EXPANSION = "expansion", _("Expansion")
    CONVERSION = "conversion", _("Private-to-public conversion")
    PURCHASE = "purchase", _("Government-purchased seats")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDER_WAY = "under_way", _("Under construction")
    COMPLETED = "completed", _("Completed")
    SUSPENDED = "suspended", _("Suspended")


class Project(models.Model):
    """A project that adds public seats: built, expanded, converted or purchased."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="seat_projects", verbose_name=_("unit")
    )
    code = models.CharField(_("project number"), max_length=30)
    name = models.CharField(_("project name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=12, choices=ProjectKind.choices)
    stage = models.CharField(_("stage"), max_length=12, choices=SeatStage.choices)
    township = models.ForeignKey(
        Township,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seat_projects",
        verbose_name=_("township"),
    )
    school = models.ForeignKey(
        School,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="seat_projects",
        verbose_name=_("school"),
    )
    seats_planned = models.PositiveIntegerField(_("seats planned"))
    boarding_planned = models.PositiveIntegerField(_("boarding seats planned"), default=0)
    status = models.CharField(
        _("status"), max_length=12, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    planned_completion = models.DateField(_("planned completion"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["unit__order", "code"]
        verbose_name = _("seat project")
        verbose_name_plural = _("seat projects")
        constraints = [
            models.UniqueConstraint(fields=["unit", "code"], name="project_code_unique_in_unit"),
            models.CheckConstraint(
                name="project_completed_after_start",
                condition=Q(start_date__isnull=True)
                | Q(completed_on__isnull=True)
                | Q(completed_on__gte=F("start_date")),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_additional_data(self):
        return {"unit": self.unit.code}


class ProjectYear(models.Model):
    """A project's seats planned and delivered in one year.

    Delivered seats count in the year of delivery (the row's year), whatever year the project
    was planned or started in.
    """

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="years", verbose_name=_("project")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    seats_planned = models.PositiveIntegerField(_("seats planned in the year"), default=0)
    seats_delivered = models.PositiveIntegerField(_("seats delivered in the year"), default=0)
    boarding_planned = models.PositiveIntegerField(
        _("boarding seats planned in the year"), default=0
    )
    boarding_delivered = models.PositiveIntegerField(
        _("boarding seats delivered in the year"), default=0
    )

    class Meta:
        ordering = ["project", "year"]
        verbose_name = _("project year")
        verbose_name_plural = _("project years")
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="one_row_per_project_year"),
        ]

    def __str__(self):
        return f"{self.project} {self.year}"

    @property
    def has_delivery(self) -> bool:
        return bool(self.seats_delivered or self.boarding_delivered)

    def get_additional_data(self):
        return {"unit": self.project.unit.code}


def evidence_path(instance: "ProjectEvidence", filename: str) -> str:
    """A path that reveals nothing and cannot be guessed; the name is kept in the row."""
    suffix = PurePath(filename).suffix.lower()
    return f"seats/evidence/{instance.project.unit.code}/{uuid.uuid4().hex}{suffix}"


class ProjectEvidence(models.Model):
    """A file proving a project's progress. Served only through a view that checks scope."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("project")
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    description = models.CharField(_("description"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["project", "uploaded_at", "pk"]
        verbose_name = _("project evidence")
        verbose_name_plural = _("project evidence")

    def __str__(self):
        return self.original_name

    def get_additional_data(self):
        return {"unit": self.project.unit.code}
