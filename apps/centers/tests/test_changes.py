"""Change requests (变更, Art. 5(3); issue 15): drafted and submitted by the lead unit, opined by the prefecture
office, approved or rejected by the region; an approved change produces the next contract version, a rejected one
changes nothing; one open request of a kind; every proposal checked by the service."""

from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.db import IntegrityError, transaction

from apps.audit.models import AuditEntry
from apps.centers import changes, contract
from apps.centers.models import CenterEvent, CenterPartner, ChangeRequest, ContractVersion
from apps.centers.workflow_changes import CHANGE_REQUEST
from apps.core import clock, dates
from apps.core.errors import DomainError, InvalidTransition, PermissionDenied
from apps.notifications.models import Message
from apps.organizations.models import Organization
from apps.organizations.tests.factories import OrganizationFactory

from .changes_setup import KPI, allocate_and_spend, change_at, office, region, signed_center, unit

pytestmark = pytest.mark.django_db
Kind = ChangeRequest.Kind
S = ChangeRequest.Status


def refused(code, call, *args, **kwargs):
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code, caught.value.message
    return caught.value


def targets(center, number=None):
    versions = ContractVersion.objects.filter(contract__center=center)
    version = contract.with_details(
        versions.filter(number=number) if number else versions.filter(status="in_force")
    ).get()
    return {i.name: i.targets_by_year() for i in version.indicators.all()}


def kpi(center, year, to):
    return {"targets": [{"indicator": KPI, "year": year, "to": to}]}


# ---------------------------------------------------------------- the path


def test_a_kpi_change_walks_draft_submitted_opined_approved_and_makes_version_2(world):
    center = signed_center(world)
    draft = changes.change_create(
        unit(world), center, kind=Kind.KPI_TARGETS, reasons="提高目标", proposal=kpi(center, 3, "35.5")
    )
    assert draft.status == S.DRAFT
    assert draft.proposal == {"targets": [{"indicator": KPI, "unit": "件", "year": 3, "from": "30", "to": "35.5"}]}
    submitted = changes.change_submit(unit(world), draft)
    assert submitted.status == S.SUBMITTED and submitted.submitted_at is not None
    assert Message.objects.filter(recipient=office(world), is_task=True, url__contains=f"/changes/{draft.pk}/").exists()
    opined = changes.change_opine(office(world), submitted, opinion="同意。", supports=True)
    assert opined.prefecture_supports is True and opined.prefecture_opinion == "同意。"
    assert Message.objects.filter(recipient=region(world), is_task=True, url__contains=f"/changes/{draft.pk}/").exists()
    approved = changes.change_approve(region(world), opined, reason="同意变更。")
    assert approved.status == S.APPROVED and approved.decided_at is not None
    v1, v2 = ContractVersion.objects.filter(contract__center=center).order_by("number")
    assert (v1.status, v2.status, v2.number, v2.change_request_id) == ("superseded", "in_force", 2, draft.pk)
    assert targets(center)[KPI] == {1: Decimal("10"), 2: Decimal("15"), 3: Decimal("35.5")}
    assert targets(center, 1)[KPI][3] == Decimal("30")
    assert changes.produced_version(approved) == v2
    actions = set(CenterEvent.objects.filter(center=center).values_list("action", flat=True))
    assert {"change_draft", "change_submitted", "change_opined", "change_approved", "contract_version"} <= actions
    assert AuditEntry.objects.filter(action="change_request.approve").exists()
    assert Message.objects.filter(recipient=unit(world), title__contains="已批准").exists()


def test_a_rejected_change_changes_nothing(world):
    center = signed_center(world)
    partners = list(CenterPartner.objects.filter(center=center).values_list("organization_id", "left_on"))
    before = targets(center)
    change = change_at(world, center, "rejected")
    assert change.status == S.REJECTED and change.decision_reason == "理由不充分，不予批准。"
    assert ContractVersion.objects.filter(contract__center=center).count() == 1
    assert targets(center) == before
    assert list(CenterPartner.objects.filter(center=center).values_list("organization_id", "left_on")) == partners


