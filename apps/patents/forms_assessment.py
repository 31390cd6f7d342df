"""The pre-filing assessment's forms: a disclosure (its text, inventors, a first document), the assessment (four
scores, the conclusion, the reasons, the date, the IP council's decision), naming the assessor, linking the patent,
asking for a re-assessment, and the center's weights. The rules themselves are the services' (`assessment.py`):
scores are text here, read strictly by the service, so a score of 150 or "abc" is refused there with the Chinese
message and the form shown again with everything typed. Forms take their choices as keywords with defaults, so the
project-wide form walks can build them empty."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import inputs
from apps.core.forms import StyledForm

from .models import Disclosure, PreFilingAssessment

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}
SCORE_HELP = _("0–100, at most two decimals.")


def _text(name, label, *, rows=4, help_text=""):
    field = Disclosure._meta.get_field(name)
    return forms.CharField(
        label=label,
        required=not field.blank,
        max_length=field.max_length or inputs.TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


class DisclosureForm(StyledForm):
    title = forms.CharField(label=_("Title"), max_length=Disclosure._meta.get_field("title").max_length)
    technical_field = _text(
        "technical_field",
        _("Technical field"),
        rows=2,
        help_text=_("The field of technology the invention belongs to."),
    )
    problem = _text("problem", _("Problem solved"), rows=3, help_text=_("The technical problem the invention solves."))
    solution = _text(
        "solution", _("Technical solution"), rows=6, help_text=_("The technical solution and the effects it achieves.")
    )
    claims_draft = _text(
        "claims_draft", _("Draft claims"), rows=6, help_text=_("Optional: the claims as first drafted.")
    )
    inventors = forms.CharField(
        label=_("Inventors"),
        max_length=2000,
        help_text=_("Names separated by “;” or “、”, in order."),
    )
    document = forms.FileField(
        label=_("Disclosure document"),
        required=False,
        help_text=_("Optional: the technical disclosure (PDF or Word); more files can be added to the draft later."),
    )

    def __init__(self, *args, with_document=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_document:
            del self.fields["document"]


class AssessmentForm(StyledForm):
    technical = forms.CharField(label=_("Technical height"), max_length=20, help_text=SCORE_HELP)
    market = forms.CharField(label=_("Market prospects"), max_length=20, help_text=SCORE_HELP)
    drafting = forms.CharField(label=_("Drafting quality"), max_length=20, help_text=SCORE_HELP)
    layout = forms.CharField(label=_("Layout fit"), max_length=20, help_text=SCORE_HELP)
    conclusion = forms.ChoiceField(label=_("Conclusion"), choices=[("", "—"), *PreFilingAssessment.Conclusion.choices])
    reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=inputs.REASON_MAX,
        help_text=_("Why this conclusion: novelty, inventiveness, market, how it fits the center's patent layout."),
    )
    assessed_on = forms.DateField(label=_("Assessed on"), **DATE)
    council_decision = forms.ModelChoiceField(
        label=_("IP council decision"),
        queryset=None,
        required=False,
        help_text=_("Optional: the IP council's decision on the review of this disclosure."),
    )

    def __init__(self, *args, decisions=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["council_decision"]
        if decisions is None:
            from apps.centers.models import CouncilDecision

            decisions = CouncilDecision.objects.none()
        field.queryset = decisions
        field.label_from_instance = lambda d: f"{d.meeting.held_on:%Y-%m-%d} {d.meeting.title}：{d.text[:60]}"


class AssessorForm(StyledForm):
    assessor = forms.ModelChoiceField(
        label=_("Assessor"),
        queryset=None,
        required=False,
        empty_label=_("The lead unit's administrator"),
        help_text=_("A user of the lead unit who neither wrote the disclosure nor is one of its inventors."),
    )

    def __init__(self, *args, users=(), **kwargs):
        from django.contrib.auth import get_user_model

        super().__init__(*args, **kwargs)
        field = self.fields["assessor"]
        field.queryset = get_user_model().objects.filter(pk__in=[u.pk for u in users]).order_by("username")
        field.label_from_instance = lambda u: f"{u.display_name}（{u.get_role_display()}）"
        field.empty_label = _("The lead unit's administrator")


class LinkForm(StyledForm):
    patent = forms.ModelChoiceField(
        label=_("Patent in the portfolio"),
        queryset=None,
        required=False,
        help_text=_("The center's patents no disclosure is linked to yet."),
    )
    application_number = forms.CharField(
        label=_("Or its application number"),
        max_length=64,
        required=False,
        help_text=_("Such as 202310123456.7 or CN202310123456.7."),
    )

    def __init__(self, *args, patents=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["patent"]
        if patents is None:
            from .models import Patent

            patents = Patent.objects.none()
        field.queryset = patents
        field.label_from_instance = lambda p: f"{p.display_number} {p.title[:40]}（{p.filing_date:%Y-%m-%d}）"


class ReassessForm(StyledForm):
    reason = forms.CharField(
        label=_("Why assess it again"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=inputs.REASON_MAX,
    )


class WeightsForm(StyledForm):
    technical = forms.CharField(label=_("Technical height (%)"), max_length=20)
    market = forms.CharField(label=_("Market prospects (%)"), max_length=20)
    drafting = forms.CharField(label=_("Drafting quality (%)"), max_length=20)
    layout = forms.CharField(label=_("Layout fit (%)"), max_length=20)
