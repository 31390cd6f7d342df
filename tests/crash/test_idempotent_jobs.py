"""Every job is safe to run twice (issue 22): a job re-queued after its worker died runs again from the start, so
its second run must change nothing. In-process; the SIGKILL versions with real workers are in test_sigkill.py."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from apps.audit.models import AuditEntry
from apps.audit.tasks import verify_chain_daily
from apps.calls.models import Call
from apps.calls.tasks import close_due_calls
from apps.calls.tests.factories import published_call
from apps.core.models import CheckOutcome
from apps.notifications.models import Message
from apps.portal import services as portal
from apps.portal.models import Announcement

pytestmark = pytest.mark.django_db


def _counts():
    return AuditEntry.objects.count(), Message.objects.count(), Announcement.objects.count()


def test_closing_calls_twice_closes_each_once(world):
    call = published_call(
        applications_open=timezone.localdate() - datetime.timedelta(days=30),
        applications_close=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert close_due_calls.call() == 1
    after_first = _counts()
    assert close_due_calls.call() == 0
    assert _counts() == after_first
    call.refresh_from_db()
    assert call.status == Call.Status.APPLICATIONS_CLOSED


def test_the_daily_audit_check_twice_anchors_and_tells_once(world, tmp_path):
    admin = world.user("audit_admin")
    anchor_file = tmp_path / "chain-head.log"
    with override_settings(AUDIT_ANCHOR_FILE=str(anchor_file)):
        assert verify_chain_daily.call() == "intact"
        after_first = _counts(), anchor_file.read_text()
        assert verify_chain_daily.call() == "intact"
        assert (_counts(), anchor_file.read_text()) == after_first
    assert len(anchor_file.read_text().splitlines()) == 1
    assert Message.objects.filter(recipient=admin).count() == 1
    assert CheckOutcome.objects.get(name="audit.verify_chain").ok


@pytest.mark.parametrize("kind", ["call", "result", "delisting"])
def test_an_announcement_of_a_subject_is_published_once_however_often_it_is_asked(world, kind):
    call = published_call()
    first = portal.announcement_publish(None, title="公告", body="正文", kind=kind, subject=call)
    after_first = _counts()
    again = portal.announcement_publish(None, title="公告", body="正文", kind=kind, subject=call)
    assert again.pk == first.pk
    assert _counts() == after_first
    assert Announcement.objects.filter(kind=kind, subject_id=call.pk).count() == 1


def test_a_call_may_be_changed_and_announced_more_than_once(world):
    call = published_call()
    for n in range(2):
        portal.announcement_publish(None, title=f"变更 {n}", body="正文", kind="call_change", subject=call)
    assert Announcement.objects.filter(kind="call_change", subject_id=call.pk).count() == 2
