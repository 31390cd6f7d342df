"""Prior-art search's services: the search kept with its results and audited without its text, bad input refused
with nothing saved, the worker's build claimed once, a build that lost to a newer version discarded."""

import pytest

from apps.audit.models import AuditEntry
from apps.core.errors import DomainError
from apps.navigation import search, search_index, services_search
from apps.navigation.models import LandscapeDataset, PriorArtSearch
from apps.navigation.tests.builders import center_of, dataset_with, record

pytestmark = pytest.mark.django_db

TITLE = "一种钕铁硼磁体的晶界扩散方法"
ABSTRACT = "在磁体表面涂覆镝化合物后晶界扩散，提高矫顽力。"


@pytest.fixture
def dataset(world):
    records = [
        record(1, title="一种烧结钕铁硼磁体的晶界扩散方法", abstract="涂覆镝化合物后晶界扩散，提高矫顽力。"),
        record(2, title="一种风力发电机组", abstract="偏航控制。"),
    ]
    return dataset_with(center_of(world), world.user("unit_admin"), records)


def _built(dataset):
    assert services_search.index_build(dataset.pk, dataset.version) == "built"
    dataset.refresh_from_db()
    return dataset


def test_a_search_is_kept_with_its_results_and_audited_without_its_text(world, dataset):
    dataset = _built(dataset)
    found = services_search.search(world.user("unit_member"), dataset, title=TITLE, abstract=ABSTRACT, claims="")
    assert found.results[0]["title"] == "一种烧结钕铁硼磁体的晶界扩散方法"
    assert len(found.results) == 1 and found.dataset_version == 1 and found.center == dataset.center
    assert "晶界扩散" in found.terms
    entry = AuditEntry.objects.get(action="navigation.search")
    assert entry.after == {"dataset": dataset.pk, "disclosure": None, "dataset_version": 1, "results": 1}
    stored = f"{entry.object_repr} {entry.after} {entry.message}"
    assert "晶界" not in stored and "钕铁硼" not in stored


@pytest.mark.parametrize(
    "fields, words",
    [
        ({"title": "", "abstract": " ", "claims": ""}, "标题"),
        ({"title": "稀" * 301}, "300"),
        ({"title": "一种", "abstract": "稀" * 100_000}, "20000"),
        ({"title": "一种方法", "abstract": "所述装置，其特征在于 123"}, "一种"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_saved(world, dataset, fields, words):
    dataset = _built(dataset)
    data = {"title": "", "abstract": "", "claims": "", **fields}
    with pytest.raises(DomainError) as caught:
        services_search.search(world.user("unit_admin"), dataset, **data)
    assert words in caught.value.message
    assert not PriorArtSearch.objects.exists()


def test_no_search_without_a_current_index(world, dataset):
    with pytest.raises(DomainError) as caught:
        services_search.search(world.user("unit_admin"), dataset, title=TITLE)
    assert caught.value.code == "index_missing"
    dataset = _built(dataset)
    LandscapeDataset.objects.filter(pk=dataset.pk).update(version=2)  # a new version imported: the index is stale
    with pytest.raises(DomainError) as caught:
        services_search.search(world.user("unit_admin"), dataset, title=TITLE)
    assert caught.value.code == "index_missing"
    assert not PriorArtSearch.objects.exists()


def test_only_the_lead_unit_searches(world, dataset):
    dataset = _built(dataset)
    for actor in ("prefecture_officer", "regional_officer", "unit_admin_other"):
        with pytest.raises(DomainError):
            services_search.search(world.user(actor), dataset, title=TITLE)
    assert not PriorArtSearch.objects.exists()


def test_a_disclosure_of_another_center_is_refused(world, dataset):
    from apps.patents.tests.assessment_setup import draft, running_center

    dataset = _built(dataset)
    other = draft(world, running_center(world))
    assert other.center_id != dataset.center_id
    with pytest.raises(DomainError) as caught:
        services_search.search(world.user("unit_admin"), dataset, title=TITLE, disclosure=other)
    assert caught.value.code == "center"


def test_the_build_is_claimed_once(dataset):
    assert services_search.index_build(dataset.pk, 1) == "built"
    assert services_search.index_build(dataset.pk, 1) == "skipped"  # built already
    dataset.refresh_from_db()
    assert dataset.index_is_current and dataset.index_bytes > 0 and dataset.index_seconds >= 0
    # a second job while the first is building: skipped, nothing written
    LandscapeDataset.objects.filter(pk=dataset.pk).update(index_status="building", version=2, index_version=1)
    assert services_search.index_build(dataset.pk, 2) == "skipped"
    assert not search.index_dir(dataset, 2).exists()


def test_a_build_for_an_old_version_discards_itself(dataset, monkeypatch, django_capture_on_commit_callbacks):
    enqueued = []
    monkeypatch.setattr(search_index, "enqueue_now", lambda dataset_id: enqueued.append(dataset_id))
    original = search.write_index

    def write_then_a_new_version_arrives(ds, version):
        info = original(ds, version)
        LandscapeDataset.objects.filter(pk=ds.pk).update(version=2)
        return info

    monkeypatch.setattr(search, "write_index", write_then_a_new_version_arrives)
    assert services_search.index_build(dataset.pk, 1) == "skipped"
    dataset.refresh_from_db()
    assert dataset.index_status == "none" and dataset.index_version == 0
    assert not search.index_dir(dataset, 1).exists()
    assert enqueued == [dataset.pk]  # the new version's build, which found the dataset claimed, is enqueued


def test_a_failed_build_is_marked_failed_and_can_be_requested_again(world, dataset, monkeypatch):
    def boom(ds, version):
        raise OSError("disk full")

    monkeypatch.setattr(search, "write_index", boom)
    assert services_search.index_build(dataset.pk, 1) == "failed"
    dataset.refresh_from_db()
    assert dataset.index_status == "failed"
    with pytest.raises(DomainError) as caught:
        services_search.search(world.user("unit_admin"), dataset, title=TITLE)
    assert caught.value.code == "index_failed"
    requested = []
    monkeypatch.setattr(search_index, "enqueue_build", lambda ds: requested.append(ds.pk))
    services_search.index_request(world.user("unit_admin"), dataset)
    assert requested == [dataset.pk]


def test_enqueue_build_waits_for_the_commit(dataset, django_capture_on_commit_callbacks, monkeypatch):
    jobs = []

    class Job:
        @staticmethod
        def enqueue(*args):
            jobs.append(args)

    monkeypatch.setattr("django.utils.module_loading.import_string", lambda name: Job)
    with django_capture_on_commit_callbacks(execute=True):
        search_index.enqueue_build(dataset)
        assert jobs == []
    assert jobs == [(dataset.pk, 1)]
