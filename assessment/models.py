"""The city's 100-point indicator table and its per-year, per-region configuration
(docs/rules.md#assessment)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiangmen_edu.models import Region, School, Stage, Unit


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


class AssessmentYear(models.Model):
    """The city's assessment of one year: open → published (and then frozen).

    Scores are computed into numbered `ScoreRun`s; publishing marks one run as the result.
    After publication, changed data never moves the published scores: a re-run is a new,
    audited run that only a city administrator may publish again.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        PUBLISHED = "published", _("Published")

    year = models.PositiveSmallIntegerField(_("assessment year"), unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("opened by"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self):
        return str(self.year)


class ScoreRun(models.Model):
    """One computation of every county's scores for an assessment year, kept as it was."""

    assessment = models.ForeignKey(
        AssessmentYear,
        on_delete=models.CASCADE,
        related_name="runs",
        verbose_name=_("assessment"),
    )
    number = models.PositiveSmallIntegerField(_("run"))
    created_at = models.DateTimeField(_("computed at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("computed by"),
    )
    reason = models.TextField(_("reason"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)

    class Meta:
        ordering = ["assessment", "-number"]
        verbose_name = _("score run")
        verbose_name_plural = _("score runs")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "number"], name="run_number_unique"),
            models.UniqueConstraint(
                fields=["assessment"],
                condition=Q(is_published=True),
                name="one_published_run_per_year",
            ),
        ]

    def __str__(self):
        return f"{self.assessment.year} #{self.number}"


class CountyScore(models.Model):
    run = models.ForeignKey(
        ScoreRun, on_delete=models.CASCADE, related_name="counties", verbose_name=_("run")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="scores", verbose_name=_("county")
    )
    total = models.DecimalField(_("total"), max_digits=6, decimal_places=2)
    provisional = models.BooleanField(
        _("provisional"),
        default=False,
        help_text=_("Some items could not be scored yet; they count as 0."),
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    region_rank = models.PositiveSmallIntegerField(_("rank in region"))

    class Meta:
        ordering = ["run", "rank", "unit__order"]
        verbose_name = _("county score")
        verbose_name_plural = _("county scores")
        constraints = [
            models.UniqueConstraint(fields=["run", "unit"], name="one_score_per_county_run"),
        ]

    def __str__(self):
        return f"{self.run} {self.unit} {self.total}"

    def get_additional_data(self):
        return {"unit": self.unit.code}


class ItemScore(models.Model):
    """One item of a county's scorecard, as the engine returned it (`ItemResult`)."""

    county_score = models.ForeignKey(
        CountyScore,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("county score"),
    )
    code = models.CharField(_("code"), max_length=6)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    max_points = models.DecimalField(_("maximum points"), max_digits=5, decimal_places=2)
    inputs = models.JSONField(_("inputs"), default=dict)
    explanation = models.TextField(_("explanation"))
    gap = models.TextField(_("gap to the missing points"), blank=True)
    notes = models.JSONField(_("notes on how figures are counted"), default=list)
    flagged = models.BooleanField(_("flagged"), default=False)

    class Meta:
        ordering = ["county_score", "pk"]
        verbose_name = _("item score")
        verbose_name_plural = _("item scores")
        constraints = [
            models.UniqueConstraint(fields=["county_score", "code"], name="one_item_per_card"),
        ]

    def __str__(self):
        return f"{self.county_score} {self.code} {self.score}"

    @classmethod
    def of(cls, county_score: "CountyScore", item) -> "ItemScore":
        """The unsaved row of an engine's `ItemResult` on a county's scorecard."""
        return cls(
            county_score=county_score,
            code=item.code,
            score=item.score,
            max_points=item.max_points,
            inputs=item.inputs,
            explanation=item.explanation,
            gap=item.gap,
            notes=list(item.notes),
            flagged=item.flagged,
        )


class CountyYearInput(models.Model):
    """Base for the inputs owned by the assessment app: one row per county and year."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("county")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.unit} {self.year} {self._meta.verbose_name}"

    def get_additional_data(self):
        return {"unit": self.unit.code}


class DevelopmentCentre(CountyYearInput):
    """Item 2.4: completion of the county teacher development centre, each a fraction 0–1."""

    venue = models.DecimalField(_("venue completion"), max_digits=4, decimal_places=3)
    equipment = models.DecimalField(_("equipment completion"), max_digits=4, decimal_places=3)
    training = models.DecimalField(_("training conducted"), max_digits=4, decimal_places=3)

    class Meta:
        verbose_name = _("teacher development centre")
        verbose_name_plural = _("teacher development centres")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_centre_per_county_year"),
            models.CheckConstraint(
                name="centre_fractions_0_1",
                condition=Q(
                    venue__gte=0,
                    venue__lte=1,
                    equipment__gte=0,
                    equipment__lte=1,
                    training__gte=0,
                    training__lte=1,
                ),
            ),
        ]


class PreschoolStatus(CountyYearInput):
    """Item 3.4b: the county's preschool universal-benefit evaluation status (I-5)."""

    class Status(models.TextChoices):
        NOT_APPLIED = "not_applied", _("Not applied")
        CITY_CHECK = "city_check", _("Passed the city's preliminary check")
        PROVINCIAL = "provincial", _("Passed the provincial evaluation")
        NATIONAL = "national", _("Nationally recognised")

    status = models.CharField(_("status"), max_length=12, choices=Status.choices)

    class Meta:
        verbose_name = _("preschool evaluation status")
        verbose_name_plural = _("preschool evaluation statuses")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_preschool_status"),
        ]


