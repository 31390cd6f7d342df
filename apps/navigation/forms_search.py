"""The prior-art search form: the invention's title, abstract and claims (a disclosure's, prefilled, or typed), and
— when the search starts from a disclosure — the dataset, among the center's datasets ready to be searched. The
limits are the service's (`services_search`: title 300, abstract and claims 20 000 characters each): a longer text
is refused with the field, the limit and its length, nothing cut. Choices come as keywords with defaults, so the
project-wide form walks can build the form empty."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import StyledForm

from .models import LandscapeDataset
from .services_search import SEARCH_TEXT_MAX, TITLE_MAX


class SearchForm(StyledForm):
    dataset = forms.ModelChoiceField(
        label=_("Dataset"),
        queryset=LandscapeDataset.objects.none(),
        help_text=_("The center's landscape dataset to search (only datasets with a current search index)."),
    )
    title = forms.CharField(label=_("Title of the invention"), max_length=TITLE_MAX)
    abstract = forms.CharField(
        label=_("Abstract"),
        required=False,
        max_length=SEARCH_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The problem solved and the technical solution, in Chinese or English."),
    )
    claims = forms.CharField(
        label=_("Claims of the invention"),
        required=False,
        max_length=SEARCH_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Optional: the claims as drafted."),
    )

    def __init__(self, *args, datasets=None, **kwargs):
        super().__init__(*args, **kwargs)
        if datasets is None:
            del self.fields["dataset"]
        else:
            self.fields["dataset"].queryset = datasets
