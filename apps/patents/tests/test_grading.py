"""Grading (`grading.py`, Art. 13(3)): the facts from the records as of a date, the documented and deterministic
scoring, the grade and handling suggested, a lapsed / rejected / withdrawn record refused, the confirmation and the
override (without a reason refused by the service and by the database), the bulk confirmation (all or nothing),
the grading model's validation, and the annual re-grading job (once per center and year)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from apps.audit.labels import action_label
from apps.audit.models import AuditEntry
from apps.centers.models import Center, ReminderSent
from apps.centers.tests.factories import center_for
from apps.core.errors import DomainError, PermissionDenied
from apps.notifications.models import Message
from apps.patents import grading
from apps.patents.models import (
    Award,
    Exploitation,
    FamilyMember,
    GradingModel,
    LegalStatusChange,
    Patent,
    PatentGrade,
    Standard,
)
from apps.patents.tests import factories

pytestmark = pytest.mark.django_db

TODAY = date(2026, 5, 4)
S = Patent.LegalStatus


@pytest.fixture(autouse=True)
def _today(clock):
    clock.set(TODAY)


@pytest.fixture
def center(world):
    return center_for(world, status=Center.Status.UNDER_CONSTRUCTION)


@pytest.fixture
def admin(world):
    return world.user("unit_admin")


def granted(center, **fields):
    """A granted invention filed 2016-05-04 (10 of its 20 years left on TODAY), 10 claims, cited 2 times."""
    values = {
        "filing_date": date(2016, 5, 4),
        "grant_date": date(2019, 1, 1),
        "legal_status": S.GRANTED,
        "legal_status_on": date(2019, 1, 1),
        "claims_count": 10,
        "cited_by_count": 2,
    }
    values.update(fields)
    return factories.patent(center, **values)


def event(patent, kind, user, on=date(2023, 1, 1), amount="100000"):
    return Exploitation.objects.create(
        patent=patent, kind=kind, counterparty="某公司", amount=Decimal(amount), starts_on=on, recorded_by=user
    )


# ---------------------------------------------------------------- facts


def test_facts_from_the_records_as_of_a_date(center, admin):
    patent = granted(center, is_pct=True)
    FamilyMember.objects.create(patent=patent, number="CN1000A", country="CN", overseas=False)
    FamilyMember.objects.create(patent=patent, number="US2000B2", country="US", overseas=True)
    event(patent, "license", admin, on=date(2022, 1, 1))
    event(patent, "license", admin, on=date(2026, 1, 1))
    event(patent, "assignment", admin, on=date(2024, 1, 1))
    event(patent, "pledge", admin, on=date(2024, 6, 1), amount="3000000.50")
    event(patent, "self_use", admin, on=date(2021, 1, 1))
    standard = Standard.objects.create(
        center=center, number="T/NMG 001-2024", name="稀土抛光粉", level="group", role="lead",
        published_on=date(2024, 3, 1), recorded_by=admin,
    )  # fmt: skip
    standard.patents.add(patent)
    withdrawn = Standard.objects.create(
        center=center, number="T/NMG 002-2020", name="旧标准", level="group", role="lead", status="withdrawn",
        published_on=date(2020, 3, 1), recorded_by=admin,
    )  # fmt: skip
    withdrawn.patents.add(patent)
    Award.objects.create(patent=patent, kind="china_patent", name="中国专利优秀奖", awarded_on=date(2025, 7, 1))
    f = grading.facts(patent, TODAY)
    assert f == {
        "as_of": "2026-05-04",
        "patent_type": "invention",
        "legal_status": "granted",
        "term_years": 20,
        "term_ends_on": "2036-05-04",
        "remaining_days": (date(2036, 5, 4) - TODAY).days,
        "term_days": (date(2036, 5, 4) - date(2016, 5, 4)).days,
        "remaining_years": 10.0,
        "claims": 10,
        "citations": 2,
        "family_size": 2,
        "overseas": 1,
        "pct": True,
        "licences": 2,
        "assignments": 1,
        "pledges": 1,
        "pledge_amount": "3000000.50",
        "self_use": 1,
        "standards": 1,
        "awards": 1,
        "high_value_awards": 1,
    }
    before = grading.facts(patent, date(2023, 6, 1))
    assert (before["licences"], before["assignments"], before["pledges"], before["standards"], before["awards"]) == (
        1, 0, 0, 0, 0,
    )  # fmt: skip
    assert before["pledge_amount"] == "0.00"


@pytest.mark.parametrize(
    ("patent_type", "filed", "years"),
    [
        ("invention", date(2016, 5, 4), 20),
        ("utility_model", date(2016, 5, 4), 10),
        ("design", date(2021, 5, 31), 10),  # before the 2020 amendment took effect
        ("design", date(2021, 6, 1), 15),  # Patent Law Art. 42 as amended 2020
    ],
)
def test_the_term_by_type_and_filing_date(patent_type, filed, years):
    assert grading.term_years(patent_type, filed) == years


def test_the_term_of_a_patent_filed_on_29_february_ends_on_28_february(center):
    """A term of whole years from 29 February ends on 28 February of a year without one (`core.dates.add_years`)."""
    patent = granted(center, patent_type=Patent.Type.UTILITY_MODEL, filing_date=date(2016, 2, 29))
    f = grading.facts(patent, TODAY)
    assert (f["term_years"], f["term_ends_on"]) == (10, "2026-02-28")
    assert f["term_days"] == (date(2026, 2, 28) - date(2016, 2, 29)).days and f["remaining_days"] == 0


# ---------------------------------------------------------------- scoring


def test_scoring_is_the_documented_table(center, admin):
    """The docstring's table by hand: granted invention, 10 of 20 years left (15.00), 10 claims (20), cited twice."""
    patent = granted(center)
    s = grading.suggest(patent, None, TODAY)
    assert s.legal == Decimal("40") + Decimal("15.00") + Decimal("20") + Decimal("10")
    assert s.technical == Decimal("30") + Decimal("10")  # granted invention + 2 citations × 5
    assert s.economic == Decimal("0")
    # 85 × 30% + 40 × 40% + 0 × 30% = 25.5 + 16 = 41.5 → C (below 50), consider abandoning
    assert s.total == Decimal("41.50")
    assert (s.grade, s.handling) == ("C", "consider_abandoning")
    # A licence (20) and one overseas member (5 + 15): economic 40 → total 53.50 → B; it has a licence: maintain
    event(patent, "license", admin)
    FamilyMember.objects.create(patent=patent, number="US1B2", country="US", overseas=True)
    s = grading.suggest(patent, None, TODAY)
    assert (s.economic, s.total, s.grade, s.handling) == (Decimal("40"), Decimal("53.50"), "B", "maintain")
    # Standards, citations, awards, a pledge and use: A; with an overseas member already, maintain.
    for number in ("GB/T 1-2024", "GB/T 2-2024"):
        Standard.objects.create(
            center=center, number=number, name="标准", level="national", role="lead", published_on=date(2024, 1, 1),
            recorded_by=admin,
        ).patents.add(patent)  # fmt: skip
    Patent.objects.filter(pk=patent.pk).update(cited_by_count=9)
    Award.objects.create(patent=patent, kind="other", name="自治区专利奖", awarded_on=date(2024, 1, 1))
    event(patent, "assignment", admin)
    event(patent, "pledge", admin)
    event(patent, "self_use", admin)
    s = grading.suggest(patent, None, TODAY)
    # economic: 2 licences/assignments 40 + pledge 15 + self-use 15 + one member 5 + overseas 15 = 90
    assert (s.legal, s.technical, s.economic) == (Decimal("85"), Decimal("100"), Decimal("90"))
    assert s.total == Decimal("92.50") and (s.grade, s.handling) == ("A", "maintain")


