"""The "New Strong Teacher" ledger (docs/rules.md#teachers, Annex 1).

A person keeps one identity (`Staff`, by staff number, never an ID-card number); what changes
from year to year (school, post, degree, title, pay) is one `StaffYear` row per statistical year.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiangmen_edu.models import School, Stage, Unit, User


class Degree(models.IntegerChoices):
    """Highest degree, ordered so that "bachelor or above" is `degree >= BACHELOR`."""

    HIGH_SCHOOL = 1, _("High school or below")
    ASSOCIATE = 2, _("Associate degree")
    BACHELOR = 3, _("Bachelor's degree")
    MASTER = 4, _("Master's degree")
    DOCTORATE = 5, _("Doctorate")


class Title(models.IntegerChoices):
    """Professional title (职称), ordered."""

    NONE = 0, _("No title")
    JUNIOR = 1, _("Junior title")
    INTERMEDIATE = 2, _("Intermediate title")
    SENIOR = 3, _("Senior title")
    FULL_SENIOR = 4, _("Full senior title")


class Post(models.TextChoices):
    TEACHER = "teacher", _("Full-time teacher")
    PRINCIPAL = "principal", _("Principal")
    RESEARCHER = "researcher", _("Teaching researcher")
    OTHER = "other", _("Other staff")


class Employment(models.TextChoices):
    ON_STAFF = "on_staff", _("On staff")
    TEMPORARY = "temporary", _("Temporary")


class Subject(models.TextChoices):
    """Subjects of the national curriculum plus the special fields of indicator 2.2."""

    CHINESE = "chinese", pgettext_lazy("subject", "Chinese")
    MATHS = "maths", pgettext_lazy("subject", "Mathematics")
    ENGLISH = "english", pgettext_lazy("subject", "English")
    MORALITY = "morality", pgettext_lazy("subject", "Morality and law / politics")
    HISTORY = "history", pgettext_lazy("subject", "History")
    GEOGRAPHY = "geography", pgettext_lazy("subject", "Geography")
    PHYSICS = "physics", pgettext_lazy("subject", "Physics")
    CHEMISTRY = "chemistry", pgettext_lazy("subject", "Chemistry")
    BIOLOGY = "biology", pgettext_lazy("subject", "Biology")
    SCIENCE = "science", pgettext_lazy("subject", "Science")
    IT = "it", pgettext_lazy("subject", "Information technology")
    TECHNOLOGY = "technology", pgettext_lazy("subject", "General technology")
    PE = "pe", pgettext_lazy("subject", "Physical education and health")
    MUSIC = "music", pgettext_lazy("subject", "Music")
    ART = "art", pgettext_lazy("subject", "Fine art")
    LABOUR = "labour", pgettext_lazy("subject", "Labour education")
    MENTAL_HEALTH = "mental_health", pgettext_lazy("subject", "Mental health")
    PRESCHOOL = "preschool", pgettext_lazy("subject", "Preschool education")
    SPECIAL = "special", pgettext_lazy("subject", "Special education")
    VOCATIONAL = "vocational", pgettext_lazy("subject", "Vocational subjects")
    OTHER = "other", pgettext_lazy("subject", "Other")


class Staff(models.Model):
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="staff", verbose_name=_("unit")
    )
    staff_no = models.CharField(_("staff number"), max_length=20)
    name = models.CharField(_("name"), max_length=30)
    hired_year = models.PositiveSmallIntegerField(_("year hired"), null=True, blank=True)
    from_moe_normal_university = models.BooleanField(
        _("graduate of an MOE normal university"), default=False
    )

    class Meta:
        ordering = ["unit__order", "staff_no"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        constraints = [
            models.UniqueConstraint(fields=["unit", "staff_no"], name="staff_no_unique_in_unit"),
        ]

    def __str__(self):
        return f"{self.name}（{self.staff_no}）"

    def get_additional_data(self):
        return {"unit": self.unit.code}


class StaffYear(models.Model):
    """One staff member in one statistical year: the roster row of the yearly return."""

    staff = models.ForeignKey(
        Staff, on_delete=models.CASCADE, related_name="years", verbose_name=_("staff member")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    # The unit is the school's (or, for researchers, the bureau's); kept on the row so that
    # every county figure is one indexed aggregate.
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="staff_years", verbose_name=_("unit")
    )
    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff_years",
        verbose_name=_("school"),
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices)
    post = models.CharField(_("post"), max_length=10, choices=Post.choices)
    employment = models.CharField(_("employment"), max_length=10, choices=Employment.choices)
    degree = models.PositiveSmallIntegerField(_("highest degree"), choices=Degree.choices)
    title = models.PositiveSmallIntegerField(_("professional title"), choices=Title.choices)
    subject = models.CharField(_("subject"), max_length=16, choices=Subject.choices)
    teaching_years = models.PositiveSmallIntegerField(_("years of teaching"), default=0)
    management_years = models.PositiveSmallIntegerField(_("years of management"), default=0)
    annual_pay = models.DecimalField(
        _("annual pay (yuan)"), max_digits=9, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["unit__order", "school__code", "staff__staff_no"]
        verbose_name = _("roster row")
        verbose_name_plural = _("roster rows")
        constraints = [
            models.UniqueConstraint(fields=["staff", "year"], name="one_roster_row_per_year"),
            models.CheckConstraint(
                name="school_required_except_researchers",
                condition=Q(school__isnull=False) | Q(post="researcher"),
            ),
            models.CheckConstraint(
                name="annual_pay_not_negative",
                condition=Q(annual_pay__isnull=True) | Q(annual_pay__gte=0),
            ),
        ]
        indexes = [models.Index(fields=["unit", "year", "post"], name="staffyear_unit_year_post")]

    def __str__(self):
        return f"{self.staff} {self.year}"

    def get_additional_data(self):
        return {"unit": self.unit.code}


class TrainingRecord(models.Model):
    class Level(models.TextChoices):
        NATIONAL = "national", pgettext_lazy("level", "National")
        PROVINCIAL = "provincial", pgettext_lazy("level", "Provincial")
        CITY = "city", pgettext_lazy("level", "City")
        COUNTY = "county", pgettext_lazy("level", "County")
        SCHOOL = "school", pgettext_lazy("level", "School")

    staff = models.ForeignKey(
        Staff, on_delete=models.CASCADE, related_name="trainings", verbose_name=_("staff member")
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    provider = models.CharField(_("provider"), max_length=60, blank=True)
    course = models.CharField(_("course"), max_length=100, blank=True)
    is_qualification = models.BooleanField(_("principal qualification training"), default=False)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        constraints = [
            models.CheckConstraint(name="training_hours_positive", condition=Q(hours__gt=0)),
        ]
        indexes = [models.Index(fields=["staff", "date"], name="training_staff_date")]

    def __str__(self):
        return f"{self.staff} {self.date} {self.hours}"

    def get_additional_data(self):
        return {"unit": self.staff.unit.code}


class TalentTitle(models.Model):
    class Kind(models.TextChoices):
        CITY_EXCELLENT_TEACHER = "city_excellent", _("City-level excellent teacher")
        COUNTY_FAMOUS_TEACHER = "county_famous", _("County-level famous teacher")
        KEY_PRINCIPAL = "key_principal", _("Key principal")
        FAMOUS_TEACHER = "famous_teacher", _("Famous teacher")
        BACKBONE_TEACHER = "backbone_teacher", _("Backbone teacher")

    class Level(models.TextChoices):
        PROVINCIAL = "provincial", pgettext_lazy("level", "Provincial")
        CITY = "city", pgettext_lazy("level", "City")
        COUNTY = "county", pgettext_lazy("level", "County")

    staff = models.ForeignKey(
        Staff,
        on_delete=models.CASCADE,
        related_name="talent_titles",
        verbose_name=_("staff member"),
    )
    kind = models.CharField(_("title"), max_length=20, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    year = models.PositiveSmallIntegerField(_("year awarded"))

    class Meta:
        ordering = ["-year"]
        verbose_name = _("talent title")
        verbose_name_plural = _("talent titles")
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "kind", "level", "year"], name="talent_title_unique"
            ),
        ]

    def __str__(self):
        return f"{self.staff} {self.get_kind_display()} {self.year}"

    def get_additional_data(self):
        return {"unit": self.staff.unit.code}


class PrincipalAppointment(models.Model):
    """A principal's appointment to one post; terms are five years (docs/rules.md#principals)."""

    staff = models.ForeignKey(
        Staff,
        on_delete=models.CASCADE,
        related_name="appointments",
        verbose_name=_("staff member"),
    )
    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        related_name="principal_appointments",
        verbose_name=_("school"),
    )
    start_date = models.DateField(_("term start"))
    end_date = models.DateField(_("term end"), null=True, blank=True)
    consecutive_term = models.PositiveSmallIntegerField(
        _("consecutive term in this post"), default=1
    )
    probation_passed = models.BooleanField(_("probation passed"), default=False)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("principal appointment")
        verbose_name_plural = _("principal appointments")
        constraints = [
            models.CheckConstraint(
                name="appointment_dates_ordered",
                condition=Q(end_date__isnull=True) | Q(end_date__gt=F("start_date")),
            ),
            models.CheckConstraint(
                name="consecutive_term_positive", condition=Q(consecutive_term__gte=1)
            ),
        ]

    def __str__(self):
        return f"{self.staff} {self.school} {self.start_date}"

    def get_additional_data(self):
        return {"unit": self.school.unit.code}


