"""The funding ledger's services (工作经费, Art. 5(2), 12; issue 15): allocations within the tranche and the contract,
expenditure within the category's budget with a voucher, matched funds, clawbacks and their repayment,
corrections as reversing entries, balances as sums of entries, the reconciliation on termination."""

import ast
import datetime
import itertools
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from apps.attachments.models import Attachment
from apps.attachments.tests.samples import pdf_bytes
from apps.audit.models import AuditEntry
from apps.centers import funding
from apps.centers.models import Center, CenterEvent, LedgerEntry, Termination
from apps.core import clock
from apps.core.errors import DomainError, PermissionDenied
from apps.notifications.models import Message

from .factories import center_for
from .funding_setup import in_force, running_center

pytestmark = pytest.mark.django_db
Kind = LedgerEntry.Kind
_serial = itertools.count()


def voucher(name="发票.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(f"voucher {next(_serial)}"), content_type="application/pdf")


def region(world):
    return world.user("regional_officer")


def unit(world):
    return world.user("unit_admin")


def days_ago(n):
    return clock.today() - timedelta(days=n)


def allocate(world, center, amount="500000", tranche=1, on=None):
    return funding.allocate(
        region(world),
        center,
        tranche_number=tranche,
        amount=amount,
        occurred_on=on or days_ago(300),
        document_number="内市监知发〔2026〕12号",
    )


def spend(world, center, amount="1000", category="专利导航", on=None, user=None):
    return funding.report_expenditure(
        user or unit(world),
        center,
        category=category,
        amount=amount,
        occurred_on=on or days_ago(10),
        description="专利导航报告外包",
        voucher=voucher(),
    )


def refused(code, call, *args, **kwargs):
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code, caught.value.message
    return caught.value


# ---------------------------------------------------------------- allocation


def test_region_allocates_two_tranches_with_audit_timeline_and_notice(world):
    center = running_center(world)
    first = allocate(world, center, "500000", tranche=1)
    second = allocate(world, center, "500000.00", tranche=2, on=days_ago(5))
    assert (first.kind, first.amount, first.year) == (Kind.ALLOCATION, Decimal("500000.00"), first.occurred_on.year)
    assert second.tranche_number == 2
    assert AuditEntry.objects.filter(action="centers.ledger.allocate").count() == 2
    assert CenterEvent.objects.filter(center=center, action="funding_allocate").count() == 2
    assert Message.objects.filter(recipient=unit(world), url__contains=f"/{center.pk}/funding/").count() == 2
    assert funding.balance(center).allocated == Decimal("1000000.00")


def test_a_tranche_cannot_exceed_what_it_still_owes(world):
    center = running_center(world)
    allocate(world, center, "300000")
    error = refused("over_tranche", allocate, world, center, "200000.01")
    assert "199,999.99" not in error.message and "200,000.00" in error.message  # what is left, to the fen
    allocate(world, center, "200000")  # exactly what is left
    refused("over_tranche", allocate, world, center, "0.01")
    assert funding.balance(center).allocated == Decimal("500000.00")


def test_the_allocations_cannot_exceed_the_contracts_funding_total(world):
    center = running_center(world, funding_total="800000", tranches=(("500000", 0), ("500000", 30)))
    allocate(world, center, "500000", tranche=1)
    refused("over_contract", allocate, world, center, "300000.01", tranche=2)
    allocate(world, center, "300000", tranche=2)
    assert funding.balance(center).allocated == Decimal("800000.00")


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        ("1234.567", "money_decimals"),
        ("-5", "money_negative"),
        ("0", "money_zero"),
        ("0.00", "money_zero"),
        ("1000000000000", "money_max"),
        ("1e3", "number"),
        ("1_000", "number"),
        ("１０", "number"),
        ("", "money"),
    ],
)
def test_bad_amounts_are_refused_and_nothing_is_written(world, amount, code):
    center = running_center(world)
    refused(code, allocate, world, center, amount)
    assert not LedgerEntry.objects.exists()


def test_the_money_messages_are_chinese(world):
    center = running_center(world)
    assert "两位小数" in refused("money_decimals", allocate, world, center, "1.555").message
    assert "负" in refused("money_negative", allocate, world, center, "-1").message
    assert "大于零" in refused("money_zero", allocate, world, center, "0").message


