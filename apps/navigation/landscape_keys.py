"""The columns a landscape import reads beyond the portfolio's fields (`apps.patents.records.CELLS`): the
landscape-only columns of an export with their header names, and the keys a JSON-lines record may use (shared by
`landscape_import` and its DuckDB path `landscape_jsonl`)."""

from apps.patents import records

# Landscape-only columns of an export: extra → header names (compared as `layouts.normalise_header` does).
LANDSCAPE_ALIASES: dict[str, tuple[str, ...]] = {
    "claims_text": (
        "首项权利要求",
        "第一权利要求",
        "主权项",
        "独立权利要求",
        "权利要求书",
        "权利要求",
        "首权",
        "first claim",
        "claims text",
    ),
    "address": ("申请人地址", "第一申请人地址", "申请(专利权)人地址", "专利权人地址", "地址", "applicant address"),
    "province": ("申请人省市", "第一申请人省市", "申请人省份", "申请人所在省", "省份", "省市", "applicant province"),
    "country": (
        "申请人国别代码",
        "申请人所在国(省)",
        "申请人国家",
        "申请人国别",
        "国别",
        "国家/地区",
        "applicant country",
    ),
    "prefecture": ("申请人盟市", "盟市", "地市", "applicant city"),
    "family_size": ("简单同族个数", "简单同族数量", "同族个数", "同族数量", "family size"),
}
EXTRAS = tuple(LANDSCAPE_ALIASES)

# JSON key → the cell it fills: the portfolio's fields by their own names, the dataset's columns, the extras.
JSON_KEYS: dict[str, str] = {
    **{key: key for key in records.CELLS},
    "ipc": "ipc_codes",
    "cited_by": "cited_by_count",
    "claims": "claims_text",
    "family_size": "family_size",
    "applicant_address": "address",
    "address": "address",
    "applicant_province": "province",
    "province": "province",
    "applicant_country": "country",
    "country": "country",
    "prefecture": "prefecture",
}
