from datetime import datetime, time

from django.utils import timezone

from .models import AuditEntry


def entry_list(*, username="", action="", object_type="", object_id="", date_from=None, date_to=None):
    qs = AuditEntry.objects.all()
    if username:
        qs = qs.filter(actor_username__icontains=username)
    if action:
        qs = qs.filter(action__startswith=action)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    tz = timezone.get_current_timezone()
    if date_from:
        qs = qs.filter(created_at__gte=datetime.combine(date_from, time.min, tzinfo=tz))
    if date_to:
        qs = qs.filter(created_at__lte=datetime.combine(date_to, time.max, tzinfo=tz))
    return qs.order_by("-seq")
