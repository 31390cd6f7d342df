"""Expert review (专家评审, Art. 11): panels per topic, conflict-of-interest exclusion, scoring and the ranking.

- `panel_create`, `panel_add_member`, `panel_remove_member`: the regional officer forms the panel of a topic (an
  expert added while it scores is assigned the applications short of assignments);
- `panel_open` (its conditions: the row in `workflow.PANEL`): every member is assigned every application of the
  topic under expert review, except where conflicted (`conflicts.py`: the one rule of apps.accounts.conflicts —
  declared, employer, former employer — against the lead unit and every partner): those assignments are recorded
  as excluded, and the expert never sees the application;
- `review_submit` / `review_declare_conflict`: the expert scores the weighted criteria with comments, or declares
  a conflict (the assignment is then void); a conflict that arises later (declared in the expert's profile, …)
  voids the open review at once (`review_exclude_for_conflict`, registered in apps.py) or, failing that, at the
  expert's next act;
- `panel_close` (its conditions: the row — the call in its review stage, every assignment scored, at least
  `min_experts` valid scores each): the aggregate (scoring.aggregate) and rank of each application
  are stored; from now on the panel's experts may see each other's scores.
"""

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.core import clock, inputs
from apps.core.errors import DomainError
from apps.core.policy import require
from apps.core.roles import Role
from apps.notifications import services as notifications

from . import conflicts, policies, rules, scoring
from .events import record_event
from .models import Application, PanelMember, Review, ReviewPanel, Score
from .workflow import PANEL, REVIEW, regional_officers, unit_admins


def panel_create(officer, topic) -> ReviewPanel:
    require(policies.is_regional_officer(officer))
    try:
        with transaction.atomic():
            panel = ReviewPanel.objects.create(
                topic=topic,
                created_by=officer,
                min_experts=rules.PANEL_MIN_EXPERTS.value(),
                trim_from=rules.TRIM_FROM.value(),
            )
            audit.record("review_panel.create", panel, after=audit.snapshot(panel), actor=officer)
    except IntegrityError as exc:
        raise DomainError(_("This topic already has a review panel."), code="duplicate") from exc
    return panel


def panel_add_member(officer, panel, expert) -> PanelMember:
    """Add an expert while the panel forms or scores. While it scores, the expert is assigned at once each
    application under review that has fewer active assignments (assigned or scored) than `min_experts` — the
    applications a conflict left short of scores (the close condition `policies.enough_valid_reviews`)."""
    require(policies.is_regional_officer(officer))
    if panel.status not in (ReviewPanel.Status.FORMING, ReviewPanel.Status.SCORING):
        raise DomainError(_("Experts are added until the panel closes."), code="state")
    if expert is None or expert.role != Role.EXPERT or not expert.is_active:
        raise DomainError(_("Only active expert accounts can sit on a panel."), code="not_expert")
    if panel.members.filter(expert=expert).exists():
        raise DomainError(_("%(name)s is already on this panel.") % {"name": expert.display_name}, code="duplicate")
    with transaction.atomic():
        member = PanelMember.objects.create(panel=panel, expert=expert)
        audit.record("review_panel.add_member", panel, after={"expert": expert.pk}, actor=officer)
        if panel.status == ReviewPanel.Status.SCORING:
            for application in _lacking_reviews(panel):
                _assign(panel, application, [expert])
    return member


def _lacking_reviews(panel):
    """The applications under review with fewer active assignments (assigned or scored) than the panel's minimum."""
    active = Count(
        "reviews",
        filter=Q(reviews__panel_id=panel.pk, reviews__status__in=(Review.Status.ASSIGNED, Review.Status.SUBMITTED)),
    )
    return _applications_under_review(panel.topic).annotate(active=active).filter(active__lt=panel.min_experts)


def panel_remove_member(officer, member) -> None:
    require(policies.is_regional_officer(officer))
    if member.panel.status != ReviewPanel.Status.FORMING:
        raise DomainError(_("Experts are removed while the panel is being formed."), code="state")
    with transaction.atomic():
        audit.record("review_panel.remove_member", member.panel, before={"expert": member.expert_id}, actor=officer)
        member.delete()


