"""The dossier's page, its .docx and PDF, a center's evaluations tab, and the reports' door for evaluators
(`hooks_dossier`): what each shows to whom, and the pages' query counts at two data sizes."""

import io
from datetime import date as D

import pytest
from django.urls import reverse
from docx import Document

from apps.reports import policies as report_policies
from apps.reports.models import AnnualReport
from apps.reports.tests import prefill_setup as setup
from tests.query_counts import assert_flat

from . import builders
from . import dossier_setup as ds

pytestmark = pytest.mark.django_db

DOSSIER_QUERY_LIMIT = 15  # issue 14: the page's five, the evaluation, the KPI engine's and ONE query for the rest


@pytest.fixture
def evaluation(world):
    return ds.evaluated_center(world)


def test_the_evaluator_reads_the_dossier_without_the_center_pages_links(world, client_for, evaluation):
    report = ds.report(evaluation.center, 2024, due_on=D(2025, 1, 31))
    response = client_for("evaluator").get(reverse("evaluations:dossier", args=[evaluation.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert evaluation.center.name in page
    assert "500,000.00" in page  # allocated in 2024 (the ledger)
    assert reverse("reports:detail", args=[report.pk]) in page  # the report opens for the evaluator (the hook)
    assert reverse("centers:funding", args=[evaluation.center_id]) not in page  # the ledger page does not
    assert reverse("evaluations:dossier_docx", args=[evaluation.pk]) in page


def test_the_region_follows_every_figure_to_its_records(world, client_for, evaluation):
    page = client_for("regional_officer").get(reverse("evaluations:dossier", args=[evaluation.pk])).content.decode()
    assert reverse("centers:funding", args=[evaluation.center_id]) in page
    assert reverse("patents:kpi_records", args=[evaluation.center_id, 0, 0]).rsplit("/0/0/", 1)[0] in page


def test_the_docx_packet_opens_and_holds_the_center_and_its_figures(world, client_for, evaluation):
    response = client_for("evaluator").get(reverse("evaluations:dossier_docx", args=[evaluation.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment;" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    shown = "\n".join(
        [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]
    )
    assert evaluation.center.name in shown
    assert "500,000.00" in shown and "12,345.67" in shown  # allocated and spent in 2024
    assert "99,999.00" not in shown  # spent on 1 January 2025: after the period
    assert document.core_properties.author == world.evaluator_org.name


def test_the_pdf_packet(world, client_for, evaluation):
    response = client_for("regional_officer").get(reverse("evaluations:dossier_pdf", args=[evaluation.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]


def test_a_published_evaluations_lead_unit_is_refused_the_dossier(world, client_for):
    evaluation = builders.evaluation(world, round_status="announced", status="confirmed", grade="qualified")
    for actor in ("unit_admin", "prefecture_officer"):
        assert client_for(actor).get(reverse("evaluations:dossier", args=[evaluation.pk])).status_code == 403


def test_an_evaluator_of_another_organization_or_a_closed_round_gets_a_404(world, client_for, evaluation):
    url = reverse("evaluations:dossier", args=[evaluation.pk])
    evaluation.round.status = "closed"
    evaluation.round.save(update_fields=["status"])
    assert client_for("evaluator").get(url).status_code == 404
    assert client_for("regional_officer").get(url).status_code == 200


# ---------------------------------------------------------------- the center's tab


def test_the_center_tab_lists_what_each_user_sees(world, client_for):
    from apps.centers.tests.funding_setup import running_center

    center = running_center(world)
    published = builders.evaluation(
        world, center=center, round_status="announced", status="confirmed", grade="excellent"
    )
    running = builders.evaluation(world, center=center, round_status="open")
    url = reverse("evaluations:center", args=[center.pk])

    unit = client_for("unit_member").get(url)
    assert unit.status_code == 200
    shown = unit.content.decode()
    assert f'data-evaluation="{published.pk}"' in shown and f'data-evaluation="{running.pk}"' not in shown
    assert "优秀" in shown
    assert reverse("evaluations:dossier", args=[published.pk]) not in shown  # the unit has no dossier

    region = client_for("regional_officer").get(url).content.decode()
    assert f'data-evaluation="{published.pk}"' in region and f'data-evaluation="{running.pk}"' in region
    assert reverse("evaluations:dossier", args=[running.pk]) in region

    assert client_for("evaluator").get(url).status_code == 404  # the evaluator does not see the center's pages


# ---------------------------------------------------------------- the reports' door (hooks_dossier)


def test_an_evaluator_reads_the_annual_reports_of_the_centers_in_its_open_rounds(world, client_for):
    from apps.centers.tests.funding_setup import running_center

    inside = running_center(world)
    outside = running_center(world, org=world.org_other)
    evaluation = builders.evaluation(world, center=inside, round_status="open")
    builders.evaluation(  # a re-evaluation of the same center: its reports are listed once
        world,
        center=inside,
        round_obj=evaluation.round,
        attempt=2,
        reevaluation_of=evaluation,
    )
    mine = ds.report(inside, 2024, due_on=D(2025, 1, 31))
    other = ds.report(outside, 2024, due_on=D(2025, 1, 31))
    client = client_for("evaluator")
    assert client.get(reverse("reports:detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("reports:detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("reports:docx", args=[other.pk])).status_code == 404

    from apps.reports import selectors as report_selectors

    assert list(report_selectors.visible_to(world.user("evaluator"))) == [mine]

    evaluation.round.status = "closed"  # once the round is closed, the door shuts
    evaluation.round.save(update_fields=["status"])
    assert client.get(reverse("reports:detail", args=[mine.pk])).status_code == 404
    assert not AnnualReport.objects.filter(report_policies.EVALUATOR_HOOK(world.user("unit_admin"))).exists()


# ---------------------------------------------------------------- query counts


def test_the_dossier_page_is_flat(world, client_for, evaluation):
    center, user = evaluation.center, world.user("unit_admin")

    def grow():
        for day in range(1, 9):
            setup.entry(center, user, "matched", "10.00", D(2024, 6, day), description="配套")
            ds.rectification(center, user, starts_on=D(2024, 6, day), due_on=D(2024, 10, 1))
        ds.report(center, 2024, due_on=D(2025, 1, 31))

    for actor in ("evaluator", "regional_officer"):
        assert_flat(
            client_for(actor),
            reverse("evaluations:dossier", args=[evaluation.pk]),
            grow=grow,
            limit=DOSSIER_QUERY_LIMIT,
        )
        grow = lambda: None  # noqa: E731  (the data is already grown for the second actor)


def test_the_center_tab_is_flat(world, client_for):
    from apps.centers.tests.funding_setup import running_center

    center = running_center(world)
    builders.evaluation(world, center=center, round_status="announced", status="confirmed", grade="qualified")

    def grow():
        for grade in ("excellent", "qualified", "unqualified"):
            builders.evaluation(world, center=center, round_status="announced", status="confirmed", grade=grade)

    assert_flat(client_for("regional_officer"), reverse("evaluations:center", args=[center.pk]), grow=grow)
