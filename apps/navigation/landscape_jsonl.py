"""The fast path of a JSON lines import: the lines DuckDB can vouch for are read and normalised in SQL, a column at a
time; every other line goes through the portfolio's `records.RowParser`, one line at a time, as before (issue 19,
"1 million records in under 60 s").

`stage(con, path, converter, *, today, regions) -> int | None`: fills the converter's `Stage` (`incoming`) from the
file and returns the rows read; None when DuckDB cannot split the file into lines as Python does (the caller then
reads the whole file line by line).

**Which lines are plain.** A line is normalised in SQL only when every value has the common, well-formed shape for
which the SQL below gives exactly what `RowParser` gives (tests/test_import_jsonl.py compares the two paths on
varied lines):
- the application number written plainly ("201910000001.1", "CN201910000001.1": 12 digits, a type digit 1/2/3/8/9,
  a year from 2003) with the right check character;
- title, abstract and claims made only of `PLAIN_CHARACTERS` (no line break, no character that the text
  normalisation would change: `records.clean_text` leaves them as they are), the title at most 500 characters;
- the type, legal status and validity words exactly one of the vendors' words (`records.TYPE_WORDS`,
  `STATUS_WORDS`, `VALIDITY_WORDS`), the type agreeing with the number's type digit;
- dates written "YYYY-MM-DD", real, from 1949-10-01 and not after today, publication and grant not before filing;
  a grant date only with a granted, expired, lapsed or invalidated status (or a type word that says granted); a
  utility model or design never "published";
- IPC codes written "H01F 1/057" or "H01F1/057" (upper case); publication and family numbers of letters and
  digits; applicants and inventors of plain characters; counts whole JSON numbers from 0 (a family size from 1);
- no priority or PCT number (those lines take the parser's path).
Any other line — a bad one included — is read by `RowParser`, which reports its problems in Chinese; a line that is
not a JSON object is reported as such. Line numbers are the file's: DuckDB keeps blank lines as empty rows."""

from django.utils.translation import gettext as _

from apps.core import inputs
from apps.patents import records

from . import schema, store
from .landscape_keys import JSON_KEYS

# Characters a plain text is made of: printable, unchanged by NFC (checked for every one in the tests).
PLAIN_CHARACTERS = (
    r"\x{20}-\x{7E}\x{B0}\x{B1}\x{B7}\x{D7}\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{FF}\x{391}-\x{3A1}\x{3A3}-\x{3A9}"
    r"\x{3B1}-\x{3C9}\x{2014}-\x{201D}\x{2026}\x{2030}\x{2103}\x{2160}-\x{216B}\x{2190}-\x{2193}\x{2264}\x{2265}"
    r"\x{2460}-\x{2473}\x{3001}-\x{3003}\x{3008}-\x{3011}\x{3014}\x{3015}\x{4E00}-\x{9FFF}\x{FF01}-\x{FF5E}"
)
_PLAIN = f"^[{PLAIN_CHARACTERS}]*$"
_WORD = r"^[\x{4E00}-\x{9FFF}a-zA-Z ]+$"
_IPC = r"^[A-H][0-9]{2}[A-Z] ?[0-9]{1,4}/[0-9]{1,6}$"
_NUMBER = r"^[A-Za-z0-9]+$"
_SPLIT = r"\s*[;；|\n]\s*"  # records.SPLIT
GRANTED = tuple(str(status) for status in records.GRANTED_STATUSES)
WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
KINDS = {"1": "invention", "8": "invention", "2": "utility_model", "9": "utility_model", "3": "design"}
COUNT_MAX = 2_147_483_647


def _literal(text) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _words_table(con, name: str, rows: list[tuple]) -> None:
    columns = ", ".join(f"c{i} VARCHAR" for i in range(len(rows[0])))
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} ({columns})")
    placeholders = ", ".join("?" for _ in rows[0])
    con.executemany(f"INSERT INTO {name} VALUES ({placeholders})", rows)


