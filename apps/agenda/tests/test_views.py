"""The calendar (month grid and list, overdue marked, previous/next month), the operations view (overdue items by
prefecture with counts, filters; a prefecture office bound to its own) and the workbench panel "即将到期"."""

import datetime

import pytest
from django.urls import reverse

from apps.centers.models import Rectification
from apps.core import clock as business_clock

from . import builders

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
TODAY = datetime.date(2026, 6, 15)


@pytest.fixture
def items(world, clock):
    clock.set(TODAY)
    mine, theirs = builders.running(world), builders.running(world, org=world.org_other)
    return {
        "late": builders.rectification(world, mine, due=TODAY - 5 * DAY),
        "soon": builders.rectification(world, mine, due=TODAY + 3 * DAY),
        "done": builders.rectification(world, mine, due=TODAY - 2 * DAY, status=Rectification.Status.COMPLETED),
        "other_late": builders.rectification(world, theirs, due=TODAY - 1 * DAY),
        "mine": mine,
        "theirs": theirs,
    }


def test_the_month_grid_links_each_deadline_and_marks_the_overdue(world, client_for, items):
    response = client_for("unit_admin").get(reverse("agenda:calendar"))
    html = response.content.decode()
    late, soon, done = items["late"], items["soon"], items["done"]
    assert f'data-uid="rectification-{late.pk}"' in html and f'data-uid="rectification-{soon.pk}"' in html
    assert f"/centers/{late.center_id}/rectifications/{late.pk}/" in html
    assert f'data-uid="rectification-{items["other_late"].pk}"' not in html  # another unit's
    listed = {d.uid: d for d in response.context["deadlines"]}
    assert listed[f"rectification-{late.pk}"].overdue and not listed[f"rectification-{soon.pk}"].overdue
    assert not listed[f"rectification-{done.pk}"].overdue
    assert response.context["overdue"] == 1
    assert "本月有 1 项已逾期" in html
    days = [day.date for week in response.context["weeks"] for day in week]
    assert days[0].weekday() == 0 and days[-1].weekday() == 6 and TODAY in days


def test_previous_and_next_month_and_a_bad_month(world, client_for, items):
    client = client_for("unit_admin")
    july = client.get(reverse("agenda:calendar"), {"month": "2026-07"})
    assert july.context["first"] == datetime.date(2026, 7, 1)
    assert july.context["previous"] == "2026-06" and july.context["next"] == "2026-08"
    assert not [d for d in july.context["deadlines"] if d.kind == "rectification"]
    assert all(d.due.month == 7 for d in july.context["deadlines"])
    for bad in ("2026-13", "abc", "1999-12", "2026-07-01"):
        page = client.get(reverse("agenda:calendar"), {"month": bad})
        assert page.status_code == 200 and page.context["first"] == TODAY.replace(day=1), bad


def test_the_operations_view_groups_overdue_items_by_prefecture_with_counts(world, client_for, items):
    response = client_for("regional_officer").get(reverse("agenda:operations"))
    groups = {g.prefecture_id: g for g in response.context["groups"]}
    assert {d.uid for d in groups[world.prefecture.pk].deadlines} >= {f"rectification-{items['late'].pk}"}
    assert f"rectification-{items['other_late'].pk}" in {d.uid for d in groups[world.prefecture_other.pk].deadlines}
    everything = {d.uid for g in response.context["groups"] for d in g.deadlines}
    assert f"rectification-{items['soon'].pk}" not in everything  # not due yet
    assert f"rectification-{items['done'].pk}" not in everything  # completed
    # the tranche planned 35 days ago and never allocated is overdue too, for both centers
    assert f"tranche-{items['mine'].pk}-2" in everything and f"tranche-{items['theirs'].pk}-2" in everything
    assert response.context["by_kind"]["rectification"] == 2
    html = response.content.decode()
    assert f'href="/centers/{items["late"].center_id}/rectifications/{items["late"].pk}/"' in html


def test_the_operations_view_lists_an_unpaid_clawback_and_an_ended_term_but_no_collection_round(
    world, client_for, items
):
    clawback = builders.clawback(world, items["mine"], amount="1234567.80", due=TODAY - 2 * DAY)
    ended = builders.running(world, started_days_ago=3 * 365 + 1)
    past_round = builders.collection_round(closes=TODAY - 3 * DAY)
    response = client_for("regional_officer").get(reverse("agenda:operations"))
    everything = {d.uid for g in response.context["groups"] for d in g.deadlines}
    assert {f"clawback-{clawback.pk}", f"term-end-{ended.pk}"} <= everything
    assert f"collection-close-{past_round.pk}" not in everything
    assert response.context["by_kind"]["clawback"] == 1 and response.context["by_kind"]["term_end"] == 1
    html = response.content.decode()
    assert "1,234,567.80" in html and "追回" in html
    only = client_for("regional_officer").get(reverse("agenda:operations"), {"kind": "clawback"})
    assert {d.uid for g in only.context["groups"] for d in g.deadlines} == {f"clawback-{clawback.pk}"}


def test_the_operations_view_filters_by_kind_and_prefecture(world, client_for, items):
    client = client_for("regional_officer")
    response = client.get(
        reverse("agenda:operations"), {"kind": "rectification", "prefecture": world.prefecture_other.pk}
    )
    uids = {d.uid for g in response.context["groups"] for d in g.deadlines}
    assert uids == {f"rectification-{items['other_late'].pk}"}
    assert response.context["total"] == 1
    unknown = client.get(reverse("agenda:operations"), {"kind": "nonsense", "prefecture": "x"})
    assert unknown.status_code == 200 and unknown.context["kind"] == ""


def test_a_prefecture_office_sees_only_its_own_prefecture_whatever_it_asks(world, client_for, items):
    response = client_for("prefecture_officer").get(
        reverse("agenda:operations"), {"prefecture": world.prefecture_other.pk}
    )
    uids = {d.uid for g in response.context["groups"] for d in g.deadlines}
    assert f"rectification-{items['late'].pk}" in uids
    assert not any(uid.endswith(f"-{items['theirs'].pk}-2") for uid in uids)
    assert f"rectification-{items['other_late'].pk}" not in uids
    assert 'id="operations-prefecture"' not in response.content.decode()


def test_a_unit_may_not_open_the_operations_view(world, client_for, items):
    response = client_for("unit_admin").get(reverse("agenda:operations"))
    assert response.status_code == 403 and "盟市局" in response.content.decode()


def test_the_workbench_panel_shows_the_next_open_deadlines(world, client_for, items):
    client = client_for("unit_admin")
    home = client.get(reverse("core:home")).content.decode()
    assert "即将到期" in home and reverse("agenda:upcoming") in home  # filled by htmx after the page loads
    html = client.get(reverse("agenda:upcoming")).content.decode()
    assert f"/rectifications/{items['soon'].pk}/" in html
    assert f"/rectifications/{items['late'].pk}/" not in html  # overdue: the calendar and operations show it


def test_the_workbench_panel_shows_at_most_five(world, client_for, clock):
    clock.set(TODAY)
    center = builders.running(world)
    for days in range(1, 9):
        builders.rectification(world, center, due=business_clock.today() + days * DAY)
    panel = client_for("unit_admin").get(reverse("agenda:upcoming"))
    deadlines = panel.context["deadlines"]
    assert [d.due for d in deadlines] == [TODAY + d * DAY for d in range(1, 6)]  # the next five, in order
    assert reverse("agenda:calendar") in panel.content.decode()


def test_the_administrators_get_no_panel(world, client_for):
    home = client_for("system_admin").get(reverse("core:home")).content.decode()
    assert reverse("agenda:upcoming") not in home