def test_rejection_needs_reasons_and_a_decision_only_follows_the_opinion(world):
    center = signed_center(world)
    submitted = change_at(world, center, "submitted")
    refused("state", changes.change_approve, region(world), submitted)  # the prefecture office has not opined
    refused("reason", changes.change_opine, office(world), submitted, opinion="", supports=True)
    opined = changes.change_opine(office(world), submitted, opinion="同意。", supports=False)
    refused("reason", changes.change_reject, region(world), opined, reason="  ")
    assert ChangeRequest.objects.get(pk=opined.pk).status == S.OPINED


def test_the_opinion_says_whether_the_office_supports_it(world):
    submitted = change_at(world, signed_center(world), "submitted")
    refused("supports", changes.change_opine, office(world), submitted, opinion="同意。", supports=None)


def test_a_replayed_approval_is_refused_as_not_possible_in_the_state(world):
    center = signed_center(world)
    approved = change_at(world, center, "approved")
    with pytest.raises(InvalidTransition):
        changes.change_approve(region(world), approved)
    assert ContractVersion.objects.filter(contract__center=center).count() == 2


# ---------------------------------------------------------------- one open request of a kind


def test_a_second_open_request_of_the_same_kind_is_refused_in_chinese(world):
    center = signed_center(world)
    change_at(world, center, "submitted")
    error = refused(
        "open_kind",
        changes.change_create,
        unit(world),
        center,
        kind=Kind.KPI_TARGETS,
        reasons="再提",
        proposal=kpi(center, 2, "16"),
    )
    assert "已有" in error.message and "考核指标" in error.message
    # another kind is fine; once the first is decided, a new one of its kind too
    change_at(world, center, "draft", kind=Kind.LEAD_PERSON)
    assert ChangeRequest.objects.filter(center=center).count() == 2


def test_the_database_refuses_a_second_open_request_and_the_service_says_so(world):
    center = signed_center(world)
    change_at(world, center, "draft")
    with mock.patch.object(changes, "_refuse_open_kind"):  # as if two requests raced past the check
        error = refused(
            "open_kind",
            changes.change_create,
            unit(world),
            center,
            kind=Kind.KPI_TARGETS,
            reasons="再提",
            proposal=kpi(center, 2, "16"),
        )
    assert "已有" in error.message
    with pytest.raises(IntegrityError), transaction.atomic():
        ChangeRequest.objects.create(
            center=center, kind=Kind.KPI_TARGETS, status=S.SUBMITTED, reasons="x", created_by=unit(world)
        )


def test_a_closed_request_frees_its_kind(world):
    center = signed_center(world)
    change_at(world, center, "withdrawn")
    change_at(world, center, "rejected")
    assert change_at(world, center, "draft").status == S.DRAFT


# ---------------------------------------------------------------- KPI targets


@pytest.mark.parametrize(
    "proposal,code,words",
    [
        ({"targets": [{"indicator": KPI, "year": 3, "to": "35.125"}]}, "kpi", "最多保留2位小数"),
        ({"targets": [{"indicator": KPI, "year": 3, "to": "-1"}]}, "kpi", "不能为负数"),
        ({"targets": [{"indicator": KPI, "year": 3, "to": "1_0"}]}, "kpi", "不是有效的数字"),
        ({"targets": [{"indicator": KPI, "year": 4, "to": "40"}]}, "year", "3"),
        ({"targets": [{"indicator": "专利许可", "year": 1, "to": "4"}]}, "unknown_indicator", "不是现行合同的考核指标"),
        ({"targets": [{"indicator": KPI, "year": 3, "to": "30"}]}, "unchanged", "至少修改一项"),
        ({"targets": [{"indicator": KPI, "year": 3, "to": ""}]}, "kpi", "不会删除目标"),
        ({"targets": [{"indicator": KPI, "year": 3, "to": "31", "extra": 1}]}, "proposal", "extra"),
        ({"targets": "35"}, "proposal", ""),
    ],
)
def test_kpi_targets_are_strict(world, proposal, code, words):
    center = signed_center(world)
    error = refused(
        code, changes.change_create, unit(world), center, kind=Kind.KPI_TARGETS, reasons="调整", proposal=proposal
    )
    assert words in error.message
    assert not ChangeRequest.objects.filter(center=center).exists()


