"""The KPI early warning's writes (issue 21): the only code that changes a `Flag` or its `FlagLine`s. Each function
is a transaction that writes its audit entry and tells whoever must know; a refusal is a `DomainError` with the
Chinese reason, after which nothing has changed.

The weekly job (`jobs.refresh_weekly` → `refresh_all(today=None) -> dict`):
- every center under construction or rectifying (`MONITORED`: its term is running) is assessed
  (`assessment.assess`) and `refresh_center` keeps its one live flag in step:
  - KPIs at risk and no live flag → a flag is raised, open, with its KPI lines (audit "risk_flag.create"); the lead
    unit's administrators, the prefecture office and the regional bureau are told (`policies.recipients`);
  - the same risk set as the live flag (`Assessment.risk_key`: the contract year and each KPI at risk with its band)
    → its lines are refreshed when a figure moved (audit "risk_flag.refresh"); nobody is told again, and a dismissed
    flag stays dismissed;
  - another risk set → an open flag is updated and everyone is told again (audit "risk_flag.update"); a dismissed
    flag is reopened (`workflow.FLAG` "open", which tells them);
  - no KPI at risk (back on track, target met, or not enough data) → the live flag is resolved (`FLAG` "resolve").
- a live flag of a center that left construction (accepted, terminated, delisted …) is resolved.

The region or the center's prefecture office (`flag_dismiss(user, flag, *, reason) -> Flag`, `FLAG` "close"): an
open flag is dismissed with a reason (required; audited with it). Refused: another prefecture's office or a unit
(PermissionDenied), no reason, a flag not open (already dismissed or resolved)."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.centers.models import Center
from apps.core import clock, hooks, inputs

from . import assessment, policies, projection
from .models import Flag, FlagLine
from .workflow import FLAG, flag_url

S = Flag.State
MONITORED = (Center.Status.UNDER_CONSTRUCTION, Center.Status.RECTIFYING)


# ---------------------------------------------------------------- the lines


def _line_values(found: assessment.Assessment) -> list[dict]:
    return [
        {
            "name": line.name,
            "unit": line.unit,
            "target": line.projection.target,
            "actual": line.projection.actual,
            "projected": line.projection.projected,
            "status": line.projection.status,
            "points": line.projection.points,
        }
        for line in found.lines
    ]


def _stored_values(flag) -> list[dict]:
    keys = ("name", "unit", "target", "actual", "projected", "status", "points")
    return [{key: getattr(line, key) for key in keys} for line in flag.lines.order_by("order", "id")]


def _write_lines(flag, values: list[dict]) -> None:
    flag.lines.all().delete()
    for order, value in enumerate(values):
        FlagLine.objects.create(flag=flag, order=order, **value)  # one row each: the input rules of every save


def _same(stored: list[dict], computed: list[dict]) -> bool:
    """Whether the stored lines say what the computation says (figures compared at two decimals)."""

    def norm(rows):
        return [tuple(projection.rounded(v) if isinstance(v, Decimal) else v for v in row.values()) for row in rows]

    return norm(stored) == norm(computed)


def _kpi_names(found: assessment.Assessment) -> str:
    return "、".join(f"“{line.name}”" for line in found.at_risk)


def _notify(center, title, flag) -> None:
    hooks.notifier().notify(policies.recipients(center), title, url=flag_url(flag), subject=flag, is_task=False)


# ---------------------------------------------------------------- the job


def refresh_center(center, as_of=None) -> tuple[str, Flag | None]:
    """Assess `center` on `as_of` (default today) and keep its live flag in step (see the module's docstring).
    Returns (what happened: "raised" | "changed" | "reopened" | "refreshed" | "unchanged" | "resolved" | "", the
    flag or None)."""
    as_of = as_of or clock.today()
    found = assessment.assess(center, as_of)
    key = found.risk_key
    values = _line_values(found)
    with transaction.atomic():
        flag = Flag.objects.select_for_update().filter(center_id=center.pk, state__in=Flag.LIVE).first()
        if not key:
            if flag is None:
                return "", None
            if values:
                _write_lines(flag, values)
            flag = FLAG.apply(None, flag, "resolve", changes={"resolved_on": as_of, "as_of": as_of})
            return "resolved", flag
        year = found.year
        if flag is None:
            flag = Flag(
                center=center,
                state=S.OPEN,
                level=found.level,
                year=year.number,
                year_ends_on=year.ends_on,
                risk_key=key,
                as_of=as_of,
                raised_on=as_of,
            )
            flag.full_clean()
            flag.save()
            _write_lines(flag, values)
            audit.record("risk_flag.create", flag, after={**audit.snapshot(flag)}, message=key, actor=None)
            _notify(
                center,
                _("KPI early warning: %(center)s may miss its year %(year)s targets (%(kpis)s)")
                % {"center": center.name, "year": year.number, "kpis": _kpi_names(found)},
                flag,
            )
            return "raised", flag
        if flag.risk_key == key:
            if _same(_stored_values(flag), values):
                return "unchanged", flag
            _write_lines(flag, values)
            Flag.objects.filter(pk=flag.pk).update(as_of=as_of, updated_at=clock.now())
            audit.record("risk_flag.refresh", flag, after={"as_of": as_of.isoformat()}, message=key, actor=None)
            flag.refresh_from_db()
            return "refreshed", flag
        changes = {
            "level": found.level,
            "year": year.number,
            "year_ends_on": year.ends_on,
            "risk_key": key,
            "as_of": as_of,
        }
        _write_lines(flag, values)
        if flag.state == S.DISMISSED:
            changes.update(dismissed_reason="", dismissed_by=None, dismissed_at=None)
            return "reopened", FLAG.apply(None, flag, "open", reason=key, changes=changes)
        before = audit.snapshot(flag)
        for name, value in changes.items():
            setattr(flag, name, value)
        flag.full_clean()
        flag.save()
        before, after = audit.changed(before, audit.snapshot(flag))
        audit.record("risk_flag.update", flag, before=before, after=after, message=key, actor=None)
        _notify(
            center,
            _("KPI early warning changed: %(center)s, year %(year)s (%(kpis)s)")
            % {"center": center.name, "year": year.number, "kpis": _kpi_names(found)},
            flag,
        )
        return "changed", flag


def refresh_all(today=None) -> dict[str, list[int]]:
    """The weekly job: every monitored center refreshed (`refresh_center`), the live flags of centers no longer
    monitored resolved. Returns {what happened: [center ids]}."""
    today = today or clock.today()
    done: dict[str, list[int]] = {}
    centers = Center.objects.filter(status__in=MONITORED).select_related("lead_unit", "prefecture").order_by("pk")
    for center in centers:
        outcome, _flag = refresh_center(center, today)
        if outcome:
            done.setdefault(outcome, []).append(center.pk)
    stale = Flag.objects.filter(state__in=Flag.LIVE).exclude(center__status__in=MONITORED)
    for flag in stale.select_related("center"):
        with transaction.atomic():
            FLAG.apply(None, flag, "resolve", changes={"resolved_on": today, "as_of": today})
        done.setdefault("resolved", []).append(flag.center_id)
    return done


# ---------------------------------------------------------------- dismissal


def flag_dismiss(user, flag, *, reason) -> Flag:
    """Dismiss the open `flag` with `reason` (required): the region or the prefecture office of its center
    (`policies.may_dismiss`). It stays dismissed until the job finds another risk set (then reopened)."""
    reason = inputs.normalised_text(reason)
    return FLAG.apply(
        user,
        flag,
        "close",
        reason=reason,
        changes={"dismissed_reason": reason, "dismissed_by": user, "dismissed_at": clock.now()},
    )
