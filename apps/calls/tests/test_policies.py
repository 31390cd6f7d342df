"""Who may do what with calls, for every role of the standard world."""

import datetime

import pytest
from django.utils import timezone

from apps.calls import policies
from apps.calls.selectors import visible_to
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
    assert bool(policies.can_publish(world.user(actor), call)) == (actor == "regional_officer")


def test_closing_is_for_the_bureau_or_the_job_after_the_last_day(world):
    today = timezone.localdate()
    running = published_call()
    due = published_call(
        applications_open=today - datetime.timedelta(days=9),
        applications_close=today - datetime.timedelta(days=1),
        recommendation_deadline=today + datetime.timedelta(days=3),
    )
    officer = world.users["regional_officer"]
    assert not policies.can_close_applications(officer, running)
    assert policies.can_close_applications(officer, due)
    assert policies.can_close_applications(None, due)
    assert not policies.can_close_applications(world.users["prefecture_officer"], due)


def test_review_waits_for_the_recommendation_deadline(world):
    today = timezone.localdate()
    officer = world.users["regional_officer"]
    waiting = published_call(
        applications_open=today - datetime.timedelta(days=9),
        applications_close=today - datetime.timedelta(days=1),
        recommendation_deadline=today,
    )
    assert not policies.can_start_review(officer, waiting)
    over = published_call(
        applications_open=today - datetime.timedelta(days=9),
        applications_close=today - datetime.timedelta(days=3),
        recommendation_deadline=today - datetime.timedelta(days=1),
    )
    assert policies.can_start_review(officer, over)
