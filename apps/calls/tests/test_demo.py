"""The demo data of demands, calls and the portal loads and shows what the issue asks for."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.accounts.tests.factories import ExpertProfileFactory, UserFactory
from apps.calls import demo as calls_demo
from apps.calls.models import Call, TopicVersion
from apps.core.roles import Role
from apps.demands import demo as demands_demo
from apps.demands.models import Argument, Demand
from apps.portal.models import Announcement, PublicNotice

pytestmark = pytest.mark.django_db


def minimal_users():
    users = {
        "regional_officer": UserFactory(role=Role.REGIONAL_OFFICER, organization=None),
        "unit_admin": UserFactory(role=Role.UNIT_ADMIN),
    }
    for i in range(1, 6):
        users[f"expert{i}"] = ExpertProfileFactory().user
    return users


def test_demo_loads_with_the_minimal_user_set():
    users = minimal_users()
    demands_demo.load(users)
    calls_demo.load(users)
    statuses = set(Demand.objects.values_list("status", flat=True))
    assert statuses >= {"submitted", "accepted", "rejected", "merged", "under_argument", "argued", "adopted", "shelved"}
    assert Argument.objects.filter(submitted_at__isnull=False).count() >= 12
    open_call = Call.objects.get(status=Call.Status.PUBLISHED)
    assert open_call.is_open_for_applications(timezone.now())
    assert open_call.topics.count() == 3
    assert {t.industry.code for t in open_call.topics.all()} == {"rare-earth", "new-energy-equipment", "dairy-food"}
    assert all(t.demands.exists() for t in open_call.topics.all())
    assert Call.objects.filter(status=Call.Status.CONCLUDED).exists()
    assert Call.objects.filter(status=Call.Status.DRAFT).exists()
    assert TopicVersion.objects.exists()
    assert Announcement.objects.count() >= 4
    running = [n for n in PublicNotice.objects.all() if n.is_running()]
    assert running and running[0].objections.exists()
    page = Client().get(reverse("portal:landing")).content.decode()
    assert open_call.title in page


def test_demo_loads_with_the_lead_accounts():
    accounts = pytest.importorskip("apps.demo.accounts")
    users = accounts.load()
    demands_demo.load(users)
    calls_demo.load(users)
    assert Demand.objects.filter(organization=users["organizations"]["rare_earth"]).exists()


def test_every_page_renders_with_the_demo_data(world, client_for):
    from apps.demands.models import CollectionRound
    from apps.portal.models import Objection

    users = minimal_users()
    users["regional_officer"] = world.users["regional_officer"]
    users["expert1"] = world.users["expert"]
    demands_demo.load(users)
    calls_demo.load(users)
    officer, expert, visitor = client_for("regional_officer"), client_for("expert"), Client()
    pages = [
        (visitor, reverse(n)) for n in ("portal:landing", "portal:announcements", "portal:notices", "calls:public_list")
    ]
    pages += [(visitor, reverse("demands:submit")), (visitor, reverse("portal:search") + "?q=稀土")]
    for call in Call.objects.exclude(status=Call.Status.DRAFT):
        pages.append((visitor, call.get_absolute_url()))
        pages += [(visitor, t.get_absolute_url()) for t in call.topics.all()]
    for call in Call.objects.all():
        pages.append((officer, reverse("calls:manage_detail", args=[call.pk])))
        if call.status in (Call.Status.DRAFT, Call.Status.PUBLISHED):
            pages += [(officer, reverse("calls:topic_edit", args=[call.pk, t.pk])) for t in call.topics.all()]
    pages += [(visitor, a.get_absolute_url()) for a in Announcement.objects.all()]
    pages += [(visitor, n.get_absolute_url()) for n in PublicNotice.objects.all()]
    pages += [(officer, reverse("portal:objection", args=[o.pk])) for o in Objection.objects.all()]
    pages += [(officer, reverse(n)) for n in ("demands:pool", "demands:rounds", "calls:manage_list", "portal:manage")]
    pages += [(officer, reverse("core:home")), (expert, reverse("core:home")), (expert, reverse("demands:assignments"))]
    for demand in Demand.objects.all():
        pages.append((officer, reverse("demands:detail", args=[demand.pk])))
    pages += [
        (expert, reverse("demands:argue", args=[a.demand_id])) for a in Argument.objects.filter(expert=users["expert1"])
    ]
    assert CollectionRound.objects.count() == 2
    for demand in Demand.objects.all():
        response = visitor.post(reverse("demands:follow"), {"receipt": demand.receipt_number})
        assert response.status_code == 200 and demand.receipt_number in response.content.decode()
    for client, url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "None" not in response.content.decode().replace("display: none", ""), url
