"""Conflict of interest in the expert review (the rule: apps.accounts.conflicts): checked when reviews are assigned,
when the expert opens a review and when the expert scores; a conflict declared after assignment voids the open
review with the declaration as its reason. The case found: an expert assigned to an application of 内蒙古大学
declared a conflict with 内蒙古大学 and could still submit a score."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.accounts import services as accounts
from apps.accounts.models import ExpertConflict, ExpertEmployment
from apps.accounts.tests.factories import ExpertProfileFactory
from apps.applications import conflicts, scoring, selectors, services_review
from apps.applications.models import Application, Review
from apps.applications.tests import factories as f
from apps.applications.workflow import REVIEW
from apps.audit.models import AuditEntry
from apps.core.errors import DomainError
from apps.notifications.models import Message
from apps.organizations.models import Organization
from apps.organizations.tests.factories import OrganizationFactory
from apps.reference.models import Industry
from tests.world import login

pytestmark = pytest.mark.django_db
S = Application.Status
R = Review.Status
SCORES = {c.code: Decimal("80") for c in scoring.criteria()}


@pytest.fixture
def university(world):
    """The world's lead unit, renamed as in the case found."""
    Organization.objects.filter(pk=world.org.pk).update(name="内蒙古大学")
    world.org.refresh_from_db()
    return world.org


def _under_review(world):
    return f.advance(world, f.eligible_draft(world), S.EXPERT_REVIEW)


def _assigned(world):
    application = _under_review(world)
    panel = f.scoring_panel(world, [application])
    return application, panel, Review.objects.filter(panel=panel, status=R.ASSIGNED).first()


# ---------------------------------------------------------------- at assignment


def test_an_expert_who_left_the_lead_unit_within_three_years_is_excluded_at_assignment(world, university, clock):
    clock.set(datetime.date(2026, 11, 30))
    application = _under_review(world)
    left = ExpertProfileFactory()
    ExpertEmployment.objects.create(expert=left, organization=university, until=datetime.date(2024, 12, 31))
    long_ago = ExpertProfileFactory()
    ExpertEmployment.objects.create(expert=long_ago, organization=university, until=datetime.date(2023, 11, 29))
    panel = f.scoring_panel(world, [application], extra_experts=[left.user, long_ago.user])
    excluded = Review.objects.get(panel=panel, expert=left.user)
    assert excluded.status == R.EXCLUDED and "2024-12-31" in excluded.conflict_reason
    assert Review.objects.get(panel=panel, expert=long_ago.user).status == R.ASSIGNED


def test_a_partner_declared_by_name_excludes_the_expert_at_assignment(world):
    application = f.eligible_draft(world)
    f.partner(application, OrganizationFactory(name="包头稀土研究院", kind=Organization.Kind.RESEARCH_INSTITUTE))
    application = f.advance(world, application, S.EXPERT_REVIEW)
    profile = ExpertProfileFactory()
    ExpertConflict.objects.create(expert=profile, organization_name="包头 稀土研究院", reason="曾任顾问")
    panel = f.scoring_panel(world, [application], extra_experts=[profile.user])
    review = Review.objects.get(panel=panel, expert=profile.user)
    assert review.status == R.EXCLUDED and "曾任顾问" in review.conflict_reason and "合作单位" in review.conflict_reason


# ---------------------------------------------------------------- declared after assignment (the case found)


def test_a_conflict_declared_after_assignment_refuses_the_score(world, university):
    _application, _panel, review = _assigned(world)
    accounts.declare_conflict(review.expert, university, "近亲属在该校任职")
    with pytest.raises(DomainError) as exc:
        services_review.review_submit(review.expert, review, scores=SCORES, comment="同意")
    assert exc.value.code == "conflict_of_interest"
    assert "内蒙古大学" in exc.value.message and "近亲属在该校任职" in exc.value.message
    assert not review.scores.exists()


def test_the_open_review_is_voided_at_once_with_the_declaration_as_its_reason(world, university):
    _application, panel, review = _assigned(world)
    services_review.review_submit(review.expert, review, scores=SCORES, comment="同意")  # scored, still revisable
    accounts.declare_conflict(review.expert, university, "近亲属在该校任职")
    review.refresh_from_db()
    assert review.status == R.EXCLUDED and "近亲属在该校任职" in review.conflict_reason  # 已回避（利益冲突）
    assert review.total is None and not review.scores.exists()
    assert AuditEntry.objects.filter(action="review.exclude", object_id=str(review.pk)).exists()
    assert Message.objects.filter(recipient=world.user("regional_officer"), body__contains="近亲属在该校任职").exists()
    others = Review.objects.filter(panel=panel).exclude(pk=review.pk)
    assert set(others.values_list("status", flat=True)) == {R.ASSIGNED}


