"""Scoring (Art. 16–17): the platform's pre-filled points, the evaluator's scores and their refusals (nothing saved
when any row is bad), participation (Art. 17(3)), veto findings, the computed total and grade at the thresholds,
the submission, the region's return and confirmation."""

from decimal import Decimal

import pytest

from apps.audit.models import AuditEntry
from apps.core.errors import DomainError, InvalidTransition, PermissionDenied
from apps.evaluations import services_scoring as services
from apps.evaluations.models import Evaluation, EvaluationRound, IndicatorScore, VetoFinding, VetoItem
from apps.evaluations.objective import Result
from apps.notifications.models import Message as Notification

from . import builders

pytestmark = pytest.mark.django_db

E = Evaluation.Status
P = Evaluation.Participation


@pytest.fixture
def platform(monkeypatch):
    """The platform gives each objective indicator `share` of its maximum (0.8 unless a test changes it)."""
    state = {"share": Decimal("0.8")}

    def compute(indicator, center, start, end):
        points = (indicator.max_points * state["share"]).quantize(Decimal("0.01"))
        return Result(
            points,
            {
                "as_of": end.isoformat(),
                "explanation": "测试",
                "rows": [{"label": "完成率", "value": "80%", "url": "/x/"}],
            },
        )

    monkeypatch.setattr("apps.evaluations.objective.compute", compute)
    return state


def _evaluation(world, **kw):
    return builders.evaluation(world, **kw)


def _rows(evaluation):
    return {
        s.indicator.code: s for s in IndicatorScore.objects.filter(evaluation=evaluation).select_related("indicator")
    }


def _fill(evaluation, share="0.9"):
    """A complete set of rows for save_scores: every indicator `share` of its maximum, subjective ones commented,
    objective ones at the platform's points."""
    rows = {}
    for s in IndicatorScore.objects.filter(evaluation=evaluation).select_related("indicator"):
        if s.indicator.is_objective and s.platform_points is not None:
            rows[s.indicator_id] = {"points": str(s.platform_points), "comment": "", "contest_reason": ""}
        else:
            points = (s.max_points * Decimal(share)).quantize(Decimal("0.01"))
            rows[s.indicator_id] = {"points": str(points), "comment": "材料齐全。", "contest_reason": ""}
    return rows


def _fresh(evaluation):
    return Evaluation.objects.get(pk=evaluation.pk)


# ---------------------------------------------------------------- prefill and refresh


def test_prefill_creates_a_row_per_indicator_and_fills_the_objective_ones(world, platform):
    round_ = builders.round_(world, status=EvaluationRound.Status.OPEN)
    from apps.centers.tests.funding_setup import running_center

    evaluation = Evaluation.objects.create(round=round_, center=running_center(world))
    services.prefill(evaluation)
    rows = _rows(evaluation)
    assert len(rows) == len(builders.INDICATORS)
    assert rows["2.1"].platform_points == Decimal("20.00") == rows["2.1"].points
    assert rows["2.1"].basis["rows"][0]["label"] == "完成率"
    assert rows["1.3"].points is None and rows["1.3"].platform_points is None
    assert all(r.max_points == r.indicator.max_points for r in rows.values())
    services.prefill(evaluation)  # again: no duplicate rows
    assert IndicatorScore.objects.filter(evaluation=evaluation).count() == len(builders.INDICATORS)


def test_prefill_with_the_real_rules_reads_the_platform(world):
    """objective.compute (the indicator systems' part) on a running center: every objective row gets points."""
    round_ = builders.round_(world, status=EvaluationRound.Status.OPEN)
    from apps.centers.tests.funding_setup import running_center

    evaluation = Evaluation.objects.create(round=round_, center=running_center(world))
    services.prefill(evaluation)
    for score in IndicatorScore.objects.filter(evaluation=evaluation).select_related("indicator"):
        if score.indicator.is_objective:
            assert score.platform_points is not None and 0 <= score.platform_points <= score.max_points
            assert score.basis.get("explanation")


