"""Who may do what with calls, for every role of the standard world."""

import datetime

import pytest

from apps.calls import policies
from apps.calls.selectors import visible_to
from apps.calls.workflow import CALL
from apps.core import clock
from tests.world import ACTORS

from .factories import CallFactory, TopicFactory, published_call

pytestmark = pytest.mark.django_db

LOGGED_IN = [a for a in ACTORS if a != "anonymous"]


@pytest.mark.parametrize("actor", LOGGED_IN)
def test_only_the_regional_bureau_manages_calls(world, actor):
    assert bool(policies.can_manage(world.user(actor))) == (actor == "regional_officer")


@pytest.mark.parametrize("actor", ACTORS)
def test_drafts_are_seen_by_the_bureau_only_published_calls_by_everyone(world, actor, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    user = world.user(actor) or AnonymousUser()
    draft = CallFactory()
    published = published_call()
    assert visible_to(user).filter(pk=published.pk).exists()
    assert visible_to(user).filter(pk=draft.pk).exists() == (actor == "regional_officer")
    assert bool(policies.can_view(user, draft)) == (actor == "regional_officer")


@pytest.mark.parametrize("actor", LOGGED_IN)
def test_publication_is_for_the_bureau_and_needs_valid_content(world, actor):
    call = CallFactory()
    TopicFactory(call=call)
    assert bool(CALL.check(world.user(actor), call, "publish")) == (actor == "regional_officer")
    empty = CallFactory()
    assert not CALL.check(world.users["regional_officer"], empty, "publish")
    assert not policies.publication_ready(empty)


def test_closing_is_for_the_bureau_or_the_job_after_the_last_day(world):
    today = clock.today()
    running = published_call()
    due = published_call(
        applications_open=today - datetime.timedelta(days=9),
        applications_close=today - datetime.timedelta(days=1),
        recommendation_deadline=today + datetime.timedelta(days=3),
    )
    officer = world.users["regional_officer"]
    refusal = CALL.check(officer, running, "close_applications")
    assert not refusal and refusal.available_on == running.applications_close + datetime.timedelta(days=1)
    assert CALL.check(officer, due, "close_applications")
    assert CALL.check(None, due, "close_applications")
    assert not CALL.check(world.users["prefecture_officer"], due, "close_applications")


def test_review_waits_for_the_recommendation_deadline(world):
    today = clock.today()
    officer = world.users["regional_officer"]
    waiting = published_call(
        applications_open=today - datetime.timedelta(days=9),
        applications_close=today - datetime.timedelta(days=1),
        recommendation_deadline=today,
    )
    decision = policies.recommendation_deadline_over(waiting)
    assert not decision and decision.available_on == today + datetime.timedelta(days=1)
    over = published_call(
        applications_open=today - datetime.timedelta(days=9),
        applications_close=today - datetime.timedelta(days=3),
        recommendation_deadline=today - datetime.timedelta(days=1),
    )
    assert policies.recommendation_deadline_over(over)
    assert CALL.check(officer, over, "close_applications")


def test_the_bureau_sees_closing_disabled_with_its_date_until_the_window_is_over(world):
    officer = world.users["regional_officer"]
    call = published_call()
    [option] = CALL.options(officer, call)
    assert option.action == "close_applications" and not option.enabled
    assert option.decision.available_on == call.applications_close + datetime.timedelta(days=1)
    assert CALL.options(world.users["prefecture_officer"], call) == []
