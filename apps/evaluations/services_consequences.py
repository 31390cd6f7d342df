"""The consequences of an evaluation (Art. 17), each ONE transaction: nothing half done.

- `support` (优秀 / 合格, Art. 17(1)): the `SupportDecision` and its allocation in the centers ledger
  (`apps.centers.funding.allocate_support`: beyond the contract's tranches), the evaluation "supported";
- `order_rectification` (不合格, Art. 17(2)): a centers `Rectification` of source "evaluation" with the requirements
  and a due date at most six months from today (`supervision.check_due`: 6 months + 1 day refused); the center
  becomes rectifying (`centers.services.center_require_rectification`); the lead unit is told and reports through the
  centers' rectification page. An accepted center keeps its status (the centers' table has no way back from
  "accepted"): the rectification is opened all the same and its re-evaluation decides;
- `reevaluate`: once the rectification is reported or overdue, the re-evaluation (attempt 2, same round, draft) with
  its scores prefilled (`prefill.prefill`); the evaluators are told;
- `reevaluation_confirmed` (called by the scoring part's `confirm` in its transaction): 优秀 / 合格 → the first
  evaluation "rectified" and the rectification concluded completed; otherwise "rectification_failed", the
  rectification concluded failed, and the region is asked to delist;
- `excuse`: a center that did not take part or complete with a justified reason (Art. 17(3) a contrario);
- `delist` (Art. 17(3)): the `Delisting`, the evaluation's and the center's "delist" transitions, the clawback entry
  and the delisting announcement on the portal; a failure in any step rolls back all of them.

Who: the regional bureau (the transitions' `by`); refusals are `DomainError`s with the Chinese reason, nothing
changes. Dates from `apps.core.clock`; money is Decimal yuan (`apps.centers.funding.money`)."""

import contextlib
import datetime
import threading
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.centers import events, funding, supervision
from apps.centers import services as center_services
from apps.centers.models import Center, Rectification
from apps.centers.selectors import RECTIFICATION_OPEN
from apps.centers.workflow_supervision import unit_admins as center_unit_admins
from apps.core import clock, inputs
from apps.core.errors import DomainError, PermissionDenied, full_clean
from apps.notifications import services as notifications
from apps.portal import services as portal
from apps.portal.models import Announcement

from . import policies, prefill, workflow
from .models import Delisting, Evaluation, SupportDecision
from .workflow import EVALUATION

E = Evaluation.Status
G = Evaluation.Grade
P = Evaluation.Participation
S = Center.Status
RS = Rectification.Status
ZERO = Decimal("0.00")
DOCUMENT_MAX = SupportDecision._meta.get_field("document_number").max_length

# The centers being delisted by `delist` in this thread: the delisting provider finds grounds for them while the
# service runs (the evaluation is already "delisted" when the center's own transition asks).
_delisting = threading.local()


@contextlib.contextmanager
def _delisting_center(center_id):
    ids = getattr(_delisting, "ids", None)
    if ids is None:
        ids = _delisting.ids = set()
    ids.add(center_id)
    try:
        yield
    finally:
        ids.discard(center_id)


def being_delisted(center_id) -> bool:
    return center_id in getattr(_delisting, "ids", ())


# ---------------------------------------------------------------- input


def _require(decision) -> None:
    if not decision:
        raise PermissionDenied(decision.reason)


def _text(value, *, label, limit=inputs.REASON_MAX, required=True, message=None, single_line=False) -> str:
    """The typed text normalised as stored (`single_line` for a CharField: a document number, a title)."""
    value = inputs.normalised_text(str(value or ""), single_line=single_line)
    if required and not value:
        raise DomainError(message or _("Please fill in: %(field)s.") % {"field": label}, code="required")
    inputs.check_length(value, limit=limit, label=label)
    return value


