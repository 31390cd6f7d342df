"""The evaluation's page and the scoring form: what each role sees (the contest reasons for the region and the
evaluator only), the refusals next to their row with everything typed kept, the actions, and the page's query
count constant in the number of indicators."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.evaluations.models import Evaluation, EvaluationIndicator, IndicatorArea, IndicatorScore, VetoItem
from tests.query_counts import assert_flat

from . import builders

pytestmark = pytest.mark.django_db

E = Evaluation.Status


def _rows(evaluation):
    return {
        s.indicator.code: s for s in IndicatorScore.objects.filter(evaluation=evaluation).select_related("indicator")
    }


def _contested(world, **kw):
    evaluation = builders.evaluation(world, grade="qualified", **kw)
    row = _rows(evaluation)["2.1"]
    IndicatorScore.objects.filter(pk=row.pk).update(points=Decimal("20"), contest_reason="漏计了三件授权专利。")
    return evaluation


def test_the_evaluator_sees_the_page_with_the_platforms_data_and_the_contest(world, client_for):
    evaluation = _contested(world)
    html = client_for("evaluator").get(reverse("evaluations:detail", args=[evaluation.pk])).content.decode()
    assert "漏计了三件授权专利。" in html and "data-contested" in html
    assert "测试数据" in html  # the basis of an objective score
    assert reverse("evaluations:scores", args=[evaluation.pk]) in html
    assert 'data-action="submit"' in html


def test_the_lead_unit_sees_a_published_result_without_the_contest_reasons(world, client_for):
    evaluation = _contested(world, status=E.CONFIRMED, round_status="notice")
    for actor in ("unit_admin", "prefecture_officer"):
        html = client_for(actor).get(reverse("evaluations:detail", args=[evaluation.pk])).content.decode()
        assert evaluation.center.name in html
        assert "漏计了三件授权专利。" not in html and "data-contested" not in html
    html = client_for("regional_officer").get(reverse("evaluations:detail", args=[evaluation.pk])).content.decode()
    assert "漏计了三件授权专利。" in html


def test_the_region_gets_return_and_confirm_buttons(world, client_for):
    evaluation = builders.evaluation(world, status=E.SUBMITTED, grade="qualified")
    html = client_for("regional_officer").get(reverse("evaluations:detail", args=[evaluation.pk])).content.decode()
    assert 'data-action="return"' in html and 'data-action="confirm"' in html
    response = client_for("regional_officer").post(reverse("evaluations:act", args=[evaluation.pk, "confirm"]))
    assert response.status_code == 302
    assert Evaluation.objects.get(pk=evaluation.pk).status == E.CONFIRMED


def test_a_return_without_a_reason_shows_the_page_again(world, client_for):
    evaluation = builders.evaluation(world, status=E.SUBMITTED, grade="qualified")
    response = client_for("regional_officer").post(
        reverse("evaluations:act", args=[evaluation.pk, "return"]), {"reason": ""}
    )
    assert response.status_code == 200
    assert Evaluation.objects.get(pk=evaluation.pk).status == E.SUBMITTED


def test_the_scoring_form_keeps_what_was_typed_and_shows_the_error_next_to_the_row(world, client_for):
    evaluation = builders.evaluation(world)
    rows = _rows(evaluation)
    bad, good = rows["2.2"], rows["1.3"]
    url = reverse("evaluations:scores", args=[evaluation.pk])
    client = client_for("evaluator")
    page = client.get(url).content.decode()
    assert 'step="0.01"' in page and 'max="10"' in page
    response = client.post(
        url,
        {
            f"points_{bad.indicator_id}": "10.5",
            f"comment_{bad.indicator_id}": "质量一般。",
            f"points_{good.indicator_id}": "9",
            f"comment_{good.indicator_id}": "制度完备，团队稳定。",
            "opinion": "总体良好，建议加强运营。",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    row_html = html[html.index(f'id="row-{bad.indicator_id}"') : html.index(f'id="row-{bad.indicator_id}"') + 3000]
    assert "2.2" in row_html and 'role="alert"' in row_html
    assert "制度完备，团队稳定。" in html and "总体良好，建议加强运营。" in html and 'value="10.5"' in html
    assert _rows(evaluation)["1.3"].points is None  # nothing saved


def test_saving_the_scores_redirects_to_the_page(world, client_for):
    evaluation = builders.evaluation(world)
    row = _rows(evaluation)["1.3"]
    response = client_for("evaluator").post(
        reverse("evaluations:scores", args=[evaluation.pk]),
        {f"points_{row.indicator_id}": "8.5", f"comment_{row.indicator_id}": "好。", "opinion": ""},
    )
    assert response.status_code == 302
    assert _rows(evaluation)["1.3"].points == Decimal("8.50")


def test_a_submitted_evaluations_form_says_why_it_cannot_be_changed(world, client_for):
    evaluation = builders.evaluation(world, status=E.SUBMITTED, grade="qualified")
    html = client_for("evaluator").get(reverse("evaluations:scores", args=[evaluation.pk])).content.decode()
    assert 'id="save-scores"' not in html and 'id="scores-errors"' in html


def test_participation_and_veto_forms(world, client_for):
    evaluation = builders.evaluation(world, grade="excellent")
    client = client_for("evaluator")
    response = client.post(
        reverse("evaluations:participation", args=[evaluation.pk]),
        {"participation": "absent", "justified": "on", "justification": ""},
    )
    assert response.status_code == 200 and Evaluation.objects.get(pk=evaluation.pk).took_part
    item = VetoItem.objects.get(system=evaluation.round.system, code="V3")
    response = client.post(
        reverse("evaluations:vetoes", args=[evaluation.pk]), {"item": item.pk, "finding": "挪用经费。"}
    )
    assert response.status_code == 302
    saved = Evaluation.objects.get(pk=evaluation.pk)
    assert saved.vetoed and saved.grade == "unqualified"
    finding = saved.veto_findings.get()
    response = client.post(reverse("evaluations:veto_remove", args=[evaluation.pk, finding.pk]))
    assert response.status_code == 302 and not Evaluation.objects.get(pk=evaluation.pk).vetoed
    again = client.post(reverse("evaluations:veto_remove", args=[evaluation.pk, finding.pk]))
    assert again.status_code == 302  # gone already: a note, nothing else


def test_the_consequence_buttons_link_to_their_pages(world, client_for):
    evaluation = builders.evaluation(world, status=E.CONFIRMED, grade="qualified", round_status="announced")
    html = client_for("regional_officer").get(reverse("evaluations:detail", args=[evaluation.pk])).content.decode()
    assert 'data-action="support"' in html
    assert reverse("evaluations:support", args=[evaluation.pk]) in html
    assert 'data-action="order_rectification"' in html  # offered, disabled with the reason (not unqualified)


def _more_indicators(evaluation, n):
    """`n` more indicators (and their scores, with evidence-less objective data) in the evaluation's system."""

    def grow():
        system = evaluation.round.system
        area = IndicatorArea.objects.filter(system=system).first()
        for i in range(n):
            indicator = EvaluationIndicator.objects.create(
                system=system,
                area=IndicatorArea.objects.filter(system=system)[i % 5] if i % 2 else area,
                code=f"9.{i}",
                name=f"追加指标{i}",
                max_points=Decimal("1"),
                kind=EvaluationIndicator.Kind.OBJECTIVE if i % 2 else EvaluationIndicator.Kind.SUBJECTIVE,
                rule="kpi_completion" if i % 2 else "",
                position=50 + i,
            )
            IndicatorScore.objects.create(
                evaluation=evaluation,
                indicator=indicator,
                max_points=indicator.max_points,
                points=Decimal("0.5"),
                platform_points=Decimal("0.4") if i % 2 else None,
                contest_reason="理由" if i % 2 else "",
                comment="" if i % 2 else "评",
                basis={"explanation": "x", "rows": [{"label": "a", "value": "1", "url": "/"}]} if i % 2 else {},
            )
        item = VetoItem.objects.filter(system=system).first()
        evaluation.veto_findings.create(item=item, finding="发现", recorded_by=evaluation.round.created_by)

    return grow


@pytest.mark.parametrize("actor", ["evaluator", "regional_officer"])
def test_the_evaluation_page_is_flat_in_the_number_of_indicators(world, client_for, actor):
    evaluation = builders.evaluation(world, grade="qualified")
    assert_flat(
        client_for(actor), reverse("evaluations:detail", args=[evaluation.pk]), grow=_more_indicators(evaluation, 12)
    )


def test_the_scoring_form_is_flat_in_the_number_of_indicators(world, client_for):
    evaluation = builders.evaluation(world, grade="qualified")
    assert_flat(
        client_for("evaluator"),
        reverse("evaluations:scores", args=[evaluation.pk]),
        grow=_more_indicators(evaluation, 12),
    )


def test_refresh_from_the_page(world, client_for, monkeypatch):
    from apps.evaluations.objective import Result

    evaluation = builders.evaluation(world)
    monkeypatch.setattr(
        "apps.evaluations.objective.compute",
        lambda indicator, c, s, e: Result(indicator.max_points, {"explanation": "满分", "rows": []}),
    )
    response = client_for("evaluator").post(reverse("evaluations:refresh", args=[evaluation.pk]))
    assert response.status_code == 302
    assert _rows(evaluation)["2.1"].points == Decimal("25.00")
