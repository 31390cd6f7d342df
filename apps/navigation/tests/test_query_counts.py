"""Issue 14: every page of patent navigation costs the same SQL queries with a little data or more (and at most 15):
the home, a center's datasets, a dataset with its imports, an import and its progress fragment, the center's
prior-art searches and one search's results, a navigation report and the patents behind one of its figures.

`grow` adds what each page lists: datasets, reports, imports (by several users), bad rows, searches (with their
disclosures), search results, and records in the dataset's Parquet file (read by DuckDB, which is no SQL query)."""

import pytest
from django.urls import reverse

from apps.navigation import services_datasets, services_search
from apps.navigation import services_reports as reports
from apps.navigation.models import LandscapeDataset, LandscapeImport, PriorArtSearch
from apps.navigation.tests import reports_setup as rs
from apps.navigation.tests.builders import center_of, dataset_with, record
from apps.navigation.tests.landscape_files import item, jsonl, number
from apps.patents.tests.assessment_setup import draft
from tests.query_counts import assert_flat

pytestmark = pytest.mark.django_db


SUPERVISORS = ["unit_admin", "prefecture_officer", "regional_officer"]  # the lead unit and who reads its datasets
PROVINCES = ["内蒙古自治区包头市昆都仑区阿尔丁大街1号", "江苏省南京市鼓楼区中山路1号", "北京市海淀区中关村大街1号"]


def _shown(client, url: str) -> str:
    """The page as the user sees it after the data grew (to check that `grow` reached the page)."""
    return client.get(url).content.decode()


def _import(world, dataset, folder, first: int, n: int, *, bad: int = 0, actor: str = "unit_admin"):
    """Import `n` good records (numbers `first`…, several years, applicants and provinces) and `bad` bad rows."""
    years = [2020 if i % 2 else 2015 + i % 8 for i in range(n)]
    lines = [
        item(
            first + i,
            application_number=number(first + i, year=years[i]),
            filing_date=f"{years[i]}-03-01",
            publication_date=f"{years[i]}-09-01",
            applicants=[f"稀土企业{(first + i) % 7}", "内蒙古大学"] if i % 3 == 0 else [f"稀土企业{(first + i) % 7}"],
            applicant_address=PROVINCES[i % len(PROVINCES)],
        )
        for i in range(n)
    ]
    lines += [item(first + n + i, filing_date="不详") for i in range(bad)]
    path = jsonl(folder / f"import-{first}.jsonl", lines)
    done = services_datasets.import_file(dataset, path, user=world.user(actor))
    assert done.status == LandscapeImport.Status.DONE and done.bad_rows == bad
    return done


# ---------------------------------------------------------------- the home and a center's datasets


def _datasets_and_reports(world, centers, n):
    """`n` more datasets spread over `centers`, a report on every fourth one (every other report shared with the
    IP council)."""

    def grow():
        start = LandscapeDataset.objects.count()
        for i in range(n):
            number = start + i
            dataset = dataset_with(
                centers[i % len(centers)], world.user("unit_admin"), rs.records(), name=f"数据集{number}"
            )
            if i % 4 == 0:
                report = rs.report(world, ds=dataset, title=f"报告{number}")
                if i % 8 == 0:
                    reports.share_report(world.user("unit_admin"), report, shared=True)

    return grow


@pytest.mark.parametrize("actor", [*SUPERVISORS, "unit_member", "unit_admin_other"])
def test_the_reports_list_is_flat(world, client_for, actor):
    centers = [center_of(world), center_of(world)]
    _datasets_and_reports(world, centers, 1)()
    assert_flat(client_for(actor), reverse("navigation:reports"), grow=_datasets_and_reports(world, centers, 21))


@pytest.mark.parametrize("actor", [*SUPERVISORS, "unit_member", "unit_admin_other"])
def test_the_home_is_flat(world, client_for, actor):
    centers = [center_of(world), center_of(world)]
    _datasets_and_reports(world, centers, 1)()
    client, url = client_for(actor), reverse("navigation:home")
    assert_flat(client, url, grow=_datasets_and_reports(world, centers, 21))
    page = _shown(client, url)
    datasets = 0 if actor == "unit_admin_other" else 20  # the partner sees the shared reports, not the datasets
    assert page.count('href="/navigation/datasets/') == datasets
    links = page.count('href="/navigation/reports/') - page.count('href="/navigation/reports/"')  # not the list's
    assert links == (4 if actor == "unit_admin_other" else 7)


@pytest.mark.parametrize("actor", SUPERVISORS)
def test_a_centers_datasets_are_flat(world, client_for, actor):
    center = center_of(world)
    _datasets_and_reports(world, [center], 1)()
    client, url = client_for(actor), reverse("navigation:center", kwargs={"center_pk": center.pk})
    assert_flat(client, url, grow=_datasets_and_reports(world, [center], 21))
    assert _shown(client, url).count('href="/navigation/datasets/') == 20


