"""Forms of the ledger's record pages; every choice is limited to the editor's own unit.

The forms check single fields and the pairs the model's constraints cover, with readable
messages; rules that need the database or the acting user are the services' (the messages
are shared through `teachers.services`).
"""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiangmen_edu.models import ReportingYear, School, User
from teachers import services
from teachers.models import (
    Post,
    PrincipalAppointment,
    PrincipalSemester,
    ResearcherDuty,
    Staff,
    StaffYear,
    TalentTitle,
    TrainingRecord,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StaffNumberField(forms.ModelChoiceField):
    """A staff member typed by number, looked up in the editor's unit only.

    A text box, not a drop-down: a county has thousands of staff, and editors work from
    lists of staff numbers.
    """

    widget = forms.TextInput
    default_error_messages = {
        "invalid_choice": _("No staff member with this number in your unit."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("label", capfirst(Staff._meta.get_field("staff_no").verbose_name))
        super().__init__(queryset=Staff.objects.none(), to_field_name="staff_no", **kwargs)

    def to_python(self, value):
        return super().to_python(value.strip() if isinstance(value, str) else value)


class RecordForm(forms.ModelForm):
    """Limits staff, schools and years to what `user` may write."""

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        if "staff" in self.fields:
            field = self.fields["staff"]
            field.queryset = Staff.objects.filter(unit_id=user.unit_id)
            if self.instance.pk:
                self.initial["staff"] = self.instance.staff.staff_no
                field.help_text = str(self.instance.staff)
        if "school" in self.fields:
            self.fields["school"].queryset = School.objects.filter(unit_id=user.unit_id)
        if "year" in self.fields:
            self.fields["year"] = self._year_field(self.fields["year"])

    def _year_field(self, field: forms.Field) -> forms.TypedChoiceField:
        """Only the years the city has opened can take data."""
        years = list(ReportingYear.objects.values_list("year", flat=True))
        current = self.instance.year if self.instance.pk else None
        if current is not None and current not in years:
            years.insert(0, current)
        return forms.TypedChoiceField(
            label=field.label,
            coerce=int,
            choices=[(year, year) for year in years],
            initial=current if current is not None else (years[0] if years else None),
        )


class StaffYearForm(RecordForm):
    staff_no = forms.CharField(
        label=capfirst(Staff._meta.get_field("staff_no").verbose_name),
        max_length=Staff._meta.get_field("staff_no").max_length,
        help_text=_(
            "A new number adds the person to your unit; a known number must come with the "
            "same name."
        ),
    )
    name = forms.CharField(
        label=pgettext_lazy("person", "Name"),
        max_length=Staff._meta.get_field("name").max_length,
    )

    field_order = ["staff_no", "name"]

    class Meta:
        model = StaffYear
        fields = [
            "year",
            "school",
            "stage",
            "post",
            "employment",
            "degree",
            "title",
            "subject",
            "teaching_years",
            "management_years",
            "annual_pay",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("staff_no", self.instance.staff.staff_no)
            self.initial.setdefault("name", self.instance.staff.name)
        self.fields["school"].help_text = _("Leave empty only for teaching researchers.")

    def clean_annual_pay(self):
        pay = self.cleaned_data["annual_pay"]
        if pay is not None and pay < 0:
            raise forms.ValidationError(services.PAY_NOT_NEGATIVE)
        return pay

    def clean(self):
        cleaned = super().clean()
        post = cleaned.get("post")
        if post and post != Post.RESEARCHER and not cleaned.get("school"):
            self.add_error("school", services.SCHOOL_REQUIRED)
        return cleaned


class TrainingRecordForm(RecordForm):
    staff = StaffNumberField()

    class Meta:
        model = TrainingRecord
        fields = ["staff", "date", "hours", "level", "provider", "course", "is_qualification"]
        widgets = {"date": DATE_WIDGET}

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if hours is not None and hours <= 0:
            raise forms.ValidationError(services.HOURS_POSITIVE)
        return hours


class TalentTitleForm(RecordForm):
    staff = StaffNumberField()

    class Meta:
        model = TalentTitle
        fields = ["staff", "kind", "level", "year"]


class PrincipalAppointmentForm(RecordForm):
    staff = StaffNumberField()

    class Meta:
        model = PrincipalAppointment
        fields = [
            "staff",
            "school",
            "start_date",
            "end_date",
            "consecutive_term",
            "probation_passed",
        ]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET}

    def clean_consecutive_term(self):
        term = self.cleaned_data["consecutive_term"]
        if term is not None and term < 1:
            raise forms.ValidationError(services.TERM_AT_LEAST_ONE)
        return term

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end <= start:
            self.add_error("end_date", services.END_AFTER_START)
        return cleaned


class PrincipalSemesterForm(RecordForm):
    staff = StaffNumberField()

    class Meta:
        model = PrincipalSemester
        fields = ["staff", "year", "semester", "lessons_observed"]


class ResearcherDutyForm(RecordForm):
    staff = StaffNumberField()

    class Meta:
        model = ResearcherDuty
        fields = [
            "staff",
            "year",
            "level",
            "guidance_days",
            "lessons_observed",
            "public_lessons",
            "in_post_since",
            "school_practice_done",
        ]


class NoResearchersForm(forms.Form):
    """The county's statement that it has no teaching researchers in a year, for one of `years`:
    those whose teachers return the editor may still change and that have no statement yet."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    note = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional: why the county has no teaching researchers this year."),
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, year) for year in sorted(years, reverse=True)]
