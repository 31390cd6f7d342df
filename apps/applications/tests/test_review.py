"""Expert review: the panel, conflicts of interest, scoring, secrecy of scores and the ranking."""

from decimal import Decimal

import pytest

from apps.accounts.models import ExpertConflict
from apps.accounts.tests.factories import ExpertProfileFactory
from apps.applications import policies, scoring, selectors, services, services_review
from apps.applications.models import Application, Review, ReviewPanel
from apps.applications.tests import factories as f
from apps.core.errors import ConcurrentChange, DomainError, InvalidTransition, PermissionDenied
from apps.notifications.models import Message
from apps.organizations.models import Organization
from apps.organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
S = Application.Status
D = Decimal


def _under_review(world, **kwargs):
    return f.advance(world, f.eligible_draft(world, **kwargs), S.EXPERT_REVIEW)


def _scores(value):
    return {c.code: D(value) for c in scoring.criteria()}


def test_a_panel_needs_the_minimum_number_of_experts(world):
    application = _under_review(world)
    region = world.user("regional_officer")
    panel = services_review.panel_create(region, application.topic)
    for expert in f.experts(4):
        services_review.panel_add_member(region, panel, expert)
    with pytest.raises(DomainError) as exc:
        services_review.panel_open(region, panel)
    assert exc.value.message == policies.panel_has_min_experts(panel).reason
    from apps.parameters.services import parameter_update

    parameter_update(region, "applications.panel_min_experts", value=6, reason="重大专项")
    larger = services_review.panel_create(region, f.TopicFactory(call=application.call, number=9))
    assert larger.min_experts == 6
    panel.refresh_from_db()
    assert panel.min_experts == 5  # a panel keeps the size it was formed with


def test_only_regional_officers_form_panels_and_only_experts_sit_on_them(world):
    application = _under_review(world)
    with pytest.raises(PermissionDenied):
        services_review.panel_create(world.user("prefecture_officer"), application.topic)
    panel = services_review.panel_create(world.user("regional_officer"), application.topic)
    with pytest.raises(DomainError) as exc:
        services_review.panel_add_member(world.user("regional_officer"), panel, world.user("unit_admin"))
    assert exc.value.code == "not_expert"
    with pytest.raises(DomainError):
        services_review.panel_create(world.user("regional_officer"), application.topic)


def test_opening_assigns_every_member_and_notifies_them(world):
    application = _under_review(world)
    panel = f.scoring_panel(world, [application])
    reviews = Review.objects.filter(panel=panel)
    assert reviews.count() == 5 and set(reviews.values_list("status", flat=True)) == {Review.Status.ASSIGNED}
    for review in reviews:
        assert Message.objects.filter(recipient=review.expert, is_task=True).exists()


def test_experts_affiliated_with_the_lead_or_a_partner_are_excluded_automatically(world):
    application = f.eligible_draft(world)
    institute = OrganizationFactory(kind=Organization.Kind.RESEARCH_INSTITUTE)
    f.partner(application, institute)
    application = f.advance(world, application, S.EXPERT_REVIEW)
    own = ExpertProfileFactory(affiliation=world.org).user
    partners = ExpertProfileFactory(affiliation=institute).user
    panel = f.scoring_panel(world, [application], extra_experts=[own, partners])
    excluded = Review.objects.filter(panel=panel, status=Review.Status.EXCLUDED)
    assert set(excluded.values_list("expert_id", flat=True)) == {own.pk, partners.pk}
    assert institute.name in excluded.get(expert=partners).conflict_reason
    assert not selectors.visible_to(own).filter(pk=application.pk).exists()
    assert not Message.objects.filter(recipient=own).exists()


def test_declared_conflicts_are_excluded_automatically(world):
    application = _under_review(world)
    expert = ExpertProfileFactory()
    ExpertConflict.objects.create(expert=expert, organization=world.org, reason="曾任顾问")
    panel = f.scoring_panel(world, [application], extra_experts=[expert.user])
    review = Review.objects.get(panel=panel, expert=expert.user)
    assert review.status == Review.Status.EXCLUDED and world.org.name in review.conflict_reason


