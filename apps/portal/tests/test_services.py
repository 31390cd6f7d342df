"""Announcements, public notices (5 working days by default) and objections."""

import datetime

import pytest
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.audit.models import AuditEntry
from apps.core.errors import ConcurrentChange, DomainError, InvalidTransition, PermissionDenied
from apps.core.roles import Role
from apps.notifications.models import Message
from apps.portal import services
from apps.portal.models import Objection, PublicNotice
from apps.portal.selectors import announcements_public, search
from apps.reference import services as reference
from apps.reference.models import CalendarDay
from apps.reference.selectors import working_calendar

from .factories import AnnouncementFactory, EndedNoticeFactory, ObjectionFactory, PublicNoticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return UserFactory(role=Role.REGIONAL_OFFICER, organization=None)


def test_announcement_is_published_with_an_optional_subject(officer):
    subject = UserFactory(role=Role.UNIT_ADMIN).organization
    announcement = services.announcement_publish(officer, title="关于公告", body="正文", subject=subject)
    assert announcement.subject == subject
    assert announcement in announcements_public()
    assert AuditEntry.objects.filter(action="announcement.publish").exists()


def test_announcement_needs_title_and_text(officer):
    with pytest.raises(DomainError):
        services.announcement_publish(officer, title="", body="正文")
    with pytest.raises(DomainError):
        services.announcement_publish(officer, title="标题", body="  ")


def test_only_the_bureau_or_the_system_publishes():
    with pytest.raises(PermissionDenied):
        services.announcement_publish(UserFactory(role=Role.UNIT_ADMIN), title="冒充", body="正文")
    assert services.announcement_publish(None, title="系统", body="正文").pk


def test_a_scheduled_announcement_is_not_public_yet(officer):
    later = timezone.now() + datetime.timedelta(days=1)
    announcement = services.announcement_publish(officer, title="明天", body="正文", published_at=later)
    assert announcement not in announcements_public()


def test_notice_lasts_five_working_days_by_default(officer):
    notice = services.public_notice_open(officer, title="拟立项名单公示", body="名单")
    assert notice.working_days == 5
    assert notice.ends_on == working_calendar().period_end(timezone.localdate(), 5)
    assert notice.is_running()


def test_notice_cannot_be_shorter_than_the_minimum_or_start_in_the_past(officer):
    with pytest.raises(DomainError):
        services.public_notice_open(officer, title="短", body="x", working_days=2)
    with pytest.raises(DomainError):
        services.public_notice_open(
            officer, title="过去", body="x", starts_on=timezone.localdate() - datetime.timedelta(days=1)
        )
    assert not PublicNotice.objects.exists()


def test_objection_during_the_notice_is_recorded_and_the_bureau_gets_a_task(officer):
    notice = PublicNoticeFactory()
    objection = services.objection_submit(notice, name="李四", contact="13900000000", text="数据不实")
    assert objection.status == Objection.Status.RECEIVED
    assert Message.objects.filter(recipient=officer, is_task=True, subject_key=f"portal.objection:{objection.pk}")


def test_objection_on_the_last_day_is_accepted():
    notice = PublicNoticeFactory()
    last_day = datetime.datetime.combine(notice.ends_on, datetime.time(23, 30), tzinfo=timezone.get_current_timezone())
    assert services.objection_submit(notice, name="甲", contact="x@example.cn", text="异议", now=last_day).pk


def test_objection_after_the_notice_period_is_refused():
    notice = EndedNoticeFactory()
    with pytest.raises(DomainError) as exc:
        services.objection_submit(notice, name="李四", contact="13900000000", text="迟到的异议")
    assert notice.ends_on.isoformat() in exc.value.message
    assert not Objection.objects.exists()


def test_objection_before_the_notice_starts_is_refused():
    notice = PublicNoticeFactory(starts_on=timezone.localdate() + datetime.timedelta(days=3))
    with pytest.raises(DomainError):
        services.objection_submit(notice, name="李四", contact="13900000000", text="太早")


def test_anonymous_or_empty_objections_are_refused():
    notice = PublicNoticeFactory()
    for kwargs in (
        {"name": "", "contact": "13900000000", "text": "x"},
        {"name": "a", "contact": "", "text": "x"},
        {"name": "a", "contact": "13900000000", "text": " "},
    ):
        with pytest.raises(DomainError):
            services.objection_submit(notice, **kwargs)


def test_the_bureau_resolves_an_objection_once(officer):
    objection = ObjectionFactory()
    resolved = services.objection_resolve(officer, objection, resolution="经核查，数据属实，异议不成立。")
    assert resolved.status == Objection.Status.RESOLVED
    assert resolved.resolved_by == officer and resolved.resolved_at
    with pytest.raises(InvalidTransition) as exc:
        services.objection_resolve(officer, resolved, resolution="再次处理")
    assert exc.value.message == "当前状态为“已处理”，不能处理。"
    with pytest.raises(ConcurrentChange):  # a copy loaded before the first resolution
        services.objection_resolve(officer, objection, resolution="再次处理")
    resolved.refresh_from_db()
    assert resolved.resolution == "经核查，数据属实，异议不成立。"


def test_resolution_needs_text_and_the_bureau(officer):
    objection = ObjectionFactory()
    with pytest.raises(DomainError):
        services.objection_resolve(officer, objection, resolution="")
    with pytest.raises(PermissionDenied):
        services.objection_resolve(UserFactory(role=Role.UNIT_ADMIN), objection, resolution="越权")


def test_search_finds_titles():
    AnnouncementFactory(title="关于稀土领域榜单变更的公告")
    PublicNoticeFactory(title="稀土培育中心拟立项公示")
    EndedNoticeFactory(title="乳业公示")
    titles = [hit.title for hit in search("稀土")]
    assert "关于稀土领域榜单变更的公告" in titles and "稀土培育中心拟立项公示" in titles
    assert search("  ") == []


def test_a_public_notice_over_new_year_counts_the_holiday(officer, clock):
    """The portal opens its notices with the calendar in force (the issue's first case, through the service)."""
    clock.set(datetime.date(2026, 12, 28))
    notice = services.public_notice_open(
        officer, title="拟立项公示", body="正文", starts_on=datetime.date(2026, 12, 28), working_days=5
    )
    assert notice.ends_on == datetime.date(2027, 1, 4)
    reference.calendar_day_add(
        officer,
        day=datetime.date(2026, 12, 31),
        kind=CalendarDay.Kind.HOLIDAY,
        note="临时调整",
        override_published=True,  # 2026 is published (chinese-calendar): overriding it is said explicitly
    )
    later = services.public_notice_open(
        officer, title="拟立项公示", body="正文", starts_on=datetime.date(2026, 12, 28), working_days=5
    )
    assert later.ends_on == datetime.date(2027, 1, 5)


def test_working_days_typed_as_text_are_read_or_refused_never_compared_raw(world):
    """Issue 22: `public_notice_open(working_days="6135")` compared a str with an int (TypeError, a 500)."""
    officer = world.user("regional_officer")
    notice = services.public_notice_open(officer, title="拟认定名单公示", body="名单如下。", working_days="10")
    assert notice.working_days == 10
    for typed in ("abc", "1_0", "１０", "7.5"):
        with pytest.raises(DomainError):
            services.public_notice_open(officer, title="公示", body="正文", working_days=typed)
    assert PublicNotice.objects.count() == 1
