"""The KPI early warning on the region's and a prefecture's dashboards (apps.monitoring's flags, hand-built): the
centers of the user's scope with an OPEN flag (a dismissed one and a resolved one are not counted), how many of them
at high risk, and the card opens the warnings' list of open flags."""

import pytest
from django.urls import reverse

from apps.dashboards import selectors
from apps.monitoring.models import Flag

from .setup import build, flag

pytestmark = pytest.mark.django_db


def _flags(world):
    built = build(world)
    flag(built.a1, level=Flag.Level.HIGH_RISK)  # prefecture A: open, high risk
    flag(built.a1, level=Flag.Level.AT_RISK, state=Flag.State.RESOLVED)  # history: not counted
    flag(built.a2, level=Flag.Level.HIGH_RISK, state=Flag.State.DISMISSED)  # dismissed: not counted
    flag(built.b1, level=Flag.Level.AT_RISK)  # prefecture B: open, at risk
    return built


def _open(centers=None, **extra):
    qs = Flag.objects.filter(state=Flag.State.OPEN, **extra)
    if centers is not None:
        qs = qs.filter(center__in=centers)
    return qs.values("center").distinct().count()


def test_the_region_counts_every_center_with_an_open_warning(world):
    _flags(world)
    area = selectors.area(world.user("regional_officer"))
    assert (area.flagged_centers, area.high_risk_centers) == (2, 1)
    assert area.flagged_centers == _open() and area.high_risk_centers == _open(level=Flag.Level.HIGH_RISK)
    assert area.links["flags"] == reverse("monitoring:flags") + "?state=open"


def test_a_prefecture_office_counts_only_its_own_centers_warnings(world):
    built = _flags(world)
    mine = selectors.area(world.user("prefecture_officer"))
    assert (mine.flagged_centers, mine.high_risk_centers) == (1, 1)
    assert mine.flagged_centers == _open([built.a1, built.a2])
    other = selectors.area(world.user("prefecture_officer_other"))
    assert (other.flagged_centers, other.high_risk_centers) == (1, 0)  # b1's, at risk only


def test_no_warning_counts_zero(world):
    build(world)
    area = selectors.area(world.user("regional_officer"))
    assert (area.flagged_centers, area.high_risk_centers) == (0, 0)


@pytest.mark.parametrize(("actor", "flagged", "high"), [("regional_officer", 2, 1), ("prefecture_officer", 1, 1)])
def test_the_card_shows_the_figures_and_opens_the_open_warnings(world, client_for, actor, flagged, high):
    _flags(world)
    client = client_for(actor)
    html = client.get(reverse("dashboards:home")).content.decode()
    assert f'id="stat-flags" href="{reverse("monitoring:flags")}?state=open"' in html
    assert f'id="stat-flags-open">{flagged}<' in html and f'id="stat-flags-high">{high}<' in html
    assert client.get(reverse("monitoring:flags") + "?state=open").status_code == 200
