"""Evaluation rounds (评价轮次, Art. 15): the region commissions a third-party evaluator, opens the round, puts the
confirmed results under public notice and announces them. Each function is one transaction: it checks the policy
(`policies.can_manage`: the regional bureau), validates what was typed (a `DomainError` in Chinese, nothing
changed), writes the audit entry and tells whoever acts next. Transitions go through `workflow.ROUND.apply` (row
lock, state, conditions, audit, notices); a failure in any step leaves nothing half done.

- `round_create(user, *, title, period_start, period_end, system, evaluator, commission_document, commissioned_on,
  fee, scoring_due_on, excellent_from=None, qualified_from=None, centers=None)`: a draft round and one evaluation
  (attempt 1) per center in scope — by default every running center (`Center.RUNNING`: under construction,
  rectifying, accepted);
- `round_update(user, round_, **same)`: the same fields, while the round is being prepared;
- `scope_add(user, round_, centers)`, `scope_remove(user, evaluation)`: the scope, while being prepared;
- `round_open(user, round_)`: freezes the indicator system, gives the evaluator the centers (their score rows
  pre-filled, `prefill.prefill`), tells the evaluator's users;
- `round_publish(user, round_, *, contact="")`: every result confirmed → a public notice on the portal listing each
  center's grade; the lead units and prefecture offices hear their center's result;
- `round_announce(user, round_)`: the notice over → an announcement of the results; the region is asked to decide
  each result's consequence;
- `round_close(user, round_)`: every consequence settled."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.centers.models import Center
from apps.core import clock, inputs
from apps.core.errors import DomainError, PermissionDenied
from apps.notifications import services as notifications
from apps.organizations.models import Organization

from . import policies, prefill, rules
from .models import Evaluation, EvaluationRound, IndicatorSystem
from .workflow import ROUND, regional_officers, unit_and_prefecture

R = EvaluationRound.Status
E = Evaluation.Status
G = Evaluation.Grade
P = Evaluation.Participation
CENT = Decimal("0.01")
# The notice's and the announcement's titles (at most 200 characters, `portal.services.TITLE_MAX`) quote the round's.
TITLE_MAX = 150
DOCUMENT_MAX = EvaluationRound._meta.get_field("commission_document").max_length
FIELDS = (
    "title",
    "period_start",
    "period_end",
    "system",
    "evaluator",
    "commission_document",
    "commissioned_on",
    "fee",
    "scoring_due_on",
    "excellent_from",
    "qualified_from",
)


def _require(decision) -> None:
    if not decision:
        raise PermissionDenied(decision.reason)


# ---------------------------------------------------------------- parsing what was typed (shared with the forms)


def _label(name) -> str:
    return str(EvaluationRound._meta.get_field(name).verbose_name)


def parse_fee(value) -> Decimal:
    """The evaluation fee in yuan: 0 or more, at most two decimals (fen), at most `rules.FEE_MAX`."""
    label = _label("fee")
    number = inputs.parse_decimal(value, label=label)
    if number is None:
        raise DomainError(_("%(field)s: please enter the amount in yuan.") % {"field": label}, code="fee")
    if number < 0 or number > rules.FEE_MAX:
        raise DomainError(inputs.out_of_range(label, 0, rules.FEE_MAX), code="fee")
    if number != number.quantize(CENT):
        raise DomainError(
            _("%(field)s: enter the amount in yuan with at most two decimals (fen), such as 1234.56.")
            % {"field": label},
            code="fee",
        )
    return number.quantize(CENT)


def parse_points(value, *, name: str, default: Decimal) -> Decimal:
    """A grade threshold in points: empty → `default`; 0–100 with at most two decimals."""
    label = _label(name)
    number = inputs.parse_decimal(value, label=label)
    if number is None:
        return default
    if number <= 0 or number > rules.TOTAL_POINTS:
        raise DomainError(inputs.out_of_range(label, 0, rules.TOTAL_POINTS), code="points")
    if number != number.quantize(CENT):
        raise DomainError(_("%(field)s: at most two decimals.") % {"field": label}, code="points")
    return number.quantize(CENT)


def _date(value, name: str) -> datetime.date:
    label = _label(name)
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise DomainError(_("%(field)s: please enter a date.") % {"field": label}, code="date")
    if not inputs.BUSINESS_DATES.first <= value <= inputs.BUSINESS_DATES.last:
        raise DomainError(inputs.BUSINESS_DATES.message(label), code="date")
    return value


def _text(value, name: str, limit: int) -> str:
    label = _label(name)
    text = inputs.normalised_text(str(value or ""), single_line=True)
    if not text:
        raise DomainError(_("%(field)s: please fill it in.") % {"field": label}, code="required")
    inputs.check_length(text, limit=limit, label=label)
    return text


def _system(value) -> IndicatorSystem:
    pk = value.pk if isinstance(value, IndicatorSystem) else value
    found = IndicatorSystem.objects.filter(pk=pk).first() if isinstance(pk, int) else None
    if found is None:
        raise DomainError(_("Choose an indicator system that exists."), code="system")
    return found


def evaluator_organizations():
    """The organizations a round can be commissioned from: approved third-party evaluation agencies."""
    return Organization.objects.filter(kind=Organization.Kind.EVALUATOR, status=Organization.Status.APPROVED)


def _evaluator(value) -> Organization:
    pk = value.pk if isinstance(value, Organization) else value
    found = evaluator_organizations().filter(pk=pk).first() if isinstance(pk, int) else None
    if found is None:
        raise DomainError(
            _("The evaluator must be an approved organization of the kind “third-party evaluation agency”."),
            code="evaluator",
        )
    return found


def _clean(values: dict) -> dict:
    """Every field of a round checked, in Chinese; the values to store."""
    cleaned = {
        "title": _text(values.get("title"), "title", TITLE_MAX),
        "period_start": _date(values.get("period_start"), "period_start"),
        "period_end": _date(values.get("period_end"), "period_end"),
        "system": _system(values.get("system")),
        "evaluator": _evaluator(values.get("evaluator")),
        "commission_document": _text(values.get("commission_document"), "commission_document", DOCUMENT_MAX),
        "commissioned_on": _date(values.get("commissioned_on"), "commissioned_on"),
        "fee": parse_fee(values.get("fee")),
        "scoring_due_on": _date(values.get("scoring_due_on"), "scoring_due_on"),
        "excellent_from": parse_points(
            values.get("excellent_from"), name="excellent_from", default=rules.EXCELLENT_FROM
        ),
        "qualified_from": parse_points(
            values.get("qualified_from"), name="qualified_from", default=rules.QUALIFIED_FROM
        ),
    }
    if cleaned["period_end"] <= cleaned["period_start"]:
        raise DomainError(_("The period evaluated must end after it starts."), code="period")
    if cleaned["scoring_due_on"] <= cleaned["period_end"]:
        raise DomainError(_("The scoring is due after the end of the period evaluated."), code="scoring_due_on")
    if cleaned["scoring_due_on"] < cleaned["commissioned_on"]:
        raise DomainError(_("The scoring cannot be due before the evaluator is commissioned."), code="scoring_due_on")
    if not cleaned["qualified_from"] < cleaned["excellent_from"]:
        raise DomainError(
            _("The threshold of 合格 must be lower than the threshold of 优秀 (0 < 合格 < 优秀 ≤ 100)."),
            code="thresholds",
        )
    return cleaned


def running_centers():
    """The centers a round may take in: under construction, rectifying or accepted (`Center.RUNNING`)."""
    return Center.objects.filter(status__in=Center.RUNNING).select_related("prefecture", "lead_unit")


def _centers(centers, *, round_=None) -> list[Center]:
    """The centers asked for, each running and (with `round_`) not in the round yet."""
    wanted = {c.pk if isinstance(c, Center) else c for c in centers}
    if any(isinstance(pk, bool) or not isinstance(pk, int) for pk in wanted):
        raise DomainError(_("Choose the centers from the list."), code="centers")
    wanted = sorted(wanted)
    found = {c.pk: c for c in Center.objects.filter(pk__in=wanted)}
    if len(found) != len(wanted):
        raise DomainError(_("Choose the centers from the list."), code="centers")
    idle = [c.name for c in found.values() if c.status not in Center.RUNNING]
    if idle:
        raise DomainError(
            _("Only a center under construction, rectifying or accepted is evaluated; not: %(names)s.")
            % {"names": "、".join(sorted(idle))},
            code="centers",
        )
    if round_ is not None:
        already = set(round_.evaluations.filter(center_id__in=wanted).values_list("center__name", flat=True))
        if already:
            raise DomainError(
                _("Already in the round: %(names)s.") % {"names": "、".join(sorted(already))}, code="centers"
            )
    return [found[pk] for pk in wanted]


def _names(centers) -> str:
    return "、".join(c.name for c in centers)


# ---------------------------------------------------------------- preparing a round


def round_create(
    user,
    *,
    title,
    period_start,
    period_end,
    system,
    evaluator,
    commission_document,
    commissioned_on,
    fee,
    scoring_due_on,
    excellent_from=None,
    qualified_from=None,
    centers=None,
) -> EvaluationRound:
    """A draft round commissioned from `evaluator`, with one evaluation per center in scope (default: every
    running center)."""
    _require(policies.can_manage(user))
    values = _clean(
        {
            "title": title,
            "period_start": period_start,
            "period_end": period_end,
            "system": system,
            "evaluator": evaluator,
            "commission_document": commission_document,
            "commissioned_on": commissioned_on,
            "fee": fee,
            "scoring_due_on": scoring_due_on,
            "excellent_from": excellent_from,
            "qualified_from": qualified_from,
        }
    )
    with transaction.atomic():
        scope = list(running_centers()) if centers is None else _centers(centers)
        round_ = EvaluationRound(created_by=user, status=R.DRAFT, **values)
        round_.full_clean()
        round_.save()
        for center in scope:
            Evaluation.objects.create(round=round_, center=center, attempt=1)
        audit.record(
            "evaluation_round.create",
            round_,
            after={**audit.snapshot(round_), "centers": [c.pk for c in scope]},
            message=_("Scope: %(count)s center(s): %(names)s") % {"count": len(scope), "names": _names(scope)},
            actor=user,
        )
    return round_


def _draft(round_: EvaluationRound, locked: EvaluationRound) -> None:
    if locked.status != R.DRAFT:
        raise DomainError(
            _("The round is “%(status)s”: only a round being prepared can be changed.")
            % {"status": locked.get_status_display()},
            code="state",
        )


def round_update(user, round_: EvaluationRound, **fields) -> EvaluationRound:
    """The round's fields again (those not given keep their value), while it is being prepared."""
    _require(policies.can_manage(user))
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"round_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        locked = EvaluationRound.objects.select_for_update().get(pk=round_.pk)
        _draft(round_, locked)
        current = {name: getattr(locked, name) for name in FIELDS}
        values = _clean({**current, **fields})
        before = audit.snapshot(locked)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save()
        before, after = audit.changed(before, audit.snapshot(locked))
        if after:
            audit.record("evaluation_round.update", locked, before=before, after=after, actor=user)
    return locked


