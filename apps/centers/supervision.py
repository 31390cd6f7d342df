"""Supervision of a center: inspections (检查), the end-of-term acceptance (验收) and rectifications (限期整改)
(Art. 5(4), 6(2), 17(2)); the tables are in `workflow_supervision`.

Inspections — the regional bureau schedules one (`inspection_schedule`: date, scope, team and, optionally, officers
of the center's prefecture office, only of that prefecture); from its date the region and the added officers record
findings (`finding_record`: text, whether it requires rectification); the region completes it with the result
(`inspection_complete`; the report documents are attachments of kind "inspection_report") or cancels it
(`inspection_cancel`). A finding that requires rectification opens a `Rectification` (source "inspection") with its
requirements and due date and moves the center to rectifying (`services.center_require_rectification`).

Acceptance — at the end of the term the region schedules it (`acceptance_schedule`): only for a center under
construction whose contract is in force, no other acceptance pending, on a date from today and no earlier than
`rules.ACCEPTANCE_WINDOW_DAYS` (90) days before the term ends; from that date it records the result
(`acceptance_decide`): passed → the center is accepted (`services.center_accept`); failed → acceptance failed
(`services.center_fail_acceptance`) and at once rectifying, with a rectification of source "acceptance". The
opinion and report are attachments of kind "acceptance_report".

Rectification — the due date is after its start (today) and at most `rules.RECTIFICATION_MAX_MONTHS` (6) calendar
months later (`rectification_last_day`, `apps.core.dates.add_months`: 31 August + 6 months = 28/29 February).
The lead unit's administrator reports (`rectification_report`: text; attachments of kind "rectification_report"); the
region concludes (`rectification_conclude`): completed → when no other rectification is open the center is back under
construction (after a failed acceptance: so that the acceptance can be held again); failed → the center stays
rectifying (the evaluation, a later issue, decides on delisting). A rectification past its due date and not concluded
is overdue (`is_overdue`; flagged on the pages and reminded by the worker, `reminders`).

Scoping: a center the user may not see is a 404 (`selectors.visible_to`); whoever sees the center sees its
inspections, acceptances and rectifications (the lead unit and partners their own, a prefecture office its
prefecture's, the region all). Prefecture officers record findings only on the inspections they were added to (403
with the reason otherwise).

Every write: who (`PermissionDenied`, 403), the rules (`DomainError` with the Chinese reason; nothing changes), the
audit entry, the center's timeline (`events.record`), the notice to whoever acts next."""

import datetime

from django.db import transaction
from django.db.models import Count, IntegerField, Min, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.audit import services as audit
from apps.core import clock, dates, inputs
from apps.core.errors import DomainError, PermissionDenied, full_clean
from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import Role
from apps.notifications import services as notifications

from . import events, policies, rules, selectors, services
from .models import Acceptance, Center, Contract, Finding, Inspection, Rectification
from .workflow_supervision import (
    ACCEPTANCE,
    INSPECTION,
    RECTIFICATION,
    acceptance_url,
    inspection_url,
    prefecture_officers,
    rectification_url,
    unit_admins,
)

S = Center.Status
I = Inspection.Status  # noqa: E741
R = Rectification.Status
INSPECTION_REPORT = "inspection_report"
ACCEPTANCE_REPORT = "acceptance_report"
RECTIFICATION_REPORT = "rectification_report"
INSPECTION_KINDS = {INSPECTION_REPORT: gettext_lazy("Inspection report")}
ACCEPTANCE_KINDS = {ACCEPTANCE_REPORT: gettext_lazy("Acceptance opinion and report")}
RECTIFICATION_KINDS = {RECTIFICATION_REPORT: gettext_lazy("Rectification report")}
RECTIFICATION_OPEN = selectors.RECTIFICATION_OPEN
# The states in which a center is inspected: while it is built (and while it rectifies).
INSPECTED = (S.UNDER_CONSTRUCTION, S.RECTIFYING)


# ---------------------------------------------------------------- who may (403)


def can_schedule(user, center=None) -> Decision:
    """Schedule an inspection or the acceptance: the regional bureau (Art. 5(4))."""
    return policies.is_regional_officer(user)


