from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import StyledForm

from .models import DEFAULT_DIGEST_TIME, EmailMode, Kind, mode_of


def mode_field_name(kind: str) -> str:
    return f"mode_{kind}"


class PreferencesForm(StyledForm):
    """One radio group per kind (no e-mail / immediately / daily digest) and the digest's time of day (HH:MM)."""

    digest_time = forms.TimeField(
        label=_("Daily digest time"),
        input_formats=["%H:%M"],
        widget=forms.TimeInput(attrs={"type": "time", "step": 60, "class": "w-auto"}, format="%H:%M"),
        help_text=_("Local time (Beijing time). The digest is sent once a day, within five minutes of this time."),
        error_messages={"invalid": _("Enter a time of day as hours and minutes, for example 08:00.")},
    )

    def __init__(self, *args, preference=None, **kwargs):
        # `preference`: the user's row (services.preferences_of); None shows the defaults
        digest_time = preference.digest_time if preference is not None else DEFAULT_DIGEST_TIME
        initial = {"digest_time": digest_time}
        initial.update({mode_field_name(kind): mode_of(preference, kind) for kind in Kind.values})
        super().__init__(*args, initial=initial, **kwargs)
        fields = {}
        for kind, label in Kind.choices:
            fields[mode_field_name(kind)] = forms.ChoiceField(
                label=label,
                choices=EmailMode.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose how these notifications are e-mailed."),
                    "invalid_choice": _("Choose no e-mail, immediately or daily digest."),
                },
            )
        # the kinds first, the time last
        self.fields = {**fields, "digest_time": self.fields["digest_time"]}
        for name in fields:
            self.fields[name].widget.attrs["class"] = "form-check-input"

    def mode_rows(self):
        """(kind label, bound field) per kind, for the table of the page."""
        return [(label, self[mode_field_name(kind)]) for kind, label in Kind.choices]

    def email_modes(self) -> dict[str, str]:
        return {kind: self.cleaned_data[mode_field_name(kind)] for kind in Kind.values}
