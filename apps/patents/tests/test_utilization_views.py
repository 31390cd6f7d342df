"""The utilization and standards pages: GET and POST through the test client, a refusal shown in Chinese with what
was typed and nothing changed, the filters and totals, the patent page's panels, and the query counts of every list
and detail page at two sizes (5 and 50 events; few and many standards, alliances and patents)."""

from datetime import date

import pytest
from django.urls import reverse

from apps.centers.models import Center
from apps.patents import standards, utilization
from apps.patents.models import Alliance, Exploitation, Standard
from apps.patents.tests import factories
from tests.query_counts import assert_flat

from . import utilization_setup as setup

pytestmark = pytest.mark.django_db
TODAY = date(2026, 5, 4)


@pytest.fixture(autouse=True)
def _today(clock):
    clock.set(TODAY)


@pytest.fixture
def center(world):
    from apps.centers.tests.factories import center_for

    return center_for(world, status=Center.Status.UNDER_CONSTRUCTION)


@pytest.fixture
def granted(center):
    return setup.granted(center)


def _events(world, center, patent, n):
    for i in range(n):
        utilization.record_event(
            world.user("unit_admin"), center, patent=patent, kind="license" if i % 2 else "pledge",
            license_type="sole" if i % 2 else "", counterparty=f"对方{i}", amount=str(1000 + i),
            starts_on=date(2025, 1 + i % 12, 1),
        )  # fmt: skip


def test_record_a_licence_through_the_form(world, client_for, center, granted):
    client = client_for("unit_member")
    url = reverse("patents:utilization_new", args=[center.pk])
    assert client.get(url + f"?patent={granted.pk}").status_code == 200
    response = client.post(url, {**setup.licence_data(granted), "amount": "12345.6"})
    event = Exploitation.objects.get()
    assert response.status_code == 302 and response["Location"] == utilization.url_of(event)
    page = client.get(response["Location"]).content.decode()
    assert "12,345.60" in page and "无证明材料" in page


def test_a_refusal_keeps_what_was_typed_and_changes_nothing(client_for, center, granted):
    client = client_for("unit_admin")
    url = reverse("patents:utilization_new", args=[center.pk])
    response = client.post(url, {**setup.licence_data(granted), "amount": "-5", "counterparty": "某某公司"})
    page = response.content.decode()
    assert response.status_code == 200 and "不能为负数" in page
    assert 'value="-5"' in page and "某某公司" in page
    response = client.post(url, {**setup.licence_data(granted), "kind": "assignment"})
    assert "只有许可才有许可类型" in response.content.decode()
    assert not Exploitation.objects.exists()


def test_a_patent_of_another_center_cannot_be_chosen(world, client_for, center):
    from apps.centers.tests.factories import center_for

    other = center_for(world, org=world.org_other, status=Center.Status.UNDER_CONSTRUCTION)
    foreign = setup.granted(other)
    response = client_for("unit_admin").post(
        reverse("patents:utilization_new", args=[center.pk]), setup.licence_data(foreign)
    )
    assert response.status_code == 200 and not Exploitation.objects.exists()


def test_the_list_filters_and_totals(world, client_for, center, granted):
    _events(world, center, granted, 4)  # pledges 1000, 1002; licences 1001, 1003 — all in 2025
    client = client_for("prefecture_officer")
    url = reverse("patents:utilization", args=[center.pk])
    page = client.get(url + "?kind=license&year=2025").content.decode()
    assert "对方1" in page and "对方0" not in page
    totals = client.get(url).context["totals"]
    assert [(k, c, str(a)) for _label, k, c, a in totals if c] == [("license", 2, "2004.00"), ("pledge", 2, "2002.00")]
    assert client.get(url + "?year=2024").context["total_count"] == 0


