"""Writes of the center itself: its creation at approval (Art. 12, 18) and its status (`workflow.CENTER`).

- `center_create_from_application(application, officer=…)`: called in the approval's transaction
  (apps/centers/receivers.py, on `applications.signals.application_approved`): the unified name (Art. 18,
  `naming`), field, lead unit, prefecture, the partners from the application's partnerships (joined on the approval
  date); audit, timeline, notices. Idempotent: an application has at most one center (`Center.application` is
  one-to-one), a second call returns it.
- the transitions, each one function (the row's rule is in the table; this module pre-checks nothing it says):
  `center_start_construction` (the contract part, when version 1 comes into force), `center_require_rectification`
  and `center_complete_rectification` (the region, or the supervision part as the system), `center_accept` and
  `center_fail_acceptance` (the supervision part), `center_terminate` (the changes part, with the approved
  `Termination`), `center_delist` (on an evaluation's grounds, `delisting`).

Every transition goes through `_transition`: `CENTER.apply` (row lock, who, conditions, audit, notices) and the
center's timeline entry, in one transaction. Refusals are `DomainError`s with a Chinese message; nothing changes."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from apps.applications.models import Application
from apps.audit import services as audit
from apps.core import clock, text
from apps.core.errors import DomainError
from apps.notifications import services as notifications

from . import events, naming
from .models import Center, CenterPartner
from .workflow import CENTER, prefecture_officers, regional_officers, unit_admins

S = Center.Status
NAME_ATTEMPTS = 20


# ---------------------------------------------------------------- creation (at approval)


def _approval_date(application):
    return clock.today(application.decided_at) if application.decided_at else clock.today()


def center_create_from_application(application, *, officer=None) -> Center:
    """The center an approved application becomes (in the caller's transaction: the approval's)."""
    existing = Center.objects.filter(application_id=application.pk).first()
    if existing is not None:
        return existing
    application = Application.objects.select_related("lead_unit", "topic__industry", "field_industry").get(
        pk=application.pk
    )
    if application.status != Application.Status.APPROVED:
        raise DomainError(
            _("Only an approved application becomes a center (this one is “%(status)s”).")
            % {"status": application.get_status_display()},
            code="not_approved",
        )
    lead_unit = application.lead_unit
    if lead_unit.prefecture_id is None:
        raise DomainError(
            _("The lead unit %(unit)s has no prefecture: a center is supervised by its prefecture office (Art. 6).")
            % {"unit": lead_unit.name},
            code="no_prefecture",
        )
    joined_on = _approval_date(application)
    with transaction.atomic():
        center = _create_named(application, lead_unit)
        partners = [
            CenterPartner(
                center=center,
                organization_id=p.organization_id,
                role=p.role,
                contribution=p.contribution,
                joined_on=joined_on,
            )
            for p in application.partnerships.order_by("created_at", "id")
        ]
        for partner in partners:
            partner.full_clean(exclude=["center"])
        CenterPartner.objects.bulk_create(text.cleaned(partners))
        audit.record(
            "center.create",
            center,
            after={**audit.snapshot(center), "partners": [p.organization_id for p in partners]},
            message=_("Created from the approved application %(application)s.") % {"application": application},
            actor=officer,
        )
        events.record(
            center,
            "create",
            _("The application “%(application)s” was approved: the center is established under the unified name.")
            % {"application": application},
            actor=officer,
            status_to=center.status,
        )
        url = center.get_absolute_url()
        notifications.notify(
            unit_admins(center),
            _("Your center has been established: %(name)s") % {"name": center.name},
            url=url,
            subject=center,
        )
        notifications.notify(
            [*prefecture_officers(center), *regional_officers()],
            _("New cultivation center, awaiting its construction contract: %(name)s") % {"name": center.name},
            url=url,
            subject=center,
        )
    return center


def _create_named(application, lead_unit) -> Center:
    """Insert the center under its unified name; a name taken meanwhile (two approvals at once) takes the next
    distinguishing number."""
    taken = set()
    for _attempt in range(NAME_ATTEMPTS):
        name = naming.validate_name(
            naming.center_name(application, taken=lambda n: n in taken or Center.objects.filter(name=n).exists())
        )
        center = Center(
            name=name,
            application=application,
            lead_unit=lead_unit,
            prefecture_id=lead_unit.prefecture_id,
            field_industry=application.field_industry or application.topic.industry,
            field_description=application.field_description,
            status=S.CONTRACTING,
            status_changed_at=clock.now(),
        )
        center.full_clean(exclude=["name", "application"])
        try:
            with transaction.atomic():
                center.save()
        except IntegrityError:
            if not Center.objects.filter(name=name).exists():
                raise
            taken.add(name)
            continue
        return center
    raise DomainError(_("No free name could be found for the center; try again."), code="name_taken")


# ---------------------------------------------------------------- transitions


SUMMARIES = {
    "start_construction": lambda: _("The construction contract is in force: construction starts."),
    "require_rectification": lambda: _("Rectification required."),
    "complete_rectification": lambda: _("Rectification concluded: construction continues."),
    "accept": lambda: _("The center passed its end-of-term acceptance."),
    "fail_acceptance": lambda: _("The center did not pass its end-of-term acceptance."),
    "terminate": lambda: _("The center is terminated (approved termination)."),
    "delist": lambda: _("The center is delisted."),
}


def _transition(user, center, action, *, reason="", changes=None, summary=None, check=None) -> Center:
    """Apply one transition of `workflow.CENTER` with the timeline entry, in one transaction. `user` None: the
    system (a row with `system=True`). `check(locked)` runs under the row lock once the row's rule holds."""
    with transaction.atomic():
        status_from = Center.objects.select_for_update().values_list("status", flat=True).get(pk=center.pk)
        updated = CENTER.apply(
            user,
            center,
            action,
            reason=reason,
            changes={"status_changed_at": clock.now(), **(changes or {})},
            prepare=check,
        )
        events.record(
            updated,
            action,
            summary or SUMMARIES[action](),
            actor=user,
            opinion=reason,
            status_from=status_from,
            status_to=updated.status,
        )
    return updated


