"""Public pages and objections in the browser; the bureau's publishing pages."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from apps.portal.models import Announcement, Objection, PublicNotice

from .factories import AnnouncementFactory, EndedNoticeFactory, ObjectionFactory, PublicNoticeFactory

pytestmark = pytest.mark.django_db


def objection_data(client, notice, **overrides):
    client.get(reverse("portal:notice", args=[notice.pk]))
    data = {
        "name": "李四",
        "contact": "13900000000",
        "text": "拟立项单位研发投入数据与年报不符。",
        "human_check": client.session[f"human_check:objection:{notice.pk}"]["a"],
    }
    data.update(overrides)
    return data


def test_public_pages_have_stable_urls_and_render():
    announcement = AnnouncementFactory(body="第一段\n\n<script>alert(1)</script>")
    notice = PublicNoticeFactory()
    client = Client()
    page = client.get(f"/announcements/{announcement.pk}/").content.decode()
    assert announcement.title in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert notice.title in client.get(f"/notices/{notice.pk}/").content.decode()
    assert announcement.title in client.get(reverse("portal:announcements")).content.decode()
    assert notice.title in client.get(reverse("portal:notices")).content.decode()
    assert notice.title in client.get(reverse("portal:landing")).content.decode()


def test_anyone_objects_during_the_notice():
    notice = PublicNoticeFactory()
    client = Client()
    response = client.post(reverse("portal:notice", args=[notice.pk]), objection_data(client, notice))
    assert response.status_code == 302
    assert Objection.objects.get().notice == notice


def test_objection_with_a_wrong_human_check_changes_nothing():
    notice = PublicNoticeFactory()
    client = Client()
    response = client.post(reverse("portal:notice", args=[notice.pk]), objection_data(client, notice, human_check="0"))
    assert response.status_code == 200
    assert "验证问题回答错误" in response.content.decode()
    assert not Objection.objects.exists()


def test_objection_after_the_notice_period_is_refused_in_the_page():
    notice = EndedNoticeFactory()
    client = Client()
    page = client.get(reverse("portal:notice", args=[notice.pk])).content.decode()
    assert "不再受理异议" in page
    data = {
        "name": "李四",
        "contact": "13900000000",
        "text": "迟到",
        "human_check": client.session[f"human_check:objection:{notice.pk}"]["a"],
    }
    response = client.post(reverse("portal:notice", args=[notice.pk]), data)
    assert response.status_code == 200
    assert "不再受理异议" in response.content.decode()
    assert not Objection.objects.exists()


def test_objections_are_rate_limited(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "public_submission": (1, 3600)}
    notice = PublicNoticeFactory()
    client = Client()
    assert client.post(reverse("portal:notice", args=[notice.pk]), objection_data(client, notice)).status_code == 302
    response = client.post(reverse("portal:notice", args=[notice.pk]), objection_data(client, notice))
    assert response.status_code == 429
    assert Objection.objects.count() == 1


def test_a_scheduled_notice_is_not_public_yet():
    import datetime

    from django.utils import timezone

    notice = PublicNoticeFactory(starts_on=timezone.localdate() + datetime.timedelta(days=2))
    assert Client().get(reverse("portal:notice", args=[notice.pk])).status_code == 404


def test_the_bureau_resolves_an_objection(world, client_for):
    objection = ObjectionFactory()
    client = client_for("regional_officer")
    assert objection.contact in client.get(reverse("portal:objection", args=[objection.pk])).content.decode()
    empty = client.post(reverse("portal:objection", args=[objection.pk]), {"resolution": ""})
    assert empty.status_code == 200
    objection.refresh_from_db()
    assert objection.status == Objection.Status.RECEIVED
    done = client.post(reverse("portal:objection", args=[objection.pk]), {"resolution": "经核查，异议不成立。"})
    assert done.status_code == 302
    objection.refresh_from_db()
    assert objection.status == Objection.Status.RESOLVED and objection.resolved_by == world.users["regional_officer"]


def test_a_replayed_resolution_shows_the_state_and_changes_nothing(world, client_for):
    from apps.audit.models import AuditEntry

    objection = ObjectionFactory()
    client = client_for("regional_officer")
    url = reverse("portal:objection", args=[objection.pk])
    assert client.post(url, {"resolution": "经核查，异议不成立。"}).status_code == 302
    page = client.get(url).content.decode()
    assert "经核查，异议不成立。" in page and 'name="resolution"' not in page  # no form once resolved
    again = client.post(url, {"resolution": "第二次处理"})
    assert again.status_code == 200
    text = again.content.decode()
    assert "当前状态为“已处理”，不能处理。" in text and "他人修改" not in text
    objection.refresh_from_db()
    assert objection.resolution == "经核查，异议不成立。"
    assert AuditEntry.objects.filter(action="objection.resolve", object_id=str(objection.pk)).count() == 1


def test_only_the_bureau_may_resolve(world, client_for):
    objection = ObjectionFactory()
    url = reverse("portal:objection", args=[objection.pk])
    assert client_for("prefecture_officer").post(url, {"resolution": "越权"}).status_code == 404
    objection.refresh_from_db()
    assert objection.status == Objection.Status.RECEIVED


def test_the_bureau_publishes_announcements_and_notices(world, client_for):
    client = client_for("regional_officer")
    response = client.post(
        reverse("portal:announcement_create"), {"kind": "other", "title": "关于开展需求征集的通知", "body": "正文"}
    )
    assert response.status_code == 302
    assert Announcement.objects.get().created_by == world.users["regional_officer"]
    short = client.post(
        reverse("portal:notice_create"),
        {"kind": "other", "title": "公示", "body": "正文", "starts_on": "2099-01-05", "working_days": "2"},
    )
    assert short.status_code == 200
    assert "公示期不少于" in short.content.decode()
    assert not PublicNotice.objects.exists()
    ok = client.post(
        reverse("portal:notice_create"),
        {"kind": "other", "title": "公示", "body": "正文", "starts_on": "2099-01-05", "working_days": "5"},
    )
    assert ok.status_code == 302
    assert PublicNotice.objects.get().ends_on.isoformat() == "2099-01-09"


def test_search_needs_a_query_and_escapes_it():
    page = Client().get(reverse("portal:search"), {"q": "<b>稀土</b>"}).content.decode()
    assert "<b>稀土</b>" not in page


def test_a_public_page_never_links_to_a_subject_without_a_public_page():
    """A subject offers a public page through get_public_url(); get_absolute_url() may be an officer's page."""
    subject = AnnouncementFactory()  # offers get_absolute_url() only
    notice = PublicNoticeFactory()
    PublicNotice.objects.filter(pk=notice.pk).update(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
    )
    page = Client().get(reverse("portal:notice", args=[notice.pk])).content.decode()
    assert subject.get_absolute_url() not in page