def test_opening_is_refused_when_too_few_experts_are_free_of_conflicts(world):
    application = _under_review(world)
    region = world.user("regional_officer")
    panel = services_review.panel_create(region, application.topic)
    for expert in [*f.experts(4), ExpertProfileFactory(affiliation=world.org).user]:
        services_review.panel_add_member(region, panel, expert)
    with pytest.raises(DomainError) as exc:
        services_review.panel_open(region, panel)
    assert exc.value.message == policies.panel_experts_free_for_each(panel).reason


def test_an_expert_declares_a_conflict_and_loses_sight_of_the_application(world):
    application = _under_review(world)
    panel = f.scoring_panel(world, [application])
    review = Review.objects.filter(panel=panel).first()
    with pytest.raises(DomainError):
        services_review.review_declare_conflict(review.expert, review, reason="")
    services_review.review_declare_conflict(review.expert, review, reason="与牵头单位有合作")
    review.refresh_from_db()
    assert review.status == Review.Status.DECLARED_CONFLICT
    assert not selectors.visible_to(review.expert).filter(pk=application.pk).exists()
    assert Message.objects.filter(recipient=world.user("regional_officer"), body="与牵头单位有合作").exists()


def test_experts_see_only_their_own_assignments(world):
    application = _under_review(world)
    f.scoring_panel(world, [application])
    outsider = ExpertProfileFactory().user
    assert not selectors.visible_to(outsider).exists()
    review = Review.objects.first()
    with pytest.raises(PermissionDenied):
        services_review.review_submit(outsider, review, scores=_scores(80), comment="x")


def test_scoring_needs_every_criterion_from_0_to_100_and_an_opinion(world):
    application = _under_review(world)
    panel = f.scoring_panel(world, [application])
    review = Review.objects.filter(panel=panel).first()
    expert = review.expert
    for scores, comment in ((_scores(101), "x"), ({**_scores(80), "plan": None}, "x"), (_scores(80), " ")):
        with pytest.raises(DomainError):
            services_review.review_submit(expert, review, scores=scores, comment=comment)
    done = services_review.review_submit(expert, review, scores=_scores(80), comment="可行")
    assert done.status == Review.Status.SUBMITTED and done.total == D("80.00") and done.scores.count() == 5
    revised = services_review.review_submit(expert, done, scores=_scores(90), comment="修改")
    assert revised.total == D("90.00")


def test_experts_cannot_see_other_scores_until_the_panel_closes(world):
    application = _under_review(world)
    panel = f.scoring_panel(world, [application])
    first, second = Review.objects.filter(panel=panel)[:2]
    services_review.review_submit(first.expert, first, scores=_scores(70), comment="x")
    assert not selectors.panel_reviews(panel, viewer=second.expert).exists()
    f.score_all(panel)
    f.review_stage(panel)
    services_review.panel_close(world.user("regional_officer"), panel)
    panel.refresh_from_db()
    assert selectors.panel_reviews(panel, viewer=second.expert).count() == 5


def test_the_panel_closes_only_when_every_expert_has_scored(world):
    application = _under_review(world)
    panel = f.scoring_panel(world, [application])
    review = Review.objects.filter(panel=panel).first()
    services_review.review_submit(review.expert, review, scores=_scores(80), comment="x")
    f.review_stage(panel)
    with pytest.raises(DomainError) as exc:
        services_review.panel_close(world.user("regional_officer"), panel)
    assert exc.value.message == policies.every_assignment_scored(panel).reason