def test_edit_and_delete_through_the_pages(world, client_for, center, granted):
    event = setup.event(world, center)
    client = client_for("unit_admin")
    edit = reverse("patents:utilization_edit", args=[center.pk, event.pk])
    data = {**setup.licence_data(event.patent), "counterparty": "更正后的公司"}
    assert client.post(edit, data).status_code == 302
    event.refresh_from_db()
    assert event.counterparty == "更正后的公司"
    delete = reverse("patents:utilization_delete", args=[center.pk, event.pk])
    response = client.post(delete, {"reason": ""})
    assert response.status_code == 200 and Exploitation.objects.exists()
    assert client.post(delete, {"reason": "重复录入"}).status_code == 302 and not Exploitation.objects.exists()


def test_standards_and_alliances_through_the_forms(world, client_for, center, granted):
    client = client_for("unit_admin")
    second = setup.granted(center)
    response = client.post(
        reverse("patents:standard_new", args=[center.pk]),
        {"number": "DB15/T 1234-2021", "name": "地方标准", "level": "national", "role": "lead", "status": "published",
         "published_on": "2021-06-01", "patents": [str(granted.pk), str(second.pk)]},
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200 and "核对级别" in page and "DB15/T 1234-2021" in page
    assert not Standard.objects.exists()
    response = client.post(
        reverse("patents:alliance_new", args=[center.pk]),
        {"kind": "pool", "name": "稀土专利池", "role": "member", "joined_on": "2024-01-01",
         "members": [str(world.org.pk)], "other_members": "某研究院", "patents": [str(granted.pk)]},
    )  # fmt: skip
    alliance = Alliance.objects.get()
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert world.org.name in page and "某研究院" in page
    overview = client.get(reverse("patents:standards", args=[center.pk])).content.decode()
    assert alliance.name in overview


def test_the_patent_page_shows_both_panels(world, client_for, center, granted):
    setup.event(world, center)
    standards.record_standard(world.user("unit_admin"), center, number="T/CAS 001-2023", name="团体标准",
                              level="group", role="participant", published_on=date(2023, 1, 1),
                              patents=[granted])  # fmt: skip
    page = client_for("regional_officer").get(granted.get_absolute_url()).content.decode()
    assert "T/CAS 001-2023" in page


# ---------------------------------------------------------------- query counts


def test_the_events_list_is_flat(world, client_for, center, granted):
    _events(world, center, granted, 5)
    client = client_for("unit_admin")
    count = assert_flat(
        client, reverse("patents:utilization", args=[center.pk]), grow=lambda: _events(world, center, granted, 45)
    )
    print(f"patents:utilization: {count} queries")


def test_an_event_and_the_patent_panel_are_flat(world, client_for, center, granted):
    event = setup.event(world, center)
    client = client_for("unit_admin")
    assert_flat(client, reverse("patents:utilization_event", args=[center.pk, event.pk]),
                grow=lambda: _events(world, center, event.patent, 10))  # fmt: skip
    # The patent's page is the portfolio's (its own limit is tested there): here only that the panels stay flat.
    assert_flat(client, event.patent.get_absolute_url(), grow=lambda: _events(world, center, event.patent, 10))


def test_the_standards_page_is_flat(world, client_for, center, granted):
    user = world.user("unit_admin")

    def grow(n=5, start=0):
        def make():
            patents = [factories.patent(center) for _ in range(3)]
            for i in range(start, start + n):
                standards.record_standard(user, center, number=f"GB/T {100 + i}-2020", name="标准", level="national",
                                          role="lead", published_on=date(2020, 1, 1), patents=patents)  # fmt: skip
                standards.record_alliance(user, center, kind="alliance", name=f"联盟{i}", role="member",
                                          joined_on=date(2024, 1, 1), members=[world.org], patents=patents)  # fmt: skip

        return make

    grow(2, 0)()
    client = client_for("prefecture_officer")
    assert_flat(client, reverse("patents:standards", args=[center.pk]), grow=grow(8, 10))
    standard = Standard.objects.first()
    alliance = Alliance.objects.first()
    assert_flat(client, reverse("patents:standard", args=[center.pk, standard.pk]),
                grow=lambda: standard.patents.add(*[factories.patent(center) for _ in range(5)]))  # fmt: skip
    assert_flat(client, reverse("patents:alliance", args=[center.pk, alliance.pk]),
                grow=lambda: alliance.patents.add(*[factories.patent(center) for _ in range(5)]))  # fmt: skip
