"""Enrolment, restructuring and boarding figures per unit and year; boarding schools
(docs/rules.md#seat-records)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiangmen_edu.models import School, Unit


class EnrolmentYear(models.Model):
    """One unit's compulsory enrolment and restructuring figures for a statistical year.

    Students on government-purchased seats study in private schools but count as public for
    item 3.2a; they are kept apart so the page can show them separately. The three student
    counts do not overlap: their sum is all compulsory students.
    """

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="enrolment_years", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    public_students = models.PositiveIntegerField(_("compulsory students in public schools"))
    purchased_students = models.PositiveIntegerField(
        _("compulsory students on government-purchased seats"), default=0
    )
    private_students = models.PositiveIntegerField(
        _("other compulsory students in private schools")
    )
    private_seats_converted = models.PositiveIntegerField(
        _("private seats converted in the year"), default=0
    )
    boarding_target = models.PositiveIntegerField(
        _("boarding-seat target of the year"),
        null=True,
        blank=True,
        help_text=_(
            "Enter 0 when the unit has no boarding-school task this year; while it is empty, "
            "assessment item 3.3 cannot be scored."
        ),
    )
    boarding_completed = models.PositiveIntegerField(
        _("boarding seats completed in the year"), default=0
    )
    population = models.PositiveIntegerField(
        _("resident population"),
        null=True,
        blank=True,
        help_text=_("From the statistical yearbook; decides whether a special school is due."),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["unit__order", "year"]
        verbose_name = _("enrolment and restructuring")
        verbose_name_plural = _("enrolment and restructuring")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_enrolment_per_unit_year"),
        ]

    def __str__(self):
        return f"{self.unit} {self.year}"

    @property
    def public_incl_purchased(self) -> int:
        return self.public_students + self.purchased_students

    @property
    def all_students(self) -> int:
        return self.public_students + self.purchased_students + self.private_students

    def get_additional_data(self):
        return {"unit": self.unit.code}


class BoardingSchool(models.Model):
    """A school that offers boarding (寄宿制), for the township coverage checklist."""

    school = models.OneToOneField(
        School, on_delete=models.CASCADE, related_name="boarding", verbose_name=_("school")
    )
    boarding_places = models.PositiveIntegerField(_("boarding places"), default=0)

    class Meta:
        ordering = ["school__unit__order", "school__code"]
        verbose_name = _("boarding school")
        verbose_name_plural = _("boarding schools")

    def __str__(self):
        return str(self.school)

    def get_additional_data(self):
        return {"unit": self.school.unit.code}
