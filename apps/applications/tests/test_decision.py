"""Selection, public notice with objections, and approval (择优立项, Art. 11–12)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.applications import services, services_decision, services_review
from apps.applications.models import Application, BudgetItem, Selection
from apps.applications.tests import factories as f
from apps.core import clock as business_clock
from apps.core.errors import DomainError, PermissionDenied
from apps.portal import services as portal
from apps.portal.models import Announcement, PublicNotice

pytestmark = pytest.mark.django_db
S = Application.Status


def _ranked(world, **kwargs) -> Application:
    application = f.advance(world, f.eligible_draft(world, **kwargs), S.EXPERT_REVIEW)
    panel = f.scoring_panel(world, [application])
    f.score_all(panel)
    f.review_stage(panel)
    services_review.panel_close(world.user("regional_officer"), panel)
    application.refresh_from_db()
    return application


def _end_notice(selection):
    today = business_clock.today()
    PublicNotice.objects.filter(pk=selection.notice_id).update(
        starts_on=today - datetime.timedelta(days=12), ends_on=today - datetime.timedelta(days=1)
    )


def test_selection_opens_a_public_notice_listing_the_selected(world):
    application = _ranked(world)
    selection = services_decision.selection_create(
        world.user("regional_officer"), application.call, [application], contact="0471-6900000"
    )
    application.refresh_from_db()
    notice = selection.notice
    assert application.status == S.SELECTED and application.selection == selection
    assert notice.kind == PublicNotice.Kind.SELECTION and notice.subject == selection
    assert application.project_name in notice.body and world.org.name in notice.body
    assert notice.working_days == 5 and notice.ends_on > notice.starts_on


def test_only_the_region_selects_and_only_after_the_panel_closed(world):
    application = f.advance(world, f.eligible_draft(world), S.EXPERT_REVIEW)
    f.scoring_panel(world, [application])
    with pytest.raises(PermissionDenied):
        services_decision.selection_create(world.user("prefecture_officer"), application.call, [application])
    with pytest.raises(DomainError) as exc:
        services_decision.selection_create(world.user("regional_officer"), application.call, [application])
    assert exc.value.code == "select" and application.project_name in exc.value.message


def test_selection_within_the_topics_funding_cap(world):
    application = _ranked(world)
    BudgetItem.objects.create(application=application, name="追加", requested_amount=Decimal("2500000"))
    with pytest.raises(DomainError) as exc:
        services_decision.selection_create(world.user("regional_officer"), application.call, [application])
    assert exc.value.code == "topic_cap"
    application.refresh_from_db()
    assert application.status == S.EXPERT_REVIEW and not Selection.objects.exists()


def test_selection_within_the_calls_funding(world):
    call = f.open_call(funding_available=Decimal("500000"))
    application = _ranked(world, call=call)
    with pytest.raises(DomainError) as exc:
        services_decision.selection_create(world.user("regional_officer"), call, [application])
    assert exc.value.code == "call_cap"


def test_approval_waits_for_the_end_of_the_notice(world):
    application = _ranked(world)
    services_decision.selection_create(world.user("regional_officer"), application.call, [application])
    application.refresh_from_db()
    with pytest.raises(DomainError) as exc:
        services_decision.application_approve(world.user("regional_officer"), application)
    assert application.selection.notice.ends_on.isoformat() in exc.value.message
    application.refresh_from_db()
    assert application.status == S.SELECTED


def test_an_unresolved_objection_blocks_approval_until_resolved(world):
    application = _ranked(world)
    region = world.user("regional_officer")
    selection = services_decision.selection_create(region, application.call, [application])
    objection = portal.objection_submit(selection.notice, name="某公司", contact="0471-6900000", text="数据存疑")
    _end_notice(selection)
    application.refresh_from_db()
    with pytest.raises(DomainError) as exc:
        services_decision.application_approve(region, application)
    assert exc.value.code == "condition" and "异议" in exc.value.message
    portal.objection_resolve(region, objection, resolution="经核查属实无误")
    approved = services_decision.application_approve(region, application)
    assert approved.status == S.APPROVED


@pytest.mark.parametrize(
    ("approved_on", "term_ends_on"),
    [
        # The 3-year term (Art. 13) ends the day before its anniversary (`apps.core.dates.term_end`):
        (datetime.date(2028, 2, 29), datetime.date(2031, 2, 28)),  # no 29 February 2031: the month's last day
        (datetime.date(2027, 1, 31), datetime.date(2030, 1, 30)),
        (datetime.date(2027, 12, 31), datetime.date(2030, 12, 30)),
    ],
)
def test_approval_keeps_what_the_center_needs(world, clock, approved_on, term_ends_on):
    clock.set(approved_on)  # the whole procedure on the business clock, the approval on that day
    application = _ranked(world)
    region = world.user("regional_officer")
    selection = services_decision.selection_create(region, application.call, [application])
    _end_notice(selection)
    application.refresh_from_db()
    approved = services_decision.application_approve(region, application)
    assert approved.approved_funds == Decimal("1000000.00") and approved.term_starts_on == approved_on
    assert approved.term_ends_on == term_ends_on
    assert approved.indicators.count() == 1 and approved.budget_items.count() == 1
    selection.refresh_from_db()
    assert selection.status == Selection.Status.DECIDED
    announcement = Announcement.objects.get(kind=Announcement.Kind.RESULT)
    assert application.project_name in announcement.body


def test_not_approved_after_an_upheld_objection_needs_a_reason(world):
    application = _ranked(world)
    region = world.user("regional_officer")
    selection = services_decision.selection_create(region, application.call, [application])
    _end_notice(selection)
    application.refresh_from_db()
    with pytest.raises(DomainError):
        services_decision.application_not_approve(region, application, reason=" ")
    decided = services_decision.application_not_approve(region, application, reason="异议成立：研发投入数据不实")
    assert decided.status == S.NOT_APPROVED and decided.events.last().opinion.startswith("异议成立")
    assert not Announcement.objects.filter(kind=Announcement.Kind.RESULT).exists()


def test_a_ranked_application_not_selected_may_be_marked_not_approved(world):
    application = _ranked(world)
    decided = services_decision.application_not_approve(world.user("regional_officer"), application, reason="排名靠后")
    assert decided.status == S.NOT_APPROVED


def test_no_withdrawal_once_selected(world):
    application = _ranked(world)
    services_decision.selection_create(world.user("regional_officer"), application.call, [application])
    application.refresh_from_db()
    with pytest.raises(DomainError):
        services.application_withdraw(world.user("unit_admin"), application, reason="x")


def test_funding_already_committed_counts_against_the_cap(world):
    application = _ranked(world)
    region = world.user("regional_officer")
    services_decision.selection_create(region, application.call, [application])
    summary = services_decision.funding_summary(application.call)
    assert summary["topics"][application.topic_id]["committed"] == Decimal("1000000.00")
    assert summary["call"]["committed"] == Decimal("1000000.00")


def test_only_a_selected_application_is_approved(world):
    application = _ranked(world)
    with pytest.raises(DomainError) as exc:
        services_decision.application_approve(world.user("regional_officer"), application)
    assert exc.value.code == "state"
    submitted = f.advance(world, f.eligible_draft(world, call=f.open_call()), S.SUBMITTED)
    with pytest.raises(DomainError) as exc:
        services_decision.application_not_approve(world.user("regional_officer"), submitted, reason="x")
    assert exc.value.code == "state"


def test_the_public_notice_links_only_to_the_public_page_of_the_call(world):
    from django.test import Client
    from django.urls import reverse

    application = _ranked(world)
    selection = services_decision.selection_create(world.user("regional_officer"), application.call, [application])
    page = Client().get(reverse("portal:notice", args=[selection.notice_id])).content.decode()
    assert reverse("applications:decision", args=[application.call_id]) not in page
    assert f'href="{reverse("calls:public_detail", args=[application.call_id])}"' in page


def test_the_status_shown_follows_the_notices_actual_dates(world, client_for):
    from django.urls import reverse

    application = _ranked(world)
    selection = services_decision.selection_create(world.user("regional_officer"), application.call, [application])
    application.refresh_from_db()
    assert application.status_label() == "拟立项，公示中"
    _end_notice(selection)
    application.refresh_from_db()
    selection.refresh_from_db()
    assert application.status == S.SELECTED and selection.status == Selection.Status.IN_NOTICE
    assert application.status_label() == "拟立项，公示期已结束，待决定"
    assert selection.status_label() == "公示期已结束，待决定"
    officer = client_for("regional_officer")
    for url in (
        reverse("applications:decision", args=[application.call_id]),
        reverse("applications:detail", args=[application.pk]),
    ):
        page = officer.get(url).content.decode()
        # the status badge (the timeline keeps the history: "selected, under notice" on that day)
        assert "拟立项，公示期已结束，待决定</span>" in page and "拟立项，公示中</span>" not in page
    decision = officer.get(reverse("applications:decision", args=[application.call_id])).content.decode()
    assert "公示期已结束，待决定</strong>" in decision and "· 公示中</strong>" not in decision
    today = timezone.localdate()
    PublicNotice.objects.filter(pk=selection.notice_id).update(
        starts_on=today + datetime.timedelta(days=3), ends_on=today + datetime.timedelta(days=9)
    )
    application.refresh_from_db()
    assert application.status_label() == "拟立项，公示尚未开始"
