"""The indicator systems' pages (Art. 16), for the regional bureau only (`policies.can_manage`: everyone else 403 —
the systems are no secret, so not 404): the versions, one system's tree (areas → indicators with their points, kind,
rule and its documentation, parameters; the veto items; what keeps it from being used), and the forms that edit a
system not yet frozen. Writes go through `services_systems`; a refusal is shown in the form, nothing typed lost."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.actions import delete_action, form_page, post_action
from apps.core.forms import StyledForm
from apps.core.once import once
from apps.core.policy import guard

from . import objective, policies, rules, services_systems
from .forms_systems import IndicatorForm, SystemForm, VetoForm, indicator_initial
from .models import EvaluationIndicator, EvaluationRound, IndicatorArea, IndicatorSystem, VetoItem
from .systems import check_complete


def _manage(request) -> None:
    guard(policies.can_manage(request.user))


def _system(pk) -> IndicatorSystem:
    return get_object_or_404(IndicatorSystem.objects.select_related("based_on"), pk=pk)


def system_url(system) -> str:
    return reverse("evaluations:system", args=[system.pk])


def _rounds_of(system) -> list:
    return list(EvaluationRound.objects.filter(system=system).only("pk", "title", "status", "opened_at"))


def _frozen(system, rounds) -> bool:
    return system.frozen_at is not None or any(r.opened_at is not None for r in rounds)


def _refuse_frozen(request, system):
    """A form page of a frozen system: the reason, and back to the system's page."""
    messages.error(request, services_systems.frozen_message())
    return redirect(system_url(system))


# ---------------------------------------------------------------- pages


@login_required
def systems(request):
    _manage(request)
    versions = list(
        IndicatorSystem.objects.annotate(total=Sum("indicators__max_points"), indicator_count=Count("indicators"))
        .prefetch_related(Prefetch("rounds", queryset=EvaluationRound.objects.only("pk", "title", "system_id")))
        .order_by("-version")
    )
    return render(
        request,
        "evaluations/system_list.html",
        {"versions": versions, "expected_total": rules.TOTAL_POINTS},
    )


def _indicator_rows(indicators) -> list[dict]:
    rows = []
    for indicator in indicators:
        rule = objective.RULES.get(indicator.rule) if indicator.is_objective else None
        params = []
        if rule is not None:
            values = rule.values(indicator.params)
            params = [
                {
                    "name": name,
                    "label": rule.param_labels.get(name, name),
                    "value": objective.fmt(values[name]),
                    "default": name not in (indicator.params or {}),
                }
                for name in rule.defaults
            ]
        rows.append({"indicator": indicator, "rule": rule, "params": params})
    return rows


@login_required
def system(request, pk):
    _manage(request)
    the_system = _system(pk)
    rounds = _rounds_of(the_system)
    areas = list(
        IndicatorArea.objects.filter(system=the_system)
        .prefetch_related(
            Prefetch("indicators", queryset=EvaluationIndicator.objects.order_by("position", "id"), to_attr="listed")
        )
        .order_by("position", "id")
    )
    tree = []
    total = 0
    for area in areas:
        subtotal = sum((i.max_points for i in area.listed), 0)
        total += subtotal
        tree.append({"area": area, "subtotal": subtotal, "rows": _indicator_rows(area.listed)})
    return render(
        request,
        "evaluations/system_detail.html",
        {
            "system": the_system,
            "rounds": rounds,
            "frozen": _frozen(the_system, rounds),
            "tree": tree,
            "total": total,
            "expected_total": rules.TOTAL_POINTS,
            "vetoes": list(VetoItem.objects.filter(system=the_system).order_by("position", "id")),
            "problems": check_complete(the_system),
            "copy_form": StyledForm(),
        },
    )


@login_required
def system_edit(request, pk):
    _manage(request)
    the_system = _system(pk)
    if request.method != "POST" and _frozen(the_system, _rounds_of(the_system)):
        return _refuse_frozen(request, the_system)
    user = request.user
    return form_page(
        request,
        form=SystemForm(request.POST or None, initial={"name": the_system.name, "note": the_system.note}),
        page=lambda form: render(request, "evaluations/system_form.html", {"system": the_system, "form": form}),
        run=lambda data: services_systems.update(user, the_system, name=data["name"], note=data["note"]),
        success=_("The indicator system has been saved."),
        redirect_to=system_url(the_system),
        errors_on_form=True,
    )


@login_required
@require_POST
@once
def system_copy(request, pk):
    _manage(request)
    the_system = _system(pk)
    user = request.user
    return post_action(
        request,
        form=StyledForm(request.POST),
        run=lambda data: services_systems.copy(user, the_system),
        success=lambda made: (
            _("Version %(version)s has been created as a copy: edit it, then use it in a round.")
            % {"version": made.version}
        ),
        redirect_to=lambda made: system_url(made or the_system),
    )


# ---------------------------------------------------------------- indicators


def _indicator_page(request, the_system, form, indicator=None):
    return render(
        request,
        "evaluations/system_indicator_form.html",
        {"system": the_system, "form": form, "indicator": indicator, "rules": objective.RULES.values()},
    )