def test_unchanged_cells_are_not_part_of_the_proposal(world):
    center = signed_center(world)
    rows = [{"indicator": KPI, "year": year, "to": value} for year, value in ((1, "10"), (2, "15.00"), (3, "32"))]
    change = changes.change_create(
        unit(world), center, kind=Kind.KPI_TARGETS, reasons="调整", proposal={"targets": rows}
    )
    assert change.proposal["targets"] == [{"indicator": KPI, "unit": "件", "year": 3, "from": "30", "to": "32"}]


def test_the_proposal_is_checked_again_on_approval(world):
    """Another approved change moved the target to the proposed value meanwhile: nothing would change."""
    center = signed_center(world)
    first = change_at(world, center, "opined")
    from apps.centers.tests.contract_setup import approved_change

    contract.next_version(
        region(world),
        center,
        change_request=approved_change(world, center, kind=Kind.OTHER),
        edit=lambda copy: contract.replace_indicators(
            copy,
            [
                {**row, "targets": {**row["targets"], 3: Decimal("35")}}
                for row in contract.indicator_rows(
                    contract.with_details(ContractVersion.objects.filter(pk=copy.pk)).get()
                )
            ],
        ),
    )
    refused("unchanged", changes.change_approve, region(world), first)
    assert ChangeRequest.objects.get(pk=first.pk).status == S.OPINED


# ---------------------------------------------------------------- the other kinds


def test_a_lead_person_change_changes_the_person_in_charge(world):
    center = signed_center(world)
    refused(
        "unchanged",
        changes.change_create,
        unit(world),
        center,
        kind=Kind.LEAD_PERSON,
        reasons="x",
        proposal={"to": "李工"},
    )
    refused(
        "proposal",
        changes.change_create,
        unit(world),
        center,
        kind=Kind.LEAD_PERSON,
        reasons="x",
        proposal={"to": "  "},
    )
    change_at(world, center, "approved", kind=Kind.LEAD_PERSON)
    assert changes.version_in_force(center).lead_person == "王五"


def test_a_term_extension_is_bounded_and_a_longer_term_needs_its_reason(world):
    center = signed_center(world)
    end = changes.version_in_force(center).term_ends_on

    def ask(to, reason=""):
        return changes.change_create(
            unit(world), center, kind=Kind.TERM_EXTENSION, reasons="延期", proposal={"to": to, "term_reason": reason}
        )

    refused("term", ask, end.isoformat())
    refused("term", ask, (end - timedelta(days=1)).isoformat())
    refused("term", ask, dates.add_months(end, 12) + timedelta(days=1))
    refused("date", ask, "2029-13-01")
    error = refused("term_reason", ask, (end + timedelta(days=90)).isoformat())
    assert "超过 3 年" in error.message and "请说明延长建设期的理由" in error.message
    change = ask(dates.add_months(end, 12), "中试线建设延后")
    assert change.proposal["months_to"] == 48
    change = changes.change_submit(unit(world), change)
    change = changes.change_opine(office(world), change, opinion="同意", supports=True)
    changes.change_approve(region(world), change)
    version = changes.version_in_force(center)
    assert version.term_ends_on == dates.add_months(end, 12)
    assert version.term_months == 48 and version.term_reason == "中试线建设延后"