def test_allocation_dates_lie_within_the_term_and_not_in_the_future(world):
    center = running_center(world, started_days_ago=100)
    refused("term", allocate, world, center, on=days_ago(101))
    refused("future", allocate, world, center, on=clock.today() + timedelta(days=1))
    allocate(world, center, on=days_ago(100))


def test_only_the_region_allocates(world):
    center = running_center(world)
    for actor in ("unit_admin", "unit_member", "prefecture_officer", "expert", "system_admin"):
        with pytest.raises(PermissionDenied):
            funding.allocate(
                world.user(actor), center, tranche_number=1, amount="1", occurred_on=days_ago(1), document_number="x"
            )
    assert not LedgerEntry.objects.exists()


def test_no_allocation_without_a_contract_in_force_or_to_an_ended_center_or_an_unknown_tranche(world):
    contracting = center_for(world)
    refused("no_contract", allocate, world, contracting)
    center = running_center(world)
    refused("tranche", allocate, world, center, tranche=3)
    Center.objects.filter(pk=center.pk).update(status=Center.Status.TERMINATED)
    refused("ended", allocate, world, center)


def test_a_document_number_is_required(world):
    center = running_center(world)
    with pytest.raises(DomainError):
        funding.allocate(
            region(world), center, tranche_number=1, amount="1", occurred_on=days_ago(1), document_number=" "
        )


@pytest.mark.parametrize("typed", ["\x00", "\u202e\ufeff", "\x00 \u3000"])
def test_a_document_number_of_invisible_characters_only_is_refused_as_missing(world, typed):
    """Regression (tests/properties): "\x00" passed the required check, the save removed it, and the database's
    constraint refused the empty document number with an IntegrityError instead of a message."""
    center = running_center(world)
    before = AuditEntry.objects.count()
    refused(
        "required",
        funding.allocate,
        region(world),
        center,
        tranche_number=1,
        amount="1",
        occurred_on=days_ago(1),
        document_number=typed,
    )
    assert not LedgerEntry.objects.exists() and AuditEntry.objects.count() == before


# ---------------------------------------------------------------- expenditure


def test_the_lead_unit_reports_an_expenditure_with_its_voucher(world):
    center = running_center(world)
    entry = spend(world, center, "1234.56", user=world.user("unit_member"))
    assert (entry.kind, entry.category, entry.amount) == (Kind.EXPENDITURE, "专利导航", Decimal("1234.56"))
    voucher_file = Attachment.objects.get(owner_id=entry.pk, kind=funding.VOUCHER_KIND)
    assert voucher_file.original_name == "发票.pdf"
    assert CenterEvent.objects.filter(center=center, action="funding_expenditure").exists()
    assert AuditEntry.objects.filter(action="centers.ledger.expenditure", object_id=str(entry.pk)).exists()


def test_expenditure_by_category_cannot_exceed_its_budget_without_an_approved_budget_change(world):
    center = running_center(world, budget=(("专利导航", "1000"), ("人员", "5000")))
    spend(world, center, "600")
    error = refused("over_category", spend, world, center, "400.01")
    assert "400.00" in error.message
    spend(world, center, "400")
    refused("over_category", spend, world, center, "0.01")
    spend(world, center, "5000", category="人员")  # another category has its own budget
    # An approved budget reallocation = a new contract version with a bigger line: now it is allowed.
    in_force(center, budget=(("专利导航", "1500"), ("人员", "4500")))
    spend(world, center, "500")
    assert funding.balance(center).spent == Decimal("6500.00")


def test_expenditure_needs_a_category_of_the_budget_a_voucher_and_a_date_in_the_term_not_in_the_future(world):
    center = running_center(world, started_days_ago=30)
    refused("category", spend, world, center, category="差旅")
    refused("future", spend, world, center, on=clock.today() + timedelta(days=1))
    refused("term", spend, world, center, on=days_ago(31))
    with pytest.raises(DomainError) as caught:
        funding.report_expenditure(
            unit(world), center, category="人员", amount="1", occurred_on=days_ago(1), description="x", voucher=None
        )
    assert caught.value.code == "voucher"
    assert not LedgerEntry.objects.exists()


