"""Where the applicants are, and Inner Mongolia against the nation (by the FIRST applicant, as the dataset records
it: `country`, `province`, `prefecture`).

`regions(records) -> dict` (`run_all(...)["regions"]`), each list most records first, ties by code:
- `countries`: records by country code (names: `COUNTRIES`, else the code); `unknown_country`: records without;
- `provinces`: Chinese records (`country` "CN") by GB/T 2260 province (names: `schema.PROVINCES`);
- `prefectures`: Inner Mongolian records (`expressions.IN_INNER_MONGOLIA`) by prefecture code (names:
  `apps.reference.Prefecture`, else the code).

`inner_mongolia(records) -> dict` (`run_all(...)["inner_mongolia"]`):
- `region_count`: Inner Mongolian records; `nation_count`: Chinese records; `share` = region / nation (None
  without Chinese records);
- `rank`: Inner Mongolia's place among the provinces by records (1 = most; provinces with equal counts share a
  place: 1 + the provinces with more records); None without Inner Mongolian records; `provinces_ranked`:
  provinces with at least one record;
- `years` (the trend's years), `region_by_year`, `nation_by_year` (0-filled)."""

from .. import schema
from .expressions import IN_CHINA, IN_INNER_MONGOLIA

# ISO 3166 alpha-2 (and the patent offices' EP/WO) → the Chinese name shown on the charts.
COUNTRIES: dict[str, str] = {
    "CN": "中国",
    "US": "美国",
    "JP": "日本",
    "KR": "韩国",
    "DE": "德国",
    "FR": "法国",
    "GB": "英国",
    "IT": "意大利",
    "NL": "荷兰",
    "CH": "瑞士",
    "SE": "瑞典",
    "FI": "芬兰",
    "DK": "丹麦",
    "NO": "挪威",
    "BE": "比利时",
    "AT": "奥地利",
    "ES": "西班牙",
    "RU": "俄罗斯",
    "IN": "印度",
    "CA": "加拿大",
    "AU": "澳大利亚",
    "IL": "以色列",
    "SG": "新加坡",
    "MN": "蒙古国",
    "BR": "巴西",
    "TW": "中国台湾",
    "HK": "中国香港",
    "MO": "中国澳门",
    "EP": "欧洲专利局",
    "WO": "世界知识产权组织",
}


def _prefecture_names(codes: list[str]) -> dict[str, str]:
    from apps.reference.models import Prefecture

    return dict(Prefecture.objects.filter(code__in=codes).values_list("code", "name"))


def regions(records) -> dict:
    table = records.tally("facet")  # records per first applicant's place, filing year, … (`tallies`)
    countries = records.rows(
        f"SELECT country, sum(n)::BIGINT AS total FROM {table} WHERE country <> '' GROUP BY 1 ORDER BY total DESC, 1"
    )
    provinces = records.rows(
        f"SELECT province, sum(n)::BIGINT AS total FROM {table} WHERE {IN_CHINA} AND province <> '' "
        "GROUP BY 1 ORDER BY total DESC, 1"
    )
    prefectures = records.rows(
        f"SELECT prefecture, sum(n)::BIGINT AS total FROM {table} WHERE {IN_INNER_MONGOLIA} AND prefecture <> '' "
        "GROUP BY 1 ORDER BY total DESC, 1"
    )
    names = _prefecture_names([code for code, _n in prefectures])
    return {
        "countries": [{"code": code, "name": COUNTRIES.get(code, code), "count": n} for code, n in countries],
        "unknown_country": records.total - sum(n for _code, n in countries),
        "provinces": [{"code": code, "name": schema.PROVINCES.get(code, code), "count": n} for code, n in provinces],
        "prefectures": [{"code": code, "name": names.get(code, code), "count": n} for code, n in prefectures],
    }


def inner_mongolia(records, years: list[int]) -> dict:
    table = records.tally("facet")
    by_province = dict(
        records.rows(f"SELECT province, sum(n)::BIGINT FROM {table} WHERE {IN_CHINA} AND province <> '' GROUP BY 1")
    )
    nation = records.value(f"SELECT coalesce(sum(n), 0)::BIGINT FROM {table} WHERE {IN_CHINA}")
    region = by_province.get(schema.INNER_MONGOLIA, 0)
    by_year = {
        year: (in_region, in_nation)
        for year, in_region, in_nation in records.rows(
            f"SELECT filing_year, coalesce(sum(n) FILTER (WHERE {IN_INNER_MONGOLIA}), 0)::BIGINT, sum(n)::BIGINT "
            f"FROM {table} WHERE {IN_CHINA} AND filing_year IS NOT NULL GROUP BY 1"
        )
    }
    rank = None
    if region:
        rank = 1 + sum(1 for count in by_province.values() if count > region)
    return {
        "region_count": region,
        "nation_count": nation,
        "share": region / nation if nation else None,
        "rank": rank,
        "provinces_ranked": sum(1 for count in by_province.values() if count > 0),
        "years": list(years),
        "region_by_year": [by_year.get(year, (0, 0))[0] for year in years],
        "nation_by_year": [by_year.get(year, (0, 0))[1] for year in years],
    }