def test_a_budget_reallocation_keeps_the_total_and_no_line_below_its_spending(world):
    center = signed_center(world)
    allocate_and_spend(world, center, spent={"专利导航": "380000"})

    def ask(navigation, staff):
        return changes.change_create(
            unit(world),
            center,
            kind=Kind.BUDGET_REALLOCATION,
            reasons="调整",
            proposal={"lines": [{"category": "专利导航", "to": navigation}, {"category": "人员", "to": staff}]},
        )

    error = refused("total", ask, "420000", "600000")
    assert "20,000.00" in error.message
    error = refused("below_spent", ask, "350000", "650000")
    assert "380,000.00" in error.message
    refused("money_decimals", ask, "390000.001", "609999.999")
    refused("money_negative", ask, "-1", "1000001")
    refused("unchanged", ask, "400000", "600000")
    refused(
        "unknown_category",
        changes.change_create,
        unit(world),
        center,
        kind=Kind.BUDGET_REALLOCATION,
        reasons="x",
        proposal={"lines": [{"category": "差旅", "to": "1"}]},
    )
    change = ask("390000.50", "609999.50")
    change = changes.change_submit(unit(world), change)
    change = changes.change_opine(office(world), change, opinion="同意", supports=True)
    changes.change_approve(region(world), change)
    lines = {row["category"]: row["amount"] for row in contract.budget_rows(changes.version_in_force(center))}
    assert lines == {"专利导航": Decimal("390000.50"), "人员": Decimal("609999.50")}


def test_a_partners_change_adds_and_removes_partnerships_on_approval(world):
    center = signed_center(world)
    leaving = CenterPartner.objects.get(center=center)
    joining = OrganizationFactory(
        name="丙研究院", prefecture=world.prefecture, kind=Organization.Kind.RESEARCH_INSTITUTE
    )
    proposal = {
        "add": [{"credit_code": joining.credit_code, "role": "rd_institution", "contribution": "中试验证"}],
        "remove": [{"organization_id": leaving.organization_id}],
    }
    change = change_at(world, center, "opined", kind=Kind.PARTNERS, proposal=proposal)
    assert change.proposal["remove"] == [
        {"organization_id": leaving.organization_id, "name": leaving.organization.name}
    ]
    changes.change_approve(region(world), change)
    leaving.refresh_from_db()
    assert leaving.left_on == clock.today()
    assert CenterPartner.objects.get(center=center, organization=joining, left_on__isnull=True).role == "rd_institution"
    assert ContractVersion.objects.filter(contract__center=center, status="in_force").get().number == 2


def test_a_partner_to_add_is_approved_not_the_lead_unit_and_not_already_a_partner(world):
    center = signed_center(world)
    current = CenterPartner.objects.get(center=center).organization
    pending = OrganizationFactory(
        name="待审单位", prefecture=world.prefecture, kind=Organization.Kind.RESEARCH_INSTITUTE, status="pending"
    )

    def add(code, role="rd_institution"):
        return changes.change_create(
            unit(world),
            center,
            kind=Kind.PARTNERS,
            reasons="x",
            proposal={"add": [{"credit_code": code, "role": role, "contribution": "合作"}]},
        )

    refused("self_partner", add, world.org.credit_code)
    refused("duplicate", add, current.credit_code)
    refused("unknown_partner", add, "91150100MA0000000X")
    refused("partner", add, pending.credit_code)
    refused(
        "not_partner",
        changes.change_create,
        unit(world),
        center,
        kind=Kind.PARTNERS,
        reasons="x",
        proposal={"remove": [{"organization_id": world.org_other.pk}]},
    )
    refused("unchanged", changes.change_create, unit(world), center, kind=Kind.PARTNERS, reasons="x", proposal={})


def test_another_change_is_described_in_words(world):
    center = signed_center(world)
    refused("proposal", changes.change_create, unit(world), center, kind=Kind.OTHER, reasons="x", proposal={"text": ""})
    change = change_at(world, center, "approved", kind=Kind.OTHER)
    assert changes.produced_version(change).number == 2
    assert changes.proposal_rows(change)[0].new == "调整第二项建设任务的实施顺序"


# ---------------------------------------------------------------- who, and when