def _vocabulary(con) -> None:
    """The vendors' words as tables: type word → (type, "1" when it says granted), status word → status,
    validity word → status ("" for 未确认)."""
    types = {}
    for word, (kind, granted) in records.TYPE_WORDS.items():
        types.setdefault(word, (str(kind), "1" if granted else ""))
    for word, value in list(types.items()):
        types.setdefault(word + "专利", value)  # `patent_type_of`: the word without 专利 is looked up too
    _words_table(con, "nav_type_words", [(word, *value) for word, value in types.items()])
    _words_table(con, "nav_status_words", [(word, str(status)) for word, status in records.STATUS_WORDS.items()])
    _words_table(
        con, "nav_validity_words", [(word, str(status or "")) for word, status in records.VALIDITY_WORDS.items()]
    )


def _keys_of(converter_keys: dict) -> dict[str, list[str]]:
    cells: dict[str, list[str]] = {}
    for key, cell in converter_keys.items():
        cells.setdefault(cell, []).append(key)
    return cells


def _list_sql(value: str, kind: str, element_ok: str, normalise: str) -> tuple[str, str]:
    """(the list of a multi-valued cell, whether it is plain): a JSON array or a text split as `records.split`
    does; elements trimmed, empty ones dropped, `normalise`d (x), repeats dropped in order."""
    raw = (
        f"CASE WHEN {kind} = 'ARRAY' THEN list_transform(from_json({value}, '[\"VARCHAR\"]'), lambda x: trim(x)) "
        f"WHEN {kind} = 'VARCHAR' THEN list_transform(regexp_split_to_array(trim({value}), '{_SPLIT}'), "
        "lambda x: trim(x)) ELSE []::VARCHAR[] END"
    )
    kept = f"list_filter({raw}, lambda x: x IS NOT NULL AND x <> '')"
    normalised = f"list_transform({kept}, lambda x: {normalise})"
    distinct = f"list_filter({normalised}, lambda x, i: list_position({normalised}, x) = i)"
    plain = (
        f"({kind} IS NULL OR {kind} = 'NULL' OR (({kind} = 'VARCHAR' AND regexp_full_match({value}, '{_PLAIN}')) "
        f"OR {kind} = 'ARRAY') AND len(list_filter({raw}, lambda x: x IS NOT NULL AND NOT ({element_ok}))) = 0)"
    )
    return distinct, plain


