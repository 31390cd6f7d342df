"""The personal iCalendar feed: made with a secret token that is stored only as its SM3 hash and shown once; the
feed answers text/calendar without a session; a revoked token, an unknown one or a deactivated owner's answers 404;
a new address revokes the old one; making and revoking are audited; the feed is rate-limited."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from apps.agenda import services
from apps.agenda.models import CalendarFeed
from apps.audit.models import AuditEntry
from apps.core import clock as business_clock
from apps.core import crypto
from apps.core.errors import DomainError

from . import builders

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _url(token):
    return reverse("agenda:feed", args=[token])


def _unfold(response) -> list[str]:
    return response.content.decode().replace("\r\n ", "").split("\r\n")


def test_the_token_is_stored_only_as_its_sm3_hash_and_the_make_is_audited(world):
    user = world.user("unit_admin")
    feed, token = services.feed_create(user)
    stored = CalendarFeed.objects.get(pk=feed.pk)
    assert stored.token_hash == crypto.sm3_hex(token.encode()) and token not in stored.token_hash
    entry = AuditEntry.objects.get(action="calendar_feed.create")
    assert entry.actor == user and token not in str(entry.after) and stored.token_hash not in str(entry.after)


def test_the_feed_lists_the_users_deadlines_as_all_day_events_without_a_session(world):
    today = business_clock.today()
    center = builders.running(world)
    rectification = builders.rectification(world, center, due=today + 10 * DAY)
    _feed, token = services.feed_create(world.user("unit_admin"))
    response = Client().get(_url(token))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    lines = _unfold(response)
    assert f"UID:rectification-{rectification.pk}@agenda.hvp.nmg" in lines
    assert f"DTSTART;VALUE=DATE:{(today + 10 * DAY):%Y%m%d}" in lines
    assert "sessionid" not in response.cookies
    # stable: the same UID on the next fetch
    assert f"UID:rectification-{rectification.pk}@agenda.hvp.nmg" in _unfold(Client().get(_url(token)))


def test_a_title_with_commas_semicolons_and_newlines_is_escaped_and_folded(world):
    from apps.bureau.models import AssignedTask

    part = builders.task_part(world, deadline=business_clock.today() + 5 * DAY)
    AssignedTask.objects.filter(pk=part.task_id).update(title="报送材料, 含附件; 第二行\n第三行" + "（补充说明）" * 8)
    _feed, token = services.feed_create(world.user("prefecture_officer"))
    response = Client().get(_url(token))
    raw = response.content.decode()
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))
    summary = next(line for line in _unfold(response) if line.startswith("SUMMARY:"))
    assert "报送材料\\, 含附件\\; 第二行\\n第三行" in summary


def test_another_users_feed_shows_only_that_users_items(world):
    today = business_clock.today()
    mine = builders.rectification(world, builders.running(world), due=today + 3 * DAY)
    theirs = builders.rectification(world, builders.running(world, org=world.org_other), due=today + 4 * DAY)
    _feed, token = services.feed_create(world.user("unit_admin_other"))
    text = Client().get(_url(token)).content.decode()
    assert f"rectification-{theirs.pk}@" in text and f"rectification-{mine.pk}@" not in text


def test_a_revoked_token_answers_404_and_a_new_address_replaces_the_old(world):
    user = world.user("unit_admin")
    _feed, first = services.feed_create(user)
    _feed, second = services.feed_create(user)
    assert Client().get(_url(first)).status_code == 404
    assert Client().get(_url(second)).status_code == 200
    assert CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).count() == 1
    services.feed_revoke(user)
    assert Client().get(_url(second)).status_code == 404
    assert AuditEntry.objects.filter(action="calendar_feed.disable", actor=user).count() == 1
    with pytest.raises(DomainError) as refused:
        services.feed_revoke(user)
    assert "没有" in refused.value.message


def test_an_unknown_token_and_a_deactivated_owner_answer_404(world):
    user = world.user("unit_admin")
    _feed, token = services.feed_create(user)
    assert Client().get(_url("not-a-token")).status_code == 404
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert Client().get(_url(token)).status_code == 404


def test_the_feed_is_rate_limited_per_address(world, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "calendar_feed": (2, 3600)}
    _feed, token = services.feed_create(world.user("unit_admin"))
    client = Client()
    assert [client.get(_url(token)).status_code for _ in range(3)] == [200, 200, 429]


def test_the_feed_is_rate_limited_per_token_whatever_the_address(world, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "calendar_feed": (100, 3600), "calendar_feed_token": (2, 3600)}
    _feed, token = services.feed_create(world.user("unit_admin"))
    _other, other_token = services.feed_create(world.user("prefecture_officer"))
    codes = [Client(REMOTE_ADDR=f"203.0.113.{n}").get(_url(token)).status_code for n in range(1, 4)]
    assert codes == [200, 200, 429]  # three addresses, one feed: the third fetch is refused
    assert Client(REMOTE_ADDR="203.0.113.9").get(_url(other_token)).status_code == 200  # another feed is not


def test_a_refused_address_is_refused_for_every_feed(world, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "calendar_feed": (2, 3600), "calendar_feed_token": (100, 3600)}
    _feed, token = services.feed_create(world.user("unit_admin"))
    _other, other_token = services.feed_create(world.user("prefecture_officer"))
    client = Client(REMOTE_ADDR="203.0.113.5")
    assert [client.get(_url(token)).status_code, client.get(_url(other_token)).status_code] == [200, 200]
    assert client.get(_url(other_token)).status_code == 429
    assert Client(REMOTE_ADDR="203.0.113.6").get(_url(token)).status_code == 200  # another address still fetches


def test_the_page_shows_the_address_once_then_never_again(world, client_for):
    client = client_for("unit_admin")
    page = client.get(reverse("agenda:feed_manage"))
    assert "feed-url" not in page.content.decode()
    made = client.post(reverse("agenda:feed_create"))
    assert made.status_code == 200
    url = made.context["feed_url"]
    token = url.rsplit("/", 1)[-1].removesuffix(".ics")
    assert url in made.content.decode()
    assert Client().get(_url(token)).status_code == 200
    again = client.get(reverse("agenda:feed_manage")).content.decode()
    assert token not in again and 'id="feed-revoke"' in again
    revoked = client.post(reverse("agenda:feed_revoke"), follow=True)
    assert "已撤销" in revoked.content.decode() or "不再" in revoked.content.decode()
    assert Client().get(_url(token)).status_code == 404
    assert AuditEntry.objects.filter(action__startswith="calendar_feed.").count() == 2


def test_revoking_without_a_feed_says_so_and_changes_nothing(world, client_for):
    response = client_for("unit_admin").post(reverse("agenda:feed_revoke"), follow=True)
    assert response.status_code == 200
    assert not AuditEntry.objects.filter(action__startswith="calendar_feed.").exists()
