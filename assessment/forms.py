"""Forms of the assessment pages. They check the shape of the input; the services check the
rules (who, when, the allowed values of the year's configuration) again."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from assessment.models import ItemResponse, PreschoolStatus, SatisfactionSurvey
from assessment.scoring import ITEM_CODES
from jiangmen_edu.uploads import evidence_field

ITEM_CHOICES = [(code, code) for code in ITEM_CODES]


def fraction_field(label) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=Decimal(0),
        max_value=Decimal(1),
        max_digits=4,
        decimal_places=3,
        help_text=_("A fraction from 0 to 1, e.g. 0.85."),
    )


class OpenYearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class ComputeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (required once the results are published)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CentreForm(forms.Form):
    venue = fraction_field(_("Venue completion"))
    equipment = fraction_field(_("Equipment completion"))
    training = fraction_field(_("Training conducted"))


class PreschoolForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PreschoolStatus.Status.choices)


class SurveyForm(forms.Form):
    """Satisfied and respondents per respondent group; a group left blank is not surveyed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for group, label in SatisfactionSurvey.Group.choices:
            self.fields[f"{group}_respondents"] = forms.IntegerField(
                label=_("%(group)s: respondents") % {"group": label},
                min_value=0,
                required=False,
            )
            self.fields[f"{group}_satisfied"] = forms.IntegerField(
                label=_("%(group)s: satisfied") % {"group": label}, min_value=0, required=False
            )

    def rows(self):
        """(label, respondents field, satisfied field) per group, for the template."""
        return [
            (label, self[f"{group}_respondents"], self[f"{group}_satisfied"])
            for group, label in SatisfactionSurvey.Group.choices
        ]

    def clean(self):
        data = super().clean()
        for group, _label in SatisfactionSurvey.Group.choices:
            respondents = data.get(f"{group}_respondents")
            satisfied = data.get(f"{group}_satisfied")
            if (respondents is None) != (satisfied is None):
                self.add_error(
                    f"{group}_respondents", _("Fill in both numbers, or leave both blank.")
                )
        return data

    def groups(self) -> dict[str, tuple[int, int] | None]:
        data = self.cleaned_data
        result = {}
        for group, _label in SatisfactionSurvey.Group.choices:
            respondents = data.get(f"{group}_respondents")
            satisfied = data.get(f"{group}_satisfied")
            result[group] = None if respondents is None else (satisfied, respondents)
        return result


class EvidenceForm(forms.Form):
    code = forms.ChoiceField(label=_("Item"), choices=ITEM_CHOICES)
    file = evidence_field(label=_("File"))
    description = forms.CharField(label=_("Description"), max_length=200, required=False)


class ScoreForm(forms.Form):
    """A qualitative item of one score (2.2, 2.3a, 3.4b)."""

    score = forms.DecimalField(label=_("Score"), max_digits=5, decimal_places=2, min_value=0)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4}))


class ResponsibilityForm(forms.Form):
    """Item 1: its two parts, each with a score and a reason."""

    teacher_policy_score = forms.DecimalField(
        label=_("Teacher-policy results: score"), max_digits=5, decimal_places=2, min_value=0
    )
    teacher_policy_reason = forms.CharField(
        label=_("Teacher-policy results: reason"), widget=forms.Textarea(attrs={"rows": 3})
    )
    seat_supply_score = forms.DecimalField(
        label=_("Seat-supply plan and its execution: score"),
        max_digits=5,
        decimal_places=2,
        min_value=0,
    )
    seat_supply_reason = forms.CharField(
        label=_("Seat-supply plan and its execution: reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def parts(self) -> dict[str, tuple[Decimal, str]]:
        data = self.cleaned_data
        return {
            key: (data[f"{key}_score"], data[f"{key}_reason"])
            for key in ("teacher_policy", "seat_supply")
        }


class ResponseForm(forms.Form):
    code = forms.ChoiceField(label=_("Item"), choices=ITEM_CHOICES, widget=forms.HiddenInput)
    stance = forms.ChoiceField(label=_("Your position"), choices=ItemResponse.Stance.choices)
    comment = forms.CharField(
        label=_("Comment (required to contest)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    file = evidence_field(label=_("Evidence (optional)"), required=False)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 2}))