def test_refresh_recomputes_objective_rows_and_keeps_a_contest(world, platform):
    evaluation = _evaluation(world)
    IndicatorScore.objects.filter(evaluation=evaluation).delete()
    services.prefill(evaluation)
    evaluator = world.user("evaluator")
    rows = _rows(evaluation)
    services.save_scores(
        evaluator,
        evaluation,
        {
            rows["2.1"].indicator_id: {"points": "10", "contest_reason": "两项指标统计口径有误。"},
            rows["1.3"].indicator_id: {"points": "8", "comment": "制度健全。"},
        },
    )
    platform["share"] = Decimal("0.5")
    services.refresh(evaluator, evaluation)
    rows = _rows(evaluation)
    assert rows["2.1"].platform_points == Decimal("12.50") and rows["2.1"].points == Decimal("10.00")
    assert rows["2.1"].contest_reason == "两项指标统计口径有误。"
    assert rows["1.1"].points == rows["1.1"].platform_points == Decimal("2.50")  # not contested: follows
    assert rows["1.3"].points == Decimal("8.00") and rows["1.3"].comment == "制度健全。"  # subjective untouched
    assert AuditEntry.objects.filter(action="evaluation.refresh").count() == 1


def test_refresh_is_the_evaluators_and_a_draft_only(world, platform):
    evaluation = _evaluation(world)
    with pytest.raises(PermissionDenied):
        services.refresh(world.user("regional_officer"), evaluation)
    Evaluation.objects.filter(pk=evaluation.pk).update(status=E.SUBMITTED)
    with pytest.raises(DomainError):
        services.refresh(world.user("evaluator"), _fresh(evaluation))


# ---------------------------------------------------------------- save_scores: refusals, nothing saved


@pytest.mark.parametrize("typed", ["abc", "-1", "10.01", "1.234", "1e1", " 1_0", "NaN"])
def test_bad_points_are_refused_naming_the_indicator_and_its_range(world, typed):
    evaluation = _evaluation(world)
    rows = _rows(evaluation)
    good, bad = rows["1.3"], rows["2.2"]  # both 10 points, subjective
    with pytest.raises(services.ScoresInvalid) as caught:
        services.save_scores(
            world.user("evaluator"),
            evaluation,
            {
                good.indicator_id: {"points": "9", "comment": "好。"},
                bad.indicator_id: {"points": typed, "comment": "好。"},
            },
            "总体良好。",
        )
    assert set(caught.value.errors) == {bad.indicator_id}
    message = caught.value.errors[bad.indicator_id]
    assert "2.2" in message and "0" in message and "10" in message
    assert "2.2" in caught.value.message
    assert _rows(evaluation)["1.3"].points is None  # the good row was not saved either
    assert _fresh(evaluation).opinion == ""


def test_the_maximum_itself_and_two_decimals_are_accepted(world):
    evaluation = _evaluation(world)
    rows = _rows(evaluation)
    services.save_scores(
        world.user("evaluator"),
        evaluation,
        {
            rows["1.3"].indicator_id: {"points": "10", "comment": "a"},
            rows["2.2"].indicator_id: {"points": "0.05", "comment": "b"},
        },
    )
    rows = _rows(evaluation)
    assert rows["1.3"].points == Decimal("10.00") and rows["2.2"].points == Decimal("0.05")


def test_a_scored_subjective_row_without_a_comment_is_refused(world):
    evaluation = _evaluation(world)
    row = _rows(evaluation)["3.1"]
    with pytest.raises(services.ScoresInvalid) as caught:
        services.save_scores(world.user("evaluator"), evaluation, {row.indicator_id: {"points": "12", "comment": "  "}})
    assert "3.1" in caught.value.errors[row.indicator_id]
    assert _rows(evaluation)["3.1"].points is None