def test_a_new_affiliation_voids_the_open_review(world, university):
    _application, _panel, review = _assigned(world)
    accounts.update_expert_profile(
        review.expert,
        title="教授",
        fields="稀土",
        industries=[Industry.objects.first()],
        affiliation=university,
        affiliation_name="",
    )
    review.refresh_from_db()
    assert review.status == R.EXCLUDED and "内蒙古大学" in review.conflict_reason
    entry = AuditEntry.objects.get(object_id=str(review.pk), action__startswith="review.")
    assert entry.action == "review.exclude" and entry.actor is None  # not the expert's declaration
    officer = Message.objects.get(recipient=world.user("regional_officer"), body__contains="内蒙古大学")
    assert "声明利益冲突" not in officer.title and "已回避" in officer.title


def test_saving_the_profile_says_how_many_assignments_were_withdrawn(world, client, university):
    _application, _panel, review = _assigned(world)
    profile = review.expert.expert_profile
    login(client, review.expert)
    data = {
        "form": "profile",
        "title": "教授",
        "fields": "稀土",
        "industries": [Industry.objects.first().pk],
        "affiliation": university.pk,
        "affiliation_name": "",
    }
    page = client.post(reverse("accounts:expert_profile"), data, follow=True).content.decode()
    assert "已撤回 1 项存在利益冲突的评审任务，已通知自治区局" in page
    page = client.post(reverse("accounts:expert_profile"), data, follow=True).content.decode()
    assert "信息已保存。" in page and "已撤回" not in page
    profile.refresh_from_db()
    assert profile.affiliation == university


def test_posting_scores_to_an_excluded_review_names_the_conflict_not_a_404(world, client, university):
    _application, _panel, review = _assigned(world)
    accounts.declare_conflict(review.expert, university, "近亲属在该校任职")
    login(client, review.expert)
    url = reverse("applications:review", args=[review.pk])
    data = {"comment": "同意", **{f"score_{c.code}": "80" for c in scoring.criteria()}}
    response = client.post(url, data)
    assert response.status_code == 302 and response.url == reverse("applications:reviews")
    page = client.get(response.url).content.decode()
    assert "您不能评审此申报书" in page and "近亲属在该校任职" in page
    conflict = client.post(reverse("applications:review_conflict", args=[review.pk]), {"reason": "x"})
    assert conflict.status_code == 302 and conflict.url == reverse("applications:reviews")
    assert client.get(url).status_code == 404  # the application's content stays invisible
    review.refresh_from_db()
    assert review.status == R.EXCLUDED and not review.scores.exists()


def test_a_conflict_found_by_the_score_post_itself_redirects_with_the_reason(world, client, university):
    _application, _panel, review = _assigned(world)
    ExpertConflict.objects.create(expert=review.expert.expert_profile, organization=university, reason="早已声明")
    login(client, review.expert)
    data = {"comment": "同意", **{f"score_{c.code}": "80" for c in scoring.criteria()}}
    response = client.post(reverse("applications:review", args=[review.pk]), data, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("applications:reviews")
    assert "早已声明" in page


def test_opening_the_review_after_a_later_declaration_is_refused_and_the_list_says_why(world, client, university):
    application, _panel, review = _assigned(world)
    accounts.declare_conflict(review.expert, university, "近亲属在该校任职")
    login(client, review.expert)
    assert client.get(reverse("applications:review", args=[review.pk])).status_code == 404
    assert client.get(reverse("applications:detail", args=[application.pk])).status_code == 404
    listing = client.get(reverse("applications:reviews")).content.decode()
    assert "近亲属在该校任职" in listing


def test_a_conflict_recorded_outside_the_services_is_caught_when_the_expert_opens_and_scores(world, university):
    _application, _panel, review = _assigned(world)
    ExpertConflict.objects.create(expert=review.expert.expert_profile, organization=university, reason="早已声明")
    opening = REVIEW.check(review.expert, review, "submit")  # the scoring form is not offered
    assert not opening and "早已声明" in opening.reason
    assert not conflicts.free_of_conflicts(review)
    with pytest.raises(DomainError) as exc:
        services_review.review_submit(review.expert, review, scores=SCORES, comment="同意")
    assert "早已声明" in exc.value.message
    review.refresh_from_db()
    assert review.status == R.EXCLUDED and "早已声明" in review.conflict_reason  # kept: the bureau sees it
    assert Message.objects.filter(recipient=world.user("regional_officer"), body__contains="早已声明").exists()


def test_a_declaration_about_another_organization_changes_nothing(world):
    _application, _panel, review = _assigned(world)
    accounts.declare_conflict(review.expert, world.org_other, "持股")
    review.refresh_from_db()
    assert review.status == R.ASSIGNED
    services_review.review_submit(review.expert, review, scores=SCORES, comment="同意")


# ---------------------------------------------------------------- who sees what


def test_experts_still_see_only_their_own_reviews(world, client, university):
    _application, panel, review = _assigned(world)
    other = Review.objects.filter(panel=panel, status=R.ASSIGNED).exclude(pk=review.pk).first()
    accounts.declare_conflict(review.expert, university, "近亲属在该校任职")
    assert list(selectors.reviews_for_expert(review.expert)) == [review]
    assert not selectors.review_visible_to(review.expert).filter(pk=other.pk).exists()
    login(client, other.expert)
    assert client.get(reverse("applications:review", args=[other.pk])).status_code == 200
    assert client.get(reverse("applications:review", args=[review.pk])).status_code == 404
