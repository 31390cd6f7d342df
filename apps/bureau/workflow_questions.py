"""A policy question's transition table (政策咨询, Art. 19: the regional bureau interprets the measures).

    (unit) ──ask──▶ asked ──answer──▶ answered ──publish (anonymised)──▶ published
                      │                 │   ▲                                │
                      │                 │   └────────── unpublish ───────────┘
                      └──close──▶ closed ◀──close──┘

- `ask`: a unit account (administrator or member) asks; the row is created in `asked`
  (`services_questions.question_ask`: the row does not exist before, so the transition has no source state; the
  table still states who may take it and whom it tells: the regional officers get a task);
- `answer`: the region answers (the text is required: `services_questions.question_answer`); the asker is told.
  While answered and not published, the region may still edit its answer (`question_answer_update`);
- `publish`: the region publishes the question and its answer as an FAQ entry, in a wording it writes apart from
  what was asked; the wording must not name the asker (`anonymised`: the unit's name or its short forms, the
  asker's full name, username, phone or e-mail); the asker is told;
- `unpublish`: the region takes the entry off the public FAQ (published → answered; the wording is kept);
- `close`: the region closes a question without publishing it, answered or not (an optional note goes to the
  asker with the notice).

Views ask `.guard` / `.options`; services call `.apply`. Rendered in docs/workflows.md."""

import re

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import Role
from apps.core.workflow import Notice, Transition, Workflow

from .models import PolicyQuestion

S = PolicyQuestion.Status

# ---------------------------------------------------------------- who the asker is, in words (pure functions)

# What a unit's name ends with that its short forms drop (longest first), then generic words before it.
LEGAL_FORMS = (
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "有限公司",
    "集团公司",
    "公司",
    "（普通合伙）",
    "(普通合伙)",
)
GENERIC_TAILS = ("科技", "技术", "实业", "发展", "控股", "集团")
PLACE_PREFIXES = ("内蒙古自治区", "内蒙古")
SHORT_FORM_MIN = 4  # a short form shorter than this ("大学", "乳业") names no one in particular
ASCII_WORD = re.compile(r"^[A-Za-z0-9_.@+-]+$")
PHONE = re.compile(r"^\+?[\d\s()-]{7,}$")
NUMBER_RUN = re.compile(r"[\d(（][\d\s()（）\-－—]*")  # a number as written, with its spaces and dashes
IGNORED = re.compile(r"[\s\u3000\-－—·・]")  # spaces and dashes: "包头 稀土", "0472 5123456" still name the asker


def _strip_suffix(name: str, suffixes) -> str:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def short_forms(name: str, place_names=()) -> list[str]:
    """A unit's name and the short forms people write for it: without its legal form (有限公司, 股份有限公司, …),
    then without a trailing generic word (科技, 技术, …), each also without a leading place name (内蒙古自治区,
    内蒙古, the prefecture: 包头市 / 包头). Short forms under SHORT_FORM_MIN characters are left out; the full name
    is always kept. "包头稀土功能材料创新中心有限公司" → itself, "包头稀土功能材料创新中心", "稀土功能材料创新中心"."""
    name = (name or "").strip()
    if not name:
        return []
    places = [*PLACE_PREFIXES]
    for place in place_names:
        place = (place or "").strip()
        if place:
            places += [place, _strip_suffix(place, ("市", "盟"))]
    stems = [name]
    core = _strip_suffix(name, LEGAL_FORMS)
    stems.append(core)
    stems.append(_strip_suffix(core, GENERIC_TAILS))
    found = []
    for stem in stems:
        for variant in (stem, *(stem[len(p) :] for p in places if p and stem.startswith(p))):
            if variant and variant not in found and (variant == name or len(variant) >= SHORT_FORM_MIN):
                found.append(variant)
    return found


def identity_terms(organization, user) -> list[str]:
    """Everything that names the asker: the unit's name and short forms, its credit code, contact person, phone and
    e-mail; the asking account's full name, username, phone and e-mail."""
    terms = []
    if organization is not None:
        prefecture = getattr(organization, "prefecture", None)
        terms += short_forms(organization.name, [prefecture.name] if prefecture is not None else [])
        terms += [organization.credit_code, organization.contact_name, organization.contact_phone]
        terms.append(organization.contact_email)
    if user is not None:
        terms += [user.full_name, user.username, getattr(user, "phone", ""), user.email]
    seen = []
    for term in terms:
        term = (term or "").strip()
        if term and term not in seen:
            seen.append(term)
    return seen


