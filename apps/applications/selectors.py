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


def kept_count(user, *, status: str = "", call_id="", query: str = "") -> int | None:
    """The number of rows of `application_list(user, status=…)` from the kept counts (`tallies.SUBMITTED`) when the
    list is an officer's filtered by nothing but a status; None otherwise (the paginator counts, bounded)."""
    from apps.core import tallies

    from .tallies import SUBMITTED

    if call_id or query or user.role not in (Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER):
        return None
    if user.role == Role.PREFECTURE_OFFICER and not user.prefecture_id:
        return None
    counts = tallies.counts(
        SUBMITTED, prefecture_id=user.prefecture_id if user.role == Role.PREFECTURE_OFFICER else None
    )
    return counts.get(status, 0) if status else sum(counts.values())


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
    # A join, not `pk IN (…)`: one partnership per (application, organization), so no row repeats, and PostgreSQL
    # starts from the organization's few partnerships instead of hashing them against the whole table.
    return (
        _base()
        .filter(partnerships__organization_id=user.organization_id, submitted_at__isnull=False)
        .exclude(lead_unit_id=user.organization_id)
        .select_related(None)
        .select_related(*LIST_RELATED)
        .order_by(*LIST_ORDER)
    )


# What a row of an application list shows: its call, topic, lead unit and status label (a selected application's
# label reads its notice). Fewer joins than `_base()`: the page plans and runs faster, and no row queries again.
LIST_RELATED = ("call", "topic", "lead_unit", "lead_unit__prefecture", "selection", "selection__notice")

# The order of every application list: most recently saved first (call and topic are columns and filters). The
# indexes of Application.Meta serve it with and without a status filter, so a page reads 25 index entries, never
# the table (issue 14).
LIST_ORDER = ("-updated_at", "-id")


def partner_count():
    """The number of partners of each row, as a correlated subquery: evaluated for the rows of the page only (a
    `Count("partnerships")` would join and GROUP BY every visible application before the LIMIT)."""
    from django.db.models import IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from .models import Partnership

    counted = (
        Partnership.objects.filter(application_id=OuterRef("pk"))
        .order_by()
        .values("application_id")
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def application_list(user, *, status: str = "", call_id: str = "", query: str = "") -> QuerySet[Application]:
    """Units: their own applications (those joined as a partner are listed apart, `joined_by`). Most recently
    saved first; each row carries `partner_count`."""
    if user.is_authenticated and user.role in UNIT_ROLES:
        qs = _base().filter(lead_unit_id=user.organization_id) if user.organization_id else Application.objects.none()
    else:
        qs = visible_to(user)
    if status:
        qs = qs.filter(status=status)
    if call_id:
        qs = qs.filter(call_id=call_id)
    if query:
        qs = qs.filter(Q(project_name__icontains=query) | Q(lead_unit__name__icontains=query))
    qs = qs.select_related(None).select_related(*LIST_RELATED)
    return qs.annotate(partner_count=partner_count()).order_by(*LIST_ORDER)


def status_counts(queryset) -> dict[str, int]:
    """{status: number of rows} of `queryset` in one grouped query (the home pages' panels; served by the indexes
    that start with `status`). COUNT(*), not COUNT(id): PostgreSQL then counts from an index alone."""
    rows = queryset.order_by().values_list("status").annotate(n=Count("*"))
    return dict(rows)


def timeline(user, application_id: int) -> QuerySet[ApplicationEvent]:
    """The timeline of an application (by id): applicants see the entries meant for them; officers see every
    entry. No entry names an expert. The page shows each entry's stored `actor_label` (the actor as named then), so
    the actor's row is not read."""
    qs = ApplicationEvent.objects.filter(application_id=application_id)
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


def panel_overview(user) -> list[dict]:
    """The panels page: each call in or past its application stage (or with a panel), newest first, with its
    topics, each topic's panel (members read with it) and its numbers of applications awaiting the formal check
    and under expert review. Five queries whatever the number of calls, topics and applications (issue 14)."""
    from apps.calls.models import Call, Topic

    if not (user.is_authenticated and user.role == Role.REGIONAL_OFFICER):
        return []
    S = Application.Status
    stages = [Call.Status.PUBLISHED, Call.Status.APPLICATIONS_CLOSED, Call.Status.REVIEWING]
    calls = list(
        Call.objects.filter(Q(status__in=stages) | Q(pk__in=Topic.objects.filter(panel__isnull=False).values("call")))
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("number", "id")))
        .order_by("-year", "-applications_open", "-id")
    )
    topic_ids = [topic.pk for call in calls for topic in call.topics.all()]
    counts = {}
    if topic_ids:
        rows = (
            # call_id too: the index (call, topic, status) then answers from its entries alone.
            Application.objects.filter(
                call_id__in=[call.pk for call in calls],
                topic_id__in=topic_ids,
                status__in=(S.EXPERT_REVIEW, S.RECOMMENDED),
            )
            .order_by()
            .values_list("topic_id", "status")
            .annotate(n=Count("*"))
        )
        counts = {(topic_id, status): n for topic_id, status, n in rows}
    panels = {panel.topic_id: panel for panel in panels_for(user).filter(topic_id__in=topic_ids)} if topic_ids else {}
    return [
        {
            "call": call,
            "topics": [
                {
                    "topic": topic,
                    "panel": panels.get(topic.pk),
                    "under_review": counts.get((topic.pk, S.EXPERT_REVIEW), 0),
                    "recommended": counts.get((topic.pk, S.RECOMMENDED), 0),
                }
                for topic in call.topics.all()
            ],
        }
        for call in calls
    ]


def reviews_for_expert(user) -> QuerySet[Review]:
    """The expert's own assignments (including those where a conflict excluded them, so they know why)."""
    if not (user.is_authenticated and user.role == Role.EXPERT):
        return Review.objects.none()
    # Newest assignments first (index review_expert_newest): the list is paged like every list (issue 14).
    return (
        Review.objects.filter(expert=user)
        .select_related("panel", "panel__topic", "panel__topic__call", "application", "application__lead_unit")
        .order_by("-created_at", "-id")
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
    return _ranked().filter(topic=topic)


def rankings(call) -> dict[int, list[Application]]:
    """The stored ranking of every topic of a call, in one query: {topic pk: [applications as `ranking`]}."""
    by_topic: dict[int, list[Application]] = {}
    for application in _ranked().filter(call=call):
        by_topic.setdefault(application.topic_id, []).append(application)
    return by_topic


def _ranked() -> QuerySet[Application]:
    return _base().filter(review_rank__isnull=False).order_by("review_rank", "lead_unit__name")
