"""The regional bureau's side of calls: draft, topics, publication and the lifecycle afterwards.

On bad input or a refused rule the page is shown again (200) with the message, and nothing has changed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.errors import DomainError
from apps.core.policy import guard

from . import policies, rules, selectors, services
from .forms import CallForm, IndicatorFormSet, TopicForm
from .models import Call, Topic
from .workflow import CALL


def _managed_call(request, pk) -> Call:
    guard(policies.can_manage(request.user))
    return get_object_or_404(selectors.managed_by(request.user), pk=pk)


@login_required
def manage_list(request):
    guard(policies.can_manage(request.user))
    return render(request, "calls/manage/list.html", {"calls": selectors.managed_by(request.user)})


@login_required
def call_create(request):
    guard(policies.can_manage(request.user))
    today = timezone.localdate()
    form = CallForm(request.POST or None, initial={"year": today.year})
    if request.method == "POST" and form.is_valid():
        try:
            call = services.call_create(request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Draft call created. Add its topics, then publish it."))
            return redirect("calls:manage_detail", pk=call.pk)
    return render(request, "calls/manage/call_form.html", {"form": form, "call": None})


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
    form = CallForm(request.POST or None, instance=Call.objects.get(pk=call.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.call_update(request.user, call, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Call saved."))
            return redirect("calls:manage_detail", pk=call.pk)
    return render(request, "calls/manage/call_form.html", {"form": form, "call": call})


def _detail(request, call, status=200):
    return render(
        request,
        "calls/manage/detail.html",
        {
            "call": call,
            "topics": selectors.topics_of(call),
            "transitions": [(t, CALL.check(request.user, call, t.action)) for t in CALL.from_state(call.status)],
            "problems": rules.publication_problems(call, timezone.localdate()) if call.status == "draft" else [],
            "versions": call.topic_versions.select_related("topic", "changed_by", "announcement"),
            "allocated": call.funding_allocated(),
            "phase": call.window_phase(),
        },
        status=status,
    )


@login_required
def manage_detail(request, pk):
    return _detail(request, _managed_call(request, pk))


def _transition(request, pk, run, success):
    call = _managed_call(request, pk)
    try:
        run(call)
    except DomainError as exc:
        messages.error(request, exc.message)
        call.refresh_from_db()
        return _detail(request, call)
    messages.success(request, success)
    return redirect("calls:manage_detail", pk=call.pk)


@login_required
@require_POST
def call_publish(request, pk):
    return _transition(
        request,
        pk,
        lambda call: services.call_publish(request.user, call),
        _("Call published; the announcement is on the portal."),
    )


@login_required
@require_POST
def call_close(request, pk):
    return _transition(
        request, pk, lambda call: services.call_close_applications(request.user, call), _("Applications closed.")
    )


@login_required
@require_POST
def call_start_review(request, pk):
    return _transition(request, pk, lambda call: services.call_start_review(request.user, call), _("Review started."))


@login_required
@require_POST
def call_conclude(request, pk):
    return _transition(request, pk, lambda call: services.call_conclude(request.user, call), _("Call concluded."))


# ---------------------------------------------------------------- topics


def _indicator_initial(topic):
    if topic is None:
        return []
    return [
        {"id": i.pk, "name": i.name, "unit": i.unit, "minimum_target": i.minimum_target} for i in topic.indicators.all()
    ]


def _topic_page(request, call, topic=None):
    form = TopicForm(request.POST or None, instance=topic or Topic(call=call), call=call)
    formset = IndicatorFormSet(request.POST or None, initial=_indicator_initial(topic), prefix="indicators")
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            data = form.cleaned_data
            values = {k: data[k] for k in ("title", "industry", "technical_field", "requirements", "funding_cap")}
            indicators = [f.cleaned_data for f in formset.forms if f.cleaned_data]
            try:
                if topic is None:
                    services.topic_create(
                        request.user,
                        call,
                        values=values,
                        indicators=indicators,
                        demands=data["demands"],
                        reason=data.get("reason", ""),
                    )
                else:
                    services.topic_update(
                        request.user,
                        topic,
                        values=values,
                        indicators=indicators,
                        demands=data["demands"],
                        reason=data.get("reason", ""),
                    )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                if call.status == Call.Status.DRAFT:
                    messages.success(request, _("Topic saved."))
                else:
                    messages.success(request, _("Topic changed; the change is versioned and announced publicly."))
                return redirect("calls:manage_detail", pk=call.pk)
        elif not formset.is_valid():
            form.add_error(None, _("Check the indicators: each needs a name, a unit and a minimum target."))
    return render(
        request,
        "calls/manage/topic_form.html",
        {"form": form, "formset": formset, "call": call, "topic": topic},
    )


@login_required
def topic_create(request, pk):
    call = _managed_call(request, pk)
    if call.status not in (Call.Status.DRAFT, Call.Status.PUBLISHED):
        messages.error(request, _("Applications to this call have closed: its topics can no longer change."))
        return redirect("calls:manage_detail", pk=call.pk)
    return _topic_page(request, call)


@login_required
def topic_edit(request, pk, topic_pk):
    call = _managed_call(request, pk)
    topic = get_object_or_404(call.topics.all(), pk=topic_pk)
    if call.status not in (Call.Status.DRAFT, Call.Status.PUBLISHED):
        messages.error(request, _("Applications to this call have closed: its topics can no longer change."))
        return redirect("calls:manage_detail", pk=call.pk)
    return _topic_page(request, call, topic)


@login_required
@require_POST
def topic_delete(request, pk, topic_pk):
    call = _managed_call(request, pk)
    topic = get_object_or_404(call.topics.all(), pk=topic_pk)
    try:
        services.topic_delete(request.user, topic)
    except DomainError as exc:
        messages.error(request, exc.message)
        return _detail(request, call)
    messages.success(request, _("Topic removed from the draft."))
    return redirect("calls:manage_detail", pk=call.pk)