class PrincipalSemester(models.Model):
    """A principal's lessons observed in one semester (≥ 50, docs/rules.md#principals)."""

    staff = models.ForeignKey(
        Staff, on_delete=models.CASCADE, related_name="semesters", verbose_name=_("staff member")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    semester = models.PositiveSmallIntegerField(
        _("semester"), choices=[(1, _("Spring")), (2, _("Autumn"))]
    )
    lessons_observed = models.PositiveSmallIntegerField(_("lessons observed"))

    class Meta:
        ordering = ["-year", "-semester"]
        verbose_name = _("principal's semester duties")
        verbose_name_plural = _("principals' semester duties")
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "year", "semester"], name="one_principal_semester"
            ),
        ]

    def __str__(self):
        return f"{self.staff} {self.year}-{self.semester}"

    def get_additional_data(self):
        return {"unit": self.staff.unit.code}


class ResearcherDuty(models.Model):
    """A teaching researcher's yearly duties (docs/rules.md#researchers)."""

    class Level(models.TextChoices):
        CITY = "city", pgettext_lazy("level", "City")
        COUNTY = "county", pgettext_lazy("level", "County")

    staff = models.ForeignKey(
        Staff,
        on_delete=models.CASCADE,
        related_name="researcher_duties",
        verbose_name=_("staff member"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(_("level"), max_length=8, choices=Level.choices)
    guidance_days = models.PositiveSmallIntegerField(_("days of school guidance"))
    lessons_observed = models.PositiveSmallIntegerField(_("lessons observed"))
    public_lessons = models.PositiveSmallIntegerField(_("public lessons and lectures"))
    in_post_since = models.PositiveSmallIntegerField(_("in post since (year)"))
    school_practice_done = models.BooleanField(
        _("has spent a year back in a school"), default=False
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("researcher's yearly duties")
        verbose_name_plural = _("researchers' yearly duties")
        constraints = [
            models.UniqueConstraint(fields=["staff", "year"], name="one_researcher_duty_per_year"),
        ]

    def __str__(self):
        return f"{self.staff} {self.year}"

    def get_additional_data(self):
        return {"unit": self.staff.unit.code}


class NoResearchersStatement(models.Model):
    """A county's statement that it has no teaching researchers in a statistical year.

    An empty researcher roster is otherwise data not yet entered (docs/rules.md#i-11): with
    this statement it is the figure 0, which rule T07 accepts and item 2.2 suggests the table's
    value for (docs/rules.md#item-2-2). It belongs to the year's teachers return: the county
    editor states or withdraws it while that return is editable (`teachers.services`).
    """

    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="no_researcher_statements",
        verbose_name=_("unit"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    note = models.TextField(_("explanation"), blank=True)
    stated_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("stated by")
    )
    stated_at = models.DateTimeField(_("stated at"), auto_now=True)

    class Meta:
        ordering = ["unit__order", "-year"]
        verbose_name = _("statement of no teaching researchers")
        verbose_name_plural = _("statements of no teaching researchers")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"], name="one_no_researchers_statement_per_year"
            ),
        ]

    def __str__(self):
        return f"{self.unit} {self.year}"

    def get_additional_data(self):
        return {"unit": self.unit.code}
