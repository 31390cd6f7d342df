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
`page(form)`, POST is `post_action` with `render_again=page`.
"""

from collections.abc import Callable

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
