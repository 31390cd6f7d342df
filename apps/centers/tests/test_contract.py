"""The construction contract (Art. 12): drafting from the application, strict editing, the lifecycle
draft → sent → returned → sent → confirmed → in force, signing with both scans, and the versions after signing."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.applications import kpis
from apps.applications.demo import tiny_pdf
from apps.attachments.models import Attachment
from apps.audit.models import AuditEntry
from apps.centers import contract as services
from apps.centers.models import Center, CenterEvent, Contract, ContractVersion
from apps.centers.tests.factories import center_for
from apps.core import dates
from apps.core.errors import DomainError, InvalidTransition, PermissionDenied
from apps.notifications.models import Message

S = ContractVersion.Status
pytestmark = pytest.mark.django_db


def scan(name="unit.pdf", text="signed"):
    return SimpleUploadedFile(name, tiny_pdf(text), content_type="application/pdf")


@pytest.fixture
def region(world):
    return world.user("regional_officer")


@pytest.fixture
def center(world):
    return center_for(world)


@pytest.fixture
def draft(center, region):
    return services.contract_draft(region, center)


def sent(world, draft):
    return services.contract_send(world.user("regional_officer"), draft)


def confirmed(world, draft):
    return services.contract_confirm(world.user("unit_admin"), sent(world, draft))


def signed(world, draft, *, on=None):
    version = confirmed(world, draft)
    return services.contract_sign(
        world.user("regional_officer"),
        version,
        signed_on=on or datetime.date.today(),
        unit_scan=scan("unit.pdf", "unit"),
        region_scan=scan("region.pdf", "region"),
    )


def fresh(version):
    return services.with_details(ContractVersion.objects.filter(pk=version.pk)).get()


# ---------------------------------------------------------------- drafting


def test_draft_copies_the_application(center, draft):
    application = center.application
    version = fresh(draft)
    assert version.number == 1 and version.status == S.DRAFT
    assert version.contract.number == f"HVPC-{datetime.date.today().year}-{center.pk:04d}"
    for name in services.TASK_FIELDS:
        assert getattr(version, name) == getattr(application, name)
    assert version.funding_total == application.approved_funds == Decimal("1000000")
    assert version.lead_person == application.contact_name
    assert version.term_months == 36 and version.term_starts_on is None
    assert version.obligations_region and version.obligations_unit
    copied = kpis.copy_indicators(application)
    assert [(i.name, i.unit, i.baseline) for i in version.indicators.all()] == [
        (k.name, k.unit, k.baseline) for k in copied
    ]
    assert [i.targets_by_year() for i in version.indicators.all()] == [
        {t.year: t.value for t in k.targets} for k in copied
    ]
    assert [(b.category, b.amount) for b in version.budget_lines.all()] == [
        ("专利导航", Decimal("400000")),
        ("人员", Decimal("600000")),
    ]
    tranches = list(version.tranches.all())
    assert sum(t.amount for t in tranches) == version.funding_total
    assert [t.number for t in tranches] == [1, 2, 3]
    assert AuditEntry.objects.filter(action="centers.contract.draft", object_id=str(version.pk)).exists()
    assert CenterEvent.objects.filter(center=center, action="contract_drafted").exists()


def test_draft_is_the_regions_and_only_once(world, center, region):
    with pytest.raises(PermissionDenied):
        services.contract_draft(world.user("unit_admin"), center)
    with pytest.raises(PermissionDenied):
        services.contract_draft(world.user("prefecture_officer"), center)
    services.contract_draft(region, center)
    with pytest.raises(DomainError, match=r"已经起草|already"):
        services.contract_draft(region, center)
    assert Contract.objects.filter(center=center).count() == 1


def test_draft_only_while_contracting(world, region):
    running = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    with pytest.raises(DomainError):
        services.contract_draft(region, running)
    assert not Contract.objects.filter(center=running).exists()


# ---------------------------------------------------------------- editing


def test_a_term_other_than_three_years_needs_a_reason(draft, region):
    with pytest.raises(DomainError, match=r"理由|reason"):
        services.contract_update(region, draft, {"term_months": 48, "term_reason": "  "})
    draft.refresh_from_db()
    assert draft.term_months == 36
    updated = services.contract_update(region, draft, {"term_months": 48, "term_reason": "产业化周期较长"})
    assert updated.term_months == 48 and services.years(updated) == 4
    assert AuditEntry.objects.filter(action="centers.contract.update", object_id=str(draft.pk)).exists()


def test_a_term_out_of_range_or_not_a_number_is_refused(draft, region):
    for value in ("0", "121", "1e2", "３６", "abc"):
        with pytest.raises(DomainError):
            services.contract_update(region, draft, {"term_months": value, "term_reason": "理由"})
    draft.refresh_from_db()
    assert draft.term_months == 36


def test_shortening_the_term_below_a_target_year_is_refused(draft, region):
    with pytest.raises(DomainError, match=r"第3年|year 3"):
        services.contract_update(region, draft, {"term_months": 24, "term_reason": "缩短"})
    draft.refresh_from_db()
    assert draft.term_months == 36


def test_unknown_content_fields_are_refused(draft, region):
    with pytest.raises(DomainError):
        services.contract_update(region, draft, {"funding_total": "1"})


KPI_ROW = {"name": "发明专利授权量", "unit": "件", "baseline": "10", "targets": {1: "20", 2: "30", 3: "40.5"}}


@pytest.mark.parametrize(
    "change",
    [
        {"baseline": "-1"},
        {"baseline": "1.005"},
        {"baseline": "1e3"},
        {"baseline": "NaN"},
        {"targets": {1: "-2"}},
        {"targets": {4: "50"}},
        {"targets": {1: 1.5}},
        {"name": ""},
        {"unit": " "},
        {"colour": "red"},
    ],
)
def test_kpi_values_are_strict_and_nothing_is_dropped(draft, region, change):
    before = [(i.name, i.targets_by_year()) for i in fresh(draft).indicators.all()]
    with pytest.raises(DomainError):
        services.contract_set_indicators(region, draft, [{**KPI_ROW, **change}])
    assert [(i.name, i.targets_by_year()) for i in fresh(draft).indicators.all()] == before


def test_kpi_table_is_replaced(draft, region):
    services.contract_set_indicators(
        region, draft, [KPI_ROW, {"name": "专利许可收入", "unit": "万元", "baseline": "", "targets": {3: "100"}}]
    )
    rows = services.indicator_rows(fresh(draft))
    assert [r["name"] for r in rows] == ["发明专利授权量", "专利许可收入"]
    assert rows[0]["targets"] == {1: Decimal("20"), 2: Decimal("30"), 3: Decimal("40.5")}
    assert rows[1]["baseline"] is None and rows[1]["targets"] == {3: Decimal("100")}
    with pytest.raises(DomainError, match=r"第2行：“发明专利授权量”重复"):
        services.contract_set_indicators(region, draft, [KPI_ROW, KPI_ROW])


def test_budget_lines_are_strict(draft, region):
    for bad in (
        [{"category": "", "amount": "1"}],
        [{"category": "设备", "amount": "-1"}],
        [{"category": "设备", "amount": "1.001"}],
        [{"category": "设备", "amount": "1"}, {"category": "设备", "amount": "2"}],
    ):
        with pytest.raises(DomainError):
            services.contract_set_budget_lines(region, draft, bad)
    assert len(services.budget_rows(fresh(draft))) == 2
    services.contract_set_budget_lines(region, draft, [{"category": "设备", "amount": "1000000", "note": "仪器"}])
    assert services.budget_rows(fresh(draft)) == [
        {"category": "设备", "amount": Decimal("1000000"), "matched_amount": Decimal("0"), "note": "仪器"}
    ]


def test_tranches_name_the_row_and_the_field(draft, region):
    today = datetime.date.today()
    with pytest.raises(DomainError, match=r"第2期|Tranche 2"):
        services.contract_set_tranches(
            region,
            draft,
            [{"planned_on": today, "amount": "100"}, {"planned_on": today, "amount": "0"}],
        )
    with pytest.raises(DomainError, match=r"建设期|term"):
        services.contract_set_tranches(region, draft, [{"planned_on": dates.add_years(today, 4), "amount": "1"}])
    with pytest.raises(DomainError):
        services.contract_set_tranches(region, draft, [{"planned_on": "2026-02-30", "amount": "1"}])
    with pytest.raises(DomainError):
        services.contract_set_tranches(region, draft, [{"planned_on": today, "amount": "1.234"}])
    assert len(fresh(draft).tranches.all()) == 3
    services.contract_set_tranches(
        region, draft, [{"planned_on": today, "amount": "600000"}, {"planned_on": today, "amount": "400000.00"}]
    )
    assert [t.number for t in fresh(draft).tranches.all()] == [1, 2]


def test_only_the_region_edits(world, draft):
    for actor in ("unit_admin", "prefecture_officer"):
        with pytest.raises(PermissionDenied):
            services.contract_update(world.user(actor), draft, {"lead_person": "某人"})


# ---------------------------------------------------------------- the lifecycle


def test_sending_needs_tranches_that_add_up_to_the_total(world, draft, region):
    services.contract_set_tranches(region, draft, [{"planned_on": datetime.date.today(), "amount": "999999.99"}])
    with pytest.raises(DomainError, match=r"999,999\.99"):
        services.contract_send(region, draft)
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


def test_sending_needs_a_budget_that_adds_up(world, draft, region):
    services.contract_set_budget_lines(region, draft, [{"category": "设备", "amount": "10"}])
    with pytest.raises(DomainError):
        services.contract_send(region, draft)


def test_send_return_send_confirm_sign(world, center, draft, region):
    unit_admin = world.user("unit_admin")
    version = sent(world, draft)
    assert version.status == S.SENT and version.sent_at
    assert Message.objects.filter(recipient=unit_admin, is_task=True).exists()
    with pytest.raises(PermissionDenied):
        services.contract_return(world.user("unit_member"), version, reason="意见")
    with pytest.raises(DomainError):
        services.contract_return(unit_admin, version, reason="  ")
    version = services.contract_return(unit_admin, version, reason="请调整第二期拨付时间")
    assert version.status == S.RETURNED and version.unit_comment == "请调整第二期拨付时间"
    assert Message.objects.filter(recipient=region, title__contains=center.name).exists()
    services.contract_update(region, version, {"lead_person": "王五"})
    version = services.contract_send(region, version)
    version = services.contract_confirm(unit_admin, version)
    assert version.status == S.CONFIRMED and version.confirmed_at
    today = datetime.date.today()
    version = services.contract_sign(
        region, version, signed_on=today, unit_scan=scan("u.pdf", "u"), region_scan=scan("r.pdf", "r")
    )
    assert version.status == S.IN_FORCE
    assert version.term_starts_on == today
    assert version.term_ends_on == dates.term_end(today, years=3)
    contract = Contract.objects.get(center=center)
    assert contract.current_version_id == version.pk
    assert services.current_version(center) == version
    center.refresh_from_db()
    assert center.status == Center.Status.UNDER_CONSTRUCTION
    kinds = set(Attachment.objects.for_owner(version).values_list("kind", flat=True))
    assert kinds == {"contract_signed_unit", "contract_signed_region"}
    actions = set(CenterEvent.objects.filter(center=center).values_list("action", flat=True))
    assert {"contract_drafted", "contract_send", "contract_return", "contract_confirm", "contract_signed"} <= actions
    for action in ("send", "return", "confirm", "sign"):
        assert AuditEntry.objects.filter(action=f"contract_version.{action}", object_id=str(version.pk)).exists()


def test_a_partner_sees_but_does_not_act(world, region):
    from apps.centers.models import CenterPartner

    center = center_for(world)
    CenterPartner.objects.create(
        center=center, organization=world.org_other, role="upstream_enterprise", joined_on=datetime.date.today()
    )
    version = sent(world, services.contract_draft(region, center))
    with pytest.raises(PermissionDenied):
        services.contract_confirm(world.user("unit_admin_other"), version)


def test_the_wrong_state_is_refused(world, draft):
    with pytest.raises(InvalidTransition):
        services.contract_confirm(world.user("unit_admin"), draft)


def test_a_version_in_force_is_never_edited(world, draft, region):
    version = signed(world, draft)
    for call in (
        lambda: services.contract_update(region, version, {"lead_person": "某人"}),
        lambda: services.contract_set_indicators(region, version, [KPI_ROW]),
        lambda: services.contract_set_budget_lines(region, version, []),
        lambda: services.contract_set_tranches(region, version, []),
    ):
        with pytest.raises(DomainError, match=r"变更|change request"):
            call()
    version.refresh_from_db()
    assert version.lead_person != "某人"


def test_sign_refuses_a_future_date_and_a_missing_scan(world, draft, region):
    version = confirmed(world, draft)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    with pytest.raises(DomainError):
        services.contract_sign(region, version, signed_on=tomorrow, unit_scan=scan(), region_scan=scan("r.pdf", "r"))
    with pytest.raises(DomainError):
        services.contract_sign(region, version, signed_on=datetime.date.today(), unit_scan=scan(), region_scan=None)
    with pytest.raises(DomainError):
        services.contract_sign(
            region,
            version,
            signed_on=datetime.date.today() - datetime.timedelta(days=3),
            unit_scan=scan(),
            region_scan=scan("r.pdf", "r"),
        )
    version.refresh_from_db()
    assert version.status == S.CONFIRMED
    assert not Attachment.objects.for_owner(version).exists()


def test_sign_refuses_a_file_that_is_not_a_document(world, draft, region):
    version = confirmed(world, draft)
    with pytest.raises(DomainError):
        services.contract_sign(
            region,
            version,
            signed_on=datetime.date.today(),
            unit_scan=SimpleUploadedFile("x.exe", b"MZ\x90\x00binary"),
            region_scan=scan("r.pdf", "r"),
        )
    version.refresh_from_db()
    assert version.status == S.CONFIRMED


def test_the_region_recalls_a_sent_contract(world, draft, region):
    version = sent(world, draft)
    with pytest.raises(DomainError):
        services.contract_recall(region, version, reason="")
    version = services.contract_recall(region, version, reason="资助金额调整")
    assert version.status == S.DRAFT
    services.contract_update(region, version, {"lead_person": "赵六"})


# ---------------------------------------------------------------- versions after signing


def _change_request(world, center):
    from apps.centers.models import ChangeRequest

    return ChangeRequest.objects.create(
        center=center,
        kind=ChangeRequest.Kind.KPI_TARGETS,
        status=ChangeRequest.Status.APPROVED,
        reasons="调整指标",
        created_by=world.user("unit_admin"),
    )


def test_next_version_needs_a_version_in_force(world, center, draft, region):
    with pytest.raises(DomainError):
        services.next_version(region, center, change_request=_change_request(world, center), edit=lambda v: None)


def test_next_version_copies_changes_and_supersedes(world, center, draft, region):
    v1 = signed(world, draft)

    def edit(copy):
        rows = services.indicator_rows(services.with_details(ContractVersion.objects.filter(pk=copy.pk)).get())
        rows[0]["targets"][3] = Decimal("99")
        services.replace_indicators(copy, rows)
        copy.lead_person = "新负责人"

    v2 = services.next_version(region, center, change_request=_change_request(world, center), edit=edit)
    v1.refresh_from_db()
    assert v1.status == S.SUPERSEDED
    assert v2.number == 2 and v2.status == S.IN_FORCE and v2.lead_person == "新负责人"
    assert v2.term_starts_on == v1.term_starts_on and v2.term_ends_on == v1.term_ends_on
    assert Contract.objects.get(center=center).current_version_id == v2.pk
    a, b = fresh(v1), fresh(v2)
    assert [(x.category, x.amount) for x in a.budget_lines.all()] == [
        (x.category, x.amount) for x in b.budget_lines.all()
    ]
    assert [(x.number, x.amount) for x in a.tranches.all()] == [(x.number, x.amount) for x in b.tranches.all()]
    assert b.indicators.all()[0].targets_by_year()[3] == Decimal("99")
    assert a.indicators.all()[0].targets_by_year()[3] != Decimal("99")


def test_next_version_that_breaks_a_rule_changes_nothing(world, center, draft, region):
    v1 = signed(world, draft)

    def edit(copy):
        services.write_tranches(copy, [{"planned_on": v1.term_starts_on, "amount": Decimal("1"), "condition": ""}])

    with pytest.raises(DomainError):
        services.next_version(region, center, change_request=_change_request(world, center), edit=edit)
    v1.refresh_from_db()
    assert v1.status == S.IN_FORCE
    assert ContractVersion.objects.filter(contract__center=center).count() == 1


def test_a_draft_keeps_every_note_of_the_application_items_it_merges_whole(world, center, region):
    """Items of one name are one budget line; their notes are joined, never cut (issue 22: nothing typed is lost)."""
    application = center.application
    first, second = "甲" * 500, "乙" * 500
    application.budget_items.all().delete()
    for note in (first, second):
        application.budget_items.create(name="设备购置", requested_amount=Decimal("100"), matched_amount=0, note=note)
    version = services.contract_draft(region, center)
    (line,) = version.budget_lines.all()
    assert (line.category, line.amount, line.note) == ("设备购置", Decimal("200.00"), f"{first}；{second}")
    # and the officer can save the drafted lines as they stand (the form and the service take what the draft holds)
    services.contract_set_budget_lines(region, version, services.budget_rows(version))
    assert version.budget_lines.get().note == f"{first}；{second}"


def test_a_budget_note_longer_than_the_line_holds_is_refused_not_cut(draft, region):
    from apps.centers.models.contract import BUDGET_NOTE_MAX

    before = list(draft.budget_lines.values_list("category", "note"))
    with pytest.raises(DomainError) as refused:
        services.contract_set_budget_lines(
            region, draft, [{"category": "设备", "amount": "1000000", "note": "注" * (BUDGET_NOTE_MAX + 1)}]
        )
    assert str(BUDGET_NOTE_MAX) in refused.value.message
    assert list(draft.budget_lines.values_list("category", "note")) == before
