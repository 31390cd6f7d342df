"""Officers' pages: the prefecture's review and recommendation, the region's formal check, the expert panels,
the ranking and the decision (selection, public notice, approval), and the spreadsheets."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_POST

from apps.calls.models import Call, Topic
from apps.core import documents
from apps.core.actions import post_action
from apps.core.once import once
from apps.core.policy import guard

from . import policies, selectors, services, services_decision, services_review
from .forms import PanelMemberForm, SelectionForm
from .models import Application, PanelMember, Review, ReviewPanel
from .views import detail_action
from .workflow import APPLICATION, PANEL

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# ---------------------------------------------------------------- the actions of the detail page


def _to_decision(application) -> str:
    return reverse("applications:decision", args=[application.call_id])


# The prefecture's review, the region's formal check and the decision: (action, service, success message).
recommend = detail_action(
    "recommend", services.application_recommend, gettext_lazy("Application recommended to the regional bureau.")
)
prefecture_return = detail_action(
    "prefecture_return",
    services.application_prefecture_return,
    gettext_lazy("Application returned to the unit for revision."),
)
prefecture_reject = detail_action(
    "prefecture_reject",
    services.application_prefecture_reject,
    gettext_lazy("Application not recommended; the unit has been told why."),
)
formal_pass = detail_action(
    "formal_pass",
    services.application_formal_pass,
    gettext_lazy("Formal check passed: the application goes to expert review."),
)
formal_return = detail_action(
    "formal_return", services.application_formal_return, gettext_lazy("Application returned to the unit for revision.")
)
approve = detail_action(
    "approve", services_decision.application_approve, gettext_lazy("Application approved."), redirect_to=_to_decision
)
not_approve = detail_action(
    "not_approve",
    services_decision.application_not_approve,
    gettext_lazy("Application marked not approved."),
    redirect_to=_to_decision,
)


# ---------------------------------------------------------------- panels


@login_required
def panel_list(request):
    guard(policies.is_regional_officer(request.user))
    rows = selectors.panel_overview(request.user)
    return render(request, "applications/panels.html", {"rows": rows})


@login_required
@require_POST
@once
def panel_create(request, topic_pk):
    guard(policies.is_regional_officer(request.user))
    topic = get_object_or_404(Topic.objects.exclude(call__status=Call.Status.DRAFT), pk=topic_pk)
    return post_action(
        request,
        form=forms.Form(request.POST),
        run=lambda data: services_review.panel_create(request.user, topic),
        success=lambda panel: _("Panel formed: add at least %(min)s experts.") % {"min": panel.min_experts},
        redirect_to=lambda panel: panel.get_absolute_url() if panel else reverse("applications:panels"),
    )


def _panel(request, pk) -> ReviewPanel:
    """The panel with its members (and their profiles) read once: the page lists them and the conditions of its
    buttons (`policies.panel_has_min_experts`, `panel_experts_free_for_each`) count and check them."""
    members = PanelMember.objects.select_related("expert", "expert__expert_profile__affiliation")
    panels = selectors.panels_for(request.user).prefetch_related(None).prefetch_related(Prefetch("members", members))
    return get_object_or_404(panels, pk=pk)


def _panel_page(request, panel, *, member_form=None):
    """As many queries with 1 application and 1 expert as with 30 and 12 (tests/test_query_counts.py)."""
    applications = (
        Application.objects.filter(topic=panel.topic, submitted_at__isnull=False)
        .exclude(status__in=[Application.Status.SUBMITTED, Application.Status.RETURNED, Application.Status.REJECTED])
        .select_related("lead_unit", "selection__notice")  # the status label of a selected one reads its notice
    )
    # The page shows each review's total, not its scores.
    reviews = list(selectors.panel_reviews(panel, viewer=request.user).prefetch_related(None))
    by_app = {}
    for review in reviews:
        by_app.setdefault(review.application_id, []).append(review)
    for application in applications:
        application.panel_reviews = by_app.get(application.pk, [])
    return render(
        request,
        "applications/panel.html",
        {
            "panel": panel,
            "members": panel.members.all(),
            "member_form": member_form or PanelMemberForm(panel=panel),
            "applications": applications,
            "ranking": selectors.ranking(panel.topic),
            # Open / close: enabled when the row's conditions hold, otherwise disabled with the reason.
            "panel_actions": {o.action: o for o in PANEL.options(request.user, panel)},
        },
    )


@login_required
def panel_detail(request, pk):
    guard(policies.is_regional_officer(request.user))
    return _panel_page(request, _panel(request, pk))


@login_required
@require_POST
@once
def panel_member_add(request, pk):
    guard(policies.is_regional_officer(request.user))
    panel = _panel(request, pk)
    return post_action(
        request,
        form=PanelMemberForm(request.POST, panel=panel),
        run=lambda data: services_review.panel_add_member(request.user, panel, data["expert"]),
        success=_("Expert added to the panel."),
        redirect_to=panel.get_absolute_url(),
        render_again=lambda form: _panel_page(request, panel, member_form=form),
    )


@login_required
@require_POST
def panel_member_remove(request, pk, member_pk):
    guard(policies.is_regional_officer(request.user))
    panel = _panel(request, pk)
    member = get_object_or_404(PanelMember, pk=member_pk, panel=panel)
    return post_action(
        request,
        form=forms.Form(request.POST),
        run=lambda data: services_review.panel_remove_member(request.user, member),
        success=_("Expert removed from the panel."),
        redirect_to=panel.get_absolute_url(),
    )


def _opened(panel) -> str:
    excluded = Review.objects.filter(panel=panel, status=Review.Status.EXCLUDED).count()
    return _(
        "Scoring opened; the experts have been asked to score. %(count)s assignment(s) were excluded for "
        "conflicts of interest."
    ) % {"count": excluded}


def _panel_transition(action, service, success):
    """A button of the panel's page: 403 with the reason for whoever may not take the panel's transition (as
    before: not 404); refused: back to the panel with the message."""

    @login_required
    @require_POST
    def view(request, pk):
        panel = get_object_or_404(ReviewPanel.objects.select_related("topic"), pk=pk)
        PANEL.guard(request.user, panel, action)
        return post_action(
            request,
            form=forms.Form(request.POST),
            run=lambda data: service(request.user, panel),
            success=success,
            redirect_to=panel.get_absolute_url(),
        )

    view.__name__ = view.__qualname__ = service.__name__
    return view


panel_open = _panel_transition("open", services_review.panel_open, _opened)
panel_close = _panel_transition(
    "close", services_review.panel_close, gettext_lazy("Panel closed; the ranking has been computed.")
)


@login_required
def ranking_xlsx(request, topic_pk):
    from .exports.xlsx import ranking_workbook

    guard(policies.is_regional_officer(request.user))
    topic = get_object_or_404(Topic.objects.select_related("call"), pk=topic_pk)
    response = HttpResponse(ranking_workbook(topic), content_type=XLSX)
    name = documents.file_name(topic.call.title, topic.title, pgettext("file name", "Ranking"), extension="xlsx")
    response["Content-Disposition"] = documents.content_disposition(name, f"ranking-topic-{topic.pk}.xlsx")
    return response


@login_required
def call_xlsx(request, call_pk):
    """The applications of a call this officer may see (a prefecture office: its own prefecture's)."""
    from .exports.xlsx import call_workbook

    user = request.user
    guard(policies.can_export_call(user))
    call = get_object_or_404(Call.objects.exclude(status=Call.Status.DRAFT), pk=call_pk)
    applications = selectors.visible_to(user).filter(call=call)
    response = HttpResponse(call_workbook(call, applications), content_type=XLSX)
    name = documents.file_name(
        call.title, user.prefecture or "", pgettext("file name", "Applications"), extension="xlsx"
    )
    response["Content-Disposition"] = documents.content_disposition(name, f"applications-call-{call.pk}.xlsx")
    return response


# ---------------------------------------------------------------- decision


def _call(pk) -> Call:
    return get_object_or_404(Call.objects.exclude(status=Call.Status.DRAFT), pk=pk)


def _decision_page(request, call, *, selection_form=None):
    """As many queries with one topic, application and selection as with many (tests/test_query_counts.py)."""
    user = request.user
    selections = list(
        call.selections.select_related("notice").prefetch_related(
            Prefetch("applications", queryset=Application.objects.select_related("lead_unit"))
        )
    )
    topics = list(call.topics.select_related("industry", "panel"))
    summary = services_decision.funding_summary(call, topics=topics)
    board = services_decision.decision_board(call, topics=topics, summary=summary)
    # The objections of every notice in one query: shown per selection, and read by the notice gate of each
    # selected application's buttons (`policies.notice_gate`).
    notices = [s.notice for s in selections if s.notice] + [
        a.selection.notice for row in board for a in row["applications"] if a.selection_id and a.selection.notice_id
    ]
    policies.count_objections(notices)
    for selection in selections:
        selection.open_objections = selection.notice.open_objections if selection.notice else 0
        selection.objection_count = selection.notice.objection_count if selection.notice else 0
    for row in board:
        for application in row["applications"]:
            # approve / not approve: offered when possible now, else disabled with the reason (and the date)
            application.decide = {o.action: o for o in APPLICATION.options(user, application) if o.action in DECISIONS}
    return render(
        request,
        "applications/decision.html",
        {
            "call": call,
            "board": board,
            "funding": summary["call"],
            "selections": selections,
            "selection_form": selection_form or SelectionForm(call=call),
            "ticked": set(selection_form.data.getlist("applications")) if selection_form is not None else set(),
        },
    )


DECISIONS = ("approve", "not_approve")


@login_required
def decision(request, call_pk):
    guard(policies.is_regional_officer(request.user))
    return _decision_page(request, _call(call_pk))


@login_required
@require_POST
@once
def select(request, call_pk):
    guard(policies.is_regional_officer(request.user))
    call = _call(call_pk)
    return post_action(
        request,
        form=SelectionForm(request.POST, call=call),
        run=lambda data: services_decision.selection_create(
            request.user, call, data["applications"], contact=data["contact"]
        ),
        success=lambda selection: (
            _("Selection published as a public notice until %(date)s.") % {"date": selection.notice.ends_on}
        ),
        redirect_to=reverse("applications:decision", args=[call.pk]),
        render_again=lambda form: _decision_page(request, call, selection_form=form),
    )


@login_required
def statistics(request):
    """Charts for officers (ECharts reads the figures from a JSON data block: no inline script under the CSP)."""
    from .statistics import figures

    guard(policies.can_view_statistics(request.user))
    return render(request, "applications/statistics.html", {"figures": figures(request.user)})
