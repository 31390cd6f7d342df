"""Every analysis of a navigation report against a small hand-checked dataset (issue 19: "Each analysis is tested
against a small hand-checked dataset (counts, CAGR, CR4, HHI computed by hand in the test)").

The dataset (`hand_dataset`): 17 records, 15 of them in the scope IPC "H01F" (16 and 17 are C22C / G06F only).
Cut-off 2026-06-30: a filing year is complete once 18 months after its end lie before the cut-off, so the last
complete year is 2024 (2024-12-31 + 18 months = 2026-06-30) and 2025 is still being published.

     n  year  applicants  first type     IPC codes                      status       where        cited fam overseas
     1  2019  A           institute      H01F1/057                      granted      CN 15 150200  10   1
     2  2019  B           enterprise     H01F1/057 C22C38/00            granted      CN 33          2   3   yes
     3  2020  A C         institute      H01F1/08                       published    CN 15 150100   0   1
     4  2020  B           enterprise     H01F41/02                      pending      CN 33          5   1
     5  2021  A           institute      H01F1/057 H02K1/27             granted      CN 15 150200   1   1
     6  2021  D           enterprise     H01F1/057                      granted      JP            20   5   yes
     7  2021  B A         enterprise     H01F1/057                      lapsed       CN 33          0   1
     8  2022  E           individual     H01F7/02 B22F3/00              rejected     CN 11          0   1
     9  2022  C           university     H01F1/08 H02K1/27              published    CN 15 150100   3   1
    10  2022  A C         institute      H01F1/057                      granted      CN 15 150200   4   2
    11  2023  F           enterprise     H01F1/057 B22F3/00             published    CN 33          0   1
    12  2023  B           enterprise     H02K1/27 H01F1/057             pending      CN 33          0   1
    13  2024  A           institute      H01F1/057 H02K1/27 B22F3/00    published    CN 15 150200   0   1
    14  2025  B           enterprise     H01F1/057                      pending      CN 33          0   1
    15  —     G           (none: other)  H01F1/057                      (none)       US             0   1
    16  2021  A           institute      C22C38/00                      granted      CN 15 150200   (out of scope)
    17  2022  X           enterprise     G06F16/00                      granted      CN 11          (out of scope)

A = 包头稀土研究院, B = 宁波韵升股份有限公司, C = 内蒙古大学, D = 日立金属株式会社, E = 张伟,
F = 北京中科三环高技术股份有限公司, G = ACME Corp (its type is not recorded: `schema.applicant_type` says enterprise).
Ties are broken by name in code-point order: ASCII first, then 内 U+5185 < 包 U+5305 < 北 U+5317 < 宁 U+5B81 <
张 U+5F20 < 日 U+65E5."""

import math
import shutil
from datetime import date

import pytest

from apps.navigation import analyses, store
from apps.navigation import scope as scopes
from apps.navigation.analyses.scoped import Scoped
from apps.navigation.tests.builders import center_of, dataset_with, record
from apps.reference.models import Prefecture

A, B, C = "包头稀土研究院", "宁波韵升股份有限公司", "内蒙古大学"
D, E, F, G = "日立金属株式会社", "张伟", "北京中科三环高技术股份有限公司", "ACME Corp"
TYPES = {A: "institute", B: "enterprise", C: "university", D: "enterprise", E: "individual", F: "enterprise"}


def _r(n, year, names, ipc, status, country="CN", province="", prefecture="", cited=0, family=1, overseas=False, **kw):
    values = {
        "applicants": names,
        "applicant_types": [TYPES[name] for name in names if name in TYPES],
        "ipc": ipc,
        "ipc_main": ipc[0],
        "legal_status": status,
        "country": country,
        "province": province,
        "prefecture": prefecture,
        "cited_by": cited,
        "family_size": family,
        "overseas": overseas,
        "title": f"记录{n}",
    }
    values["filing_year"] = year or 2020
    values.update(kw)
    data = record(n, **values)
    if year is None:  # no filing date known
        data.update(filing_year=None, filing_date=None, publication_date=None)
    return data