def scope_add(user, round_: EvaluationRound, centers) -> list[Evaluation]:
    """More running centers in the round's scope, while it is being prepared."""
    _require(policies.can_manage(user))
    with transaction.atomic():
        locked = EvaluationRound.objects.select_for_update().get(pk=round_.pk)
        _draft(round_, locked)
        chosen = _centers(centers, round_=locked)
        if not chosen:
            raise DomainError(_("Choose at least one center to add."), code="centers")
        made = [Evaluation.objects.create(round=locked, center=center, attempt=1) for center in chosen]
        audit.record(
            "evaluation_round.add",
            locked,
            after={"centers": [c.pk for c in chosen]},
            message=_("Added to the scope: %(names)s") % {"names": _names(chosen)},
            actor=user,
        )
    return made


def scope_remove(user, evaluation: Evaluation) -> None:
    """A center out of the round's scope, while the round is being prepared."""
    _require(policies.can_manage(user))
    with transaction.atomic():
        locked = EvaluationRound.objects.select_for_update().get(pk=evaluation.round_id)
        _draft(locked, locked)
        row = Evaluation.objects.filter(pk=evaluation.pk, round=locked).select_related("center").first()
        if row is None:
            raise DomainError(_("This center is no longer in the round."), code="gone")
        center = row.center
        row.delete()
        audit.record(
            "evaluation_round.remove",
            locked,
            before={"centers": [center.pk]},
            message=_("Removed from the scope: %(name)s") % {"name": center.name},
            actor=user,
        )


