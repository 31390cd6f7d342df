from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from apps.core import inputs
from apps.core.forms import StyledForm

from . import rules
from .models import Announcement, PublicNotice


class HumanCheckMixin:
    """A public form with the arithmetic question of apps.core.human_check (the view passes the Challenge)."""

    def setup_human_check(self, challenge):
        self.challenge = challenge
        self.fields["human_check"] = forms.CharField(label=_("Human check"), max_length=8)
        if challenge is not None:
            self.fields["human_check"].help_text = challenge.question

    def clean_human_check(self):
        value = self.cleaned_data["human_check"]
        if self.challenge is None or not self.challenge.check(value):
            raise forms.ValidationError(_("The answer to the check question is wrong."))
        return value


class ObjectionForm(HumanCheckMixin, StyledForm):
    name = forms.CharField(label=_("Name or organization"), max_length=100)
    contact = forms.CharField(label=_("Phone or email"), max_length=100, validators=[inputs.validate_phone_or_email])
    text = forms.CharField(
        label=_("Objection"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("State the facts and, where you can, the evidence. Anonymous objections are not handled."),
    )

    def __init__(self, *args, challenge=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_human_check(challenge)


class PublishedTextForm(StyledForm):
    """What the public reads: a kind, a title and a plain text (an announcement, a public notice)."""

    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Plain text; blank lines separate paragraphs."),
    )
    field_order = ["kind", "title", "body"]


class AnnouncementForm(PublishedTextForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=Announcement.Kind.choices, initial=Announcement.Kind.OTHER)


class PublicNoticeForm(PublishedTextForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=PublicNotice.Kind.choices, initial=PublicNotice.Kind.OTHER)
    starts_on = forms.DateField(label=_("Notice starts on"), widget=forms.DateInput(attrs={"type": "date"}))
    working_days = forms.IntegerField(label=_("Working days"), max_value=rules.NOTICE_MAX_DAYS)
    contact = forms.CharField(label=_("Contact for objections"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        minimum = rules.NOTICE_DAYS.value()
        field = self.fields["working_days"]
        field.initial = minimum
        field.min_value = minimum
        field.widget.attrs["min"] = minimum
        field.validators.append(
            MinValueValidator(
                minimum, message=_("A public notice lasts at least %(days)s working days.") % {"days": minimum}
            )
        )
        field.help_text = _(
            "At least %(days)s working days, counted on the working-day calendar: Saturdays, Sundays and statutory "
            "holidays are skipped, make-up working days count. The end date is computed."
        ) % {"days": minimum}


class ResolutionForm(StyledForm):
    resolution = forms.CharField(
        label=_("Resolution"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was checked and decided; tell the objector through the contact given."),
    )
