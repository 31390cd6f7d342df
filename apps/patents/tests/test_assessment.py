"""Pre-filing assessment (Art. 13(2)): disclosures numbered per center, the transitions per role, the assessor and
conflicts of interest, the weights rule, the score ranges (service and database), linking to the patent, and the
coverage metric against a hand-counted fixture."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from apps.audit.models import AuditEntry
from apps.centers import office
from apps.centers.models import Center
from apps.core import clock
from apps.core.errors import DomainError, InvalidTransition, PermissionDenied
from apps.notifications.models import Message
from apps.patents import assessment
from apps.patents.models import AssessmentWeights, Disclosure, Patent, PreFilingAssessment
from apps.patents.tests.factories import number, patent

from .assessment_setup import CONTENT, SCORES, assess, disclosure_at, draft, running_center

pytestmark = pytest.mark.django_db
S = Disclosure.Status


@pytest.fixture
def center(world):
    return running_center(world)


# ---------------------------------------------------------------- disclosures


def test_a_lead_unit_user_writes_a_numbered_draft(world, center):
    first = draft(world, center)
    second = draft(world, center, author="unit_admin", title="第二项发明")
    year = clock.today().year
    assert (first.number, second.number) == (f"JF-{year}-001", f"JF-{year}-002")
    assert first.status == S.DRAFT and first.inventors == ["张三", "李四"]
    assert first.created_by == world.user("unit_member")
    assert AuditEntry.objects.filter(action="patents.disclosure.create").count() == 2


def test_numbers_count_per_center_and_year(world, center):
    other = running_center(world)
    Disclosure.objects.create(
        center=center,
        number="JF-2020-007",
        title="旧",
        technical_field="a",
        problem="b",
        solution="c",
        inventors=["王"],
        created_by=world.user("unit_admin"),
    )
    year = clock.today().year
    assert draft(world, center).number == f"JF-{year}-001"
    assert draft(world, other).number == f"JF-{year}-001"
    assert assessment.next_number(center, 2020) == "JF-2020-008"


def test_the_database_refuses_a_duplicate_number(world, center):
    taken = draft(world, center)
    with pytest.raises(IntegrityError), transaction.atomic():
        Disclosure.objects.create(
            center=center,
            number=taken.number,
            title="t",
            technical_field="a",
            problem="b",
            solution="c",
            created_by=world.user("unit_admin"),
        )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "   ", "请填写"),
        ("solution", "", "请填写"),
        ("inventors", " ；、 ", "至少填写一名发明人"),
        ("title", "长" * 301, "最多"),
    ],
)
def test_a_disclosure_with_bad_input_is_refused_and_nothing_saved(world, center, field, value, message):
    with pytest.raises(DomainError) as refused:
        draft(world, center, **{field: value})
    assert message in str(refused.value.message)
    assert not Disclosure.objects.exists()


@pytest.mark.parametrize("actor", ["prefecture_officer", "regional_officer", "unit_admin_other"])
def test_only_the_lead_unit_writes_disclosures(world, center, actor):
    with pytest.raises(PermissionDenied):
        draft(world, center, author=actor)


def test_an_ended_center_keeps_its_disclosures_read_only(world):
    center = running_center(world, status=Center.Status.TERMINATED)
    with pytest.raises(PermissionDenied) as refused:
        draft(world, center)
    assert "已结束" in refused.value.message or "ended" in refused.value.message


def test_a_draft_is_edited_then_no_more_once_submitted(world, center):
    disclosure = draft(world, center)
    edited = assessment.disclosure_update(world.user("unit_admin"), disclosure, title="新标题", inventors="张三")
    assert (edited.title, edited.inventors) == ("新标题", ["张三"])
    submitted = assessment.disclosure_submit(world.user("unit_member"), edited)
    with pytest.raises(PermissionDenied):
        assessment.disclosure_update(world.user("unit_member"), submitted, title="再改")


# ---------------------------------------------------------------- transitions per role


def test_submit_asks_the_lead_unit_administrator(world, center):
    disclosure = draft(world, center)
    submitted = assessment.disclosure_submit(world.user("unit_member"), disclosure)
    assert submitted.status == S.SUBMITTED
    assert Message.objects.filter(recipient=world.user("unit_admin"), is_task=True).exists()


@pytest.mark.parametrize("actor", ["prefecture_officer", "regional_officer", "unit_admin_other"])
def test_outsiders_submit_nothing(world, center, actor):
    disclosure = draft(world, center)
    with pytest.raises(PermissionDenied):
        assessment.disclosure_submit(world.user(actor), disclosure)
    assert Disclosure.objects.get(pk=disclosure.pk).status == S.DRAFT


def test_the_administrator_assesses_with_the_weighted_score(world, center):
    AssessmentWeights.objects.create(
        center=center, technical=Decimal("40"), market=Decimal("30"), drafting=Decimal("10"), layout=Decimal("20")
    )
    disclosure = disclosure_at(world, center, "submitted")
    done = assess(world, disclosure, "file", technical="85.5", market=70, drafting=Decimal("60"), layout="90")
    # 85.5×0.4 + 70×0.3 + 60×0.1 + 90×0.2 = 34.2 + 21 + 6 + 18 = 79.2
    assert done.weighted_score == Decimal("79.20")
    assert done.weights == {"technical": "40.00", "market": "30.00", "drafting": "10.00", "layout": "20.00"}
    assert (done.assessor, done.assessed_on) == (world.user("unit_admin"), clock.today())
    assert Disclosure.objects.get(pk=disclosure.pk).status == S.ASSESSED
    assert AuditEntry.objects.filter(action="disclosure.assess").exists()
    assert AuditEntry.objects.filter(action="patents.assessment.create").exists()
    assert Message.objects.filter(recipient=world.user("unit_member"), is_task=True, done_at__isnull=True).exists()


def test_the_weights_in_force_when_assessed_are_kept(world, center):
    first = assess(world, disclosure_at(world, center, "submitted"))
    assessment.weights_save(world.user("unit_admin"), center, technical="70", market="10", drafting="10", layout="10")
    first.refresh_from_db()
    assert first.weights["technical"] == "25.00" and first.weighted_score == Decimal("75.00")
    second = assess(world, disclosure_at(world, center, "submitted"))
    assert second.weighted_score == Decimal("78.00")  # 80×0.7 + 70×0.1 + 60×0.1 + 90×0.1 = 56 + 7 + 6 + 9


@pytest.mark.parametrize(
    ("conclusion", "state"),
    [("file", S.ASSESSED), ("revise", S.DRAFT), ("trade_secret", S.CLOSED), ("defensive", S.CLOSED)],
)
def test_the_conclusion_picks_the_transition(world, center, conclusion, state):
    disclosure = disclosure_at(world, center, "submitted")
    assess(world, disclosure, conclusion)
    assert Disclosure.objects.get(pk=disclosure.pk).status == state


def test_revise_sends_it_back_for_revision_and_reassessment(world, center):
    disclosure = disclosure_at(world, center, "submitted")
    assess(world, disclosure, "revise", reasons="权利要求过宽，请修改。")
    back = Disclosure.objects.get(pk=disclosure.pk)
    assert back.status == S.DRAFT
    assert Message.objects.filter(recipient=world.user("unit_member"), title__contains=back.number).exists()
    revised = assessment.disclosure_update(world.user("unit_member"), back, claims_draft="1. 修改后的权利要求")
    again = assessment.disclosure_submit(world.user("unit_member"), revised)
    assess(world, again, "file")
    assert list(
        PreFilingAssessment.objects.filter(disclosure=disclosure).order_by("id").values_list("conclusion", flat=True)
    ) == ["revise", "file"]


def test_a_reassessment_is_asked_with_a_reason(world, center):
    closed = disclosure_at(world, center, "closed")
    with pytest.raises(DomainError):
        assessment.disclosure_reassess(world.user("unit_member"), closed, reason="  ")
    again = assessment.disclosure_reassess(world.user("unit_member"), closed, reason="市场情况发生变化。")
    assert again.status == S.SUBMITTED
    with pytest.raises(PermissionDenied):
        assessment.disclosure_reassess(
            world.user("prefecture_officer"), disclosure_at(world, center, "assessed"), reason="x"
        )


@pytest.mark.parametrize("actor", ["prefecture_officer", "regional_officer", "unit_admin_other"])
def test_outsiders_do_not_assess(world, center, actor):
    disclosure = disclosure_at(world, center, "submitted")
    with pytest.raises(PermissionDenied):
        assess(world, disclosure, assessor=actor)
    assert not PreFilingAssessment.objects.exists()


def test_a_member_assesses_only_when_named(world, center):
    disclosure = disclosure_at(world, center, "submitted", author="unit_admin")
    with pytest.raises(PermissionDenied):
        assess(world, disclosure, assessor="unit_member")
    named = assessment.assessor_name(world.user("unit_admin"), disclosure, world.user("unit_member"))
    assert Message.objects.filter(recipient=world.user("unit_member"), is_task=True).exists()
    assess(world, named, assessor="unit_member")
    assert PreFilingAssessment.objects.get().assessor == world.user("unit_member")


def test_once_named_the_administrator_no_longer_assesses(world, center):
    disclosure = disclosure_at(world, center, "submitted", author="unit_admin")
    extra = _colleague(world)
    disclosure = assessment.assessor_name(world.user("unit_admin"), disclosure, extra)
    with pytest.raises(PermissionDenied):
        assess(world, disclosure, assessor="unit_member")


def test_an_assessed_disclosure_is_not_assessed_twice(world, center):
    disclosure = disclosure_at(world, center, "assessed")
    with pytest.raises(InvalidTransition):
        assess(world, disclosure)
    assert PreFilingAssessment.objects.count() == 1


# ---------------------------------------------------------------- conflicts of interest


def _colleague(world, **fields):
    from apps.accounts.tests.factories import UserFactory
    from apps.core.roles import Role

    defaults = {"username": "colleague", "role": Role.UNIT_MEMBER, "organization": world.org}
    return UserFactory(**{**defaults, **fields})


def test_the_author_never_assesses_their_own_disclosure(world, center):
    disclosure = disclosure_at(world, center, "submitted", author="unit_admin")
    with pytest.raises(PermissionDenied) as refused:
        assess(world, disclosure)
    assert "利益冲突" in refused.value.message or "conflict" in refused.value.message
    assert Disclosure.objects.get(pk=disclosure.pk).status == S.SUBMITTED


def test_an_inventor_never_assesses(world, center):
    admin = world.user("unit_admin")
    admin.full_name = "王 五"
    admin.save()
    disclosure = draft(world, center, inventors="张三；王五")
    disclosure = assessment.disclosure_submit(world.user("unit_member"), disclosure)
    with pytest.raises(PermissionDenied) as refused:
        assess(world, disclosure)
    assert "发明人" in refused.value.message or "inventor" in refused.value.message


def test_an_author_or_inventor_cannot_be_named_assessor(world, center):
    disclosure = draft(world, center, inventors="张三；赵六")
    with pytest.raises(DomainError):
        assessment.assessor_name(world.user("unit_admin"), disclosure, world.user("unit_member"))  # the author
    inventor = _colleague(world, full_name="赵六")
    with pytest.raises(DomainError):
        assessment.assessor_name(world.user("unit_admin"), disclosure, inventor)
    with pytest.raises(DomainError):
        assessment.assessor_name(world.user("unit_admin"), disclosure, world.user("unit_admin_other"))
    assert Disclosure.objects.get(pk=disclosure.pk).assessor is None
    assert inventor not in assessment.assessor_choices(disclosure)


def test_only_the_administrator_names_the_assessor(world, center):
    disclosure = draft(world, center, author="unit_admin")
    with pytest.raises(PermissionDenied):
        assessment.assessor_name(world.user("unit_member"), disclosure, world.user("unit_member"))


# ---------------------------------------------------------------- scores and weights


@pytest.mark.parametrize("value", ["-1", "100.01", "150", "abc", "1_0", "1e2", "", "80.123"])
def test_a_score_out_of_range_or_malformed_is_refused(world, center, value):
    disclosure = disclosure_at(world, center, "submitted")
    with pytest.raises(DomainError):
        assess(world, disclosure, market=value)
    assert not PreFilingAssessment.objects.exists()
    assert Disclosure.objects.get(pk=disclosure.pk).status == S.SUBMITTED


@pytest.mark.parametrize("value", ["0", "100", "99.99"])
def test_the_range_includes_its_ends(world, center, value):
    assert assess(world, disclosure_at(world, center, "submitted"), technical=value).technical == Decimal(value)


def test_the_database_refuses_a_score_out_of_range(world, center):
    disclosure = disclosure_at(world, center, "submitted")
    for field in ("technical", "market", "drafting", "layout", "weighted_score"):
        values = {**{k: Decimal(v) for k, v in SCORES.items()}, "weighted_score": Decimal("75"), field: Decimal("101")}
        with pytest.raises(IntegrityError), transaction.atomic():
            PreFilingAssessment.objects.bulk_create(
                [
                    PreFilingAssessment(
                        disclosure=disclosure,
                        conclusion="file",
                        reasons="x",
                        assessor=world.user("unit_admin"),
                        assessed_on=clock.today(),
                        **values,
                    )
                ]
            )


def test_reasons_conclusion_and_date_are_required(world, center):
    disclosure = disclosure_at(world, center, "submitted")
    with pytest.raises(DomainError):
        assess(world, disclosure, reasons="   ")
    with pytest.raises(DomainError):
        assess(world, disclosure, "maybe")
    with pytest.raises(DomainError):
        assess(world, disclosure, assessed_on=clock.today() + timedelta(days=1))
    assert not PreFilingAssessment.objects.exists()


def test_the_weights_add_up_to_100(world, center):
    admin = world.user("unit_admin")
    saved = assessment.weights_save(admin, center, technical="40", market="30", drafting="10.5", layout="19.5")
    assert (saved.technical, saved.layout) == (Decimal("40"), Decimal("19.5"))
    with pytest.raises(DomainError) as refused:
        assessment.weights_save(admin, center, technical="40", market="30", drafting="10", layout="19")
    assert "99" in refused.value.message
    for bad in ("-10", "101", "x"):
        with pytest.raises(DomainError):
            assessment.weights_save(admin, center, technical=bad, market="30", drafting="40", layout="40")
    assert AssessmentWeights.objects.get(center=center).drafting == Decimal("10.50")
    assert AuditEntry.objects.filter(action="patents.assessment_weights.update").count() == 1


@pytest.mark.parametrize("actor", ["unit_member", "prefecture_officer", "regional_officer", "unit_admin_other"])
def test_only_the_lead_unit_administrator_sets_the_weights(world, center, actor):
    with pytest.raises(PermissionDenied):
        assessment.weights_save(world.user(actor), center, technical="25", market="25", drafting="25", layout="25")


def test_the_database_refuses_a_weight_out_of_range(world, center):
    with pytest.raises(IntegrityError), transaction.atomic():
        AssessmentWeights.objects.bulk_create([AssessmentWeights(center=center, technical=Decimal("-5"))])


# ---------------------------------------------------------------- the IP council's decision


def _council_decision(world, center, subject="disclosure_review"):
    admin = world.user("unit_admin")
    member = office.council_member_add(
        admin, center, name="王五", party="lead_unit", organization=world.org, position="chair", joined_on=clock.today()
    )
    meeting = office.council_meeting_record(
        admin,
        center,
        held_on=clock.today(),
        title="交底书评审会",
        agenda="评审",
        attendees=[member],
        decisions=[{"subject": subject, "text": "同意申请专利"}],
    )
    return meeting.decisions.get()


def test_the_council_decision_is_linked(world, center):
    decision = _council_decision(world, center)
    disclosure = disclosure_at(world, center, "submitted")
    assess(world, disclosure, council_decision=decision)
    assert Disclosure.objects.get(pk=disclosure.pk).council_decision == decision


def test_a_decision_on_another_subject_or_center_is_refused(world, center):
    layout = _council_decision(world, center, subject="patent_layout")
    disclosure = disclosure_at(world, center, "submitted")
    with pytest.raises(DomainError):
        assess(world, disclosure, council_decision=layout)
    other_center = running_center(world)
    elsewhere = _council_decision(world, other_center)
    with pytest.raises(DomainError):
        assess(world, disclosure, council_decision=elsewhere)
    assert not PreFilingAssessment.objects.exists()


# ---------------------------------------------------------------- linking to the patent


def test_an_assessed_disclosure_is_linked_by_choice_and_becomes_filed(world, center):
    disclosure = disclosure_at(world, center, "assessed")
    filed = patent(center, filing_date=clock.today())
    assert filed in assessment.linkable_patents(center)
    linked = assessment.disclosure_link(world.user("unit_member"), disclosure, patent=filed)
    assert (linked.status, linked.patent) == (S.FILED, filed)
    assert filed not in assessment.linkable_patents(center)
    assert AuditEntry.objects.filter(action="disclosure.file").exists()


def test_linking_by_the_application_number_as_typed(world, center):
    filed = patent(center, application_number=number(year=2024, serial=4321), filing_date=clock.today())
    disclosure = disclosure_at(world, center, "assessed")
    linked = assessment.disclosure_link(
        world.user("unit_admin"), disclosure, application_number=f"CN{filed.application_number}"
    )
    assert linked.patent == filed


@pytest.mark.parametrize("typed", ["CN20241000432", "abc", "202410004321.0"])
def test_a_bad_or_unknown_number_is_refused(world, center, typed):
    disclosure = disclosure_at(world, center, "assessed")
    with pytest.raises(DomainError):
        assessment.disclosure_link(world.user("unit_admin"), disclosure, application_number=typed)
    assert Disclosure.objects.get(pk=disclosure.pk).status == S.ASSESSED


def test_a_patent_is_linked_to_one_disclosure_of_its_own_center(world, center):
    first = disclosure_at(world, center, "filed")
    second = disclosure_at(world, center, "assessed")
    with pytest.raises(DomainError):
        assessment.disclosure_link(world.user("unit_admin"), second, patent=first.patent)
    elsewhere = patent(running_center(world), filing_date=clock.today())
    with pytest.raises(DomainError):
        assessment.disclosure_link(world.user("unit_admin"), second, patent=elsewhere)
    with pytest.raises(DomainError):
        assessment.disclosure_link(world.user("unit_admin"), second)
    assert Disclosure.objects.get(pk=second.pk).status == S.ASSESSED


def test_only_an_assessed_disclosure_is_linked_by_the_lead_unit(world, center):
    filed = patent(center, filing_date=clock.today())
    with pytest.raises(InvalidTransition):
        assessment.disclosure_link(world.user("unit_admin"), disclosure_at(world, center, "submitted"), patent=filed)
    with pytest.raises(PermissionDenied):
        assessment.disclosure_link(
            world.user("prefecture_officer"), disclosure_at(world, center, "assessed"), patent=filed
        )


def test_the_database_keeps_one_disclosure_per_patent(world, center):
    first = disclosure_at(world, center, "filed")
    second = draft(world, center)
    with pytest.raises(IntegrityError), transaction.atomic():
        Disclosure.objects.filter(pk=second.pk).update(patent=first.patent)


# ---------------------------------------------------------------- coverage (hand-counted)


def _assessed_on(disclosure, day):
    PreFilingAssessment.objects.filter(disclosure=disclosure).update(assessed_on=day)


def test_coverage_against_a_hand_counted_fixture(world, center):
    """Period 2024-01-01 … 2024-12-31. Invention applications filed in it: A, B, C, D, E (5; F is a utility model,
    G was filed in 2023, H in 2025). Assessed on or before filing: A (same day), B (before), E (before). C's
    assessment came after its filing; D has no disclosure. So 3 of 5 = 60.00 %."""
    admin = world.user("unit_admin")
    days = {
        "A": date(2024, 3, 1),
        "B": date(2024, 6, 1),
        "C": date(2024, 7, 1),
        "D": date(2024, 8, 1),
        "E": date(2024, 12, 31),
        "F": date(2024, 5, 1),
        "G": date(2023, 12, 31),
        "H": date(2025, 1, 1),
    }
    patents = {
        key: patent(
            center,
            filing_date=day,
            patent_type=Patent.Type.UTILITY_MODEL if key == "F" else Patent.Type.INVENTION,
            application_number=number(year=day.year, kind=2 if key == "F" else 1),
        )
        for key, day in days.items()
    }
    assessed = {
        "A": date(2024, 3, 1),
        "B": date(2024, 5, 1),
        "C": date(2024, 7, 2),
        "E": date(2024, 1, 5),
        "F": date(2024, 4, 1),
        "G": date(2023, 1, 1),
        "H": date(2024, 1, 1),
    }
    for key, day in assessed.items():
        disclosure = disclosure_at(world, center, "assessed")
        _assessed_on(disclosure, day)
        assessment.disclosure_link(admin, disclosure, patent=patents[key])
    result = assessment.coverage(center, date(2024, 1, 1), date(2024, 12, 31))
    assert (result.assessed, result.filed, result.percent) == (3, 5, Decimal("60.00"))
    assert result.patent_ids == sorted(patents[k].pk for k in ("A", "B", "E"))
    assert set(Patent.objects.filter(assessment.assessed_patents_q()).values_list("pk", flat=True)) == {
        patents[k].pk for k in ("A", "B", "E", "F", "G", "H")
    }
    # another center's patents never count
    assert assessment.coverage(running_center(world), date(2024, 1, 1), date(2024, 12, 31)).filed == 0


def test_coverage_of_a_period_without_filings_is_none(world, center):
    result = assessment.coverage(center, date(2020, 1, 1), date(2020, 12, 31))
    assert (result.assessed, result.filed, result.percent, result.patent_ids) == (0, 0, None, [])
    with pytest.raises(DomainError):
        assessment.coverage(center, date(2021, 1, 1), date(2020, 1, 1))


def test_coverage_rounds_half_up(world, center):
    """1 of 3 = 33.33 %; 2 of 3 = 66.67 %."""
    filed = [patent(center, filing_date=date(2024, 2, i + 1)) for i in range(3)]
    for item in filed[:2]:
        disclosure = disclosure_at(world, center, "assessed")
        _assessed_on(disclosure, date(2024, 1, 1))
        assessment.disclosure_link(world.user("unit_admin"), disclosure, patent=item)
    assert assessment.coverage(center, date(2024, 1, 1), date(2024, 12, 31)).percent == Decimal("66.67")


def test_the_weighted_score_rounds_half_up():
    weights = {"technical": "33.33", "market": "33.33", "drafting": "33.34", "layout": "0"}
    scores = {"technical": Decimal("0.01"), "market": Decimal("0"), "drafting": Decimal("0.01"), "layout": Decimal("0")}
    # (0.3333 + 0.3334) / 100 → 0.006667 → 0.01
    assert assessment.weighted_score(scores, weights) == Decimal("0.01")
    assert assessment.weighted_score(dict.fromkeys(assessment.CRITERIA, Decimal("100")), weights) == Decimal("100.00")


def test_the_content_is_kept_as_typed(world, center):
    created = draft(world, center)
    assert created.title == CONTENT["title"] and created.claims_draft.startswith("1.")
