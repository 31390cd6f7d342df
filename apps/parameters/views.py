"""The regional officer's page of rule parameters: the list, and one parameter's form with its history."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.core.actions import post_action
from apps.core.policy import guard

from . import policies, selectors, services
from .forms import ParameterForm


@login_required
def parameter_list(request):
    guard(policies.can_manage(request.user))
    return render(request, "parameters/list.html", {"lines": selectors.overview()})


@login_required
def parameter_edit(request, key):
    guard(policies.can_manage(request.user))
    line = selectors.line(key)
    if line is None:
        raise Http404
    tunable = line.tunable

    def page(form):
        context = {"line": line, "tunable": tunable, "form": form, "history": selectors.history(line)}
        return render(request, "parameters/edit.html", context)

    if request.method != "POST":
        return page(ParameterForm(line=line))
    return post_action(
        request,
        form=ParameterForm(request.POST, line=line),
        run=lambda data: services.parameter_update(
            request.user,
            key,
            value=data["value"],
            reason=data["reason"],
            expected=data["expected"] or None,
        ),
        success=lambda row: (
            _("%(label)s is now %(value)s %(unit)s.")
            % {"label": tunable.label, "value": tunable.format(row.value), "unit": tunable.unit}
        ),
        redirect_to=reverse("parameters:list"),
        render_again=page,
    )
