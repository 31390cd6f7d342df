"""Prior-art search's pages: a search from a dataset and from a disclosure, bad input (empty, too long, no index)
answered with the form and the Chinese message and nothing saved, the result page escaping what the records hold,
and the panel on the disclosure's page."""

import pytest
from django.urls import reverse

from apps.navigation import services_search
from apps.navigation.models import PriorArtSearch
from apps.navigation.tests.builders import center_of, dataset_with, record
from apps.patents.tests.assessment_setup import draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def center(world):
    return center_of(world)


@pytest.fixture
def dataset(world, center):
    records = [
        record(1, title="<script>alert(1)</script>一种钕铁硼磁体的晶界扩散方法", abstract="涂覆镝后晶界扩散。"),
        record(2, title="一种发酵乳", abstract="乳酸菌发酵。"),
    ]
    ds = dataset_with(center, world.user("unit_admin"), records)
    assert services_search.index_build(ds.pk, ds.version) == "built"
    ds.refresh_from_db()
    return ds


def test_a_search_from_a_dataset_lists_the_closest_patent_highlighted_and_escaped(world, client_for, dataset):
    client = client_for("unit_member")
    url = reverse("navigation:search_new", args=[dataset.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "钕铁硼晶界扩散", "abstract": "", "claims": ""}, follow=True)
    found = PriorArtSearch.objects.get()
    assert response.redirect_chain[-1][0] == found.get_absolute_url()
    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;一种<mark>钕铁硼</mark>" in html
    assert "<script>alert(1)" not in html
    assert "发酵乳" not in html  # no shared term: not listed


@pytest.mark.parametrize(
    "data, words",
    [
        ({"title": ""}, "这个字段是必填项"),
        ({"title": "一种", "abstract": "稀" * 100_000}, "摘要最多可填写 20000 个字符，现有 100000 个"),
        ({"title": "一种", "claims": "稀" * 20_001}, "权利要求书最多可填写 20000 个字符，现有 20001 个"),
    ],
)
def test_bad_input_shows_the_form_again_with_the_message(world, client_for, dataset, data, words):
    response = client_for("unit_admin").post(
        reverse("navigation:search_new", args=[dataset.pk]), {"abstract": "", "claims": "", **data}
    )
    assert response.status_code == 200
    assert words in response.content.decode()
    assert not PriorArtSearch.objects.exists()


def test_a_dataset_without_an_index_says_so_and_offers_to_build_it(world, client_for, center):
    ds = dataset_with(center, world.user("unit_admin"), [record(1)], name="无索引数据集")
    client = client_for("unit_admin")
    url = reverse("navigation:search_new", args=[ds.pk])
    page = client.get(url).content.decode()
    assert 'id="search-refusal"' in page and reverse("navigation:search_index", args=[ds.pk]) in page
    response = client.post(url, {"title": "稀土永磁", "abstract": "", "claims": ""})
    assert response.status_code == 200 and not PriorArtSearch.objects.exists()
    assert "索引" in response.content.decode()


def test_a_search_from_a_disclosure_is_prefilled_and_shown_on_the_disclosure(world, client_for, center, dataset):
    disclosure = draft(world, center)
    client = client_for("unit_admin")
    url = reverse("navigation:search_disclosure", args=[disclosure.pk])
    page = client.get(url).content.decode()
    assert disclosure.title in page and disclosure.solution in page and disclosure.claims_draft in page
    response = client.post(
        url, {"dataset": dataset.pk, "title": disclosure.title, "abstract": disclosure.solution, "claims": ""}
    )
    found = PriorArtSearch.objects.get()
    assert response.status_code == 302 and found.disclosure == disclosure
    detail = client.get(disclosure.get_absolute_url()).content.decode()
    assert 'id="prior-art-panel"' in detail and found.get_absolute_url() in detail
    assert url in detail  # the 查新检索 link
    # the prefecture office sees filed disclosures only and never the searches: no panel for a filed one either
    assert "prior-art-panel" not in client_for("prefecture_officer").get(disclosure.get_absolute_url()).content.decode()


def test_the_centers_searches_are_listed_for_the_lead_unit(world, client_for, center, dataset):
    services_search.search(world.user("unit_admin"), dataset, title="钕铁硼晶界扩散")
    page = client_for("unit_member").get(reverse("navigation:searches", args=[center.pk])).content.decode()
    assert "钕铁硼晶界扩散" in page
