"""Selection and approval (择优立项, Art. 11–12).

- `selection_create`: after the ranking, the regional officer selects applications of a call (their panels
  closed) within each topic's funding cap and the call's funding; they become "selected" and a public notice
  (portal.PublicNotice, portal.rules.NOTICE_DAYS working days at least) lists them;
- `application_approve` / `application_not_approve`: once the notice has ended with every objection resolved,
  each selected application is approved (立项: approved funds, 3-year term) or not; an application left under
  expert review after its panel closed may be marked not approved;
- when the last selected application of a selection is decided, the results are announced on the portal.
"""

from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.core import clock, dates
from apps.core.errors import DomainError
from apps.core.policy import require
from apps.portal import services as portal
from apps.portal.models import Announcement, PublicNotice

from . import policies, rules, signals
from .events import transition
from .models import Application, BudgetItem, Selection
from .workflow import APPLICATION

S = Application.Status
COMMITTED = (S.SELECTED, S.APPROVED)


def _requested(applications) -> dict[int, Decimal]:
    rows = (
        BudgetItem.objects.filter(application__in=applications)
        .values("application_id")
        .annotate(total=Sum("requested_amount"))
    )
    return {r["application_id"]: r["total"] or Decimal("0") for r in rows}


def funding_summary(call, *, topics=None) -> dict:
    """Per topic and for the call: the cap and what selected or approved applications already commit. `topics`:
    the call's topics when already read."""
    committed_apps = Application.objects.filter(call=call, status__in=COMMITTED)
    requested = _requested(committed_apps)
    by_topic = defaultdict(lambda: Decimal("0"))
    for app in committed_apps:
        amount = (
            app.approved_funds
            if app.status == S.APPROVED and app.approved_funds is not None
            else requested.get(app.pk, Decimal("0"))
        )
        by_topic[app.topic_id] += amount
    return {
        "topics": {
            t.pk: {"cap": t.funding_cap, "committed": by_topic[t.pk]}
            for t in (call.topics.all() if topics is None else topics)
        },
        "call": {"cap": call.funding_available, "committed": sum(by_topic.values(), Decimal("0"))},
    }


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def _check_funding(call, applications) -> None:
    summary = funding_summary(call)
    requested = _requested(applications)
    added = defaultdict(lambda: Decimal("0"))
    for app in applications:
        added[app.topic_id] += requested.get(app.pk, Decimal("0"))
    for topic in call.topics.filter(pk__in=added):
        total = summary["topics"][topic.pk]["committed"] + added[topic.pk]
        if total > topic.funding_cap:
            raise DomainError(
                _("The selected applications of topic %(topic)s request %(total)s yuan, above its cap of %(cap)s yuan.")
                % {"topic": topic, "total": _money(total), "cap": _money(topic.funding_cap)},
                code="topic_cap",
            )
    total = summary["call"]["committed"] + sum(added.values(), Decimal("0"))
    if total > call.funding_available:
        raise DomainError(
            _("The selected applications request %(total)s yuan in all, above the call's funding of %(cap)s yuan.")
            % {"total": _money(total), "cap": _money(call.funding_available)},
            code="call_cap",
        )


def _notice_text(call, applications) -> tuple[str, str]:
    title = _("Public notice of the applications proposed for approval: %(call)s") % {"call": call.title}
    lines = [
        _(
            "The following applications to “%(call)s” are proposed for approval as Inner Mongolia High-Value Patent "
            "Cultivation Centers after prefecture recommendation, formal check and expert review:"
        )
        % {"call": call.title},
        "",
    ]
    for app in sorted(applications, key=lambda a: (a.topic.number, a.review_rank or 0)):
        partners = "、".join(p.organization.name for p in app.partnerships.select_related("organization"))
        line = _("Topic %(topic)s: %(project)s — lead unit %(lead)s") % {
            "topic": app.topic,
            "project": app.project_name or "—",
            "lead": app.lead_unit.name,
        }
        if partners:
            line += _("; partners: %(partners)s") % {"partners": partners}
        lines.append(line)
    lines += [
        "",
        _("Anyone who objects may submit an objection with the facts it rests on during the notice period."),
    ]
    return title, "\n".join(lines)