def is_added_officer(user, inspection) -> bool:
    if user.role != Role.PREFECTURE_OFFICER or not policies.is_prefecture_office_of(user, inspection.center):
        return False
    cached = getattr(inspection, "_prefetched_objects_cache", {}).get("officers")
    if cached is not None:
        return any(officer.pk == user.pk for officer in cached)
    return inspection.officers.filter(pk=user.pk).exists()


def can_record_finding(user, inspection) -> Decision:
    """Record a finding: the regional bureau, or an officer of the center's prefecture added to the inspection."""
    if policies.is_regional_officer(user):
        return ALLOW
    if getattr(user, "is_authenticated", False) and is_added_officer(user, inspection):
        return ALLOW
    return deny(_("Only the regional bureau and the prefecture officers added to this inspection record findings."))


def finding_open(inspection) -> Decision:
    """Findings are recorded on a scheduled inspection from its date."""
    if inspection.status != I.SCHEDULED:
        return deny(
            _("Findings are recorded while the inspection is scheduled; it is now “%(status)s”.")
            % {"status": inspection.get_status_display()}
        )
    if inspection.scheduled_on > clock.today():
        return deny(_("Findings are recorded from the inspection's date."), available_on=inspection.scheduled_on)
    return ALLOW


def can_upload_report(user, record, kind=None) -> Decision:
    """The report documents of an inspection or an acceptance: the regional bureau."""
    return policies.is_regional_officer(user)


def can_upload_rectification(user, rectification, kind=None) -> Decision:
    """The rectification's report documents: the lead unit's administrator while it is open (before reporting)."""
    decision = policies.is_lead_unit_admin_of(user, rectification.center)
    if not decision:
        return decision
    if rectification.status != R.OPEN:
        return deny(_("The documents are attached before the rectification is reported."))
    return ALLOW


def _require(decision: Decision) -> None:
    if not decision:
        raise PermissionDenied(decision.reason)


def _refuse(decision: Decision, code="state") -> None:
    if not decision:
        raise DomainError(decision.reason, code=code)


# ---------------------------------------------------------------- reads (scoped through the center)


def inspections_visible_to(user, center=None) -> QuerySet[Inspection]:
    qs = Inspection.objects.filter(center__in=selectors.visible_to(user))
    return qs.filter(center_id=center.pk) if center is not None else qs


def acceptances_visible_to(user, center=None) -> QuerySet[Acceptance]:
    qs = Acceptance.objects.filter(center__in=selectors.visible_to(user))
    return qs.filter(center_id=center.pk) if center is not None else qs


def rectifications_visible_to(user, center=None) -> QuerySet[Rectification]:
    qs = Rectification.objects.filter(center__in=selectors.visible_to(user))
    return qs.filter(center_id=center.pk) if center is not None else qs


def is_overdue(rectification, today=None) -> bool:
    """Open or reported, and its due date has passed."""
    return rectification.status in RECTIFICATION_OPEN and rectification.due_on < (today or clock.today())


def overview(user, *, today=None):
    """The region's (or a prefecture's, a unit's) supervision at a glance, three flat queries: scheduled inspections,
    pending acceptances, open rectifications (overdue first), each with its center."""
    today = today or clock.today()
    inspections = (
        inspections_visible_to(user)
        .filter(status=I.SCHEDULED)
        .select_related("center", "center__prefecture")
        .order_by("scheduled_on", "id")
    )
    acceptances = (
        acceptances_visible_to(user)
        .filter(result="")
        .select_related("center", "center__prefecture")
        .order_by("scheduled_on", "id")
    )
    rectifications = (
        rectifications_visible_to(user)
        .filter(status__in=RECTIFICATION_OPEN)
        .select_related("center", "center__prefecture")
        .order_by("due_on", "id")
    )
    return inspections, acceptances, rectifications


# ---------------------------------------------------------------- rules


def rectification_last_day(starts_on: datetime.date) -> datetime.date:
    """The latest due date of a rectification starting on `starts_on`: six calendar months later (Art. 17(2))."""
    return dates.add_months(starts_on, rules.RECTIFICATION_MAX_MONTHS)