def test_only_the_lead_unit_admin_drafts_submits_and_withdraws(world):
    center = signed_center(world, partner=world.org_other)
    for actor in ("unit_member", "unit_admin_other", "prefecture_officer", "regional_officer"):
        with pytest.raises(PermissionDenied):
            changes.change_create(world.user(actor), center, kind=Kind.OTHER, reasons="x", proposal={"text": "y"})
    draft = change_at(world, center, "draft")
    for actor in ("unit_member", "unit_admin_other", "prefecture_officer"):
        with pytest.raises(PermissionDenied):
            changes.change_submit(world.user(actor), draft)
        with pytest.raises(PermissionDenied):
            changes.change_withdraw(world.user(actor), draft)
    with pytest.raises(PermissionDenied):
        changes.change_update(world.user("unit_admin_other"), draft, reasons="x", proposal=kpi(center, 1, "11"))


def test_only_the_centers_prefecture_office_opines_and_only_the_region_decides(world):
    center = signed_center(world)
    submitted = change_at(world, center, "submitted")
    for actor in ("prefecture_officer_other", "regional_officer", "unit_admin"):
        with pytest.raises(PermissionDenied):
            changes.change_opine(world.user(actor), submitted, opinion="同意", supports=True)
    opined = changes.change_opine(office(world), submitted, opinion="同意", supports=True)
    for actor in ("prefecture_officer", "unit_admin"):
        with pytest.raises(PermissionDenied):
            changes.change_approve(world.user(actor), opined)


def test_a_draft_is_edited_only_while_it_is_a_draft(world):
    center = signed_center(world)
    draft = change_at(world, center, "draft")
    updated = changes.change_update(unit(world), draft, reasons="新的理由", proposal=kpi(center, 2, "16"))
    assert updated.reasons == "新的理由" and updated.proposal["targets"][0]["year"] == 2
    submitted = changes.change_submit(unit(world), updated)
    refused("state", changes.change_update, unit(world), submitted, reasons="x", proposal=kpi(center, 2, "17"))


def test_withdrawn_before_the_decision_only(world):
    center = signed_center(world)
    withdrawn = change_at(world, center, "withdrawn")
    assert withdrawn.status == S.WITHDRAWN
    approved = change_at(world, center, "approved")
    with pytest.raises(InvalidTransition):
        changes.change_withdraw(unit(world), approved)


def test_no_change_before_the_contract_is_in_force(world):
    from .factories import center_for

    center = center_for(world)
    error = refused(
        "state", changes.change_create, unit(world), center, kind=Kind.OTHER, reasons="x", proposal={"text": "y"}
    )
    assert "培育中心运行期间方可办理变更" in error.message


def test_the_evidence_is_added_while_the_request_is_a_draft(world):
    from apps.attachments.services import attachment_store

    from .changes_setup import evidence

    center = signed_center(world)
    draft = change_at(world, center, "draft")
    attachment_store(evidence(), owner=draft, kind=changes.EVIDENCE_KIND, user=unit(world))
    with pytest.raises(PermissionDenied):
        attachment_store(
            evidence(text="other"), owner=draft, kind=changes.EVIDENCE_KIND, user=world.user("unit_member")
        )
    submitted = changes.change_submit(unit(world), draft)
    with pytest.raises(PermissionDenied):
        attachment_store(evidence(text="late"), owner=submitted, kind=changes.EVIDENCE_KIND, user=unit(world))


def test_the_table_states_every_rule(world):
    rows = {row["action"]: row for row in CHANGE_REQUEST.rows()}
    assert set(rows) == {"submit", "opine", "approve", "reject", "withdraw"}
    assert rows["reject"]["requires_reason"] and rows["opine"]["requires_reason"]
    assert not rows["approve"]["requires_reason"]


def test_pending_items_name_who_acts_next(world):
    center = signed_center(world)
    change = change_at(world, center, "submitted")
    assert [i.url for i in changes.pending_items(office(world), center)] == [
        f"/centers/{center.pk}/changes/{change.pk}/"
    ]
    assert changes.pending_items(region(world), center) == []
    assert changes.pending_items(world.user("prefecture_officer_other"), center) == []