# ---------------------------------------------------------------- a dataset, its imports


@pytest.mark.parametrize("actor", SUPERVISORS)
def test_a_dataset_with_its_imports_is_flat(world, client_for, tmp_path, actor):
    dataset = dataset_with(center_of(world), world.user("unit_admin"), [record(1), record(2)])
    _import(world, dataset, tmp_path, 100, 3, bad=1)

    def grow():  # more imports than a page holds, by two users, adding records
        for i in range(3):
            _import(world, dataset, tmp_path, 200 + 10 * i, 4, bad=i % 2, actor=("unit_admin", "unit_member")[i % 2])
        _finished_imports(world, dataset, 9, actor="unit_member")

    client, url = client_for(actor), reverse("navigation:dataset", kwargs={"pk": dataset.pk})
    assert_flat(client, url, grow=grow)
    assert _shown(client, url).count('href="/navigation/imports/') == 10


@pytest.mark.parametrize("actor", SUPERVISORS)
def test_an_import_with_its_bad_rows_is_flat(world, client_for, tmp_path, actor):
    dataset = dataset_with(center_of(world), world.user("unit_admin"), [record(1)])
    shown = _import(world, dataset, tmp_path, 100, 3, bad=2)

    def grow():
        # A bigger file with more bad rows than a page shows; the page's import now carries its outcome (the
        # errors are one JSON column of the import's row), and the dataset has more imports and records.
        bigger = _import(world, dataset, tmp_path, 300, 10, bad=60, actor="unit_member")
        LandscapeImport.objects.filter(pk=shown.pk).update(
            errors=bigger.errors, bad_rows=bigger.bad_rows, rows_read=bigger.rows_read
        )
        _import(world, dataset, tmp_path, 500, 5)

    client, url = client_for(actor), reverse("navigation:import", kwargs={"pk": shown.pk})
    assert_flat(client, url, grow=grow)
    assert _shown(client, url).count('<th scope="row">') == 50  # a full page of bad rows


@pytest.mark.parametrize("actor", SUPERVISORS)
def test_a_running_imports_progress_is_flat(world, client_for, tmp_path, actor):
    dataset = dataset_with(center_of(world), world.user("unit_admin"), [record(1)])
    _import(world, dataset, tmp_path, 100, 3)
    running = LandscapeImport.objects.create(
        dataset=dataset,
        file_name="第二批.jsonl",
        file_format=LandscapeImport.Format.JSONL,
        status=LandscapeImport.Status.RUNNING,
        rows_expected=1000,
        rows_read=10,
        created_by=world.user("unit_member"),
    )

    def grow():
        LandscapeImport.objects.filter(pk=running.pk).update(rows_read=900)
        _finished_imports(world, dataset, 12)

    client = client_for(actor)
    client.defaults["HTTP_HX_REQUEST"] = "true"  # htmx polls the fragment
    url = reverse("navigation:import_progress", kwargs={"pk": running.pk})
    assert_flat(client, url, grow=grow)
    assert 'value="90"' in _shown(client, url)


def test_a_finished_imports_progress_asks_for_a_reload_and_is_flat(world, client_for, tmp_path):
    dataset = dataset_with(center_of(world), world.user("unit_admin"), [record(1)])
    done = _import(world, dataset, tmp_path, 100, 3, bad=1)
    client = client_for("prefecture_officer")
    client.defaults["HTTP_HX_REQUEST"] = "true"
    url = reverse("navigation:import_progress", kwargs={"pk": done.pk})
    assert client.get(url)["HX-Refresh"] == "true"
    assert_flat(client, url, grow=lambda: [_import(world, dataset, tmp_path, 200 + 10 * i, 4) for i in range(5)])


def _finished_imports(world, dataset, n, *, actor="unit_admin"):
    """`n` earlier finished imports of `dataset` (rows only: what the lists show of them)."""
    LandscapeImport.objects.bulk_create(
        LandscapeImport(
            dataset=dataset,
            file_name=f"旧文件{i}.jsonl",
            file_format=LandscapeImport.Format.JSONL,
            status=LandscapeImport.Status.DONE,
            rows_read=5,
            added=5,
            created_by=world.user(actor),
        )
        for i in range(n)
    )


# ---------------------------------------------------------------- prior-art searches


def _indexed(world, center, n, *, name="检索数据集"):
    """A READY dataset of `n` records on grain-boundary diffusion of NdFeB magnets, its search index built."""
    records = [
        record(i, title=f"一种钕铁硼磁体的晶界扩散方法{i}", abstract="涂覆镝化合物后晶界扩散，提高矫顽力。")
        for i in range(1, n + 1)
    ]
    dataset = dataset_with(center, world.user("unit_admin"), records, name=name)
    assert services_search.index_build(dataset.pk, dataset.version) == "built"
    dataset.refresh_from_db()
    return dataset


