"""The forms of landscape datasets: the dataset's fields (create, edit) and the upload. The services check
everything again (`services_datasets`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import StyledForm

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


class DatasetForm(StyledForm):
    name = forms.CharField(label=_("Dataset name"), max_length=100)
    source = forms.CharField(
        label=_("Data source"),
        max_length=100,
        help_text=_("The database the records come from: incoPat, Patentics, CNIPA…"),
    )
    cutoff_date = forms.DateField(
        label=_("Data cut-off date"),
        required=False,
        help_text=_("The date up to which the database was searched (readers of a report need it)."),
        **DATE,
    )
    description = forms.CharField(
        label=_("Description"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    @classmethod
    def of(cls, dataset, data=None):
        initial = {
            "name": dataset.name,
            "source": dataset.source,
            "cutoff_date": dataset.cutoff_date,
            "description": dataset.description,
        }
        return cls(data, initial=initial)


class UploadForm(StyledForm):
    file = forms.FileField(
        label=_("File to import"),
        help_text=_(
            "An export of incoPat, Patentics or another patent database as downloaded (.xlsx, .xls or .csv), or JSON "
            "lines (.jsonl, one record per line). Records already in the dataset are replaced by the file's."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".xlsx,.xls,.csv,.jsonl,.ndjson"
