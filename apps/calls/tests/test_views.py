"""Calls in the browser: drafting, publication, versioned changes, public pages; bad input answers 200 with a
Chinese message and changes nothing."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.calls.models import Call, TopicVersion
from apps.portal.models import Announcement
from apps.reference.models import Industry

from .factories import CallFactory, TopicFactory, published_call

pytestmark = pytest.mark.django_db


def days(n):
    return (timezone.localdate() + datetime.timedelta(days=n)).isoformat()


def call_form(**overrides):
    data = {
        "year": int(days(1)[:4]),
        "title": "2026年度揭榜挂帅榜单",
        "applications_open": days(1),
        "applications_close": days(30),
        "recommendation_deadline": days(45),
        "funding_available": "9000000",
        "work_plan": "年度工作方案",
        "guide": "申报指南",
    }
    data.update(overrides)
    # The call's year follows its opening day: after midnight in Beijing on Dec 1, thirty days on cross the year.
    if "year" not in overrides:
        data["year"] = int(str(data["applications_open"])[:4])
    return data


def topic_form(**overrides):
    data = {
        "title": "稀土永磁材料高价值专利培育",
        "industry": Industry.objects.get(code="rare-earth").pk,
        "technical_field": "稀土永磁",
        "requirements": "建设要求",
        "funding_cap": "3000000",
        "indicators-TOTAL_FORMS": "3",
        "indicators-INITIAL_FORMS": "0",
        "indicators-MIN_NUM_FORMS": "0",
        "indicators-MAX_NUM_FORMS": "20",
        "indicators-0-name": "发明专利授权量",
        "indicators-0-unit": "件",
        "indicators-0-minimum_target": "30",
    }
    data.update(overrides)
    return data


def test_officer_drafts_a_call_with_a_topic_and_publishes_it(world, client_for):
    client = client_for("regional_officer")
    response = client.post(reverse("calls:create"), call_form())
    assert response.status_code == 302
    call = Call.objects.get()
    response = client.post(reverse("calls:topic_create", args=[call.pk]), topic_form())
    assert response.status_code == 302
    topic = call.topics.get()
    assert topic.indicators.get().minimum_target == Decimal("30")
    response = client.post(reverse("calls:publish", args=[call.pk]))
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.status == Call.Status.PUBLISHED
    public = Client().get(reverse("calls:public_detail", args=[call.pk])).content.decode()
    assert topic.title in public and "发明专利授权量" in public
    landing = Client().get(reverse("portal:landing")).content.decode()
    assert call.title in landing


def test_invalid_dates_answer_200_in_chinese_and_create_nothing(world, client_for):
    response = client_for("regional_officer").post(
        reverse("calls:create"), call_form(applications_open=days(30), applications_close=days(10))
    )
    assert response.status_code == 200
    assert "申报开始日期必须早于截止日期" in response.content.decode()
    assert not Call.objects.exists()


def test_publishing_without_topics_answers_200_and_stays_a_draft(world, client_for):
    call = CallFactory()
    response = client_for("regional_officer").post(reverse("calls:publish", args=[call.pk]))
    assert response.status_code == 200
    assert "榜单发布前至少需要一个条目" in response.content.decode()
    call.refresh_from_db()
    assert call.status == Call.Status.DRAFT
    assert not Announcement.objects.exists()


def test_topic_with_a_half_filled_indicator_answers_200(world, client_for):
    call = CallFactory()
    response = client_for("regional_officer").post(
        reverse("calls:topic_create", args=[call.pk]), topic_form(**{"indicators-0-unit": ""})
    )
    assert response.status_code == 200
    assert "每项指标都需要填写名称、单位和最低目标值" in response.content.decode()
    assert not call.topics.exists()


def test_topic_caps_over_the_funding_answer_200(world, client_for):
    call = CallFactory(funding_available=Decimal("1000000"))
    response = client_for("regional_officer").post(reverse("calls:topic_create", args=[call.pk]), topic_form())
    assert response.status_code == 200
    assert "超过了可用经费" in response.content.decode()


def test_editing_a_published_topic_without_a_reason_changes_nothing(world, client_for):
    call = published_call()
    topic = call.topics.get()
    indicator = topic.indicators.get()
    data = topic_form(
        title="悄悄改名",
        **{
            "indicators-INITIAL_FORMS": "1",
            "indicators-0-id": str(indicator.pk),
        },
    )
    client = client_for("regional_officer")
    response = client.post(reverse("calls:topic_edit", args=[call.pk, topic.pk]), data)
    assert response.status_code == 200
    topic.refresh_from_db()
    assert topic.title != "悄悄改名"
    response = client.post(
        reverse("calls:topic_edit", args=[call.pk, topic.pk]), {**data, "reason": "根据论证意见调整名称"}
    )
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.title == "悄悄改名"
    version = TopicVersion.objects.get()
    public = Client().get(reverse("calls:public_detail", args=[call.pk])).content.decode()
    assert "根据论证意见调整名称" in public
    assert Client().get(version.announcement.get_absolute_url()).status_code == 200


def test_the_published_call_form_refuses_changes(world, client_for):
    call = published_call()
    client = client_for("regional_officer")
    response = client.post(reverse("calls:edit", args=[call.pk]), call_form(title="改名"))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("榜单已发布") == 1
    call.refresh_from_db()
    assert call.title != "改名"


def test_a_published_call_is_shown_read_only_with_the_way_to_change_topics(world, client_for):
    call = published_call()
    page = client_for("regional_officer").get(reverse("calls:edit", args=[call.pk])).content.decode()
    assert page.count("榜单已发布") == 1
    assert "<fieldset disabled" in page and 'type="submit"' not in page.split("<main")[-1]
    assert "填写变更理由" in page


def test_closing_before_the_last_day_answers_200_with_the_reason(world, client_for):
    call = published_call()
    response = client_for("regional_officer").post(reverse("calls:close_applications", args=[call.pk]))
    assert response.status_code == 200
    assert "已发布的申报期不得缩短" in response.content.decode()
    call.refresh_from_db()
    assert call.status == Call.Status.PUBLISHED


def test_the_close_button_is_disabled_with_the_reason_and_the_date_it_becomes_possible(world, client_for):
    call = published_call()
    page = client_for("regional_officer").get(reverse("calls:manage_detail", args=[call.pk])).content.decode()
    close_form = page.split(reverse("calls:close_applications", args=[call.pk]))[1].split("</form>")[0]
    assert "disabled" in close_form and "已发布的申报期不得缩短" in close_form
    next_day = (call.applications_close + datetime.timedelta(days=1)).isoformat()
    assert next_day in close_form


def test_a_replayed_publication_shows_the_state_and_changes_nothing(world, client_for):
    call = CallFactory()
    TopicFactory(call=call)
    client = client_for("regional_officer")
    url = reverse("calls:publish", args=[call.pk])
    assert client.post(url).status_code == 302
    again = client.post(url)
    assert again.status_code == 200
    page = again.content.decode()
    assert "当前状态为“已发布，接受申报”，不能发布。" in page and "他人修改" not in page
    assert url not in page  # the publish button is no longer offered
    assert Announcement.objects.filter(kind=Announcement.Kind.CALL).count() == 1


def test_drafts_do_not_exist_for_the_public(world, client_for):
    call = CallFactory()
    topic = TopicFactory(call=call)
    assert Client().get(reverse("calls:public_detail", args=[call.pk])).status_code == 404
    assert Client().get(reverse("calls:public_topic", args=[call.pk, topic.pk])).status_code == 404
    assert client_for("unit_admin").get(reverse("calls:public_detail", args=[call.pk])).status_code == 404
    assert client_for("regional_officer").get(reverse("calls:public_detail", args=[call.pk])).status_code == 200
    assert call.title not in Client().get(reverse("calls:public_list")).content.decode()


def test_a_closed_call_says_so_on_its_page():
    call = published_call(
        applications_open=timezone.localdate() - datetime.timedelta(days=30),
        applications_close=timezone.localdate() - datetime.timedelta(days=1),
        recommendation_deadline=timezone.localdate() + datetime.timedelta(days=5),
    )
    page = Client().get(reverse("calls:public_detail", args=[call.pk])).content.decode()
    assert "截止后不再受理任何申报" in page
    listing = Client().get(reverse("calls:public_list")).content.decode()
    assert "往期榜单" in listing and call.title in listing


def test_guide_documents_are_public_once_published(world, client_for):
    from apps.attachments.tests.factories import AttachmentFactory
    from apps.audit.models import AuditEntry

    call = published_call()
    attachment = AttachmentFactory(owner=call, kind="guide", original_name="申报指南.pdf")
    response = Client().get(reverse("calls:public_document", args=[call.pk, attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert AuditEntry.objects.filter(action="attachment.download", object_id=str(attachment.pk)).exists()
    draft = CallFactory()
    hidden = AttachmentFactory(owner=draft, kind="guide")
    assert Client().get(reverse("calls:public_document", args=[draft.pk, hidden.pk])).status_code == 404


def test_guide_documents_are_uploaded_while_drafting_only(world, client_for):
    from apps.attachments.policies import can_upload

    draft = CallFactory()
    officer = world.users["regional_officer"]
    assert can_upload(officer, draft, "guide")
    assert not can_upload(officer, published_call(), "guide")
    assert not can_upload(world.users["unit_admin"], draft, "guide")


def test_search_finds_calls_and_topics():
    call = published_call(title="2026年度稀土专项榜单")
    topic = call.topics.get()
    page = Client().get(reverse("portal:search"), {"q": "稀土"}).content.decode()
    assert call.title in page and topic.title in page