def test_the_notice_form_asks_for_the_minimum_and_says_holidays_are_counted(settings):
    from apps.portal.forms import PublicNoticeForm

    data = {"kind": "other", "title": "公示", "body": "正文", "starts_on": "2099-01-05", "working_days": "1"}
    form = PublicNoticeForm(data)
    assert not form.is_valid()
    assert "公示期不少于 5 个工作日" in " ".join(form.errors["working_days"])
    assert 'min="5"' in str(form["working_days"])
    help_text = str(form.fields["working_days"].help_text)
    assert "法定节假日不计" in help_text and "调休上班日计入" in help_text
    assert "手动" not in help_text
    assert PublicNoticeForm({**data, "working_days": "5"}).is_valid()


def test_a_notice_opened_in_the_page_over_national_day_ends_after_the_holiday(world, client_for, clock):
    """What the form's help promises: 1–7 October are skipped and Saturday 10 October (调休) counts."""
    clock.set(datetime.date(2026, 9, 1))
    response = client_for("regional_officer").post(
        reverse("portal:notice_create"),
        {"kind": "other", "title": "拟立项公示", "body": "正文", "starts_on": "2026-09-30", "working_days": "5"},
    )
    assert response.status_code == 302
    assert PublicNotice.objects.get().ends_on == datetime.date(2026, 10, 12)