def selection_create(officer, call, applications, *, contact: str = "") -> Selection:
    require(policies.is_regional_officer(officer))
    applications = list(applications)
    if not applications:
        raise DomainError(_("Select at least one application."), code="empty")
    for app in applications:
        if app.call_id != call.pk:
            raise DomainError(_("Every selected application must belong to this call."), code="call")
        # The `select` row's whole rule, for each application before the notice opens, naming the one refused.
        decision = APPLICATION.check(officer, app, "select")
        if not decision:
            raise DomainError(_("%(name)s: %(reason)s") % {"name": app, "reason": decision.reason}, code="select")
    _check_funding(call, applications)
    with transaction.atomic():
        selection = Selection.objects.create(call=call, created_by=officer)
        title, body = _notice_text(call, applications)
        notice = portal.public_notice_open(
            officer, title=title, body=body, kind=PublicNotice.Kind.SELECTION, subject=selection, contact=contact
        )
        selection.notice = notice
        selection.save(update_fields=["notice"])
        audit.record(
            "selection.create",
            selection,
            after={"applications": [a.pk for a in applications], "notice": notice.pk},
            actor=officer,
        )
        opinion = _("Selected for approval; public notice from %(start)s to %(end)s.") % {
            "start": notice.starts_on.isoformat(),
            "end": notice.ends_on.isoformat(),
        }
        for app in applications:
            transition(officer, app, "select", opinion=opinion, changes={"selection": selection})
    return selection


def _conclude_if_done(officer, selection) -> None:
    if selection is None or selection.applications.filter(status=S.SELECTED).exists():
        return
    updated = Selection.objects.filter(pk=selection.pk, status=Selection.Status.IN_NOTICE).update(
        status=Selection.Status.DECIDED, decided_at=clock.now()
    )
    if not updated:
        return
    audit.record("selection.decide", selection, after={"status": Selection.Status.DECIDED}, actor=officer)
    approved = list(selection.applications.filter(status=S.APPROVED).select_related("topic", "lead_unit"))
    if approved:
        lines = [
            _(
                "The following Inner Mongolia High-Value Patent Cultivation Centers are approved for "
                "construction (term: %(years)s years):"
            )
            % {"years": rules.TERM_YEARS},
            "",
        ]
        lines += [
            _("Topic %(topic)s: %(project)s — lead unit %(lead)s")
            % {
                "topic": a.topic,
                "project": a.project_name or "—",
                "lead": a.lead_unit.name,
            }
            for a in approved
        ]
        portal.announcement_publish(
            officer,
            title=_("Approval of High-Value Patent Cultivation Centers: %(call)s") % {"call": selection.call.title},
            body="\n".join(lines),
            kind=Announcement.Kind.RESULT,
            subject=selection,
        )


def application_approve(officer, application) -> Application:
    """立项: approved funds = the requested funds; the term starts today and lasts rules.TERM_YEARS. Sends
    `signals.application_approved` in the same transaction (apps.centers creates the center: all or nothing)."""
    today = clock.today()
    changes = {
        "decided_at": clock.now(),
        "approved_funds": application.requested_total,
        "term_starts_on": today,
        "term_ends_on": dates.term_end(today, years=rules.TERM_YEARS),
    }
    with transaction.atomic():
        updated = transition(officer, application, "approve", changes=changes)
        # In the same transaction: the center is created here (apps.centers); a receiver's failure undoes the approval.
        signals.application_approved.send(sender=Application, application=updated, officer=officer)
        _conclude_if_done(officer, updated.selection)
    return updated


def application_not_approve(officer, application, *, reason: str) -> Application:
    """A selected application after its notice (an objection upheld), or one left unselected after its panel."""
    with transaction.atomic():
        updated = transition(officer, application, "not_approve", opinion=reason, changes={"decided_at": clock.now()})
        _conclude_if_done(officer, updated.selection)
    return updated


def decision_board(call, *, topics=None, summary=None) -> list[dict]:
    """Per topic: the panel, the ranked applications and the funding, for the decision page — in the same number
    of queries whatever the topics and applications. `topics` (read with `select_related("industry", "panel")`)
    and `summary` (`funding_summary`): when the page already has them."""
    from .selectors import rankings

    if topics is None:
        topics = list(call.topics.select_related("industry", "panel"))
    summary = summary or funding_summary(call, topics=topics)
    ranked_by_topic = rankings(call)
    requested = _requested([app for ranked in ranked_by_topic.values() for app in ranked])
    board = []
    for topic in topics:
        ranked = ranked_by_topic.get(topic.pk, [])
        for app in ranked:
            app.requested = requested.get(app.pk, Decimal("0"))
        board.append(
            {
                "topic": topic,
                "panel": getattr(topic, "panel", None),
                "applications": ranked,
                "cap": topic.funding_cap,
                "committed": summary["topics"][topic.pk]["committed"],
            }
        )
    return board
