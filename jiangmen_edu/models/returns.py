"""Yearly returns, their review history, and uploaded imports waiting for confirmation."""

import enum
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiangmen_edu.models.units import Unit
from jiangmen_edu.models.users import User


class Section(models.TextChoices):
    """The parts of a county's yearly data, each reviewed on its own
    (docs/rules.md#yearly-return)."""

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
        # The only statuses in which the county may change the return's data.
        EDITABLE = enum.nonmember(("draft", "returned"))

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
    # Set by the data-quality run (a queryset update: a check is not a change to audit).
    quality_checked_at = models.DateTimeField(_("data-quality checks run at"), null=True)

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
        return self.status in self.Status.EDITABLE

    @property
    def lock_reason(self) -> str:
        """Why the county cannot change this return's data now, or "" when it can."""
        if self.status == self.Status.APPROVED:
            return str(
                _(
                    "This return has been approved by the city and is locked. Only a city "
                    "administrator can reopen it, with a reason."
                )
            )
        if self.status == self.Status.SUBMITTED:
            return str(
                _(
                    "This return has been submitted and is waiting for the city's review; it "
                    "cannot be changed until the city returns it."
                )
            )
        return ""

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
    """An uploaded file, checked and waiting for the user to confirm it (docs/rules.md#imports).

    The preview stores the cleaned rows, so the commit writes exactly what the user saw,
    without reading and checking the file a second time. A file the commit still refuses
    (the return was submitted in the meantime, another import came first, …) is kept as
    refused, with the reason. The uploaded rows are personal data: they are deleted when the
    batch is imported, discarded, refused or left unconfirmed past `IMPORT_PREVIEW_DAYS`.
    """

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Checked, waiting for confirmation")
        COMMITTED = "committed", _("Imported")
        DISCARDED = "discarded", _("Discarded")
        REFUSED = "refused", _("Refused at import")
        EXPIRED = "expired", _("Expired")

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
    refusal = models.TextField(_("why the import was refused"), blank=True)
    # The data this preview was checked against: the import of the same data set that was
    # the latest when the file was uploaded. A commit after another one is refused.
    base = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked against the import"),
    )

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
