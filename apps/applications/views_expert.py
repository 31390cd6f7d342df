"""The expert's pages: the assignments, the scoring form and the conflict declaration. An expert sees only their
own assignments; the scores of others appear only after the panel has closed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.actions import post_action
from apps.core.pagination import page_of
from apps.core.policy import guard

from . import content, policies, scoring, selectors, services_review
from .forms import ReasonForm, ScoreForm
from .models import Review, ReviewPanel
from .workflow import REVIEW

# What the review page shows of the application with its row (content.load reads the rest).
APPLICATION_RELATIONS = ("call", "topic__industry", "lead_unit__prefecture", "field_industry")


@login_required
def review_list(request):
    guard(policies.is_expert(request.user))
    page = page_of(request, selectors.reviews_for_expert(request.user), 25)
    return render(request, "applications/reviews.html", {"reviews": page, "page": page})


def _initial(review) -> dict:
    initial = {"comment": review.comment}
    for score in review.scores.all():
        initial[f"score_{score.criterion}"] = score.score
        initial[f"comment_{score.criterion}"] = score.comment
    return initial


def _review(request, pk, action=None):
    """The expert's own review (others: 404/403); with `action`, 403 unless this user may take that transition."""
    review = get_object_or_404(
        selectors.review_visible_to(request.user)
        .select_related(*(f"application__{name}" for name in APPLICATION_RELATIONS))
        .prefetch_related("scores"),
        pk=pk,
    )
    if action is None:
        guard(policies.is_own_review(request.user, review))
    else:
        REVIEW.guard(request.user, review, action)
    return review


def _excluded(request, pk):
    """The expert's own review that a conflict of interest excluded (or a declaration voided): a POST to it is told
    why, on "my reviews" — not a 404, and still without the application's content. None for anything else."""
    review = selectors.reviews_for_expert(request.user).exclude(status__in=Review.ACTIVE).filter(pk=pk).first()
    if review is None:
        return None
    messages.error(
        request, _("You cannot score this application: %(reason)s") % {"reason": review.conflict_reason or "—"}
    )
    return redirect("applications:reviews")


def _again(request, review, **forms):
    """Render the review page again after a refusal — unless the act itself found a conflict and excluded the
    review (the refusal, naming the conflict, is already in the messages): then "my reviews"."""
    if not Review.objects.filter(pk=review.pk, status__in=Review.ACTIVE).exists():
        return redirect("applications:reviews")
    return _review_page(request, review, **forms)


def _review_page(request, review, *, form=None, conflict_form=None):
    panel = review.panel
    others = []
    if panel.status == ReviewPanel.Status.CLOSED:
        # Each other expert's total and opinion (not their scores).
        others = list(
            selectors.panel_reviews(panel, viewer=request.user)
            .filter(application=review.application)
            .prefetch_related(None)
        )
    labels = {c.code: c.label for c in scoring.criteria()}
    my_scores = [(labels.get(s.criterion, s.criterion), s.score, s.comment) for s in review.scores.all()]
    # Read once: the content, the attachment panel and the conflict-of-interest condition of "submit" take it.
    loaded = content.attach(review.application)
    options = {o.action: o for o in REVIEW.options(request.user, review)}
    return render(
        request,
        "applications/review.html",
        {
            "review": review,
            "application": review.application,
            "form": form or ScoreForm(initial=_initial(review)),
            "criteria": scoring.criteria(),
            "conflict_form": conflict_form or ReasonForm(),
            "can_score": "submit" in options and options["submit"].enabled,
            "can_declare": "declare_conflict" in options and options["declare_conflict"].enabled,
            "others": others,
            "my_scores": my_scores,
            "sections": loaded.page_sections,
            "lead": loaded.snapshot["lead_unit"],
            "files": loaded.files,
        },
    )


@login_required
def review_detail(request, pk):
    """The application, the expert's scoring form (POST: submit or revise the scores) and the conflict declaration."""
    if request.method != "POST":
        return _review_page(request, _review(request, pk))
    excluded = _excluded(request, pk)
    if excluded is not None:
        return excluded
    review = _review(request, pk, "submit")
    form = ScoreForm(request.POST, initial=_initial(review))
    return post_action(
        request,
        form=form,
        run=lambda data: services_review.review_submit(
            request.user, review, scores=form.scores(), comments=form.comments(), comment=data["comment"]
        ),
        success=_("Scores saved. You may revise them until the panel closes."),
        redirect_to=review.get_absolute_url(),
        render_again=lambda form: _again(request, review, form=form),
    )


@login_required
@require_POST
def review_conflict(request, pk):
    excluded = _excluded(request, pk)
    if excluded is not None:
        return excluded
    review = _review(request, pk, "declare_conflict")
    return post_action(
        request,
        form=ReasonForm(request.POST),
        run=lambda data: services_review.review_declare_conflict(request.user, review, reason=data["reason"]),
        success=_("Conflict of interest declared: this application has been removed from your list."),
        redirect_to=reverse("applications:reviews"),
        render_again=lambda form: _again(request, review, conflict_form=form),
    )