def _applications_under_review(topic):
    return Application.objects.filter(topic=topic, status=Application.Status.EXPERT_REVIEW).select_related("lead_unit")


def _assign(panel, application, experts) -> list[Review]:
    created = []
    for expert in experts:
        reason = conflicts.reason(expert, application)
        review, was_created = Review.objects.get_or_create(
            application=application,
            expert=expert,
            defaults={
                "panel": panel,
                "status": Review.Status.EXCLUDED if reason else Review.Status.ASSIGNED,
                "conflict_reason": reason,
            },
        )
        if was_created:
            created.append(review)
    for review in created:
        if review.status == Review.Status.ASSIGNED:
            notifications.notify(
                [review.expert],
                _("Application to score: %(name)s") % {"name": application},
                url=review.get_absolute_url(),
                subject=review,
                is_task=True,
            )
    return created


def panel_open(officer, panel) -> ReviewPanel:
    """Open scoring (the row's conditions: enough experts, free of conflicts for each application, one application
    at least); every member is assigned every application under review, conflicted assignments excluded."""
    with transaction.atomic():
        opened = PANEL.apply(officer, panel, "open", changes={"opened_at": clock.now()})
        members = [m.expert for m in opened.members.select_related("expert", "expert__expert_profile")]
        for application in _applications_under_review(opened.topic):
            _assign(opened, application, members)
    return opened


def assign_if_panel_scoring(application) -> None:
    """An application that passes the formal check while its topic's panel is scoring is assigned at once."""
    panel = ReviewPanel.objects.filter(topic_id=application.topic_id, status=ReviewPanel.Status.SCORING).first()
    if panel is not None:
        _assign(panel, application, [m.expert for m in panel.members.select_related("expert")])


def _clean_scores(scores: dict, comments: dict) -> dict:
    cleaned = {}
    for criterion in scoring.criteria():
        raw = scores.get(criterion.code)
        try:  # strictly: "1_0", "1e1", "１０" are not scores (apps/core/inputs.py)
            value = inputs.parse_decimal(raw, label=criterion.label)
        except DomainError:
            value = None
        if value is None or not (scoring.SCORE_MIN <= value <= scoring.SCORE_MAX):
            raise DomainError(
                _("Give a score from 0 to 100 for “%(criterion)s”.") % {"criterion": criterion.label}, code="score"
            )
        cleaned[criterion.code] = (value, (comments.get(criterion.code) or "").strip())
    return cleaned


def review_submit(expert, review, *, scores: dict, comments: dict | None = None, comment: str) -> Review:
    """Score every criterion (0–100) with an overall opinion; the expert may revise until the panel closes. Never
    with a conflict of interest: checked again now (one found excludes the review and refuses the score), and by
    the transition's condition under the lock."""
    _exclude_if_conflicted(expert, review)
    cleaned = _clean_scores(scores, comments or {})
    comment = inputs.required_text(comment, message=_("Please write your overall opinion."), code="comment")
    total = scoring.weighted_total({code: value for code, (value, _c) in cleaned.items()})
    with transaction.atomic():
        updated = REVIEW.apply(
            expert,
            review,
            "submit",
            changes={"total": total, "comment": comment, "submitted_at": clock.now()},
        )
        for code, (value, note) in cleaned.items():
            Score.objects.update_or_create(review=updated, criterion=code, defaults={"score": value, "comment": note})
        pending = Review.objects.filter(
            panel=updated.panel,
            status=Review.Status.ASSIGNED,
            application__status=Application.Status.EXPERT_REVIEW,
        )
        if not pending.exists():
            notifications.notify(
                regional_officers(),
                _("Every expert has scored: the panel “%(topic)s” can be closed") % {"topic": updated.panel.topic},
                url=updated.panel.get_absolute_url(),
                subject=updated.panel,
                is_task=True,
            )
    return updated