def test_a_voucher_the_attachments_service_refuses_leaves_no_entry(world):
    center = running_center(world)
    bad = SimpleUploadedFile("发票.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(DomainError):
        funding.report_expenditure(
            unit(world), center, category="人员", amount="1", occurred_on=days_ago(1), description="x", voucher=bad
        )
    assert not LedgerEntry.objects.exists()


def test_only_the_lead_unit_reports_expenditure_partners_and_officers_do_not(world):
    from .funding_setup import with_partner

    center = with_partner(world, world.org_other)
    for actor in ("unit_admin_other", "prefecture_officer", "regional_officer", "evaluator"):
        with pytest.raises(PermissionDenied):
            spend(world, center, user=world.user(actor))
    assert not LedgerEntry.objects.exists()


# ---------------------------------------------------------------- matched funds


def test_matched_funds_are_recorded_by_the_lead_unit(world):
    center = running_center(world)
    entry = funding.record_matched(
        unit(world), center, amount="200000", occurred_on=days_ago(3), description="牵头单位自筹"
    )
    assert entry.kind == Kind.MATCHED and entry.category == ""
    funding.record_matched(
        unit(world), center, amount="1.5", occurred_on=days_ago(3), description="合作单位", category="人员"
    )
    refused(
        "category",
        funding.record_matched,
        unit(world),
        center,
        amount="1",
        occurred_on=days_ago(1),
        description="x",
        category="差旅",
    )
    assert funding.balance(center).matched == Decimal("200001.50")
    with pytest.raises(PermissionDenied):
        funding.record_matched(region(world), center, amount="1", occurred_on=days_ago(1), description="x")


def test_a_budget_category_with_invisible_characters_is_the_category_typed(world):
    """Regression (tests/properties): a category holding U+0000 was compared with the budget lines in the database,
    which cannot hold it (DataError); a text is normalised as its save stores it before anything else."""
    center = running_center(world)
    entry = funding.record_matched(
        unit(world), center, amount="1", occurred_on=days_ago(1), description="配套\x00", category="人\x00员\u202e"
    )
    assert entry.category == "人员" and entry.description == "配套"
    refused(
        "category",
        funding.record_matched,
        unit(world),
        center,
        amount="1",
        occurred_on=days_ago(1),
        description="x",
        category="差\x00旅",
    )
    entry = funding.record_matched(
        unit(world), center, amount="1", occurred_on=days_ago(1), description="x", category="\x00"
    )
    assert entry.category == ""


# ---------------------------------------------------------------- clawback


def test_a_clawback_and_its_repayment_within_what_is_owed(world):
    center = running_center(world)
    allocate(world, center, "500000")
    claim = funding.clawback(region(world), center, amount="100000", reason="检查发现违规列支", due_on=clock.today())
    task = Message.objects.get(recipient=unit(world), is_task=True, subject_key=f"centers.ledgerentry:{claim.pk}")
    refused("over_owed", funding.receive_clawback, region(world), claim, amount="100000.01", occurred_on=clock.today())
    funding.receive_clawback(region(world), claim, amount="40000", occurred_on=clock.today())
    assert funding.owed_on(claim) == Decimal("60000.00")
    funding.receive_clawback(region(world), claim, amount="60000", occurred_on=clock.today())
    assert funding.owed_on(claim) == 0
    task.refresh_from_db()
    assert task.done_at is not None  # fully repaid: the unit's task is done
    refused("over_owed", funding.receive_clawback, region(world), claim, amount="0.01", occurred_on=clock.today())
    b = funding.balance(center)
    assert (b.clawed_back, b.received, b.owed, b.available) == (
        Decimal("100000.00"),
        Decimal("100000.00"),
        0,
        Decimal("400000.00"),
    )


def test_a_clawback_cannot_exceed_what_was_allocated_and_needs_a_reason_and_due_date(world):
    center = running_center(world)
    allocate(world, center, "1000")
    refused(
        "over_allocated", funding.clawback, region(world), center, amount="1000.01", reason="x", due_on=clock.today()
    )
    refused("required", funding.clawback, region(world), center, amount="1", reason=" ", due_on=clock.today())
    refused("due_on", funding.clawback, region(world), center, amount="1", reason="x", due_on=days_ago(1))
    with pytest.raises(PermissionDenied):
        funding.clawback(unit(world), center, amount="1", reason="x", due_on=clock.today())


def test_a_repayment_settles_a_clawback_only(world):
    center = running_center(world)
    entry = allocate(world, center, "1000")
    refused("not_clawback", funding.receive_clawback, region(world), entry, amount="1", occurred_on=clock.today())


# ---------------------------------------------------------------- corrections


def test_a_correction_is_a_reversing_entry_naming_the_entry_once_only(world):
    center = running_center(world)
    wrong = spend(world, center, "999")
    fix = funding.correct(unit(world), wrong, reason="金额录入错误")
    assert (fix.kind, fix.amount, fix.corrects_id, fix.category) == (
        Kind.EXPENDITURE,
        Decimal("-999.00"),
        wrong.pk,
        "专利导航",
    )
    assert fix.occurred_on == wrong.occurred_on and fix.reason == "金额录入错误"
    wrong.refresh_from_db()
    assert wrong.amount == Decimal("999.00")  # the corrected entry itself is untouched
    refused("corrected", funding.correct, unit(world), wrong, reason="again")
    refused("correction", funding.correct, unit(world), fix, reason="undo")
    refused("required", funding.correct, unit(world), spend(world, center, "1"), reason="")
    assert funding.balance(center).spent == Decimal("1.00")
    assert AuditEntry.objects.filter(action="centers.ledger.correct").count() == 1


def test_whoever_may_create_a_kind_corrects_it(world):
    center = running_center(world)
    allocation = allocate(world, center, "1000")
    expense = spend(world, center, "10")
    with pytest.raises(PermissionDenied):
        funding.correct(unit(world), allocation, reason="x")
    with pytest.raises(PermissionDenied):
        funding.correct(region(world), expense, reason="x")
    with pytest.raises(PermissionDenied):
        funding.correct(world.user("prefecture_officer"), expense, reason="x")
    funding.correct(world.user("unit_member"), expense, reason="重复录入")
    funding.correct(region(world), allocation, reason="文号错误")
    assert funding.balance(center).allocated == 0


def test_corrections_keep_the_clawbacks_within_the_allocations(world):
    center = running_center(world)
    allocation = allocate(world, center, "1000")
    claim = funding.clawback(region(world), center, amount="300", reason="违规", due_on=clock.today())
    refused("below_clawed", funding.correct, region(world), allocation, reason="x")
    receipt = funding.receive_clawback(region(world), claim, amount="100", occurred_on=clock.today())
    refused("has_receipts", funding.correct, region(world), claim, reason="x")
    funding.correct(region(world), receipt, reason="到账记错")
    assert funding.owed_on(claim) == Decimal("300.00")
    funding.correct(region(world), claim, reason="追回决定撤销")
    funding.correct(region(world), allocation, reason="文号错误")
    b = funding.balance(center)
    assert (b.allocated, b.clawed_back, b.received) == (0, 0, 0)


def test_the_database_allows_one_correction_per_entry_and_no_unsigned_amounts(world):
    center = running_center(world)
    wrong = spend(world, center, "5")
    funding.correct(unit(world), wrong, reason="x")
    now = clock.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(
            center=center, kind=Kind.EXPENDITURE, category="人员", amount=Decimal("-5"), occurred_on=wrong.occurred_on,
            corrects=wrong, reason="twice", created_by=unit(world), created_at=now,
        )  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(
            center=center, kind=Kind.MATCHED, amount=Decimal("-5"), occurred_on=wrong.occurred_on,
            created_by=unit(world), created_at=now,
        )  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(
            center=center,
            kind=Kind.CLAWBACK,
            amount=Decimal("5"),
            occurred_on=wrong.occurred_on,
            created_by=unit(world),
            created_at=now,
        )  # fmt: skip  (a clawback without reason and due date)


# ---------------------------------------------------------------- no update path


SERVICE_MODULES = sorted(p for p in Path(funding.__file__).parent.glob("*.py") if not p.name.startswith("test"))


def _writes_to_ledger(path: Path) -> list[str]:
    """Calls in a module that could change or remove ledger rows: .update( .delete( bulk_update( on anything named
    like the ledger, and saves that are not inserts."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        source = ast.unparse(node.func.value)
        method = node.func.attr
        ledgerish = "LedgerEntry" in source or "ledger" in source.lower() or "entr" in source.lower()
        if ledgerish and method in {"update", "delete", "bulk_update", "update_or_create"}:
            found.append(f"{path.name}:{node.lineno} {ast.unparse(node)[:80]}")
        if path.name == "funding.py" and method == "save":
            keywords = {k.arg: ast.unparse(k.value) for k in node.keywords}
            if keywords.get("force_insert") != "True":
                found.append(f"{path.name}:{node.lineno} {ast.unparse(node)[:80]}")
    return found


def test_no_service_updates_or_deletes_a_ledger_entry():
    problems = [problem for path in SERVICE_MODULES for problem in _writes_to_ledger(path)]
    assert not problems, "ledger entries are appended only:\n" + "\n".join(problems)
    assert not hasattr(funding, "update") and not any(name.startswith(("edit", "delete")) for name in dir(funding))


def test_the_ledger_is_not_in_the_admin():
    from django.apps import apps

    if apps.is_installed("django.contrib.admin"):  # the platform runs without Django's admin; should it come back:
        from django.contrib import admin

        assert LedgerEntry not in admin.site._registry


# ---------------------------------------------------------------- balances


def test_the_balance_by_year_and_category(world, clock):
    clock.set(datetime.date(2026, 9, 15))  # "yesterday" in this year whatever the day the suite runs (not 1 January)
    center = running_center(world, started_days_ago=800)
    last_year = clock.today().year - 1
    allocate(world, center, "500000", on=clock.today().replace(year=last_year, month=6, day=1))
    allocate(world, center, "300000", tranche=2, on=days_ago(1))
    spend(world, center, "1000", on=clock.today().replace(year=last_year, month=7, day=1))
    spend(world, center, "2000", on=days_ago(1))
    spend(world, center, "500", category="人员", on=days_ago(1))
    everything = funding.balance(center)
    assert (everything.allocated, everything.spent, everything.available) == (
        Decimal("800000.00"),
        Decimal("3500.00"),
        Decimal("796500.00"),
    )
    navigation = everything.categories[0]
    assert (navigation.category, navigation.allocated, navigation.spent, navigation.remaining) == (
        "专利导航",
        Decimal("400000.00"),
        Decimal("3000.00"),
        Decimal("397000.00"),
    )
    before = funding.balance(center, year=last_year)
    assert (before.allocated, before.spent) == (Decimal("500000.00"), Decimal("1000.00"))
    navigation = before.categories[0]
    assert (navigation.spent, navigation.spent_to_date, navigation.remaining) == (
        Decimal("1000.00"),
        Decimal("3000.00"),
        Decimal("397000.00"),
    )


def test_the_balance_is_two_queries_however_many_entries(world, django_assert_num_queries):
    center = running_center(world)
    for _ in range(5):
        spend(world, center, "1")
    allocate(world, center, "100")
    other = running_center(world, org=world.org_other)
    with django_assert_num_queries(2):
        funding.balance(center, year=clock.today().year)
    with django_assert_num_queries(2):
        funding.balances([center.pk, other.pk])


def test_one_builder_makes_the_ledger_from_single_entries_or_sums_in_any_order():
    """`funding.ledger_from`, the builder of `ledgers` (grouped sums) and of the annual report's one-row read
    (`reports.prefill`: every entry): the same ledger from the entries one by one as from their sums, whatever
    their order; sums to the fen; rows sorted; budget lines in the contract's order (`order`, then id)."""
    E, A = Kind.EXPENDITURE, Kind.ALLOCATION
    entries = [
        (2025, E, "专利导航", None, Decimal("1.99")),
        (2024, A, "", 1, 500000),  # an integer (JSON) or a float (SQLite's JSON) is read as well
        (2025, E, "专利导航", None, 0.01),
        (2025, E, "人员", None, Decimal("100.00")),
        (2025, E, "专利导航", None, Decimal("-1.99")),  # a correction
        (2025, A, "", 2, Decimal("300000.00")),
        (2025, A, "", 1, Decimal("0.50")),
    ]
    lines = [(1, 7, "设备", "0.5"), (0, 9, "人员", Decimal("600000")), (1, 3, "专利导航", Decimal("400000.00"))]
    one_by_one = funding.ledger_from(5, entries, lines)
    summed = funding.ledger_from(
        5,
        [
            (2025, A, "", 2, Decimal("300000.00")),
            (2025, E, "专利导航", None, Decimal("0.01")),
            (2025, A, "", 1, Decimal("0.50")),
            (2024, A, "", 1, Decimal("500000.00")),
            (2025, E, "人员", None, Decimal("100.00")),
        ],
        reversed(lines),
    )
    assert one_by_one == summed
    assert one_by_one.rows == (
        (2024, A, "", 1, Decimal("500000.00")),
        (2025, A, "", 1, Decimal("0.50")),
        (2025, A, "", 2, Decimal("300000.00")),
        (2025, E, "专利导航", None, Decimal("0.01")),
        (2025, E, "人员", None, Decimal("100.00")),
    )
    assert one_by_one.lines == (
        ("人员", Decimal("600000.00")),
        ("专利导航", Decimal("400000.00")),
        ("设备", Decimal("0.50")),
    )
    balance = one_by_one.balance(2025)
    assert (balance.allocated, balance.spent) == (Decimal("300000.50"), Decimal("100.01"))


def test_the_ledger_of_a_center_is_the_builders_over_its_entries(world):
    """`ledger_of` (one grouped aggregate, the budget lines) is `ledger_from` over the center's entries read one by
    one: the grouping in SQL changes nothing."""
    center = running_center(world, started_days_ago=400)
    allocate(world, center, "500000", on=days_ago(300))
    allocate(world, center, "300000", tranche=2, on=days_ago(2))
    for amount in ("1000", "2000.50", "0.49"):
        spend(world, center, amount, on=days_ago(1))
    spend(world, center, "500", category="人员", on=days_ago(1))
    entries = LedgerEntry.objects.filter(center=center).values_list(
        "year", "kind", "category", "tranche_number", "amount"
    )
    budget = funding.budget_lines_in_force([center.pk]).values_list("order", "id", "category", "amount")
    assert funding.ledger_of(center) == funding.ledger_from(center.pk, entries, budget)
    assert funding.ledger_of(center).balance().spent == Decimal("3500.99")


# ---------------------------------------------------------------- termination


def _termination(world, center):
    return Termination.objects.create(
        center=center, status=Termination.Status.APPROVED, reasons="牵头单位申请终止", created_by=unit(world)
    )


def test_unspent_allocated_funds_become_one_clawback_on_termination(world):
    center = running_center(world)
    allocate(world, center, "500000")
    spend(world, center, "100000")
    funding.clawback(region(world), center, amount="50000", reason="违规", due_on=clock.today())
    termination = _termination(world, center)
    entry = funding.reconcile_for_termination(region(world), center, termination=termination, on=clock.today())
    assert (entry.kind, entry.amount) == (Kind.CLAWBACK, Decimal("350000.00"))
    assert f"{termination.pk}" in entry.reason and "牵头单位申请终止" in entry.reason
    assert entry.due_on > clock.today()
    assert funding.balance(center).available == 0
    assert funding.reconcile_for_termination(region(world), center, termination=termination, on=clock.today()) is None


def test_nothing_unspent_nothing_clawed_back(world):
    center = running_center(world)
    assert (
        funding.reconcile_for_termination(
            region(world), center, termination=_termination(world, center), on=clock.today()
        )
        is None
    )
    contracting = center_for(world)
    assert (
        funding.reconcile_for_termination(
            region(world), contracting, termination=_termination(world, contracting), on=clock.today()
        )
        is None
    )
    assert not LedgerEntry.objects.exists()
