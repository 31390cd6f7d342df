"""Key patents (重点专利): `key_patents(records) -> list` (`run_all(...)["key_patents"]`), the `rules.TOP` (20)
records with the highest score

    score = cited_by × 1 + (family_size − 1) × 2 + (5 if overseas else 0)

(`rules.CITATION_POINTS`, `FAMILY_MEMBER_POINTS`, `OVERSEAS_POINTS`: a citation by a later patent is a point, each
family member beyond the patent itself two — the applicant paid to file it again —, a family member filed abroad
five), ties by more citations, then the key (read from the file for the records ranked at or above the 20th
only: `Scoped.keyed`; for a scope of most of a version, the first 20 in scope of the version's summary ranking:
`Scoped.key_rank`). Each item: key, application_number, title, applicants, year (filing year or None),
cited_by, family_size, overseas, score (a float). Titles are read from the file for these 20 records only, by
their position in the file (`Scoped.at_positions`)."""

from . import rules

SCORE = (
    f"(coalesce(cited_by, 0) * {rules.CITATION_POINTS} "
    f"+ (greatest(coalesce(family_size, 1), 1) - 1) * {rules.FAMILY_MEMBER_POINTS} "
    f"+ CASE WHEN overseas THEN {rules.OVERSEAS_POINTS} ELSE 0 END)"
)


def key_patents(records) -> list[dict]:
    top = records.key_rank(rules.TOP)  # from the version's summary, for a scope of most of its records
    if top is None:
        top = _ranked(records)
    if not top:
        return []
    return _details(records, top)


def _ranked(records) -> list[tuple]:
    """(key, score, cited, rn) of the first `rules.TOP` records in scope. The 20th record's (score, citations)
    bounds the candidates: the records ranked at or above it (ties included) are the only ones whose keys can
    decide the order, so the keys are read for those alone (the keys of millions of records cost more to read than
    any other column the analyses read)."""
    ranked = f"SELECT {SCORE} AS score, coalesce(cited_by, 0) AS cited, rn FROM {records.scoped(('key',))}"
    edge = records.rows(
        f"SELECT score, cited FROM ({ranked}) ORDER BY score DESC, cited DESC LIMIT 1 OFFSET ?", [rules.TOP - 1]
    )
    condition, params = "", []
    if edge:
        score, cited = edge[0]
        condition, params = "WHERE score > ? OR (score = ? AND cited >= ?)", [score, score, cited]
    records.con.execute(f"CREATE OR REPLACE TEMP TABLE key_candidate AS SELECT * FROM ({ranked}) {condition}", params)
    top = records.rows(
        f"SELECT key, score, cited, rn FROM {records.keyed('key_candidate')} "
        f"ORDER BY score DESC, cited DESC, key LIMIT {rules.TOP}"
    )
    records.con.execute("DROP TABLE key_candidate")
    return top


def _details(records, top: list[tuple]) -> list[dict]:
    details = {
        row[0]: row[1:]
        for row in records.at_positions(
            "key, application_number, title, applicants, filing_year, coalesce(cited_by, 0), "
            "greatest(coalesce(family_size, 1), 1), coalesce(overseas, false)",
            [rn for _key, _score, _cited, rn in top],
        )
    }
    found = []
    for key, score, _cited, _rn in top:
        number, title, names, year, cited_by, family_size, overseas = details[key]
        found.append(
            {
                "key": key,
                "application_number": number or "",
                "title": title or "",
                "applicants": list(names or []),
                "year": year,
                "cited_by": cited_by,
                "family_size": family_size,
                "overseas": bool(overseas),
                "score": float(score),
            }
        )
    return found