def check_due(starts_on: datetime.date, due_on) -> datetime.date:
    """A due date after the start and at most six months later (Art. 17(2)), else the Chinese reason."""
    if not isinstance(due_on, datetime.date):
        raise DomainError(_("Please give the rectification's due date."), code="due_on")
    if not inputs.BUSINESS_DATES.first <= due_on <= inputs.BUSINESS_DATES.last:
        raise DomainError(inputs.BUSINESS_DATES.message(_("The due date")), code="due_on")
    if due_on <= starts_on:
        raise DomainError(
            _("The due date must be after the rectification starts (%(date)s).") % {"date": starts_on.isoformat()},
            code="due_on",
        )
    last = rectification_last_day(starts_on)
    if due_on > last:
        raise DomainError(
            _(
                "A rectification lasts at most %(months)s months (Art. 17(2)): the due date must be no later than "
                "%(last)s."
            )
            % {"months": rules.RECTIFICATION_MAX_MONTHS, "last": last.isoformat()},
            code="due_on_too_late",
        )
    return due_on


def _text(value, *, label, required=True, limit=inputs.TEXT_MAX) -> str:
    value = inputs.normalised_text(str(value or ""))
    if required and not value:
        raise DomainError(_("Please fill in: %(field)s.") % {"field": label}, code="required")
    inputs.check_length(value, limit=limit, label=label)
    return value


def _date_from_today(value, *, label) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise DomainError(_("Please give the date: %(field)s.") % {"field": label}, code="date")
    if not inputs.BUSINESS_DATES.first <= value <= inputs.BUSINESS_DATES.last:
        raise DomainError(inputs.BUSINESS_DATES.message(label), code="date")
    today = clock.today()
    if value < today:
        raise DomainError(
            _("%(field)s cannot be in the past (today is %(today)s).") % {"field": label, "today": today.isoformat()},
            code="date_past",
        )
    return value


def center_inspected(center) -> Decision:
    """The center is under construction or rectifying."""
    if center.status in INSPECTED:
        return ALLOW
    return deny(
        _("Inspections are held while the center is under construction or rectifying; it is now “%(status)s”.")
        % {"status": center.get_status_display()}
    )


def term_end(center) -> datetime.date | None:
    version = (
        Contract.objects.filter(center_id=center.pk, current_version__isnull=False)
        .values_list("current_version__term_ends_on", flat=True)
        .first()
    )
    return version


def acceptance_may_be_scheduled(center) -> Decision:
    """The center is under construction with its contract in force, and no other acceptance is pending."""
    if center.status != S.UNDER_CONSTRUCTION:
        return deny(
            _("The acceptance is held for a center under construction; it is now “%(status)s”.")
            % {"status": center.get_status_display()}
        )
    if term_end(center) is None:
        return deny(_("The construction contract has not been signed and put in force yet."))
    if Acceptance.objects.filter(center_id=center.pk, result="").exists():
        return deny(_("An acceptance of this center is already scheduled: record its result first."))
    return ALLOW


def acceptance_earliest(center) -> datetime.date | None:
    """The earliest date an acceptance may be held: `ACCEPTANCE_WINDOW_DAYS` before the term ends (or today)."""
    ends_on = term_end(center)
    if ends_on is None:
        return None
    return max(clock.today(), ends_on - datetime.timedelta(days=rules.ACCEPTANCE_WINDOW_DAYS))


# ---------------------------------------------------------------- inspections


def _officers_of(center, officers) -> list:
    """The officers to add: each must be an active prefecture officer of the center's prefecture."""
    from django.contrib.auth import get_user_model

    ids = {getattr(o, "pk", o) for o in officers or ()}
    if not ids:
        return []
    found = list(
        get_user_model().objects.filter(
            pk__in=ids, role=Role.PREFECTURE_OFFICER, prefecture_id=center.prefecture_id, is_active=True
        )
    )
    if len(found) != len(ids):
        raise DomainError(
            _("Only officers of the center's prefecture office (%(office)s) can be added to its inspection.")
            % {"office": center.prefecture.office_name},
            code="officers",
        )
    return found


