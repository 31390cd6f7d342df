"""The evaluation dossier's pages (Art. 16): the dossier of one evaluation as a page, a .docx and a PDF packet, and a
center's evaluations (its tab "evaluations").

Who: the dossier is for the round's evaluator and the regional bureau (`policies.sees_dossier`): anyone who sees the
evaluation but not its dossier (the lead unit, the prefecture office once results are published) gets a 403, anyone
who does not see the evaluation a 404 (`selectors.evaluation_for`). The center's tab: whoever sees the center
(`centers.selectors.visible_to`, 404 otherwise) and may see its evaluations (`policies.can_view_center`, 403),
listing the evaluations that user sees (`selectors.evaluations_of_center`)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from apps.core import clock, documents
from apps.core.policy import guard

from . import policies, selectors
from .dossier import LEDGER_COLUMNS, dossier_of

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _evaluation(request, pk, *, links: bool = False):
    """The evaluation `selectors.evaluation_for` reads (404, then 403 without `policies.sees_dossier`); with
    `links`, annotated `opens_center_pages` in the same query (`_opens_center_pages`)."""
    if not links:
        evaluation = selectors.evaluation_for(request.user, pk)
    else:
        evaluation = get_object_or_404(
            selectors.visible_to(request.user).annotate(opens_center_pages=_opens_center_pages(request.user)), pk=pk
        )
    guard(policies.sees_dossier(request.user, evaluation))
    return evaluation


def _opens_center_pages(user):
    """The figures' links open the center's own pages (ledger, portfolio, supervision…): shown to whoever sees the
    center there (the region); an evaluator follows the report links only. An `Exists` on the evaluation's row."""
    from apps.centers import selectors as center_selectors

    return Exists(center_selectors.visible_to(user).filter(pk=OuterRef("center_id")))


@login_required
def dossier(request, pk):
    evaluation = _evaluation(request, pk, links=True)
    found = dossier_of(evaluation)
    return render(
        request,
        "evaluations/dossier.html",
        {
            "evaluation": evaluation,
            "round": evaluation.round,
            "center": evaluation.center,
            "dossier": found,
            "links": evaluation.opens_center_pages,
            "ledger_columns": LEDGER_COLUMNS,
        },
    )


def _download(body: bytes, content_type: str, name: str, fallback: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = documents.content_disposition(name, fallback)
    response["Cache-Control"] = "private, no-store"
    return response


def _name(evaluation, extension: str) -> str:
    from django.utils.translation import pgettext

    return documents.file_name(
        evaluation.center.name,
        evaluation.round.title,
        pgettext("file name", "Evaluation dossier"),
        extension=extension,
    )


@login_required
def dossier_docx(request, pk):
    from .exports.dossier_docx import dossier_docx as write

    evaluation = _evaluation(request, pk)
    return _download(
        write(dossier_of(evaluation)), DOCX, _name(evaluation, "docx"), f"evaluation-dossier-{evaluation.pk}.docx"
    )


@login_required
def dossier_pdf(request, pk):
    from .exports.dossier_pdf import dossier_pdf as write

    evaluation = _evaluation(request, pk)
    return _download(
        write(dossier_of(evaluation)),
        "application/pdf",
        _name(evaluation, "pdf"),
        f"evaluation-dossier-{evaluation.pk}.pdf",
    )


@login_required
def center(request, center_pk):
    from apps.centers import selectors as center_selectors

    center = get_object_or_404(center_selectors.visible_to(request.user), pk=center_pk)
    guard(policies.can_view_center(request.user, center))
    evaluations = list(
        selectors.evaluations_of_center(request.user, center).select_related(
            "support", "delisting", "rectification", "reevaluation_of"
        )
    )
    for evaluation in evaluations:
        evaluation.center = center
        evaluation.dossier_open = bool(policies.sees_dossier(request.user, evaluation))
    return render(
        request,
        "evaluations/center_tab.html",
        {"center": center, "tab": "evaluations", "evaluations": evaluations, "today": clock.today()},
    )
