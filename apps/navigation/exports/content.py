"""The tables of a navigation report, read from its saved results (`analyses.run_all`'s dict): one `Section` per
analysis, in the order the page and the .docx show them. The report page renders them as HTML tables whose
figures link to the patents behind them (`Cell.query`: the query string of `navigation:report_patents`, so the
tables work without JavaScript); the .docx writes the same cells as text under each chart image.

    sections(results) -> [Section(key="trend", title="申请趋势与技术生命周期", columns=[...], rows=[[Cell, ...]],
                                  notes=["年均复合增长率（2015–2024）：12.3%", ...])]

Figures: counts as integers; shares and growth rates as percentages with one decimal (a fraction 0.123 → "12.3%");
HHI with one decimal on the 0–10 000 scale."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Cell:
    text: str
    query: str = ""  # "facet=year&value=2019": the patents behind this figure (`drilldown.patents_behind`)


@dataclass
class Section:
    key: str
    title: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def percent(value) -> str:
    """A fraction as a percentage with one decimal ("—" when None)."""
    if value is None:
        return "—"
    return f"{float(value) * 100:.1f}%"


def link(text, facet: str, value) -> Cell:
    return Cell(str(text), urlencode({"facet": facet, "value": str(value)}))


def plain(text) -> Cell:
    return Cell("" if text is None else str(text))


def _trend(results) -> Section:
    trend = results.get("trend") or {}
    section = Section(
        "trend",
        _("Filing trend and technology life cycle"),
        [_("Filing year"), _("Patent applications"), _("Number of applicants")],
    )
    for year, applications, applicants in zip(
        trend.get("years") or [], trend.get("applications") or [], trend.get("applicants") or [], strict=False
    ):
        section.rows.append([link(year, "year", year), link(applications, "year", year), plain(applicants)])
    if trend.get("cagr_from") is not None:
        section.notes.append(
            _("Compound annual growth of applications (%(start)s–%(end)s): %(rate)s")
            % {"start": trend.get("cagr_from"), "end": trend.get("cagr_to"), "rate": percent(trend.get("cagr"))}
        )
    else:
        section.notes.append(_("Compound annual growth: not enough complete years."))
    if trend.get("stage_label"):
        section.notes.append(_("Technology life-cycle stage: %(stage)s") % {"stage": trend["stage_label"]})
    return section


def _applicants(results) -> Section:
    data = results.get("applicants") or {}
    section = Section(
        "applicants", _("Applicant ranking"), [_("Rank"), _("Applicant"), _("Type"), _("Patent applications")]
    )
    for rank, row in enumerate(data.get("top") or [], start=1):
        section.rows.append(
            [
                plain(rank),
                link(row.get("name"), "applicant", row.get("name")),
                plain(row.get("type_label") or row.get("type")),
                link(row.get("count"), "applicant", row.get("name")),
            ]
        )
    return section


def _types(results) -> Section:
    data = results.get("applicants") or {}
    section = Section(
        "applicant_types", _("Applicant types"), [_("Type of the first applicant"), _("Patent applications")]
    )
    for row in data.get("types") or []:
        section.rows.append(
            [
                link(row.get("label"), "applicant_type", row.get("type")),
                link(row.get("count"), "applicant_type", row.get("type")),
            ]
        )
    return section


def _concentration(results) -> Section:
    data = results.get("applicants") or {}
    section = Section("concentration", _("Concentration (CR4, HHI)"), [_("Measure"), _("Value")])
    section.rows.append([plain(_("CR4: share of the top four applicants")), plain(percent(data.get("cr4")))])
    hhi = data.get("hhi")
    section.rows.append([plain(_("HHI (0–10 000)")), plain("—" if hhi is None else f"{float(hhi):.1f}")])
    for row in (data.get("top") or [])[:4]:
        section.rows.append(
            [link(row.get("name"), "applicant", row.get("name")), link(row.get("count"), "applicant", row.get("name"))]
        )
    section.notes.append(
        _(
            "Shares of all applicant mentions: a record with two applicants counts for each. HHI below 1 500 reads as "
            "unconcentrated, above 2 500 as highly concentrated."
        )
    )
    return section


def _codes(results, key, title, facet, heading) -> Section:
    section = Section(key, title, [heading, _("Patent applications")])
    for row in (results.get("ipc") or {}).get(key) or []:
        section.rows.append(
            [link(row.get("code"), facet, row.get("code")), link(row.get("count"), facet, row.get("code"))]
        )
    return section


def _emerging(results) -> Section:
    section = Section(
        "emerging",
        _("Emerging IPC subclasses"),
        [_("IPC subclass"), _("Last three complete years"), _("Earlier years"), _("Growth of share")],
    )
    for row in (results.get("ipc") or {}).get("emerging") or []:
        section.rows.append(
            [
                link(row.get("code"), "ipc_subclass", row.get("code")),
                plain(row.get("recent")),
                plain(row.get("earlier")),
                plain(percent(row.get("growth"))),
            ]
        )
    return section


def _regions(results, key, title, facet, heading) -> Section:
    section = Section(key, title, [heading, _("Patent applications")])
    for row in (results.get("regions") or {}).get(key) or []:
        label = row.get("name") or row.get("code")
        section.rows.append([link(label, facet, row.get("code")), link(row.get("count"), facet, row.get("code"))])
    return section


def _legal_status(results) -> Section:
    section = Section("legal_status", _("Legal status"), [_("Legal status"), _("Patent applications")])
    for row in results.get("legal_status") or []:
        section.rows.append(
            [
                link(row.get("label"), "legal_status", row.get("status")),
                link(row.get("count"), "legal_status", row.get("status")),
            ]
        )
    return section


def _key_patents(results) -> Section:
    section = Section(
        "key_patents",
        _("Key patents"),
        [
            _("Application number"),
            _("Title"),
            _("Applicants"),
            _("Year"),
            _("Cited by"),
            _("Family size"),
            _("Overseas"),
            _("Score"),
        ],
    )
    for row in results.get("key_patents") or []:
        score = row.get("score")
        section.rows.append(
            [
                link(row.get("application_number") or row.get("key"), "key", row.get("key")),
                plain(row.get("title")),
                plain("；".join(row.get("applicants") or [])),
                plain(row.get("year") or "—"),
                plain(row.get("cited_by")),
                plain(row.get("family_size")),
                plain(_("yes") if row.get("overseas") else _("no")),
                plain("—" if score is None else f"{float(score):.2f}"),
            ]
        )
    return section


def _network(results) -> Section:
    data = results.get("network") or {}
    partners: dict[str, list[str]] = {}
    for edge in data.get("links") or []:
        partners.setdefault(edge.get("source"), []).append(f"{edge.get('target')}（{edge.get('weight')}）")
        partners.setdefault(edge.get("target"), []).append(f"{edge.get('source')}（{edge.get('weight')}）")
    section = Section(
        "network",
        _("Co-applicant network"),
        [_("Applicant"), _("Patent applications"), _("Co-applicants (joint applications)")],
    )
    for node in data.get("nodes") or []:
        name = node.get("name")
        section.rows.append(
            [
                link(name, "applicant", name),
                link(node.get("count"), "applicant", name),
                plain("；".join(partners.get(name, [])) or "—"),
            ]
        )
    return section


def _inner_mongolia(results) -> Section:
    data = results.get("inner_mongolia") or {}
    section = Section(
        "inner_mongolia",
        _("Inner Mongolia against the nation"),
        [_("Filing year"), _("Inner Mongolia"), _("China"), _("Inner Mongolia's share")],
    )
    for year, region, nation in zip(
        data.get("years") or [], data.get("region_by_year") or [], data.get("nation_by_year") or [], strict=False
    ):
        share = (region / nation) if nation else None
        section.rows.append(
            [
                plain(year),
                link(region, "inner_mongolia_year", year),
                link(nation, "nation_year", year),
                plain(percent(share)),
            ]
        )
    rank = data.get("rank")
    section.notes.append(
        _(
            "Inner Mongolia: %(region)s of %(nation)s Chinese applications in scope (%(share)s); rank %(rank)s of "
            "%(ranked)s provinces."
        )
        % {
            "region": data.get("region_count", 0),
            "nation": data.get("nation_count", 0),
            "share": percent(data.get("share")),
            "rank": "—" if rank is None else rank,
            "ranked": data.get("provinces_ranked", 0),
        }
    )
    return section


def sections(results: dict) -> list[Section]:
    """Every analysis of the saved results as a table, in the report's order."""
    results = results or {}
    return [
        _trend(results),
        _applicants(results),
        _types(results),
        _concentration(results),
        _codes(results, "subclasses", _("IPC subclasses"), "ipc_subclass", _("IPC subclass")),
        _codes(results, "groups", _("Main IPC groups"), "ipc_group", _("Main IPC group")),
        _emerging(results),
        _regions(results, "countries", _("Countries and regions"), "country", _("Country or region")),
        _regions(results, "provinces", _("Chinese provinces"), "province", _("Province")),
        _regions(results, "prefectures", _("Inner Mongolia prefectures"), "prefecture", _("Prefecture")),
        _legal_status(results),
        _key_patents(results),
        _network(results),
        _inner_mongolia(results),
    ]