def inspection_schedule(officer, center, *, scheduled_on, scope, team, officers=()) -> Inspection:
    """The region schedules an inspection of `center`."""
    _require(can_schedule(officer, center))
    scheduled_on = _date_from_today(scheduled_on, label=_("The inspection date"))
    scope = _text(scope, label=_("Scope"))
    team = _text(team, label=_("Inspection team"))
    with transaction.atomic():
        locked = Center.objects.select_for_update().select_related("prefecture").get(pk=center.pk)
        _refuse(center_inspected(locked))
        added = _officers_of(locked, officers)
        inspection = Inspection(center=locked, scheduled_on=scheduled_on, scope=scope, team=team, created_by=officer)
        full_clean(inspection)
        inspection.save()
        inspection.officers.set(added)
        audit.record(
            "inspection.schedule",
            inspection,
            after={**audit.snapshot(inspection), "officers": [o.pk for o in added]},
            actor=officer,
        )
        events.record(
            locked,
            "inspection_schedule",
            _("Inspection scheduled for %(date)s: %(scope)s") % {"date": scheduled_on.isoformat(), "scope": scope},
            actor=officer,
        )
        url = inspection_url(inspection)
        notifications.notify(
            unit_admins(locked),
            _("An inspection of your center is scheduled for %(date)s: %(name)s")
            % {"date": scheduled_on.isoformat(), "name": locked.name},
            url=url,
            subject=inspection,
            body=scope,
        )
        if added:
            notifications.notify(
                added,
                _("You are on the team of an inspection on %(date)s: record your findings: %(name)s")
                % {"date": scheduled_on.isoformat(), "name": locked.name},
                url=url,
                subject=inspection,
                is_task=True,
                body=scope,
            )
    return inspection


def finding_record(user, inspection, *, text, requires_rectification=False, requirements="", due_on=None) -> Finding:
    """The region or an added prefecture officer records a finding; one that requires rectification opens a
    rectification (due at most six months from today) and moves the center to rectifying."""
    _require(can_record_finding(user, inspection))
    finding_text = _text(text, label=_("Finding"))
    if requires_rectification:
        requirements = _text(requirements, label=_("Rectification requirements"))
        check_due(clock.today(), due_on)
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().select_related("center").get(pk=inspection.pk)
        _require(can_record_finding(user, locked))
        _refuse(finding_open(locked))
        finding = Finding(
            inspection=locked,
            text=finding_text,
            requires_rectification=bool(requires_rectification),
            recorded_by=user,
        )
        full_clean(finding)
        finding.save()
        audit.record("inspection.finding", finding, after=audit.snapshot(finding), actor=user)
        events.record(
            locked.center,
            "inspection_finding",
            _("Inspection finding recorded: %(text)s") % {"text": finding_text},
            actor=user,
        )
        if requires_rectification:
            _open_rectification(
                user,
                locked.center,
                source=Rectification.Source.INSPECTION,
                requirements=requirements,
                due_on=due_on,
                finding=finding,
            )
    return finding


def inspection_complete(officer, inspection, *, summary) -> Inspection:
    """The region completes the inspection with its result."""
    summary = _text(summary, label=_("Result"))
    with transaction.atomic():
        done = INSPECTION.apply(
            officer, inspection, "complete", changes={"summary": summary, "completed_on": clock.today()}
        )
        events.record(
            inspection.center,
            "inspection_complete",
            _("Inspection of %(date)s completed.") % {"date": done.scheduled_on.isoformat()},
            actor=officer,
            opinion=summary,
        )
    return done


def inspection_cancel(officer, inspection, *, reason) -> Inspection:
    """The region cancels a scheduled inspection, with the reason."""
    with transaction.atomic():
        done = INSPECTION.apply(officer, inspection, "cancel", reason=reason)
        events.record(
            inspection.center,
            "inspection_cancel",
            _("Inspection of %(date)s cancelled.") % {"date": done.scheduled_on.isoformat()},
            actor=officer,
            opinion=reason,
        )
    return done


# ---------------------------------------------------------------- acceptance


