from django import forms

from . import inputs, text


def _readable_empty_choice(field) -> None:
    """Django's "---------" placeholder reads as a glitch; say what to do instead."""
    from django.utils.translation import gettext_lazy as _

    label = _("— please choose —")
    if isinstance(field, forms.ModelChoiceField) and field.empty_label is not None:
        field.empty_label = label
    elif isinstance(field, forms.TypedChoiceField | forms.ChoiceField) and not isinstance(
        field, forms.ModelChoiceField
    ):
        choices = list(field.choices)
        if choices and choices[0][0] == "" and str(choices[0][1]).strip("-") == "":
            field.choices = [("", label), *choices[1:]]


class StyledFormMixin:
    """Bootstrap classes and ARIA attributes on every widget, so templates stay one include."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        inputs.harden_form(self)  # limits, strict numbers, date ranges, phone formats (apps/core/inputs.py)
        for name, field in self.fields.items():
            _readable_empty_choice(field)
            widget = field.widget
            if isinstance(widget, forms.DateInput) and widget.input_type == "date":
                # <input type="date"> reads and shows only ISO dates (HTML: "valid date string"); the zh-hans input
                # format (2026/11/30) would leave the field blank in the browser and the date lost on the next save.
                widget.format = "%Y-%m-%d"
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
                css = "form-check-input"  # (RadioSelect subclasses Select: test it first)
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            if css:
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if field.help_text:
                widget.attrs.setdefault("aria-describedby", f"id_{self.add_prefix(name)}_helptext")

    def __getitem__(self, name):
        # A field a form added after its __init__ (a human check, a score) gets the input rules before it is shown.
        if name in self.fields:
            inputs.harden_field(self, name, self.fields[name])
        return super().__getitem__(name)

    def full_clean(self):
        text.normalise_form(self)  # NFC, no invisible controls (apps/core/text.py); before any validator
        inputs.harden_form(self)  # again, for fields a form added after its __init__ (apps/core/inputs.py)
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
                widget.attrs["aria-invalid"] = "true"


class StyledForm(StyledFormMixin, forms.Form):
    pass


class StyledModelForm(StyledFormMixin, forms.ModelForm):
    pass


class ReasonForm(StyledForm):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000)