def test_a_grade_a_without_overseas_member_is_to_be_filed_abroad(center, admin):
    GradingModel.objects.create(
        center=center, legal_weight=100, technical_weight=0, economic_weight=0, threshold_a=80, threshold_b=50
    )
    s = grading.suggest(granted(center), None, TODAY)
    assert (s.total, s.grade, s.handling) == (Decimal("85.00"), "A", "file_abroad")
    b = grading.suggest(granted(center, claims_count=0), None, TODAY)  # 65
    assert (b.grade, b.handling) == ("B", "commercialise")


def test_scoring_is_deterministic_and_bounded(center, admin):
    patent = granted(center, claims_count=500, cited_by_count=900)
    for i in range(10):
        FamilyMember.objects.create(patent=patent, number=f"EP{i}", country="EP", overseas=True)
        event(patent, "license", admin)
    first = grading.suggest(patent, None, TODAY)
    assert all(Decimal(0) <= v <= Decimal(100) for v in (first.legal, first.technical, first.economic, first.total))
    assert grading.suggest(patent, None, TODAY) == first


def test_pending_utility_model_and_design_are_scored(center):
    pending = factories.patent(center, filing_date=date(2025, 5, 4), legal_status=S.PUBLISHED, claims_count=3)
    s = grading.suggest(pending, None, TODAY)
    assert s.legal == Decimal("20") + Decimal("28.50") + Decimal("6") + Decimal("10")
    assert s.technical == Decimal("15")
    design = factories.patent(
        center, patent_type="design", filing_date=date(2021, 6, 1), grant_date=date(2021, 12, 1),
        legal_status=S.GRANTED,
    )  # fmt: skip
    assert grading.suggest(design, None, TODAY).facts["term_years"] == 15