def acceptance_schedule(officer, center, *, scheduled_on, team) -> Acceptance:
    """The region schedules the end-of-term acceptance (no earlier than 90 days before the term ends)."""
    _require(can_schedule(officer, center))
    scheduled_on = _date_from_today(scheduled_on, label=_("The acceptance date"))
    team = _text(team, label=_("Acceptance team"))
    with transaction.atomic():
        locked = Center.objects.select_for_update().get(pk=center.pk)
        _refuse(acceptance_may_be_scheduled(locked))
        earliest = acceptance_earliest(locked)
        if scheduled_on < earliest:
            raise DomainError(
                _(
                    "The acceptance is held at the end of the term: from %(days)s days before it ends, i.e. not "
                    "before %(date)s."
                )
                % {"days": rules.ACCEPTANCE_WINDOW_DAYS, "date": earliest.isoformat()},
                code="too_early",
            )
        acceptance = Acceptance(center=locked, scheduled_on=scheduled_on, team=team, created_by=officer)
        full_clean(acceptance)
        acceptance.save()
        audit.record("acceptance.schedule", acceptance, after=audit.snapshot(acceptance), actor=officer)
        events.record(
            locked,
            "acceptance_schedule",
            _("End-of-term acceptance scheduled for %(date)s.") % {"date": scheduled_on.isoformat()},
            actor=officer,
        )
        notifications.notify(
            [*unit_admins(locked), *prefecture_officers(locked)],
            _("The end-of-term acceptance is scheduled for %(date)s: %(name)s")
            % {"date": scheduled_on.isoformat(), "name": locked.name},
            url=acceptance_url(acceptance),
            subject=acceptance,
            body=team,
        )
    return acceptance


def acceptance_decide(officer, acceptance, *, passed: bool, opinion, requirements="", due_on=None) -> Acceptance:
    """The region records the result: passed → the center is accepted; failed → acceptance failed, then
    rectifying with a rectification of source "acceptance" (requirements, due at most six months from today)."""
    opinion = _text(opinion, label=_("Opinion"), limit=inputs.REASON_MAX)
    if not passed:
        requirements = _text(requirements, label=_("Rectification requirements"))
        check_due(clock.today(), due_on)
    action = "pass" if passed else "fail"
    with transaction.atomic():
        decided = ACCEPTANCE.apply(
            officer, acceptance, action, reason=opinion, changes={"opinion": opinion, "decided_on": clock.today()}
        )
        center = Center.objects.get(pk=decided.center_id)
        if passed:
            services.center_accept(officer, center, opinion=opinion)
        else:
            center = services.center_fail_acceptance(officer, center, opinion=opinion)
            _open_rectification(
                officer,
                center,
                source=Rectification.Source.ACCEPTANCE,
                requirements=requirements,
                due_on=due_on,
                acceptance=decided,
            )
    return decided


# ---------------------------------------------------------------- rectification


def _open_rectification(user, center, *, source, requirements, due_on, finding=None, acceptance=None):
    """Open a rectification (in the caller's transaction) and move the center to rectifying unless it already is."""
    today = clock.today()
    check_due(today, due_on)
    center = Center.objects.select_for_update().get(pk=center.pk)
    if center.status not in (S.UNDER_CONSTRUCTION, S.ACCEPTANCE_FAILED, S.RECTIFYING):
        raise DomainError(
            _("The center is “%(status)s”: no rectification can be required of it.")
            % {"status": center.get_status_display()},
            code="center_state",
        )
    rectification = Rectification(
        center=center,
        source=source,
        finding=finding,
        acceptance=acceptance,
        requirements=requirements,
        starts_on=today,
        due_on=due_on,
        created_by=user,
    )
    full_clean(rectification)
    rectification.save()
    audit.record("rectification.open", rectification, after=audit.snapshot(rectification), actor=user)
    if center.status != S.RECTIFYING:
        # the region takes the transition itself; a prefecture officer's finding moves the center as the system
        by = user if policies.is_regional_officer(user) else None
        services.center_require_rectification(by, center, reason=requirements)
    events.record(
        center,
        "rectification_open",
        _("Rectification required by %(date)s (%(source)s).")
        % {"date": due_on.isoformat(), "source": rectification.get_source_display()},
        actor=user,
        opinion=requirements,
    )
    notifications.notify(
        unit_admins(center),
        _("Rectify by %(date)s and report: %(name)s") % {"date": due_on.isoformat(), "name": center.name},
        url=rectification_url(rectification),
        subject=rectification,
        is_task=True,
        body=requirements,
    )
    return rectification


