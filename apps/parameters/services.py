"""Changing a rule parameter: the regional officer, within the declared bounds, with a reason, audited."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.core import clock, inputs
from apps.core.errors import ConcurrentChange, DomainError
from apps.core.policy import require

from . import policies, tunables, values
from .models import Parameter

REASON_MAX = 2000


def _number(raw) -> Decimal:
    """Strictly (apps/core/inputs.py): "1_0", "1e1", "NaN" or full-width digits are not numbers."""
    number = inputs.parse_decimal(raw if isinstance(raw, str | int | Decimal) else str(raw), label=_("The value"))
    if number is None:
        raise DomainError(_("Please give a number."), code="invalid")
    return number


def _changed_since(tunable, row, before) -> str:
    """The value changed since the form was shown — by whom the row says (it may be this very officer, in another
    tab: never "someone else"), e.g. "该参数已于 2026-11-30 10:00 由 王芳 改为 10 个工作日，请核对后重新提交"."""
    values_ = {"label": tunable.label, "value": tunable.format(before), "unit": tunable.unit}
    if row is None or row.updated_at is None:
        return _("%(label)s is now %(value)s %(unit)s, not the value your form showed; check it and submit again.") % (
            values_
        )
    name = row.updated_by.display_name if row.updated_by_id else "—"
    when = timezone.localtime(row.updated_at).strftime("%Y-%m-%d %H:%M")
    return _("%(label)s was changed to %(value)s %(unit)s on %(when)s by %(name)s; check it and submit again.") % {
        **values_,
        "when": when,
        "name": name,
    }


def parameter_update(user, key: str, *, value, reason: str, expected=None) -> Parameter:
    """Set the parameter `key` to `value` (inside its bounds), saying why. `expected`: the value the officer saw;
    when someone changed it since, nothing changes (ConcurrentChange) so that a change is never made blind.
    One transaction: the row (created on the first change) and its audit entry (before/after, the reason)."""
    require(policies.can_manage(user))
    tunable = tunables.get(key)
    if tunable is None:
        raise DomainError(_("There is no rule parameter %(key)s.") % {"key": key}, code="unknown")
    number = _number(value)
    problem = tunable.problem(number)
    if problem:
        raise DomainError(problem, code="bounds")
    reason = inputs.required_text(
        reason, message=_("Say why the parameter changes (the reason is kept in the audit trail)."), code="reason"
    )
    if len(reason) > REASON_MAX:
        raise DomainError(_("The reason is too long (at most 2000 characters)."), code="reason")
    try:
        with transaction.atomic():
            row = Parameter.objects.select_for_update().filter(key=key).first()
            before = tunable.coerce(row.value if row else None)
            if expected is not None and _number(expected) != Decimal(before):
                raise ConcurrentChange(_changed_since(tunable, row, before))
            if number == Decimal(before):
                raise DomainError(
                    _("%(label)s is already %(value)s %(unit)s; nothing changed.")
                    % {"label": tunable.label, "value": tunable.format(before), "unit": tunable.unit},
                    code="unchanged",
                )
            row = row or Parameter(key=key)
            row.value = number
            row.updated_by = user
            row.updated_at = clock.now()
            row.full_clean(validate_unique=False)
            with transaction.atomic():  # a first change made by two officers at once: one wins, the other retries
                row.save()
            audit.record(
                "parameter.update",
                row,
                before={"value": tunable.format(before)},
                after={"value": tunable.format(number)},
                message=reason,
                actor=user,
                object_repr=f"{key} · {tunable.label}",
            )
    except IntegrityError:
        raise ConcurrentChange(
            _("%(label)s was changed meanwhile; look at it again.") % {"label": tunable.label}
        ) from None
    finally:
        values.forget()
    transaction.on_commit(values.forget)
    return row
