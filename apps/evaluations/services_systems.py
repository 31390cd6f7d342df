"""Editing the indicator system (Art. 16): the regional bureau only (`policies.can_manage`).

- `copy(user, system)`: the next version, `based_on` the copied one, with all its areas, indicators and veto items,
  not frozen — the way to change a system a round has used;
- `update(user, system, *, name, note)`;
- `indicator_add / indicator_update / indicator_delete`: a weighted level-2 indicator of one of the system's areas:
  points a Decimal > 0 and ≤ 100 with at most two decimals; objective ones name a rule of `objective.RULES`, their
  parameters checked against the rule's (numbers ≥ 0); subjective ones none; the code unique within the system;
- `veto_add / veto_update / veto_delete`: the veto items (一票否决).

A frozen system (a round using it has opened: `frozen_at`) refuses every edit in Chinese; the check runs under a
row lock on the system, so a round opening at the same moment (which freezes it) and an edit serialise. The total
need not be 100 while editing: `systems.check_complete` lists what is missing, and a round cannot open until it is
empty (`workflow.system_totals_100`). Every edit is audited ("evaluations.system.*", "evaluations.indicator.*",
"evaluations.veto.*") in the same transaction."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.core import inputs
from apps.core.errors import DomainError, PermissionDenied

from . import objective, policies, rules
from .models import EvaluationIndicator, IndicatorArea, IndicatorSystem, VetoItem

K = EvaluationIndicator.Kind
CODE_MAX, NAME_MAX = 10, 200
CENT = Decimal("0.01")
INDICATOR_FIELDS = ["area", "code", "name", "guidance", "max_points", "kind", "rule", "params", "position"]
VETO_FIELDS = ["code", "name", "description", "position"]


def frozen_message() -> str:
    return _("This indicator system is used by an evaluation round and frozen: copy it as a new version to change it.")


def _require(user) -> None:
    decision = policies.can_manage(user)
    if not decision:
        raise PermissionDenied(decision.reason)


def is_frozen(system) -> bool:
    """Frozen once a round using it has opened (`frozen_at`; a round past its draft counts too)."""
    return system.frozen_at is not None or system.rounds.exclude(opened_at__isnull=True).exists()


def _editable(system) -> IndicatorSystem:
    """The system, row-locked, or the Chinese refusal when it is frozen (read again under the lock)."""
    locked = IndicatorSystem.objects.select_for_update().filter(pk=system.pk).first()
    if locked is None:
        raise DomainError(_("This indicator system no longer exists."), code="gone")
    if is_frozen(locked):
        raise DomainError(frozen_message(), code="frozen")
    return locked


# ---------------------------------------------------------------- input


def points(value) -> Decimal:
    """An indicator's points: a number > 0 and ≤ 100 with at most two decimals (DomainError in Chinese)."""
    label = _("Points")
    if value is None or (isinstance(value, str) and not value.strip()):
        raise DomainError(_("Please fill in: %(field)s.") % {"field": label}, code="required")
    if isinstance(value, float):
        value = format(value, "f")
    number = inputs.parse_decimal(value, label=label)
    if number <= 0:
        raise DomainError(_("%(field)s must be more than zero.") % {"field": label}, code="points_zero")
    if number > rules.TOTAL_POINTS:
        raise DomainError(
            _("%(field)s cannot exceed %(maximum)s.") % {"field": label, "maximum": f"{rules.TOTAL_POINTS:f}"},
            code="points_max",
        )
    if number != number.quantize(CENT):
        raise DomainError(
            _("%(field)s: give the points with at most two decimals, such as 7.5.") % {"field": label},
            code="points_decimals",
        )
    return number.quantize(CENT)


def _line(value, *, label, limit, required=True) -> str:
    value = inputs.normalised_text(value or "", single_line=True)
    if required and not value:
        raise DomainError(_("Please fill in: %(field)s.") % {"field": label}, code="required")
    inputs.check_length(value, limit=limit, label=label)
    return value


def _text(value, *, label) -> str:
    value = inputs.normalised_text(value or "")
    inputs.check_length(value, limit=rules.TEXT_MAX, label=label)
    return value


def _unique_code(model, system, code, *, exclude_pk=None) -> None:
    qs = model.objects.filter(system=system, code=code)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        raise DomainError(
            _("The code %(code)s is already used in this indicator system: choose another.") % {"code": code},
            code="duplicate_code",
        )


def _indicator_values(system, *, area, code, name, guidance, max_points, kind, rule, params) -> dict:
    area_id = getattr(area, "pk", area)
    area = IndicatorArea.objects.filter(system=system, pk=area_id).first() if area_id else None
    if area is None:
        raise DomainError(_("Choose one of the system's level-1 areas."), code="area")
    kind = kind or ""
    if kind not in K.values:
        raise DomainError(_("Choose whether the indicator is objective or subjective."), code="kind")
    values = {
        "area": area,
        "code": _line(code, label=_("Code"), limit=CODE_MAX),
        "name": _line(name, label=_("Indicator"), limit=NAME_MAX),
        "guidance": _text(guidance, label=_("How it is scored")),
        "max_points": points(max_points),
        "kind": kind,
        "rule": "",
        "params": {},
    }
    if kind == K.OBJECTIVE:
        if (rule or "") not in objective.RULES:
            raise DomainError(
                _("An objective indicator is scored by one of the platform's rules: choose a scoring rule."),
                code="rule",
            )
        values["rule"] = rule
        values["params"] = objective.clean_params(rule, params)
    return values


def _veto_values(*, code, name, description) -> dict:
    return {
        "code": _line(code, label=_("Code"), limit=CODE_MAX),
        "name": _line(name, label=_("Veto item"), limit=NAME_MAX),
        "description": _text(description, label=_("Description")),
    }


# ---------------------------------------------------------------- the system


@transaction.atomic
def copy(user, system) -> IndicatorSystem:
    """The next version of the system, based on it, with every area, indicator and veto item; not frozen."""
    _require(user)
    # Serialise the copies: the highest version's row is locked, then the next number read.
    IndicatorSystem.objects.select_for_update().order_by("-version").values_list("pk", flat=True).first()
    version = (IndicatorSystem.objects.aggregate(top=Max("version"))["top"] or 0) + 1
    made = IndicatorSystem.objects.create(
        version=version, name=system.name, note=system.note, based_on=system, created_by=user
    )
    areas = {}
    for area in IndicatorArea.objects.filter(system=system).order_by("position", "id"):
        areas[area.pk] = IndicatorArea.objects.create(system=made, key=area.key, name=area.name, position=area.position)
    # One save per row (not bulk_create): every row passes the input checks of apps.core.inputs on save.
    for i in EvaluationIndicator.objects.filter(system=system).order_by("position", "id"):
        EvaluationIndicator.objects.create(
            system=made,
            area=areas[i.area_id],
            code=i.code,
            name=i.name,
            guidance=i.guidance,
            max_points=i.max_points,
            kind=i.kind,
            rule=i.rule,
            params=i.params,
            position=i.position,
        )
    for v in VetoItem.objects.filter(system=system).order_by("position", "id"):
        VetoItem.objects.create(system=made, code=v.code, name=v.name, description=v.description, position=v.position)
    audit.record(
        "evaluations.system.version",
        made,
        after={"version": made.version, "based_on": system.pk, "name": made.name},
        message=_("Copied from version %(version)s.") % {"version": system.version},
        actor=user,
    )
    return made


@transaction.atomic
def update(user, system, *, name, note) -> IndicatorSystem:
    _require(user)
    locked = _editable(system)
    before = audit.snapshot(locked, fields=["name", "note"])
    locked.name = _line(name, label=_("System name"), limit=NAME_MAX)
    locked.note = _text(note, label=_("Note"))
    locked.save(update_fields=["name", "note", "updated_at"])
    old, new = audit.changed(before, audit.snapshot(locked, fields=["name", "note"]))
    audit.record("evaluations.system.update", locked, before=old, after=new, actor=user)
    return locked


# ---------------------------------------------------------------- indicators


@transaction.atomic
def indicator_add(
    user, system, *, area, code, name, guidance="", max_points, kind, rule="", params=None
) -> EvaluationIndicator:
    _require(user)
    locked = _editable(system)
    values = _indicator_values(
        locked,
        area=area,
        code=code,
        name=name,
        guidance=guidance,
        max_points=max_points,
        kind=kind,
        rule=rule,
        params=params,
    )
    _unique_code(EvaluationIndicator, locked, values["code"])
    last = EvaluationIndicator.objects.filter(system=locked).aggregate(top=Max("position"))["top"]
    indicator = EvaluationIndicator.objects.create(
        system=locked, position=(last + 1) if last is not None else 0, **values
    )
    audit.record(
        "evaluations.indicator.create", indicator, after=audit.snapshot(indicator, fields=INDICATOR_FIELDS), actor=user
    )
    return indicator


@transaction.atomic
def indicator_update(
    user, indicator, *, area, code, name, guidance="", max_points, kind, rule="", params=None
) -> EvaluationIndicator:
    _require(user)
    locked = _editable(indicator.system)
    current = EvaluationIndicator.objects.filter(pk=indicator.pk, system=locked).first()
    if current is None:
        raise DomainError(_("This indicator has been deleted in the meantime."), code="gone")
    values = _indicator_values(
        locked,
        area=area,
        code=code,
        name=name,
        guidance=guidance,
        max_points=max_points,
        kind=kind,
        rule=rule,
        params=params,
    )
    _unique_code(EvaluationIndicator, locked, values["code"], exclude_pk=current.pk)
    before = audit.snapshot(current, fields=INDICATOR_FIELDS)
    for name_, value in values.items():
        setattr(current, name_, value)
    current.save()
    old, new = audit.changed(before, audit.snapshot(current, fields=INDICATOR_FIELDS))
    audit.record("evaluations.indicator.update", current, before=old, after=new, actor=user)
    return current


@transaction.atomic
def indicator_delete(user, indicator) -> None:
    _require(user)
    locked = _editable(indicator.system)
    current = EvaluationIndicator.objects.filter(pk=indicator.pk, system=locked).first()
    if current is None:
        return  # deleted in the meantime: nothing to do
    before = audit.snapshot(current, fields=INDICATOR_FIELDS)
    audit.record(
        "evaluations.indicator.delete",
        current,
        before=before,
        actor=user,
        object_repr=str(current),
    )
    current.delete()


# ---------------------------------------------------------------- veto items


@transaction.atomic
def veto_add(user, system, *, code, name, description="") -> VetoItem:
    _require(user)
    locked = _editable(system)
    values = _veto_values(code=code, name=name, description=description)
    _unique_code(VetoItem, locked, values["code"])
    last = VetoItem.objects.filter(system=locked).aggregate(top=Max("position"))["top"]
    veto = VetoItem.objects.create(system=locked, position=(last + 1) if last is not None else 0, **values)
    audit.record("evaluations.veto.create", veto, after=audit.snapshot(veto, fields=VETO_FIELDS), actor=user)
    return veto


@transaction.atomic
def veto_update(user, veto, *, code, name, description="") -> VetoItem:
    _require(user)
    locked = _editable(veto.system)
    current = VetoItem.objects.filter(pk=veto.pk, system=locked).first()
    if current is None:
        raise DomainError(_("This veto item has been deleted in the meantime."), code="gone")
    values = _veto_values(code=code, name=name, description=description)
    _unique_code(VetoItem, locked, values["code"], exclude_pk=current.pk)
    before = audit.snapshot(current, fields=VETO_FIELDS)
    for name_, value in values.items():
        setattr(current, name_, value)
    current.save()
    old, new = audit.changed(before, audit.snapshot(current, fields=VETO_FIELDS))
    audit.record("evaluations.veto.update", current, before=old, after=new, actor=user)
    return current


@transaction.atomic
def veto_delete(user, veto) -> None:
    _require(user)
    locked = _editable(veto.system)
    current = VetoItem.objects.filter(pk=veto.pk, system=locked).first()
    if current is None:
        return
    audit.record(
        "evaluations.veto.delete",
        current,
        before=audit.snapshot(current, fields=VETO_FIELDS),
        actor=user,
        object_repr=str(current),
    )
    current.delete()
