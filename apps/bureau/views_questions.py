"""Policy questions and the public FAQ (政策咨询, Art. 19: the regional bureau interprets the measures).

Signed in: the list (`question_list`: the region sees every question, those awaiting an answer first, filtered by
status; a unit account sees its unit's questions and their answers), a unit's new question (`question_new`), one
question (`question_detail`: the question, the answer, the published wording; for the region the answer form and the
buttons of the transition table), the region's answer or its edit (`question_answer`, posted from the question's
page), the region's FAQ wording (`question_publish`: prefilled from the question and the answer, refused while it
names the asker) and the other transitions (`question_act`: unpublish, close).

Public, no login: the FAQ (`faq`: published entries with a search box, paginated) and one entry (`faq_entry`). Only
the published wording and the article are read for these pages (`selectors_questions.PUBLIC_FIELDS`): never who
asked.

A question the user may not see is a 404 (`selectors_questions.question_for`: another unit's question included); an
action the user may not take a 403 with the reason; a refusal of the rules (an empty text, an article that is not
the measures', a wording that names the asker) is the page again with the Chinese message and everything typed.
`register()` plugs the FAQ into the portal's landing page and search (BureauConfig.ready)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from apps.core import inputs
from apps.core.actions import form_page, post_action
from apps.core.listing import listing_page
from apps.core.once import once
from apps.core.pagination import page_of
from apps.core.policy import guard

from . import listings, policies, selectors_questions, services_questions
from .forms_questions import AnswerForm, NoteForm, PublishForm, QuestionForm
from .models import PolicyQuestion
from .workflow_questions import QUESTION, question_url

PER_PAGE = 20
FAQ_PER_PAGE = 10
S = PolicyQuestion.Status

SUCCESS = {
    "unpublish": gettext_lazy("The entry is taken off the public FAQ; the question is answered again."),
    "close": gettext_lazy("The question is closed without publishing."),
}
ACTIONS = tuple(SUCCESS)


# ---------------------------------------------------------------- the list


@login_required
@require_GET
def question_list(request):
    """Filtered (status, words), sorted (waiting first, subject, status, asked), paginated, or as .xlsx
    (`?format=xlsx`): `listings.QUESTIONS` (the region), `listings.QUESTIONS_UNIT` (a unit: no unit column)."""
    user = request.user
    guard(policies.can_list_questions(user))
    is_region = bool(policies.can_manage(user))
    return listing_page(
        request,
        listings.QUESTIONS if is_region else listings.QUESTIONS_UNIT,
        selectors_questions.question_list(user),
        "bureau/questions/list.html",
        {"is_region": is_region, "can_ask": bool(policies.can_ask(user))},
    )


# ---------------------------------------------------------------- asking


@login_required
@once
def question_new(request):
    user = request.user
    guard(policies.can_ask(user))
    form = QuestionForm(request.POST or None)
    return form_page(
        request,
        form=form,
        page=lambda bound: render(request, "bureau/questions/new.html", {"form": bound}),
        run=lambda data: services_questions.question_ask(
            user, subject=data.get("subject", ""), text=data.get("text", ""), article=data.get("article", "")
        ),
        success=_("Your question is sent to the regional bureau. You will be notified when it is answered."),
        redirect_to=question_url,
        errors_on_form=True,
    )


# ---------------------------------------------------------------- one question: answer, transitions


def _detail(request, question, *, answer_form=None, bound=None):
    user = request.user
    is_region = bool(policies.can_manage(user))
    options = [option for option in QUESTION.options(user, question) if option.action in ACTIONS]
    publish = next((o for o in QUESTION.options(user, question) if o.action == "publish"), None)
    can_answer = is_region and question.status in (S.ASKED, S.ANSWERED)
    if can_answer and answer_form is None:
        answer_form = AnswerForm(initial={"answer": question.answer})
    return render(
        request,
        "bureau/questions/detail.html",
        {
            "question": question,
            "is_region": is_region,
            "answer_form": answer_form if can_answer else None,
            "publish": publish,
            "options": [(option, (bound or {}).get(option.action) or NoteForm()) for option in options],
        },
    )


@login_required
@require_GET
def question_detail(request, pk):
    return _detail(request, selectors_questions.question_for(request.user, pk))


@login_required
@require_POST
def question_answer(request, pk):
    """The region answers (asked → answered) or edits its answer (answered, not published)."""
    user = request.user
    question = selectors_questions.question_for(user, pk)
    QUESTION.guard(user, question, "answer")
    first = question.status == S.ASKED

    def run(data):
        if first:
            return services_questions.question_answer(user, question, answer=data.get("answer", ""))
        return services_questions.question_answer_update(user, question, answer=data.get("answer", ""))

    return post_action(
        request,
        form=AnswerForm(request.POST),
        run=run,
        success=_("The answer is sent; the unit is notified.") if first else _("The answer is saved."),
        redirect_to=question_url(question),
        render_again=lambda bound: _detail(request, selectors_questions.question_for(user, pk), answer_form=bound),
        errors_on_form=True,
    )


@login_required
def question_publish(request, pk):
    """The region's FAQ wording: prefilled from the question and the answer; refused while it names the asker."""
    user = request.user
    question = selectors_questions.question_for(user, pk)
    QUESTION.guard(user, question, "publish")
    form = PublishForm(request.POST or None, initial=services_questions.publish_initial(question))
    state = QUESTION.state_allows(question, "publish")
    return form_page(
        request,
        form=form,
        page=lambda bound: render(
            request,
            "bureau/questions/publish.html",
            {"question": question, "form": bound, "refusal": "" if state else state.reason},
        ),
        run=lambda data: services_questions.question_publish(
            user, question, public_question=data.get("public_question", ""), public_answer=data.get("public_answer", "")
        ),
        success=_("The question and its answer are published in the public FAQ."),
        redirect_to=question_url,
        errors_on_form=True,
    )


