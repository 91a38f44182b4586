from django import forms
from django.core.validators import RegexValidator


class CodeField(forms.CharField):
    """Six digits; apps show them as "123 456", so spaces are dropped."""

    default_validators = [
        RegexValidator(r"^[0-9]{6}$", "Enter the 6 digits the app shows.")
    ]

    def to_python(self, value) -> str:
        return super().to_python(value).replace(" ", "")


class CodeForm(forms.Form):
    code = CodeField(
        label="6-digit code from your authenticator app",
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )
