from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """A six-digit code from the authenticator app, or a recovery code."""

    token = forms.CharField(
        label=_("Verification code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "text",
                "autofocus": True,
                "class": "form-control-lg",
            }
        ),
    )


class UnlockForm(forms.Form):
    kind = forms.ChoiceField(choices=[("username", "username"), ("address", "address")])
    value = forms.CharField(max_length=255)