@login_required
@require_POST
def question_act(request, pk, action):
    user = request.user
    question = selectors_questions.question_for(user, pk)
    if action not in ACTIONS:
        raise Http404(_("Unknown action."))
    QUESTION.guard(user, question, action)
    return post_action(
        request,
        form=NoteForm(request.POST),
        run=lambda data: services_questions.question_act(user, question, action, reason=data.get("reason", "")),
        success=str(SUCCESS[action]),
        redirect_to=question_url(question),
        render_again=lambda bound: _detail(request, selectors_questions.question_for(user, pk), bound={action: bound}),
    )


# ---------------------------------------------------------------- the public FAQ


@require_GET
def faq(request):
    query = inputs.search_query(request)  # too long: refused with a message, not cut
    return render(
        request,
        "bureau/questions/faq_list.html",
        {"q": query, "page": page_of(request, selectors_questions.faq_search(query), FAQ_PER_PAGE)},
    )


@require_GET
def faq_entry(request, pk):
    return render(request, "bureau/questions/faq_entry.html", {"entry": selectors_questions.faq_entry(pk)})


# ---------------------------------------------------------------- what the FAQ plugs into


def faq_title(entry) -> str:
    """An entry's title in lists: the published question's first line, shortened for display (the entry keeps it
    whole)."""
    from django.utils.text import Truncator

    lines = (entry.public_question or "").strip().splitlines()
    return Truncator(lines[0] if lines else "").chars(60)


def landing_section(request):
    """The portal's landing page: the five newest FAQ entries."""
    from apps.portal.registry import Section

    items = [
        (
            faq_title(entry),
            reverse("bureau:faq_entry", args=[entry.pk]),
            " · ".join(
                part
                for part in (entry.article, entry.published_at.date().isoformat() if entry.published_at else "")
                if part
            ),
        )
        for entry in selectors_questions.faq()[:5]
    ]
    return [
        Section(
            _("Policy Q&A"),
            items,
            more_url=reverse("bureau:faq"),
            empty_text=_("No questions and answers published yet."),
            order=70,
        )
    ]


def search_hits(query: str):
    """The portal's public search: FAQ entries whose published question or answer contains the query."""
    from apps.portal.registry import SearchHit

    return [
        SearchHit(_("Policy Q&A"), faq_title(entry), reverse("bureau:faq_entry", args=[entry.pk]), entry.published_at)
        for entry in selectors_questions.faq_search(query)[:50]
    ]


def register() -> None:
    """Called from BureauConfig.ready: the landing section and the public search."""
    from apps.portal import registry

    registry.register_section(landing_section)
    registry.register_search(search_hits)
