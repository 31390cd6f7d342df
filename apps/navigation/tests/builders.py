"""Builders for navigation tests: a center with a partner (the world's other unit), a dataset written straight to
its Parquet file (no import), and records with sensible defaults.

    center = center_of(world)                       # running, lead unit = world.org, partner = world.org_other
    ds = dataset_with(center, world.user("unit_admin"), [record(key="AN:1", title="稀土永磁", filing_year=2019)])
"""

from datetime import date

from apps.navigation import store, versions
from apps.navigation.models import LandscapeDataset


def center_of(world):
    from apps.centers.tests.funding_setup import with_partner

    return with_partner(world, world.org_other)


def record(n: int = 1, **values) -> dict:
    """A record; `n` makes the key and numbers unique. Values given replace the defaults."""
    year = values.get("filing_year", 2020)
    data = {
        "key": f"AN:2020101{n:06d}.X",
        "application_number": f"2020101{n:06d}.X",
        "publication_number": f"CN1{n:08d}A",
        "title": "一种稀土永磁材料",
        "abstract": "本发明公开了一种稀土永磁材料及其制备方法。",
        "claims": "1. 一种稀土永磁材料，其特征在于……",
        "applicants": ["包头稀土研究院"],
        "applicant_types": ["institute"],
        "inventors": ["张三"],
        "ipc_main": "H01F1/057",
        "ipc": ["H01F1/057"],
        "patent_type": "invention",
        "legal_status": "granted",
        "filing_date": date(year, 3, 1),
        "publication_date": date(year, 9, 1),
        "grant_date": None,
        "filing_year": year,
        "country": "CN",
        "province": "15",
        "prefecture": "150200",
        "cited_by": 0,
        "family_size": 1,
        "overseas": False,
    }
    data.update(values)
    if "filing_year" in values and "filing_date" not in values:
        data["filing_date"] = date(values["filing_year"], 3, 1)
    return data


def dataset_with(center, user, records, *, name="稀土永磁数据集", source="incoPat", cutoff=date(2026, 6, 30)):
    """A READY dataset whose version 1 holds `records`."""
    dataset = LandscapeDataset.objects.create(
        center=center, name=name, source=source, cutoff_date=cutoff, created_by=user
    )
    store.remove(dataset)  # an earlier test's files under the same id (SQLite gives ids again after a rollback)
    count = versions.write_records(dataset, records, version=1)
    LandscapeDataset.objects.filter(pk=dataset.pk).update(
        version=1, records=count, status=LandscapeDataset.Status.READY
    )
    dataset.refresh_from_db()
    return dataset