def hand_records() -> list[dict]:
    return [
        _r(1, 2019, [A], ["H01F1/057"], "granted", province="15", prefecture="150200", cited=10),
        _r(2, 2019, [B], ["H01F1/057", "C22C38/00"], "granted", province="33", cited=2, family=3, overseas=True),
        _r(3, 2020, [A, C], ["H01F1/08"], "published", province="15", prefecture="150100"),
        _r(4, 2020, [B], ["H01F41/02"], "pending", province="33", cited=5),
        _r(
            5,
            2021,
            [A],
            ["H01F1/057", "H02K1/27"],
            "granted",
            province="15",
            prefecture="150200",
            cited=1,
            filing_date=date(2021, 6, 1),
        ),
        _r(
            6,
            2021,
            [D],
            ["H01F1/057"],
            "granted",
            country="JP",
            cited=20,
            family=5,
            overseas=True,
            filing_date=date(2021, 1, 10),
        ),
        _r(7, 2021, [B, A], ["H01F1/057"], "lapsed", province="33", filing_date=date(2021, 11, 5)),
        _r(8, 2022, [E], ["H01F7/02", "B22F3/00"], "rejected", province="11"),
        _r(9, 2022, [C], ["H01F1/08", "H02K1/27"], "published", province="15", prefecture="150100", cited=3),
        _r(10, 2022, [A, C], ["H01F1/057"], "granted", province="15", prefecture="150200", cited=4, family=2),
        _r(11, 2023, [F], ["H01F1/057", "B22F3/00"], "published", province="33"),
        _r(12, 2023, [B], ["H02K1/27", "H01F1/057"], "pending", province="33"),
        _r(13, 2024, [A], ["H01F1/057", "H02K1/27", "B22F3/00"], "published", province="15", prefecture="150200"),
        _r(14, 2025, [B], ["H01F1/057"], "pending", province="33"),
        _r(15, None, [G], ["H01F1/057"], "", country="US", applicant_types=[]),
        _r(16, 2021, [A], ["C22C38/00"], "granted", province="15", prefecture="150200"),
        _r(17, 2022, ["某某科技有限公司"], ["G06F16/00"], "granted", province="11", applicant_types=["enterprise"]),
    ]


def hand_dataset(world, **kw):
    return dataset_with(center_of(world), world.user("unit_admin"), hand_records(), cutoff=date(2026, 6, 30), **kw)


def key(n: int) -> str:
    return f"AN:2020101{n:06d}.X"


SCOPE = {"ipc": "H01F"}


@pytest.fixture(params=["summary", "records"])
def results(world, request):
    """Every figure both ways: from the version's summary (15 of 17 records in scope: its counts less the two
    records outside, `analyses.tallies`) and from the records in scope (the summary removed)."""
    dataset = hand_dataset(world)
    if request.param == "records":
        shutil.rmtree(store.summary_dir(dataset))
    with Scoped(dataset, scopes.parse(SCOPE)) as found:
        assert found.summarised is (request.param == "summary")
    return analyses.run_all(dataset, scopes.parse(SCOPE))


@pytest.mark.django_db
def test_total_counts_the_records_in_scope_only(results):
    # 17 records, 16 (C22C) and 17 (G06F) have no H01F code
    assert results["total"] == 15


@pytest.mark.django_db
def test_filing_trend_by_year_with_cagr_from_the_first_to_the_last_complete_year(results):
    trend = results["trend"]
    assert trend["years"] == [2019, 2020, 2021, 2022, 2023, 2024, 2025]
    # 2019: 1,2  2020: 3,4  2021: 5,6,7  2022: 8,9,10  2023: 11,12  2024: 13  2025: 14  (15 has no year)
    assert trend["applications"] == [2, 2, 3, 3, 2, 1, 1]
    assert trend["unknown_year"] == 1
    # distinct applicants: 2019 A,B  2020 A,C,B  2021 A,D,B  2022 E,C,A  2023 F,B  2024 A  2025 B
    assert trend["applicants"] == [2, 3, 3, 3, 2, 1, 1]
    assert trend["complete_to"] == 2024 and trend["incomplete_years"] == [2025]
    # (applications 2024 / applications 2019) ^ (1 / 5) − 1 = (1/2)^0.2 − 1 = −0.129449…
    assert trend["cagr_from"] == 2019 and trend["cagr_to"] == 2024
    assert trend["cagr"] == pytest.approx(0.5**0.2 - 1) and trend["cagr"] == pytest.approx(-0.1294494367)
    # windows 2022–2024 (3+2+1 = 6) and 2019–2021 (2+2+3 = 7): 13 applications < 20 → insufficient data
    assert trend["stage"] == "insufficient"
    assert trend["stage_basis"]["applications_recent"] == 6 and trend["stage_basis"]["applications_previous"] == 7
    # distinct applicants 2022–2024: E, C, A, F, B = 5; 2019–2021: A, B, C, D = 4
    assert trend["stage_basis"]["applicants_recent"] == 5 and trend["stage_basis"]["applicants_previous"] == 4


@pytest.mark.django_db
def test_applicant_ranking_types_and_concentration(results):
    data = results["applicants"]
    # A: 1,3,5,7,10,13 = 6   B: 2,4,7,12,14 = 5   C: 3,9,10 = 3   D, E, F, G: 1 each   (Σ = 18)
    # ties by name in code-point order: ACME Corp, 北京中科三环…, 张伟, 日立金属…
    assert [(item["name"], item["count"]) for item in data["top"]] == [
        (A, 6),
        (B, 5),
        (C, 3),
        (G, 1),
        (F, 1),
        (E, 1),
        (D, 1),
    ]
    assert [item["type"] for item in data["top"]] == [
        "institute",
        "enterprise",
        "university",
        "enterprise",  # G: not recorded, "Corp" → enterprise
        "enterprise",
        "individual",
        "enterprise",
    ]
    assert data["top"][2]["type_label"] == "高校"
    # by FIRST applicant: enterprise 2,4,6,7,11,12,14 = 7; institute 1,3,5,10,13 = 5; university 9; individual 8;
    # other 15 (no type recorded) — 7 + 5 + 1 + 1 + 1 = 15
    assert {item["type"]: item["count"] for item in data["types"]} == {
        "enterprise": 7,
        "university": 1,
        "institute": 5,
        "individual": 1,
        "other": 1,
    }
    # CR4 = (6 + 5 + 3 + 1) / 18 = 15/18
    assert data["cr4"] == pytest.approx(15 / 18)
    # HHI = (6² + 5² + 3² + 4 × 1²) / 18² × 10 000 = 74 / 324 × 10 000 = 2283.95…
    assert data["hhi"] == pytest.approx(74 / 324 * 10_000) and math.isclose(data["hhi"], 2283.950617, rel_tol=1e-6)
    assert data["applicant_count"] == 7 and data["applicant_records"] == 18


@pytest.mark.django_db
def test_ipc_composition_and_emerging_subclasses(results):
    ipc = results["ipc"]
    # H01F: all 15; H02K: 5, 9, 12, 13 = 4; B22F: 8, 11, 13 = 3; C22C: 2 = 1
    assert ipc["subclasses"] == [
        {"code": "H01F", "count": 15},
        {"code": "H02K", "count": 4},
        {"code": "B22F", "count": 3},
        {"code": "C22C", "count": 1},
    ]
    # main IPC: H01F1/057: 1,2,5,6,7,10,11,13,14,15 = 10; H01F1/08: 3, 9; then 1 each, by code
    assert ipc["groups"] == [
        {"code": "H01F1/057", "count": 10},
        {"code": "H01F1/08", "count": 2},
        {"code": "H01F41/02", "count": 1},
        {"code": "H01F7/02", "count": 1},
        {"code": "H02K1/27", "count": 1},
    ]
    # recent = 2022–2024: 8,9,10,11,12,13 (6 records); earlier = before 2022: 1–7 (7 records)
    # B22F: recent 8, 11, 13 = 3, earlier 0 → new (growth None), listed first
    # H02K: recent 9, 12, 13 = 3 (share 3/6 = 0.5), earlier 5 = 1 (share 1/7): growth 0.5 / (1/7) − 1 = 2.5
    # H01F: 6/6 vs 7/7: no growth; C22C: 0 recent (below 3 records)
    emerging = ipc["emerging"]
    assert [(item["code"], item["recent"], item["earlier"]) for item in emerging] == [("B22F", 3, 0), ("H02K", 3, 1)]
    assert emerging[0]["growth"] is None
    assert emerging[1]["growth"] == pytest.approx(2.5)


@pytest.mark.django_db
def test_regions_by_first_applicant(results):
    regions = results["regions"]
    # CN: all but 6 (JP) and 15 (US) = 13
    assert [(c["code"], c["name"], c["count"]) for c in regions["countries"]] == [
        ("CN", "中国", 13),
        ("JP", "日本", 1),
        ("US", "美国", 1),
    ]
    # 15: 1,3,5,9,10,13 = 6; 33: 2,4,7,11,12,14 = 6 (tie, by code); 11: 8 = 1
    assert [(p["code"], p["name"], p["count"]) for p in regions["provinces"]] == [
        ("15", "内蒙古", 6),
        ("33", "浙江", 6),
        ("11", "北京", 1),
    ]
    names = dict(Prefecture.objects.filter(code__in=["150100", "150200"]).values_list("code", "name"))
    # 150200: 1,5,10,13 = 4; 150100: 3, 9 = 2
    assert regions["prefectures"] == [
        {"code": "150200", "name": names["150200"], "count": 4},
        {"code": "150100", "name": names["150100"], "count": 2},
    ]
    assert names["150200"] == "包头市"


@pytest.mark.django_db
def test_legal_status_mix(results):
    # granted 1,2,5,6,10 = 5; published 3,9,11,13 = 4; pending 4,12,14 = 3; rejected 8; lapsed 7; unknown 15
    # ties in the order of Patent.LegalStatus (rejected before lapsed), unknown last
    assert [(s["status"], s["count"]) for s in results["legal_status"]] == [
        ("granted", 5),
        ("published", 4),
        ("pending", 3),
        ("rejected", 1),
        ("lapsed", 1),
        ("unknown", 1),
    ]
    assert sum(s["count"] for s in results["legal_status"]) == results["total"]
    labels = {s["status"]: s["label"] for s in results["legal_status"]}
    assert labels["unknown"] == "未知" and "授权" in labels["granted"]


@pytest.mark.django_db
def test_key_patents_ordered_by_score(results):
    # score = cited + 2 × (family − 1) + 5 × overseas:
    # 6: 20 + 8 + 5 = 33; 2: 2 + 4 + 5 = 11; 1: 10; 10: 4 + 2 = 6; 4: 5; 9: 3; 5: 1; the rest 0 (by key)
    patents = results["key_patents"]
    assert [(p["key"], p["score"]) for p in patents[:7]] == [
        (key(6), 33.0),
        (key(2), 11.0),
        (key(1), 10.0),
        (key(10), 6.0),
        (key(4), 5.0),
        (key(9), 3.0),
        (key(5), 1.0),
    ]
    assert [p["key"] for p in patents[7:]] == [key(n) for n in (3, 7, 8, 11, 12, 13, 14, 15)]
    first = patents[0]
    assert first["title"] == "记录6" and first["applicants"] == [D] and first["year"] == 2021
    assert (first["cited_by"], first["family_size"], first["overseas"]) == (20, 5, True)
    assert first["application_number"] == "2020101000006.X"


@pytest.mark.django_db
def test_co_applicant_network(results):
    network = results["network"]
    assert [node["name"] for node in network["nodes"]] == [A, B, C, G, F, E, D]
    # A + C on 3 and 10; B + A on 7. Source < target by code point: 内 < 包 < 宁
    assert network["links"] == [
        {"source": C, "target": A, "weight": 2},
        {"source": A, "target": B, "weight": 1},
    ]


@pytest.mark.django_db
def test_inner_mongolia_against_the_nation(results):
    region = results["inner_mongolia"]
    # Inner Mongolia 6 of 13 Chinese records; Zhejiang has 6 too: they share the first place
    assert (region["region_count"], region["nation_count"]) == (6, 13)
    assert region["share"] == pytest.approx(6 / 13)
    assert region["rank"] == 1 and region["provinces_ranked"] == 3
    assert region["years"] == [2019, 2020, 2021, 2022, 2023, 2024, 2025]
    # IM: 2019: 1; 2020: 3; 2021: 5; 2022: 9, 10; 2024: 13
    assert region["region_by_year"] == [1, 1, 1, 2, 0, 1, 0]
    # CN: 2019: 1,2; 2020: 3,4; 2021: 5,7 (6 is JP); 2022: 8,9,10; 2023: 11,12; 2024: 13; 2025: 14
    assert region["nation_by_year"] == [2, 2, 2, 3, 2, 1, 1]


@pytest.mark.django_db
def test_inner_mongolia_ranked_behind_a_province_with_more_records(world):
    # IPC H01F1/057: 1,2,5,6,7,10,11,12,13,14,15. IM: 1,5,10,13 = 4; Zhejiang: 2,7,11,12,14 = 5; CN = 9
    region = analyses.one(hand_dataset(world), scopes.parse({"ipc": "H01F1/057"}), "inner_mongolia")
    assert (region["region_count"], region["nation_count"], region["rank"], region["provinces_ranked"]) == (4, 9, 2, 2)


@pytest.mark.django_db
def test_one_analysis_equals_its_part_of_run_all(world):
    dataset = hand_dataset(world)
    # titles 记录1, 记录10 … 记录15 (记录16 is C22C only)
    scope = scopes.parse({"ipc": "H01F", "keywords": "记录1"})
    everything = analyses.run_all(dataset, scope)
    assert everything["total"] == 7
    for name in analyses.ANALYSES:
        assert analyses.one(dataset, scope, name) == everything[name], name


@pytest.mark.django_db
def test_results_are_json_serialisable(results):
    import json

    assert json.loads(json.dumps(results, ensure_ascii=False)) == results


def test_each_analysis_names_the_columns_it_reads():
    assert set(analyses.NEEDS) == set(analyses.ANALYSES)
