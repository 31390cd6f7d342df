"""The portfolio's pages: the list (filters, order, counts), a patent's page (history, family flagged overseas,
awards, the other parts' panels), the forms (bad input shows the Chinese message at its field and changes nothing,
the edit form prefilled, a lost update refused), the list of every visible patent."""

from datetime import date

import pytest
from django.urls import reverse

from apps.centers.models import Center
from apps.centers.tests.factories import center_for
from apps.patents import detail_panels, portfolio
from apps.patents.models import FamilyMember, Patent
from apps.patents.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def center(world):
    return center_for(world, status=Center.Status.UNDER_CONSTRUCTION)


def _list(center):
    return reverse("patents:portfolio", args=[center.pk])


def _numbers(response) -> list[str]:
    return [p.display_number for p in response.context["page"]]


def _data(**extra):
    return {
        "application_number": "CN201611162814.0",
        "title": "一种稀土永磁材料的制备方法",
        "filing_date": "2016-12-15",
        "legal_status": "pending",
        "applicants": "包头稀土研究院",
        **extra,
    }


def test_the_lead_unit_enters_a_patent_and_finds_it_in_the_list(world, center, client_for):
    client = client_for("unit_admin")
    new = reverse("patents:patent_new", args=[center.pk])
    page = client.get(new)
    assert page.status_code == 200 and "录入专利" in page.content.decode()
    response = client.post(new, _data(tasks=["transfer_use"]))
    patent = Patent.objects.get()
    assert response.status_code == 302 and response["Location"] == patent.get_absolute_url()
    listed = client.get(_list(center))
    assert _numbers(listed) == ["CN201611162814.0"]
    assert "一种稀土永磁材料的制备方法" in listed.content.decode()


def test_a_bad_number_is_shown_at_its_field_and_nothing_typed_is_lost(world, center, client_for):
    client = client_for("unit_admin")
    response = client.post(reverse("patents:patent_new", args=[center.pk]), _data(application_number="201611162814.1"))
    assert response.status_code == 200 and not Patent.objects.exists()
    form = response.context["form"]
    assert "application_number" in form.errors
    assert "校验" in " ".join(form.errors["application_number"])
    html = response.content.decode()
    assert 'value="201611162814.1"' in html and "一种稀土永磁材料的制备方法" in html and "包头稀土研究院" in html


def test_a_duplicate_number_links_to_the_existing_record(world, center, client_for):
    existing = factories.patent(center, application_number="201611162814.0")
    client = client_for("unit_member")
    response = client.post(reverse("patents:patent_new", args=[center.pk]), _data(application_number="ZL2016111628140"))
    assert response.status_code == 200 and Patent.objects.count() == 1
    assert f'href="{existing.get_absolute_url()}"' in response.content.decode()


def test_a_future_date_and_a_grant_before_filing_are_refused_at_their_fields(world, center, client_for):
    client = client_for("unit_admin")
    url = reverse("patents:patent_new", args=[center.pk])
    response = client.post(url, _data(filing_date="2099-01-01"))
    assert "filing_date" in response.context["form"].errors and not Patent.objects.exists()
    response = client.post(url, _data(legal_status="granted", grant_date="2016-01-01"))
    assert "grant_date" in response.context["form"].errors and not Patent.objects.exists()


def test_the_edit_form_is_prefilled_and_a_lost_update_is_refused(world, center, client_for):
    patent = portfolio.patent_create(
        world.user("unit_admin"), center, application_number="201611162814.0", title="原标题",
        filing_date=date(2016, 12, 15), applicants=["甲", "乙"],
    )  # fmt: skip
    url = reverse("patents:patent_edit", args=[center.pk, patent.pk])
    first, second = client_for("unit_admin"), client_for("unit_member")
    page = first.get(url)
    initial = page.context["form"].initial
    assert initial["application_number"] == "CN201611162814.0" and initial["applicants"] == "甲; 乙"
    seen = initial["seen"]
    second.get(url)
    data = {"application_number": "CN201611162814.0", "title": "甲的标题", "filing_date": "2016-12-15", "seen": seen}
    assert first.post(url, data).status_code == 302
    late = second.post(url, {**data, "title": "乙的标题"})
    assert late.status_code == 200 and "他人修改" in late.content.decode()
    assert 'value="乙的标题"' in late.content.decode()  # what the second editor typed is still there
    patent.refresh_from_db()
    assert patent.title == "甲的标题"