class SatisfactionSurvey(CountyYearInput):
    """Item 4: one respondent group's answers (I-10)."""

    class Group(models.TextChoices):
        DEPUTIES = "deputies", _("People's congress deputies")
        CPPCC = "cppcc", _("CPPCC members")
        PRINCIPALS = "principals", _("Principals")
        # Not the teachers section (教师队伍): the group of respondents who are teachers.
        TEACHERS = "teachers", pgettext_lazy("respondent group", "Teachers")
        PARENTS = "parents", _("Parents")
        STUDENTS = "students", _("Students")

    group = models.CharField(_("respondent group"), max_length=12, choices=Group.choices)
    respondents = models.PositiveIntegerField(_("respondents"))
    satisfied = models.PositiveIntegerField(_("satisfied"))

    class Meta:
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "group"], name="one_survey_group"),
            models.CheckConstraint(
                name="satisfied_within_respondents", condition=Q(satisfied__lte=F("respondents"))
            ),
        ]


class SchoolResources(models.Model):
    """Item 3.4a: one school's students and the 7 resource indicators in one year."""

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="+", verbose_name=_("school")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices)
    students = models.PositiveIntegerField(_("students"))
    qualified_teachers_per_100 = models.DecimalField(
        _("teachers above the required degree per 100 students"), max_digits=8, decimal_places=3
    )
    backbone_teachers_per_100 = models.DecimalField(
        _("county-level or higher backbone teachers per 100 students"),
        max_digits=8,
        decimal_places=3,
    )
    pe_arts_teachers_per_100 = models.DecimalField(
        _("PE and arts teachers per 100 students"), max_digits=8, decimal_places=3
    )
    floor_area_per_student = models.DecimalField(
        _("teaching and auxiliary floor area per student (m²)"), max_digits=8, decimal_places=3
    )
    ground_area_per_student = models.DecimalField(
        _("sports ground area per student (m²)"), max_digits=8, decimal_places=3
    )
    equipment_value_per_student = models.DecimalField(
        _("teaching equipment value per student (yuan)"), max_digits=10, decimal_places=2
    )
    multimedia_rooms_per_100 = models.DecimalField(
        _("networked multimedia classrooms per 100 students"), max_digits=8, decimal_places=3
    )

    class Meta:
        ordering = ["school__code", "stage"]
        verbose_name = _("school resources")
        verbose_name_plural = _("school resources")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "year", "stage"], name="one_resource_row_per_school_stage"
            ),
        ]

    def __str__(self):
        return f"{self.school} {self.year} {self.get_stage_display()}"

    def get_additional_data(self):
        return {"unit": self.school.unit.code}


class QualitativeScore(models.Model):
    """An assessor's score of a qualitative item (1, 2.2, 2.3a; 3.4b when not applied)."""

    assessment = models.ForeignKey(
        AssessmentYear, on_delete=models.CASCADE, related_name="qualitative_scores"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("county")
    )
    code = models.CharField(_("item"), max_length=6)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    parts = models.JSONField(_("part scores"), default=dict, blank=True)
    reason = models.TextField(_("reason"))
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("assessor"),
    )
    scored_at = models.DateTimeField(_("scored at"), auto_now=True)

    class Meta:
        verbose_name = _("qualitative score")
        verbose_name_plural = _("qualitative scores")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "unit", "code"], name="one_qualitative_score"
            ),
            models.CheckConstraint(
                name="qualitative_score_not_negative", condition=Q(score__gte=0)
            ),
        ]

    def __str__(self):
        return f"{self.unit} {self.code} {self.score}"

    def get_additional_data(self):
        return {"unit": self.unit.code}


def evidence_path(instance, filename: str) -> str:
    # A random folder per file: names never clash and cannot be guessed.
    unit, year, code = instance.unit.code, instance.year, instance.code
    return f"evidence/{unit}/{year}/{code}/{uuid.uuid4().hex}/{filename}"


class Evidence(models.Model):
    """A file supporting an item for a county-year, served only to those allowed to see it."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("county")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    code = models.CharField(_("item"), max_length=6)
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    description = models.CharField(_("description"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["code", "-uploaded_at"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self):
        return self.original_name

    def get_additional_data(self):
        return {"unit": self.unit.code}


class ItemResponse(models.Model):
    """A county's agreement or objection to one draft item, and the assessor's answer."""

    class Stance(models.TextChoices):
        AGREE = "agree", _("Agrees")
        CONTEST = "contest", _("Contests")

    assessment = models.ForeignKey(
        AssessmentYear, on_delete=models.CASCADE, related_name="responses"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("county")
    )
    code = models.CharField(_("item"), max_length=6)
    stance = models.CharField(_("stance"), max_length=8, choices=Stance.choices)
    comment = models.TextField(_("comment"), blank=True)
    evidence = models.ForeignKey(
        Evidence,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("evidence"),
    )
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    responded_at = models.DateTimeField(_("at"), auto_now_add=True)
    answer = models.TextField(_("assessor's answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["code", "responded_at"]
        verbose_name = _("county response")
        verbose_name_plural = _("county responses")
        constraints = [
            models.CheckConstraint(
                name="contest_needs_comment", condition=Q(stance="agree") | ~Q(comment="")
            ),
        ]

    def __str__(self):
        return f"{self.unit} {self.code} {self.get_stance_display()}"

    def get_additional_data(self):
        return {"unit": self.unit.code}
