"""The portfolio's forms: a patent (create, edit prefilled), a legal-status step, a family member, an award.

The rules are the services' (`portfolio.check_fields`, itself `numbers.normalise` + `records.check_record`): the
patent form calls them in `clean()` so that each reason stands at its field and nothing typed is lost; the service
checks again when it writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import StyledForm

from . import portfolio
from .models import Award, FamilyMember, Patent

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}
SEPARATED = _("Several: separate them with “;”.")


def _label(name):
    return Patent._meta.get_field(name).verbose_name


def _max(name):
    return Patent._meta.get_field(name).max_length


class PatentForm(StyledForm):
    """A patent entered by form. `center`: whose portfolio (the views always give it); `patent`: the record
    edited (its values prefilled, its version stamp carried in `seen`), None for a new one."""

    application_number = forms.CharField(
        label=_label("application_number"),
        max_length=64,
        help_text=_(
            "As the office wrote it: 201611162814.0, CN201611162814.0, ZL201611162814.0 or 97101765.4 before "
            "October 2003; a foreign or PCT number as written (US10123456B2, PCT/CN2018/123456)."
        ),
    )
    patent_type = forms.ChoiceField(
        label=_label("patent_type"),
        choices=[("", _("— from the number —")), *Patent.Type.choices],
        required=False,
        help_text=_(
            "A Chinese number's type digit says it (1 invention, 2 utility model, 3 design); choose it for a "
            "foreign number."
        ),
    )
    title = forms.CharField(label=_label("title"), max_length=_max("title"))
    abstract = forms.CharField(label=_label("abstract"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    applicants = forms.CharField(label=_label("applicants"), required=False, max_length=2000, help_text=SEPARATED)
    inventors = forms.CharField(label=_label("inventors"), required=False, max_length=2000, help_text=SEPARATED)
    inventors_withheld = forms.BooleanField(
        label=_("Inventors withheld at their request (不公告发明人)"), required=False
    )
    ipc_main = forms.CharField(label=_label("ipc_main"), required=False, max_length=_max("ipc_main"))
    ipc_codes = forms.CharField(
        label=_label("ipc_codes"), required=False, max_length=2000, help_text=_("e.g. G06F 16/783; G06F 15/173")
    )
    filing_date = forms.DateField(label=_label("filing_date"), **DATE)
    publication_number = forms.CharField(
        label=_label("publication_number"), required=False, max_length=_max("publication_number")
    )
    publication_date = forms.DateField(label=_label("publication_date"), required=False, **DATE)
    grant_date = forms.DateField(label=_label("grant_date"), required=False, **DATE)
    legal_status = forms.ChoiceField(label=_label("legal_status"), choices=Patent.LegalStatus.choices)
    legal_status_on = forms.DateField(
        label=_label("legal_status_on"), required=False, help_text=_("Blank: the filing date."), **DATE
    )
    priority_number = forms.CharField(
        label=_label("priority_number"), required=False, max_length=_max("priority_number")
    )
    priority_date = forms.DateField(label=_label("priority_date"), required=False, **DATE)
    is_pct = forms.BooleanField(label=_label("is_pct"), required=False)
    pct_number = forms.CharField(label=_label("pct_number"), required=False, max_length=_max("pct_number"))
    claims_count = forms.IntegerField(label=_label("claims_count"), required=False, min_value=0, max_value=100000)
    cited_by_count = forms.IntegerField(label=_label("cited_by_count"), required=False, min_value=0, max_value=10**6)
    cites_count = forms.IntegerField(label=_label("cites_count"), required=False, min_value=0, max_value=10**6)
    tasks = forms.MultipleChoiceField(
        label=_("Contract tasks it serves (Art. 13)"),
        choices=portfolio.TASK_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    seen = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, center=None, patent: Patent | None = None, **kwargs):
        self.center = center
        self.patent = patent
        if patent is not None and not args and "initial" not in kwargs:
            kwargs["initial"] = initial_of(patent)
        super().__init__(*args, **kwargs)
        if patent is not None:  # the status moves through its own form (the history keeps every step)
            del self.fields["legal_status"]
            del self.fields["legal_status_on"]
        else:
            del self.fields["seen"]

    def values(self) -> dict:
        """What the service receives (the cleaned data without the version stamp)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "seen"}

    def clean(self):
        cleaned = super().clean()
        if self.errors or self.center is None:  # no center: the fields alone (the service checks the rest)
            return cleaned
        fields = {k: v for k, v in cleaned.items() if k != "seen"}
        _values, problems = portfolio.check_fields(self.center, fields, patent=self.patent)
        for name, reason in problems:
            self.add_error(name if name in self.fields else None, reason)
        return cleaned


def initial_of(patent: Patent) -> dict:
    return {
        "application_number": patent.display_number,
        "patent_type": patent.patent_type,
        "title": patent.title,
        "abstract": patent.abstract,
        "applicants": "; ".join(patent.applicants),
        "inventors": "; ".join(patent.inventors),
        "inventors_withheld": patent.inventors_withheld,
        "ipc_main": patent.ipc_main,
        "ipc_codes": "; ".join(patent.ipc_codes),
        "filing_date": patent.filing_date,
        "publication_number": patent.publication_number,
        "publication_date": patent.publication_date,
        "grant_date": patent.grant_date,
        "priority_number": patent.priority_number,
        "priority_date": patent.priority_date,
        "is_pct": patent.is_pct,
        "pct_number": patent.pct_number,
        "claims_count": patent.claims_count,
        "cited_by_count": patent.cited_by_count,
        "cites_count": patent.cites_count,
        "tasks": list(patent.tasks),
        "seen": portfolio.stamp(patent),
    }


class StatusForm(StyledForm):
    status = forms.ChoiceField(label=_label("legal_status"), choices=Patent.LegalStatus.choices)
    on = forms.DateField(label=_("Since"), **DATE)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=500,
        help_text=_("The gazette or the office's notice, e.g. “授权公告 2023-05-12”."),
    )


class FamilyForm(StyledForm):
    number = forms.CharField(
        label=_("Number of the family member"),
        max_length=64,
        help_text=_("A publication or application number of another office: US20190123456A1, EP3456789A1…"),
    )
    country = forms.CharField(
        label=FamilyMember._meta.get_field("country").verbose_name,
        required=False,
        max_length=8,
        help_text=_("Two letters (US, EP, WO, JP, HK…); blank: the number's first two letters."),
    )


class AwardForm(StyledForm):
    kind = forms.ChoiceField(label=Award._meta.get_field("kind").verbose_name, choices=Award.Kind.choices)
    name = forms.CharField(label=Award._meta.get_field("name").verbose_name, max_length=200)
    awarded_on = forms.DateField(label=Award._meta.get_field("awarded_on").verbose_name, **DATE)
