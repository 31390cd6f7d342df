"""The charts of a navigation report as PNG images for the .docx, drawn server-side with matplotlib (Agg canvas, no
pyplot state: safe in a threaded server) from the saved results, one per analysis (`charts(results)`: {section key:
PNG bytes}; an analysis with no data has no image).

Chinese labels need a CJK font: Debian's fonts-noto-cjk ("Noto Sans CJK", a .ttc collection) is found through
matplotlib's font_manager and registered once; when no CJK font is installed the charts are still drawn (with
matplotlib's default font, Chinese labels then show as boxes) and a warning is logged — the .docx never fails for
want of a font. Images are 6 in wide at 150 dpi (900 px; shown 15 cm wide), the width of the A4 type area."""

import functools
import io
import logging
import math

from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

WIDTH_IN, HEIGHT_IN, DPI = 6.0, 3.4, 150
PALETTE = ["#0b4f8a", "#2a7ab8", "#4fa3d9", "#f0a202", "#d1495b", "#66a182", "#8d6a9f", "#edae49", "#7f7f7f"]
CJK_NAMES = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "SimHei", "Microsoft YaHei")


@functools.cache
def cjk_font() -> str | None:
    """The family name of an installed CJK font registered with matplotlib — "Noto Sans CJK SC" (Simplified Chinese
    glyph forms) when the Noto collection is there — or None (logged) when there is none."""
    from matplotlib import font_manager

    candidates = [path for path in font_manager.findSystemFonts() if "CJK" in path or "Han" in path or "wqy" in path]
    for path in candidates:
        try:
            font_manager.fontManager.addfont(path)  # a .ttc registers every face of the collection
        except (OSError, RuntimeError, ValueError):
            continue
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    for name in CJK_NAMES:
        if name in installed:
            return name
    for name in sorted(installed):
        if "CJK" in name and "Mono" not in name:
            return name
    logger.warning("No CJK font found for the navigation charts: Chinese labels will not render.")
    return None


