"""The regional bureau's side of calls: draft, topics, publication and the lifecycle afterwards.

Every POST goes through `core.actions.post_action`: on bad input or a refused rule the page is shown again (200)
with the message and the form as it was sent, and nothing has changed; on success, a redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.core import clock
from apps.core.actions import form_page, post_action
from apps.core.errors import DomainError
from apps.core.forms import StyledForm
from apps.core.listing import listing_page
from apps.core.once import once
from apps.core.policy import guard
from apps.demands.models import Demand

from . import listings, policies, rules, selectors, services
from .forms import CallForm, IndicatorFormSet, TopicForm
from .models import TOPIC_FIELDS, Call, Topic
from .workflow import CALL


def _managed_call(request, pk) -> Call:
    guard(policies.can_manage(request.user))
    return get_object_or_404(selectors.managed_by(request.user), pk=pk)


@login_required
def manage_list(request):
    guard(policies.can_manage(request.user))
    return listing_page(request, listings.CALLS, selectors.managed_list(request.user), "calls/manage/list.html")


@login_required
@once
def call_create(request):
    guard(policies.can_manage(request.user))
    return form_page(
        request,
        form=CallForm(request.POST or None, initial={"year": clock.today().year}),
        page=lambda form: render(request, "calls/manage/call_form.html", {"form": form, "call": None}),
        run=lambda data: services.call_create(request.user, **data),
        success=_("Draft call created. Add its topics, then publish it."),
        redirect_to=lambda call: reverse("calls:manage_detail", args=[call.pk]),
    )


@login_required
def call_edit(request, pk):
    """A draft is edited here. A published call is shown read-only with the explanation (once, in the page):
    its topics change through the versioned topic edit with a reason; a POST changes nothing."""
    call = _managed_call(request, pk)
    if call.status != Call.Status.DRAFT:
        form = CallForm(instance=call)
        for field in form.fields.values():
            field.disabled = True
        return render(request, "calls/manage/call_form.html", {"form": form, "call": call, "read_only": True})
    return form_page(
        request,
        form=CallForm(request.POST or None, instance=Call.objects.get(pk=call.pk)),
        page=lambda form: render(request, "calls/manage/call_form.html", {"form": form, "call": call}),
        run=lambda data: services.call_update(request.user, call, **data),
        success=_("Call saved."),
        redirect_to=reverse("calls:manage_detail", args=[call.pk]),
    )


def _detail(request, call, *, reload=True):
    """The bureau's page of a call; after a refused action, again (200) with the message (`reload`: read the
    call again). Its topics are read once, for the page, the publication check and the workflow's buttons."""
    if reload or not call._topics_prefetched():
        call = selectors.with_topics(selectors.managed_by(request.user)).get(pk=call.pk)
    problems = rules.publication_problems(call, clock.today()) if call.status == Call.Status.DRAFT else []
    return render(
        request,
        "calls/manage/detail.html",
        {
            "call": call,
            "topics": call.topics.all(),
            "options": CALL.options(request.user, call),
            "problems": problems,
            "topics_changeable": bool(policies.can_change_topics(call)),
            "versions": call.topic_versions.select_related("topic", "changed_by", "announcement"),
            "allocated": call.funding_allocated(),
            "phase": call.window_phase(),
        },
    )


@login_required
def manage_detail(request, pk):
    guard(policies.can_manage(request.user))
    call = get_object_or_404(selectors.with_topics(selectors.managed_by(request.user)), pk=pk)
    return _detail(request, call, reload=False)


def _transition(action, service, success):
    """A transition's button (nothing to type): the row decides who (403) and whether (the message)."""

    @login_required
    @require_POST
    def view(request, pk):
        call = _managed_call(request, pk)
        CALL.guard(request.user, call, action)
        return post_action(
            request,
            form=StyledForm(request.POST),
            run=lambda data: service(request.user, call),
            success=success,
            redirect_to=reverse("calls:manage_detail", args=[call.pk]),
            render_again=lambda form: _detail(request, call),
        )

    view.__name__ = view.__qualname__ = service.__name__
    return view