@pytest.mark.parametrize("status", [S.LAPSED, S.REJECTED, S.WITHDRAWN, S.INVALIDATED, S.EXPIRED])
def test_a_record_no_longer_in_force_is_not_graded(center, admin, status):
    patent = granted(center, legal_status=status, legal_status_on=date(2024, 1, 1))
    with pytest.raises(DomainError) as refused:
        grading.suggest(patent, None, TODAY)
    assert "不予分级" in refused.value.message or "not graded" in refused.value.message
    with pytest.raises(DomainError):
        grading.grade_confirm(admin, patent, grade="C", handling="consider_abandoning", reason="失效")
    assert not PatentGrade.objects.exists()
    # Before it lapsed it was gradable (a past date).
    assert grading.suggest(patent, None, date(2023, 12, 31)).grade in "ABC"


def test_status_from_the_history_on_the_grading_date(center):
    patent = granted(center, legal_status=S.LAPSED, legal_status_on=date(2025, 1, 1))
    LegalStatusChange.objects.create(patent=patent, status="granted", on=date(2019, 1, 1))
    LegalStatusChange.objects.create(patent=patent, status="lapsed", on=date(2025, 1, 1))
    assert grading.facts(patent, date(2024, 12, 31))["legal_status"] == "granted"
    assert grading.facts(patent, date(2025, 1, 1))["legal_status"] == "lapsed"


# ---------------------------------------------------------------- confirm and override


def test_confirm_the_suggestion(center, admin):
    patent = granted(center)
    row = grading.grade_confirm(admin, patent, grade="C", handling="consider_abandoning")
    patent.refresh_from_db()
    assert patent.grade == "C" and row.suggested == "C" and row.override_reason == ""
    assert row.graded_on == TODAY and row.graded_by == admin and row.total == Decimal("41.50")
    assert row.facts["claims"] == 10
    entry = AuditEntry.objects.get(action="patent_grade.confirm")
    assert entry.object_id == str(row.pk) and entry.after["grade_in_force"] == "C"
    assert action_label("patent_grade.confirm") != "patent_grade.confirm"


def test_an_override_needs_a_reason(center, admin):
    patent = granted(center)
    with pytest.raises(DomainError) as refused:
        grading.grade_confirm(admin, patent, grade="A", handling="maintain", reason="   ")
    assert "理由" in refused.value.message
    assert not PatentGrade.objects.exists()
    patent.refresh_from_db()
    assert patent.grade == ""
    row = grading.grade_confirm(admin, patent, grade="a", handling="file_abroad", reason="核心产品的基础专利。")
    patent.refresh_from_db()
    assert (row.suggested, row.grade, row.override_reason, patent.grade) == ("C", "A", "核心产品的基础专利。", "A")


def test_the_database_refuses_an_override_without_a_reason(center, admin):
    patent = granted(center)
    with pytest.raises(IntegrityError), transaction.atomic():
        PatentGrade.objects.create(
            patent=patent, legal_score=1, technical_score=1, economic_score=1, total=1, suggested="C", grade="A",
            handling="maintain", graded_by=admin, graded_on=TODAY,
        )  # fmt: skip


