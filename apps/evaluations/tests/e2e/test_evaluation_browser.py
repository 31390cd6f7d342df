"""A performance evaluation round in a real browser (issue 18, "done when"). The business clock stands on
2 March 2026 and the round evaluates 2025; three running centers (contracts in force since early 2025), the default
indicator system of the data migration, the world's evaluator organization with its evaluator account.

1. the region fills in the new round's form (period, system, the commissioned evaluator, commission document, fee)
   and opens the round;
2. the evaluator opens a center's dossier and its evaluation (objective indicators pre-filled by the platform) and
   scores the three centers, one of each grade (an objective score contested with a written reason where the
   subjective ones cannot reach the grade), submitting each;
3. the region confirms the three results and puts them under public notice; the clock passes the notice period and
   the region announces them;
4. the 合格 center receives its funding support: the allocation shows on its ledger tab;
5. the 不合格 center is ordered to rectify: a deadline of 7 months is refused with the Chinese message, 5 months
   accepted; the lead unit reports its rectification; the region starts the re-evaluation, the evaluator scores it
   still 不合格, the region confirms it and delists the center with the clawback and the announcement;
6. the public register (no login) shows the center as delisted, the announcement is on the portal.

Screenshots (look at them): /tmp/shots_eval/ (EVALUATION_SHOTS to change)."""

import importlib
import os
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

SHOTS = Path(os.environ.get("EVALUATION_SHOTS", "/tmp/shots_eval"))
TODAY = date(2026, 3, 2)
TOTALS = {"excellent": Decimal("90.00"), "qualified": Decimal("72.50"), "unqualified": Decimal("45.00")}
GRADES = {"excellent": "优秀", "qualified": "合格", "unqualified": "不合格"}
STILL_UNQUALIFIED = Decimal("52.00")


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def setting(transactional_db, clock):
    from django.apps import apps

    from apps.centers import funding
    from apps.centers.tests.funding_setup import running_center
    from apps.reference.services import ensure_reference_data
    from tests.world import build_world

    ensure_reference_data()  # transactional tests flush the data-migration rows
    importlib.import_module("apps.evaluations.migrations.0002_default_system").create(apps, None)
    clock.set(TODAY)
    world = build_world()
    centers = {
        "excellent": running_center(world, org=world.org_other),
        "qualified": running_center(world),
        "unqualified": running_center(world),
    }
    funding.allocate(  # the first tranche: what the delisting claws back
        world.user("regional_officer"),
        centers["unqualified"],
        tranche_number=1,
        amount="500000.00",
        occurred_on=TODAY - timedelta(days=300),
        document_number="内市监知发〔2025〕9号",
    )
    return world, centers


def _act(page, action, reason=None):
    form = page.locator(f'form[data-action="{action}"]')
    if reason is not None:
        form.locator("textarea").first.fill(reason)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def _score(page, base, evaluation, total, *, opinion):
    """The evaluator fills the scoring form to reach `total` (`demo.plan`: the platform's points kept, a contested
    one with its reason where needed) and submits the evaluation."""
    from apps.evaluations import demo
    from apps.evaluations.models import IndicatorScore

    scores = list(IndicatorScore.objects.filter(evaluation=evaluation).select_related("indicator"))
    rows = demo.plan(scores, total, reason="现场核查发现平台数据未反映中心补充提交的材料，按核实情况调整。")
    page.goto(f"{base}/evaluations/{evaluation.pk}/scores/")
    for score in scores:
        key, row = score.indicator_id, rows[score.indicator_id]
        page.locator(f"#id_points_{key}").fill(row["points"])
        if score.indicator.is_objective:
            if row["contest_reason"]:
                page.locator(f"#id_contest_{key}").fill(row["contest_reason"])
        else:
            page.locator(f"#id_comment_{key}").fill("佐证材料齐全，按评分标准打分。")
    page.locator("#id_opinion").fill(opinion)
    page.locator("#save-scores").click()
    page.wait_for_load_state()
    page.goto(f"{base}/evaluations/{evaluation.pk}/")
    _act(page, "submit")
    evaluation.refresh_from_db()
    assert evaluation.status == "submitted" and evaluation.total == total, page.content()[:2000]


