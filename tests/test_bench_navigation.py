"""The navigation benchmark's generator (bench/navigation/generate.py) at a small size: the same seed gives the same
bytes, the distributions are those it was set to (figures computed from the output), every schema column is there
with its type, the names are read back as the type they were drawn as, and the real import takes every record."""

import collections
import hashlib
import json
from datetime import date

import duckdb
import pytest

from apps.navigation import schema
from apps.patents import numbers
from bench.navigation import generate, tables

N = 2000


@pytest.fixture(scope="module")
def rows():
    return generate.records(N, seed=11)


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_same_seed_same_bytes_and_another_seed_other_records(tmp_path):
    generate.write_jsonl(tmp_path / "a.jsonl", 200, seed=5)
    generate.write_jsonl(tmp_path / "b.jsonl", 200, seed=5)
    generate.write_jsonl(tmp_path / "c.jsonl", 200, seed=6)
    generate.write_parquet(tmp_path / "a.parquet", 200, seed=5)
    generate.write_parquet(tmp_path / "b.parquet", 200, seed=5)
    assert _digest(tmp_path / "a.jsonl") == _digest(tmp_path / "b.jsonl")
    assert _digest(tmp_path / "a.parquet") == _digest(tmp_path / "b.parquet")
    first = [json.loads(line)["title"] for line in (tmp_path / "a.jsonl").read_text().splitlines()]
    other = [json.loads(line)["title"] for line in (tmp_path / "c.jsonl").read_text().splitlines()]
    assert len(first) == 200 and sum(a != b for a, b in zip(first, other, strict=True)) > 100


def test_parquet_has_every_schema_column_with_its_type(tmp_path):
    path = tmp_path / "set.parquet"
    generate.write_parquet(path, 300, seed=3)
    described = duckdb.connect().execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()
    derived = {"first_type": "VARCHAR", "subclasses": "VARCHAR[]", "applicant_ids": "UBIGINT[]"}
    assert [(name, kind) for name, kind, *_ in described] == [*schema.COLUMNS.items(), *derived.items()]
    assert list(derived) == list(schema.DERIVED)


def test_numbers_are_valid_and_unique(rows):
    applications = [r["application_number"] for r in rows]
    assert len(set(applications)) == N and len({r["publication_number"] for r in rows}) == N
    for row in rows[::37]:
        assert numbers.normalise(row["application_number"]).number == row["application_number"]
        assert row["key"] == "AN:" + row["application_number"]
    # 8 digits before 2003, 12 from then on (ZC 0006-2003)
    assert {len(r["application_number"]) for r in rows if r["filing_year"] < 2003} == {10}
    assert {len(r["application_number"]) for r in rows if r["filing_year"] >= 2003} == {14}


def test_years_span_and_grow(rows):
    years = collections.Counter(r["filing_year"] for r in rows)
    assert min(years) == 2000 and max(years) == 2025
    early = sum(years[y] for y in range(2000, 2005))
    late = sum(years[y] for y in range(2018, 2023))
    assert late > 4 * early
    for r in rows:
        assert r["filing_date"].year == r["filing_year"]
        assert r["publication_date"] <= date(2026, 6, 30) and r["publication_date"] >= r["filing_date"]
        if r["grant_date"] is not None:
            assert r["filing_date"] < r["grant_date"] <= date(2026, 6, 30)


def test_applicants_and_regions(rows):
    chinese = [r for r in rows if r["country"] == "CN"]
    assert 0.82 < len(chinese) / N < 0.94
    im = [r for r in chinese if r["province"] == "15"]
    assert 0.01 < len(im) / len(chinese) < 0.04  # im_share 0.02
    assert all(r["prefecture"] in tables.PREFECTURES for r in im)
    assert all(r["prefecture"] == "" for r in rows if r["province"] != "15")
    assert all(r["province"] in schema.PROVINCES for r in chinese)
    assert all(r["province"] == "" for r in rows if r["country"] != "CN")
    assert {"US", "JP", "KR", "DE"} <= {r["country"] for r in rows}
    provinces = collections.Counter(r["province"] for r in chinese)
    assert provinces["44"] > provinces["15"] and provinces["32"] > provinces["64"]
    # 1–3 applicants, types parallel and what the analyses' rule reads from the names
    counts = collections.Counter(len(r["applicants"]) for r in rows)
    assert set(counts) == {1, 2, 3} and counts[1] > counts[2] > counts[3]
    types = collections.Counter()
    for r in rows:
        assert len(r["applicants"]) == len(set(r["applicants"])) == len(r["applicant_types"])
        for name, kind in zip(r["applicants"], r["applicant_types"], strict=True):
            assert schema.applicant_type(name) == kind, name
        types[r["applicant_types"][0]] += 1
    assert types["enterprise"] > types["university"] > types["institute"] > 0 and types["individual"] > 0
    # Zipf-like: the busiest applicant files many times what a median one does
    first = collections.Counter(r["applicants"][0] for r in rows)
    assert first.most_common(1)[0][1] >= 8 and len(first) > N / 4


def test_ipc_status_citations_and_text(rows):
    known = {code for d in tables.DOMAINS for code in d.ipc}
    assert len(known) == sum(len(d.ipc) for d in tables.DOMAINS)  # no code in two domains
    for r in rows:
        assert r["ipc"][0] == r["ipc_main"] and len(r["ipc"]) == len(set(r["ipc"])) <= 5
        assert set(r["ipc"]) <= known
        assert r["family_size"] >= 1 and r["cited_by"] >= 0
        assert r["overseas"] or r["country"] == "CN"
        assert r["title"] and r["abstract"] and r["claims"]
    mains = collections.Counter(r["ipc_main"] for r in rows)
    assert mains["H01F1/057"] > 0 and any(code.startswith("A23C") for code in mains)
    statuses = collections.Counter(r["legal_status"] for r in rows)
    assert {"granted", "published", "lapsed", "expired", "rejected"} <= set(statuses)
    assert all(r["legal_status"] != "expired" or r["filing_year"] <= 2015 for r in rows)
    cited = sorted(r["cited_by"] for r in rows)
    assert cited[N // 2] <= 1 and cited[-1] >= 20  # half never or once cited, a long tail
    chinese_text = sum("本发明" in r["abstract"] for r in rows)
    english_text = sum(r["abstract"].startswith("The invention") for r in rows)
    assert chinese_text > 0.9 * N and english_text > 0


def test_focus_puts_records_in_the_rare_earth_domains():
    focused = generate.records(600, seed=2, focus=0.5)
    rare = {code for d in tables.DOMAINS if d.key in tables.RARE_EARTH_DOMAINS for code in d.ipc}
    share = sum(r["ipc_main"] in rare for r in focused) / 600
    assert 0.45 < share < 0.65


@pytest.mark.django_db
def test_the_import_takes_every_generated_record(world, tmp_path):
    from apps.navigation import services_datasets
    from apps.navigation.tests.builders import center_of

    center = center_of(world)
    user = world.user("unit_admin")
    dataset = services_datasets.dataset_create(user, center, name="基准", source="bench")
    path = tmp_path / "set.jsonl"
    generate.write_jsonl(path, 400, seed=9, focus=0.3)
    done = services_datasets.import_file(dataset, path, user=user)
    assert done.errors == [] and done.bad_rows == 0
    assert done.added == 400
    dataset.refresh_from_db()
    assert dataset.records == 400