def test_the_patent_page_shows_history_family_awards_and_panels(world, center, client_for):
    admin = world.user("unit_admin")
    patent = portfolio.patent_create(
        admin, center, application_number="201611162814.0", title="标题", filing_date=date(2016, 12, 15)
    )
    portfolio.legal_status_record(admin, patent, "granted", date(2019, 3, 1), "授权公告")
    portfolio.family_member_add(admin, patent, "US20190123456A1")
    portfolio.family_member_add(admin, patent, "CN107346321A")
    portfolio.award_add(admin, patent, kind="china_patent", name="中国专利优秀奖", awarded_on=date(2022, 7, 1))
    detail_panels.register(
        detail_panels.Panel("test_panel", "patents/portfolio/_status.html",
                            lambda request, p: {"status": "granted", "label": f"面板{p.pk}"}, order=1)
    )  # fmt: skip
    detail_panels.register(detail_panels.Panel("hidden_panel", "patents/portfolio/_status.html", lambda r, p: None))
    try:
        response = client_for("prefecture_officer").get(patent.get_absolute_url())
    finally:
        detail_panels.unregister("test_panel")
        detail_panels.unregister("hidden_panel")
    html = response.content.decode()
    assert response.status_code == 200
    assert "CN201611162814.0" in html and "授权公告" in html and "中国专利优秀奖" in html
    assert [m.number for m in response.context["overseas"]] == ["US20190123456A1"]
    assert f"面板{patent.pk}" in html and 'data-panel="test_panel"' in html and "hidden_panel" not in html
    assert reverse("patents:patent_edit", args=[center.pk, patent.pk]) not in html  # an officer keeps nothing


def test_the_status_form_refuses_a_future_date_in_chinese(world, center, client_for):
    patent = factories.patent(center)
    url = reverse("patents:patent_status", args=[center.pk, patent.pk])
    response = client_for("unit_admin").post(url, {"status": "granted", "on": "2099-01-01", "note": ""})
    assert response.status_code == 200 and "晚于今天" in response.content.decode()
    patent.refresh_from_db()
    assert patent.legal_status == "pending" and not patent.status_history.exists()


def test_family_add_and_remove_by_form(world, center, client_for):
    patent = factories.patent(center)
    client = client_for("unit_admin")
    add = reverse("patents:family_add", args=[center.pk, patent.pk])
    bad = client.post(add, {"number": "123456", "country": ""})
    assert bad.status_code == 200 and not FamilyMember.objects.exists()
    assert "country" in bad.context["form"].errors
    assert client.post(add, {"number": "HK1234567A", "country": ""}).status_code == 302
    member = FamilyMember.objects.get()
    assert member.overseas and member.country == "HK"
    remove = reverse("patents:family_remove", args=[center.pk, patent.pk, member.pk])
    assert client.post(remove).status_code == 302 and not FamilyMember.objects.exists()
    again = client.post(remove, follow=True)
    assert "已被删除" in again.content.decode()


def test_delete_a_form_record_and_refuse_an_imported_one(world, center, client_for):
    client = client_for("unit_admin")
    mine = factories.patent(center)
    imported = factories.patent(center, source="import")
    refused = client.post(reverse("patents:patent_delete", args=[center.pk, imported.pk]), follow=True)
    assert "不能删除" in refused.content.decode() and Patent.objects.filter(pk=imported.pk).exists()
    done = client.post(reverse("patents:patent_delete", args=[center.pk, mine.pk]))
    assert done["Location"] == _list(center) and not Patent.objects.filter(pk=mine.pk).exists()


@pytest.mark.parametrize("actor", ["unit_admin_other", "prefecture_officer", "regional_officer"])
def test_a_partner_or_an_officer_sees_but_cannot_edit(world, center, client_for, actor):
    from apps.centers.models import CenterPartner
    from apps.core import clock

    CenterPartner.objects.create(
        center=center, organization=world.org_other, role="upstream_enterprise", joined_on=clock.today()
    )
    patent = factories.patent(center)
    client = client_for(actor)
    assert client.get(patent.get_absolute_url()).status_code == 200
    edit = reverse("patents:patent_edit", args=[center.pk, patent.pk])
    response = client.post(edit, {"application_number": "", "title": "改", "filing_date": "2021-03-01"})
    assert response.status_code == 403 and "牵头单位" in response.content.decode()
    assert client.get(reverse("patents:patent_new", args=[center.pk])).status_code == 403