def review_declare_conflict(expert, review, *, reason: str) -> Review:
    """The expert declares a conflict on this review (free text): it is void, its scores deleted, the bureau told."""
    with transaction.atomic():
        updated = REVIEW.apply(
            expert,
            review,
            "declare_conflict",
            reason=reason,
            changes={"conflict_reason": inputs.normalised_text(reason, single_line=True), "total": None},  # a CharField
        )
        updated.scores.all().delete()
        notifications.notify(
            regional_officers(),
            _("An expert declared a conflict of interest on “%(name)s”") % {"name": updated.application},
            url=updated.panel.get_absolute_url(),
            subject=updated.panel,
            body=reason,
        )
    return updated


def review_exclude_for_conflict(review, conflict, actor=None) -> Review:
    """A conflict of interest found after assignment (apps.accounts.conflicts: the expert declared it in the
    profile, changed the affiliation or added a former employer — called through the registry in apps.py — or it
    was found when the expert acted) excludes the open review: status "excluded: conflict of interest" (not a
    declaration on the review), the conflict as its reason, scores deleted, audited as `review.exclude` (a system
    transition: no one's button), the expert's task closed and the bureau told of a withdrawal."""
    text = str(conflict.reason)[: inputs.REASON_MAX]  # written by the system from the stored facts
    with transaction.atomic():
        updated = REVIEW.apply(None, review, "exclude", reason=text, changes={"conflict_reason": text, "total": None})
        updated.scores.all().delete()
        notifications.notify(
            regional_officers(),
            _("An expert was withdrawn for a conflict of interest from the review of “%(name)s”")
            % {"name": updated.application},
            url=updated.panel.get_absolute_url(),
            subject=updated.panel,
            body=updated.conflict_reason,
        )
    return updated


def _exclude_if_conflicted(expert, review) -> None:
    """At each act of the expert on an open review: a conflict that was not excluded when it arose (data changed
    outside the accounts services, an assignment older than this rule) excludes the review now — committed, so the
    bureau sees it — and the act is refused with the reason."""
    own = Review.objects.filter(pk=review.pk, expert_id=getattr(expert, "pk", None)).first()  # as stored now
    if own is None:
        return  # not the expert's review: the transition refuses who
    if own.status in (Review.Status.EXCLUDED, Review.Status.DECLARED_CONFLICT):
        raise DomainError(  # excluded already: say why, not only the state
            _("You cannot score this application: %(reason)s") % {"reason": own.conflict_reason},
            code="conflict_of_interest",
        )
    own = conflicts.open_reviews(expert).filter(pk=review.pk).first()
    if own is None:
        return
    found = conflicts.found(expert, own.application)
    if found:
        review_exclude_for_conflict(own, found[0])
        raise DomainError(
            _("You cannot score this application: %(reason)s") % {"reason": found[0].reason},
            code="conflict_of_interest",
        )


def panel_close(officer, panel) -> ReviewPanel:
    """Close and rank (the row's conditions: the call in its review stage, every assignment scored, each application
    with at least `min_experts` valid scores)."""
    with transaction.atomic():
        closed = PANEL.apply(officer, panel, "close", changes={"closed_at": clock.now()})
        applications = list(_applications_under_review(closed.topic))
        totals = {
            a.pk: list(
                Review.objects.filter(panel=closed, application=a, status=Review.Status.SUBMITTED).values_list(
                    "total", flat=True
                )
            )
            for a in applications
        }
        # The threshold the panel was formed with (rules.TRIM_FROM then), not the parameter's value today.
        rows = scoring.rank(
            [(pk, scoring.aggregate(values, trim_from=closed.trim_from)) for pk, values in totals.items()]
        )
        for row in rows:
            Application.objects.filter(pk=row.key).update(
                review_score=row.score, review_rank=row.rank, review_tied=row.tied
            )
        audit.record(
            "review_panel.ranking",
            closed,
            after={"ranking": [[r.key, str(r.score) if r.score is not None else None, r.rank, r.tied] for r in rows]},
            actor=officer,
        )
        for application in applications:
            record_event(
                application,
                "review_closed",
                actor=officer,
                status_from=application.status,
                status_to=application.status,
            )
            notifications.notify(
                unit_admins(application),
                _("The expert review of your application has been completed: %(name)s") % {"name": application},
                url=application.get_absolute_url(),
                subject=application,
            )
    return closed
