"""The analyses of a navigation report (issue 19, GB/T 39551 industry navigation; Art. 13(2) of the measures: judge
the industry's patent layout and competition, forecast technology trends).

    run_all(dataset, scope) -> dict          every analysis of one scope (JSON-serialisable), keys below
    one(dataset, scope, name) -> value       one of them: exactly `run_all(dataset, scope)[name]`
    drilldown.patents_behind(dataset, scope, facet, value, *, page=1, per_page=25) -> (rows, total)
                                             the records behind a figure: `navigation.drilldown.patents_behind`

Keys and the modules that compute (and document) them: "total" (records in scope), "trend" (`trend`),
"applicants" and "network" (`applicants`), "ipc" (`ipc`), "regions" and "inner_mongolia" (`regions`),
"legal_status" (`legal_status`), "key_patents" (`key_patents`); the numbers of every rule are in `rules`.

The scope is read from the dataset's Parquet file once per call (`scoped.Scoped`: the records in scope, or — for a
scope of most of a version that has its summary — the records outside it, into a DuckDB temp table), and the
analyses count small tables built from it in SQL (`tallies`; no loop over records in Python). Errors (DomainError,
Chinese): a dataset that is not ready ("dataset_not_ready"), an unknown analysis name ("bad_analysis"), a version
imported over while it was read ("dataset_changed", `store.reading`); scope refusals come from `scope.parse` before."""

import time

from django.utils.translation import gettext as _

from apps.core.errors import DomainError

from .. import store
from . import applicants, ipc, key_patents, legal_status, regions, trend
from .scoped import Scoped, require_ready

__all__ = ["ANALYSES", "one", "patents_behind", "require_ready", "run_all"]

ANALYSES = (
    "total",
    "trend",
    "applicants",
    "ipc",
    "regions",
    "legal_status",
    "key_patents",
    "network",
    "inner_mongolia",
)


# What each analysis reads (`Scoped(needs=…)`: tallies, co-applicant pairs, the key patents' columns): one analysis
# alone reads only their columns from the file (a list of applicants or IPC codes costs more to read than a year;
# the `facet` tally reads its six short columns together); test_analyses checks each against its part of `run_all`,
# which reads them all.
NEEDS = {
    "total": (),
    "trend": ("facet", "year_applicant"),
    "applicants": ("facet", "year_applicant"),
    "ipc": ("facet", "subclass_year", "main_group"),
    "regions": ("facet",),
    "legal_status": ("facet",),
    "key_patents": ("key",),
    "network": ("year_applicant", "pair"),
    "inner_mongolia": ("facet",),
}


def _years(records) -> list[int]:
    span = records.rows(f"SELECT min(filing_year), max(filing_year) FROM {records.tally('facet')}")[0]
    return list(range(span[0], span[1] + 1)) if span[0] is not None else []


def _compute(records, name: str, cache: dict):
    if name == "total":
        return records.total
    if name == "trend":
        return trend.trend(records)
    if name == "applicants":
        return applicants.applicants(records)
    if name == "ipc":
        return ipc.ipc(records)
    if name == "regions":
        return regions.regions(records)
    if name == "legal_status":
        return legal_status.legal_status(records)
    if name == "key_patents":
        return key_patents.key_patents(records)
    if name == "network":
        return applicants.network(records)
    if name == "inner_mongolia":
        years = cache["trend"]["years"] if "trend" in cache else _years(records)
        return regions.inner_mongolia(records, years)
    raise DomainError(_("There is no analysis called “%(name)s”.") % {"name": str(name)[:40]}, code="bad_analysis")


def run_all(dataset, scope, *, timings: dict | None = None) -> dict:
    """Every analysis of `scope` over `dataset`'s current version. `timings`, when given, receives the wall seconds
    of reading the scope ("scope") and of each analysis over the read scope (by name): the benchmark's figures."""
    results: dict = {}
    started = time.perf_counter()
    with store.reading(dataset), Scoped(dataset, scope) as records:
        if timings is not None:
            timings["scope"] = time.perf_counter() - started
        for name in ANALYSES:
            started = time.perf_counter()
            results[name] = _compute(records, name, results)
            if timings is not None:
                timings[name] = time.perf_counter() - started
    return results


def one(dataset, scope, name: str):
    """One analysis (`run_all(dataset, scope)[name]`), reading the scope once for it alone, and of the records only
    the columns it needs (`NEEDS`)."""
    if name not in ANALYSES:
        raise DomainError(_("There is no analysis called “%(name)s”.") % {"name": str(name)[:40]}, code="bad_analysis")
    with store.reading(dataset), Scoped(dataset, scope, needs=NEEDS[name]) as records:
        return _compute(records, name, {})
