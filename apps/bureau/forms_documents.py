"""The documents' forms: a new document with the text of its first draft (`DocumentForm`), a draft's edit
(`DraftForm`: 文号, effective date, the measures' articles it implements as checkboxes of 第一条 … 第十九条, summary,
text, what changed). The limits are the model's; the service checks the articles and the text again
(`services_documents`). The publish, new-draft and delete buttons post bare forms (a confirmation)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import inputs
from apps.core.forms import StyledForm

from .models import PolicyDocument, PolicyDocumentVersion
from .services_documents import ARTICLES

_version = PolicyDocumentVersion._meta.get_field


class DocumentForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=[("", ""), *PolicyDocument.Kind.choices])
    title = forms.CharField(label=_("Title"), max_length=PolicyDocument._meta.get_field("title").max_length)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=_version("summary").max_length,
        help_text=_("One or two sentences shown in the library and on the public site."),
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=_version("body").max_length,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Plain text; blank lines separate paragraphs."),
    )


class DraftForm(StyledForm):
    doc_number = forms.CharField(
        label=_("Document number"),
        required=False,
        max_length=_version("doc_number").max_length,
        help_text=_("e.g. 内市监知发〔2026〕12号; needed to publish."),
    )
    effective_on = forms.DateField(
        label=_("Effective date"),
        required=False,
        validators=[inputs.BUSINESS_DATES],
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The day the version takes effect; needed to publish."),
    )
    articles = forms.MultipleChoiceField(
        label=_("Articles of the measures implemented"),
        required=False,
        choices=[(article, article) for article in ARTICLES],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "articles"}),
    )
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=_version("summary").max_length,
        help_text=_("One or two sentences shown in the library and on the public site."),
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=_version("body").max_length,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Plain text; blank lines separate paragraphs."),
    )
    change_note = forms.CharField(
        label=_("What this version changes"),
        required=False,
        max_length=_version("change_note").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What this version changes from the one in force (shown with the version)."),
    )

    @classmethod
    def of(cls, version, data=None):
        initial = {name: getattr(version, name) for name in ("doc_number", "effective_on", "summary", "body")}
        initial["articles"] = list(version.articles or [])
        initial["change_note"] = version.change_note
        return cls(data, initial=initial)
