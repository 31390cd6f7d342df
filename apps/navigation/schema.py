"""The columns of a landscape dataset's Parquet file: one row per patent record (docs/architecture.md, "Patent
navigation"). Every writer (`versions.write_records`, the import) and every reader (`analyses`, `search`) uses these
names; `COLUMNS` is the order of the file.

| column | DuckDB type | what |
|---|---|---|
| key | VARCHAR | dedup key: "AN:" + normalised application number (`patents.numbers`), else "PN:" + pub. number |
| application_number | VARCHAR | normalised ("201611162814.0"; a foreign number as written, upper case) |
| publication_number | VARCHAR | as written, upper case, no spaces ("" when unknown) |
| title, abstract, claims | VARCHAR | text as exported ("" when absent) |
| applicants | VARCHAR[] | in the export's order (first = first-named applicant) |
| applicant_types | VARCHAR[] | parallel to `applicants`: one of APPLICANT_TYPES (`applicant_type(name)`) |
| inventors | VARCHAR[] | |
| ipc_main | VARCHAR | the main IPC ("H01F1/057"; `apps.patents.records.ipc` form), "" when unknown |
| ipc | VARCHAR[] | every IPC code, main first |
| patent_type | VARCHAR | `apps.patents.models.Patent.Type` value ("" unknown) |
| legal_status | VARCHAR | `Patent.LegalStatus` value |
| filing_date, publication_date, grant_date | DATE | NULL when unknown |
| filing_year | SMALLINT | year of `filing_date` |
| country | VARCHAR | ISO 3166 alpha-2 of the first applicant ("CN"; "" unknown) |
| province | VARCHAR | GB/T 2260 two-digit code of a Chinese first applicant's province ("15": Inner Mongolia) |
| prefecture | VARCHAR | Inner Mongolia: the six-digit code of the prefecture (`apps.reference.Prefecture.code`) |
| cited_by | INTEGER | times cited (0 unknown) |
| family_size | INTEGER | members of the simple family, itself included (1 unknown) |
| overseas | BOOLEAN | the family has a member filed outside China |

Three more columns are computed from those when a version is written (`store.write_table`), so that an analysis
reads them instead of computing them for every record it counts (`DERIVED`; a file written before they existed is
read with the same expressions computed on the fly, `store.stored_derived`):

| first_type | VARCHAR | the type of the first applicant (`FIRST_TYPE`: "other" when missing or unknown) |
| subclasses | VARCHAR[] | the record's distinct IPC subclasses (`SUBCLASSES`: "H01F1/057" → "H01F") |
| applicant_ids | UBIGINT[] | the record's distinct non-empty applicant names, hashed (`APPLICANT_IDS`) |

Beside each version's file, `store.names_path` lists (id, name) for every applicant name of the version; it is
written only when no two names share a hash (`store.write_names`), and a version without it is analysed by names
(`analyses.scoped`).

At 10 million records, for 9.7 million of them (a busy 2-core host): reading `subclasses` took 3.0 s where
computing it from `ipc` took 6.4 s; reading, unnesting and counting `applicant_ids` 1.9 s where the names took
5.3 s, and the distinct applicants of each year 1.1 s against 2.2 s.
"""

import re

COLUMNS: dict[str, str] = {
    "key": "VARCHAR",
    "application_number": "VARCHAR",
    "publication_number": "VARCHAR",
    "title": "VARCHAR",
    "abstract": "VARCHAR",
    "claims": "VARCHAR",
    "applicants": "VARCHAR[]",
    "applicant_types": "VARCHAR[]",
    "inventors": "VARCHAR[]",
    "ipc_main": "VARCHAR",
    "ipc": "VARCHAR[]",
    "patent_type": "VARCHAR",
    "legal_status": "VARCHAR",
    "filing_date": "DATE",
    "publication_date": "DATE",
    "grant_date": "DATE",
    "filing_year": "SMALLINT",
    "country": "VARCHAR",
    "province": "VARCHAR",
    "prefecture": "VARCHAR",
    "cited_by": "INTEGER",
    "family_size": "INTEGER",
    "overseas": "BOOLEAN",
}

LIST_COLUMNS = frozenset(name for name, kind in COLUMNS.items() if kind.endswith("[]"))

# Applicant types of the analyses (issue 19: enterprise / university / institute / individual).
ENTERPRISE, UNIVERSITY, INSTITUTE, INDIVIDUAL, OTHER = "enterprise", "university", "institute", "individual", "other"
APPLICANT_TYPES = (ENTERPRISE, UNIVERSITY, INSTITUTE, INDIVIDUAL, OTHER)

INNER_MONGOLIA = "15"

