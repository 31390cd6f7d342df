"""Calls and topics (Art. 5(2), 8, 11): dates, funding, publication, versioned changes — each refusal included."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.audit.models import AuditEntry
from apps.calls import services
from apps.calls.models import Call, Topic, TopicVersion
from apps.core.errors import ConcurrentChange, DomainError, InvalidTransition, PermissionDenied
from apps.core.roles import Role
from apps.demands.models import Demand
from apps.demands.tests.factories import DemandFactory
from apps.notifications.models import Message
from apps.portal.models import Announcement
from apps.reference.models import Industry, Prefecture

from .factories import CallFactory, TopicFactory, published_call

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def days(n):
    return TODAY() + datetime.timedelta(days=n)


@pytest.fixture
def officer():
    return UserFactory(role=Role.REGIONAL_OFFICER, organization=None)


def call_values(**overrides):
    values = {
        "year": days(1).year,
        "title": "2026年度内蒙古高价值专利培育中心揭榜挂帅榜单",
        "guide": "申报指南。",
        "work_plan": "工作方案。",
        "applications_open": days(1),
        "applications_close": days(30),
        "recommendation_deadline": days(45),
        "funding_available": Decimal("9000000"),
    }
    values.update(overrides)
    return values


def topic_values(**overrides):
    values = {
        "title": "稀土永磁材料高价值专利培育",
        "industry": Industry.objects.get(code="rare-earth"),
        "technical_field": "稀土永磁",
        "requirements": "围绕稀土永磁开展专利导航。",
        "funding_cap": Decimal("3000000"),
    }
    values.update(overrides)
    return values


INDICATORS = [{"name": "发明专利授权量", "unit": "件", "minimum_target": "30"}]


# ---------------------------------------------------------------- drafting


def test_a_draft_call_is_created_by_the_bureau(officer):
    call = services.call_create(officer, **call_values())
    assert call.status == Call.Status.DRAFT
    assert AuditEntry.objects.filter(action="call.create", object_id=str(call.pk)).exists()


def test_the_window_must_open_before_it_closes(officer):
    with pytest.raises(DomainError):
        services.call_create(officer, **call_values(applications_open=days(30), applications_close=days(30)))
    assert not Call.objects.exists()


def test_the_recommendation_deadline_cannot_precede_the_close(officer):
    with pytest.raises(DomainError):
        services.call_create(officer, **call_values(recommendation_deadline=days(29)))


def test_the_year_must_be_plausible_and_match_the_window(officer):
    for year in (1800, 2101):
        with pytest.raises(DomainError) as exc:
            services.call_create(officer, **call_values(year=year))
        assert "2000" in exc.value.message and "2100" in exc.value.message
    opens = days(1)
    for year in (opens.year - 1, opens.year + 2):
        with pytest.raises(DomainError) as exc:
            services.call_create(officer, **call_values(year=year))
        assert str(year) in exc.value.message
    assert not Call.objects.exists()
    # the window may open in the call's year or late in the year before
    assert services.call_create(officer, **call_values(year=opens.year)).year == opens.year
    assert services.call_create(officer, **call_values(year=opens.year + 1, title="次年")).year == opens.year + 1


def test_a_draft_cannot_be_edited_to_an_implausible_year(officer):
    call = CallFactory()
    with pytest.raises(DomainError):
        services.call_update(officer, call, year=1800)
    call.refresh_from_db()
    assert call.year == TODAY().year


def test_funding_must_be_positive(officer):
    with pytest.raises(DomainError):
        services.call_create(officer, **call_values(funding_available=Decimal("0")))


def test_only_the_bureau_creates_calls():
    with pytest.raises(PermissionDenied):
        services.call_create(
            UserFactory(role=Role.PREFECTURE_OFFICER, organization=None, prefecture=_a_prefecture()),
            **call_values(),
        )


def test_topics_caps_cannot_exceed_the_funding_available(officer):
    call = CallFactory(funding_available=Decimal("5000000"))
    services.topic_create(officer, call, values=topic_values(funding_cap=Decimal("3000000")), indicators=INDICATORS)
    with pytest.raises(DomainError) as exc:
        services.topic_create(officer, call, values=topic_values(funding_cap=Decimal("2500000")), indicators=INDICATORS)
    assert "5,000,000.00" in exc.value.message
    assert call.topics.count() == 1


def test_lowering_the_funding_below_the_caps_is_refused(officer):
    call = CallFactory(funding_available=Decimal("5000000"))
    TopicFactory(call=call, funding_cap=Decimal("4000000"))
    with pytest.raises(DomainError):
        services.call_update(officer, call, funding_available=Decimal("3000000"))


def test_topic_with_a_zero_cap_or_a_bad_indicator_is_refused(officer):
    call = CallFactory()
    with pytest.raises(DomainError):
        services.topic_create(officer, call, values=topic_values(funding_cap=Decimal("0")), indicators=INDICATORS)
    with pytest.raises(DomainError):
        services.topic_create(officer, call, values=topic_values(), indicators=[{"name": "专利", "unit": "件"}])
    with pytest.raises(DomainError):
        services.topic_create(
            officer, call, values=topic_values(), indicators=[{"name": "专利", "unit": "件", "minimum_target": "-1"}]
        )
    assert not call.topics.exists()


def test_a_topic_links_adopted_demands_only(officer):
    call = CallFactory()
    adopted = DemandFactory(status=Demand.Status.ADOPTED)
    topic = services.topic_create(officer, call, values=topic_values(), indicators=INDICATORS, demands=[adopted])
    assert list(topic.demands.all()) == [adopted]
    with pytest.raises(DomainError):
        services.topic_create(
            officer, call, values=topic_values(), indicators=INDICATORS, demands=[DemandFactory(status="argued")]
        )


def test_a_draft_topic_changes_freely_and_is_numbered(officer):
    call = CallFactory()
    first = services.topic_create(officer, call, values=topic_values(), indicators=INDICATORS)
    second = services.topic_create(officer, call, values=topic_values(title="第二个"), indicators=INDICATORS)
    assert (first.number, second.number) == (1, 2)
    services.topic_update(officer, first, values=topic_values(title="改名"), indicators=INDICATORS)
    assert not TopicVersion.objects.exists()
    services.topic_delete(officer, second)
    assert call.topics.count() == 1


def test_indicators_are_updated_in_place(officer):
    call = CallFactory()
    topic = services.topic_create(officer, call, values=topic_values(), indicators=INDICATORS)
    indicator = topic.indicators.get()
    services.topic_update(
        officer,
        topic,
        values=topic_values(),
        indicators=[{"id": indicator.pk, "name": "发明专利授权量", "unit": "件", "minimum_target": "40"}],
    )
    indicator.refresh_from_db()
    assert indicator.minimum_target == Decimal("40")


# ---------------------------------------------------------------- publication


def test_publishing_announces_the_call_and_tells_prefectures_and_units(officer):
    call = CallFactory()
    TopicFactory(call=call)
    prefecture_officer = UserFactory(role=Role.PREFECTURE_OFFICER, organization=None, prefecture=_a_prefecture())
    unit_admin = UserFactory(role=Role.UNIT_ADMIN)
    call = services.call_publish(officer, call)
    assert call.status == Call.Status.PUBLISHED and call.published_at
    announcement = Announcement.objects.get(kind=Announcement.Kind.CALL)
    assert announcement.subject == call
    assert Message.objects.filter(recipient=prefecture_officer).exists()
    assert Message.objects.filter(recipient=unit_admin).exists()


def test_publishing_without_topics_is_refused(officer):
    call = CallFactory()
    with pytest.raises(DomainError) as exc:
        services.call_publish(officer, call)
    assert exc.value.message and exc.value.code == "condition"
    call.refresh_from_db()
    assert call.status == Call.Status.DRAFT
    assert not Announcement.objects.exists()


def test_publishing_a_topic_without_indicators_is_refused(officer):
    call = CallFactory()
    TopicFactory(call=call, indicators=[])
    with pytest.raises(DomainError):
        services.call_publish(officer, call)


def test_publishing_with_a_window_already_closed_is_refused(officer):
    call = CallFactory(applications_open=days(-30), applications_close=days(-1), recommendation_deadline=days(10))
    TopicFactory(call=call)
    with pytest.raises(DomainError):
        services.call_publish(officer, call)


def test_publishing_with_invalid_dates_is_refused():
    """The database refuses an inverted window outright (check constraints); the publication rules name it too."""
    from apps.calls import rules

    call = Call(
        year=2026,
        title="日期颠倒",
        guide="指南",
        applications_open=days(10),
        applications_close=days(5),
        recommendation_deadline=days(1),
        funding_available=Decimal("1"),
    )
    assert len(rules.date_problems(call.applications_open, call.applications_close, call.recommendation_deadline)) == 2


def test_publishing_with_caps_over_the_funding_is_refused(officer):
    call = CallFactory(funding_available=Decimal("1000000"))
    TopicFactory(call=call, funding_cap=Decimal("3000000"))
    with pytest.raises(DomainError):
        services.call_publish(officer, call)


def test_publishing_twice_is_refused(officer):
    call = CallFactory()
    TopicFactory(call=call)
    published = services.call_publish(officer, call)
    with pytest.raises(InvalidTransition) as exc:
        services.call_publish(officer, published)
    assert exc.value.message == "当前状态为“已发布，接受申报”，不能发布。"
    with pytest.raises(ConcurrentChange):  # a copy loaded before the publication
        services.call_publish(officer, call)
    assert Announcement.objects.count() == 1


def test_submitters_of_linked_demands_are_told(officer):
    unit_admin = UserFactory(role=Role.UNIT_ADMIN)
    demand = DemandFactory(status=Demand.Status.ADOPTED, submitted_by=unit_admin, organization=unit_admin.organization)
    call = CallFactory()
    topic = TopicFactory(call=call)
    topic.demands.add(demand)
    services.call_publish(officer, call)
    assert Message.objects.filter(recipient=unit_admin, subject_key=f"calls.call:{call.pk}").count() == 2


# ---------------------------------------------------------------- after publication


def test_a_published_call_is_not_edited(officer):
    call = published_call()
    with pytest.raises(DomainError):
        services.call_update(officer, call, title="悄悄改名")
    call.refresh_from_db()
    assert call.title != "悄悄改名"


def test_a_silent_topic_change_after_publication_is_refused(officer):
    call = published_call()
    topic = call.topics.get()
    with pytest.raises(DomainError):
        services.topic_update(officer, topic, values=topic_values(title="悄悄改"), indicators=INDICATORS, reason="")
    topic.refresh_from_db()
    assert topic.title != "悄悄改"
    assert not TopicVersion.objects.exists()


def test_a_topic_change_after_publication_is_versioned_and_announced(officer):
    call = published_call()
    topic = call.topics.get()
    before_title = topic.title
    indicator = topic.indicators.get()
    services.topic_update(
        officer,
        topic,
        values=topic_values(title="稀土永磁与储氢材料", funding_cap=Decimal("3500000")),
        indicators=[{"id": indicator.pk, "name": "发明专利授权量", "unit": "件", "minimum_target": "30"}],
        reason="根据专家意见扩大领域",
    )
    version = TopicVersion.objects.get()
    assert version.before["title"] == before_title
    assert version.after["title"] == "稀土永磁与储氢材料"
    assert version.reason == "根据专家意见扩大领域"
    assert version.changed_by == officer
    assert version.announcement.kind == Announcement.Kind.CALL_CHANGE
    assert "稀土永磁与储氢材料" in version.announcement.body
    call.refresh_from_db()
    assert call.version == 2 and version.call_version == 2


def test_a_change_that_changes_nothing_is_refused(officer):
    call = published_call()
    topic = call.topics.get()
    indicator = topic.indicators.get()
    same = {
        "title": topic.title,
        "industry": topic.industry,
        "technical_field": topic.technical_field,
        "requirements": topic.requirements,
        "funding_cap": topic.funding_cap,
    }
    rows = [{"id": indicator.pk, "name": indicator.name, "unit": indicator.unit, "minimum_target": "30"}]
    with pytest.raises(DomainError):
        services.topic_update(officer, topic, values=same, indicators=rows, reason="无")
    assert not TopicVersion.objects.exists()


def test_adding_a_topic_after_publication_is_versioned(officer):
    call = published_call()
    with pytest.raises(DomainError):
        services.topic_create(officer, call, values=topic_values(), indicators=INDICATORS)
    topic = services.topic_create(officer, call, values=topic_values(), indicators=INDICATORS, reason="新增乳业领域")
    assert TopicVersion.objects.get().change == TopicVersion.Change.ADDED
    assert topic.number == 2


def test_a_published_topic_cannot_be_removed(officer):
    call = published_call()
    with pytest.raises(DomainError):
        services.topic_delete(officer, call.topics.get())
    assert Topic.objects.filter(call=call).exists()


def test_topics_are_frozen_once_applications_close(officer):
    call = published_call()
    Call.objects.filter(pk=call.pk).update(status=Call.Status.APPLICATIONS_CLOSED)
    call.refresh_from_db()
    with pytest.raises(DomainError):
        services.topic_update(officer, call.topics.get(), values=topic_values(), indicators=INDICATORS, reason="晚了")


# ---------------------------------------------------------------- the application window


def test_applications_are_accepted_only_inside_the_window():
    call = published_call(applications_open=days(-1), applications_close=days(1), recommendation_deadline=days(5))
    assert call.is_open_for_applications(timezone.now())
    services.call_require_open(call)
    two_days_later = timezone.now() + datetime.timedelta(days=2)
    assert not call.is_open_for_applications(two_days_later)
    with pytest.raises(DomainError) as exc:
        services.call_require_open(call, now=two_days_later)
    assert days(1).isoformat() in exc.value.message


def test_applications_after_the_window_are_refused_even_if_the_status_lags():
    call = published_call(applications_open=days(-20), applications_close=days(-1), recommendation_deadline=days(5))
    assert call.status == Call.Status.PUBLISHED
    assert not call.is_open_for_applications()
    with pytest.raises(DomainError):
        services.call_require_open(call)


def test_applications_before_the_window_and_to_drafts_are_refused():
    upcoming = published_call(applications_open=days(3), applications_close=days(20), recommendation_deadline=days(30))
    with pytest.raises(DomainError):
        services.call_require_open(upcoming)
    with pytest.raises(DomainError):
        services.call_require_open(CallFactory())


def test_the_window_is_not_shortened_by_hand(officer):
    call = published_call()
    with pytest.raises(DomainError):
        services.call_close_applications(officer, call)


def test_call_close_due_closes_calls_whose_last_day_is_over():
    due = published_call(applications_open=days(-20), applications_close=days(-1), recommendation_deadline=days(5))
    running = published_call()
    closed = services.call_close_due()
    assert [c.pk for c in closed] == [due.pk]
    due.refresh_from_db()
    running.refresh_from_db()
    assert due.status == Call.Status.APPLICATIONS_CLOSED
    assert running.status == Call.Status.PUBLISHED
    assert services.call_close_due() == []
    assert AuditEntry.objects.filter(action="call.close_applications", actor__isnull=True).exists()


def test_review_starts_after_the_recommendation_deadline(officer):
    call = published_call(applications_open=days(-20), applications_close=days(-5), recommendation_deadline=days(2))
    services.call_close_applications(officer, call)
    with pytest.raises(DomainError):
        services.call_start_review(officer, call)
    Call.objects.filter(pk=call.pk).update(recommendation_deadline=days(-1))
    call.refresh_from_db()
    call = services.call_start_review(officer, call)
    assert services.call_conclude(officer, call).status == Call.Status.CONCLUDED


@pytest.mark.django_db(transaction=True)
def test_the_scheduler_closes_due_calls_through_the_worker():
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from apps.core import schedules
    from apps.reference.services import ensure_reference_data

    ensure_reference_data()
    call = CallFactory(
        status=Call.Status.PUBLISHED,
        applications_open=timezone.localdate() - timedelta(days=30),
        applications_close=timezone.localdate() - timedelta(days=1),
        recommendation_deadline=timezone.localdate() + timedelta(days=10),
    )
    assert "calls.close_due" in schedules.tick()
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)
    call.refresh_from_db()
    assert call.status == Call.Status.APPLICATIONS_CLOSED


def _a_prefecture():
    return Prefecture.objects.order_by("code").first()
