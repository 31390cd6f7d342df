"""The KPI early warning's pages: the region's list filters by prefecture and state; a prefecture office sees its
own prefecture's flags only (another prefecture asked for: 404); the flag shows its KPI lines and the dismissal
form to the offices only; a dismissal without a reason is the page again with the Chinese message, nothing changed;
the center's tab shows target / reached / projected / 数据不足; every page is flat (a constant number of queries)."""

from datetime import date

import pytest
from django.urls import reverse

from apps.centers.tests.factories import center_for
from apps.monitoring import services
from apps.monitoring.models import Flag
from tests.query_counts import assert_flat

from .monitoring_setup import AS_OF, FILINGS, filings, monitored_center, report

pytestmark = pytest.mark.django_db
S = Flag.State


@pytest.fixture
def flagged(world, clock):
    """On 2025-07-01: the world's center (prefecture A) at high risk, flagged; and one of the other unit (prefecture
    B), flagged too."""
    clock.set(AS_OF)
    center = monitored_center(world, filings_target="20")
    filings(center, months=6)
    other = monitored_center(world, org=world.org_other, filings_target="30")
    filings(other, months=6)
    services.refresh_all()
    return Flag.objects.get(center=center), Flag.objects.get(center=other)


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_region_lists_every_centers_flag_and_filters_by_prefecture_and_state(world, client_for, flagged):
    mine, other = flagged
    client = client_for("regional_officer")
    url = reverse("monitoring:flags")
    page = _page(client, url)
    assert f'data-flag="{mine.pk}"' in page and f'data-flag="{other.pk}"' in page
    page = _page(client, f"{url}?prefecture={world.prefecture_other.pk}")
    assert f'data-flag="{mine.pk}"' not in page and f'data-flag="{other.pk}"' in page
    page = _page(client, f"{url}?state=dismissed")
    assert "data-flag=" not in page
    assert _page(client, f"{url}?prefecture=abc&state=nonsense").count("data-flag=") == 2  # bad filters: ignored


def test_a_prefecture_office_sees_its_own_prefecture_only(world, client_for, flagged):
    mine, other = flagged
    client = client_for("prefecture_officer")
    page = _page(client, reverse("monitoring:flags"))
    assert f'data-flag="{mine.pk}"' in page and f'data-flag="{other.pk}"' not in page
    url = reverse("monitoring:flags") + f"?prefecture={world.prefecture_other.pk}"
    assert client.get(url).status_code == 404
    assert client.get(reverse("monitoring:flag", args=[other.pk])).status_code == 404


def test_the_flag_shows_its_kpi_lines_and_the_dismissal_to_the_offices_only(world, client_for, flagged):
    mine, _other = flagged
    url = reverse("monitoring:flag", args=[mine.pk])
    page = _page(client_for("prefecture_officer"), url)
    assert FILINGS in page and 'data-status="high_risk"' in page and 'id="dismiss-form"' in page
    assert "数据不足" in page  # the self-reported KPI has no report yet
    page = _page(client_for("unit_admin"), url)
    assert FILINGS in page and 'id="dismiss-form"' not in page


def test_a_dismissal_without_a_reason_is_the_page_again_with_the_message(world, client_for, flagged):
    mine, _other = flagged
    client = client_for("prefecture_officer")
    response = client.post(reverse("monitoring:flag_dismiss", args=[mine.pk]), {"reason": ""})
    assert response.status_code == 200
    assert "请" in response.content.decode() and "理由" in response.content.decode()
    mine.refresh_from_db()
    assert mine.state == S.OPEN


def test_a_dismissal_with_a_reason_is_kept_and_shown(world, client_for, flagged):
    mine, _other = flagged
    client = client_for("regional_officer")
    response = client.post(reverse("monitoring:flag_dismiss", args=[mine.pk]), {"reason": "已约谈，计划下半年集中申请"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.state == S.DISMISSED and mine.dismissed_reason == "已约谈，计划下半年集中申请"
    page = _page(client, reverse("monitoring:flag", args=[mine.pk]))
    assert "已约谈，计划下半年集中申请" in page and 'id="dismiss-form"' not in page


def test_the_centers_tab_shows_target_reached_projected_and_not_enough_data(world, client_for, flagged):
    mine, _other = flagged
    page = _page(client_for("unit_member"), reverse("monitoring:center", args=[mine.center_id]))
    assert 'id="projection"' in page and FILINGS in page
    assert 'data-status="high_risk"' in page and 'data-status="not_enough_data"' in page
    assert "数据不足" in page
    assert reverse("monitoring:flag", args=[mine.pk]) in page  # the lead unit opens its warning
    # the tab is among the center's tabs
    page = _page(client_for("unit_admin"), reverse("centers:detail", args=[mine.center_id]))
    assert reverse("monitoring:center", args=[mine.center_id]) in page


def test_a_center_without_a_running_year_says_so(world, client_for):
    center = center_for(world)
    page = _page(client_for("regional_officer"), reverse("monitoring:center", args=[center.pk]))
    assert 'id="no-year"' in page


def test_the_workbench_shows_the_open_warnings(world, client_for, flagged):
    mine, other = flagged
    client = client_for("prefecture_officer")
    assert reverse("monitoring:panel") in _page(client, reverse("core:home"))  # htmx fills it after the page
    page = _page(client, reverse("monitoring:panel"))
    assert reverse("monitoring:flag", args=[mine.pk]) in page
    assert reverse("monitoring:flag", args=[other.pk]) not in page


# ---------------------------------------------------------------- flat pages


def _grow(world, n=4):
    def grow():
        for _ in range(n):
            center = monitored_center(world, filings_target="25")
            filings(center, months=6)
        services.refresh_all()

    return grow


@pytest.mark.parametrize("actor", ["regional_officer", "prefecture_officer"])
def test_the_list_is_flat(world, client_for, flagged, actor):
    assert_flat(client_for(actor), reverse("monitoring:flags"), grow=_grow(world))


@pytest.mark.parametrize("actor", ["regional_officer", "prefecture_officer", "unit_admin"])
def test_the_home_panel_is_flat(world, client_for, flagged, actor):
    assert_flat(client_for(actor), reverse("monitoring:panel"), grow=_grow(world))


def test_the_flag_page_is_flat(world, client_for, flagged):
    mine, _other = flagged

    def grow():
        filings(mine.center, months=6, per_month=2)
        report(world, mine.center, {date(2025, 3, 31): "1", date(2025, 5, 31): "2", date(2025, 6, 30): "2"})
        services.refresh_all()

    assert_flat(client_for("prefecture_officer"), reverse("monitoring:flag", args=[mine.pk]), grow=grow)


def test_the_centers_tab_is_flat(world, client_for, flagged):
    mine, _other = flagged

    def grow():
        filings(mine.center, months=6, per_month=3)
        report(world, mine.center, {date(2025, 3, 31): "1", date(2025, 5, 31): "2", date(2025, 6, 30): "2"})

    assert_flat(client_for("unit_admin"), reverse("monitoring:center", args=[mine.center_id]), grow=grow)
