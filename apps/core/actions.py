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
and is only for forms without free text (a button with a confirmation box).
"""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect

from .errors import DomainError


def form_errors(form) -> str:
    """The errors of a bound form as one sentence: “label：error；label：error”."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}：{' '.join(errors)}" if label else " ".join(errors))
    return "；".join(parts)


def post_action(
    request,
    *,
    form,
    run: Callable[[dict], object],
    success,
    redirect_to,
    render_again: Callable[[object], HttpResponse] | None = None,
) -> HttpResponse:
    if form.is_valid():
        try:
            result = run(form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, success(result) if callable(success) else success)
            return redirect(redirect_to(result) if callable(redirect_to) else redirect_to)
    else:
        messages.error(request, form_errors(form))
    if render_again is None:
        return redirect(redirect_to(None) if callable(redirect_to) else redirect_to)
    return render_again(form)
