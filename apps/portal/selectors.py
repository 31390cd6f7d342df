from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from apps.core import clock
from apps.core.roles import Role

from .models import Announcement, Objection, PublicNotice
from .registry import SearchHit


def announcements_public() -> QuerySet[Announcement]:
    """Announcements already published (one scheduled for later is not there yet)."""
    return Announcement.objects.filter(published_at__lte=clock.now())


def notices_public() -> QuerySet[PublicNotice]:
    """Notices that have started (running or ended); a scheduled one appears on its first day."""
    return PublicNotice.objects.filter(starts_on__lte=clock.today())


def notices_running() -> QuerySet[PublicNotice]:
    today = clock.today()
    return PublicNotice.objects.filter(starts_on__lte=today, ends_on__gte=today)


def announcements_about(obj) -> QuerySet[Announcement]:
    return announcements_public().filter(subject_type=ContentType.objects.get_for_model(obj), subject_id=obj.pk)


def notices_about(obj) -> QuerySet[PublicNotice]:
    return notices_public().filter(subject_type=ContentType.objects.get_for_model(obj), subject_id=obj.pk)


def objections_visible_to(user) -> QuerySet[Objection]:
    """Objections carry the objector's contact details: the regional bureau only."""
    if user.is_authenticated and user.role == Role.REGIONAL_OFFICER:
        return Objection.objects.select_related("notice", "resolved_by")
    return Objection.objects.none()


def notices_for_officer(user) -> QuerySet[PublicNotice]:
    if not (user.is_authenticated and user.role == Role.REGIONAL_OFFICER):
        return PublicNotice.objects.none()
    return PublicNotice.objects.annotate(  # per row shown, not a join and GROUP BY of every notice
        objection_count=Coalesce(_objections(), 0),
        open_objection_count=Coalesce(_objections(status=Objection.Status.RECEIVED), 0),
    ).order_by("-starts_on", "-id")


def _objections(**filters) -> Subquery:
    rows = Objection.objects.filter(notice=OuterRef("pk"), **filters).order_by().values("notice")
    return Subquery(rows.annotate(n=Count("pk")).values("n")[:1])


def search(query: str, limit: int = 50) -> list[SearchHit]:
    """Title search over announcements and notices (here) and whatever other apps register."""
    query = (query or "").strip()
    if not query:
        return []
    hits = [
        SearchHit(_("Announcement"), a.title, a.get_absolute_url(), a.published_at)
        for a in announcements_public().filter(title__icontains=query)[:limit]
    ]
    hits += [
        SearchHit(_("Public notice"), n.title, n.get_absolute_url(), n.starts_on)
        for n in notices_public().filter(title__icontains=query)[:limit]
    ]
    from .registry import search_hits

    hits += search_hits(query)
    return hits[: limit * 3]