def _indicator_values(data) -> dict:
    return {name: data.get(name) for name in ("code", "name", "guidance", "max_points", "kind", "rule", "params")} | {
        "area": data["area"]
    }


@login_required
@once
def indicator_add(request, pk):
    _manage(request)
    the_system = _system(pk)
    if request.method != "POST" and _frozen(the_system, _rounds_of(the_system)):
        return _refuse_frozen(request, the_system)
    user = request.user
    areas = list(IndicatorArea.objects.filter(system=the_system).order_by("position", "id"))
    return form_page(
        request,
        form=IndicatorForm(request.POST or None, areas=areas, initial={"kind": EvaluationIndicator.Kind.SUBJECTIVE}),
        page=lambda form: _indicator_page(request, the_system, form),
        run=lambda data: services_systems.indicator_add(user, the_system, **_indicator_values(data)),
        success=lambda made: _("Indicator %(indicator)s has been added.") % {"indicator": made},
        redirect_to=system_url(the_system),
        errors_on_form=True,
    )


def _indicator_of(the_system, indicator_pk) -> EvaluationIndicator:
    indicator = get_object_or_404(EvaluationIndicator.objects.filter(system=the_system), pk=indicator_pk)
    indicator.system = the_system
    return indicator


@login_required
def indicator_edit(request, pk, indicator_pk):
    _manage(request)
    the_system = _system(pk)
    indicator = _indicator_of(the_system, indicator_pk)
    if request.method != "POST" and _frozen(the_system, _rounds_of(the_system)):
        return _refuse_frozen(request, the_system)
    user = request.user
    areas = list(IndicatorArea.objects.filter(system=the_system).order_by("position", "id"))
    return form_page(
        request,
        form=IndicatorForm(request.POST or None, areas=areas, initial=indicator_initial(indicator)),
        page=lambda form: _indicator_page(request, the_system, form, indicator),
        run=lambda data: services_systems.indicator_update(user, indicator, **_indicator_values(data)),
        success=lambda saved: _("Indicator %(indicator)s has been saved.") % {"indicator": saved},
        redirect_to=system_url(the_system),
        errors_on_form=True,
    )


@login_required
@require_POST
def indicator_delete(request, pk, indicator_pk):
    _manage(request)
    the_system = _system(pk)
    user = request.user

    def find():
        indicator = EvaluationIndicator.objects.filter(system=the_system, pk=indicator_pk).first()
        if indicator is not None:
            indicator.system = the_system
        return indicator

    return delete_action(
        request,
        find=find,
        form=StyledForm(request.POST),
        run=lambda indicator, data: services_systems.indicator_delete(user, indicator),
        success=lambda indicator: _("Indicator %(indicator)s has been deleted.") % {"indicator": indicator},
        gone=_("This indicator had already been deleted."),
        redirect_to=system_url(the_system),
    )


# ---------------------------------------------------------------- veto items


def _veto_page(request, the_system, form, veto=None):
    return render(request, "evaluations/system_veto_form.html", {"system": the_system, "form": form, "veto": veto})


@login_required
@once
def veto_add(request, pk):
    _manage(request)
    the_system = _system(pk)
    if request.method != "POST" and _frozen(the_system, _rounds_of(the_system)):
        return _refuse_frozen(request, the_system)
    user = request.user
    return form_page(
        request,
        form=VetoForm(request.POST or None),
        page=lambda form: _veto_page(request, the_system, form),
        run=lambda data: services_systems.veto_add(user, the_system, **data),
        success=lambda made: _("Veto item %(item)s has been added.") % {"item": made},
        redirect_to=system_url(the_system),
        errors_on_form=True,
    )


@login_required
def veto_edit(request, pk, veto_pk):
    _manage(request)
    the_system = _system(pk)
    veto = get_object_or_404(VetoItem.objects.filter(system=the_system), pk=veto_pk)
    veto.system = the_system
    if request.method != "POST" and _frozen(the_system, _rounds_of(the_system)):
        return _refuse_frozen(request, the_system)
    user = request.user
    return form_page(
        request,
        form=VetoForm(
            request.POST or None, initial={"code": veto.code, "name": veto.name, "description": veto.description}
        ),
        page=lambda form: _veto_page(request, the_system, form, veto),
        run=lambda data: services_systems.veto_update(user, veto, **data),
        success=lambda saved: _("Veto item %(item)s has been saved.") % {"item": saved},
        redirect_to=system_url(the_system),
        errors_on_form=True,
    )


@login_required
@require_POST
def veto_delete(request, pk, veto_pk):
    _manage(request)
    the_system = _system(pk)
    user = request.user

    def find():
        veto = VetoItem.objects.filter(system=the_system, pk=veto_pk).first()
        if veto is not None:
            veto.system = the_system
        return veto

    return delete_action(
        request,
        find=find,
        form=StyledForm(request.POST),
        run=lambda veto, data: services_systems.veto_delete(user, veto),
        success=lambda veto: _("Veto item %(item)s has been deleted.") % {"item": veto},
        gone=_("This veto item had already been deleted."),
        redirect_to=system_url(the_system),
    )
