"""Centers for tests, fast: an approved application set up directly (the application's own tests cover the road to
approval), and its center created by the same service approval calls (`services.center_create_from_application`).

    center = center_for(world)                                   # contracting, lead unit = world.org (prefecture A)
    center = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    center = center_for(world, org=world.org_other)              # prefecture B
"""

from datetime import timedelta
from decimal import Decimal

from apps.applications import kpis
from apps.applications.models import Application, BudgetItem
from apps.applications.tests import factories as application_factories
from apps.centers.models import Center
from apps.core import clock


def approved_application(world, *, org=None, partners=1, budget=(("专利导航", "400000"), ("人员", "600000"))):
    """A complete application of `org` (default: the world's unit) in state approved, with `partners` partner
    units, its budget lines and one KPI, approved funds = the requested total, a 3-year term from today."""
    org = org or world.org
    call = application_factories.open_call()
    application = application_factories.ApplicationFactory(
        topic=application_factories.topic_of(call), call=call, lead_unit=org, created_by=_admin_of(world, org)
    )
    application = application_factories.complete(application)
    for _ in range(partners):
        application_factories.partner(application)
    BudgetItem.objects.filter(application=application).delete()
    for order, (name, amount) in enumerate(budget):
        BudgetItem.objects.create(application=application, name=name, requested_amount=Decimal(amount), order=order)
    today = clock.today()
    Application.objects.filter(pk=application.pk).update(
        status=Application.Status.APPROVED,
        submitted_at=clock.now(),
        decided_at=clock.now(),
        approved_funds=sum((Decimal(a) for _, a in budget), Decimal("0")),
        term_starts_on=today,
        term_ends_on=today + timedelta(days=3 * 365),
    )
    application.refresh_from_db()
    assert kpis.indicators_of(application).exists()
    return application


def center_for(world, *, org=None, status=None, partners=1) -> Center:
    """A center created from an approved application through the creation service; `status` set directly
    (use the services to test a transition itself)."""
    from apps.centers import services

    application = approved_application(world, org=org, partners=partners)
    center = services.center_create_from_application(application)
    if status and status != center.status:
        Center.objects.filter(pk=center.pk).update(status=status)
        center.refresh_from_db()
    return center


def _admin_of(world, org):
    if org == world.org:
        return world.user("unit_admin")
    if org == world.org_other:
        return world.user("unit_admin_other")
    return application_factories._admin(org)