# The call's lifecycle after the draft: (transition, service, success message).
call_publish = _transition(
    "publish", services.call_publish, gettext_lazy("Call published; the announcement is on the portal.")
)
call_close = _transition("close_applications", services.call_close_applications, gettext_lazy("Applications closed."))
call_start_review = _transition("start_review", services.call_start_review, gettext_lazy("Review started."))
call_conclude = _transition("conclude", services.call_conclude, gettext_lazy("Call concluded."))


# ---------------------------------------------------------------- topics


def _indicator_initial(topic):
    if topic is None:
        return []
    return [
        {"id": i.pk, "name": i.name, "unit": i.unit, "minimum_target": i.minimum_target} for i in topic.indicators.all()
    ]


def _from_demand(request) -> dict:
    """`?demand=<pk>` (the link on an adopted demand's page): the new topic starts from that demand."""
    pk = request.GET.get("demand", "")
    demand = Demand.objects.filter(pk=pk, status=Demand.Status.ADOPTED).first() if pk.isdigit() else None
    if demand is None:
        return {}
    return {
        "title": demand.title,
        "industry": demand.industry_id,
        "technical_field": demand.technical_field,
        "demands": [demand.pk],
    }


def _topic_page(request, call, topic=None):
    initial = _from_demand(request) if topic is None and request.method != "POST" else {}
    form = TopicForm(request.POST or None, instance=topic or Topic(call=call), call=call, initial=initial)
    formset = IndicatorFormSet(request.POST or None, initial=_indicator_initial(topic), prefix="indicators")

    def page(form):
        return render(
            request,
            "calls/manage/topic_form.html",
            {"form": form, "formset": formset, "call": call, "topic": topic},
        )

    def save(data):
        if not formset.is_valid():
            raise DomainError(_("Check the indicators: each needs a name, a unit and a minimum target."))
        values = {name: data[name] for name in TOPIC_FIELDS}
        indicators = [f.cleaned_data for f in formset.forms if f.cleaned_data]
        reason = data.get("reason", "")
        if topic is None:
            return services.topic_create(
                request.user, call, values=values, indicators=indicators, demands=data["demands"], reason=reason
            )
        return services.topic_update(
            request.user, topic, values=values, indicators=indicators, demands=data["demands"], reason=reason
        )

    return form_page(
        request,
        form=form,
        page=page,
        run=save,
        success=_("Topic saved.")
        if call.status == Call.Status.DRAFT
        else _("Topic changed; the change is versioned and announced publicly."),
        redirect_to=reverse("calls:manage_detail", args=[call.pk]),
    )


def _topics_changeable_or_back(request, call):
    """A topic form is offered only while topics can change; otherwise back to the call with the reason."""
    decision = policies.can_change_topics(call)
    if decision:
        return None
    messages.error(request, decision.reason)
    return redirect("calls:manage_detail", pk=call.pk)


@login_required
def topic_from_demand(request, demand_pk):
    """From an adopted demand's page: the calls whose topics can still change, each offering a new topic that
    starts from the demand; or, when there is none, the way to draft a call first."""
    guard(policies.can_manage(request.user))
    demand = get_object_or_404(Demand.objects.filter(status=Demand.Status.ADOPTED), pk=demand_pk)
    calls = [
        call for call in selectors.managed_by(request.user).order_by("-year", "-pk") if policies.can_change_topics(call)
    ]
    return render(
        request,
        "calls/manage/topic_from_demand.html",
        {"demand": demand, "calls": calls, "topics": demand.listing_topics()},
    )


@login_required
@once
def topic_create(request, pk):
    call = _managed_call(request, pk)
    return _topics_changeable_or_back(request, call) or _topic_page(request, call)


@login_required
def topic_edit(request, pk, topic_pk):
    call = _managed_call(request, pk)
    topic = get_object_or_404(call.topics.all(), pk=topic_pk)
    return _topics_changeable_or_back(request, call) or _topic_page(request, call, topic)


@login_required
@require_POST
def topic_delete(request, pk, topic_pk):
    call = _managed_call(request, pk)
    topic = get_object_or_404(call.topics.all(), pk=topic_pk)
    return post_action(
        request,
        form=StyledForm(request.POST),
        run=lambda data: services.topic_delete(request.user, topic),
        success=_("Topic removed from the draft."),
        redirect_to=reverse("calls:manage_detail", args=[call.pk]),
        render_again=lambda form: _detail(request, call),
    )
