"""The policy questions' forms: a unit's question (subject, text, the article of the measures it is about: one of
第一条 … 第十九条, shown with the article's opening words, or none), the region's answer, the wording it publishes
as an FAQ entry, and the optional note of a close or an unpublish. Empty texts are the service's to refuse (its
Chinese message above the fields, everything typed kept); the lengths are the model's."""

from functools import cache
from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import inputs
from apps.core.forms import StyledForm

from .models import PolicyQuestion
from .services_documents import ARTICLES

SEED = Path(__file__).resolve().parent / "seed" / "measures.zh.txt"
EXCERPT = 26  # characters of an article's opening shown beside its number


@cache
def article_excerpts() -> dict[str, str]:
    """{"第五条": "自治区市场监管局（知识产权局）负责培育中心的规划布局…", …} from the measures' text."""
    excerpts = {}
    for line in SEED.read_text(encoding="utf-8").splitlines():
        head, _sep, rest = line.strip().partition("条")
        number = f"{head}条"
        if number in ARTICLES and number not in excerpts:
            rest = rest.strip()
            excerpts[number] = rest[:EXCERPT] + ("…" if len(rest) > EXCERPT else "")
    return excerpts


def article_choices() -> list[tuple[str, str]]:
    excerpts = article_excerpts()
    return [("", _("— no particular article —"))] + [
        (article, f"{article}　{excerpts.get(article, '')}".strip()) for article in ARTICLES
    ]


def _max(name: str) -> int:
    return inputs.limit_of(PolicyQuestion._meta.get_field(name))


class QuestionForm(StyledForm):
    subject = forms.CharField(label=_("Question subject"), max_length=_max("subject"))
    text = forms.CharField(
        label=_("Your question"),
        max_length=_max("text"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Describe your situation and what you want to know about the measures."),
    )
    article = forms.ChoiceField(
        label=_("Article of the measures"),
        required=False,
        choices=(),
        help_text=_("Optional: the article your question is about."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = article_choices()


class AnswerForm(StyledForm):
    answer = forms.CharField(
        label=_("Answer"),
        required=False,
        max_length=_max("answer"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("The unit reads it on its question's page and is notified."),
    )


class PublishForm(StyledForm):
    public_question = forms.CharField(
        label=_("Question as published"),
        required=False,
        max_length=_max("public_question"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    public_answer = forms.CharField(
        label=_("Answer as published"),
        required=False,
        max_length=_max("public_answer"),
        widget=forms.Textarea(attrs={"rows": 10}),
    )


class NoteForm(StyledForm):
    """The optional note of a close or an unpublish (told to the asker with the close notice; kept in the trail)."""

    reason = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=inputs.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