def test_bad_input_is_refused_and_nothing_changes(center, admin, world):
    patent = granted(center)
    for kwargs in (
        {"grade": "D", "handling": "maintain"},
        {"grade": "", "handling": "maintain"},
        {"grade": "C", "handling": "sell"},
        {"grade": "C", "handling": "consider_abandoning", "as_of": TODAY + timedelta(days=1)},
        {"grade": "C", "handling": "consider_abandoning", "as_of": "2026-01-01"},
        {"grade": "A", "handling": "maintain", "reason": "长" * 5000},
    ):
        with pytest.raises(DomainError):
            grading.grade_confirm(admin, patent, **kwargs)
    assert not PatentGrade.objects.exists()
    assert not AuditEntry.objects.filter(action="patent_grade.confirm").exists()


@pytest.mark.parametrize(
    "actor", ["unit_admin_other", "prefecture_officer", "regional_officer", "expert", "system_admin"]
)
def test_only_the_lead_unit_grades(center, world, actor):
    patent = granted(center)
    with pytest.raises(PermissionDenied):
        grading.grade_confirm(world.user(actor), patent, grade="C", handling="consider_abandoning")
    with pytest.raises(PermissionDenied):
        grading.grade_bulk_confirm(world.user(actor), center, [patent.pk])


def test_a_member_grades_but_not_once_the_center_has_ended(center, world):
    patent = granted(center)
    grading.grade_confirm(world.user("unit_member"), patent, grade="C", handling="consider_abandoning")
    Center.objects.filter(pk=center.pk).update(status=Center.Status.TERMINATED)
    center.refresh_from_db()
    patent = Patent.objects.select_related("center").get(pk=patent.pk)
    with pytest.raises(PermissionDenied):
        grading.grade_confirm(world.user("unit_admin"), patent, grade="C", handling="consider_abandoning")


def test_the_grade_in_force_is_the_latest_grading(center, admin):
    patent = granted(center)
    grading.grade_confirm(admin, patent, grade="B", handling="commercialise", reason="拟许可", as_of=date(2025, 1, 1))
    grading.grade_confirm(admin, patent, grade="C", handling="consider_abandoning")
    grading.grade_confirm(admin, patent, grade="A", handling="maintain", reason="补录", as_of=date(2024, 1, 1))
    patent.refresh_from_db()
    assert patent.grade == "C"
    assert list(patent.gradings.values_list("grade", flat=True)) == ["C", "B", "A"]


# ---------------------------------------------------------------- bulk


def test_bulk_confirm_the_suggestions(center, admin):
    plain = granted(center)
    used = granted(center)
    event(used, "license", admin)
    FamilyMember.objects.create(patent=used, number="US9B2", country="US", overseas=True)
    rows = grading.grade_bulk_confirm(admin, center, [str(plain.pk), used.pk, plain.pk])
    assert {(r.patent_id, r.grade, r.handling) for r in rows} == {
        (plain.pk, "C", "consider_abandoning"),
        (used.pk, "B", "maintain"),
    }
    assert AuditEntry.objects.filter(action="patent_grade.confirm").count() == 2
    assert dict(Patent.objects.values_list("pk", "grade")) == {plain.pk: "C", used.pk: "B"}


def test_bulk_confirm_is_all_or_nothing(center, admin, world):
    good = granted(center)
    lapsed = granted(center, legal_status=S.LAPSED, legal_status_on=date(2024, 1, 1))
    with pytest.raises(DomainError) as refused:
        grading.grade_bulk_confirm(admin, center, [good.pk, lapsed.pk])
    assert lapsed.display_number in refused.value.message
    other = center_for(world, org=world.org_other, status=Center.Status.UNDER_CONSTRUCTION)
    foreign = granted(other)
    with pytest.raises(DomainError):
        grading.grade_bulk_confirm(admin, center, [good.pk, foreign.pk])
    for ids in ([], ["x"], list(range(1, grading.BULK_MAX + 2))):
        with pytest.raises(DomainError):
            grading.grade_bulk_confirm(admin, center, ids)
    assert not PatentGrade.objects.exists()
    assert Patent.objects.get(pk=good.pk).grade == ""


# ---------------------------------------------------------------- the grading model


def _weights(**changes):
    values = {"legal_weight": "20", "technical_weight": "50", "economic_weight": "30", "threshold_a": "80",
              "threshold_b": "55"}  # fmt: skip
    values.update(changes)
    return values


