"""Policy questions (政策咨询, Art. 19: the regional bureau interprets the measures). The only code that changes a
`PolicyQuestion`; every function checks the transition table (`workflow_questions.QUESTION`) or the policy, works in
one transaction under a row lock, writes the audit entry and notifies; a refusal is a `DomainError` with the Chinese
reason, after which nothing has changed.

- `question_ask(user, *, subject, text, article="") -> PolicyQuestion`: a unit account asks (state `asked`; the
  regional officers get a task). Refused: not a unit account (PermissionDenied), no subject or no text, an article
  that is not one of the measures' (`article_clean`), a text over its limit;
- `question_answer(user, question, *, answer)`: the region answers (asked → answered; the asker is told). Refused:
  not the region, not awaiting an answer, an empty answer;
- `question_answer_update(user, question, *, answer)`: the region edits its answer while the question is answered
  and not published (a published entry is taken off the FAQ first). Refused likewise;
- `question_publish(user, question, *, public_question, public_answer)`: the region publishes its wording of the
  question and the answer as an FAQ entry (answered → published). Refused: either text empty, a wording that still
  names the asker (`workflow_questions.anonymised`: the unit's name or short forms, the asker's full name, username,
  phone or e-mail);
- `question_unpublish(user, question, reason="")`: published → answered (the wording kept for the next time);
- `question_close(user, question, reason="")`: asked or answered → closed, without publishing (the note, optional,
  goes to the asker with the notice);
- `question_act(user, question, action, reason="")`: unpublish or close by name (the question page's buttons);
- `publish_initial(question) -> dict`: the publish form's first values (the wording kept from an earlier publication,
  else the question and the answer as they are: the region removes what names the asker)."""

import re

from django.db import models, transaction
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.core import clock, hooks, inputs
from apps.core.errors import DomainError, PermissionDenied

from .models import PolicyQuestion
from .services_documents import ARTICLES
from .workflow_questions import QUESTION

S = PolicyQuestion.Status
ARABIC_ARTICLE = re.compile(r"^(?:第\s*)?(\d{1,2})\s*(?:条)?$")


def _field(name: str):
    return PolicyQuestion._meta.get_field(name)


def _text(value, name: str, *, required_message) -> str:
    """The typed text stripped, on one line for a CharField (the subject) as its save stores it; refused when empty
    (`required_message`) or over the model field's limit."""
    single_line = not isinstance(_field(name), models.TextField)
    text = inputs.required_text(value, message=required_message, code=name, single_line=single_line)
    label = _("Question subject") if name == "subject" else _field(name).verbose_name
    inputs.check_length(text, limit=inputs.limit_of(_field(name)), label=label)
    return text


def article_clean(value) -> str:
    """The article as stored: "" (none given) or one of the measures' articles, 第一条 … 第十九条 ("19" and "第19条"
    are read as 第十九条). Anything else ("第二十条", "第5款") is refused naming it."""
    text = re.sub(r"\s+", "", str(value or ""))
    if not text:
        return ""
    if text in ARTICLES:
        return text
    match = ARABIC_ARTICLE.match(text)
    if match and 1 <= int(match.group(1)) <= len(ARTICLES):
        return ARTICLES[int(match.group(1)) - 1]
    raise DomainError(
        _("“%(value)s” is not an article of the measures: choose among 第一条 to 第十九条, or leave it empty.")
        % {"value": str(value).strip()},
        code="article",
    )


def _snapshot(question) -> dict:
    return {
        "subject": question.subject,
        "text": question.text,
        "article": question.article,
        "status": question.status,
        "answer": question.answer,
    }


# ---------------------------------------------------------------- asking


def question_ask(user, *, subject, text, article="") -> PolicyQuestion:
    """A unit account asks the regional bureau (Art. 19): a question of its unit, in `asked`; the regional officers
    get a task. Refused: not a unit account (the table's `ask` row), no subject, no text, a bad article."""
    transition = QUESTION["ask"]
    decision = transition.who(user, None)
    if not decision or not getattr(user, "organization_id", None):
        raise PermissionDenied(decision.reason or _("Only unit accounts ask policy questions."))
    subject = _text(subject, "subject", required_message=_("Please give your question a subject."))
    text = _text(text, "text", required_message=_("Please write your question."))
    question = PolicyQuestion(
        organization_id=user.organization_id,
        asked_by=user,
        subject=subject,
        text=text,
        article=article_clean(article),
        status=S.ASKED,
    )
    with transaction.atomic():
        question.save()
        audit.record(
            "policy_question.ask",
            question,
            after=_snapshot(question),
            message=_("Policy question asked: %(subject)s") % {"subject": question.subject},
            actor=user,
        )
        notice = transition.notify(question)
        hooks.notifier().notify(
            notice.recipients, notice.title, url=notice.url, subject=question, is_task=notice.is_task
        )
    return question


