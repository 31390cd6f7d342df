"""Property: the balance per center and per year is always the sum of its entries (issue 15), over random sequences
of allocations, expenditures, matched funds, clawbacks, repayments and corrections — and the ledger's services
accept exactly what the rules allow (a model of the ledger in plain Python predicts every answer).

Each example runs in a savepoint rolled back at its end, on one center whose contract is small enough that the
limits are hit often: 1,000 yuan in two tranches of 600, a budget of 300 + 200."""

import itertools
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from apps.attachments.tests.samples import pdf_bytes
from apps.centers import funding
from apps.centers.models import LedgerEntry
from apps.core import clock
from apps.core.errors import DomainError

from .funding_setup import running_center

Kind = LedgerEntry.Kind
TOTAL = Decimal("1000.00")
TRANCHES = {1: Decimal("600.00"), 2: Decimal("600.00")}
BUDGET = {"专利导航": Decimal("300.00"), "人员": Decimal("200.00")}
TERM_DAYS = 800  # the term started this many days ago: entries spread over three calendar years
_serial = itertools.count()

amounts = st.one_of(st.integers(min_value=1, max_value=70000), st.integers(min_value=25000, max_value=70000)).map(
    lambda cents: Decimal(cents) / 100
)
days = st.integers(min_value=0, max_value=TERM_DAYS)
allocations = st.tuples(st.just("allocate"), st.sampled_from(sorted(TRANCHES)), amounts, days)
operations = st.one_of(
    allocations,
    st.tuples(st.just("spend"), st.sampled_from(sorted(BUDGET)), amounts, days),
    st.tuples(st.just("match"), amounts, days),
    # a clawback: a share of what may still be clawed back, in percent (over 100: more than allocated)
    st.tuples(st.just("clawback"), st.integers(min_value=1, max_value=120)),
    # a repayment: a share of what is owed on a clawback, in percent (over 100: more than is owed)
    st.tuples(st.just("receive"), st.integers(min_value=0, max_value=20), st.integers(min_value=1, max_value=120)),
    st.tuples(st.just("correct"), st.integers(min_value=0, max_value=50)),
)


@dataclass
class Entry:
    pk: int
    kind: str
    amount: Decimal
    year: int
    tranche: int | None = None
    category: str = ""
    corrects: int | None = None
    settles: int | None = None


class Model:
    """The ledger's rules in plain Python: what each service must accept, and the sums."""

    def __init__(self):
        self.entries: list[Entry] = []

    def total(self, kind, **match) -> Decimal:
        return sum(
            (e.amount for e in self.entries if e.kind == kind and all(getattr(e, k) == v for k, v in match.items())),
            Decimal("0"),
        )

    def owed(self, clawback: Entry) -> Decimal:
        corrected = sum((e.amount for e in self.entries if e.corrects == clawback.pk), Decimal("0"))
        received = sum((e.amount for e in self.entries if e.settles == clawback.pk), Decimal("0"))
        return clawback.amount + corrected - received

    def corrected(self, entry: Entry) -> bool:
        return any(e.corrects == entry.pk for e in self.entries)

    def may_allocate(self, tranche, amount) -> bool:
        return (
            self.total(Kind.ALLOCATION, tranche=tranche) + amount <= TRANCHES[tranche]
            and self.total(Kind.ALLOCATION) + amount <= TOTAL
        )

    def may_spend(self, category, amount) -> bool:
        return self.total(Kind.EXPENDITURE, category=category) + amount <= BUDGET[category]

    def may_claw_back(self, amount) -> bool:
        return self.total(Kind.CLAWBACK) + amount <= self.total(Kind.ALLOCATION)

    def may_correct(self, entry: Entry) -> bool:
        if entry.corrects is not None or self.corrected(entry):
            return False
        if entry.kind == Kind.CLAWBACK and self.owed(entry) < entry.amount:
            return False
        below_clawed = self.total(Kind.ALLOCATION) - entry.amount < self.total(Kind.CLAWBACK)
        return not (entry.kind == Kind.ALLOCATION and below_clawed)


def _voucher():
    return SimpleUploadedFile("发票.pdf", pdf_bytes(f"property {next(_serial)}"), content_type="application/pdf")


