"""The benchmark's data generator (bench/generate.py, issue 14) at a small size on SQLite: it builds every workflow
state, its rows satisfy the models' rules and the invariants the services rely on, and the same seed gives the
same rows."""

from collections import Counter
from decimal import Decimal

import pytest
from django.db import transaction

from apps.accounts.models import User
from apps.applications import content, scoring, services
from apps.applications.models import (
    Application,
    ApplicationEvent,
    ApplicationVersion,
    BudgetItem,
    Indicator,
    IndicatorTarget,
    Partnership,
    Review,
    ReviewPanel,
    Score,
    Selection,
)
from apps.calls.models import Call, Topic
from apps.centers import models as centers
from apps.centers import rules as center_rules
from apps.core import text
from apps.core.roles import Role
from apps.notifications.models import Message
from apps.organizations.models import Organization
from apps.reference.seed import PREFECTURES
from bench.generate import KPI_CENTER_NAME, generate

N = 40
S = Application.Status


@pytest.fixture
def generated(db):
    return generate(N, seed=7)


def test_every_state_is_built(generated):
    states = Counter(Application.objects.values_list("status", flat=True))
    assert set(states) == set(S.values), f"missing: {set(S.values) - set(states)}"
    assert sum(states.values()) == N
    assert generated["states"] == dict(sorted(states.items()))
    assert {p.status for p in ReviewPanel.objects.all()} == set(ReviewPanel.Status.values)
    assert {s.status for s in Selection.objects.all()} == set(Selection.Status.values)
    assert Application.objects.filter(reviews__isnull=False).distinct().count() >= N * 0.2
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)  # every role can be logged in as
    assert set(Organization.objects.values_list("prefecture__code", flat=True)) >= {c for c, *_ in PREFECTURES}
    assert Call.objects.count() == 8 and Topic.objects.count() == 33


def test_rows_satisfy_the_models_rules(generated):
    for model in (Organization, Application, Partnership, BudgetItem, Indicator, IndicatorTarget, Review, Score):
        for row in model.objects.all():
            row.full_clean()
    for model in (Application, Partnership, ApplicationEvent, ApplicationVersion, Message):  # already normalised
        for row in model.objects.all():
            for field in text.text_fields(model):
                value = getattr(row, field.attname)
                assert (
                    text.normalise(value, line_break="\n" if field.get_internal_type() == "TextField" else " ") == value
                )


def test_applications_are_what_the_services_would_have_left(generated):
    submitted = Application.objects.exclude(status__in=(S.DRAFT, S.WITHDRAWN)).select_related("topic", "lead_unit")
    for app in submitted:
        # what the checklist required at submission still holds
        assert services.submission_problems(app) == [], app.status
        # the last version is the content as it stands (content.snapshot), one version per submission
        versions = list(app.versions.order_by("number"))
        submissions = app.events.filter(action__in=("submit", "resubmit", "resubmit_formal")).count()
        assert len(versions) == submissions >= 1
        assert versions[-1].snapshot == content.snapshot(app)
        assert app.submitted_at == versions[0].submitted_at
    for app in Application.objects.all():
        events = list(app.events.order_by("created_at", "id"))
        assert events[0].action == "create"
        assert events[-1].status_to == app.status
        assert [e.created_at for e in events] == sorted(e.created_at for e in events)
    for app in Application.objects.filter(status=S.APPROVED):
        assert app.approved_funds == app.requested_total > 0
        assert app.term_starts_on and app.term_ends_on > app.term_starts_on
        assert app.selection.status == Selection.Status.DECIDED
    for app in Application.objects.filter(status=S.SELECTED).select_related("selection__notice"):
        assert app.selection.status == Selection.Status.IN_NOTICE
        assert app.status_label() == "Selected, under public notice" or "公示" in app.status_label()


def test_panels_rank_as_the_services_do(generated):
    for panel in ReviewPanel.objects.filter(status=ReviewPanel.Status.CLOSED):
        apps = Application.objects.filter(reviews__panel=panel).distinct()
        for app in apps:
            totals = []
            for review in app.reviews.filter(status=Review.Status.SUBMITTED):
                scores = {s.criterion: s.score for s in review.scores.all()}
                assert review.total == scoring.weighted_total(scores)
                totals.append(review.total)
            assert not app.reviews.filter(status=Review.Status.ASSIGNED).exists()
            assert len(totals) >= panel.min_experts
            assert app.review_score == scoring.aggregate(totals, trim_from=panel.trim_from)
        ranked = scoring.rank([(a.pk, a.review_score) for a in apps])
        assert {r.key: r.rank for r in ranked} == {a.pk: a.review_rank for a in apps}
    for app in Application.objects.filter(status__in=(S.SELECTED, S.APPROVED)):
        assert app.review_rank is not None
    committed = {}
    for app in Application.objects.filter(status__in=(S.SELECTED, S.APPROVED)):
        committed[app.topic] = committed.get(app.topic, Decimal("0")) + app.requested_total
    for topic, total in committed.items():
        assert total <= topic.funding_cap