def test_a_contest_without_a_reason_is_refused_and_with_one_kept(world):
    evaluation = _evaluation(world, grade="qualified")  # objective rows at the platform's 0.7
    row = _rows(evaluation)["2.1"]
    assert row.platform_points == Decimal("17.50")
    evaluator = world.user("evaluator")
    with pytest.raises(services.ScoresInvalid) as caught:
        services.save_scores(evaluator, evaluation, {row.indicator_id: {"points": "20", "contest_reason": ""}})
    assert "2.1" in caught.value.errors[row.indicator_id] and "17.5" in caught.value.errors[row.indicator_id]
    services.save_scores(evaluator, evaluation, {row.indicator_id: {"points": "20", "contest_reason": "漏计3件。"}})
    row = _rows(evaluation)["2.1"]
    assert row.points == Decimal("20.00") and row.contested and row.contest_reason == "漏计3件。"
    # back at the platform's points: not contested any more, the reason goes
    services.save_scores(evaluator, evaluation, {row.indicator_id: {"points": "17.5", "contest_reason": "漏计3件。"}})
    row = _rows(evaluation)["2.1"]
    assert not row.contested and row.contest_reason == ""


def test_an_evaluator_of_another_org_and_other_roles_are_refused(world):
    from apps.accounts.tests.factories import UserFactory
    from apps.core.roles import Role
    from apps.organizations.models import Organization
    from apps.organizations.tests.factories import OrganizationFactory

    evaluation = _evaluation(world)
    row = _rows(evaluation)["1.3"]
    other_org = OrganizationFactory(name="另一评估机构", prefecture=world.prefecture, kind=Organization.Kind.EVALUATOR)
    stranger = UserFactory(username="evaluator2", role=Role.EVALUATOR, organization=other_org)
    for user in (stranger, world.user("regional_officer"), world.user("unit_admin")):
        with pytest.raises(PermissionDenied):
            services.save_scores(user, evaluation, {row.indicator_id: {"points": "5", "comment": "x"}})
    assert _rows(evaluation)["1.3"].points is None


def test_a_submitted_evaluation_cannot_be_edited(world):
    evaluation = _evaluation(world, status=E.SUBMITTED, grade="qualified")
    row = _rows(evaluation)["1.3"]
    with pytest.raises(InvalidTransition):
        services.save_scores(world.user("evaluator"), evaluation, {row.indicator_id: {"points": "1", "comment": "x"}})
    assert _rows(evaluation)["1.3"].points == Decimal("7.00")


def test_scores_outside_an_open_round_are_refused(world):
    evaluation = _evaluation(world, round_status=EvaluationRound.Status.NOTICE)
    row = _rows(evaluation)["1.3"]
    with pytest.raises(DomainError):
        services.save_scores(world.user("evaluator"), evaluation, {row.indicator_id: {"points": "1", "comment": "x"}})


def test_an_unknown_indicator_and_a_too_long_text_are_refused(world):
    evaluation = _evaluation(world)
    row = _rows(evaluation)["1.3"]
    with pytest.raises(DomainError):
        services.save_scores(world.user("evaluator"), evaluation, {999999: {"points": "1"}})
    with pytest.raises(services.ScoresInvalid):
        services.save_scores(
            world.user("evaluator"), evaluation, {row.indicator_id: {"points": "1", "comment": "长" * 4001}}
        )
    with pytest.raises(DomainError):
        services.save_scores(world.user("evaluator"), evaluation, {}, "长" * 4001)


def test_saving_previews_the_total_and_grade_and_audits(world):
    evaluation = _evaluation(world, grade="qualified")  # 70 points
    evaluator = world.user("evaluator")
    services.save_scores(evaluator, evaluation, {}, "总体合格。")
    saved = _fresh(evaluation)
    assert saved.total == Decimal("70.00") and saved.grade == "qualified" and saved.opinion == "总体合格。"
    entry = AuditEntry.objects.get(action="evaluation.save")
    assert entry.actor == evaluator and entry.after["opinion"] == "总体合格。"


# ---------------------------------------------------------------- the grade at the thresholds


def _to_total(world, evaluation, total):
    """Set every row so the sum is `total` (an objective row away from the platform's points with a reason)."""
    rows = list(IndicatorScore.objects.filter(evaluation=evaluation).select_related("indicator"))
    rest = Decimal(total)
    data = {}
    for r in rows:
        give = min(rest, r.max_points)
        rest -= give
        data[r.indicator_id] = {"points": str(give), "comment": "评。", "contest_reason": "口径不同。"}
    assert rest == 0
    services.save_scores(world.user("evaluator"), evaluation, data)


