"""The patents behind every figure of a navigation report (issue 19: "every bar or point opens the list of patents
behind it"): over the hand-checked dataset of test_analyses, each bar's list has exactly the bar's count."""

from datetime import date

import pytest

from apps.core.errors import DomainError
from apps.navigation import analyses
from apps.navigation import scope as scopes
from apps.navigation.drilldown import patents_behind
from apps.navigation.models import LandscapeDataset
from apps.navigation.tests.test_analyses import SCOPE, hand_dataset, key

pytestmark = pytest.mark.django_db


def figures(results) -> list[tuple[str, object, int]]:
    """(facet, value, count) of every bar and point of the report."""
    trend, region = results["trend"], results["inner_mongolia"]
    found = [("year", year, n) for year, n in zip(trend["years"], trend["applications"], strict=True)]
    found += [("applicant", item["name"], item["count"]) for item in results["applicants"]["top"]]
    found += [("applicant_type", item["type"], item["count"]) for item in results["applicants"]["types"]]
    found += [("ipc_subclass", item["code"], item["count"]) for item in results["ipc"]["subclasses"]]
    found += [("ipc_group", item["code"], item["count"]) for item in results["ipc"]["groups"]]
    found += [("country", item["code"], item["count"]) for item in results["regions"]["countries"]]
    found += [("province", item["code"], item["count"]) for item in results["regions"]["provinces"]]
    found += [("prefecture", item["code"], item["count"]) for item in results["regions"]["prefectures"]]
    found += [("legal_status", item["status"], item["count"]) for item in results["legal_status"]]
    found += [("key", item["key"], 1) for item in results["key_patents"]]
    found += [("applicant", node["name"], node["count"]) for node in results["network"]["nodes"]]
    found += [("inner_mongolia_year", y, n) for y, n in zip(region["years"], region["region_by_year"], strict=True)]
    found += [("nation_year", y, n) for y, n in zip(region["years"], region["nation_by_year"], strict=True)]
    return found


def test_every_figure_lists_as_many_patents_as_it_counts(world):
    dataset = hand_dataset(world)
    scope = scopes.parse(SCOPE)
    results = analyses.run_all(dataset, scope)
    checked = figures(results)
    assert len(checked) > 60
    for facet, value, count in checked:
        rows, total = patents_behind(dataset, scope, facet, value, per_page=100)
        assert total == count == len(rows), (facet, value)


def test_rows_newest_first_then_by_key_and_paged(world):
    dataset = hand_dataset(world)
    scope = scopes.parse(SCOPE)
    # 2021: 7 (Nov 5), 5 (Jun 1), 6 (Jan 10)
    rows, total = patents_behind(dataset, scope, "year", "2021")
    assert total == 3 and [row["key"] for row in rows] == [key(7), key(5), key(6)]
    rows, total = patents_behind(dataset, scope, "year", 2021, page=2, per_page=2)
    assert total == 3 and [row["key"] for row in rows] == [key(6)]
    assert patents_behind(dataset, scope, "year", 2021, page=3, per_page=2) == ([], 3)
    row = patents_behind(dataset, scope, "key", key(6))[0][0]
    assert row["filing_date"] == date(2021, 1, 10) and row["year"] == 2021
    assert row["applicants"] == ["日立金属株式会社"] and row["ipc_main"] == "H01F1/057"
    assert (row["cited_by"], row["family_size"], row["overseas"]) == (20, 5, True)
    assert row["legal_status"] == "granted" and row["publication_number"] == "CN100000006A"
    # the record without a filing date comes last
    rows, _total = patents_behind(dataset, scope, "ipc_group", "H01F1/057", per_page=100)
    assert rows[-1]["key"] == key(15) and rows[-1]["filing_date"] is None


def test_the_scope_still_applies(world):
    dataset = hand_dataset(world)
    # applicant A: 1,3,5,7,10,13 in H01F; 16 (C22C) is A's too but out of scope
    assert patents_behind(dataset, scopes.parse(SCOPE), "applicant", "包头稀土研究院")[1] == 6
    assert patents_behind(dataset, scopes.parse({"ipc": "C22C"}), "applicant", "包头稀土研究院")[1] == 1


@pytest.mark.parametrize(
    "facet, value, page, per_page",
    [
        ("colour", "red", 1, 25),
        ("year", "二〇二一", 1, 25),
        ("year", "1800", 1, 25),
        ("year", "2_021", 1, 25),
        ("ipc_subclass", "H1", 1, 25),
        ("province", "99", 1, 25),
        ("prefecture", "110100", 1, 25),
        ("applicant_type", "company", 1, 25),
        ("legal_status", "alive", 1, 25),
        ("applicant", "", 1, 25),
        ("applicant", "x" * 201, 1, 25),
        ("year", 2021, 0, 25),
        ("year", 2021, "1_0", 25),
        ("year", 2021, 1, 101),
        ("year", 2021, 1, 0),
    ],
)
def test_bad_facets_and_pages_are_refused_in_chinese(world, facet, value, page, per_page):
    dataset = hand_dataset(world)
    with pytest.raises(DomainError) as caught:
        patents_behind(dataset, scopes.parse(SCOPE), facet, value, page=page, per_page=per_page)
    assert caught.value.code == "bad_facet"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(caught.value.message))


@pytest.mark.parametrize("status", [LandscapeDataset.Status.IMPORTING, LandscapeDataset.Status.EMPTY])
def test_a_dataset_not_ready_is_refused(world, status):
    dataset = hand_dataset(world)
    LandscapeDataset.objects.filter(pk=dataset.pk).update(status=status)
    dataset.refresh_from_db()
    scope = scopes.parse(SCOPE)
    for call in (
        lambda: analyses.run_all(dataset, scope),
        lambda: analyses.one(dataset, scope, "trend"),
        lambda: patents_behind(dataset, scope, "year", 2021),
    ):
        with pytest.raises(DomainError) as caught:
            call()
        assert caught.value.code == "dataset_not_ready"
        assert ("正在导入" if status == "importing" else "尚无") in str(caught.value.message)


def test_an_unknown_analysis_is_refused(world):
    with pytest.raises(DomainError) as caught:
        analyses.one(hand_dataset(world), scopes.parse(SCOPE), "horoscope")
    assert caught.value.code == "bad_analysis"