def stage(con, path, converter, *, today, regions, read_line) -> int | None:
    """See the module docstring. `read_line(row_number, raw)` reads one line the parser's way (its rows counted by
    the converter)."""
    try:
        con.execute(
            f"CREATE TEMP TABLE nav_lines AS SELECT line FROM read_csv({store.quote(path)}, "
            "columns={'line': 'VARCHAR'}, header=false, delim=chr(30), quote='', escape='', auto_detect=false, "
            "strict_mode=false)"
        )
    except Exception:  # a line DuckDB splits otherwise (a record separator in it): the parser's path
        return None
    keys = list(_json_keys())
    cells = _keys_of(_json_keys())
    paths = ", ".join(_literal(f'$."{key}"') for key in keys)
    con.execute(
        f"CREATE TEMP TABLE nav_json AS SELECT rowid + 1 AS n, json_extract_string(line, [{paths}]) AS s, "
        f"json_type(line, [{paths}]) AS t FROM nav_lines WHERE json_type(TRY_CAST(line AS JSON)) = 'OBJECT'"
    )
    _vocabulary(con)
    position = {key: i + 1 for i, key in enumerate(keys)}

    def cell(name):
        """(value, JSON type, ambiguous) of a cell from its keys."""
        names = cells.get(name, [])
        values = [f"s[{position[k]}]" for k in names]
        kinds = [f"t[{position[k]}]" for k in names]
        if len(names) == 1:
            return values[0], kinds[0], "FALSE"
        given = " + ".join(f"CASE WHEN {v} IS NULL THEN 0 ELSE 1 END" for v in values)
        kind = "CASE " + " ".join(f"WHEN {v} IS NOT NULL THEN {k}" for v, k in zip(values, kinds, strict=True)) + " END"
        return f"coalesce({', '.join(values)})", kind, f"({given}) > 1"

    def scalar(name):
        value, kind, ambiguous = cell(name)
        text = f"nullif(trim({value}), '')"
        return text, kind, ambiguous

    an, an_type, an_amb = scalar("application_number")
    title, title_type, title_amb = scalar("title")
    abstract, abstract_type, abstract_amb = scalar("abstract")
    claims, claims_type, claims_amb = scalar("claims_text")
    type_word, type_type, type_amb = scalar("patent_type")
    status_word, status_type, status_amb = scalar("legal_status")
    validity_word, validity_type, validity_amb = scalar("validity")
    filing, filing_type, filing_amb = scalar("filing_date")
    published, published_type, published_amb = scalar("publication_date")
    granted, granted_type, granted_amb = scalar("grant_date")
    pub_number, pub_type, pub_amb = scalar("publication_number")
    ipc_main, ipc_main_type, ipc_main_amb = scalar("ipc_main")
    ipc_value, ipc_type, ipc_amb = cell("ipc_codes")
    app_value, app_type, app_amb = cell("applicants")
    inv_value, inv_type, inv_amb = cell("inventors")
    fam_value, fam_type, fam_amb = cell("family")
    ipc_list, ipc_plain = _list_sql(ipc_value, ipc_type, f"regexp_full_match(x, '{_IPC}')", "replace(x, ' ', '')")
    name_ok = f"regexp_full_match(x, '{_PLAIN}') AND NOT regexp_matches(x, '[;；|]')"
    app_list, app_plain = _list_sql(app_value, app_type, name_ok, "x")
    inv_list, inv_plain = _list_sql(inv_value, inv_type, name_ok, "x")
    fam_list, fam_plain = _list_sql(fam_value, fam_type, f"regexp_full_match(x, '{_NUMBER}')", "upper(x)")
    counts = {}
    for name in ("cited_by_count", "claims_count", "cites_count", "family_size"):
        value, kind, ambiguous = cell(name)
        lowest = 1 if name == "family_size" else 0
        counts[name] = (
            f"CASE WHEN {kind} IN ('UBIGINT', 'BIGINT') THEN TRY_CAST({value} AS BIGINT) END",
            f"(NOT {ambiguous} AND ({kind} IS NULL OR {kind} = 'NULL' OR ({kind} IN ('UBIGINT', 'BIGINT') AND "
            f"TRY_CAST({value} AS BIGINT) BETWEEN {lowest} AND {COUNT_MAX})))",
        )
    places = {}
    for name in ("address", "province", "country", "prefecture"):
        value, kind, ambiguous = cell(name)
        places[name] = (
            f"coalesce({value}, '')",
            f"(NOT {ambiguous} AND ({kind} IS NULL OR {kind} IN ('NULL', 'VARCHAR')))",
        )
    absent = []
    for name in ("priority_number", "priority_date", "pct_number"):
        value, kind, _ambiguous = cell(name)
        absent.append(f"({kind} IS NULL OR {kind} = 'NULL' OR ({kind} = 'VARCHAR' AND trim({value}) = ''))")

    first, last = inputs.HISTORY_DATES.first, inputs.HISTORY_DATES.last
    last = min(last, today)

    def date_sql(text, kind):
        value = f"TRY_CAST({text} AS DATE)"
        ok = (
            f"({text} IS NULL OR ({kind} = 'VARCHAR' AND regexp_full_match({text}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}') "
            f"AND {value} BETWEEN DATE '{first.isoformat()}' AND DATE '{last.isoformat()}'))"
        )
        return value, ok

    filing_date, filing_ok = date_sql(filing, filing_type)
    pub_date, pub_ok = date_sql(published, published_type)
    grant_date, grant_ok = date_sql(granted, granted_type)
    digits = f"regexp_extract({an}, '^(?:CN)?([0-9]{{12}})\\.([0-9X])$', 1)"
    check_total = " + ".join(f"TRY_CAST(substr(d, {i + 1}, 1) AS INTEGER) * {w}" for i, w in enumerate(WEIGHTS))
    kinds = " ".join(f"WHEN '{digit}' THEN '{kind}'" for digit, kind in KINDS.items())
    con.execute(
        f"""
        CREATE TEMP TABLE nav_a AS
        SELECT n, {an} AS an, {an_type} AS an_type, {digits} AS d,
               regexp_extract({an}, '\\.([0-9X])$', 1) AS given_check,
               {title} AS title, {title_type} AS title_type,
               ({abstract} IS NULL OR ({abstract_type} = 'VARCHAR' AND regexp_full_match({abstract}, '{_PLAIN}')
                 AND length({abstract}) <= {inputs.TEXT_MAX})) AS abstract_ok,
               ({claims} IS NULL OR ({claims_type} = 'VARCHAR' AND regexp_full_match({claims}, '{_PLAIN}')))
                 AS claims_ok,
               lower(replace({type_word}, ' ', '')) AS type_word, {type_word} AS type_raw, {type_type} AS type_type,
               lower(replace({status_word}, ' ', '')) AS status_word, {status_word} AS status_raw,
               {status_type} AS status_type,
               lower(replace({validity_word}, ' ', '')) AS validity_word, {validity_word} AS validity_raw,
               {validity_type} AS validity_type,
               {filing_date} AS filing_date, {filing_ok} AS filing_ok, {filing} AS filing_raw,
               {pub_date} AS publication_date, {pub_ok} AS publication_ok,
               {grant_date} AS grant_date, {grant_ok} AS grant_ok,
               {pub_number} AS pub_number, {pub_type} AS pub_type,
               {ipc_main} AS ipc_main_raw, {ipc_main_type} AS ipc_main_type,
               {ipc_list} AS ipc_list, {ipc_plain} AS ipc_plain,
               {app_list} AS applicants, {app_plain} AS applicants_plain,
               {inv_list} AS inventors, {inv_plain} AS inventors_plain,
               {fam_list} AS family, {fam_plain} AS family_plain,
               {", ".join(f"{value} AS {name}, {ok} AS {name}_ok" for name, (value, ok) in counts.items())},
               {", ".join(f"{value} AS {name}, {ok} AS {name}_ok" for name, (value, ok) in places.items())},
               ({" AND ".join(absent)}) AS absent_ok,
               NOT ({
            " OR ".join(
                [
                    an_amb,
                    title_amb,
                    abstract_amb,
                    claims_amb,
                    type_amb,
                    status_amb,
                    validity_amb,
                    filing_amb,
                    published_amb,
                    granted_amb,
                    pub_amb,
                    ipc_main_amb,
                    ipc_amb,
                    app_amb,
                    inv_amb,
                    fam_amb,
                ]
            )
        }) AS unambiguous
        FROM nav_json
        """
    )
    con.execute(
        f"""
        CREATE TEMP VIEW nav_b AS
        SELECT a.*,
               d <> '' AND TRY_CAST(substr(d, 1, 4) AS INTEGER) BETWEEN 2003 AND 2099
                 AND substr(d, 5, 1) IN ('1', '2', '3', '8', '9')
                 AND given_check = CASE WHEN ({check_total}) % 11 = 10 THEN 'X'
                                        ELSE CAST(({check_total}) % 11 AS VARCHAR) END
                 AS number_ok,
               CASE substr(d, 5, 1) {kinds} END AS kind,
               tw.c1 AS word_type, tw.c2 = '1' AS word_granted, sw.c1 AS word_status,
               nullif(vw.c1, '') AS word_validity,
               (vw.c0 IS NOT NULL) AS validity_known,
               CASE WHEN ipc_main_raw IS NULL THEN '' ELSE replace(ipc_main_raw, ' ', '') END AS ipc_main_given
        FROM nav_a AS a
        LEFT JOIN nav_type_words AS tw ON tw.c0 = a.type_word
        LEFT JOIN nav_status_words AS sw ON sw.c0 = a.status_word
        LEFT JOIN nav_validity_words AS vw ON vw.c0 = a.validity_word
        """
    )
    con.execute(
        """
        CREATE TEMP VIEW nav_c AS
        SELECT b.*, coalesce(word_type, kind) AS patent_type,
               coalesce(word_granted, FALSE) AS granted_word,
               CASE WHEN ipc_main_given <> '' THEN ipc_main_given ELSE coalesce(ipc_list[1], '') END AS ipc_main,
               coalesce(upper(pub_number), '') AS publication_number
        FROM nav_b AS b
        """
    )
    status_sql = """
        CASE
          WHEN s0 = 'pending' AND publication_date IS NOT NULL AND examined THEN 'published'
          ELSE s0
        END"""
    con.execute(
        f"""
        CREATE TEMP VIEW nav_d AS
        SELECT c.*, {status_sql} AS legal_status
        FROM (
          SELECT c.*, patent_type IN ('', 'invention') AS examined,
                 CASE
                   WHEN s1 IS NOT NULL THEN s1
                   WHEN grant_date IS NOT NULL OR granted_word
                        OR ((publication_date IS NOT NULL OR publication_number <> '')
                            AND patent_type NOT IN ('', 'invention')) THEN 'granted'
                   WHEN publication_date IS NOT NULL OR publication_number <> '' THEN 'published'
                   ELSE 'pending'
                 END AS s0
          FROM (
            SELECT c.*,
                   CASE
                     WHEN word_status IS NULL THEN word_validity
                     WHEN word_status = 'granted' AND word_validity = 'lapsed' THEN 'lapsed'
                     ELSE word_status
                   END AS s1
            FROM nav_c AS c
          ) AS c
        ) AS c
        """
    )
    granted_list = ", ".join(_literal(status) for status in GRANTED)
    plain = f"""
        unambiguous AND an_type = 'VARCHAR' AND number_ok
        AND title IS NOT NULL AND title_type = 'VARCHAR' AND regexp_full_match(title, '{_PLAIN}')
        AND length(regexp_replace(title, ' {{2,}}', ' ', 'g')) <= {records.MAX_LENGTHS["title"]}
        AND abstract_ok AND claims_ok
        AND (type_raw IS NULL OR (type_type = 'VARCHAR' AND regexp_full_match(type_raw, '{_WORD}')
             AND word_type IS NOT NULL AND word_type = kind))
        AND (status_raw IS NULL OR (status_type = 'VARCHAR' AND regexp_full_match(status_raw, '{_WORD}')
             AND word_status IS NOT NULL))
        AND (validity_raw IS NULL OR (validity_type = 'VARCHAR' AND regexp_full_match(validity_raw, '{_WORD}')
             AND validity_known))
        AND filing_raw IS NOT NULL AND filing_ok AND publication_ok AND grant_ok
        AND (publication_date IS NULL OR publication_date >= filing_date)
        AND (grant_date IS NULL OR grant_date >= filing_date)
        AND (grant_date IS NULL OR legal_status IN ({granted_list}) OR granted_word)
        AND NOT (patent_type IN ('utility_model', 'design') AND legal_status = 'published')
        AND (pub_number IS NULL OR (pub_type = 'VARCHAR' AND regexp_full_match(pub_number, '^[A-Za-z0-9]{{1,40}}$')))
        AND (ipc_main_raw IS NULL OR (ipc_main_type = 'VARCHAR' AND regexp_full_match(ipc_main_raw, '{_IPC}')))
        AND ipc_plain AND applicants_plain AND inventors_plain AND family_plain AND absent_ok
        AND {" AND ".join(f"{name}_ok" for name in (*counts, *places))}
    """
    con.execute(f"CREATE TEMP TABLE nav_plain AS SELECT * FROM nav_d WHERE {plain}")
    for view in ("nav_d", "nav_c", "nav_b"):  # what is no longer needed goes at once (memory)
        con.execute(f"DROP VIEW {view}")
    con.execute("DROP TABLE nav_a")
    plain_rows = con.execute("SELECT count(*) FROM nav_plain").fetchone()[0]
    _applicant_types(con)
    _places(con, regions)
    columns = ", ".join(schema.COLUMNS)
    con.execute(
        f"""
        INSERT INTO incoming ({columns}, seq)
        SELECT 'AN:' || d || '.' || given_check, d || '.' || given_check, publication_number,
               regexp_replace(title, ' {{2,}}', ' ', 'g'), coalesce({abstract}, ''), coalesce({claims}, ''),
               applicants, coalesce(k.kinds, []::VARCHAR[]),
               list_filter(inventors, lambda x: x <> {_literal(records.WITHHELD_INVENTORS)}),
               ipc_main, CASE WHEN ipc_main = '' THEN ipc_list
                              ELSE list_prepend(ipc_main, list_filter(ipc_list, lambda x: x <> ipc_main)) END,
               patent_type, legal_status, filing_date, publication_date, grant_date,
               CAST(year(filing_date) AS SMALLINT), p.c, p.p, p.f,
               CAST(coalesce(cited_by_count, 0) AS INTEGER),
               CAST(coalesce(family_size, CASE WHEN len(family) = 0 THEN 1
                    ELSE len(family) + CASE WHEN list_contains(family, publication_number) THEN 0 ELSE 1 END END)
                    AS INTEGER),
               len(list_filter(family, lambda m: regexp_matches(m, '^[A-Z]{{2}}')
                    AND NOT starts_with(m, 'CN') AND NOT starts_with(m, 'ZL'))) > 0,
               n
        FROM nav_plain AS r
        JOIN nav_places AS p USING (address, province, country, prefecture)
        LEFT JOIN nav_applicant_kinds AS k USING (n)
        JOIN nav_json AS j USING (n)
        """
    )
    con.execute("DROP TABLE nav_json")
    # Every other line goes to the parser (which skips a blank one): no trim() of a million lines here.
    others = con.execute(
        "SELECT l.n, l.line FROM (SELECT rowid + 1 AS n, line FROM nav_lines) AS l "
        "WHERE l.line IS NOT NULL AND l.n NOT IN (SELECT n FROM nav_plain) ORDER BY 1"
    )
    while batch := others.fetchmany(10_000):
        for row_number, line in batch:
            read_line(row_number, line)
    for table in ("nav_lines", "nav_plain", "nav_types", "nav_applicant_kinds"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    return plain_rows


def _json_keys() -> dict[str, str]:
    return JSON_KEYS


def _applicant_types(con) -> None:
    """`schema.applicant_type` of each distinct applicant of the plain rows (Python, once per name) in the table
    nav_types, and each plain row's list of its applicants' types, in the applicants' order, in the table
    nav_applicant_kinds (n, kinds): a join, not a lookup per applicant in a map (a DuckDB MAP is searched
    linearly: 10 s for 200 000 rows, minutes for a million)."""
    names = [row[0] for row in con.execute("SELECT DISTINCT unnest(applicants) FROM nav_plain").fetchall()]
    import numpy

    arrays = {
        "name": numpy.array(names, dtype=object),
        "kind": numpy.array([schema.applicant_type(name) for name in names], dtype=object),
    }
    con.execute("CREATE OR REPLACE TEMP TABLE nav_types (name VARCHAR, kind VARCHAR)")
    if names:
        con.register("nav_types_input", arrays)
        con.execute("INSERT INTO nav_types SELECT name, kind FROM nav_types_input")
        con.unregister("nav_types_input")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE nav_applicant_kinds AS "
        "SELECT u.n, list(t.kind ORDER BY u.i) AS kinds "
        "FROM (SELECT n, unnest(applicants) AS name, unnest(range(1, len(applicants) + 1)) AS i FROM nav_plain) AS u "
        "JOIN nav_types AS t USING (name) GROUP BY u.n"
    )