@pytest.mark.parametrize(
    ("total", "grade"),
    [("85", "excellent"), ("84.99", "qualified"), ("60", "qualified"), ("59.99", "unqualified"), ("100", "excellent")],
)
def test_submit_computes_the_grade_at_the_thresholds(world, total, grade):
    evaluation = _evaluation(world, grade="unqualified")  # objective rows at half their maximum: 10 points
    _to_total(world, evaluation, total)
    submitted = services.submit(world.user("evaluator"), _fresh(evaluation))
    assert submitted.status == E.SUBMITTED and submitted.submitted_at is not None
    assert submitted.total == Decimal(total) and submitted.grade == grade


def test_a_rounds_own_thresholds_apply(world):
    round_ = builders.round_(
        world, status=EvaluationRound.Status.OPEN, excellent_from=Decimal("90"), qualified_from=Decimal("70")
    )
    evaluation = _evaluation(world, round_obj=round_, grade="unqualified")
    _to_total(world, evaluation, "89.99")
    assert services.submit(world.user("evaluator"), _fresh(evaluation)).grade == "qualified"


def test_submit_needs_every_indicator_and_notifies_the_region(world):
    evaluation = _evaluation(world)
    with pytest.raises(DomainError) as caught:
        services.submit(world.user("evaluator"), evaluation)
    assert "1.3" in caught.value.message
    assert _fresh(evaluation).status == E.DRAFT
    evaluation = _evaluation(world, grade="excellent")
    services.submit(world.user("evaluator"), evaluation)
    assert Notification.objects.filter(recipient=world.user("regional_officer"), is_task=True).exists()


# ---------------------------------------------------------------- vetoes


def test_a_veto_finding_forces_unqualified_and_its_removal_restores_the_grade(world):
    evaluation = _evaluation(world, grade="excellent")
    evaluator = world.user("evaluator")
    item = VetoItem.objects.get(system=evaluation.round.system, code="V1")
    finding = services.veto_record(evaluator, evaluation, item=item, finding="申报材料中专利数据造假。")
    saved = _fresh(evaluation)
    assert saved.vetoed and saved.grade == "unqualified" and saved.total == Decimal("90.00")
    submitted = services.submit(evaluator, saved)
    assert submitted.grade == "unqualified"
    Evaluation.objects.filter(pk=evaluation.pk).update(status=E.DRAFT)
    services.veto_remove(evaluator, finding)
    saved = _fresh(evaluation)
    assert not saved.vetoed and saved.grade == "excellent"
    assert {"evaluation.finding", "evaluation.remove"} <= set(AuditEntry.objects.values_list("action", flat=True))


def test_a_veto_needs_an_item_of_the_rounds_system_and_a_finding(world):
    evaluation = _evaluation(world)
    evaluator = world.user("evaluator")
    foreign = VetoItem.objects.filter(system=builders.system()).first()
    with pytest.raises(DomainError):
        services.veto_record(evaluator, evaluation, item=foreign, finding="x")
    item = VetoItem.objects.get(system=evaluation.round.system, code="V2")
    with pytest.raises(DomainError):
        services.veto_record(evaluator, evaluation, item=item, finding="  ")
    services.veto_record(evaluator, evaluation, item=item, finding="论文抄袭。")
    with pytest.raises(DomainError):
        services.veto_record(evaluator, evaluation, item=item, finding="又一项。")
    with pytest.raises(PermissionDenied):
        services.veto_record(world.user("regional_officer"), evaluation, item=item, finding="x")
    assert VetoFinding.objects.filter(evaluation=evaluation).count() == 1


# ---------------------------------------------------------------- participation (Art. 17(3))


