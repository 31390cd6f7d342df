"""Demo time travel from the regional officer's workbench (DEMO_MODE only: elsewhere these URLs answer 404)."""

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import clock
from .actions import post_action
from .forms import StyledForm
from .policy import guard


class ClockAdvanceForm(StyledForm):
    days = forms.IntegerField(label=gettext_lazy("Days"), min_value=1, max_value=3660, initial=7)


class ConfirmForm(StyledForm):
    pass


def _demo_only(request):
    if not settings.DEMO_MODE:
        raise Http404
    guard(clock.can_move(request.user))


@login_required
@require_POST
def clock_advance(request):
    _demo_only(request)
    return post_action(
        request,
        form=ClockAdvanceForm(request.POST),
        run=lambda data: clock.advance(data["days"], actor=request.user),
        success=lambda day: _("The demo clock now shows %(date)s.") % {"date": day.isoformat()},
        redirect_to="core:home",
    )


@login_required
@require_POST
def clock_reset(request):
    _demo_only(request)
    return post_action(
        request,
        form=ConfirmForm(request.POST),
        run=lambda data: clock.reset(actor=request.user),
        success=lambda day: _("The demo clock is back to real time (%(date)s).") % {"date": day.isoformat()},
        redirect_to="core:home",
    )