def center_start_construction(center, *, by=None, reason="") -> Center:
    """contracting → under construction, when the contract's version 1 comes into force (the contract part calls
    this in its signing transaction). `by`: the regional officer who put it in force, or None (the system)."""
    return _transition(by, center, "start_construction", reason=reason)


def center_require_rectification(user, center, *, reason) -> Center:
    """under construction | acceptance failed → rectifying: the region with a reason, or the system (user None)
    when the supervision part opens a rectification (its requirements as the reason)."""
    return _transition(user, center, "require_rectification", reason=reason)


def center_complete_rectification(user, center, *, reason="") -> Center:
    """rectifying → under construction, once no rectification of the center is open: the region (with its
    conclusion), or the system when the supervision part concludes the last one."""
    return _transition(user, center, "complete_rectification", reason=reason)


def center_accept(officer, center, *, opinion="") -> Center:
    """under construction → accepted (the supervision part, when the acceptance passes; the name is kept)."""
    return _transition(officer, center, "accept", reason=opinion)


def center_fail_acceptance(officer, center, *, opinion) -> Center:
    """under construction → acceptance failed (the supervision part; a rectification follows)."""
    return _transition(officer, center, "fail_acceptance", reason=opinion)


def center_terminate(officer, center, *, termination) -> Center:
    """Any state but ended → terminated, with the approved `termination` of this center (the changes part calls
    this in the approval's transaction). Ends on the termination's effective date (else today)."""
    from .models import Termination

    if termination.center_id != center.pk:
        raise DomainError(_("This termination belongs to another center."), code="termination_center")

    def check(locked):
        fresh = Termination.objects.get(pk=termination.pk)
        if fresh.status != Termination.Status.APPROVED:
            raise DomainError(_("A center is terminated only by an approved termination."), code="termination")

    ended_on = termination.effective_on or clock.today()
    reason = termination.decision_reason or termination.reasons
    return _transition(
        officer,
        center,
        "terminate",
        reason=reason,
        changes={"ended_on": ended_on},
        summary=_("The center is terminated from %(date)s (approved termination).") % {"date": ended_on.isoformat()},
        check=check,
    )


def center_delist(officer, center, *, reason) -> Center:
    """under construction | rectifying | accepted → delisted, on the grounds an evaluation gives (Art. 17(3);
    `delisting` — refused while no provider is registered)."""
    return _transition(officer, center, "delist", reason=reason, changes={"ended_on": clock.today()})
