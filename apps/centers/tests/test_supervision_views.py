"""The supervision pages: the tab, an inspection's page and its forms, bad input kept on the page, scoping."""

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse

from apps.centers.models import Center, Finding, Inspection, Rectification
from apps.centers.tests.supervision_setup import (
    acceptance_for,
    finding_for,
    inspection_for,
    rectification_at,
    signed_center,
)
from apps.core import clock

pytestmark = pytest.mark.django_db


@pytest.fixture
def center(world):
    return signed_center(world)


def test_the_tab_lists_inspections_acceptances_and_rectifications(world, center, client_for):
    rectification_at(world, center, "open")
    url = reverse("centers:supervision", args=[center.pk])
    page = client_for("unit_admin").get(url).content.decode()
    assert (
        "建设任务进展" in page
        and reverse("centers:rectification", args=[center.pk, Rectification.objects.get().pk]) in page
    )
    assert reverse("centers:inspection_new", args=[center.pk]) not in page
    region = client_for("regional_officer").get(url).content.decode()
    assert reverse("centers:inspection_new", args=[center.pk]) in region


def test_schedule_an_inspection_through_the_form(world, center, client_for):
    client = client_for("regional_officer")
    url = reverse("centers:inspection_new", args=[center.pk])
    page = client.get(url).content.decode()
    assert world.user("prefecture_officer").display_name in page
    assert world.user("prefecture_officer_other").display_name not in page
    response = client.post(
        url,
        {
            "scheduled_on": clock.today().isoformat(),
            "scope": "建设任务进展",
            "team": "张三",
            "officers": [world.user("prefecture_officer").pk],
        },
    )
    inspection = Inspection.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "centers:inspection", args=[center.pk, inspection.pk]
    )


def test_a_finding_due_in_seven_months_is_refused_on_the_page(world, center, client_for):
    inspection = inspection_for(world, center)
    client = client_for("prefecture_officer")
    due = clock.today() + relativedelta(months=7)
    response = client.post(
        reverse("centers:inspection_finding", args=[center.pk, inspection.pk]),
        {
            "finding-text": "经费支出凭证不全",
            "finding-requires_rectification": "on",
            "finding-requirements": "补齐凭证",
            "finding-due_on": due.isoformat(),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert (clock.today() + relativedelta(months=6)).isoformat() in page
    assert "经费支出凭证不全" in page  # what was typed is kept
    assert not Finding.objects.exists() and not Rectification.objects.exists()
    assert Center.objects.get(pk=center.pk).status == Center.Status.UNDER_CONSTRUCTION


def test_a_finding_requiring_rectification_through_the_form(world, center, client_for):
    inspection = inspection_for(world, center)
    client = client_for("prefecture_officer")
    response = client.post(
        reverse("centers:inspection_finding", args=[center.pk, inspection.pk]),
        {
            "finding-text": "经费支出凭证不全",
            "finding-requires_rectification": "on",
            "finding-requirements": "补齐凭证",
            "finding-due_on": (clock.today() + relativedelta(months=6)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert Rectification.objects.get().finding.text == "经费支出凭证不全"
    assert Center.objects.get(pk=center.pk).status == Center.Status.RECTIFYING


def test_an_officer_not_added_sees_no_finding_form_and_gets_403(world, center, client_for):
    inspection = inspection_for(world, center, officers=())
    client = client_for("prefecture_officer")
    url = reverse("centers:inspection", args=[center.pk, inspection.pk])
    assert 'id="finding-form"' not in client.get(url).content.decode()
    response = client.post(
        reverse("centers:inspection_finding", args=[center.pk, inspection.pk]), {"finding-text": "问题"}
    )
    assert response.status_code == 403
    assert not Finding.objects.exists()


def test_another_prefectures_officer_gets_404(world, center, client_for):
    inspection = inspection_for(world, center)
    client = client_for("prefecture_officer_other")
    assert client.get(reverse("centers:inspection", args=[center.pk, inspection.pk])).status_code == 404
    response = client.post(
        reverse("centers:inspection_finding", args=[center.pk, inspection.pk]), {"finding-text": "问题"}
    )
    assert response.status_code == 404


def test_acceptance_failed_without_requirements_is_refused_on_the_page(world, center, client_for):
    acceptance = acceptance_for(world, center)
    response = client_for("regional_officer").post(
        reverse("centers:acceptance_decide", args=[center.pk, acceptance.pk]),
        {"decide-result": "failed", "decide-opinion": "指标未完成"},
    )
    assert response.status_code == 200
    assert "指标未完成" in response.content.decode()
    assert Center.objects.get(pk=center.pk).status == Center.Status.UNDER_CONSTRUCTION


def test_the_overview_is_scoped(world, center, client_for):
    finding_for(world, inspection_for(world, center), rectify=True)
    url = reverse("centers:supervision_overview")
    assert center.name in client_for("regional_officer").get(url).content.decode()
    assert center.name in client_for("prefecture_officer").get(url).content.decode()
    assert center.name not in client_for("prefecture_officer_other").get(url).content.decode()
    assert client_for("expert").get(url).status_code == 403


def test_the_home_lists_what_is_pending(world, center, client_for):
    rectification_at(world, center, "reported")
    url = reverse("centers:detail", args=[center.pk])
    region = client_for("regional_officer").get(url)
    assert region.status_code == 200
    assert reverse("centers:supervision", args=[center.pk]) in region.content.decode()
