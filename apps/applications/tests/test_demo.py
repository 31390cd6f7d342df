"""The demo data gives every role work, and the whole path of the issue runs on it: the 包头 office recommends,
the region passes the formal check, the panel scores with a conflicted expert excluded, the ranking is computed,
the selection's notice runs, and the ready application is approved."""

import datetime

import pytest
from django.utils import timezone

from apps.applications import demo, services, services_decision, services_review
from apps.applications.models import Application, Review
from apps.applications.tests.factories import review_stage, score_all
from apps.portal.models import PublicNotice

pytestmark = pytest.mark.django_db
S = Application.Status


@pytest.fixture
def users(db):
    from apps.calls import demo as calls_demo
    from apps.demo import accounts

    users = accounts.load()
    calls_demo.load(users)
    demo.load(users)
    return users


def _of(users, key):
    return Application.objects.get(lead_unit=users["organizations"][key])


def test_demo_has_work_for_every_role(users):
    assert _of(users, "dishonest").status == S.DRAFT
    baotou = _of(users, "rare_earth")
    assert baotou.status == S.SUBMITTED and baotou.versions.count() == 2
    assert _of(users, "dairy").status == S.RECOMMENDED
    imu = _of(users, "university")
    assert imu.status == S.EXPERT_REVIEW
    assert Review.objects.filter(application=imu, status=Review.Status.SUBMITTED).count() == 3
    assert Review.objects.get(application=imu, expert=users["expert1"]).status == Review.Status.EXCLUDED
    h2 = _of(users, "hydrogen")
    assert h2.status == S.SELECTED
    assert Review.objects.get(application=h2, expert=users["expert3"]).status == Review.Status.EXCLUDED
    assert h2.selection.notice.ends_on < timezone.localdate()


def test_the_demos_selection_notice_does_not_contradict_its_call(users):
    """The selected application's call closed its window before the notice ran: no notice for a call still open for
    applications, no notice before the window, and the label says the notice has ended."""
    h2 = _of(users, "hydrogen")
    call, notice = h2.call, h2.selection.notice
    assert not call.is_open_for_applications() and call.window_phase() == "closed"
    assert call.applications_open.year in (call.year - 1, call.year)
    assert call.applications_close < call.recommendation_deadline < notice.starts_on <= notice.ends_on
    assert notice.phase() == "ended" and h2.status_label() == "拟立项，公示期已结束，待决定"
    for selection in h2.call.selections.all():
        assert selection.notice.starts_on > selection.call.applications_close


def test_the_issues_path_runs_on_the_demo(users):
    region, baotou_office = users["regional_officer"], users["prefecture_officer"]
    baotou = _of(users, "rare_earth")
    baotou = services.application_recommend(baotou_office, baotou, opinion="同意推荐")
    baotou = services.application_formal_pass(region, baotou)
    # The rare-earth panel is scoring: the application is assigned at once, expert2 (稀土研究院) excluded.
    assert Review.objects.get(application=baotou, expert=users["expert2"]).status == Review.Status.EXCLUDED
    panel = baotou.topic.panel
    score_all(panel)
    review_stage(panel)  # the recommendation deadline passes: the call is under review, the panel may close
    services_review.panel_close(region, panel)
    ranked = list(Application.objects.filter(topic=baotou.topic, review_rank__isnull=False))
    assert len(ranked) == 2
    best = min(ranked, key=lambda a: a.review_rank)
    selection = services_decision.selection_create(region, best.call, [best])
    assert PublicNotice.objects.filter(pk=selection.notice_id).exists()
    today = timezone.localdate()
    PublicNotice.objects.filter(pk=selection.notice_id).update(
        starts_on=today - datetime.timedelta(days=10), ends_on=today - datetime.timedelta(days=1)
    )
    best.refresh_from_db()
    assert services_decision.application_approve(region, best).status == S.APPROVED
    h2 = _of(users, "hydrogen")
    assert services_decision.application_approve(region, h2).status == S.APPROVED


def test_the_dishonest_units_draft_explains_why_it_cannot_be_submitted(users):
    from apps.applications import checklist

    draft = _of(users, "dishonest")
    integrity = next(i for i in checklist.evaluate(draft) if i.code == "integrity")
    assert integrity.blocks and "信用中国" in integrity.message
