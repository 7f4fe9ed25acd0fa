import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from jiangmen_edu.models import ReportingYear, YearlyReturn


class ReturnDetailsForm(forms.ModelForm):
    class Meta:
        model = YearlyReturn
        fields = ["contact_name", "contact_phone", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ReasonForm(forms.Form):
    comment = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ReportingYearForm(forms.ModelForm):
    class Meta:
        model = ReportingYear
        fields = ["year", "due_date"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"})}

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2021 <= year <= datetime.date.today().year + 1:
            raise forms.ValidationError(_("Enter a year between 2021 and next year."))
        return year

    def validate_unique(self):
        # Re-opening an existing year only moves its due date; the service handles it.
        pass