def _figure(height=HEIGHT_IN):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    font = cjk_font()
    figure = Figure(figsize=(WIDTH_IN, height), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure, font


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.tight_layout()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _fonts(ax, font):
    if not font:
        return
    for label in [*ax.get_xticklabels(), *ax.get_yticklabels()]:
        label.set_fontfamily(font)
    for text in (ax.title, ax.xaxis.label, ax.yaxis.label):
        text.set_fontfamily(font)
    legend = ax.get_legend()
    if legend is not None:
        for text in legend.get_texts():
            text.set_fontfamily(font)


def _short(label, limit=16) -> str:
    text = str(label)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar(labels, values, *, horizontal=False, ylabel="") -> bytes | None:
    """A bar chart (horizontal: the first label on top)."""
    if not labels:
        return None
    height = max(HEIGHT_IN, 0.28 * len(labels) + 0.8) if horizontal else HEIGHT_IN
    figure, font = _figure(height)
    ax = figure.add_subplot()
    names = [_short(label) for label in labels]
    positions = list(range(len(names)))
    if horizontal:
        ax.barh(positions, list(values)[::-1], color=PALETTE[0])
        ax.set_yticks(positions, names[::-1])
        ax.set_xlabel(ylabel)
    else:
        ax.bar(positions, values, color=PALETTE[0])
        ax.set_xticks(positions, names)
        ax.set_ylabel(ylabel)
        ax.tick_params(axis="x", labelrotation=45 if len(names) > 6 else 0)
    ax.spines[["top", "right"]].set_visible(False)
    _fonts(ax, font)
    return _png(figure)


def grouped_bar(labels, series: list[tuple[str, list]], *, ylabel="") -> bytes | None:
    if not labels:
        return None
    figure, font = _figure()
    ax = figure.add_subplot()
    width = 0.8 / max(1, len(series))
    for index, (name, values) in enumerate(series):
        positions = [i + index * width for i in range(len(labels))]
        ax.bar(positions, values, width=width, label=name, color=PALETTE[index % len(PALETTE)])
    ax.set_xticks([i + width * (len(series) - 1) / 2 for i in range(len(labels))], [_short(x) for x in labels])
    ax.tick_params(axis="x", labelrotation=45 if len(labels) > 6 else 0)
    ax.set_ylabel(ylabel)
    ax.legend()
    ax.spines[["top", "right"]].set_visible(False)
    _fonts(ax, font)
    return _png(figure)


def pie(labels, values) -> bytes | None:
    pairs = [(label, value) for label, value in zip(labels, values, strict=False) if value]
    if not pairs:
        return None
    figure, font = _figure()
    ax = figure.add_subplot()
    _wedges, texts, autotexts = ax.pie(
        [value for _label, value in pairs],
        labels=[_short(label) for label, _value in pairs],
        autopct="%1.1f%%",
        colors=PALETTE[: len(pairs)] if len(pairs) <= len(PALETTE) else None,
        startangle=90,
        counterclock=False,
    )
    if font:
        for text in [*texts, *autotexts]:
            text.set_fontfamily(font)
    ax.axis("equal")
    return _png(figure)


def bars_and_line(labels, bars, line, *, bar_name, line_name) -> bytes | None:
    """Bars on the left axis and a line on the right one (applications vs applicants per year)."""
    if not labels:
        return None
    figure, font = _figure()
    ax = figure.add_subplot()
    names = [str(label) for label in labels]
    positions = list(range(len(names)))
    ax.bar(positions, bars, color=PALETTE[0], label=bar_name)
    ax.set_xticks(positions, names)
    ax.set_ylabel(bar_name)
    ax.tick_params(axis="x", labelrotation=45 if len(names) > 8 else 0)
    right = ax.twinx()
    right.plot(positions, line, color=PALETTE[3], marker="o", label=line_name)
    right.set_ylabel(line_name)
    handles = ax.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
    ax.legend(handles, [bar_name, line_name], loc="upper left")
    _fonts(ax, font)
    _fonts(right, font)
    return _png(figure)


def two_lines(labels, first, second, *, first_name, second_name) -> bytes | None:
    """Two series on their own axes (Inner Mongolia on the left, the nation on the right)."""
    if not labels:
        return None
    figure, font = _figure()
    ax = figure.add_subplot()
    names = [str(label) for label in labels]
    positions = list(range(len(names)))
    ax.plot(positions, first, color=PALETTE[4], marker="o")
    ax.set_xticks(positions, names)
    ax.set_ylabel(first_name)
    ax.tick_params(axis="x", labelrotation=45 if len(names) > 8 else 0)
    right = ax.twinx()
    right.plot(positions, second, color=PALETTE[0], marker="s")
    right.set_ylabel(second_name)
    from matplotlib.lines import Line2D

    ax.legend(
        [Line2D([], [], color=PALETTE[4], marker="o"), Line2D([], [], color=PALETTE[0], marker="s")],
        [first_name, second_name],
        loc="upper left",
    )
    _fonts(ax, font)
    _fonts(right, font)
    return _png(figure)


def network(nodes, links) -> bytes | None:
    """The co-applicant network on a circle: node size by applications, line width by joint applications."""
    if not nodes:
        return None
    figure, font = _figure(WIDTH_IN * 0.8)
    ax = figure.add_subplot()
    count = len(nodes)
    position = {}
    for index, node in enumerate(nodes):
        angle = 2 * math.pi * index / count
        position[node["name"]] = (math.cos(angle), math.sin(angle))
    heaviest = max([edge.get("weight") or 1 for edge in links] or [1])
    for edge in links:
        if edge.get("source") in position and edge.get("target") in position:
            (x1, y1), (x2, y2) = position[edge["source"]], position[edge["target"]]
            ax.plot(
                [x1, x2], [y1, y2], color="#9bb7d4", linewidth=0.5 + 3 * (edge.get("weight") or 1) / heaviest, zorder=1
            )
    largest = max([node.get("count") or 1 for node in nodes] or [1])
    for node in nodes:
        x, y = position[node["name"]]
        ax.scatter([x], [y], s=40 + 400 * (node.get("count") or 1) / largest, color=PALETTE[0], zorder=2)
        ax.annotate(
            _short(node["name"], 10),
            (x, y),
            xytext=(x * 1.12, y * 1.12),
            ha="left" if x >= 0 else "right",
            va="center",
            fontsize=6,
            fontfamily=font or None,
        )
    ax.set_xlim(-1.6, 1.6)
    ax.set_ylim(-1.3, 1.3)
    ax.axis("off")
    return _png(figure)


def charts(results: dict) -> dict[str, bytes]:
    """{section key: PNG} for every analysis that has data (the keys of `content.sections`)."""
    results = results or {}
    trend = results.get("trend") or {}
    applicants = results.get("applicants") or {}
    ipc = results.get("ipc") or {}
    regions = results.get("regions") or {}
    top = applicants.get("top") or []
    drawn = {
        "trend": bars_and_line(
            trend.get("years") or [],
            trend.get("applications") or [],
            trend.get("applicants") or [],
            bar_name=_("Patent applications"),
            line_name=_("Number of applicants"),
        ),
        "applicants": bar([row["name"] for row in top], [row["count"] for row in top], horizontal=True),
        "applicant_types": pie(
            [row["label"] for row in applicants.get("types") or []],
            [row["count"] for row in applicants.get("types") or []],
        ),
        "concentration": _concentration(applicants),
        "subclasses": bar(
            [row["code"] for row in ipc.get("subclasses") or []], [row["count"] for row in ipc.get("subclasses") or []]
        ),
        "groups": bar(
            [row["code"] for row in ipc.get("groups") or []],
            [row["count"] for row in ipc.get("groups") or []],
            horizontal=True,
        ),
        "emerging": grouped_bar(
            [row["code"] for row in ipc.get("emerging") or []],
            [
                (_("Last three complete years"), [row.get("recent") or 0 for row in ipc.get("emerging") or []]),
                (_("Earlier years"), [row.get("earlier") or 0 for row in ipc.get("emerging") or []]),
            ],
        ),
        "legal_status": pie(
            [row["label"] for row in results.get("legal_status") or []],
            [row["count"] for row in results.get("legal_status") or []],
        ),
        "key_patents": bar(
            [row.get("application_number") or row.get("key") for row in (results.get("key_patents") or [])[:10]],
            [row.get("score") or 0 for row in (results.get("key_patents") or [])[:10]],
            horizontal=True,
            ylabel=_("Score"),
        ),
        "network": network(
            (results.get("network") or {}).get("nodes") or [], (results.get("network") or {}).get("links") or []
        ),
    }
    for key in ("countries", "provinces", "prefectures"):
        rows = regions.get(key) or []
        drawn[key] = bar([row.get("name") or row.get("code") for row in rows], [row["count"] for row in rows])
    im = results.get("inner_mongolia") or {}
    drawn["inner_mongolia"] = two_lines(
        im.get("years") or [],
        im.get("region_by_year") or [],
        im.get("nation_by_year") or [],
        first_name=_("Inner Mongolia"),
        second_name=_("China"),
    )
    return {key: png for key, png in drawn.items() if png}


def _concentration(applicants: dict) -> bytes | None:
    """The top four applicants' shares of all applicant mentions and the rest (the CR4 as a pie)."""
    top = (applicants.get("top") or [])[:4]
    cr4 = applicants.get("cr4") or 0
    if not top or cr4 <= 0:
        return None
    total = sum(row["count"] for row in top) / cr4  # mentions of all applicants
    rest = max(0.0, total - sum(row["count"] for row in top))
    return pie([row["name"] for row in top] + [_("Other applicants")], [row["count"] for row in top] + [rest])