def test_an_evaluation_round_in_the_browser(setting, login, page, live_server, clock):
    from apps.centers.models import Center, LedgerEntry
    from apps.evaluations.models import Evaluation, EvaluationRound, IndicatorSystem
    from apps.portal.models import Announcement

    world, centers = setting
    base = live_server.url
    E, R, G = Evaluation.Status, EvaluationRound.Status, Evaluation.Grade

    # 1. The region commissions the evaluator in the new round's form and opens the round.
    login(world.user("regional_officer"))
    page.goto(f"{base}/evaluations/rounds/new/")
    page.locator("#id_title").fill("2025年度培育中心绩效评价")
    page.locator("#id_period_start").fill("2025-01-01")
    page.locator("#id_period_end").fill("2025-12-31")
    page.locator("#id_system").select_option(str(IndicatorSystem.objects.get(version=1).pk))
    page.locator("#id_evaluator").select_option(str(world.evaluator_org.pk))
    page.locator("#id_commission_document").fill("内市监知委〔2026〕3号")
    page.locator("#id_commissioned_on").fill("2026-03-02")
    page.locator("#id_fee").fill("120000")
    page.locator("#id_scoring_due_on").fill("2026-04-30")
    shoot(page, "01_round_form")
    page.locator("#round-form button[type=submit]").click()
    page.wait_for_url("**/evaluations/rounds/*/")
    round_ = EvaluationRound.objects.get()
    assert round_.evaluator == world.evaluator_org and round_.evaluations.count() == 3
    _act(page, "open")
    round_.refresh_from_db()
    assert round_.status == R.OPEN and round_.system.is_frozen
    shoot(page, "02_round_open")
    evaluations = {key: Evaluation.objects.get(round=round_, center=c) for key, c in centers.items()}

    # 2. The evaluator: the dossier and the pre-filled objective indicators, then three scores, one of each grade.
    login(world.user("evaluator"))
    page.goto(f"{base}/evaluations/rounds/{round_.pk}/")
    expect(page.locator("#evaluations tbody tr")).to_have_count(3)
    first = evaluations["qualified"]
    page.goto(f"{base}/evaluations/{first.pk}/")
    page.locator("#open-dossier").click()
    page.wait_for_url(f"**/evaluations/{first.pk}/dossier/")
    shoot(page, "03_dossier")
    page.goto(f"{base}/evaluations/{first.pk}/scores/")
    objective = first.scores.filter(indicator__kind="objective").select_related("indicator")
    assert objective.exists() and all(s.platform_points is not None for s in objective)
    for score in objective:  # the platform's points are in the form already
        assert page.locator(f"#id_points_{score.indicator_id}").input_value() == f"{score.platform_points:f}"
    shoot(page, "04_scoring_prefilled")
    for grade in ("excellent", "qualified", "unqualified"):
        _score(page, base, evaluations[grade], TOTALS[grade], opinion=f"综合评价：{GRADES[grade]}。")
    shoot(page, "05_scored_and_submitted")
    for grade, evaluation in evaluations.items():
        evaluation.refresh_from_db()
        assert evaluation.grade == grade

    # 3. The region confirms the results, puts them under public notice and, the notice over, announces them.
    login(world.user("regional_officer"))
    for evaluation in evaluations.values():
        page.goto(f"{base}/evaluations/{evaluation.pk}/")
        _act(page, "confirm")
    page.goto(f"{base}/evaluations/rounds/{round_.pk}/")
    _act(page, "publish")
    round_.refresh_from_db()
    assert round_.status == R.NOTICE and round_.notice is not None
    shoot(page, "06_under_public_notice")
    clock.set(round_.notice.ends_on + timedelta(days=1))
    page.goto(f"{base}/evaluations/rounds/{round_.pk}/")
    _act(page, "announce")
    round_.refresh_from_db()
    assert round_.status == R.ANNOUNCED and round_.announcement is not None
    shoot(page, "07_announced")

    # 4. The 合格 center's funding support: an allocation on its ledger tab.
    qualified = evaluations["qualified"]
    page.goto(f"{base}/evaluations/{qualified.pk}/support/")
    page.locator("#id_amount").fill("300000")
    page.locator("#id_document_number").fill("内市监知发〔2026〕21号")
    page.locator("#submit-support").click()
    page.wait_for_load_state()
    qualified.refresh_from_db()
    assert qualified.status == E.SUPPORTED
    page.goto(f"{base}/centers/{centers['qualified'].pk}/funding/")
    assert "内市监知发〔2026〕21号" in page.content() and "300,000.00" in page.content()
    shoot(page, "08_support_on_the_ledger")

    # 5. The 不合格 center: a 7-month deadline refused in Chinese, 5 months accepted.
    unqualified = evaluations["unqualified"]
    page.goto(f"{base}/evaluations/{unqualified.pk}/rectify/")
    page.locator("#id_requirements").fill("补齐专利导航与布局工作，规范经费使用，提交整改报告。")
    today = clock.today()
    seven = today + timedelta(days=214)  # seven months (six months + 1 day is the limit, Art. 17(2))
    page.locator("#id_due_on").fill(seven.isoformat())
    page.locator("#submit-rectify").click()
    page.wait_for_load_state()
    refusal = page.locator(".alert-danger, .invalid-feedback").first.inner_text()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in refusal) and ("六个月" in refusal or "6" in refusal), refusal
    assert page.locator("#id_requirements").input_value().startswith("补齐专利导航")  # nothing typed lost
    shoot(page, "09_seven_months_refused")
    unqualified.refresh_from_db()
    assert unqualified.status == E.CONFIRMED and unqualified.rectification is None
    page.locator("#id_due_on").fill((today + timedelta(days=150)).isoformat())
    page.locator("#submit-rectify").click()
    page.wait_for_load_state()
    unqualified.refresh_from_db()
    assert unqualified.status == E.RECTIFYING
    center = Center.objects.get(pk=centers["unqualified"].pk)
    assert center.status == Center.Status.RECTIFYING
    rectification = unqualified.rectification

    clock.advance(days=60)
    login(world.user("unit_admin"))
    page.goto(f"{base}/centers/{center.pk}/rectifications/{rectification.pk}/")
    page.locator("#report-form textarea").first.fill("已完成专利导航分析，补充提交发明专利申请3件，经费凭证已整理。")
    page.locator("#report-form button[type=submit]").click()
    page.wait_for_load_state()
    rectification.refresh_from_db()
    assert rectification.status == "reported"
    shoot(page, "10_rectification_reported")

    login(world.user("regional_officer"))
    page.goto(f"{base}/evaluations/{unqualified.pk}/")
    page.locator("#reevaluate").click()
    page.locator("#submit-reevaluate").click()
    page.wait_for_load_state()
    again = Evaluation.objects.get(reevaluation_of=unqualified)

    login(world.user("evaluator"))
    _score(page, base, again, STILL_UNQUALIFIED, opinion="整改措施落实不到位，复评仍为不合格。")

    login(world.user("regional_officer"))
    page.goto(f"{base}/evaluations/{again.pk}/")
    _act(page, "confirm")
    again.refresh_from_db()
    unqualified.refresh_from_db()
    assert again.grade == G.UNQUALIFIED and unqualified.status == E.RECTIFICATION_FAILED
    page.goto(f"{base}/evaluations/{again.pk}/delist/")
    assert page.locator("#id_clawback_amount").input_value() in ("500000.00", "500000")
    page.locator("#id_reason").fill("整改后复评仍为不合格，依据第十七条第（三）项予以摘牌。")
    shoot(page, "11_delisting_form")
    page.locator("#submit-delist").click()
    page.wait_for_load_state()
    again.refresh_from_db()
    center.refresh_from_db()
    assert again.status == E.DELISTED and center.status == Center.Status.DELISTED
    delisting = again.delisting
    assert LedgerEntry.objects.filter(pk=delisting.clawback_entry_id, amount=Decimal("500000.00")).exists()
    assert Announcement.objects.filter(pk=delisting.announcement_id).exists()
    shoot(page, "12_delisted")

    # 6. The public register, without login: the center shows as delisted; the announcement is on the portal.
    page.context.clear_cookies()
    page.goto(f"{base}/centers/register/")
    card = page.locator(f'[data-center="{center.pk}"]')
    assert card.get_attribute("data-status") == "delisted" and "摘牌" in card.inner_text()
    shoot(page, "13_public_register")
    page.goto(f"{base}/announcements/{delisting.announcement_id}/")
    assert center.name in page.content()
    shoot(page, "14_delisting_announcement")
