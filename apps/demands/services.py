"""Writes to the demand pool (Art. 8): collection rounds, submission, screening, expert argument, decision.

Each function is one transaction: it checks the policy, changes the rows, writes the audit entry and tells
whoever acts next. State changes go through workflow.DEMAND / workflow.ROUND."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts import conflicts
from apps.audit import services as audit
from apps.core import clock, inputs
from apps.core.errors import DomainError, PermissionDenied, full_clean
from apps.core.policy import require
from apps.notifications import services as notifications

from . import policies, selectors
from .models import SUBMISSION_FIELDS, Argument, CollectionRound, Demand, new_receipt_number
from .rules import ARGUMENT_MIN_EXPERTS
from .workflow import DEMAND, ROUND, regional_officers


def _email_public_submitter(demand: Demand, subject: str, body: str) -> None:
    if demand.submitted_by_id is None and demand.email:
        from .tasks import email_public_submitter

        transaction.on_commit(lambda: email_public_submitter.enqueue(demand.pk, str(subject), str(body)))


def _follow_url() -> str:
    return settings.SITE_URL.rstrip("/") + reverse("demands:follow")


# ---------------------------------------------------------------- collection rounds


def round_open(officer, *, title: str, opens_on, closes_on, description: str = "") -> CollectionRound:
    """Open a collection round; rounds may not overlap, and a round cannot end in the past."""
    require(policies.can_manage_rounds(officer))
    today = clock.today()
    if closes_on < opens_on:
        raise DomainError(_("A collection round cannot close before it opens."))
    if closes_on < today:
        raise DomainError(_("The closing date has already passed."))
    with transaction.atomic():
        overlapping = (
            CollectionRound.objects.select_for_update()
            .filter(status=CollectionRound.Status.OPEN, opens_on__lte=closes_on, closes_on__gte=opens_on)
            .first()
        )
        if overlapping:
            raise DomainError(
                _(
                    "These dates overlap the open round “%(title)s” (%(start)s to %(end)s); close it or choose "
                    "other dates."
                )
                % {"title": overlapping.title, "start": overlapping.opens_on, "end": overlapping.closes_on}
            )
        collection_round = CollectionRound(
            title=inputs.normalised_text(title, single_line=True),
            description=inputs.normalised_text(description),
            opens_on=opens_on,
            closes_on=closes_on,
            created_by=officer,
        )
        full_clean(collection_round)
        collection_round.save()
        audit.record("collection_round.open", collection_round, after=audit.snapshot(collection_round), actor=officer)
    return collection_round


def round_close(officer, collection_round: CollectionRound, *, reason: str = "") -> CollectionRound:
    """Close a round now (before its closing date): from this moment submissions are refused."""
    today = clock.today()
    changes = {"closes_on": max(collection_round.opens_on, min(collection_round.closes_on, today))}
    return ROUND.apply(officer, collection_round, "close", reason=reason, changes=changes)


def require_open_round(now=None) -> CollectionRound:
    """The round accepting demands now, or a DomainError that says why not and when the next one opens."""
    current = selectors.current_round(now)
    if current is not None:
        return current
    upcoming = selectors.next_round(now)
    if upcoming is not None:
        raise DomainError(
            _("Demands are not being collected at the moment. The next collection round opens on %(date)s.")
            % {"date": upcoming.opens_on.isoformat()}
        )
    last = selectors.last_round(now)
    if last is not None:
        raise DomainError(
            _(
                "The collection round “%(title)s” closed on %(date)s; demands are no longer accepted. Watch the "
                "announcements for the next round."
            )
            % {"title": last.title, "date": last.closes_on.isoformat()}
        )
    raise DomainError(_("Demands are not being collected at the moment. Watch the announcements for the next round."))


# ---------------------------------------------------------------- submission


def demand_submit(*, data: dict, user=None, now=None) -> Demand:
    """Anyone submits a demand while a round is open: the public without an account (`user` None; the view
    applies the rate limit and the human check), a unit user from their account (organization taken from it).
    Returns the demand with its receipt number; the bureau gets a task to screen it."""
    now = now or clock.now()
    if user is not None and user.is_authenticated:
        require(policies.can_submit_as_unit(user))
    else:
        user = None
    unknown = set(data) - set(SUBMISSION_FIELDS)
    if unknown:
        raise TypeError(f"not submission fields: {sorted(unknown)}")
    collection_round = require_open_round(now)
    values = {name: data.get(name) for name in SUBMISSION_FIELDS}
    for name in SUBMISSION_FIELDS:
        if isinstance(values[name], str):
            values[name] = values[name].strip()
    organization = None
    if user is not None:
        organization = user.organization
        values["organization_name"] = organization.name
        values["contact_name"] = values.get("contact_name") or user.display_name
        values["phone"] = values.get("phone") or user.phone
        values["email"] = values.get("email") or user.email
    if not values.get("phone") and not values.get("email"):
        raise DomainError(_("Please give a phone number or an email address so that the bureau can reach you."))
    industry = values.get("industry")
    if industry is None or not industry.is_active:
        raise DomainError(_("Please choose an industry from the catalogue."))
    with transaction.atomic():
        demand = Demand(round=collection_round, submitted_by=user, organization=organization, created_at=now, **values)
        full_clean(demand, exclude=["receipt_number"])
        for _attempt in range(5):
            demand.receipt_number = new_receipt_number(timezone.localdate(now).year)
            try:
                with transaction.atomic():
                    demand.save(force_insert=True)
                break
            except IntegrityError:
                demand.pk = None
                continue
        else:  # pragma: no cover - 32^8 numbers a year
            raise DomainError(_("Please try again."))
        audit.record(
            "demand.submit",
            demand,
            after=audit.snapshot(demand, exclude=("phone", "email")),
            actor=user,
        )
        notifications.notify(
            regional_officers(),
            _("New demand to screen: %(title)s") % {"title": demand.title},
            url=reverse("demands:detail", args=[demand.pk]),
            subject=demand,
            is_task=True,
        )
        _email_public_submitter(
            demand,
            _("Your demand has been received"),
            _("Receipt number: %(receipt)s\nTitle: %(title)s\nFollow its status at %(url)s with this number.")
            % {"receipt": demand.receipt_number, "title": demand.title, "url": _follow_url()},
        )
    return demand


# ---------------------------------------------------------------- screening


def demand_accept(officer, demand: Demand, *, note: str = "") -> Demand:
    return DEMAND.apply(
        officer,
        demand,
        "accept",
        reason=note,
        changes={"decision_note": inputs.normalised_text(note), "screened_by": officer, "screened_at": clock.now()},
    )


def demand_reject(officer, demand: Demand, *, reason: str) -> Demand:
    """The reason is shown to the submitter on the public status page."""
    reason = inputs.normalised_text(reason)
    with transaction.atomic():
        demand = DEMAND.apply(
            officer,
            demand,
            "reject",
            reason=reason,
            changes={
                "public_reason": inputs.normalised_text(reason),
                "screened_by": officer,
                "screened_at": clock.now(),
            },
        )
        _email_public_submitter(
            demand,
            _("Your demand was not accepted"),
            _("Receipt number: %(receipt)s\nReason: %(reason)s") % {"receipt": demand.receipt_number, "reason": reason},
        )
    return demand


def demand_merge(officer, duplicate: Demand, *, into: Demand, reason: str = "") -> Demand:
    """Mark `duplicate` as merged into `into` (the demand kept); duplicates already merged into `duplicate`
    follow it. The submitter of the duplicate is told."""
    if into.pk == duplicate.pk:
        raise DomainError(_("A demand cannot be merged into itself."))
    with transaction.atomic():
        kept = Demand.objects.select_for_update().get(pk=into.pk)
        if kept.status not in selectors.LIVE_STATUSES:
            raise DomainError(
                _("The demand to keep is %(status)s; choose a demand that is still in the pool.")
                % {"status": kept.get_status_display()}
            )
        public_reason = inputs.normalised_text(reason) or _(
            "It duplicates the demand “%(title)s”, which is handled instead."
        ) % {"title": kept.title}
        demand = DEMAND.apply(
            officer,
            duplicate,
            "merge",
            reason=public_reason,
            changes={
                "merged_into": kept,
                "public_reason": public_reason,
                "screened_by": officer,
                "screened_at": clock.now(),
            },
        )
        followers = list(Demand.objects.filter(merged_into=demand).values_list("pk", flat=True))
        if followers:
            Demand.objects.filter(pk__in=followers).update(merged_into=kept)
            audit.record(
                "demand.merge_followers",
                kept,
                after={"merged_into": kept.pk, "demands": followers},
                actor=officer,
            )
        _email_public_submitter(
            demand,
            _("Your demand was merged with a similar demand"),
            _("Receipt number: %(receipt)s\n%(reason)s") % {"receipt": demand.receipt_number, "reason": public_reason},
        )
    return demand


# ---------------------------------------------------------------- expert argument


def argument_assign(officer, demand: Demand, experts) -> list[Argument]:
    """Assign experts to argue an accepted demand, none with a conflict of interest. The first assignment starts
    the argument (its row in workflow.DEMAND wants at least rules.ARGUMENT_MIN_EXPERTS assigned: fewer, and
    nothing is saved); more experts may be added while it runs."""
    require(policies.can_manage_pool(officer))
    experts = list({e.pk: e for e in experts}.values())
    with transaction.atomic():
        locked = Demand.objects.select_for_update().get(pk=demand.pk)
        if locked.status not in (Demand.Status.ACCEPTED, Demand.Status.UNDER_ARGUMENT):
            raise DomainError(
                _("Experts are assigned to accepted demands only (this one is %(status)s).")
                % {"status": locked.get_status_display()}
            )
        existing = set(locked.arguments.values_list("expert_id", flat=True))
        new = [e for e in experts if e.pk not in existing]
        if not new:
            raise DomainError(_("Choose at least one expert who is not assigned yet."))
        for expert in new:
            reason = policies.expert_conflict_reason(expert, locked)
            if reason:
                raise DomainError(reason)
        arguments = []
        now = clock.now()
        for expert in new:
            argument = Argument.objects.create(demand=locked, expert=expert, assigned_by=officer, assigned_at=now)
            audit.record(
                "argument.assign",
                argument,
                after={"demand": locked.pk, "expert": expert.pk},
                actor=officer,
            )
            notifications.notify(
                [expert],
                _("Please argue the demand “%(title)s”") % {"title": locked.title},
                url=reverse("demands:argue", args=[locked.pk]),
                subject=argument,
                is_task=True,
            )
            arguments.append(argument)
        if locked.status == Demand.Status.ACCEPTED:
            DEMAND.apply(officer, locked, "start_argument")
    return arguments


def argument_submit(
    expert, demand: Demand, *, influence: int, industry_pull: int, breadth: int, opinion: str, recommend: bool
) -> Argument:
    """An assigned expert records (or revises, while the argument runs) an opinion and three scores 0–100; never
    with a conflict of interest (checked again now: one found excludes the argument and refuses the opinion)."""
    _exclude_if_conflicted(expert, demand)
    with transaction.atomic():
        locked = Demand.objects.select_for_update().get(pk=demand.pk)
        argument = Argument.objects.select_for_update().filter(demand=locked, expert=expert).first()
        if argument is None:
            raise PermissionDenied(_("This demand has not been assigned to you."))
        require(policies.can_argue(expert, locked))
        scores = (influence, industry_pull, breadth)
        if any(not isinstance(s, int) or isinstance(s, bool) or not 0 <= s <= 100 for s in scores):
            raise DomainError(_("Each score is a whole number from 0 to 100."))
        opinion = inputs.required_text(opinion, message=_("Please write your opinion."), code="refused")
        before = audit.snapshot(argument)
        argument.influence, argument.industry_pull, argument.breadth = scores
        argument.score = Argument.overall(*scores)
        argument.opinion = opinion
        argument.recommend = bool(recommend)
        argument.submitted_at = clock.now()
        argument.save()
        old, new = audit.changed(before, audit.snapshot(argument))
        audit.record("argument.submit", argument, before=old, after=new, actor=expert)
        notifications.close_tasks(argument)
        pending = locked.arguments.active().filter(submitted_at__isnull=True).count()
        if pending == 0 and not old.get("submitted_at"):
            notifications.notify(
                regional_officers(),
                _("All expert opinions are in for “%(title)s”: conclude the argument") % {"title": locked.title},
                url=reverse("demands:detail", args=[locked.pk]),
                subject=locked,
                is_task=True,
            )
    return argument


def _exclude_if_conflicted(expert, demand: Demand) -> None:
    """At each act of the expert: a conflict of interest that was not excluded when it arose (data changed outside
    the accounts services, an assignment older than this rule) excludes the open argument now — committed, so the
    bureau sees it — and the act is refused with the reason."""
    argument = selectors.open_arguments(expert).filter(demand=demand).first()
    if argument is None:
        return
    found = conflicts.conflicts(expert, policies.conflict_parties(argument.demand))
    if found:
        argument_exclude(argument, found[0], expert)
        raise DomainError(
            _("You cannot argue this demand: %(reason)s") % {"reason": found[0].reason}, code="conflict_of_interest"
        )


def argument_exclude(argument: Argument, conflict, actor) -> Argument:
    """Exclude an open argument for a conflict of interest found after assignment (the expert declared it, changed
    the affiliation or added a former employer — apps.accounts.conflicts calls this through the registry in
    apps.py — or it was found when the expert acted). The conflict is its reason; the opinion and scores are
    cleared so they no longer count; the expert's task is closed; the bureau is told, with a task when fewer than
    ARGUMENT_MIN_EXPERTS experts remain."""
    with transaction.atomic():
        locked = Argument.objects.select_for_update().select_related("demand", "expert").get(pk=argument.pk)
        if locked.is_excluded:
            return locked
        before = audit.snapshot(locked)
        locked.excluded_at = clock.now()
        locked.conflict_reason = str(conflict.reason)
        locked.influence = locked.industry_pull = locked.breadth = locked.score = locked.recommend = None
        locked.opinion, locked.submitted_at = "", None
        locked.save()
        old, new = audit.changed(before, audit.snapshot(locked))
        audit.record("argument.exclude", locked, before=old, after=new, message=locked.conflict_reason, actor=actor)
        notifications.close_tasks(locked)
        demand = locked.demand
        short = demand.arguments.active().count() < ARGUMENT_MIN_EXPERTS.value()
        notifications.notify(
            regional_officers(),
            (
                _("An expert was withdrawn for a conflict of interest from “%(title)s”: assign another expert")
                if short
                else _("An expert was withdrawn for a conflict of interest from “%(title)s”")
            )
            % {"title": demand.title},
            url=reverse("demands:detail", args=[demand.pk]),
            subject=demand,
            body=locked.conflict_reason,
            is_task=short,
        )
    return locked


def argument_conclude(officer, demand: Demand, *, note: str = "") -> Demand:
    """Close the argument (at least three opinions in); experts who have not answered are released."""
    with transaction.atomic():
        demand = DEMAND.apply(officer, demand, "conclude", reason=note)
        for argument in demand.arguments.filter(submitted_at__isnull=True):
            notifications.close_tasks(argument)
    return demand


# ---------------------------------------------------------------- decision


def demand_adopt(officer, demand: Demand, *, note: str = "") -> Demand:
    """The bureau adopts this argued demand. It is not in a call yet: it waits until a topic of a call links it
    (calls: topic create, offered on the demand's page); the submitters are told when that call is published."""
    with transaction.atomic():
        demand = DEMAND.apply(
            officer,
            demand,
            "adopt",
            reason=note,
            changes={"decision_note": inputs.normalised_text(note), "decided_at": clock.now()},
        )
        _email_public_submitter(
            demand,
            _("Your demand was adopted"),
            _(
                "Receipt number: %(receipt)s\nYour demand “%(title)s” was adopted: it waits for a call to take it "
                "up as a topic."
            )
            % {"receipt": demand.receipt_number, "title": demand.title},
        )
    return demand


def demand_shelve(officer, demand: Demand, *, reason: str) -> Demand:
    with transaction.atomic():
        demand = DEMAND.apply(
            officer,
            demand,
            "shelve",
            reason=reason,
            changes={"public_reason": inputs.normalised_text(reason), "decided_at": clock.now()},
        )
        _email_public_submitter(
            demand,
            _("Your demand was not selected this time"),
            _("Receipt number: %(receipt)s\nReason: %(reason)s") % {"receipt": demand.receipt_number, "reason": reason},
        )
    return demand
