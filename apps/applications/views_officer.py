"""Officers' pages: the prefecture's review and recommendation, the region's formal check, the expert panels,
the ranking and the decision (selection, public notice, approval), and the spreadsheets."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.calls.models import Call, Topic
from apps.core.actions import post_action
from apps.core.policy import guard

from . import policies, selectors, services, services_decision, services_review
from .forms import PanelMemberForm, SelectionForm
from .models import Application, PanelMember, Review, ReviewPanel
from .views import act, get_application
from .workflow import APPLICATION, PANEL

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# ---------------------------------------------------------------- prefecture review


@login_required
@require_POST
def recommend(request, pk):
    application = get_application(request, pk)
    return act(
        request,
        application,
        "recommend",
        lambda data: services.application_recommend(
            request.user, application, opinion=data.get("opinion", ""), confirm_region=data.get("confirm_region", False)
        ),
        _("Application recommended to the regional bureau."),
    )


@login_required
@require_POST
def prefecture_return(request, pk):
    application = get_application(request, pk)
    return act(
        request,
        application,
        "prefecture_return",
        lambda data: services.application_prefecture_return(request.user, application, reason=data["reason"]),
        _("Application returned to the unit for revision."),
    )


@login_required
@require_POST
def prefecture_reject(request, pk):
    application = get_application(request, pk)
    return act(
        request,
        application,
        "prefecture_reject",
        lambda data: services.application_prefecture_reject(request.user, application, reason=data["reason"]),
        _("Application not recommended; the unit has been told why."),
    )


# ---------------------------------------------------------------- formal check


@login_required
@require_POST
def formal_pass(request, pk):
    application = get_application(request, pk)
    return act(
        request,
        application,
        "formal_pass",
        lambda data: services.application_formal_pass(request.user, application, opinion=data.get("opinion", "")),
        _("Formal check passed: the application goes to expert review."),
    )


@login_required
@require_POST
def formal_return(request, pk):
    application = get_application(request, pk)
    return act(
        request,
        application,
        "formal_return",
        lambda data: services.application_formal_return(request.user, application, reason=data["reason"]),
        _("Application returned to the unit for revision."),
    )


# ---------------------------------------------------------------- panels


@login_required
def panel_list(request):
    guard(policies.is_regional_officer(request.user))
    calls = Call.objects.filter(
        status__in=[Call.Status.PUBLISHED, Call.Status.APPLICATIONS_CLOSED, Call.Status.REVIEWING]
    ) | Call.objects.filter(topics__panel__isnull=False)
    calls = calls.distinct()
    panels = {p.topic_id: p for p in selectors.panels_for(request.user)}
    rows = []
    for call in calls:
        topics = []
        for topic in call.topics.all():
            counts = {
                "under_review": topic.applications.filter(status=Application.Status.EXPERT_REVIEW).count(),
                "recommended": topic.applications.filter(status=Application.Status.RECOMMENDED).count(),
            }
            topics.append({"topic": topic, "panel": panels.get(topic.pk), **counts})
        rows.append({"call": call, "topics": topics})
    return render(request, "applications/panels.html", {"rows": rows})


@login_required
@require_POST
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
    return get_object_or_404(selectors.panels_for(request.user), pk=pk)


def _panel_page(request, panel, *, member_form=None):
    applications = (
        Application.objects.filter(topic=panel.topic, submitted_at__isnull=False)
        .exclude(status__in=[Application.Status.SUBMITTED, Application.Status.RETURNED, Application.Status.REJECTED])
        .select_related("lead_unit")
    )
    reviews = list(selectors.panel_reviews(panel, viewer=request.user))
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
            "members": panel.members.select_related("expert", "expert__expert_profile"),
            "member_form": member_form or PanelMemberForm(panel=panel),
            "applications": applications,
            "ranking": selectors.ranking(panel.topic),
        },
    )


@login_required
def panel_detail(request, pk):
    guard(policies.is_regional_officer(request.user))
    return _panel_page(request, _panel(request, pk))


@login_required
@require_POST
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


def _acting_on(request, pk, action) -> ReviewPanel:
    """403 with the reason for whoever may not take the panel's transition (as before: not 404)."""
    panel = get_object_or_404(ReviewPanel.objects.select_related("topic"), pk=pk)
    PANEL.guard(request.user, panel, action)
    return panel


def _opened(panel) -> str:
    excluded = Review.objects.filter(panel=panel, status=Review.Status.EXCLUDED).count()
    return _(
        "Scoring opened; the experts have been asked to score. %(count)s assignment(s) were excluded for "
        "conflicts of interest."
    ) % {"count": excluded}


@login_required
@require_POST
def panel_open(request, pk):
    panel = _acting_on(request, pk, "open")
    return post_action(
        request,
        form=forms.Form(request.POST),
        run=lambda data: services_review.panel_open(request.user, panel),
        success=_opened,
        redirect_to=panel.get_absolute_url(),
    )


@login_required
@require_POST
def panel_close(request, pk):
    panel = _acting_on(request, pk, "close")
    return post_action(
        request,
        form=forms.Form(request.POST),
        run=lambda data: services_review.panel_close(request.user, panel),
        success=_("Panel closed; the ranking has been computed."),
        redirect_to=panel.get_absolute_url(),
    )


@login_required
def ranking_xlsx(request, topic_pk):
    from .exports.xlsx import ranking_workbook

    guard(policies.is_regional_officer(request.user))
    topic = get_object_or_404(Topic.objects.select_related("call"), pk=topic_pk)
    response = HttpResponse(ranking_workbook(topic), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="ranking-topic-{topic.pk}.xlsx"'
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
    response["Content-Disposition"] = f'attachment; filename="applications-call-{call.pk}.xlsx"'
    return response


# ---------------------------------------------------------------- decision


def _call(pk) -> Call:
    return get_object_or_404(Call.objects.exclude(status=Call.Status.DRAFT), pk=pk)


def _decision_page(request, call, *, selection_form=None):
    user = request.user
    selections = call.selections.select_related("notice").prefetch_related("applications__lead_unit")
    for selection in selections:
        notice = selection.notice
        selection.open_objections = notice.objections.filter(status="received").count() if notice else 0
        selection.objection_count = notice.objections.count() if notice else 0
    board = services_decision.decision_board(call)
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
            "funding": services_decision.funding_summary(call)["call"],
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
@require_POST
def approve(request, pk):
    application = get_application(request, pk)
    return act(
        request,
        application,
        "approve",
        lambda data: services_decision.application_approve(request.user, application),
        _("Application approved."),
        redirect_to=reverse("applications:decision", args=[application.call_id]),
    )


@login_required
@require_POST
def not_approve(request, pk):
    application = get_application(request, pk)
    return act(
        request,
        application,
        "not_approve",
        lambda data: services_decision.application_not_approve(request.user, application, reason=data["reason"]),
        _("Application marked not approved."),
        redirect_to=reverse("applications:decision", args=[application.call_id]),
    )


@login_required
def statistics(request):
    """Charts for officers (ECharts reads the figures from a JSON data block: no inline script under the CSP)."""
    from .statistics import figures

    guard(policies.can_view_statistics(request.user))
    return render(request, "applications/statistics.html", {"figures": figures(request.user)})
