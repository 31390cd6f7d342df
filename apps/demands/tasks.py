from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

from .models import Demand


@task()
def email_public_submitter(demand_id: int, subject: str, body: str) -> int:
    """Tell a public submitter (no account, hence no inbox) by email, if they gave an address."""
    demand = Demand.objects.filter(pk=demand_id).only("email").first()
    if demand is None or not demand.email:
        return 0
    return send_mail(f"[{settings.SITE_NAME}] {subject}", body, None, [demand.email])
