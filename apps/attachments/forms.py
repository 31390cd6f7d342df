from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from apps.core.forms import StyledForm

from . import sniffing
from .models import kind_validator


class UploadForm(StyledForm):
    """One file for one owner. `kind` is a choice among the owner type's kinds, or fixed (hidden) when the page
    shows the files of a single kind."""

    file = forms.FileField(label=_("File"))
    kind = forms.ChoiceField(label=_("Document kind"))
    panel_kind = forms.CharField(required=False, widget=forms.HiddenInput)
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, entry, kind: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = entry.kind_choices()
        if kind:
            self.fields["kind"] = forms.ChoiceField(
                choices=[(kind, entry.kind_label(kind))], initial=kind, widget=forms.HiddenInput
            )
        elif choices:
            self.fields["kind"].choices = choices
        else:
            self.fields["kind"] = forms.CharField(label=_("Document kind"), max_length=40, validators=[kind_validator])
        file_field = self.fields["file"]
        file_field.widget.attrs["accept"] = ",".join(sniffing.allowed_extensions())
        file_field.help_text = _("Accepted: %(types)s; at most %(limit)s MB.") % {
            "types": sniffing.allowed_labels(),
            "limit": f"{settings.ATTACHMENT_MAX_BYTES / (1024 * 1024):g}",
        }
        if file_field.help_text:
            file_field.widget.attrs["aria-describedby"] = f"id_{self.add_prefix('file')}_helptext"

    def refuse(self, message) -> None:
        """Show a service's refusal on the file field, marked invalid like a validation error."""
        self.add_error("file", message)
        widget = self.fields["file"].widget
        if "is-invalid" not in widget.attrs.get("class", ""):
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
        widget.attrs["aria-invalid"] = "true"
