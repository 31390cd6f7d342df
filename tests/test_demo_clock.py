"""In DEMO_MODE, moving the clock forward is what the services see: a public notice ends, a call window closes
and the periodic job closes the call — without waiting (apps/core/clock.py)."""

import datetime

import pytest
from django.utils import timezone

from apps.calls import services as call_services
from apps.calls.models import Call
from apps.calls.tests.factories import published_call
from apps.core import clock
from apps.core.errors import DomainError
from apps.portal import selectors as portal_selectors
from apps.portal.tests.factories import PublicNoticeFactory

pytestmark = pytest.mark.django_db


def test_moving_the_demo_clock_ends_a_public_notice(settings):
    settings.DEMO_MODE = True
    notice = PublicNoticeFactory()
    assert notice.is_running() and notice in portal_selectors.notices_running()
    clock.set_date(notice.ends_on)
    assert notice.is_running()  # the last day still counts
    clock.advance(1)
    assert notice.phase() == "ended"
    assert notice not in portal_selectors.notices_running()


def test_moving_the_demo_clock_closes_a_call_window_and_the_job_closes_the_call(settings):
    settings.DEMO_MODE = True
    call = published_call()
    assert call.is_open_for_applications()
    assert call_services.call_close_due() == []
    clock.set_date(call.applications_close + datetime.timedelta(days=1))
    assert not call.is_open_for_applications()
    with pytest.raises(DomainError):
        call_services.call_require_open(call)
    assert [c.pk for c in call_services.call_close_due()] == [call.pk]
    call.refresh_from_db()
    assert call.status == Call.Status.APPLICATIONS_CLOSED


def test_outside_demo_mode_a_stored_offset_changes_nothing(settings):
    from apps.core.models import ClockOffset

    settings.DEMO_MODE = False
    ClockOffset.objects.create(pk=ClockOffset.SINGLETON, days=400)
    call = published_call()
    notice = PublicNoticeFactory()
    assert call.is_open_for_applications() and notice.is_running()
    assert call_services.call_close_due() == []
    assert clock.today() == timezone.localdate()


def test_a_frozen_clock_drives_the_services(clock):
    """Tests freeze the clock (conftest `clock` fixture) instead of waiting or patching each module."""
    clock.set(datetime.date(2026, 9, 30))
    notice = PublicNoticeFactory()
    assert notice.starts_on == datetime.date(2026, 9, 30)
    clock.set(notice.ends_on + datetime.timedelta(days=1))
    assert notice.phase() == "ended"