def parse_clawback(value) -> Decimal:
    """The clawback the region decides: 0, or an amount in yuan (`funding.money`)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise DomainError(_("Clawback: enter the amount in yuan (0 when nothing is clawed back)."), code="money")
    number = inputs.parse_decimal(str(value), label=_("Clawback"))
    if number == 0:
        return ZERO
    return funding.money(number, label=_("Clawback"))


def clawback_room(center) -> Decimal:
    """What can still be clawed back: allocated − clawed back (corrections included)."""
    balance = funding.balance(center)
    return max(balance.allocated - balance.clawed_back, ZERO)


def _locked(evaluation) -> Evaluation:
    return (
        Evaluation.objects.select_for_update()
        .select_related("round", "center", "center__lead_unit")
        .get(pk=evaluation.pk)
    )


def _grade_label(evaluation) -> str:
    return evaluation.get_grade_display() if evaluation.grade else evaluation.get_participation_display()


# ---------------------------------------------------------------- support (Art. 17(1))


def support(officer, evaluation, *, amount, document_number, occurred_on=None) -> SupportDecision:
    """优秀 / 合格: the funding support decision and its allocation in the ledger, one transaction."""
    _require(policies.is_regional_officer(officer))
    amount = funding.money(amount, label=_("Support amount"))
    document_number = _text(document_number, label=_("Document number"), limit=DOCUMENT_MAX, single_line=True)
    occurred_on = occurred_on or clock.today()
    with transaction.atomic():
        updated = EVALUATION.apply(officer, evaluation, "support")
        center = updated.center
        entry = funding.allocate_support(
            officer,
            center,
            amount=amount,
            occurred_on=occurred_on,
            document_number=document_number,
            reason=_("Funding support after the performance evaluation “%(round)s” (%(grade)s, Art. 17(1)).")
            % {"round": updated.round.title, "grade": _grade_label(updated)},
        )
        decision = SupportDecision(
            evaluation=updated,
            amount=entry.amount,
            document_number=document_number,
            decided_on=clock.today(),
            ledger_entry=entry,
            decided_by=officer,
        )
        full_clean(decision)
        decision.save()
        audit.record("support_decision.create", decision, after=audit.snapshot(decision), actor=officer)
        events.record(
            center,
            "evaluation_support",
            _("Funding support of %(amount)s yuan decided after the performance evaluation (%(document)s).")
            % {"amount": funding.yuan(entry.amount), "document": document_number},
            actor=officer,
        )
    return decision


# ---------------------------------------------------------------- rectification (Art. 17(2))


def _open_for_accepted(officer, center, *, requirements, due_on) -> Rectification:
    """An accepted center keeps its status while it rectifies: the rectification alone, told to the lead unit."""
    rectification = Rectification(
        center=center,
        source=Rectification.Source.EVALUATION,
        requirements=requirements,
        starts_on=clock.today(),
        due_on=due_on,
        created_by=officer,
    )
    full_clean(rectification)
    rectification.save()
    audit.record("rectification.open", rectification, after=audit.snapshot(rectification), actor=officer)
    events.record(
        center,
        "rectification_open",
        _("Rectification required by %(date)s (%(source)s).")
        % {"date": due_on.isoformat(), "source": rectification.get_source_display()},
        actor=officer,
        opinion=requirements,
    )
    notifications.notify(
        center_unit_admins(center),
        _("Rectify by %(date)s and report: %(name)s") % {"date": due_on.isoformat(), "name": center.name},
        url=reverse("centers:rectification", args=[center.pk, rectification.pk]),
        subject=rectification,
        is_task=True,
        body=requirements,
    )
    return rectification


RECTIFIABLE = (S.UNDER_CONSTRUCTION, S.ACCEPTANCE_FAILED, S.RECTIFYING, S.ACCEPTED)


def order_rectification(officer, evaluation, *, requirements, due_on) -> Evaluation:
    """不合格: a rectification with its requirements, due at most six months from today; the center rectifying."""
    _require(policies.is_regional_officer(officer))
    requirements = _text(requirements, label=_("Rectification requirements"))
    supervision.check_due(clock.today(), due_on)  # Art. 17(2): 6 months + 1 day is refused

    def open_rectification(locked):
        center = Center.objects.select_for_update().select_related("prefecture").get(pk=locked.center_id)
        if center.status not in RECTIFIABLE:
            raise DomainError(
                _("The center is “%(status)s”: no rectification can be required of it.")
                % {"status": center.get_status_display()},
                code="center_state",
            )
        if center.status == S.ACCEPTED:
            rectification = _open_for_accepted(officer, center, requirements=requirements, due_on=due_on)
        else:
            rectification = supervision._open_rectification(
                officer, center, source=Rectification.Source.EVALUATION, requirements=requirements, due_on=due_on
            )
        locked.rectification = rectification

    with transaction.atomic():
        return EVALUATION.apply(
            officer, evaluation, "order_rectification", reason=requirements, prepare=open_rectification
        )


def rectification_ready(evaluation) -> bool:
    """The rectification has been reported or concluded, or its due date has passed: the re-evaluation may start."""
    rectification = evaluation.rectification
    if rectification is None:
        return False
    return (
        rectification.status not in RECTIFICATION_OPEN
        or rectification.status == RS.REPORTED
        or (supervision.is_overdue(rectification))
    )


def reevaluate(officer, evaluation) -> Evaluation:
    """The re-evaluation of a rectifying center (attempt 2, same round, being scored), its scores prefilled."""
    _require(policies.is_regional_officer(officer))
    with transaction.atomic():
        locked = _locked(evaluation)
        if locked.attempt != 1 or locked.status != E.RECTIFYING:
            raise DomainError(
                _("Only an evaluation whose rectification was ordered is re-evaluated (it is now “%(status)s”).")
                % {"status": locked.get_status_display()},
                code="state",
            )
        if Evaluation.objects.filter(reevaluation_of_id=locked.pk).exists():
            raise DomainError(_("The re-evaluation has already been started."), code="exists")
        rectification = locked.rectification
        if not rectification_ready(locked):
            raise DomainError(
                _(
                    "The lead unit has until %(date)s to rectify and report: the re-evaluation starts once it has "
                    "reported or the due date has passed."
                )
                % {"date": rectification.due_on.isoformat() if rectification else "—"},
                code="not_ready",
            )
        again = Evaluation(
            round=locked.round,
            center=locked.center,
            attempt=2,
            reevaluation_of=locked,
            status=E.DRAFT,
        )
        full_clean(again)
        again.save()
        prefill.prefill(again)
        audit.record(
            "evaluation.create",
            again,
            after=audit.snapshot(again),
            message=_("Re-evaluation after the rectification."),
            actor=officer,
        )
        notifications.close_tasks(locked)  # the worker's "decide" task on expiry
        notifications.notify(
            workflow.evaluators(again),
            _("Re-evaluation after rectification, please score: %(name)s (%(title)s)")
            % {"name": locked.center.name, "title": locked.round.title},
            url=again.get_absolute_url(),
            subject=again,
            is_task=True,
        )
    return again


def reevaluation_confirmed(officer, reevaluation) -> Evaluation:
    """In the confirmation's transaction: the re-evaluation decides the rectification and the first evaluation."""
    first = Evaluation.objects.select_related("round", "center", "rectification").get(
        pk=reevaluation.reevaluation_of_id
    )
    rectification = first.rectification
    passed = reevaluation.grade in (G.EXCELLENT, G.QUALIFIED)
    if passed:
        if rectification is not None and rectification.status == RS.OPEN:
            raise DomainError(
                _(
                    "The lead unit has not reported the rectification yet: a qualified re-evaluation concludes it "
                    "once it is reported."
                ),
                code="not_reported",
            )
        if rectification is not None and rectification.status == RS.REPORTED:
            supervision.rectification_conclude(
                officer,
                rectification,
                completed=True,
                conclusion=_("Re-evaluation: %(grade)s.") % {"grade": _grade_label(reevaluation)},
            )
        return EVALUATION.apply(officer, first, "rectified")
    if rectification is not None and rectification.status in RECTIFICATION_OPEN:
        supervision.rectification_conclude(
            officer,
            rectification,
            completed=False,
            conclusion=_("Still unqualified after rectification (re-evaluation: %(grade)s).")
            % {"grade": _grade_label(reevaluation)},
        )
    updated = EVALUATION.apply(officer, first, "rectification_failed")
    notifications.notify(
        workflow.regional_officers(),
        _("Still unqualified after rectification, decide the delisting: %(name)s") % {"name": first.center.name},
        url=reverse("evaluations:delist", args=[reevaluation.pk]),
        subject=reevaluation,
        is_task=True,
    )
    return updated


