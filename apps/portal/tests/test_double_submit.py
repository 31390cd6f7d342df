"""Double submits on the portal: the public objection form (one human-check answer, one objection, even for two
simultaneous POSTs on PostgreSQL) and the publication of a scheduled notice (the officer lands on the bureau's page
of the notice, not on its public URL that answers 404 until the first day)."""

import datetime
import threading

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from apps.core import clock
from apps.core.once import FIELD
from apps.portal.models import Objection, PublicNotice
from tests.form_tokens import token_for

from .factories import ObjectionFactory, PublicNoticeFactory


def _objection(client, notice):
    return {
        "name": "李四",
        "contact": "13900000000",
        "text": "拟立项单位研发投入数据与年报不符。",
        "human_check": client.session[f"human_check:objection:{notice.pk}"]["a"],
    }


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("same_token", [True, False], ids=["double-click", "two-tabs"])
def test_two_simultaneous_objections_with_one_answer_store_one(same_token):
    """A double click sends one token twice; two tabs send two tokens with the one answer the session holds. Either
    way exactly one objection is stored: the duplicate is sent to the notice, the second tab is asked again."""
    notice = PublicNoticeFactory()
    url = reverse("portal:notice", args=[notice.pk])
    browser = Client()
    first_tab, second_tab = browser.get(url), browser.get(url)
    tokens = [token_for(first_tab, url, url), token_for(first_tab if same_token else second_tab, url, url)]
    data = _objection(browser, notice)
    session = browser.cookies[settings.SESSION_COOKIE_NAME].value
    barrier = threading.Barrier(2)
    statuses = []

    def post(token):
        try:
            client = Client()
            client.cookies[settings.SESSION_COOKIE_NAME] = session
            barrier.wait()
            statuses.append(client.post(url, {**data, FIELD: token}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Objection.objects.filter(notice=notice).count() == 1
    assert sorted(statuses) == ([302, 302] if same_token else [200, 302])


@pytest.mark.django_db
def test_a_replayed_objection_is_stored_once_and_leads_back_to_the_notice():
    notice = PublicNoticeFactory()
    url = reverse("portal:notice", args=[notice.pk])
    client = Client()
    token = token_for(client.get(url), url, url)
    data = {**_objection(client, notice), FIELD: token}
    assert client.post(url, data)["Location"] == url
    again = client.post(url, data)
    assert again.status_code == 302 and again["Location"] == url
    assert Objection.objects.count() == 1


@pytest.mark.django_db
def test_publishing_a_notice_that_starts_later_leads_to_the_managed_notice(world, client_for):
    client = client_for("regional_officer")
    starts = clock.today() + datetime.timedelta(days=7)
    response = client.post(
        reverse("portal:notice_create"),
        {
            "kind": "other",
            "title": "拟立项名单公示",
            "body": "正文",
            "starts_on": starts.isoformat(),
            "working_days": "5",
        },
    )
    notice = PublicNotice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:notice_manage", args=[notice.pk])
    page = client.get(response["Location"]).content.decode()
    assert "公示已排期" in page and starts.isoformat() in page and "拟立项名单公示" in page
    assert "仅自治区局可在此查看" in page
    assert client.get(notice.get_absolute_url()).status_code == 404  # not public before its first day


@pytest.mark.django_db
def test_a_notice_running_today_also_leads_to_the_managed_notice_with_its_public_link(world, client_for):
    client = client_for("regional_officer")
    response = client.post(
        reverse("portal:notice_create"),
        {"kind": "other", "title": "公示", "body": "正文", "starts_on": clock.today().isoformat(), "working_days": "5"},
    )
    notice = PublicNotice.objects.get()
    assert response["Location"] == reverse("portal:notice_manage", args=[notice.pk])
    page = client.get(response["Location"]).content.decode()
    assert notice.get_absolute_url() in page


@pytest.mark.django_db
def test_the_managed_notice_lists_its_objections_and_the_list_links_to_it(world, client_for):
    objection = ObjectionFactory()
    client = client_for("regional_officer")
    page = client.get(reverse("portal:notice_manage", args=[objection.notice.pk])).content.decode()
    assert reverse("portal:objection", args=[objection.pk]) in page and objection.name in page
    home = client.get(reverse("portal:manage")).content.decode()
    assert reverse("portal:notice_manage", args=[objection.notice.pk]) in home
