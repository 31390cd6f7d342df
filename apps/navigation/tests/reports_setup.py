"""A small hand-checked dataset for the report tests.

Scope SCOPE = IPC H01F1/057 AND keyword 稀土 takes records 1–4 (record 5 is an alloy steel, C22C38, no 稀土):

| n | year | applicants | first applicant's region | legal status |
|---|---|---|---|---|
| 1 | 2019 | 包头稀土研究院 | Inner Mongolia, 包头市 150200 | granted |
| 2 | 2020 | 包头稀土研究院, 内蒙古大学 | Inner Mongolia, 包头市 150200 | granted |
| 3 | 2020 | 江苏磁材有限公司 | Jiangsu (32) | pending |
| 4 | 2021 | 江苏磁材有限公司 | Jiangsu (32) | pending |
| 5 | 2021 | 某钢铁有限公司 (C22C38/00, 合金钢) | Jiangsu (32) | granted |

so the report has 4 records: by year 2019 → 1, 2020 → 2, 2021 → 1; 包头稀土研究院 2, 江苏磁材有限公司 2, 内蒙古大学 1;
Inner Mongolia 2 of 4 Chinese records."""

from apps.navigation.tests.builders import center_of, dataset_with, record

SCOPE = {"ipc": "H01F1/057", "keywords": "稀土"}


def records() -> list[dict]:
    jiangsu = {"province": "32", "prefecture": ""}
    return [
        record(1, filing_year=2019),
        record(
            2,
            filing_year=2020,
            applicants=["包头稀土研究院", "内蒙古大学"],
            applicant_types=["institute", "university"],
        ),
        record(
            3,
            filing_year=2020,
            applicants=["江苏磁材有限公司"],
            applicant_types=["enterprise"],
            legal_status="pending",
            **jiangsu,
        ),
        record(
            4,
            filing_year=2021,
            applicants=["江苏磁材有限公司"],
            applicant_types=["enterprise"],
            legal_status="pending",
            **jiangsu,
        ),
        record(
            5,
            filing_year=2021,
            title="一种合金钢",
            abstract="本发明公开了一种合金钢。",
            claims="1. 一种合金钢。",
            ipc_main="C22C38/00",
            ipc=["C22C38/00"],
            applicants=["某钢铁有限公司"],
            applicant_types=["enterprise"],
            **jiangsu,
        ),
    ]


def dataset(world, **kwargs):
    return dataset_with(center_of(world), world.user("unit_admin"), records(), **kwargs)


def report(world, *, title="稀土永磁产业专利导航", scope=None, ds=None):
    from apps.navigation import services_reports as services

    ds = ds or dataset(world)
    return services.create_report(world.user("unit_admin"), ds, title=title, scope_data=dict(scope or SCOPE))
