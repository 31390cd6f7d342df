"""The expert's pages: the assignments, the scoring form and the conflict declaration. An expert sees only their
own assignments; the scores of others appear only after the panel has closed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.errors import DomainError
from apps.core.policy import guard

from . import content, policies, scoring, selectors, services_review
from .forms import ReasonForm, ScoreForm
from .models import ReviewPanel


@login_required
def review_list(request):
    guard(policies.is_expert(request.user))
    return render(request, "applications/reviews.html", {"reviews": selectors.reviews_for_expert(request.user)})


def _initial(review) -> dict:
    initial = {"comment": review.comment}
    for score in review.scores.all():
        initial[f"score_{score.criterion}"] = score.score
        initial[f"comment_{score.criterion}"] = score.comment
    return initial


@login_required
def review_detail(request, pk):
    review = get_object_or_404(selectors.review_visible_to(request.user), pk=pk)
    guard(policies.is_own_review(request.user, review))
    form = ScoreForm(request.POST or None, initial=_initial(review))
    if request.method == "POST":
        if form.is_valid():
            try:
                services_review.review_submit(
                    request.user,
                    review,
                    scores=form.scores(),
                    comments=form.comments(),
                    comment=form.cleaned_data["comment"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Scores saved. You may revise them until the panel closes."))
                return redirect("applications:review", pk=review.pk)
        else:
            messages.error(request, _("The scores were not saved: please correct the fields marked below."))
    panel = review.panel
    others = []
    if panel.status == ReviewPanel.Status.CLOSED:
        others = list(selectors.panel_reviews(panel, viewer=request.user).filter(application=review.application))
    labels = {c.code: c.label for c in scoring.criteria()}
    my_scores = [(labels.get(s.criterion, s.criterion), s.score, s.comment) for s in review.scores.all()]
    data = content.snapshot(review.application)
    return render(
        request,
        "applications/review.html",
        {
            "review": review,
            "application": review.application,
            "form": form,
            "criteria": scoring.criteria(),
            "conflict_form": ReasonForm(),
            "can_score": panel.status == ReviewPanel.Status.SCORING,
            "others": others,
            "my_scores": my_scores,
            "sections": content.sections(data),
            "lead": data["lead_unit"],
        },
    )


@login_required
@require_POST
def review_conflict(request, pk):
    review = get_object_or_404(selectors.review_visible_to(request.user), pk=pk)
    guard(policies.is_own_review(request.user, review))
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give a reason."))
        return redirect("applications:review", pk=review.pk)
    try:
        services_review.review_declare_conflict(request.user, review, reason=form.cleaned_data["reason"])
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("applications:review", pk=review.pk)
    messages.success(request, _("Conflict of interest declared: this application has been removed from your list."))
    return redirect("applications:reviews")