def _places(con, regions) -> None:
    """`regions.locate` of each distinct (address, province, country, prefecture) of the plain rows."""
    import numpy

    found = con.execute("SELECT DISTINCT address, province, country, prefecture FROM nav_plain").fetchall()
    located = [regions.locate(address=a, province=p, country=c, prefecture=f) for a, p, c, f in found]
    arrays = {
        "address": numpy.array([row[0] for row in found], dtype=object),
        "province": numpy.array([row[1] for row in found], dtype=object),
        "country": numpy.array([row[2] for row in found], dtype=object),
        "prefecture": numpy.array([row[3] for row in found], dtype=object),
        "c": numpy.array([row[0] for row in located], dtype=object),
        "p": numpy.array([row[1] for row in located], dtype=object),
        "f": numpy.array([row[2] for row in located], dtype=object),
    }
    con.execute(
        "CREATE OR REPLACE TEMP TABLE nav_places (address VARCHAR, province VARCHAR, country VARCHAR, "
        "prefecture VARCHAR, c VARCHAR, p VARCHAR, f VARCHAR)"
    )
    if found:
        con.register("nav_places_input", arrays)
        con.execute(
            "INSERT INTO nav_places SELECT address, province, country, prefecture, c, p, f FROM nav_places_input"
        )
        con.unregister("nav_places_input")


def not_json_reason() -> str:
    return _("The line is not a JSON object: %(problem)s.") % {"problem": _("it cannot be read as JSON")}