def test_closing_stores_the_trimmed_mean_and_the_rank(world):
    application = _under_review(world)
    panel = f.scoring_panel(world, [application])
    totals = dict(
        zip(
            Review.objects.filter(panel=panel).values_list("expert_id", flat=True),
            [D("95"), D("80"), D("75"), D("70"), D("20")],
            strict=True,
        )
    )
    f.score_all(panel, totals)
    f.review_stage(panel)
    with pytest.raises(PermissionDenied):
        services_review.panel_close(world.user("prefecture_officer"), panel)
    services_review.panel_close(world.user("regional_officer"), panel)
    application.refresh_from_db()
    assert application.review_score == D("75.00") and application.review_rank == 1 and not application.review_tied
    assert Message.objects.filter(recipient=world.user("unit_admin"), title__contains=application.project_name).exists()
    with pytest.raises(ConcurrentChange):  # closed meanwhile by someone else: the panel as seen was scoring
        services_review.panel_close(world.user("regional_officer"), panel)
    panel.refresh_from_db()
    with pytest.raises(InvalidTransition):  # a replay on the closed panel: the state does not allow it
        services_review.panel_close(world.user("regional_officer"), panel)


def test_equal_aggregates_are_flagged_as_ties(world):
    first = _under_review(world)
    other_admin = world.user("unit_admin_other")
    second = f.ApplicationFactory(topic=first.topic, call=first.call, lead_unit=world.org_other, created_by=other_admin)
    second.rd_investments.all().delete()
    f.complete(second)
    second = services.application_submit(other_admin, second)
    second = services.application_recommend(world.user("prefecture_officer_other"), second)
    services.application_formal_pass(world.user("regional_officer"), second)
    panel = f.scoring_panel(world, [first])
    assert Review.objects.filter(panel=panel, application=second).count() == 5
    f.score_all(panel)
    f.review_stage(panel)
    services_review.panel_close(world.user("regional_officer"), panel)
    ranked = list(selectors.ranking(first.topic))
    assert [(a.review_rank, a.review_tied) for a in ranked] == [(1, True), (1, True)]


def test_an_application_passing_the_formal_check_during_scoring_is_assigned_with_exclusions(world):
    first = _under_review(world)
    panel = f.scoring_panel(world, [first], extra_experts=[ExpertProfileFactory(affiliation=world.org_other).user])
    other_admin = world.user("unit_admin_other")
    late = f.ApplicationFactory(topic=first.topic, call=first.call, lead_unit=world.org_other, created_by=other_admin)
    late.rd_investments.all().delete()
    f.complete(late)
    late = services.application_submit(other_admin, late)
    late = services.application_recommend(world.user("prefecture_officer_other"), late)
    services.application_formal_pass(world.user("regional_officer"), late)
    statuses = list(Review.objects.filter(panel=panel, application=late).values_list("status", flat=True))
    assert statuses.count(Review.Status.ASSIGNED) == 5 and statuses.count(Review.Status.EXCLUDED) == 1


def test_no_formal_pass_once_the_topics_panel_has_closed(world):
    first = _under_review(world)
    panel = f.scoring_panel(world, [first])
    f.score_all(panel)
    other_admin = world.user("unit_admin_other")
    late = f.ApplicationFactory(topic=first.topic, call=first.call, lead_unit=world.org_other, created_by=other_admin)
    late.rd_investments.all().delete()
    f.complete(late)
    late = services.application_submit(other_admin, late)
    late = services.application_recommend(world.user("prefecture_officer_other"), late)
    f.review_stage(panel)
    services_review.panel_close(world.user("regional_officer"), panel)
    with pytest.raises(DomainError) as exc:
        services.application_formal_pass(world.user("regional_officer"), late)
    assert exc.value.code == "condition" and not isinstance(exc.value, PermissionDenied)


