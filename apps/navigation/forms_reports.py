"""The scope form of a navigation report (issue 19, "Navigation reports"): a title and the scope's parts as users
type them — IPC prefixes, keywords, applicants, a filing-year range, regions (provinces, Inner Mongolia's
prefectures and countries chosen from lists, or codes typed) and how IPC codes and keywords combine. The form
checks lengths and numbers only; the scope itself is checked by `scope.parse` in the service (its Chinese message
is shown above the form, everything typed kept)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import StyledForm

from . import schema
from .analyses.regions import COUNTRIES as ANALYSIS_COUNTRIES

# Countries offered in the list: the analyses' names (applicant countries; not the EP / WO offices); any other
# code may be typed.
COUNTRIES: dict[str, str] = {code: name for code, name in ANALYSIS_COUNTRIES.items() if code not in ("EP", "WO")}

TEXT_MAX = 2000


def prefecture_choices() -> list[tuple[str, str]]:
    """Inner Mongolia's prefectures (apps.reference), code → name, in the reference order."""
    from apps.reference.models import Prefecture

    return [(p.code, p.name) for p in Prefecture.objects.order_by("sort_order", "code")]


class ReportForm(StyledForm):
    title = forms.CharField(label=_("Report title"), max_length=200)
    ipc = forms.CharField(
        label=_("IPC codes"),
        required=False,
        max_length=TEXT_MAX,
        help_text=_(
            "Prefixes separated by spaces or commas, e.g. H01F1/057 C22C38 (a section, class, subclass or group)."
        ),
    )
    keywords = forms.CharField(
        label=_("Keywords"),
        required=False,
        max_length=TEXT_MAX,
        help_text=_(
            "Chinese or English words separated by spaces or commas, searched in titles, abstracts and claims."
        ),
    )
    combine = forms.ChoiceField(
        label=_("IPC codes and keywords"),
        choices=[("and", _("Both must match")), ("or", _("Either may match"))],
        initial="and",
        widget=forms.RadioSelect,
    )
    applicants = forms.CharField(
        label=_("Applicants"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Names or parts of names, one per line or separated by commas (any of them matches)."),
    )
    year_from = forms.IntegerField(label=_("Filing year from"), required=False, min_value=1900, max_value=2100)
    year_to = forms.IntegerField(label=_("Filing year to"), required=False, min_value=1900, max_value=2100)
    provinces = forms.MultipleChoiceField(
        label=_("Provinces (first applicant)"),
        required=False,
        choices=sorted(schema.PROVINCES.items()),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    prefectures = forms.MultipleChoiceField(
        label=_("Inner Mongolia prefectures (first applicant)"),
        required=False,
        choices=[],
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries (first applicant)"),
        required=False,
        choices=sorted(COUNTRIES.items()),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    regions = forms.CharField(
        label=_("Other region codes"),
        required=False,
        max_length=500,
        help_text=_("Typed codes: a province (15), an Inner Mongolia prefecture (150200) or a country (US)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prefectures"].choices = prefecture_choices()


def scope_data(cleaned: dict) -> dict:
    """The form's cleaned values as `scope.parse` reads them (the regions of the three lists and the typed ones)."""
    regions = [
        *cleaned.get("provinces", []),
        *cleaned.get("prefectures", []),
        *cleaned.get("countries", []),
    ]
    if cleaned.get("regions"):
        regions.append(cleaned["regions"])
    return {
        "ipc": cleaned.get("ipc") or "",
        "keywords": cleaned.get("keywords") or "",
        "applicants": cleaned.get("applicants") or "",
        "year_from": cleaned.get("year_from"),
        "year_to": cleaned.get("year_to"),
        "regions": regions,
        "combine": cleaned.get("combine") or "and",
    }


def initial_from_scope(scope: dict) -> dict:
    """A saved scope (`Scope.as_dict()`) as the form's initial values (to define a similar report)."""
    regions = scope.get("regions") or []
    prefectures = {code for code, _name in prefecture_choices()}
    return {
        "ipc": " ".join(scope.get("ipc") or []),
        "keywords": " ".join(scope.get("keywords") or []),
        "applicants": "\n".join(scope.get("applicants") or []),
        "year_from": scope.get("year_from"),
        "year_to": scope.get("year_to"),
        "combine": scope.get("combine") or "and",
        "provinces": [code for code in regions if code in schema.PROVINCES],
        "prefectures": [code for code in regions if code in prefectures],
        "countries": [code for code in regions if code in COUNTRIES],
        "regions": " ".join(
            code
            for code in regions
            if code not in schema.PROVINCES and code not in prefectures and code not in COUNTRIES
        ),
    }
