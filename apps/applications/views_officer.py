"""Officers' pages: the prefecture's review and recommendation, the region's formal check, the expert panels,
the ranking and the decision (selection, public notice, approval), and the spreadsheets."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.calls.models import Call, Topic
from apps.core.errors import DomainError
from apps.core.policy import guard

from . import policies, selectors, services, services_decision, services_review
from .forms import OpinionForm, PanelMemberForm, ReasonForm, RecommendForm, SelectionForm
from .models import Application, PanelMember, Review, ReviewPanel
from .views import form_errors, get_application

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _done(request, application, call, success):
    try:
        call()
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect("applications:detail", pk=application.pk)


# ---------------------------------------------------------------- prefecture review


@login_required
@require_POST
def recommend(request, pk):
    application = get_application(request, pk)
    guard(policies.is_prefecture_office_of(request.user, application))
    form = RecommendForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    return _done(
        request,
        application,
        lambda: services.application_recommend(
            request.user, application, opinion=data.get("opinion", ""), confirm_region=data.get("confirm_region", False)
        ),
        _("Application recommended to the regional bureau."),
    )


def _with_reason(request, application, service, success):
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give a reason."))
        return redirect("applications:detail", pk=application.pk)
    return _done(
        request, application, lambda: service(request.user, application, reason=form.cleaned_data["reason"]), success
    )


@login_required
@require_POST
def prefecture_return(request, pk):
    application = get_application(request, pk)
    guard(policies.is_prefecture_office_of(request.user, application))
    return _with_reason(
        request,
        application,
        services.application_prefecture_return,
        _("Application returned to the unit for revision."),
    )


@login_required
@require_POST
def prefecture_reject(request, pk):
    application = get_application(request, pk)
    guard(policies.is_prefecture_office_of(request.user, application))
    return _with_reason(
        request,
        application,
        services.application_prefecture_reject,
        _("Application not recommended; the unit has been told why."),
    )


# ---------------------------------------------------------------- formal check


@login_required
@require_POST
def formal_pass(request, pk):
    application = get_application(request, pk)
    guard(policies.is_regional_officer(request.user))
    form = OpinionForm(request.POST)
    form.is_valid()
    return _done(
        request,
        application,
        lambda: services.application_formal_pass(
            request.user, application, opinion=form.cleaned_data.get("opinion", "")
        ),
        _("Formal check passed: the application goes to expert review."),
    )


@login_required
@require_POST
def formal_return(request, pk):
    application = get_application(request, pk)
    guard(policies.is_regional_officer(request.user))
    return _with_reason(
        request, application, services.application_formal_return, _("Application returned to the unit for revision.")
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
    try:
        panel = services_review.panel_create(request.user, topic)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("applications:panels")
    messages.success(request, _("Panel formed: add at least %(min)s experts.") % {"min": panel.min_experts})
    return redirect("applications:panel", pk=panel.pk)


def _panel(request, pk) -> ReviewPanel:
    return get_object_or_404(selectors.panels_for(request.user), pk=pk)


@login_required
def panel_detail(request, pk):
    guard(policies.is_regional_officer(request.user))
    panel = _panel(request, pk)
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
            "member_form": PanelMemberForm(panel=panel),
            "applications": applications,
            "ranking": selectors.ranking(panel.topic),
        },
    )


@login_required
@require_POST
def panel_member_add(request, pk):
    guard(policies.is_regional_officer(request.user))
    panel = _panel(request, pk)
    form = PanelMemberForm(request.POST, panel=panel)
    if form.is_valid():
        try:
            services_review.panel_add_member(request.user, panel, form.cleaned_data["expert"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Expert added to the panel."))
    else:
        messages.error(request, form_errors(form))
    return redirect("applications:panel", pk=panel.pk)


@login_required
@require_POST
def panel_member_remove(request, pk, member_pk):
    guard(policies.is_regional_officer(request.user))
    panel = _panel(request, pk)
    member = get_object_or_404(PanelMember, pk=member_pk, panel=panel)
    try:
        services_review.panel_remove_member(request.user, member)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Expert removed from the panel."))
    return redirect("applications:panel", pk=panel.pk)


@login_required
@require_POST
def panel_open(request, pk):
    guard(policies.is_regional_officer(request.user))
    panel = _panel(request, pk)
    try:
        services_review.panel_open(request.user, panel)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        excluded = Review.objects.filter(panel=panel, status=Review.Status.EXCLUDED).count()
        messages.success(
            request,
            _(
                "Scoring opened; the experts have been asked to score. %(count)s assignment(s) were excluded for "
                "conflicts of interest."
            )
            % {"count": excluded},
        )
    return redirect("applications:panel", pk=panel.pk)


@login_required
@require_POST
def panel_close(request, pk):
    guard(policies.is_regional_officer(request.user))
    panel = _panel(request, pk)
    try:
        services_review.panel_close(request.user, panel)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Panel closed; the ranking has been computed."))
    return redirect("applications:panel", pk=panel.pk)


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


@login_required
def decision(request, call_pk):
    guard(policies.is_regional_officer(request.user))
    call = _call(call_pk)
    selections = call.selections.select_related("notice").prefetch_related("applications__lead_unit")
    for selection in selections:
        notice = selection.notice
        selection.open_objections = notice.objections.filter(status="received").count() if notice else 0
        selection.objection_count = notice.objections.count() if notice else 0
    return render(
        request,
        "applications/decision.html",
        {
            "call": call,
            "board": services_decision.decision_board(call),
            "funding": services_decision.funding_summary(call)["call"],
            "selections": selections,
            "selection_form": SelectionForm(call=call),
            "reason_form": ReasonForm(),
        },
    )


@login_required
@require_POST
def select(request, call_pk):
    guard(policies.is_regional_officer(request.user))
    call = _call(call_pk)
    form = SelectionForm(request.POST, call=call)
    if not form.is_valid():
        messages.error(request, form_errors(form))
    else:
        try:
            selection = services_decision.selection_create(
                request.user, call, form.cleaned_data["applications"], contact=form.cleaned_data["contact"]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("Selection published as a public notice until %(date)s.") % {"date": selection.notice.ends_on},
            )
    return redirect("applications:decision", call_pk=call.pk)


@login_required
@require_POST
def approve(request, pk):
    application = get_application(request, pk)
    guard(policies.is_regional_officer(request.user))
    try:
        services_decision.application_approve(request.user, application)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Application approved."))
    return redirect("applications:decision", call_pk=application.call_id)


@login_required
@require_POST
def not_approve(request, pk):
    application = get_application(request, pk)
    guard(policies.is_regional_officer(request.user))
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give a reason."))
    else:
        try:
            services_decision.application_not_approve(request.user, application, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Application marked not approved."))
    return redirect("applications:decision", call_pk=application.call_id)


@login_required
def statistics(request):
    """Charts for officers (ECharts reads the figures from a JSON data block: no inline script under the CSP)."""
    from .statistics import figures

    guard(policies.can_view_statistics(request.user))
    return render(request, "applications/statistics.html", {"figures": figures(request.user)})
