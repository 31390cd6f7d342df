"""The one shape of a POST action view: form → service → DomainError → message → redirect.

    return post_action(
        request,
        form=ReasonForm(request.POST),
        run=lambda data: services.demand_reject(request.user, demand, reason=data["reason"]),
        success=_("Demand rejected."),
        redirect_to=demand.get_absolute_url(),          # or a URL name + args via django.shortcuts.resolve_url
        render_again=lambda form: render(request, "demands/detail.html", context(demand, reason_form=form)),
    )

A valid form whose service succeeds: the success message and a redirect (POST/redirect/GET). An invalid form or a
`DomainError`: the message (field labels and their errors, or the refusal's reason), nothing changed, and the page
rendered again with the bound form (200), so nothing the user typed is lost. `render_again=None` redirects instead
and is only for forms without free text (a button with a confirmation box). `errors_on_form` keeps what went wrong
in the form itself (no message): an invalid form shows its own errors, a refusal stands above the fields (True) or at
the field it names. A page whose form posts to itself is `form_page(request, form=…, page=…, run=…, …)`: GET shows
`page(form)`, POST is `post_action` with `render_again=page`. A POST that deletes or removes one object, safe to send
twice, is `delete_action(request, find=…, form=…, run=…, success=…, gone=…, redirect_to=…, render_again=…)`.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect

from .errors import DomainError, join_messages


def form_errors(form) -> str:
    """The errors of a bound form as one sentence: “label：error；label：error”."""
    parts = []
    for name, errors in form.errors.items():
        label = str(form.fields[name].label or "") if name in form.fields else ""
        # An error that already names its field (a length limit: apps/core/inputs.py) is not prefixed again.
        named = label and all(str(error).startswith(label) for error in errors)
        parts.append(f"{label}：{' '.join(errors)}" if label and not named else " ".join(errors))
    return join_messages(parts)


def post_action(
    request,
    *,
    form,
    run: Callable[[dict], object],
    success,
    redirect_to,
    render_again: Callable[[object], HttpResponse] | None = None,
    errors_on_form: bool | str = False,
) -> HttpResponse:
    if form.is_valid():
        try:
            result = run(form.cleaned_data)
        except DomainError as exc:
            if errors_on_form:
                form.add_error(None if errors_on_form is True else errors_on_form, exc.message)
            else:
                messages.error(request, exc.message)
        else:
            messages.success(request, success(result) if callable(success) else success)
            return redirect(redirect_to(result) if callable(redirect_to) else redirect_to)
    elif not errors_on_form:
        messages.error(request, form_errors(form))
    if render_again is None:
        return redirect(redirect_to(None) if callable(redirect_to) else redirect_to)
    return render_again(form)


def form_page(request, *, form, page: Callable[[object], HttpResponse], **action) -> HttpResponse:
    """A page whose form posts to itself: GET shows `page(form)`; POST is `post_action(…, render_again=page)`."""
    if request.method != "POST":
        return page(form)
    return post_action(request, form=form, render_again=page, **action)


def delete_action(
    request,
    *,
    find: Callable[[], Any],
    form,
    run: Callable[[Any, dict], object],
    success,
    gone,
    redirect_to: str,
    render_again: Callable[[Any, object], HttpResponse] | None = None,
) -> HttpResponse:
    """A POST that deletes or removes one object (with a reason, or a bare confirmation), safe to send twice.

        guard(policies.can_keep(user, center))           # the view checks who may act first, as before
        return delete_action(
            request,
            find=lambda: events_of(center).filter(pk=event_pk).first(),   # the object, or None when it is gone
            form=ReasonForm(request.POST),
            run=lambda event, data: utilization.delete_event(user, event, reason=data["reason"]),
            success=_("The event has been deleted."),    # or a callable: success(obj) → the message
            gone=_("This event has been deleted in the meantime."),
            redirect_to=list_url,                        # where the object no longer is
            render_again=lambda event, form: event_page(request, center, event, reason_form=form),
        )

    `find()` runs once, within what the user may see (the center's rows; it may raise Http404 itself). It returns
    None when the object is gone already (a second click, a second tab, a replayed form): `gone` as an info message
    and a redirect to `redirect_to`, nothing else happens. Otherwise it is `post_action` on that object: a valid form
    runs `run(obj, cleaned_data)` → `success` and a redirect to `redirect_to`; an invalid form or a `DomainError` → the
    message, nothing changed, and `render_again(obj, bound_form)` (the object's page with the form and what was typed;
    it may also return a redirect to the object's page) or, when `render_again` is None, a redirect to `redirect_to`.
    A callable `success` is read before `run` deletes the object (its number, its name)."""
    obj = find()
    if obj is None:
        messages.info(request, gone)
        return redirect(redirect_to)
    return post_action(
        request,
        form=form,
        run=lambda data: run(obj, data),
        success=success(obj) if callable(success) else success,
        redirect_to=redirect_to,
        render_again=None if render_again is None else (lambda bound: render_again(obj, bound)),
    )