# ---------------------------------------------------------------- answering


def question_answer(user, question, *, answer) -> PolicyQuestion:
    """The region answers (asked → answered); the asker is told. Refused: not the region, a question no longer
    awaiting an answer, an empty answer, an answer over its limit."""
    answer = inputs.normalised_text(answer)

    def check(locked):
        _text(answer, "answer", required_message=_("Please write the answer."))

    return QUESTION.apply(
        user,
        question,
        "answer",
        changes={"answer": answer, "answered_by": user, "answered_at": clock.now()},
        prepare=check,
    )


def question_answer_update(user, question, *, answer) -> PolicyQuestion:
    """The region edits its answer while the question is answered and not published (Art. 19). Refused: not the
    region, a question in any other state (awaiting: answer it; published: take it off the FAQ first; closed), an
    empty answer, an answer over its limit."""
    decision = QUESTION["answer"].who(user, question)
    if not decision:
        raise PermissionDenied(decision.reason)
    answer = _text(answer, "answer", required_message=_("Please write the answer."))
    with transaction.atomic():
        locked = PolicyQuestion.objects.select_for_update().get(pk=question.pk)
        if locked.status != S.ANSWERED:
            raise DomainError(
                _("The current state is “%(state)s”: the answer is edited only while answered and not published.")
                % {"state": locked.get_status_display()},
                code="state",
            )
        if locked.answer != answer:
            before = locked.answer
            locked.answer = answer
            locked.answered_by = user
            locked.save(update_fields=["answer", "answered_by"])
            audit.record(
                "policy_question.update", locked, before={"answer": before}, after={"answer": answer}, actor=user
            )
    return locked


# ---------------------------------------------------------------- the public FAQ


def publish_initial(question) -> dict:
    return {
        "public_question": question.public_question or question.text,
        "public_answer": question.public_answer or question.answer,
    }


def question_publish(user, question, *, public_question, public_answer) -> PolicyQuestion:
    """The region publishes its wording of the question and the answer as an FAQ entry (answered → published); the
    asker is told. Refused: not the region, not answered, either text empty or over its limit, a wording that names
    the asker (the table's `anonymised`, checked on the wording as it will be published). Nothing is changed then."""
    wording = {
        "public_question": inputs.normalised_text(public_question),
        "public_answer": inputs.normalised_text(public_answer),
    }

    def check(locked):
        for name, required in (
            ("public_question", _("Please write the question as published.")),
            ("public_answer", _("Please write the answer as published.")),
        ):
            _text(wording[name], name, required_message=required)
        decision = QUESTION["publish"].holds(locked)  # on the new wording, set by `changes` before this runs
        if not decision:
            raise DomainError(decision.reason, code="anonymised")

    return QUESTION.apply(user, question, "publish", changes={**wording, "published_at": clock.now()}, prepare=check)


def question_unpublish(user, question, reason="") -> PolicyQuestion:
    """The region takes the entry off the public FAQ (published → answered); the wording is kept."""
    return QUESTION.apply(
        user, question, "unpublish", reason=inputs.normalised_text(reason), changes={"published_at": None}
    )


def question_close(user, question, reason="") -> PolicyQuestion:
    """The region closes the question without publishing it (asked or answered → closed); the asker is told, with
    the note if one is given."""
    return QUESTION.apply(user, question, "close", reason=inputs.normalised_text(reason))


def question_act(user, question, action, *, reason="") -> PolicyQuestion:
    """The transition `action` by name (the question page's buttons: unpublish, close)."""
    if action == "unpublish":
        return question_unpublish(user, question, reason)
    if action == "close":
        return question_close(user, question, reason)
    raise DomainError(_("Unknown action."), code="action")
