"""The navigation demo (apps/navigation/demo.py) at a small size: the generated file goes through the real import,
the report's count is the one computed here from the Parquet file, the prior-art search is attached to the
disclosure, and a second load changes nothing."""

import duckdb
import pytest

from apps.navigation import demo, store
from apps.navigation.models import LandscapeDataset, Navigation, PriorArtSearch
from apps.navigation.tests.builders import center_of

pytestmark = pytest.mark.django_db


def _disclosure(center, user):
    from apps.patents import assessment

    return assessment.disclosure_create(
        user,
        center,
        title=demo.DISCLOSURE_TITLE,
        technical_field="稀土永磁材料",
        problem="烧结钕铁硼磁体提高矫顽力依赖大量添加镝、铽，成本高且资源紧缺。",
        solution="在磁体表面涂覆含镝氟化物浆料，经两段式热处理使重稀土沿晶界扩散。",
        claims_draft="1. 一种钕铁硼磁体的晶界扩散方法，其特征在于包括涂覆、一级热处理和二级热处理步骤。",
        inventors=["张伟"],
    )


def test_demo_imports_reports_and_searches_once(world):
    center = center_of(world)
    user = world.user("unit_admin")
    disclosure = _disclosure(center, user)

    made = demo.build(center, user, records=600)

    dataset = LandscapeDataset.objects.get(center=center)
    assert dataset.name == demo.DATASET_NAME and dataset.records == 600 and dataset.index_is_current
    # the report's scope counted here, by hand, in SQL over the dataset's file
    in_scope = (
        duckdb.connect()
        .execute(
            f"SELECT count(*) FROM {store.records_sql(dataset)} WHERE "
            "len(list_filter(ipc, lambda c: starts_with(c, 'H01F1/057'))) > 0 AND "
            "(title LIKE '%稀土%' OR abstract LIKE '%稀土%' OR claims LIKE '%稀土%' "
            "OR title LIKE '%永磁%' OR abstract LIKE '%永磁%' OR claims LIKE '%永磁%')"
        )
        .fetchone()[0]
    )
    report = Navigation.objects.get(center=center)
    assert made["report"].pk == report.pk and report.title == demo.REPORT_TITLE
    assert report.scope["ipc"] == ["H01F1/057"] and report.scope["keywords"] == ["稀土", "永磁"]
    assert in_scope > 20 and report.records == in_scope
    assert report.shared_with_council

    search = PriorArtSearch.objects.get(center=center)
    assert search.disclosure_id == disclosure.pk and len(search.results) == 20
    assert any("稀土" in hit["title"] + hit["abstract"] or "钕铁硼" in hit["title"] for hit in search.results[:3])

    assert demo.build(center, user, records=600) == {}
    assert LandscapeDataset.objects.filter(center=center).count() == 1
    assert Navigation.objects.filter(center=center).count() == PriorArtSearch.objects.filter(center=center).count() == 1