def test_an_ended_center_shows_its_patents_read_only(world, center, client_for):
    patent = factories.patent(center)
    Center.objects.filter(pk=center.pk).update(status=Center.Status.TERMINATED)
    client = client_for("unit_admin")
    page = client.get(patent.get_absolute_url())
    assert page.status_code == 200 and not page.context["can_keep"]
    response = client.get(reverse("patents:patent_new", args=[center.pk]))
    assert response.status_code == 403 and "已结束" in response.content.decode()


# ---------------------------------------------------------------- filters and order


@pytest.fixture
def many(world, center):
    admin = world.user("unit_admin")
    a = factories.patent(
        center, application_number="201611162814.0", title="稀土永磁材料", filing_date=date(2016, 12, 15),
        legal_status="granted", grant_date=date(2019, 3, 1), grade="A", applicants=["包头稀土研究院"],
        tasks=["transfer_use"],
    )  # fmt: skip
    b = factories.patent(
        center, application_number=factories.number(year=2020, kind=2), title="乳清蛋白提取装置",
        patent_type="utility_model", filing_date=date(2020, 5, 6), applicants=["伊利集团"],
    )  # fmt: skip
    c = factories.patent(
        center, application_number=factories.number(year=2022), title="煤制烯烃催化剂", filing_date=date(2022, 1, 10),
        legal_status="granted", grant_date=date(2024, 2, 1), tasks=["forward_layout", "transfer_use"],
    )  # fmt: skip
    FamilyMember.objects.create(patent=c, number="US20230123456A1", country="US", overseas=True)
    FamilyMember.objects.create(patent=b, number="CN112345678A", country="CN", overseas=False)
    other = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    factories.patent(other, title="别的中心的专利", user=admin)
    return a, b, c


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["c", "b", "a"]),
        ("patent_type=utility_model", ["b"]),
        ("legal_status=granted", ["c", "a"]),
        ("grade=A", ["a"]),
        ("grade=none", ["c", "b"]),
        ("task=transfer_use", ["c", "a"]),
        ("task=forward_layout", ["c"]),
        ("year_from=2017&year_to=2021", ["b"]),
        ("overseas=true", ["c"]),
        ("overseas=false", ["b", "a"]),
        ("q=稀土", ["a"]),
        ("q=伊利", ["b"]),
        ("q=CN2016111628140", ["a"]),
        ("q=ZL201611162814.0", ["a"]),
        ("q=2016111628", ["a"]),
        ("sort=filing", ["a", "b", "c"]),
        ("sort=-grant", ["c", "a", "b"]),
        ("sort=grant", ["a", "c", "b"]),
        ("year_from=abc", ["c", "b", "a"]),  # not a year: the form says so, the filter is ignored
        ("legal_status=sleeping", ["c", "b", "a"]),
    ],
)
def test_the_filters_and_the_order(world, center, client_for, many, query, expected):
    names = dict(zip("abc", many, strict=True))
    response = client_for("prefecture_officer").get(f"{_list(center)}?{query}")
    assert response.status_code == 200
    assert _numbers(response) == [names[k].display_number for k in expected]


def test_the_counts_by_type_and_status(world, center, client_for, many):
    response = client_for("unit_admin").get(_list(center) + "?patent_type=design")
    counts = response.context["counts"]
    assert counts.total == 3  # the whole portfolio, whatever the filters
    assert [(v, n) for v, _l, n in counts.by_type] == [("invention", 2), ("utility_model", 1)]
    assert [(v, n) for v, _l, n in counts.by_status] == [("pending", 1), ("granted", 2)]
    assert "没有符合筛选条件的专利" in response.content.decode()


# ---------------------------------------------------------------- every visible patent


def test_all_patents_by_role(world, center, client_for, many):
    url = reverse("patents:all")
    regional = client_for("regional_officer").get(url)
    assert len(regional.context["page"]) == 4
    prefecture = client_for("prefecture_officer").get(url)
    assert len(prefecture.context["page"]) == 4  # both centers are in prefecture A
    assert client_for("prefecture_officer_other").get(url).context["page"].paginator.count == 0
    unit = client_for("unit_admin").get(f"{url}?center={center.pk}")
    assert len(unit.context["page"]) == 3
    other = client_for("unit_admin_other").get(f"{url}?center={center.pk}")
    assert other.status_code == 200 and other.context["page"].paginator.count == 0  # not its center: ignored+empty
    assert client_for("expert").get(url).status_code == 403
