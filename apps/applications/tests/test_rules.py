"""The numbers the bureau tunes (applications.rules): review panel size, the trimmed mean's threshold and the share
that makes R&D investment stable. Each is read when the rule applies, so the change counts from then on; a review
panel copies its size and its threshold when it is formed and keeps them."""

from decimal import Decimal

import pytest

from apps.applications import checklist, policies, rules, services_review
from apps.applications.models import Application, Review
from apps.applications.tests import factories as f
from apps.core.errors import DomainError
from apps.parameters.services import parameter_update

pytestmark = pytest.mark.django_db
D = Decimal


def _set(world, key, value):
    parameter_update(world.user("regional_officer"), key, value=value, reason="局务会决定")


def _under_review(world):
    return f.advance(world, f.eligible_draft(world), Application.Status.EXPERT_REVIEW)


def test_a_panel_formed_after_the_change_needs_the_new_number_of_experts(world):
    application = _under_review(world)
    region = world.user("regional_officer")
    _set(world, "applications.panel_min_experts", 6)
    panel = services_review.panel_create(region, application.topic)
    assert panel.min_experts == 6
    for expert in f.experts(5):
        services_review.panel_add_member(region, panel, expert)
    with pytest.raises(DomainError) as exc:
        services_review.panel_open(region, panel)
    assert exc.value.message == policies.panel_has_min_experts(panel).reason
    services_review.panel_add_member(region, panel, f.experts(1)[0])
    assert services_review.panel_open(region, panel).status == panel.Status.SCORING


def test_the_panel_size_cannot_go_below_five(world):
    with pytest.raises(DomainError) as exc:
        _set(world, "applications.panel_min_experts", 4)
    assert "5 至 15" in exc.value.message
    assert rules.PANEL_MIN_EXPERTS.value() == 5


FIVE_SCORES = [D("95"), D("80"), D("75"), D("70"), D("20")]  # trimmed: (80 + 75 + 70) / 3 = 75; plain mean 68


def _score(panel):
    experts = Review.objects.filter(panel=panel).values_list("expert_id", flat=True)
    f.score_all(panel, dict(zip(experts, FIVE_SCORES, strict=True)))


def _close(world, panel, application):
    f.review_stage(panel)
    services_review.panel_close(world.user("regional_officer"), panel)
    application.refresh_from_db()
    return application.review_score


def test_a_change_of_the_trim_threshold_after_formation_does_not_affect_the_panel(world):
    application = _under_review(world)
    panel = f.scoring_panel(world, [application])
    assert panel.trim_from == 5
    _score(panel)  # the scores are in …
    _set(world, "applications.trim_from", 6)  # … when the bureau raises the threshold: five would not be trimmed
    assert _close(world, panel, application) == D("75.00")  # the panel keeps the threshold it was formed with
    panel.refresh_from_db()
    assert panel.trim_from == 5


def test_a_panel_formed_after_the_trim_threshold_changes_uses_the_new_one(world):
    application = _under_review(world)
    _set(world, "applications.trim_from", 6)
    panel = f.scoring_panel(world, [application])
    assert panel.trim_from == 6
    _score(panel)
    _set(world, "applications.trim_from", 5)
    assert _close(world, panel, application) == D("68.00")  # five scores, fewer than six: the plain mean


def test_the_panel_page_shows_the_numbers_the_panel_was_formed_with(world, client_for):
    from django.urls import reverse

    _set(world, "applications.trim_from", 6)
    panel = f.scoring_panel(world, [_under_review(world)])
    _set(world, "applications.trim_from", 5)
    page = client_for("regional_officer").get(reverse("applications:panel", args=[panel.pk])).content.decode()
    assert "至少 5 名专家" in page and "满 6 份评分去掉最高分和最低分" in page


def test_the_stability_share_is_the_bureaus_parameter(world):
    application = f.eligible_draft(world)
    assert checklist.facts_for(application).stability_ratio == D("0.70")
    _set(world, "applications.rd_stability_percent", 80)
    assert rules.rd_stability_ratio() == D("0.80")
    assert checklist.facts_for(application).stability_ratio == D("0.80")