# ---------------------------------------------------------------- excuse (Art. 17(3) a contrario)


def excuse(officer, evaluation, *, reason) -> Evaluation:
    """Did not take part or complete with a justified reason: accepted, no consequence."""
    _require(policies.is_regional_officer(officer))
    reason = _text(reason, label=_("Reason"))
    with transaction.atomic():
        updated = EVALUATION.apply(officer, evaluation, "excuse", reason=reason)
        notifications.notify(
            workflow.unit_and_prefecture(updated),
            _("The justified reason for not completing the evaluation is accepted: %(name)s")
            % {"name": updated.center.name},
            url=updated.get_absolute_url(),
            subject=updated,
            body=reason,
        )
    return updated


# ---------------------------------------------------------------- delisting (Art. 17(3))


def ground_of(evaluation) -> str:
    if evaluation.attempt == 2 and evaluation.took_part:
        return Delisting.Ground.STILL_UNQUALIFIED
    if evaluation.participation == P.INCOMPLETE:
        return Delisting.Ground.INCOMPLETE
    return Delisting.Ground.ABSENT


def delist(
    officer,
    evaluation,
    *,
    reason,
    clawback_amount,
    clawback_due_on,
    announcement_title,
    announcement_body,
) -> Delisting:
    """The delisting, all or nothing: the Delisting row, the evaluation's and the center's "delist", the clawback
    entry (the amount the region decides: 0 only when nothing is left to claw back, otherwise more than 0 and at most
    allocated − clawed back) and the delisting announcement."""
    _require(policies.is_regional_officer(officer))
    reason = _text(reason, label=_("Reason"), message=_("Please give the reason for delisting the center."))
    amount = parse_clawback(clawback_amount)
    title = _text(announcement_title, label=_("Announcement title"), limit=200, single_line=True)
    body = _text(announcement_body, label=_("Announcement text"), limit=inputs.TEXT_MAX)
    today = clock.today()
    if amount > 0:
        if clawback_due_on is None:
            raise DomainError(_("Please give the date by which the clawback is to be repaid."), code="due_on")
        if clawback_due_on < today:
            raise DomainError(
                _("The clawback's due date cannot be before today (%(date)s).") % {"date": today.isoformat()},
                code="due_on",
            )
    with transaction.atomic():
        with _delisting_center(evaluation.center_id):
            updated = EVALUATION.apply(officer, evaluation, "delist", reason=reason)
            center = Center.objects.select_related("lead_unit", "prefecture").get(pk=updated.center_id)
            room = clawback_room(center)
            if amount == 0 and room > 0:
                raise DomainError(
                    _(
                        "%(room)s yuan of the allocated funds has not been clawed back: decide a clawback of more "
                        "than 0 and at most that amount."
                    )
                    % {"room": funding.yuan(room)},
                    code="clawback_zero",
                )
            if amount > room:
                raise DomainError(
                    _("At most %(room)s yuan can be clawed back (allocated less what was already clawed back).")
                    % {"room": funding.yuan(room)},
                    code="clawback_over",
                )
            center = center_services.center_delist(officer, center, reason=reason)
        entry = None
        if amount > 0:
            entry = funding.clawback(
                officer,
                center,
                amount=amount,
                reason=_("Clawback on delisting (Art. 17(3)): %(reason)s") % {"reason": reason},
                due_on=clawback_due_on,
                occurred_on=today,
            )
        announcement = portal.announcement_publish(
            officer, title=title, body=body, kind=Announcement.Kind.DELISTING, subject=center
        )
        delisting = Delisting(
            evaluation=updated,
            center=center,
            ground=ground_of(updated),
            reason=reason,
            clawback_amount=amount,
            clawback_due_on=clawback_due_on if amount > 0 else None,
            clawback_entry=entry,
            announcement=announcement,
            decided_on=today,
            decided_by=officer,
        )
        full_clean(delisting)
        delisting.save()
        audit.record("delisting.create", delisting, after=audit.snapshot(delisting), actor=officer)
        notifications.notify(
            workflow.unit_and_prefecture(updated),
            _("The center has been delisted (Art. 17(3)): %(name)s") % {"name": center.name},
            url=updated.get_absolute_url(),
            subject=delisting,
            body=reason,
        )
        first = updated.reevaluation_of
        if first is not None:
            notifications.close_tasks(first)
    return delisting


def delisting_defaults(evaluation) -> dict:
    """The delisting form's prefilled values: the clawback (allocated − clawed back), its due date, the
    announcement's title and text."""
    from apps.centers import rules as center_rules

    center = evaluation.center
    return {
        "clawback_amount": clawback_room(center),
        "clawback_due_on": clock.today() + datetime.timedelta(days=center_rules.CLAWBACK_DUE_DAYS),
        "announcement_title": _("Announcement on delisting %(name)s") % {"name": center.name},
        "announcement_body": _(
            "Under Art. 17(3) of the Measures for the administration of the high-value patent cultivation centers of "
            "Inner Mongolia, %(name)s (lead unit: %(unit)s) is delisted on the grounds of the performance "
            "evaluation “%(round)s”: %(ground)s. It no longer bears the name of a cultivation center; the funds "
            "decided are clawed back."
        )
        % {
            "name": center.name,
            "unit": center.lead_unit.name,
            "round": evaluation.round.title,
            "ground": Delisting.Ground(ground_of(evaluation)).label,
        },
    }
