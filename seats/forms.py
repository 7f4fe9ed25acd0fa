"""Forms of the seat pages; every choice is limited to the editor's own unit.

Forms check single fields; rules that need the database or the acting user are the services'
(they raise `ValidationError`s keyed by these forms' field names).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from jiangmen_edu.models import School, Township, Unit, User
from jiangmen_edu.uploads import evidence_field
from seats import rules
from seats.models import (
    EnrolmentYear,
    PlanPeriod,
    Project,
    SeatStage,
)
from seats.selectors.quotas import COLUMNS
from seats.services.projects import PROJECT_FIELDS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SEATS = {"min_value": 0, "max_value": 10_000_000}


class PeriodForm(forms.ModelForm):
    class Meta:
        model = PlanPeriod
        fields = ["name", "start_year", "end_year", "city_target"]


class QuotaTableForm(forms.Form):
    """The quota table of a period: one row of four figures per unit."""

    def __init__(self, *args, units: list[Unit], quotas: dict[int, object], **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units
        for unit in units:
            quota = quotas.get(unit.pk)
            for column in COLUMNS:
                self.fields[f"{unit.code}_{column}"] = forms.IntegerField(
                    label=f"{unit.name} {column}",
                    initial=getattr(quota, column) if quota else 0,
                    **SEATS,
                )

    def rows(self) -> list[tuple[Unit, list]]:
        return [(unit, [self[f"{unit.code}_{c}"] for c in COLUMNS]) for unit in self.units]

    def figures(self) -> dict[Unit, dict[str, int]]:
        return {
            unit: {c: self.cleaned_data[f"{unit.code}_{c}"] for c in COLUMNS} for unit in self.units
        }


class PlanForm(forms.Form):
    """A unit's yearly plan: planned seats per stage and year, and explanations."""

    def __init__(self, *args, period: PlanPeriod, plan: dict, explanations: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.period = period
        for stage in SeatStage.values:
            for year in period.years:
                self.fields[f"seats_{year}_{stage}"] = forms.IntegerField(
                    label=f"{year} {SeatStage(stage).label}",
                    required=False,
                    initial=plan.get((year, stage)),
                    **SEATS,
                )
            self.fields[f"explanation_{stage}"] = forms.CharField(
                label=_("Why the plan differs from the quota"),
                required=False,
                initial=explanations.get(stage, ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def grid(self):
        """(stage label, stage, [(year, bound field)], explanation field) per stage."""
        return [
            (
                SeatStage(stage).label,
                stage,
                [(year, self[f"seats_{year}_{stage}"]) for year in self.period.years],
                self[f"explanation_{stage}"],
            )
            for stage in SeatStage.values
        ]

    def seats(self) -> dict[tuple[int, str], int | None]:
        return {
            (year, stage): self.cleaned_data[f"seats_{year}_{stage}"]
            for stage in SeatStage.values
            for year in self.period.years
        }

    def explanations(self) -> dict[str, str]:
        return {stage: self.cleaned_data[f"explanation_{stage}"] for stage in SeatStage.values}


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = list(PROJECT_FIELDS)
        widgets = {
            "start_date": DATE_WIDGET,
            "planned_completion": DATE_WIDGET,
            "completed_on": DATE_WIDGET,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].queryset = Township.objects.filter(unit_id=user.unit_id)
        self.fields["school"].queryset = School.objects.filter(unit_id=user.unit_id).order_by(
            "code"
        )
        self.unit_id = user.unit_id

    def validate_unique(self):
        # The unit is set by the service, so check the number within the editor's unit here.
        code = self.cleaned_data.get("code")
        clash = Project.objects.filter(unit_id=self.unit_id, code=code)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if code and clash.exists():
            self.add_error("code", _("Your unit already has a project with this number."))


class ProjectYearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    seats_planned = forms.IntegerField(label=_("Seats planned in the year"), initial=0, **SEATS)
    seats_delivered = forms.IntegerField(label=_("Seats delivered in the year"), initial=0, **SEATS)
    boarding_planned = forms.IntegerField(
        label=_("Boarding seats planned in the year"), initial=0, **SEATS
    )
    boarding_delivered = forms.IntegerField(
        label=_("Boarding seats delivered in the year"), initial=0, **SEATS
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, year) for year in years]


class EvidenceForm(forms.Form):
    file = evidence_field(label=_("File"))
    description = forms.CharField(label=_("Description"), max_length=200, required=False)


class EnrolmentForm(forms.ModelForm):
    class Meta:
        model = EnrolmentYear
        fields = [
            "public_students",
            "purchased_students",
            "private_students",
            "private_seats_converted",
            "boarding_target",
            "boarding_completed",
            "population",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class BoardingSchoolForm(forms.Form):
    school = forms.ModelChoiceField(label=_("School"), queryset=School.objects.none())
    boarding_places = forms.IntegerField(label=_("Boarding places"), initial=0, **SEATS)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.filter(
            unit_id=user.unit_id,
            ownership=School.Ownership.PUBLIC,
            school_type__in=rules.COMPULSORY_SCHOOL_TYPES,
        ).order_by("code")


class QuotaUploadForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx or .xls)"))
