"""Reads scoped by the user. An application a user may not see does not exist for them (404):

- unit users: their organization's applications (as lead unit), and, read-only, the applications their
  organization joined as a partner (`Partnership`) once submitted;
- prefecture officers: applications whose lead unit is in their prefecture, once submitted;
- regional officers: every application once submitted;
- experts: the applications assigned to them on a panel where they are not conflicted;
- evaluators and administrators: none.
"""

from django.db.models import Count, Prefetch, Q, QuerySet

from apps.core.roles import UNIT_ROLES, Role

from .models import Application, ApplicationEvent, PanelMember, Review, ReviewPanel


def _base() -> QuerySet[Application]:
    # topic__panel and selection__notice: the transitions' conditions and the status label read them.
    return Application.objects.select_related(
        "call",
        "topic",
        "topic__industry",
        "topic__panel",
        "lead_unit",
        "lead_unit__prefecture",
        "field_industry",
        "selection",
        "selection__notice",
    )


def visible_to(user) -> QuerySet[Application]:
    qs = _base()
    if user is None or not user.is_authenticated:
        return qs.none()
    if user.role in UNIT_ROLES and user.organization_id:
        return qs.filter(Q(lead_unit_id=user.organization_id) | Q(pk__in=_joined_ids(user.organization_id)))
    if user.role == Role.PREFECTURE_OFFICER and user.prefecture_id:
        return qs.filter(lead_unit__prefecture_id=user.prefecture_id, submitted_at__isnull=False)
    if user.role == Role.REGIONAL_OFFICER:
        return qs.filter(submitted_at__isnull=False)
    if user.role == Role.EXPERT:
        assigned = Review.objects.filter(expert_id=user.pk, status__in=Review.ACTIVE).values("application_id")
        return qs.filter(pk__in=assigned)
    return qs.none()


def _joined_ids(organization_id):
    """The submitted applications an organization joined as a partner (drafts stay the lead unit's business)."""
    from .models import Partnership

    return Partnership.objects.filter(organization_id=organization_id, application__submitted_at__isnull=False).values(
        "application_id"
    )


def joined_by(user) -> QuerySet[Application]:
    """The applications the user's organization joined as a partner (not as lead unit): "我参与的申报"."""
    if not (user.is_authenticated and user.role in UNIT_ROLES and user.organization_id):
        return Application.objects.none()
    return (
        _base()
        .filter(pk__in=_joined_ids(user.organization_id))
        .exclude(lead_unit_id=user.organization_id)
        .annotate(partner_count=Count("partnerships"))
        .order_by("call_id", "topic__number", "-updated_at")
    )


def application_list(user, *, status: str = "", call_id: str = "", query: str = "") -> QuerySet[Application]:
    """Units: their own applications (those joined as a partner are listed apart, `joined_by`)."""
    qs = visible_to(user).annotate(partner_count=Count("partnerships"))
    if user.role in UNIT_ROLES:
        qs = qs.filter(lead_unit_id=user.organization_id)
    if status:
        qs = qs.filter(status=status)
    if call_id:
        qs = qs.filter(call_id=call_id)
    if query:
        qs = qs.filter(Q(project_name__icontains=query) | Q(lead_unit__name__icontains=query))
    return qs.order_by("call_id", "topic__number", "-updated_at")


def timeline(user, application) -> QuerySet[ApplicationEvent]:
    """Applicants see the entries meant for them; officers see every entry. No entry names an expert."""
    qs = application.events.select_related("actor")
    if user.role in UNIT_ROLES:
        qs = qs.filter(for_applicant=True)
    return qs


def partnerships_visible_to(user):
    from .models import Partnership

    qs = Partnership.objects.select_related("application", "organization")
    if user.is_authenticated and user.role in UNIT_ROLES:
        # A partner sees its own agreement, not the other partners' ones.
        return qs.filter(
            Q(application__lead_unit_id=user.organization_id)
            | Q(organization_id=user.organization_id, application__submitted_at__isnull=False)
        )
    return qs.filter(application__in=visible_to(user))


def documents_visible_to(user) -> QuerySet[Application]:
    """Applications whose evidence documents the user may see: a partner sees the application, not the lead unit's
    documents (audit reports, certificates)."""
    qs = visible_to(user)
    if user.is_authenticated and user.role in UNIT_ROLES:
        return qs.filter(lead_unit_id=user.organization_id)
    return qs


def panels_for(user) -> QuerySet[ReviewPanel]:
    if not (user.is_authenticated and user.role == Role.REGIONAL_OFFICER):
        return ReviewPanel.objects.none()
    return ReviewPanel.objects.select_related("topic", "topic__call").prefetch_related(
        Prefetch("members", queryset=PanelMember.objects.select_related("expert"))
    )


def reviews_for_expert(user) -> QuerySet[Review]:
    """The expert's own assignments (including those where a conflict excluded them, so they know why)."""
    if not (user.is_authenticated and user.role == Role.EXPERT):
        return Review.objects.none()
    return Review.objects.filter(expert=user).select_related(
        "panel", "panel__topic", "panel__topic__call", "application", "application__lead_unit"
    )


def review_visible_to(user) -> QuerySet[Review]:
    """A review page exists for its expert (while not conflicted) and for regional officers."""
    qs = Review.objects.select_related("panel", "panel__topic", "application", "application__lead_unit", "expert")
    if not user.is_authenticated:
        return qs.none()
    if user.role == Role.REGIONAL_OFFICER:
        return qs
    if user.role == Role.EXPERT:
        return qs.filter(expert=user, status__in=Review.ACTIVE)
    return qs.none()


def panel_reviews(panel, *, viewer) -> QuerySet[Review]:
    """Scores of a panel: regional officers always; experts of the panel only once it has closed."""
    qs = panel.reviews.select_related("expert", "application").prefetch_related("scores")
    if viewer.role == Role.REGIONAL_OFFICER:
        return qs
    if viewer.role == Role.EXPERT and panel.status == ReviewPanel.Status.CLOSED:
        return qs.filter(status=Review.Status.SUBMITTED)
    return qs.none()


def ranking(topic) -> QuerySet[Application]:
    """The stored ranking of a topic: ranked applications first (by rank), then the unranked."""
    return _base().filter(topic=topic, review_rank__isnull=False).order_by("review_rank", "lead_unit__name")
