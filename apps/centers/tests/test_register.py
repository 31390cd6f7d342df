"""The public register of centers: no login, every center with its status; delisted and terminated ones shown and
marked; paginated; constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.centers.models import Center

from .factories import center_for
from .funding_setup import running_center

pytestmark = pytest.mark.django_db
S = Center.Status


def test_the_register_is_public_and_marks_a_delisted_center(world, client):
    running = running_center(world, partners=0)
    delisted = center_for(world, status=S.DELISTED, partners=0)
    response = client.get(reverse("centers:register"))
    assert response.status_code == 200
    page = response.content.decode()
    assert running.name in page and delisted.name in page
    assert f'data-center="{delisted.pk}" data-status="delisted"' in page
    assert 'data-badge="delisted">已摘牌<' in page and "建设期限" in page
    only = client.get(reverse("centers:register"), {"status": "delisted"}).content.decode()
    assert delisted.name in only and running.name not in only


def test_the_register_costs_the_same_queries_however_many_centers(world, client):
    url = reverse("centers:register")
    running_center(world, partners=0)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(4):
        running_center(world, partners=0)
    center_for(world, status=S.TERMINATED, partners=0)
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(more) == len(few) <= 4
