"""The public side of the demand pool: submit without an account, receive a receipt number, follow the status."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from apps.core import ratelimit
from apps.core.errors import DomainError
from apps.core.human_check import Challenge
from apps.core.once import once

from . import selectors, services
from .forms import FollowForm, PublicDemandForm

RECEIPT_SESSION_KEY = "demands:last_receipt"


@once
def submit(request):
    """Rate-limited per IP, with a human check; outside a collection round the form says why and refuses."""
    challenge = Challenge(request, "demand_submit")
    form = PublicDemandForm(request.POST or None, challenge=challenge)
    current = selectors.current_round()
    refusal = ""
    status = 200
    if request.method == "POST":
        if not ratelimit.hit("public_submission", request):
            form.add_error(None, _("Too many submissions from your address. Please try again later."))
            status = 429
        elif form.is_valid():
            try:
                demand = services.demand_submit(data=form.submission())
            except DomainError as exc:
                form.add_error(None, exc.message)
                refusal = exc.message
            else:
                request.session[RECEIPT_SESSION_KEY] = demand.receipt_number
                return redirect("demands:submitted")
        challenge.ask_again(form)
        current = selectors.current_round()
    if current is None and not refusal:
        try:
            services.require_open_round()
        except DomainError as exc:
            refusal = exc.message
    return render(
        request,
        "demands/public/submit.html",
        {"form": form, "round": current, "refusal": refusal},
        status=status,
    )


def submitted(request):
    """The receipt page right after submission (the number is kept in the session, so a reload shows it again)."""
    receipt = request.session.get(RECEIPT_SESSION_KEY)
    if not receipt:
        return redirect("demands:submit")
    demand = selectors.by_receipt(receipt)
    return render(request, "demands/public/submitted.html", {"receipt": receipt, "demand": demand})


def follow(request):
    """Status by receipt number: public-facing status and reasons only (no expert names, scores or notes)."""
    # POST, not GET: the receipt number is the key to the demand and must not sit in URLs, logs or history.
    form = FollowForm(request.POST or None)
    demand = None
    not_found = False
    status = 200
    if form.is_bound and not ratelimit.hit("receipt_lookup", request):
        form.add_error(None, _("Too many look-ups from your address. Please try again later."))
        status = 429
    elif form.is_bound and form.is_valid():
        demand = selectors.by_receipt(form.cleaned_data["receipt"])
        not_found = demand is None
    return render(
        request, "demands/public/follow.html", {"form": form, "demand": demand, "not_found": not_found}, status=status
    )