def _apply(operation, center, start, world, model: Model):
    region, unit = world.user("regional_officer"), world.user("unit_admin")
    today = clock.today()
    name = operation[0]
    if name == "allocate":
        _name, tranche, amount, day = operation
        expected = model.may_allocate(tranche, amount)
        call = lambda: funding.allocate(  # noqa: E731
            region, center, tranche_number=tranche, amount=amount, occurred_on=start + timedelta(days=day),
            document_number="文号",
        )  # fmt: skip
    elif name == "spend":
        _name, category, amount, day = operation
        expected = model.may_spend(category, amount)
        call = lambda: funding.report_expenditure(  # noqa: E731
            unit, center, category=category, amount=amount, occurred_on=start + timedelta(days=day),
            description="支出", voucher=_voucher(),
        )  # fmt: skip
    elif name == "match":
        _name, amount, day = operation
        expected = True
        call = lambda: funding.record_matched(  # noqa: E731
            unit, center, amount=amount, occurred_on=start + timedelta(days=day), description="自筹"
        )
    elif name == "clawback":
        _name, percent = operation
        room = model.total(Kind.ALLOCATION) - model.total(Kind.CLAWBACK)
        amount = max((room * percent / 100).quantize(Decimal("0.01")), Decimal("0.01"))
        expected = model.may_claw_back(amount)
        call = lambda: funding.clawback(region, center, amount=amount, reason="追回", due_on=today)  # noqa: E731
    elif name == "receive":
        _name, index, percent = operation
        claims = [e for e in model.entries if e.kind == Kind.CLAWBACK and e.corrects is None]
        if not claims:
            return
        claim = claims[index % len(claims)]
        amount = (model.owed(claim) * percent / 100).quantize(Decimal("0.01"))
        if amount <= 0:
            return
        expected = amount <= model.owed(claim)
        stored = LedgerEntry.objects.get(pk=claim.pk)
        call = lambda: funding.receive_clawback(region, stored, amount=amount, occurred_on=today)  # noqa: E731
    else:
        _name, index = operation
        if not model.entries:
            return
        target = model.entries[index % len(model.entries)]
        expected = model.may_correct(target)
        stored = LedgerEntry.objects.get(pk=target.pk)
        by = region if target.kind in (Kind.ALLOCATION, Kind.CLAWBACK, Kind.CLAWBACK_RECEIPT) else unit
        call = lambda: funding.correct(by, stored, reason="更正")  # noqa: E731
    try:
        entry = call()
    except DomainError as exc:
        assert not expected, f"{operation} refused: {exc.message}"
        event(f"{name}: refused")
        return
    assert expected, f"{operation} accepted against the rules"
    event(f"{name}: accepted")
    model.entries.append(
        Entry(
            entry.pk,
            entry.kind,
            entry.amount,
            entry.year,
            entry.tranche_number,
            entry.category,
            entry.corrects_id,
            entry.settles_id,
        )
    )


FIELDS = {
    Kind.ALLOCATION: "allocated",
    Kind.EXPENDITURE: "spent",
    Kind.MATCHED: "matched",
    Kind.CLAWBACK: "clawed_back",
    Kind.CLAWBACK_RECEIPT: "received",
}


def _check_sums(center, model: Model):
    years = {e.year for e in model.entries}
    stored = defaultdict(Decimal)
    for row in LedgerEntry.objects.filter(center=center).values("year", "kind").annotate(total=Sum("amount")):
        stored[(row["year"], row["kind"])] = Decimal(row["total"]).quantize(Decimal("0.01"))  # SQLite: a float sum
    for year in [*sorted(years), None]:
        in_year = [e for e in model.entries if year is None or e.year == year]
        balance = funding.balance(center, year=year)
        for kind, field in FIELDS.items():
            expected = sum((e.amount for e in in_year if e.kind == kind), Decimal("0"))
            assert getattr(balance, field) == expected, (year, field)
            if year is not None:
                assert stored[(year, kind)] == expected, (year, kind)
        assert balance.available == balance.allocated - balance.spent - balance.clawed_back
        for line in balance.categories:
            spent = sum((e.amount for e in in_year if e.kind == Kind.EXPENDITURE and e.category == line.category), 0)
            to_date = model.total(Kind.EXPENDITURE, category=line.category)
            assert (line.spent, line.spent_to_date, line.allocated) == (spent, to_date, BUDGET[line.category])
            assert line.remaining == BUDGET[line.category] - to_date >= 0
    total = funding.balance(center)
    for field in FIELDS.values():  # the whole ledger is the sum of its years
        assert getattr(total, field) == sum(
            (getattr(funding.balance(center, year=y), field) for y in years), Decimal("0")
        )
    for tranche, limit in TRANCHES.items():
        assert model.total(Kind.ALLOCATION, tranche=tranche) <= limit
    assert Decimal("0") <= total.allocated <= TOTAL
    assert total.clawed_back <= total.allocated


class _Rollback(Exception):
    pass


@pytest.fixture
def ledger_center(world):
    center = running_center(
        world,
        funding_total=str(TOTAL),
        tranches=[(str(amount), 0) for amount in TRANCHES.values()],
        budget=[(category, str(amount)) for category, amount in BUDGET.items()],
        started_days_ago=TERM_DAYS,
    )
    return center, clock.today() - timedelta(days=TERM_DAYS)


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same examples on every run (CI, a colleague's machine)
    database=None,  # no example database kept between runs (derandomized anyway)
)
@given(  # a few allocations first (most rules need money in the ledger), then anything
    st.tuples(st.lists(allocations, min_size=1, max_size=3), st.lists(operations, min_size=1, max_size=16)).map(
        lambda parts: parts[0] + parts[1]
    )
)
def test_the_balance_is_always_the_sum_of_the_entries(world, ledger_center, sequence):
    center, start = ledger_center
    model = Model()
    try:
        with transaction.atomic():
            for operation in sequence:
                _apply(operation, center, start, world, model)
            _check_sums(center, model)
            raise _Rollback
    except _Rollback:
        pass