def _search(world, dataset, *, actor="unit_admin", disclosure=None):
    return services_search.search(
        world.user(actor), dataset, title="钕铁硼晶界扩散", abstract="涂覆镝", disclosure=disclosure
    )


@pytest.mark.parametrize("actor", ["unit_admin", "unit_member"])
def test_a_centers_searches_are_flat(world, client_for, actor):
    center = center_of(world)
    dataset = _indexed(world, center, 3)
    _search(world, dataset)

    def grow():  # more searches than a page holds, by two users, half of them from disclosures; more datasets
        others = [_indexed(world, center, 2, name=f"检索数据集{i}") for i in range(3)]
        for i in range(22):
            disclosure = draft(world, center) if i % 2 else None
            _search(world, (dataset, *others)[i % 4], actor=("unit_admin", "unit_member")[i % 2], disclosure=disclosure)

    client, url = client_for(actor), reverse("navigation:searches", kwargs={"pk": center.pk})
    assert_flat(client, url, grow=grow)
    page = _shown(client, url)
    assert page.count('href="/navigation/searches/') == 20 and page.count("/disclosures/") >= 10


@pytest.mark.parametrize("actor", ["unit_admin", "unit_member"])
@pytest.mark.parametrize("from_disclosure", [False, True])
def test_a_searchs_results_are_flat(world, client_for, actor, from_disclosure):
    center = center_of(world)
    small = _indexed(world, center, 2)
    shown = _search(world, small, disclosure=draft(world, center) if from_disclosure else None)
    assert len(shown.results) == 2

    def grow():
        # The same text over a dataset of 30 records: the page's search now carries those 20 results (the results
        # are one JSON column of the search's row); and the center has more searches.
        bigger = _search(world, _indexed(world, center, 30, name="大数据集"), actor="unit_member")
        assert len(bigger.results) == 20
        PriorArtSearch.objects.filter(pk=shown.pk).update(results=bigger.results, terms=bigger.terms)
        for _ in range(5):
            _search(world, small, disclosure=draft(world, center))

    client, url = client_for(actor), reverse("navigation:search", kwargs={"pk": shown.pk})
    assert_flat(client, url, grow=grow)
    assert _shown(client, url).count("data-key=") == 20


# ---------------------------------------------------------------- a navigation report, the patents behind a figure


def _richer(world, report, folder):
    """More records in the report's dataset (new years, applicants, provinces), the report recomputed from them,
    and more reports of the same dataset."""

    def grow():
        _import(world, report.dataset, folder, 1000, 60, bad=3)
        reports.recompute_report(world.user("unit_admin"), report)
        for i in range(4):
            rs.report(world, ds=report.dataset, title=f"另一份报告{i}")

    return grow


def _shared_report(world):
    """The reports_setup report, shared with the IP council (so that the partner sees it too)."""
    report = rs.report(world)
    return reports.share_report(world.user("unit_admin"), report, shared=True)


@pytest.mark.parametrize("actor", [*SUPERVISORS, "unit_member", "unit_admin_other"])
def test_a_report_is_flat(world, client_for, tmp_path, actor):
    report = _shared_report(world)
    client, url = client_for(actor), reverse("navigation:report", kwargs={"pk": report.pk})
    assert_flat(client, url, grow=_richer(world, report, tmp_path))
    assert "稀土企业" in _shown(client, url)  # the imported applicants are in the recomputed figures


@pytest.mark.parametrize("actor", [*SUPERVISORS, "unit_admin_other"])
@pytest.mark.parametrize(
    "query", ["facet=year&value=2020", "facet=year&value=2020&page=2", "facet=applicant&value=内蒙古大学"]
)
def test_the_patents_behind_a_figure_are_flat(world, client_for, tmp_path, actor, query):
    report = _shared_report(world)
    url = reverse("navigation:report_patents", kwargs={"pk": report.pk}) + "?" + query
    client = client_for(actor)
    assert_flat(client, url, grow=_richer(world, report, tmp_path))
    assert 0 < _shown(client, url).count("<tr>") - 1 <= 25  # a page of patents (under the header row)


def test_the_patents_behind_a_figure_are_flat_before_the_report_is_recomputed(world, client_for, tmp_path):
    report = rs.report(world)
    url = reverse("navigation:report_patents", kwargs={"pk": report.pk}) + "?facet=year&value=2020"
    client = client_for("unit_admin")
    assert_flat(client, url, grow=lambda: _import(world, report.dataset, tmp_path, 1000, 40))
    assert _shown(client, url).count("<tr>") - 1 == 22  # 2 + 20 records of 2020, read from the new version