def test_the_model_is_saved_and_used(center, admin):
    patent = granted(center)
    assert grading.model_of(center) is grading.DEFAULT_MODEL
    model = grading.grading_model_save(admin, center, **_weights())
    assert grading.model_of(center).pk == model.pk
    assert AuditEntry.objects.filter(action="grading_model.create").count() == 1
    s = grading.suggest(patent, None, TODAY)
    assert s.total == Decimal("37.00")  # 85 × 20% + 40 × 50%
    grading.grading_model_save(admin, center, **_weights(threshold_b="30"))
    assert grading.suggest(patent, None, TODAY).grade == "B"
    assert AuditEntry.objects.filter(action="grading_model.update").count() == 1
    with pytest.raises(DomainError):
        grading.grading_model_save(admin, center, **_weights(threshold_b="30"))  # unchanged


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"legal_weight": "30"}, "100"),  # 110
        ({"economic_weight": "20"}, "100"),  # 90
        ({"threshold_a": "55"}, "A"),  # A = B
        ({"threshold_a": "50"}, "A"),  # A < B
        ({"legal_weight": "-10", "technical_weight": "80"}, ""),
        ({"threshold_a": "101"}, ""),
        ({"legal_weight": "abc"}, ""),
        ({"legal_weight": ""}, ""),
        ({"legal_weight": "20.001", "technical_weight": "49.999"}, ""),
    ],
)
def test_the_model_is_validated(center, admin, changes, words):
    with pytest.raises(DomainError) as refused:
        grading.grading_model_save(admin, center, **_weights(**changes))
    assert words in refused.value.message
    assert not GradingModel.objects.exists()


def test_only_the_unit_admin_sets_the_model(center, world):
    for actor in ("unit_member", "unit_admin_other", "prefecture_officer", "regional_officer"):
        with pytest.raises(PermissionDenied):
            grading.grading_model_save(world.user(actor), center, **_weights())


# ---------------------------------------------------------------- annual re-grading


def test_due_for_regrading_after_a_year(center, admin):
    patent = granted(center)
    grading.grade_confirm(admin, patent, grade="C", handling="consider_abandoning", as_of=date(2025, 5, 5))
    qs = Patent.objects.filter(center=center)
    assert not grading.due(qs, TODAY).exists()  # 364 days
    assert list(grading.due(qs, date(2026, 5, 5))) == [patent]  # 365 days
    never = granted(center)
    assert never not in grading.due(qs, date(2027, 1, 1))  # not graded: "not graded", not "due"


def test_the_job_tells_the_lead_unit_once_per_center_and_year(center, admin, world, clock):
    patents = [granted(center) for _ in range(3)]
    for patent in patents[:2]:
        grading.grade_confirm(admin, patent, grade="C", handling="consider_abandoning", as_of=date(2025, 1, 1))
    assert grading.send_regrading_reminders() == [f"patents.regrade:{center.pk}:2026"]
    tasks = Message.objects.filter(is_task=True, subject_key=f"patents.regrading:{center.pk}")
    assert {m.recipient for m in tasks} == {world.user("unit_admin"), world.user("unit_member")}
    assert "2" in tasks[0].title and f"/centers/{center.pk}/patents/grading/?show=due" == tasks[0].url
    # Again the same day, later the same year: nothing more.
    assert grading.send_regrading_reminders() == []
    clock.set(date(2026, 11, 1))
    assert grading.send_regrading_reminders() == []
    assert ReminderSent.objects.filter(key__startswith="patents.regrade:").count() == 1
    assert tasks.count() == 2
    # Re-grading the due patents closes the task.
    grading.grade_bulk_confirm(admin, center, [p.pk for p in patents[:2]])
    assert not tasks.filter(done_at__isnull=True).exists()
    # The next year, once again.
    clock.set(date(2027, 11, 2))
    assert grading.send_regrading_reminders() == [f"patents.regrade:{center.pk}:2027"]


def test_the_job_skips_ended_centers_and_centers_with_nothing_due(center, admin, world):
    patent = granted(center)
    grading.grade_confirm(admin, patent, grade="C", handling="consider_abandoning", as_of=date(2025, 1, 1))
    Center.objects.filter(pk=center.pk).update(status=Center.Status.TERMINATED)
    assert grading.send_regrading_reminders() == []
    assert not Message.objects.filter(is_task=True).exists()


def test_the_job_is_registered():
    from apps.core import schedules

    found = {s.name: s for s in schedules.registered()}
    assert found["patents.regrading"].task_path == "apps.patents.tasks_grading.send_regrading_reminders"
    from apps.patents.tasks_grading import send_regrading_reminders

    assert send_regrading_reminders.call() == 0
