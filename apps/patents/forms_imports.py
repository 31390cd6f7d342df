"""The import's forms: the upload, the column mapping (one select of `records.FIELDS` per column of the file), a
template to save or apply. The services check everything again (`imports.check_mapping`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import StyledForm

from . import records

NOT_IMPORTED = ""


class UploadForm(StyledForm):
    file = forms.FileField(
        label=_("Exported file"),
        help_text=_(
            "The file as downloaded from incoPat, Patentics or another patent database, unchanged: .xlsx or .csv "
            "(UTF-8 or GB18030), at most 100 000 rows."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".xlsx,.csv"


def field_choices():
    return [(NOT_IMPORTED, _("— not imported —"))] + [(key, spec.label) for key, spec in records.FIELDS.items()]


class MappingForm(StyledForm):
    """One select per column of the file: `column_<i>` = the field that column fills (or not imported)."""

    def __init__(self, *args, headers=(), mapping=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.headers = list(headers)
        by_column = {int(column): key for key, column in (mapping or {}).items()}
        for index, header in enumerate(self.headers):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=header or _("column %(n)s") % {"n": index + 1},
                choices=field_choices(),
                required=False,
                initial=by_column.get(index, NOT_IMPORTED),
            )

    def rows(self):
        """(column index, header, bound field) for the template's table."""
        return [(i, header, self[f"column_{i}"]) for i, header in enumerate(self.headers)]

    def clean(self):
        cleaned = super().clean()
        mapping, seen = {}, {}
        for index in range(len(self.headers)):
            key = cleaned.get(f"column_{index}") or NOT_IMPORTED
            if key == NOT_IMPORTED:
                continue
            if key in seen:
                self.add_error(
                    f"column_{index}",
                    _("“%(field)s” is already chosen for the column “%(other)s”.")
                    % {"field": records.FIELDS[key].label, "other": self.headers[seen[key]] or seen[key] + 1},
                )
                continue
            seen[key] = index
            mapping[key] = index
        cleaned["mapping"] = mapping
        return cleaned


class TemplateSaveForm(StyledForm):
    name = forms.CharField(
        label=_("Template name"), max_length=100, help_text=_("Saved with the column headers, for the next file.")
    )


class TemplateApplyForm(StyledForm):
    template = forms.ModelChoiceField(label=_("Template"), queryset=None, empty_label=_("— please choose —"))

    def __init__(self, *args, templates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates
