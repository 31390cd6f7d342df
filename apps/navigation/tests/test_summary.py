"""A version's summary (`analyses.tallies`): written with the version, used for a scope of more than half its records
(the version's counts less those of the records outside the scope), and giving the same report, figure for figure,
as counting the records in scope (`Scoped` without a summary). The hand-checked figures of test_analyses run both
ways too (its `results` fixture)."""

import shutil
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.navigation import analyses, store, versions
from apps.navigation import scope as scopes
from apps.navigation.analyses import tallies
from apps.navigation.analyses.scoped import Scoped
from apps.navigation.models import LandscapeDataset
from apps.navigation.tests.builders import center_of, dataset_with, record
from apps.navigation.tests.test_analyses import hand_records

pytestmark = pytest.mark.django_db

NAMES = ["包头稀土研究院", "宁波韵升股份有限公司", "内蒙古大学", "张伟", "ACME Corp", "日立金属株式会社", ""]
TYPES = ["institute", "enterprise", "university", "individual", "enterprise", "enterprise", "other"]
CODES = ["H01F1/057", "H01F1/08", "H01F41/02", "H02K1/27", "C22C38/00", "B22F3/00", "G06F16/00"]
PLACES = [
    ("CN", "15", "150200"),
    ("CN", "15", "150100"),
    ("CN", "33", ""),
    ("CN", "11", ""),
    ("JP", "", ""),
    ("", "", ""),
]
STATUSES = ["granted", "pending", "lapsed", "published", "", "nonsense"]


@st.composite
def records(draw):
    """8–40 records over a small pool of applicants, IPC codes, places, statuses and years (None included), most
    of them under H01 so that the scopes below hold more than half the records."""
    count = draw(st.integers(8, 40))
    made = []
    for n in range(1, count + 1):
        picked = draw(st.lists(st.integers(0, len(NAMES) - 1), min_size=0, max_size=4))  # repeats, "" included
        codes = draw(
            st.lists(st.sampled_from(CODES[:4] if draw(st.integers(0, 9)) < 7 else CODES), min_size=1, max_size=3)
        )
        country, province, prefecture = draw(st.sampled_from(PLACES))
        year = draw(st.one_of(st.none(), st.integers(2012, 2025)))
        values = {
            "applicants": [NAMES[i] for i in picked],
            "applicant_types": [TYPES[i] for i in picked],
            "ipc": codes,
            "ipc_main": codes[0],
            "legal_status": draw(st.sampled_from(STATUSES)),
            "country": country,
            "province": province,
            "prefecture": prefecture,
            "cited_by": draw(st.integers(0, 6)),
            "family_size": draw(st.integers(1, 4)),
            "overseas": draw(st.booleans()),
            "title": draw(st.sampled_from(["稀土永磁材料", "一种电机", "Magnet alloy"])),
            "filing_year": year or 2020,
        }
        data = record(n, **values)
        if year is None:
            data.update(filing_year=None, filing_date=None, publication_date=None)
        made.append(data)
    return made


SCOPES = [
    {"ipc": "H01"},
    {"ipc": "H01F H02K"},
    {"ipc": "H01F1", "keywords": "永磁 magnet", "combine": "or"},
    {"ipc": "H", "year_from": "2013"},
    {"keywords": "稀土 电机 MAGNET"},
]


@pytest.fixture
def dataset(world):
    return dataset_with(center_of(world), world.user("unit_admin"), [record(1)])


def _rewrite(dataset, rows) -> LandscapeDataset:
    store.remove(dataset)
    count = versions.write_records(dataset, rows, version=1)
    LandscapeDataset.objects.filter(pk=dataset.pk).update(records=count)
    dataset.refresh_from_db()
    return dataset


def _summarised(dataset, scope) -> bool:
    with Scoped(dataset, scope) as found:
        return found.summarised


# One dataset row for every example (its files are written again each time; the examples share the test's
# transaction).
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=records(), which=st.sampled_from(SCOPES), ranks=st.sampled_from([1000, 3]))
def test_a_report_from_the_summary_is_the_report_from_the_records(dataset, monkeypatch, rows, which, ranks):
    # `ranks` 3: the summary's key ranking holds 3 records, so most scopes have fewer than 20 of them and the key
    # patents are read from the records in scope (`Scoped.key_rank` → None) — unless the version has 3 or fewer.
    monkeypatch.setattr(tallies, "KEY_RANKS", ranks)
    dataset = _rewrite(dataset, rows)
    scope = scopes.parse(which)
    from_summary = analyses.run_all(dataset, scope)
    summarised = from_summary["total"] * 2 > len(rows)
    assert _summarised(dataset, scope) is summarised
    if summarised:  # one analysis alone reads what it needs only
        for name in analyses.ANALYSES:
            assert analyses.one(dataset, scope, name) == from_summary[name], name
    shutil.rmtree(store.summary_dir(dataset))
    assert not _summarised(dataset, scope)
    assert analyses.run_all(dataset, scope) == from_summary


def _hand(world):
    return dataset_with(center_of(world), world.user("unit_admin"), hand_records(), cutoff=date(2026, 6, 30))


def test_the_summary_is_written_with_the_version_and_read_for_most_of_its_records(world):
    dataset = _hand(world)
    folder = store.summary_dir(dataset)
    assert sorted(path.name for path in folder.iterdir()) == sorted(
        [*(f"{name}.parquet" for name in tallies.TABLES), "stamp"]
    )
    assert tallies.stamp_matches(dataset)
    assert _summarised(dataset, scopes.parse({"ipc": "H01F"}))  # 15 of 17 records
    assert not _summarised(dataset, scopes.parse({"ipc": "H02K"}))  # 4 of 17


