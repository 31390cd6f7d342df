"""Every bar, slice, region and card of the area dashboards opens the filtered list behind it (issue 21): the
list at the figure's URL applies exactly that filter, so its number of rows equals the figure's count — for the
region and for a prefecture office (its own centers only). Hand-built data: tests/setup.py."""

import pytest

from apps.dashboards import selectors

from .setup import build, flag

pytestmark = pytest.mark.django_db


def _rows(client, url) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    assert not list(response.context["messages"]), f"{url}: a filter was refused"
    return response.context["page"].paginator.count


def _figures(area) -> list[tuple[str, int, str]]:
    """(what, count, url) of every figure that opens a list."""
    found = [(f"map {r['name']}", r["value"], r["url"]) for r in area.map_regions]
    found += [(f"map {p['name']}", p["value"][2], p["url"]) for p in area.map_points]
    found += [(f"industry {i['name']}", i["value"], i["url"]) for i in area.by_industry]
    found += [(f"status {s['name']}", s["value"], s["url"]) for s in area.by_status]
    found += [(f"applications {a['name']}", a["value"], a["url"]) for a in area.applications]
    found += [(f"demands {d['name']}", d["value"], d["url"]) for d in area.demands]
    for series in area.grades["series"]:
        for label, point in zip(area.grades["labels"], series["data"], strict=True):
            found.append((f"grade {label} {series['key']}", point["value"], point["url"]))
    links = area.links
    found += [
        ("centers", area.total_centers, links["centers"]),
        ("reports not submitted", area.reports_due, links["reports_due"]),
        ("reports overdue", area.reports_overdue, links["reports_overdue"]),
        ("open warnings", area.flagged_centers, links["flags"]),
        ("high risk", area.high_risk_centers, links["flags_high"]),
    ]
    return found


@pytest.mark.parametrize("actor", ["regional_officer", "prefecture_officer"])
def test_every_figure_opens_a_list_with_as_many_rows(world, client_for, actor):
    built = build(world)
    flag(built.a1, level="high_risk")
    flag(built.a2, level="at_risk")
    flag(built.b1, level="high_risk")
    area = selectors.area(world.user(actor))
    client = client_for(actor)
    figures = _figures(area)
    assert any(what.startswith("grade") and n for what, n, _url in figures), "no grade bar to follow"
    assert area.reports_due and area.high_risk_centers
    for what, count, url in figures:
        assert _rows(client, url) == count, f"{what}: the figure says {count}, the list at {url} differs"
