"""Key patents (重点专利): `key_patents(records) -> list` (`run_all(...)["key_patents"]`), the `rules.TOP` (20)
records with the highest score

    score = cited_by × 1 + (family_size − 1) × 2 + (5 if overseas else 0)

(`rules.CITATION_POINTS`, `FAMILY_MEMBER_POINTS`, `OVERSEAS_POINTS`: a citation by a later patent is a point, each
family member beyond the patent itself two — the applicant paid to file it again —, a family member filed abroad
five), ties by more citations, then the key. Each item: key, application_number, title, applicants, year (filing
year or None), cited_by, family_size, overseas, score (a float). Titles are read from the file for these 20 keys
only."""

from . import rules

SCORE = (
    f"(coalesce(cited_by, 0) * {rules.CITATION_POINTS} "
    f"+ (greatest(coalesce(family_size, 1), 1) - 1) * {rules.FAMILY_MEMBER_POINTS} "
    f"+ CASE WHEN overseas THEN {rules.OVERSEAS_POINTS} ELSE 0 END)"
)


def key_patents(records) -> list[dict]:
    top = records.rows(
        f"SELECT key, {SCORE} AS score, coalesce(cited_by, 0) AS cited FROM scoped "
        f"ORDER BY score DESC, cited DESC, key LIMIT {rules.TOP}"
    )
    if not top:
        return []
    keys = [key for key, _score, _cited in top]
    details = {
        row[0]: row[1:]
        for row in records.rows(
            "SELECT key, application_number, title, applicants, filing_year, coalesce(cited_by, 0), "
            f"greatest(coalesce(family_size, 1), 1), coalesce(overseas, false) FROM {records.source} "
            f"WHERE key IN ({', '.join('?' for _key in keys)})",
            keys,
        )
    }
    found = []
    for key, score, _cited in top:
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
