"""The city administrator's form of a year's rule settings: one row per rule."""

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.db import transaction
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from jiangmen_edu.models import ReportingYear, Section, User
from jiangmen_edu.quality import editing
from jiangmen_edu.quality.services import RuleChoice


@dataclass(frozen=True)
class SettingRow:
    """A rule in the catalogue; with the form's inputs for the city administrator."""

    choice: RuleChoice
    enabled: BoundField | None = None
    threshold: BoundField | None = None

    @property
    def section_label(self) -> str:
        return Section(self.choice.rule.section).label


class RuleSettingsForm(forms.Form):
    """`<code>-enabled` for every rule, `<code>-threshold` for the rules that have one."""

    def __init__(self, choices: list[RuleChoice], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = choices
        for choice in choices:
            code = choice.rule.code
            self.fields[f"{code}-enabled"] = forms.BooleanField(
                required=False,
                initial=choice.enabled,
                widget=forms.CheckboxInput(
                    attrs={
                        "class": "form-check-input",
                        "aria-label": _("%(code)s enabled") % {"code": code},
                    }
                ),
            )
            if choice.rule.default_threshold is not None:
                self.fields[f"{code}-threshold"] = forms.DecimalField(
                    min_value=0,
                    max_digits=9,
                    decimal_places=2,
                    initial=choice.threshold,
                    widget=forms.NumberInput(
                        attrs={
                            "class": "form-control form-control-sm",
                            "step": "any",
                            "aria-label": f"{code} {choice.rule.threshold_label}",
                        }
                    ),
                )

    @property
    def rows(self) -> list[SettingRow]:
        return [
            SettingRow(
                choice,
                self[f"{choice.rule.code}-enabled"],
                self[f"{choice.rule.code}-threshold"]
                if choice.rule.default_threshold is not None
                else None,
            )
            for choice in self.choices
        ]

    def changes(self) -> list[tuple[str, bool, Decimal | None]]:
        """(code, enabled, threshold) of every rule whose setting the form changes."""
        changed = []
        for choice in self.choices:
            code = choice.rule.code
            enabled = self.cleaned_data[f"{code}-enabled"]
            threshold = self.cleaned_data.get(f"{code}-threshold")
            if (enabled, threshold) != (choice.enabled, choice.threshold):
                changed.append((code, enabled, threshold))
        return changed

    def save(self, *, user: User, reporting_year: ReportingYear) -> int:
        """Save every changed rule, all or nothing; returns how many changed.

        `editing.setting_save` checks the role and the threshold again and raises
        `WorkflowError`, which rolls back the rules saved before it.
        """
        changed = self.changes()
        with transaction.atomic():
            for code, enabled, threshold in changed:
                editing.setting_save(
                    user=user,
                    reporting_year=reporting_year,
                    code=code,
                    enabled=enabled,
                    threshold=threshold,
                )
        return len(changed)