# ---------------------------------------------------------------- the round's transitions


def round_open(user, round_: EvaluationRound) -> EvaluationRound:
    """Open the round to the evaluator: the indicator system is frozen (under its row lock), every evaluation gets
    its score rows (objective ones computed), the evaluator's users are told (the workflow's notice)."""
    _require(policies.can_manage(user))
    now = clock.now()

    def prepare(locked):
        system = IndicatorSystem.objects.select_for_update().get(pk=locked.system_id)
        if system.frozen_at is None:
            system.frozen_at = now
            system.save(update_fields=["frozen_at", "updated_at"])
            audit.record(
                "indicator_system.update",
                system,
                before={"frozen_at": None},
                after={"frozen_at": now.isoformat()},
                message=_("Frozen: used by the round “%(title)s”") % {"title": locked.title},
                actor=user,
            )
        locked.opened_at = now

    with transaction.atomic():
        opened = ROUND.apply(user, round_, "open", prepare=prepare)
        evaluations = opened.evaluations.select_related("round", "round__system", "center").order_by("id")
        for evaluation in evaluations:
            prefill.prefill(evaluation)
    return opened


def _result(evaluation: Evaluation) -> str:
    """A center's result as the public reads it: the grade (and total), or that it did not take part / complete."""
    if evaluation.participation == P.ABSENT:
        return _("did not take part in the evaluation")
    if evaluation.participation == P.INCOMPLETE:
        return _("did not complete the evaluation")
    grade = evaluation.get_grade_display() if evaluation.grade else _("no grade")
    if evaluation.total is None:
        return str(grade)
    return _("%(grade)s (%(total)s points)") % {"grade": grade, "total": f"{evaluation.total:.2f}"}