def test_withdrawal_during_review_ends_the_experts_tasks(world):
    application = _under_review(world)
    panel = f.scoring_panel(world, [application])
    services.application_withdraw(world.user("unit_admin"), application, reason="放弃")
    assert not Message.objects.filter(
        subject_key__startswith="applications.review:", is_task=True, done_at__isnull=True
    ).exists()
    review = Review.objects.filter(panel=panel).first()
    with pytest.raises(DomainError):
        services_review.review_submit(review.expert, review, scores=_scores(80), comment="x")
    assert panel.status == ReviewPanel.Status.SCORING


def test_scoring_opens_once(world):
    application = _under_review(world)
    panel = f.scoring_panel(world, [application])
    with pytest.raises(DomainError) as exc:
        services_review.panel_open(world.user("regional_officer"), panel)
    assert exc.value.code == "state"


# ---------------------------------------------------------------- issue 12 tour: the panel's rules are its rows'


def test_closing_waits_for_the_calls_review_stage(world):
    application = _under_review(world)
    panel = f.scoring_panel(world, [application])  # opening early is allowed: a late application is assigned
    f.score_all(panel)
    region = world.user("regional_officer")
    with pytest.raises(DomainError) as exc:
        services_review.panel_close(region, panel)
    assert exc.value.code == "condition" and exc.value.message == policies.call_in_review_stage(panel).reason
    panel.refresh_from_db()
    assert panel.status == ReviewPanel.Status.SCORING
    f.review_stage(panel)
    assert services_review.panel_close(region, panel).status == ReviewPanel.Status.CLOSED


def test_closing_needs_the_minimum_of_valid_scores_and_an_added_expert_is_assigned_the_short_application(world):
    application = _under_review(world)
    panel = f.scoring_panel(world, [application])
    f.score_all(panel)
    review = Review.objects.filter(panel=panel).first()
    services_review.review_declare_conflict(review.expert, review, reason="评分期间发现曾在该单位兼职")
    f.review_stage(panel)
    region = world.user("regional_officer")
    with pytest.raises(DomainError) as exc:
        services_review.panel_close(region, panel)
    assert exc.value.message == policies.enough_valid_reviews(panel).reason and "4" in exc.value.message
    newcomer = f.experts(1)[0]
    services_review.panel_add_member(region, panel, newcomer)  # while scoring
    added = Review.objects.get(panel=panel, expert=newcomer, application=application)
    assert added.status == Review.Status.ASSIGNED
    services_review.review_submit(newcomer, added, scores=_scores(85), comment="可行")
    assert services_review.panel_close(region, panel).status == ReviewPanel.Status.CLOSED


def test_an_expert_added_while_scoring_is_not_assigned_applications_with_enough_reviews(world):
    application = _under_review(world)
    panel = f.scoring_panel(world, [application])
    newcomer = f.experts(1)[0]
    services_review.panel_add_member(world.user("regional_officer"), panel, newcomer)
    assert not Review.objects.filter(panel=panel, expert=newcomer).exists()


def test_opening_without_an_application_under_review_is_refused_by_the_row(world):
    topic = f.topic_of(f.open_call())
    region = world.user("regional_officer")
    panel = services_review.panel_create(region, topic)
    for expert in f.experts(5):
        services_review.panel_add_member(region, panel, expert)
    with pytest.raises(DomainError) as exc:
        services_review.panel_open(region, panel)
    assert exc.value.message == policies.panel_has_applications(panel).reason


def test_submission_refused_by_the_checklist_condition_names_the_count(world):
    from apps.organizations.tests.factories import IntegrityRecordFactory

    application = f.eligible_draft(world)
    IntegrityRecordFactory(organization=world.org, until=None)
    with pytest.raises(DomainError) as exc:
        services.application_submit(world.user("unit_admin"), application)
    assert exc.value.code == "condition" and exc.value.message == policies.submission_checks_pass(application).reason
    assert "1" in exc.value.message and "。；" not in exc.value.message


def test_joined_messages_never_read_full_stop_semicolon():
    from apps.core.errors import join_messages

    assert join_messages(["第一项不符合。", "第二项不符合。"]) == "第一项不符合；第二项不符合。"