def test_a_summary_of_another_file_or_a_half_written_one_is_not_read(world):
    dataset = _hand(world)
    scope = scopes.parse({"ipc": "H01F"})
    expected = analyses.run_all(dataset, scope)
    kept = store.summary_dir(dataset).with_name("kept")
    shutil.copytree(store.summary_dir(dataset), kept)
    # the version's file written again under the same number (a restore): the old summary is not its summary
    rows = hand_records()
    rows[0]["cited_by"] = 99
    versions.write_records(dataset, rows, version=1)
    shutil.rmtree(store.summary_dir(dataset))
    shutil.copytree(kept, store.summary_dir(dataset))
    assert not tallies.stamp_matches(dataset)
    assert not _summarised(dataset, scope)
    assert analyses.run_all(dataset, scope)["key_patents"][0]["cited_by"] == 99
    # a summary without its stamp (the writer stopped before the end) is not read either
    versions.write_records(dataset, rows, version=1)
    (store.summary_dir(dataset) / "stamp").unlink()
    assert not _summarised(dataset, scope)
    changed = analyses.run_all(dataset, scope)
    assert {k: v for k, v in changed.items() if k != "key_patents"} == {
        k: v for k, v in expected.items() if k != "key_patents"
    }


def test_a_summary_that_cannot_be_written_leaves_the_version_readable(world, monkeypatch):
    def broken(con, select, target):
        raise OSError("No space left on device")

    monkeypatch.setattr(tallies, "_copy", broken)
    dataset = _hand(world)
    assert not store.summary_dir(dataset).exists()
    assert not list(store.dataset_dir(dataset).glob("summary-v*"))  # nothing half-written left behind
    assert analyses.run_all(dataset, scopes.parse({"ipc": "H01F"}))["total"] == 15


def test_other_versions_summaries_are_pruned(world):
    dataset = _hand(world)
    versions.write_records(dataset, [record(1), record(2)], version=2)
    assert store.summary_dir(dataset, 2).exists()
    store.prune(dataset, 2)
    assert not store.summary_dir(dataset, 1).exists()
    assert store.summary_dir(dataset, 2).exists()


def test_a_file_without_applicant_ids_has_no_summary(world, monkeypatch):
    monkeypatch.setattr(store, "write_names", lambda con, dataset, version: False)  # two names share a hash
    dataset = _hand(world)
    assert not store.summary_dir(dataset).exists()
    results = analyses.run_all(dataset, scopes.parse({"ipc": "H01F"}))
    assert results["applicants"]["applicant_count"] == 7


def test_a_summary_made_otherwise_or_missing_a_table_or_with_a_garbled_stamp_is_not_read(world, monkeypatch):
    dataset = _hand(world)
    scope = scopes.parse({"ipc": "H01F"})
    expected = analyses.run_all(dataset, scope)
    assert _summarised(dataset, scope)
    # a later release scoring key patents otherwise: the old summary's ranking is not its ranking
    monkeypatch.setattr(tallies, "SCORE", tallies.SCORE.replace("* 1 ", "* 3 "))
    assert not _summarised(dataset, scope)
    monkeypatch.undo()
    assert _summarised(dataset, scope)
    tallies.path(dataset, "pair").unlink()
    assert not _summarised(dataset, scope)
    assert analyses.run_all(dataset, scope) == expected
    versions.write_records(dataset, hand_records(), version=1)
    (store.summary_dir(dataset) / "stamp").write_bytes(b"\xff\xfe garbled")
    assert not _summarised(dataset, scope)
    assert analyses.run_all(dataset, scope) == expected


def _import_next_version(dataset):
    """What an import of the next version does when it commits: the new files, the row moved, the old files pruned."""
    versions.write_records(dataset, hand_records()[:3], version=2)
    LandscapeDataset.objects.filter(pk=dataset.pk).update(version=2, records=3)
    store.prune(dataset, 2)


def test_a_version_imported_over_while_a_report_reads_it_is_a_message_not_a_500(world, monkeypatch):
    from apps.core.errors import DomainError
    from apps.navigation import drilldown, matches

    dataset = _hand(world)
    scope = scopes.parse({"ipc": "H01F"})
    real_compute = analyses._compute

    def compute_after_an_import(records, name, cache):
        if name == "trend":
            _import_next_version(dataset)
        return real_compute(records, name, cache)

    monkeypatch.setattr(analyses, "_compute", compute_after_an_import)
    with pytest.raises(DomainError) as refused:
        analyses.run_all(dataset, scope)
    assert refused.value.code == "dataset_changed" and "重新导入" in str(refused.value.message)
    monkeypatch.undo()

    dataset = _hand(world)
    real_load = matches.load

    def load_then_import(con, found, scope, **kw):
        total = real_load(con, found, scope, **kw)
        _import_next_version(found)
        return total

    monkeypatch.setattr(matches, "load", load_then_import)
    with pytest.raises(DomainError) as refused:
        drilldown.patents_behind(dataset, scope, "year", "2021")
    assert refused.value.code == "dataset_changed"
    monkeypatch.undo()

    # the same error without a new version is not dressed up as one
    dataset = _hand(world)
    tallies.path(dataset, "facet").unlink()
    monkeypatch.setattr(tallies, "stamp_matches", lambda found, version=None: True)
    with pytest.raises(Exception) as failed:
        analyses.run_all(dataset, scope)
    assert not isinstance(failed.value, DomainError)