@pytest.mark.parametrize("participation", [P.ABSENT, P.INCOMPLETE])
def test_absent_or_incomplete_with_and_without_a_justified_reason(world, participation):
    evaluation = _evaluation(world)
    evaluator = world.user("evaluator")
    with pytest.raises(DomainError):
        services.set_participation(
            evaluator, evaluation, participation=participation, justified=True, justification=" "
        )
    assert _fresh(evaluation).participation == P.TOOK_PART
    services.set_participation(evaluator, evaluation, participation=participation, justified=False)
    saved = _fresh(evaluation)
    assert saved.participation == participation and not saved.justified and saved.grade == ""
    services.set_participation(
        evaluator, evaluation, participation=participation, justified=True, justification="因疫情停工，经批准缓评。"
    )
    saved = _fresh(evaluation)
    assert saved.justified and saved.justification == "因疫情停工，经批准缓评。"
    submitted = services.submit(evaluator, saved)  # no scores needed
    assert submitted.status == E.SUBMITTED and submitted.grade == "" and submitted.total is None


def test_took_part_clears_a_justification_and_a_bad_value_is_refused(world):
    evaluation = _evaluation(world)
    evaluator = world.user("evaluator")
    services.set_participation(evaluator, evaluation, participation=P.ABSENT, justified=True, justification="理由")
    services.set_participation(evaluator, evaluation, participation=P.TOOK_PART, justified=True, justification="理由")
    saved = _fresh(evaluation)
    assert saved.took_part and not saved.justified and saved.justification == ""
    with pytest.raises(DomainError):
        services.set_participation(evaluator, evaluation, participation="maybe")


# ---------------------------------------------------------------- the region: return and confirm


def test_the_region_returns_with_a_reason_and_confirms(world):
    officer = world.user("regional_officer")
    evaluation = _evaluation(world, status=E.SUBMITTED, grade="qualified")
    with pytest.raises(DomainError):
        services.return_(officer, evaluation, "  ")
    returned = services.return_(officer, evaluation, "2.2项评语过简。")
    assert returned.status == E.DRAFT
    assert Notification.objects.filter(recipient=world.user("evaluator"), is_task=True).exists()
    services.submit(world.user("evaluator"), returned)
    confirmed = services.confirm(officer, _fresh(evaluation))
    assert confirmed.status == E.CONFIRMED and confirmed.confirmed_at is not None
    with pytest.raises(InvalidTransition):
        services.confirm(officer, _fresh(evaluation))


def test_only_the_region_confirms(world):
    evaluation = _evaluation(world, status=E.SUBMITTED, grade="qualified")
    for actor in ("evaluator", "prefecture_officer", "unit_admin"):
        with pytest.raises(PermissionDenied):
            services.confirm(world.user(actor), evaluation)
    assert _fresh(evaluation).status == E.SUBMITTED


def test_confirming_a_reevaluation_settles_the_rectification(world, monkeypatch):
    from apps.evaluations import services_consequences

    first = _evaluation(world, status=E.RECTIFYING, grade="unqualified", round_status=EvaluationRound.Status.ANNOUNCED)
    second = Evaluation.objects.create(
        round=first.round, center=first.center, attempt=2, reevaluation_of=first, status=E.SUBMITTED, grade="qualified"
    )
    called = []
    monkeypatch.setattr(services_consequences, "reevaluation_confirmed", lambda officer, ev: called.append(ev.pk))
    services.confirm(world.user("regional_officer"), second)
    assert called == [second.pk] and _fresh(second).status == E.CONFIRMED


def test_a_failing_reevaluation_consequence_rolls_the_confirmation_back(world, monkeypatch):
    from apps.evaluations import services_consequences

    first = _evaluation(world, status=E.RECTIFYING, grade="unqualified", round_status=EvaluationRound.Status.ANNOUNCED)
    second = Evaluation.objects.create(
        round=first.round, center=first.center, attempt=2, reevaluation_of=first, status=E.SUBMITTED, grade="qualified"
    )

    def fail(officer, evaluation):
        raise DomainError("注入的失败")

    monkeypatch.setattr(services_consequences, "reevaluation_confirmed", fail)
    with pytest.raises(DomainError):
        services.confirm(world.user("regional_officer"), second)
    assert _fresh(second).status == E.SUBMITTED and _fresh(second).confirmed_at is None
