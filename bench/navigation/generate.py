"""The seeded generator of landscape records (issue 19, "Speed and memory": deterministic, realistic distributions).

    write_jsonl(path, n, seed=2026, **options) -> int      # the import's JSON lines (schema.COLUMNS names)
    write_parquet(path, n, seed=2026, **options) -> int    # a dataset file as the import writes it (store.py)
    records(n, seed=2026, **options) -> list[dict]          # the same rows as Python values (tests, demo)
    disclosures(count, seed=2026) -> list[dict]             # title/abstract/claims of inventions NOT in a set
    .venv/bin/python -m bench.navigation.generate --records 1000000 --jsonl /tmp/landscape.jsonl

Options: `first` (the first record number: sets of different `first` share no application number), `im_share`
(Inner Mongolia's share of the Chinese first applicants, default 0.02), `focus` (a share of the records forced into
the rare-earth domains, as a center's own export would be: the demo uses 0.4).

How: one DuckDB SELECT over `range(first, first + n)`; every value of record i is drawn from `hash(i, seed, salt)`
(a different salt per draw) and looked up in constant lists built from `tables.py`, so no Python runs per row: 10
million records are written in about a minute on 2 cores, straight into Parquet (ZSTD, row groups of 122,880 rows,
as `store.write_table`) or JSON lines. The SELECT is a projection of the range in its order (no join, no sort), so the
same arguments give byte-identical files (tests/test_bench_navigation.py checks it).

What the records look like (`tables.py` holds the weights):
- filing years 2000–2025 by quantile of i, growing as each domain's filings grow, the last two years thinned by the
  18-month publication lag: the file is ordered by filing year (the import orders by key, whose first digits are
  the year), so a year range prunes row groups as it would on an imported dataset;
- a domain per record (the year's mix: graphene starts in 2006…), its IPC main group and 0–3 further codes from the
  domain, sometimes one from another;
- the first applicant: country (CN ~88 %), province (weighted; Inner Mongolia `im_share`, more often in the
  rare-earth, dairy and coal domains, with its prefecture), type (enterprise / university / institute /
  individual), and a Zipf-like rank inside its pool (country or province × type × domain): rank =
  floor((pool + 1)^u), so rank 1 files ~1/ln(pool) of its pool's records; 1–3 applicants (co-applicants of the
  same region, mostly universities and institutes); names are generated from the identity (same identity, same
  name), and `schema.applicant_type(name)` gives back the type they were drawn as;
- application numbers ZC 0006-2003 with their check character (8 digits before 2003), unique in the set; Chinese
  publication numbers; invention / utility model (a quarter of Chinese filings), foreign filings mostly through
  the PCT (type digit 8);
- legal status by type and age (pending → published → granted / rejected / withdrawn → lapsed / invalidated →
  expired after 20 years, 10 for utility models), with grant and publication dates before the cut-off;
- cited_by long-tailed (half never cited; Pareto tail growing with age), family size (foreign applicants file
  families of 3+), overseas flag;
- Chinese titles, abstracts and claims written from the domain's words and a parameter value; a third of the
  foreign applicants' records in English."""

import argparse
import math
import sys
import time
from pathlib import Path

import duckdb

from apps.navigation import schema

from . import tables

DEFAULT_SEED = 2026
# Legal statuses of inventions filed 4–19 years before 2025 (shares).
MIDDLE_AGED_INVENTION = [
    ("granted", 0.5),
    ("lapsed", 0.25),
    ("rejected", 0.12),
    ("withdrawn", 0.1),
    ("invalidated", 0.03),
]
LOOKUP = 1000  # entries of a weighted lookup list


def _expand(weights: dict, size: int = LOOKUP) -> list:
    """A list of `size` entries in which each key appears in proportion to its weight (largest remainder)."""
    total = sum(weights.values())
    exact = {key: weight * size / total for key, weight in weights.items()}
    counts = {key: int(value) for key, value in exact.items()}
    missing = size - sum(counts.values())
    for key in sorted(exact, key=lambda k: exact[k] - counts[k], reverse=True)[:missing]:
        counts[key] += 1
    return [key for key, count in counts.items() for _ in range(count)]


