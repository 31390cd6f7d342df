"""IPC composition and emerging subclasses.

`ipc(records) -> dict` (`run_all(...)["ipc"]`):
- `subclasses`: the `rules.TOP` (20) IPC subclasses with the most records, every code of a record counted, a
  subclass once per record (`expressions.SUBCLASSES`); ties by code;
- `groups`: the 20 most frequent main IPCs (`ipc_main` as written, "H01F1/057"); ties by code;
- `emerging`: the subclasses whose share of the records grew most: the "recent" window is the last
  `rules.WINDOW` (3) complete years (`Scoped.last_complete_year`), "earlier" every year in scope before it;
  share = subclass records / all records of the period. A candidate has at least `rules.EMERGING_MIN_RECORDS` (3)
  recent records and at least `rules.EMERGING_MIN_SHARE` (1 %) of the recent records, and a share that grew;
  `growth` = share_recent / share_earlier − 1 (None for a subclass absent before: new, listed first, by recent
  records). At most `rules.EMERGING_TOP` (10), highest growth first, ties by recent records then code; empty when
  either period has no record. Keys: code, recent, earlier (records), growth, share_recent, share_earlier."""

from . import rules


def ipc(records) -> dict:
    # Records per IPC subclass and filing year (NULL included; a few thousand rows): the ranking and the emerging
    # subclasses both read it.
    table = records.tally("subclass_year")
    subclasses = records.rows(
        f"SELECT code, sum(n)::BIGINT AS total FROM {table} GROUP BY code ORDER BY total DESC, code LIMIT {rules.TOP}"
    )
    groups = records.rows(f"SELECT ipc_main, n FROM {records.tally('main_group')} ORDER BY n DESC, 1 LIMIT {rules.TOP}")
    return {
        "subclasses": [{"code": code, "count": n} for code, n in subclasses],
        "groups": [{"code": code, "count": n} for code, n in groups],
        "emerging": emerging(records, table),
    }


def emerging(records, table: str) -> list[dict]:
    """The emerging subclasses (module docstring) from `table` (the tally `subclass_year`)."""
    last = records.last_complete_year
    first_recent = last - rules.WINDOW + 1
    totals = records.rows(
        "SELECT coalesce(sum(n) FILTER (WHERE filing_year BETWEEN ? AND ?), 0)::BIGINT, "
        f"coalesce(sum(n) FILTER (WHERE filing_year < ?), 0)::BIGINT FROM {records.tally('facet')}",
        [first_recent, last, first_recent],
    )[0]
    recent_total, earlier_total = totals
    if not recent_total or not earlier_total:
        return []
    rows = records.rows(
        "SELECT code, coalesce(sum(n) FILTER (WHERE filing_year BETWEEN ? AND ?), 0)::BIGINT AS recent, "
        "coalesce(sum(n) FILTER (WHERE filing_year < ?), 0)::BIGINT AS earlier "
        f"FROM {table} WHERE filing_year <= ? GROUP BY code HAVING recent >= ? AND recent >= ?",
        [first_recent, last, first_recent, last, rules.EMERGING_MIN_RECORDS, rules.EMERGING_MIN_SHARE * recent_total],
    )
    found = []
    for code, recent, earlier in rows:
        share_recent, share_earlier = recent / recent_total, earlier / earlier_total
        if earlier and share_recent <= share_earlier:
            continue
        growth = share_recent / share_earlier - 1 if earlier else None
        found.append(
            {
                "code": code,
                "recent": recent,
                "earlier": earlier,
                "growth": growth,
                "share_recent": share_recent,
                "share_earlier": share_earlier,
            }
        )
    found.sort(key=lambda item: (item["growth"] is not None, -(item["growth"] or 0), -item["recent"], item["code"]))
    return found[: rules.EMERGING_TOP]
