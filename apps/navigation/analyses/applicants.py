"""Applicants: ranking, types, concentration and the co-applicant network.

`applicants(records) -> dict` (`run_all(...)["applicants"]`):
- `top`: the `rules.TOP` (20) applicants with the most records in scope (a record counts once for each of its
  applicants), ties by name; `type`/`type_label`: `schema.applicant_type(name)` (the rule the import records in
  `applicant_types`, applied to these 20 names only);
- `types`: records by their FIRST applicant's type (`expressions.FIRST_TYPE`), every type of
  `schema.APPLICANT_TYPES` listed (0 included); they add up to `total`;
- `cr4`: Σ of the 4 largest applicants' counts / Σ of every applicant's count (0..1; 0 with no applicant);
- `hhi`: Σ (count / Σ count)² × 10 000 over every applicant (0..10 000): below 1 500 unconcentrated, above 2 500
  highly concentrated (the usual antitrust reading);
- `applicant_count`: distinct applicants; `applicant_records`: Σ count (the denominator of the shares).

`network(records) -> dict` (`run_all(...)["network"]`): `nodes`: the `rules.NETWORK_TOP` (30) largest applicants
with their counts; `links`: every pair of them named together on at least one record, `weight` = such records,
`source` < `target` by name, heaviest first."""

from django.utils.translation import pgettext

from .. import schema
from . import rules


def type_label(kind: str) -> str:
    return {
        schema.ENTERPRISE: pgettext("applicant type", "Enterprise"),
        schema.UNIVERSITY: pgettext("applicant type", "University"),
        schema.INSTITUTE: pgettext("applicant type", "Research institute"),
        schema.INDIVIDUAL: pgettext("applicant type", "Individual"),
        schema.OTHER: pgettext("applicant type", "Other"),
    }.get(kind, pgettext("applicant type", "Other"))


def concentration(counts: list[int]) -> tuple[float, float]:
    """(CR4, HHI) of per-applicant counts (any order)."""
    whole = sum(counts)
    if whole <= 0:
        return 0.0, 0.0
    ordered = sorted(counts, reverse=True)
    cr4 = sum(ordered[:4]) / whole
    hhi = sum((count / whole) ** 2 for count in ordered) * 10_000
    return cr4, hhi


def _counts_table(records) -> str:
    """A temp table `applicant_count (id, count)`: records per applicant, every filing year (built once per run)."""
    if not getattr(records, "_applicant_counts", False):
        table = records.tally("year_applicant")
        records.con.execute(
            f"CREATE TEMP TABLE applicant_count AS SELECT id, sum(n)::BIGINT AS count FROM {table} GROUP BY id"
        )
        records._applicant_counts = True
    return "applicant_count"


def _largest(records, limit: int) -> list[tuple]:
    """(id, name, count) of the `limit` applicants with the most records, ties by name: the names are joined for
    the applicants counted at least as often as the `limit`-th only."""
    table = _counts_table(records)
    return records.rows(
        f"SELECT c.id, n.name, c.count FROM {table} c JOIN {records.applicant_names()} n USING (id) "
        f"WHERE c.count >= (SELECT coalesce(min(count), 0) FROM (SELECT count FROM {table} "
        f"ORDER BY count DESC LIMIT {limit})) ORDER BY c.count DESC, n.name LIMIT {limit}"
    )


def applicants(records) -> dict:
    table = _counts_table(records)
    top = [(name, count) for _id, name, count in _largest(records, rules.TOP)]
    whole, distinct, sum_squares = records.rows(
        f"SELECT coalesce(sum(count), 0), count(*), coalesce(sum(count::DOUBLE * count), 0) FROM {table}"
    )[0]
    largest = [count for _name, count in top[:4]]
    by_type = dict(records.rows(f"SELECT first_type, sum(n)::BIGINT FROM {records.tally('facet')} GROUP BY 1"))
    return {
        "top": [
            {"name": name, "count": count, "type": kind, "type_label": type_label(kind)}
            for name, count, kind in ((name, count, schema.applicant_type(name)) for name, count in top)
        ],
        "types": [
            {"type": kind, "label": type_label(kind), "count": by_type.get(kind, 0)} for kind in schema.APPLICANT_TYPES
        ],
        "cr4": sum(largest) / whole if whole else 0.0,
        "hhi": sum_squares / whole / whole * 10_000 if whole else 0.0,
        "applicant_count": distinct,
        "applicant_records": int(whole),
    }


def network(records) -> dict:
    nodes = _largest(records, rules.NETWORK_TOP)
    links = []
    if len(nodes) >= 2:
        names = {node_id: name for node_id, name, _count in nodes}
        for first, second, weight in records.links(list(names)):
            source, target = sorted((names[first], names[second]))  # by code point, as SQL orders UTF-8 bytes
            links.append((source, target, int(weight)))
        links.sort(key=lambda link: (-link[2], link[0], link[1]))
    return {
        "nodes": [{"name": name, "count": count} for _id, name, count in nodes],
        "links": [{"source": source, "target": target, "weight": weight} for source, target, weight in links],
    }