def _sql(value) -> str:
    """A Python value as a DuckDB literal (str, int, float, bool, list, tuple → list)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_sql(item) for item in value) + "]"
    raise TypeError(type(value))


def _cat(*parts: str) -> str:
    """SQL concatenation of expressions (one concat() call: a chain of || is ~4× slower in DuckDB)."""
    return "concat(" + ", ".join(parts) + ")"


def _year_weights(domains) -> dict[int, dict[str, float]]:
    """Per filing year, the relative number of records of each domain."""
    weights = {}
    for year in range(tables.FIRST_YEAR, tables.LAST_YEAR + 1):
        lag = tables.PUBLICATION_LAG.get(year, 1.0)
        weights[year] = {
            d.key: d.weight * math.exp(d.growth * (year - tables.LAST_YEAR)) * lag if year >= d.start else 0.0
            for d in domains
        }
    return weights


class Plan:
    """The constant lists of one generation (built from `tables`), and the SQL that draws from them."""

    def __init__(self, n: int, seed: int = DEFAULT_SEED, *, first: int = 0, im_share: float = 0.02, focus=0.0):
        if n < 1:
            raise ValueError("n must be at least 1")
        if not 0 <= focus < 1 or not 0 <= im_share < 0.5:
            raise ValueError("focus must be in [0, 1) and im_share in [0, 0.5)")
        self.n, self.seed, self.first, self.im_share, self.focus = n, int(seed), int(first), im_share, focus
        self.domains = tables.DOMAINS
        self.index = {d.key: k + 1 for k, d in enumerate(self.domains)}  # 1-based (DuckDB lists)
        by_year = _year_weights(self.domains)
        year_totals = {year: sum(w.values()) for year, w in by_year.items()}
        total = sum(year_totals.values())
        # Years by quantile of i: record first + j has the year whose cumulative share covers (j + 0.5) / n.
        self.year_starts, cumulative = {}, 0.0
        for year in range(tables.FIRST_YEAR, tables.LAST_YEAR + 1):
            self.year_starts[year] = math.ceil(cumulative * n - 0.5)
            cumulative += year_totals[year] / total
        starts = list(self.year_starts.values()) + [n]
        for year in range(tables.FIRST_YEAR, 2003):  # 8-digit numbers: 5-digit serials
            if starts[year - tables.FIRST_YEAR + 1] - starts[year - tables.FIRST_YEAR] > 99_999:
                raise ValueError(f"too many records for {year}'s 5-digit serials: generate fewer than ~15 million")
        # The domain mix of each year (with `focus`: that share forced into the rare-earth domains).
        rare = tables.RARE_EARTH_DOMAINS
        self.mix = []
        domain_share = dict.fromkeys(self.index, 0.0)
        for year, weights in by_year.items():
            year_total = sum(weights.values())
            rare_total = sum(weights[key] for key in rare)
            mixed = {
                key: (1 - focus) * w / year_total + (focus * w / rare_total if key in rare else 0.0)
                for key, w in weights.items()
            }
            self.mix.extend(self.index[key] for key in _expand(mixed, 200))
            for key, share in mixed.items():
                domain_share[key] += share * year_totals[year] / total
        boost_mean = sum(domain_share[d.key] * d.im_boost for d in self.domains)
        self.im_probability = [min(0.9, im_share * d.im_boost / boost_mean) for d in self.domains]

    # ------------------------------------------------------------ SQL pieces

    def h(self, salt: str, of: str = "i") -> str:
        """A draw of 31 bits as an INTEGER (DuckDB's UBIGINT arithmetic with non-constant operands is ~15× slower)."""
        return f"(hash({of}, {self.seed}, '{salt}') >> 33)::INTEGER"

    def u(self, salt: str, of: str = "i") -> str:
        """A uniform draw in [0, 1)."""
        return f"(({self.h(salt, of)} % 1000003)::DOUBLE / 1000003)"

    def pick(self, values: list | str, salt: str, of: str = "i", size: int | str | None = None) -> str:
        """One entry of a constant list (or of a list expression with its `size` expression)."""
        if isinstance(values, str):
            return f"({values})[1 + ({self.h(salt, of)} % ({size}))::INTEGER]"
        return f"({_sql(values)})[1 + ({self.h(salt, of)} % {len(values)})::INTEGER]"

    def grouped(self, lists: list[list], index: str, salt: str, of: str = "i") -> str:
        """An entry of `lists[index]` (1-based `index` expression). The lists are flattened into one constant list
        with offsets: DuckDB copies a nested constant list for every row it is indexed by, a flat one it does not."""
        flat, offsets, counts, at = [], [], [], 0
        for items in lists:
            offsets.append(at)
            counts.append(len(items))
            flat.extend(items)
            at += len(items)
        return (
            f"({_sql(flat)})[({_sql(offsets)})[{index}] + 1 + "
            f"({self.h(salt, of)} % ({_sql(counts)})[{index}])::INTEGER]"
        )

    def per_domain(self, attribute) -> str:
        """The constant list `attribute(domain)` of each domain (one value per domain), indexed by `d`."""
        return _sql([attribute(d) for d in self.domains])

    def dpick(self, attribute, salt: str, of: str = "i") -> str:
        """An entry of the domain's own list (`attribute(domain)`)."""
        return self.grouped([attribute(d) for d in self.domains], "d", salt, of)

    def year_case(self) -> str:
        parts = [f"WHEN j < {start} THEN {year - 1}" for year, start in list(self.year_starts.items())[1:]]
        return f"CASE {' '.join(parts)} ELSE {tables.LAST_YEAR} END"

    def query(self) -> str:
        """The SELECT of the n records, columns in `schema.COLUMNS` order."""
        cn_types = _expand(tables.APPLICANT_TYPES, 100)
        foreign_types = _expand(tables.FOREIGN_APPLICANT_TYPES, 100)
        co_types = _expand(tables.CO_APPLICANT_TYPES, 100)
        year_starts = list(self.year_starts.values())
        return f"""
WITH r AS (
    SELECT i, i - {self.first} AS j FROM range({self.first}, {self.first + self.n}) t(i)
), y AS (
    SELECT i, j, {self.year_case()} AS filing_year FROM r
), a AS (
    SELECT *,
        ({_sql(self.mix)})[(filing_year - {tables.FIRST_YEAR}) * 200 + 1 + ({self.h("domain")} % 200)::INTEGER] AS d,
        {self.pick(_expand(tables.COUNTRIES), "country")} AS country,
        j - ({_sql(year_starts)})[filing_year - {tables.FIRST_YEAR - 1}] AS serial
    FROM y
), b AS (
    SELECT *,
        country = 'CN' AND {self.u("im")} < ({_sql(self.im_probability)})[d] AS in_im,
        CASE WHEN country = 'CN' THEN {self.pick(cn_types, "type1")}
             ELSE {self.pick(foreign_types, "type1")} END AS type1,
        {self.pick(co_types, "type2")} AS type2,
        {self.pick(co_types, "type3")} AS type3,
        {self.pick(_expand(tables.APPLICANT_COUNTS, 100), "applicants")} AS applicant_count,
        {self.u("rank1")} AS u1, {self.u("rank2")} AS u2, {self.u("rank3")} AS u3,
        country = 'CN' AND {self.u("utility")} < {tables.UTILITY_MODEL_SHARE} AS utility,
        country <> 'CN' AND {self.u("pct")} < {tables.FOREIGN_PCT_SHARE} AS pct,
        ({self.h("day")} % 365)::INTEGER AS day_of_year
    FROM a
), c AS (
    SELECT *,
        CASE WHEN country <> 'CN' THEN '' WHEN in_im THEN '15'
             ELSE {self.pick(_expand(tables.PROVINCE_WEIGHTS), "province")} END AS province,
        {self._applicant("type1", "u1", "")} AS first_identity,
        CASE WHEN type1 = 'individual' THEN 'individual' ELSE type2 END AS co_type2,
        CASE WHEN type1 = 'individual' THEN 'individual' ELSE type3 END AS co_type3
    FROM b
), e AS (
    SELECT *,
        {self._applicant("co_type2", "u2", "2")} AS second_identity,
        {self._applicant("co_type3", "u3", "3")} AS third_identity,
        make_date(filing_year, 1, 1) + day_of_year AS filing_date,
        {tables.LAST_YEAR} - filing_year AS age,
        CASE WHEN utility THEN '2' WHEN pct THEN '8' ELSE '1' END AS type_digit
    FROM c
), f AS (
    SELECT *,
        {self._name("first_identity", "type1")} AS name1,
        {self._name("second_identity", "co_type2")} AS name2,
        {self._name("third_identity", "co_type3")} AS name3,
        CASE WHEN country = 'CN' AND province = '15'
             THEN {self._prefecture("first_identity")} ELSE '' END AS prefecture,
        CASE WHEN filing_year < 2003
             THEN lpad((filing_year % 100)::VARCHAR, 2, '0') || type_digit || lpad(serial::VARCHAR, 5, '0')
             ELSE filing_year::VARCHAR || type_digit || lpad(serial::VARCHAR, 7, '0') END AS digits,
        {self._status()} AS drawn_status
    FROM e
), f2 AS (
    SELECT *,
        applicant_count >= 2 AND name2 <> name1 AS keep2,
        applicant_count >= 3 AND name3 <> name1 AND name3 <> name2 AS keep3
    FROM f
), g AS (
    SELECT *,
        CASE WHEN keep2 AND keep3 THEN [name1, name2, name3] WHEN keep2 THEN [name1, name2]
             WHEN keep3 THEN [name1, name3] ELSE [name1] END AS applicants,
        CASE WHEN keep2 AND keep3 THEN [type1, co_type2, co_type3] WHEN keep2 THEN [type1, co_type2]
             WHEN keep3 THEN [type1, co_type3] ELSE [type1] END AS applicant_types,
        digits || '.' || {self._check("digits")} AS application_number,
        CASE WHEN drawn_status IN ('granted', 'lapsed', 'expired', 'invalidated')
             THEN filing_date + CASE WHEN utility THEN 120 + ({self.h("grant")} % 200)::INTEGER
                                     ELSE 700 + ({self.h("grant")} % 800)::INTEGER END END AS drawn_grant,
        {self.u("english")} < 0.35 AND country <> 'CN' AS english,
        {self._ipc()} AS ipc
    FROM f2
), h AS (
    SELECT *,
        CASE WHEN drawn_grant > DATE '{tables.CUTOFF}' THEN CASE WHEN utility THEN 'pending' ELSE 'published' END
             ELSE drawn_status END AS legal_status,
        CASE WHEN drawn_grant > DATE '{tables.CUTOFF}' THEN NULL ELSE drawn_grant END AS grant_date
    FROM g
)
SELECT
    'AN:' || application_number AS key,
    application_number,
    'CN' || CASE WHEN utility THEN '2' ELSE '1' END || lpad((i % 100000000)::VARCHAR, 8, '0')
        || CASE WHEN utility THEN 'U' ELSE 'A' END AS publication_number,
    {self._title()} AS title,
    {self._abstract()} AS abstract,
    {self._claims()} AS claims,
    applicants,
    applicant_types,
    {self._inventors()} AS inventors,
    ipc[1] AS ipc_main,
    ipc,
    CASE WHEN utility THEN 'utility_model' ELSE 'invention' END AS patent_type,
    legal_status,
    filing_date,
    CASE WHEN utility AND grant_date IS NOT NULL THEN grant_date
         ELSE least(filing_date + CASE WHEN utility THEN 200 WHEN {self.u("early")} < 0.3
                                       THEN 200 + ({self.h("published")} % 340)::INTEGER ELSE 548 END,
                    DATE '{tables.CUTOFF}' - ({self.h("late")} % 30)::INTEGER) END AS publication_date,
    grant_date,
    filing_year::SMALLINT AS filing_year,
    country,
    province,
    prefecture,
    {self._cited_by()} AS cited_by,
    {self._family()} AS family_size,
    CASE WHEN country <> 'CN' THEN true
         WHEN {self._family()} > 1 THEN {self.u("overseas")} < 0.6 ELSE false END AS overseas
FROM h"""

    # ------------------------------------------------------------ applicants

    def _applicant(self, kind: str, draw: str, slot: str) -> str:
        """The identity of an applicant: a struct (country, province, type, domain, rank). The rank is Zipf-like in
        the pool of its type; co-applicants share the first applicant's region (individuals co-file with
        individuals)."""
        pools = tables.POOL
        pool = f"CASE {kind} " + " ".join(f"WHEN '{t}' THEN {size}" for t, size in pools.items()) + " END"
        rank = f"least({pool}, floor(pow({pool} + 1, {draw}))::INTEGER)"
        province = (
            "province"
            if slot
            else (
                f"CASE WHEN country <> 'CN' THEN '' WHEN in_im THEN '15' "
                f"ELSE {self.pick(_expand(tables.PROVINCE_WEIGHTS), 'province')} END"
            )
        )
        domain = f"CASE WHEN {kind} = 'enterprise' OR {kind} = 'institute' THEN d ELSE 0 END"
        return f"{{'country': country, 'province': {province}, 'type': {kind}, 'domain': {domain}, 'rank': {rank}}}"

    def _prefecture(self, identity: str) -> str:
        """An IM applicant's prefecture code: from its domain's weights (or the general ones), by its identity."""
        lists = [_expand(d.prefectures or tables.PREFECTURE_WEIGHTS, 100) for d in self.domains]
        lists.append(_expand(tables.PREFECTURE_WEIGHTS, 100))
        general = len(lists)
        index = f"CASE WHEN {identity}.domain = 0 THEN {general} ELSE {identity}.domain END"
        return self.grouped(lists, index, "prefecture", identity)

    def _name(self, identity: str, kind: str) -> str:
        """A name from the identity alone (the same identity has the same name in every record)."""
        of = identity
        provinces = list(tables.PROVINCE_NAMES)
        province = f"list_position({_sql(provinces)}, {of}.province)"
        prefecture = f"list_position({_sql(list(tables.PREFECTURES))}, {self._prefecture(of)})"
        city = (
            f"CASE WHEN {of}.province = '15' THEN ({_sql(list(tables.PREFECTURES.values()))})[{prefecture}] "
            f"ELSE {self.grouped([tables.CITIES[code] for code in provinces], province, 'city', of)} END"
        )
        place = (
            f"CASE WHEN {self.u('place', of)} < 0.6 THEN ({_sql(list(tables.PROVINCE_NAMES.values()))})[{province}] "
            f"ELSE {city} END"
        )
        brand = "".join(f"{self.pick(list(tables.BRAND_CHARACTERS), f'brand{k}', of)} || " for k in (1, 2))
        industry = self.grouped([d.industry for d in self.domains], f"greatest({of}.domain, 1)", "industry", of)
        enterprise = f"{city} || {brand}{industry} || {self.pick(tables.COMPANY_FORMS, 'form', of)}"
        university = (
            f"{place} || {self.pick(tables.UNIVERSITY_FIELDS, 'field', of)} || "
            f"{self.pick(tables.UNIVERSITY_FORMS, 'uform', of)}"
        )
        institute = f"{place} || {industry} || {self.pick(tables.INSTITUTE_FORMS, 'iform', of)}"
        characters = list(tables.GIVEN_CHARACTERS)
        person = (
            f"{self.pick(list(tables.SURNAMES), 'surname', of)} || {self.pick(characters, 'given1', of)} || "
            f"CASE WHEN {self.u('given', of)} < 0.7 THEN {self.pick(characters, 'given2', of)} ELSE '' END"
        )
        countries = list(tables.FOREIGN_SURNAMES)
        country = f"list_position({_sql(countries)}, {of}.country)"

        def foreign(attribute: dict, salt: str) -> str:
            return self.grouped([attribute[c] for c in countries], country, salt, of)

        en_industry = _sql([d.key.upper().replace("_", " ") for d in self.domains])
        foreign_enterprise = (
            f"{self.pick(tables.FOREIGN_BRANDS, 'fbrand', of)} || ' ' || "
            f"CASE WHEN {of}.domain = 0 THEN 'TECH' ELSE ({en_industry})[{of}.domain] END || ' ' || "
            f"{foreign(tables.FOREIGN_FORMS, 'fform')}"
        )
        foreign_university = f"'UNIVERSITY OF ' || {foreign(tables.FOREIGN_CITIES, 'fcity')}"
        foreign_institute = f"{foreign(tables.FOREIGN_CITIES, 'fcity')} || ' RESEARCH INSTITUTE'"
        foreign_person = (
            f"{foreign(tables.FOREIGN_SURNAMES, 'fsurname')} || ', ' || {foreign(tables.FOREIGN_GIVEN, 'fgiven')}"
        )
        return f"""CASE WHEN {of}.country = 'CN' THEN CASE {kind}
                WHEN 'enterprise' THEN {enterprise} WHEN 'university' THEN {university}
                WHEN 'institute' THEN {institute} ELSE {person} END
            ELSE CASE {kind} WHEN 'university' THEN {foreign_university} WHEN 'institute' THEN {foreign_institute}
                WHEN 'individual' THEN {foreign_person} ELSE {foreign_enterprise} END END"""

    def _inventors(self) -> str:
        """1–5 inventors: Chinese names for Chinese applicants, "SURNAME, GIVEN" otherwise."""
        of = "(i * 8 + x)"
        given = list(tables.GIVEN_CHARACTERS)
        chinese = (
            f"{self.pick(list(tables.SURNAMES), 'inv_surname', of)} || {self.pick(given, 'inv_given', of)} || "
            f"CASE WHEN {self.u('inv_len', of)} < 0.7 THEN {self.pick(given, 'inv_given2', of)} ELSE '' END"
        )
        countries = list(tables.FOREIGN_SURNAMES)
        country = f"list_position({_sql(countries)}, country)"
        latin = (
            f"{self.grouped([tables.FOREIGN_SURNAMES[c] for c in countries], country, 'inv_fsurname', of)} || ', ' || "
            f"{self.grouped([tables.FOREIGN_GIVEN[c] for c in countries], country, 'inv_fgiven', of)}"
        )
        names = []
        for x in range(5):
            person = f"CASE WHEN country = 'CN' THEN {chinese} ELSE {latin} END"
            names.append(person.replace("(i * 8 + x)", f"(i * 8 + {x})"))
        return f"[{', '.join(names)}][1:1 + {self.h('inventors')} % 5]"

    # ------------------------------------------------------------ numbers and status

    @staticmethod
    def _check(digits: str) -> str:
        """ZC 0006-2003's check character of a digit string of 8 or 12 digits: Σ digit × (2…9 repeating) mod 11,
        10 → X (arithmetic on the number: no per-digit list)."""

        def total(length: int) -> str:
            terms = [
                f"(({digits})::BIGINT // {10 ** (length - k)} % 10) * {2 + (k - 1) % 8}" for k in range(1, length + 1)
            ]
            return "(" + " + ".join(terms) + ")"

        check = f"CASE WHEN length({digits}) = 8 THEN {total(8)} ELSE {total(12)} END % 11"
        return f"CASE WHEN {check} = 10 THEN 'X' ELSE ({check})::VARCHAR END"

    def _status(self) -> str:
        """The legal status by type and age (cumulative shares of a uniform draw)."""
        draw = self.u("status")

        def table(rows: list[tuple[str, float]]) -> str:
            cumulative, parts = 0.0, []
            for status, share in rows[:-1]:
                cumulative += share
                parts.append(f"WHEN {draw} < {cumulative:.3f} THEN '{status}'")
            return f"CASE {' '.join(parts)} ELSE '{rows[-1][0]}' END"

        invention = f"""CASE
            WHEN age <= 1 THEN {table([("published", 0.7), ("pending", 0.25), ("withdrawn", 0.05)])}
            WHEN age <= 3 THEN {table([("published", 0.4), ("granted", 0.35), ("rejected", 0.1), ("withdrawn", 0.15)])}
            WHEN age < 20 THEN {table(MIDDLE_AGED_INVENTION)}
            ELSE {table([("expired", 0.45), ("lapsed", 0.35), ("rejected", 0.12), ("withdrawn", 0.08)])} END"""
        utility = f"""CASE
            WHEN age = 0 THEN {table([("pending", 0.3), ("granted", 0.7)])}
            WHEN age < 10 THEN {table([("granted", 0.6), ("lapsed", 0.37), ("invalidated", 0.03)])}
            ELSE {table([("expired", 0.45), ("lapsed", 0.55)])} END"""
        return f"CASE WHEN utility THEN {utility} ELSE {invention} END"

    def _ipc(self) -> str:
        """The main group (weighted), then 0–3 more codes that follow it in the domain's list, and in 10 % of the
        records one code of another domain: never a repeat (the domains' codes are distinct, tests check it)."""
        codes, offsets, counts = self._flat([list(d.ipc) for d in self.domains])
        positions = self._flat(
            [[k for k, code in enumerate(d.ipc) for _ in _expand(d.ipc, 50) if _ == code] for d in self.domains]
        )
        main = f"({positions[0]})[({positions[1]})[d] + 1 + {self.h('ipc_main')} % ({positions[2]})[d]]"
        at = [f"({codes})[({offsets})[d] + 1 + ({main} + {k}) % ({counts})[d]]" for k in range(4)]
        count = len(self.domains)
        other_domain = f"(d + {self.h('ipc_domain')} % {count - 1}) % {count} + 1"
        other = f"({codes})[({offsets})[{other_domain}] + 1 + {self.h('ipc_other')} % ({counts})[{other_domain}]]"
        listed = f"[{', '.join(at)}][1:1 + {self.h('ipc_count')} % 4]"
        return f"CASE WHEN {self.u('ipc_any')} < 0.1 THEN {listed} || [{other}] ELSE {listed} END"

    def _cited_by(self) -> str:
        tail = f"pow(1 - {self.u('cited')}, -1 / 1.3) * (1 + age / 5.0)"
        return f"CASE WHEN {self.u('cited_zero')} < 0.5 THEN 0 ELSE least(3000, floor({tail}))::INTEGER END"

    def _family(self) -> str:
        def geometric(mean: int) -> str:
            return f"floor(-ln(1 - {self.u('family')}) * {mean})::INTEGER"

        return (
            f"CASE WHEN country <> 'CN' THEN least(60, 3 + {geometric(4)}) "
            f"WHEN {self.u('family_one')} < 0.85 THEN 1 ELSE least(60, 2 + {geometric(2)}) END"
        )

    # ------------------------------------------------------------ text

    def _word(self, attribute, salt: str) -> str:
        return self.dpick(attribute, salt)

    @staticmethod
    def _flat(lists: list[list]) -> tuple[str, str, str]:
        """(flat list, offsets, counts) literals of lists (see `grouped`)."""
        flat, offsets, counts = [], [], []
        for items in lists:
            offsets.append(len(flat))
            counts.append(len(items))
            flat.extend(items)
        return _sql(flat), _sql(offsets), _sql(counts)

    def _steps(self) -> tuple[str, str, str]:
        """Three different steps of the domain, in the domain's order."""
        flat, offsets, counts = self._flat([d.steps for d in self.domains])
        start = f"({self.h('step')} % ({counts})[d])::INTEGER"
        return tuple(f"({flat})[({offsets})[d] + 1 + ({start} + {k}) % ({counts})[d]]" for k in range(3))

    def _param(self) -> str:
        """ "<parameter>为<value><unit>" with a value drawn between the parameter's bounds."""
        texts, offsets, counts = self._flat(
            [[f"{n}为{{}}{unit}" for n, _lo, _hi, unit in d.params] for d in self.domains]
        )
        lows = self._flat([[float(lo) for _n, lo, _hi, _unit in d.params] for d in self.domains])[0]
        highs = self._flat([[float(hi) for _n, _lo, hi, _unit in d.params] for d in self.domains])[0]
        k = f"(({offsets})[d] + 1 + ({self.h('param')} % ({counts})[d])::INTEGER)"
        value = f"({lows})[{k}] + (({highs})[{k}] - ({lows})[{k}]) * {self.u('param_value')}"
        shown = (
            f"CASE WHEN ({highs})[{k}] < 10 THEN round({value}, 1)::VARCHAR ELSE round({value})::INTEGER::VARCHAR END"
        )
        return f"replace(({texts})[{k}], '{{}}', {shown})"

    def _subject(self) -> str:
        return self._word(lambda d: d.subjects, "subject")

    def _title(self) -> str:
        subject = self._subject()
        use = self._word(lambda d: d.uses, "title_use")
        templates = [
            _cat("'一种'", subject, "'及其制备方法'"),
            _cat("'一种'", subject, "'的制备方法'"),
            _cat("'一种'", subject),
            _cat("'一种用于'", use, "'的'", subject),
            _cat(subject, "'及其应用'"),
            _cat("'一种高性能'", subject, "'及其生产工艺'"),
        ]
        which = f"{self.h('title')} % {len(templates)}"
        chinese = "CASE " + " ".join(f"WHEN {which} = {k} THEN {t}" for k, t in enumerate(templates)) + " END"
        en = self._en_subject()
        english = _cat(f"upper(left({en}, 1))", f"substr({en}, 2)", "' and method for producing the same'")
        return f"CASE WHEN english THEN {english} ELSE {chinese} END"

    def _en_subject(self) -> str:
        return self._word(lambda d: d.en_subjects, "subject_en")

    def _abstract(self) -> str:
        s1, s2, s3 = self._steps()
        field = f"({self.per_domain(lambda d: d.field_name)})[d]"
        effects, offsets, counts = self._flat([d.effects for d in self.domains])
        first = f"{self.h('effect')} % ({counts})[d]"
        effect1 = f"({effects})[({offsets})[d] + 1 + {first}]"
        effect2 = f"({effects})[({offsets})[d] + 1 + ({first} + 1) % ({counts})[d]]"
        chinese = _cat(
            "'本发明公开了一种'",
            self._subject(),
            "'及其制备方法，属于'",
            field,
            "'技术领域。该方法包括以下步骤：'",
            s1,
            "'；'",
            s2,
            "'；'",
            s3,
            "'。其中'",
            self._word(lambda d: d.features, "feature"),
            "'，'",
            self._param(),
            "'。本发明'",
            effect1,
            "'，'",
            effect2,
            "'，适用于'",
            self._word(lambda d: d.uses, "use"),
            "'。'",
        )
        english = _cat(
            "'The invention discloses a '",
            self._en_subject(),
            "' and a method for producing the same. The method '",
            self._word(lambda d: d.en_effects, "effect_en"),
            "' and is suitable for industrial production.'",
        )
        return f"CASE WHEN english THEN {english} ELSE {chinese} END"

    def _claims(self) -> str:
        s1, s2, s3 = self._steps()
        subject = self._subject()
        chinese = _cat(
            "'1. 一种'",
            subject,
            "'的制备方法，其特征在于，包括以下步骤：S1，'",
            s1,
            "'；S2，'",
            s2,
            "'；S3，'",
            s3,
            "'。2. 根据权利要求1所述的制备方法，其特征在于，'",
            self._word(lambda d: d.features, "claim_feature"),
            "'。3. 根据权利要求1所述的制备方法，其特征在于，所述'",
            self._param(),
            "'。'",
        )
        english = _cat(
            "'1. A method for producing a '",
            self._en_subject(),
            "', comprising the steps of preparing, processing and finishing. 2. The method according to claim 1, "
            "wherein the method '",
            self._word(lambda d: d.en_effects, "claim_effect_en"),
            "'.'",
        )
        return f"CASE WHEN english THEN {english} ELSE {chinese} END"


# ---------------------------------------------------------------- entry points


def connect() -> duckdb.DuckDBPyConnection:
    return duckdb.connect(":memory:", config={"threads": 2, "memory_limit": "2GB", "preserve_insertion_order": True})


def records(n: int, seed: int = DEFAULT_SEED, **options) -> list[dict]:
    """The records as dicts of Python values (dates as datetime.date), in order."""
    con = connect()
    try:
        cursor = con.execute(Plan(n, seed, **options).query())
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()


def _copy(
    path: Path | str, n: int, seed: int, options: dict, format_sql: str, *, export: bool = False, derived: bool = False
) -> int:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    quoted = "'" + str(partial).replace("'", "''") + "'"
    con = connect()
    try:
        query = Plan(n, seed, **options).query()
        if export:  # the export's word for a utility model (the import reads the portfolio's patent types)
            query = (
                "SELECT * REPLACE (CASE patent_type WHEN 'utility_model' THEN '实用新型' ELSE patent_type END "
                f"AS patent_type) FROM ({query})"
            )
        if derived:  # the columns `store.write_table` computes when it writes a version
            query = f"SELECT *, {schema.DERIVED_SELECT} FROM ({query})"
        con.execute(f"COPY ({query}) TO {quoted} ({format_sql})")
    finally:
        con.close()
    partial.replace(path)
    return n


def write_jsonl(path: Path | str, n: int, seed: int = DEFAULT_SEED, **options) -> int:
    """JSON lines, one record an object with the schema's column names (dates "YYYY-MM-DD", lists as arrays); a
    utility model's `patent_type` is written "实用新型" as exports write it (the import refuses "utility_model")."""
    return _copy(path, n, seed, options, "FORMAT json", export=True)


def write_parquet(path: Path | str, n: int, seed: int = DEFAULT_SEED, **options) -> int:
    """A Parquet file with the schema's columns and types and the derived ones (`schema.DERIVED`), compressed and
    grouped as `store.write_table` does."""
    return _copy(path, n, seed, options, "FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880", derived=True)


def disclosures(count: int, seed: int = DEFAULT_SEED) -> list[dict]:
    """`count` inventions to search for (title, abstract, claims), drawn beyond any set's record numbers (first =
    900,000,000) and with the rare-earth focus of a center's disclosures: like the sets' records, never in them."""
    rows = records(count, seed, first=900_000_000, focus=0.5)
    return [{"title": r["title"], "abstract": r["abstract"], "claims": r["claims"]} for r in rows]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Write generated landscape records (bench/navigation).")
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--focus", type=float, default=0.0)
    parser.add_argument("--im-share", type=float, default=0.02)
    parser.add_argument("--jsonl")
    parser.add_argument("--parquet")
    args = parser.parse_args(argv)
    options = {"focus": args.focus, "im_share": args.im_share}
    for path, writer in ((args.jsonl, write_jsonl), (args.parquet, write_parquet)):
        if path:
            started = time.perf_counter()
            writer(path, args.records, args.seed, **options)
            size = Path(path).stat().st_size / 1024 / 1024
            print(f"{path}: {args.records:,} records, {size:,.1f} MiB, {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