def results_of(round_: EvaluationRound) -> list[Evaluation]:
    """The round's first evaluations (attempt 1), by prefecture and center, with what a result line needs."""
    return list(
        round_.evaluations.filter(attempt=1)
        .select_related("center", "center__prefecture", "center__lead_unit", "round")
        .order_by("center__prefecture__name", "center__name", "id")
    )


def results_body(round_: EvaluationRound, *, intro: str) -> str:
    lines = [
        intro,
        "",
        _("Period evaluated: %(start)s to %(end)s. Evaluator: %(evaluator)s.")
        % {
            "start": round_.period_start.isoformat(),
            "end": round_.period_end.isoformat(),
            "evaluator": round_.evaluator.name,
        },
        "",
    ]
    for number, evaluation in enumerate(results_of(round_), start=1):
        lines.append(
            _("%(number)s. %(center)s (%(prefecture)s): %(result)s")
            % {
                "number": number,
                "center": evaluation.center.name,
                "prefecture": evaluation.center.prefecture.name,
                "result": _result(evaluation),
            }
        )
    return "\n".join(lines)


def round_publish(user, round_: EvaluationRound, *, contact: str = "") -> EvaluationRound:
    """Put the confirmed results under public notice on the portal (objections open for the portal's notice
    period); the lead units' administrators and the prefecture offices hear their center's result."""
    from apps.portal import services as portal
    from apps.portal.models import PublicNotice

    _require(policies.can_manage(user))
    contact = inputs.normalised_text(str(contact or ""), single_line=True)
    inputs.check_length(contact, limit=PublicNotice._meta.get_field("contact").max_length, label=_("Contact"))

    def prepare(locked):
        locked.notice = portal.public_notice_open(
            user,
            title=_("Public notice of the performance evaluation results: %(title)s") % {"title": locked.title},
            body=results_body(
                locked,
                intro=_(
                    "The results of the performance evaluation of the high-value patent cultivation centers are "
                    "published for public notice below (Art. 15–17). Objections may be raised during the notice "
                    "period."
                ),
            ),
            kind=PublicNotice.Kind.EVALUATION,
            subject=locked,
            contact=contact,
        )

    with transaction.atomic():
        published = ROUND.apply(user, round_, "publish", prepare=prepare)
        for evaluation in results_of(published):
            notifications.notify(
                unit_and_prefecture(evaluation),
                _("Evaluation result under public notice: %(name)s — %(result)s")
                % {"name": evaluation.center.name, "result": _result(evaluation)},
                url=evaluation.get_absolute_url(),
                subject=evaluation,
                is_task=False,
            )
    return published


def round_announce(user, round_: EvaluationRound) -> EvaluationRound:
    """Announce the results once the notice is over (and its objections resolved); the region is asked to decide
    each result's consequence (support, rectification, excuse or delisting)."""
    from apps.portal import services as portal
    from apps.portal.models import Announcement

    _require(policies.can_manage(user))

    def prepare(locked):
        locked.announcement = portal.announcement_publish(
            user,
            title=_("Announcement of the performance evaluation results: %(title)s") % {"title": locked.title},
            body=results_body(
                locked,
                intro=_(
                    "The public notice of the performance evaluation results has ended. The results of the high-"
                    "value patent cultivation centers are announced below (Art. 15–17)."
                ),
            ),
            kind=Announcement.Kind.RESULT,
            subject=locked,
        )

    with transaction.atomic():
        announced = ROUND.apply(user, round_, "announce", prepare=prepare)
        officers = list(regional_officers())
        for evaluation in results_of(announced):
            notifications.notify(
                officers,
                _("Decide the consequence of the result: %(name)s — %(result)s")
                % {"name": evaluation.center.name, "result": _result(evaluation)},
                url=evaluation.get_absolute_url(),
                subject=evaluation,
                is_task=True,
            )
    return announced


def round_close(user, round_: EvaluationRound) -> EvaluationRound:
    """Close the round once no result awaits its consequence."""
    _require(policies.can_manage(user))
    return ROUND.apply(user, round_, "close")


ACTIONS = {
    "open": lambda user, round_, data: round_open(user, round_),
    "publish": lambda user, round_, data: round_publish(user, round_, contact=data.get("contact", "")),
    "announce": lambda user, round_, data: round_announce(user, round_),
    "close": lambda user, round_, data: round_close(user, round_),
}