def names_in(texts, terms) -> list[str]:
    """The terms that occur in any of the texts: a phone number by its digits ("0472-5123456" is found as
    "0472 5123456" or "04725123456"); an ASCII term (a username, an e-mail) case-insensitively and as a whole word,
    so "li" is not found in "policy"; any other (a name) with spaces and dashes ignored ("包头 稀土")."""
    raw = " ".join(t or "" for t in texts)
    flat = IGNORED.sub("", raw)
    numbers = [re.sub(r"\D", "", run) for run in NUMBER_RUN.findall(raw)]
    lowered = raw.lower()
    found = []
    for term in terms:
        if PHONE.match(term):
            digits = re.sub(r"\D", "", term)
            hit = any(digits in number for number in numbers)
        elif ASCII_WORD.match(term):
            pattern = rf"(?<![A-Za-z0-9_]){re.escape(term.lower())}(?![A-Za-z0-9_])"
            hit = re.search(pattern, lowered) is not None
        else:
            needle = IGNORED.sub("", term)
            hit = bool(needle) and needle in flat
        if hit and term not in found:
            found.append(term)
    return found


def names_found(question, *texts) -> list[str]:
    """The asker's names that `texts` contain (question.organization and question.asked_by are read)."""
    return names_in(texts, identity_terms(question.organization, question.asked_by))


# ---------------------------------------------------------------- what must hold


def anonymised(question) -> Decision:
    """The published question and answer do not name the asker (unit, its short forms, the person, phone, e-mail)."""
    found = names_found(question, question.public_question, question.public_answer)
    if found:
        return deny(
            _(
                "The published wording still names the asker: %(names)s. Remove it (the FAQ never shows who asked) "
                "and publish again."
            )
            % {"names": "、".join(f"“{name}”" for name in found)}
        )
    return ALLOW


# ---------------------------------------------------------------- whom it tells


def regional_officers(question=None):
    return get_user_model().objects.filter(role=Role.REGIONAL_OFFICER, is_active=True)


def asker(question):
    """The account that asked (if still active)."""
    return get_user_model().objects.filter(pk=question.asked_by_id, is_active=True)


def question_url(question) -> str:
    return reverse("bureau:question", args=[question.pk])


def _notice(recipients, title, *, task=False):
    def notice(question):
        return Notice(recipients(question), title % {"subject": question.subject}, question_url(question), is_task=task)

    return notice


QUESTION = Workflow(
    "policy_question",
    PolicyQuestion,
    [
        Transition(
            "ask",
            (),  # the row is created in `asked` (services_questions.question_ask)
            S.ASKED,
            gettext_lazy("Ask the regional bureau"),
            by=(Role.UNIT_ADMIN, Role.UNIT_MEMBER),
            notify=_notice(regional_officers, gettext_lazy("Policy question to answer: %(subject)s"), task=True),
        ),
        Transition(
            "answer",
            (S.ASKED,),
            S.ANSWERED,
            gettext_lazy("Answer"),
            by=(Role.REGIONAL_OFFICER,),
            style="success",
            notify=_notice(asker, gettext_lazy("Your policy question is answered: %(subject)s")),
        ),
        Transition(
            "publish",
            (S.ANSWERED,),
            S.PUBLISHED,
            gettext_lazy("Publish as FAQ"),
            by=(Role.REGIONAL_OFFICER,),
            when=(anonymised,),
            style="success",
            notify=_notice(
                asker, gettext_lazy("Your policy question is published as an FAQ entry, without your name: %(subject)s")
            ),
        ),
        Transition(
            "unpublish",
            (S.PUBLISHED,),
            S.ANSWERED,
            gettext_lazy("Take off the public FAQ"),
            by=(Role.REGIONAL_OFFICER,),
            style="outline-danger",
        ),
        Transition(
            "close",
            (S.ASKED, S.ANSWERED),
            S.CLOSED,
            gettext_lazy("Close without publishing"),
            by=(Role.REGIONAL_OFFICER,),
            style="outline-secondary",
            notify=_notice(asker, gettext_lazy("Your policy question is closed: %(subject)s")),
        ),
    ],
)
