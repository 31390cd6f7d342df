"""Issue 15, `make bench`: the region's center list and a center's home cost the same queries with 50 and with 500
centers, built by the benchmark's generator (`bench.generators.centers.build_centers`: contract in force, KPIs,
budget, tranches, ledger, office, council, timeline) on top of cloned approved applications."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse

from apps.applications.models import Application
from apps.centers.models import Center
from apps.core import clock
from apps.organizations.models import Organization
from bench.generators.base import Context
from bench.generators.centers import Source, build_centers
from tests.query_counts import PAGE_QUERY_LIMIT, page_queries

from .factories import approved_application

pytestmark = pytest.mark.django_db


def _content(application) -> dict:
    """The template application as the generator's plan holds it (partners, KPIs with yearly targets, budget)."""
    return {
        "contact_name": application.contact_name,
        "field_description": application.field_description,
        "partners": [
            (p.organization, p.role, p.contribution) for p in application.partnerships.select_related("organization")
        ],
        "indicators": [
            (
                SimpleNamespace(name=i.name, unit=i.unit, pk=i.topic_indicator_id),
                i.baseline or 0,
                {t.year: t.value for t in i.targets.all()},
            )
            for i in application.indicators.all()
        ],
        "budget": [(b.name, b.requested_amount, b.matched_amount, b.note) for b in application.budget_items.all()],
        **{f: getattr(application, f) for f in ("task_cultivation_system", "task_forward_layout")},
    }


def _sources(world, template, content, start: int, count: int) -> list[Source]:
    """`count` approved applications cloned from `template`, each with its own lead unit (alternately in the world's
    two prefectures), approved between 100 and 900 days ago."""
    today = clock.today()
    leads = []
    for i in range(start, start + count):
        base = world.org if i % 2 == 0 else world.org_other
        leads.append(
            Organization(
                name=f"{base.name}分公司{i}",
                credit_code=f"91150000{i:09d}X",
                kind=base.kind,
                prefecture_id=base.prefecture_id,
                status=base.status,
            )
        )
    Organization.objects.bulk_create(leads)
    rows = []
    for lead in leads:
        row = Application.objects.get(pk=template.pk)
        row.pk = None
        row.lead_unit_id = lead.pk
        rows.append(row)
    Application.objects.bulk_create(rows)
    industry = template.field_industry or template.topic.industry
    admin = world.user("unit_admin")
    return [
        Source(row, lead, industry, content, today - datetime.timedelta(days=100 + (i * 37) % 800), admin)
        for i, (row, lead) in enumerate(zip(rows, leads, strict=True), start=start)
    ]


def test_the_center_pages_cost_the_same_with_50_and_500_centers(world, client_for):
    template = approved_application(world, partners=2)
    content = _content(template)
    officer = world.user("regional_officer")
    ctx = Context(n_applications=10_000, seed=2026)
    first = build_centers(ctx, _sources(world, template, content, 0, 50), officer=officer)
    home = max((c for c in first if c.entries), key=lambda c: len(c.entries))
    assert len(home.entries) >= 8
    client = client_for("regional_officer")
    pages = {"list": reverse("centers:list"), "home": home.center.get_absolute_url()}
    counts = {}
    for key, url in pages.items():
        page_queries(client, url)  # warm-up
        counts[key] = page_queries(client, url)[0]
    build_centers(ctx, _sources(world, template, content, 50, 450), officer=officer)
    assert Center.objects.count() == 500
    for key, url in pages.items():
        after, sql = page_queries(client, url)
        assert after == counts[key], f"{url}: {counts[key]} queries at 50 centers, {after} at 500:\n" + "\n".join(sql)
        assert after <= PAGE_QUERY_LIMIT
    print(f"centers at 50 and 500: {counts}")