_TYPES = ", ".join(f"'{value}'" for value in APPLICANT_TYPES)
FIRST_TYPE = f"CASE WHEN applicant_types[1] IN ({_TYPES}) THEN applicant_types[1] ELSE '{OTHER}' END"
SUBCLASSES = "list_distinct(list_filter(list_transform(ipc, lambda code: left(code, 4)), lambda s: length(s) = 4))"
# A record's distinct non-empty applicant names as 64-bit hashes: an analysis counts and compares integers, not
# strings, and reads the names of the few it shows from the version's name list (`store.names_path`).
NAME_ID = "hash({})"  # a name's id, for the file's lists and the version's name list (`store.write_names`)
APPLICANT_IDS = (
    f"list_distinct(list_transform(list_filter(applicants, lambda x: x <> ''), lambda x: {NAME_ID.format('x')}))"
)
DERIVED: dict[str, str] = {"first_type": FIRST_TYPE, "subclasses": SUBCLASSES, "applicant_ids": APPLICANT_IDS}
# The derived columns as a SELECT list over the schema's columns (every writer of a version's file).
DERIVED_SELECT = ", ".join(f"{sql} AS {name}" for name, sql in DERIVED.items())

# GB/T 2260 province-level divisions: code → short Chinese name (the names the charts show).
PROVINCES: dict[str, str] = {
    "11": "北京",
    "12": "天津",
    "13": "河北",
    "14": "山西",
    "15": "内蒙古",
    "21": "辽宁",
    "22": "吉林",
    "23": "黑龙江",
    "31": "上海",
    "32": "江苏",
    "33": "浙江",
    "34": "安徽",
    "35": "福建",
    "36": "江西",
    "37": "山东",
    "41": "河南",
    "42": "湖北",
    "43": "湖南",
    "44": "广东",
    "45": "广西",
    "46": "海南",
    "50": "重庆",
    "51": "四川",
    "52": "贵州",
    "53": "云南",
    "54": "西藏",
    "61": "陕西",
    "62": "甘肃",
    "63": "青海",
    "64": "宁夏",
    "65": "新疆",
    "71": "台湾",
    "81": "香港",
    "82": "澳门",
}

_UNIVERSITY = ("大学", "学院", "学校", "UNIVERSITY", "COLLEGE", "UNIV")
# Checked before the university words: 中国科学院…研究所 holds 学院 but is an institute.
_INSTITUTE = ("研究院", "研究所", "研究中心", "科学院", "实验室", "设计院", "INSTITUTE", "ACADEMY", "LABORATOR")
_ENTERPRISE = ("公司", "集团", "厂", "企业", "有限", "股份", "合作社", "株式会社")
# Other bodies (associations, hospitals, bureaus…): never a person even when the name is short.
_BODY = ("协会", "学会", "中心", "医院", "委员会", "局", "站", "馆", "社", "部", "所", "院", "会")
# Latin company forms, matched as whole words ("HAGEN, PETER" is not an AG).
_ENTERPRISE_LATIN = re.compile(r"\b(CO|LTD|INC|CORP|CORPORATION|COMPANY|GMBH|LLC|AG|KK|SA|SPA|BV|PLC|LIMITED)\b\.?")


def _university(upper: str) -> bool:
    return any(word in upper for word in _UNIVERSITY)


def applicant_type(name: str) -> str:
    """The type of an applicant by its name (the rule the analyses and the tests use): a university (大学, 学院…),
    else an institute (研究院, 研究所, 科学院…), else an enterprise (公司, 集团, 厂, Ltd, Inc…), else an individual
    (a Chinese name of 2–4 characters with no organisation word, or a Latin "Surname, Given" name), else other.
    University is checked before institute ("XX大学XX研究院" is the university's), except for the Academy of
    Sciences (中国科学院…研究所 is an institute although it holds 学院); Latin company forms are whole words."""
    text = (name or "").strip()
    upper = text.upper()
    if not text:
        return OTHER
    if "科学院" in text or (not _university(upper) and any(word in upper for word in _INSTITUTE)):
        return INSTITUTE
    if _university(upper):
        return UNIVERSITY
    if any(word in text for word in _ENTERPRISE) or _ENTERPRISE_LATIN.search(upper):
        return ENTERPRISE
    if any(word in text for word in _BODY):
        return OTHER
    if 2 <= len(text) <= 4 and all("\u4e00" <= ch <= "\u9fff" or ch == "·" for ch in text):
        return INDIVIDUAL
    if "," in text and len(text) <= 40 and text.replace(",", "").replace(" ", "").replace("-", "").isalpha():
        return INDIVIDUAL
    return OTHER
