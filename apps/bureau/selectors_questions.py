"""The policy questions' querysets, scoped by the user, shaped for the pages (Art. 19).

- `questions_visible_to(user)`: the region sees every question; a unit account its own unit's questions (whoever
  of the unit asked); everyone else none. "Not yours" is a 404 by construction (`question_for`);
- `question_list(user, status="")`: the list page: questions awaiting an answer first, then the newest;
- `faq()` / `faq_search(query)` / `faq_entry(pk)`: what the public FAQ shows (published questions only, anything
  else is a 404) — read only through `PUBLIC_FIELDS`: the asker's identity is never loaded for the public pages."""

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from apps.core.roles import UNIT_ROLES, Role

from .models import PolicyQuestion

S = PolicyQuestion.Status
LIST_FIELDS = ("text", "answer", "public_question", "public_answer")  # what a list never reads
PUBLIC_FIELDS = ("id", "article", "public_question", "public_answer", "published_at", "status")


def questions_visible_to(user) -> QuerySet[PolicyQuestion]:
    if user is None or not getattr(user, "is_authenticated", False):
        return PolicyQuestion.objects.none()
    if user.role == Role.REGIONAL_OFFICER:
        return PolicyQuestion.objects.all()
    if user.role in UNIT_ROLES and user.organization_id:
        return PolicyQuestion.objects.filter(organization_id=user.organization_id)
    return PolicyQuestion.objects.none()


def question_for(user, pk) -> PolicyQuestion:
    """One question the user may see, with its unit (and its prefecture), asker and answerer; else 404."""
    return get_object_or_404(
        questions_visible_to(user).select_related("organization__prefecture", "asked_by", "answered_by"), pk=pk
    )


def question_list(user, *, status: str = "") -> QuerySet[PolicyQuestion]:
    qs = questions_visible_to(user)
    if status:
        qs = qs.filter(status=status)
    waiting_first = Case(When(status=S.ASKED, then=Value(0)), default=Value(1), output_field=IntegerField())
    return (
        qs.select_related("organization", "asked_by")
        .defer(*LIST_FIELDS)
        .annotate(waiting=waiting_first)
        .order_by("waiting", "-asked_at", "-id")
    )


def faq() -> QuerySet[PolicyQuestion]:
    """The published entries, newest first (the public list, the landing section)."""
    return PolicyQuestion.objects.filter(status=S.PUBLISHED).only(*PUBLIC_FIELDS).order_by("-published_at", "-id")


def faq_search(query: str) -> QuerySet[PolicyQuestion]:
    """The published entries whose published question or answer, or article, contains the query."""
    if not query:
        return faq()
    return faq().filter(
        Q(public_question__icontains=query) | Q(public_answer__icontains=query) | Q(article__icontains=query)
    )


def faq_entry(pk) -> PolicyQuestion:
    return get_object_or_404(PolicyQuestion.objects.filter(status=S.PUBLISHED).only(*PUBLIC_FIELDS), pk=pk)