def rectification_report(user, rectification, *, report) -> Rectification:
    """The lead unit's administrator reports what was rectified."""
    report = _text(report, label=_("Rectification report"))
    with transaction.atomic():
        done = RECTIFICATION.apply(user, rectification, "report", changes={"report": report})
        events.record(
            rectification.center,
            "rectification_report",
            _("Rectification reported (due %(date)s).") % {"date": done.due_on.isoformat()},
            actor=user,
            opinion=report,
        )
    return done


def rectification_conclude(officer, rectification, *, completed: bool, conclusion) -> Rectification:
    """The region concludes: rectified (the center is back under construction once none is open) or not (it stays
    rectifying)."""
    conclusion = _text(conclusion, label=_("Conclusion"), required=not completed, limit=inputs.REASON_MAX)
    action = "complete" if completed else "fail"
    with transaction.atomic():
        done = RECTIFICATION.apply(
            officer,
            rectification,
            action,
            reason=conclusion,
            changes={"conclusion": conclusion, "closed_at": clock.now()},
        )
        center = Center.objects.select_for_update().get(pk=done.center_id)
        events.record(
            center,
            f"rectification_{action}",
            (_("Rectification concluded: rectified.") if completed else _("Rectification concluded: not rectified.")),
            actor=officer,
            opinion=conclusion,
        )
        if (
            completed
            and center.status == S.RECTIFYING
            and not Rectification.objects.filter(center_id=center.pk)
            .filter(Q(status__in=RECTIFICATION_OPEN) | Q(status=R.FAILED))
            .exists()
        ):
            services.center_complete_rectification(officer, center, reason=conclusion)
    return done


# ---------------------------------------------------------------- the home's pending items (no query of their own)


def pending_annotations() -> dict:
    """What `pending_items` reads, as scalar subqueries on the home's one query."""
    open_rect = Rectification.objects.filter(center_id=OuterRef("pk"), status=R.OPEN).order_by()
    reported = Rectification.objects.filter(center_id=OuterRef("pk"), status=R.REPORTED).order_by()
    scheduled = Inspection.objects.filter(center_id=OuterRef("pk"), status=I.SCHEDULED).order_by()
    pending_acceptance = Acceptance.objects.filter(center_id=OuterRef("pk"), result="").order_by()

    def first_date(qs, field):
        return Subquery(qs.values("center_id").annotate(d=Min(field)).values("d")[:1])

    def count(qs):
        counted = qs.values("center_id").annotate(n=Count("id")).values("n")[:1]
        return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))

    return {
        "sup_open_due_on": first_date(open_rect, "due_on"),
        "sup_reported_count": count(reported),
        "sup_next_inspection_on": first_date(scheduled, "scheduled_on"),
        "sup_acceptance_on": first_date(pending_acceptance, "scheduled_on"),
    }


def pending_items(user, center) -> list:
    """The lead unit: rectifications to report; the region: reported rectifications to conclude, inspections to
    complete, an acceptance to decide."""
    from django.urls import reverse

    from .pending import PendingItem

    if not hasattr(center, "sup_open_due_on"):
        return []  # only the home's query carries what this reads
    url = reverse("centers:supervision", args=[center.pk])
    items = []
    if center.sup_open_due_on and policies.is_lead_unit_admin_of(user, center):
        items.append(
            PendingItem(
                label=_("Rectify and report"),
                url=url,
                detail=_("due %(date)s") % {"date": center.sup_open_due_on.isoformat()},
            )
        )
    if user.role == Role.REGIONAL_OFFICER:
        if center.sup_reported_count:
            items.append(PendingItem(label=_("Conclude the reported rectification"), url=url))
        if center.sup_next_inspection_on:
            items.append(
                PendingItem(
                    label=_("Inspection scheduled"),
                    url=url,
                    detail=center.sup_next_inspection_on.isoformat(),
                    is_task=center.sup_next_inspection_on <= clock.today(),
                )
            )
        if center.sup_acceptance_on:
            items.append(
                PendingItem(
                    label=_("End-of-term acceptance"),
                    url=url,
                    detail=center.sup_acceptance_on.isoformat(),
                    is_task=center.sup_acceptance_on <= clock.today(),
                )
            )
    return items