def test_centers_hold_what_a_center_in_force_holds(generated):
    """About 5 % of the applications become centers (at most the approved ones), each with its contract, KPIs,
    budget, tranches summing to the funding total, a ledger within its budget, office and council."""
    approved = Application.objects.filter(status=S.APPROVED).count()
    planned = centers.Center.objects.exclude(name=KPI_CENTER_NAME)  # the KPI table's center is built apart
    assert generated["centers"] == planned.count() == min(approved, max(1, round(N * 0.05))) >= 1
    assert generated["centers_approved"] == approved
    for center in planned.select_related("application", "contract"):
        assert center.application.status == S.APPROVED
        assert center.name.startswith(center_rules.NAME_PREFIX) and center.name != center_rules.NAME_PREFIX
        assert center.prefecture_id == center.application.lead_unit.prefecture_id
        assert center.partners.count() == center.application.partnerships.count()
        version = center.contract.versions.get(number=1)
        assert version.funding_total == center.application.approved_funds
        assert sum(t.amount for t in version.tranches.all()) == version.funding_total
        assert version.indicators.exists() and version.budget_lines.exists()
        if center.status == centers.Center.Status.CONTRACTING:
            assert center.contract.current_version_id is None and not center.ledger.exists()
            continue
        assert center.contract.current_version_id == version.pk
        assert version.status == centers.ContractVersion.Status.IN_FORCE
        ledger = list(center.ledger.all())
        tranches = {t.number: t.amount for t in version.tranches.all()}
        for number, amount in tranches.items():
            assert sum(e.amount for e in ledger if e.tranche_number == number) <= amount
        for line in version.budget_lines.all():
            assert sum(e.amount for e in ledger if e.category == line.category) <= line.amount
        for entry in ledger:
            assert version.term_starts_on <= entry.occurred_on <= version.term_ends_on
            assert entry.year == entry.occurred_on.year
        assert center.office.head_name and center.council_members.exists()
    home = centers.Center.objects.get(pk=generated["center_with_ledger"])
    assert home.ledger.count() == generated["center_ledger_entries"] > 0
    kinds = (
        centers.Center,
        centers.CenterPartner,
        centers.CenterEvent,
        centers.Contract,
        centers.ContractVersion,
        centers.ContractIndicator,
        centers.ContractTarget,
        centers.ContractBudgetLine,
        centers.Tranche,
        centers.LedgerEntry,
        centers.Office,
        centers.OfficeStaff,
        centers.CouncilMember,
        centers.CouncilMeeting,
        centers.CouncilDecision,
    )
    for model in kinds:
        for row in model.objects.all():
            row.full_clean()


def _fingerprint() -> dict:
    key = ("lead_unit__credit_code", "call__title", "topic__number")
    return {
        "organizations": list(Organization.objects.order_by("credit_code").values_list("credit_code", "name")),
        "applications": list(
            Application.objects.order_by(*key).values_list(
                *key, "status", "project_name", "review_score", "review_rank", "created_at", "submitted_at"
            )
        ),
        "partners": list(
            Partnership.objects.order_by(
                "application__lead_unit__credit_code", "application__call__title", "id"
            ).values_list("application__lead_unit__credit_code", "organization__credit_code", "role")
        ),
        "events": sorted(
            ApplicationEvent.objects.values_list(
                "application__lead_unit__credit_code", "application__call__title", "action", "created_at", "opinion"
            )
        ),
        "versions": sorted(
            (v.application.lead_unit.credit_code, v.application.call.title, v.number, str(v.snapshot))
            for v in ApplicationVersion.objects.select_related("application__lead_unit", "application__call")
        ),
        "scores": sorted(
            Score.objects.values_list(
                "review__application__lead_unit__credit_code",
                "review__application__call__title",
                "review__expert__username",
                "criterion",
                "score",
            )
        ),
        "centers": list(
            centers.Center.objects.order_by("name").values_list(
                "name",
                "status",
                "application__lead_unit__credit_code",
                "contract__current_version__signed_on",
                "created_at",
            )
        ),
        "ledger": sorted(
            centers.LedgerEntry.objects.values_list("center__name", "kind", "amount", "occurred_on", "category")
        ),
        "targets": sorted(
            IndicatorTarget.objects.values_list(
                "indicator__application__lead_unit__credit_code",
                "indicator__application__call__title",
                "indicator__name",
                "year",
                "value",
            )
        ),
    }


def _generate_and_roll_back(seed: int) -> tuple[dict, dict]:
    with transaction.atomic():
        result = generate(N, seed=seed)
        fingerprint = _fingerprint()
        transaction.set_rollback(True)
    return result, fingerprint


def test_the_same_seed_gives_the_same_rows(db):
    first, rows = _generate_and_roll_back(2026)
    second, again = _generate_and_roll_back(2026)
    for kind in rows:
        assert rows[kind] == again[kind], kind
    assert first["rows"] == second["rows"] and first["states"] == second["states"]
    _other, different = _generate_and_roll_back(2027)
    assert different["applications"] != rows["applications"]
