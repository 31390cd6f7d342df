"""The services of a running center that take typed values — the funding ledger, change requests, the annual
report, the evaluator's scores — called by an actor of the standard world with generated hostile values (issue 22).

The property is tests/properties/property.py's: accepted, the stored text is what was typed, normalised, and money
the exact Decimal typed; refused, a DomainError/ValidationError in Chinese, the rows and the audit trail as before
(for a service that edits a row, its values as before too). Anything else raised is a fault of the service.

Each test builds its center (contract, report, evaluation) once, in a fixture, before the examples; each example
runs in a savepoint rolled back at its end."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.core import clock, inputs, text

from . import strategies as hs
from .property import attempt, check_text, exact_money, one_line_as_typed, rolled_back, stored_as_typed

pytestmark = pytest.mark.django_db


def amounts() -> st.SearchStrategy[str]:
    """hs.money(), and amounts a center's contract can take (hs.money()'s own draws are mostly far too big)."""
    return st.one_of(hs.money(), st.decimals(min_value=0, max_value=3000, places=2).map(str))


def entry_dates() -> st.SearchStrategy:
    """A date object (any, from hs.dates()) or a number of days before today (within a contract's term)."""
    return st.one_of(hs.dates(), st.integers(-3, 420))


def _day(value) -> date:
    return value if isinstance(value, date) else clock.today() - timedelta(days=value)


def _ledger_tables():
    from apps.centers.models import CenterEvent, LedgerEntry
    from apps.notifications.models import Message

    return [LedgerEntry, CenterEvent, Message]


# ---------------------------------------------------------------- the funding ledger (Art. 5(2), 12)


@pytest.fixture
def center(world):
    """The world's unit's center under construction, contract in force since 400 days ago (two tranches of
    500,000 yuan), 1,000 yuan of tranche 1 allocated."""
    from apps.centers import funding
    from apps.centers.tests.funding_setup import running_center

    made = running_center(world)
    funding.allocate(
        world.user("regional_officer"),
        made,
        tranche_number=1,
        amount="1000.00",
        occurred_on=clock.today() - timedelta(days=300),
        document_number="内市监知字〔2025〕1号",
    )
    return made


@hs.profile(examples=8)
@given(
    tranche=st.sampled_from([1, 2, 3, 0, -1, "1", " 2 ", "x", "", None]),
    amount=amounts(),
    occurred=entry_dates(),
    document_number=hs.hostile_text(),
)
def test_funding_allocate(world, center, tranche, amount, occurred, document_number):
    from apps.centers import funding

    with rolled_back():
        entry = attempt(
            lambda: funding.allocate(
                world.user("regional_officer"),
                center,
                tranche_number=tranche,
                amount=amount,
                occurred_on=_day(occurred),
                document_number=document_number,
            ),
            tables=_ledger_tables(),
        )
        if entry:
            check_text(entry, {"document_number": document_number})
            exact_money(entry.amount, amount)


@hs.profile(examples=6)
@given(amount=amounts(), reason=hs.hostile_text(), due=entry_dates(), claimed=st.one_of(st.none(), entry_dates()))
def test_funding_clawback(world, center, amount, reason, due, claimed):
    from apps.centers import funding

    due_on = _day(due) if isinstance(due, date) else clock.today() + timedelta(days=due)
    with rolled_back():
        entry = attempt(
            lambda: funding.clawback(
                world.user("regional_officer"),
                center,
                amount=amount,
                reason=reason,
                due_on=due_on,
                occurred_on=None if claimed is None else _day(claimed),
            ),
            tables=_ledger_tables(),
        )
        if entry:
            check_text(entry, {"reason": reason})
            exact_money(entry.amount, amount)


@hs.profile(examples=6)
@given(actor=st.sampled_from(["regional_officer", "regional_officer", "unit_admin"]), reason=hs.hostile_text())
def test_funding_correct(world, center, actor, reason):
    from apps.centers import funding
    from apps.centers.models import LedgerEntry

    allocation = LedgerEntry.objects.get(center=center, kind=LedgerEntry.Kind.ALLOCATION)
    with rolled_back():
        correction = attempt(
            lambda: funding.correct(world.user(actor), allocation, reason=reason), tables=_ledger_tables()
        )
        if correction:
            check_text(correction, {"reason": reason})
            assert correction.amount == -allocation.amount and correction.corrects_id == allocation.pk


@hs.profile(examples=6)
@given(amount=amounts(), occurred=entry_dates(), description=hs.hostile_text(), category=hs.hostile_text(long=False))
def test_funding_record_matched(world, center, amount, occurred, description, category):
    from apps.centers import funding

    category = category if len(category) % 2 else "人员"  # a budget category of the contract, half the time
    with rolled_back():
        entry = attempt(
            lambda: funding.record_matched(
                world.user("unit_admin"),
                center,
                amount=amount,
                occurred_on=_day(occurred),
                description=description,
                category=category,
            ),
            tables=_ledger_tables(),
        )
        if entry:
            check_text(entry, {"description": description, "category": category})
            exact_money(entry.amount, amount)


# ---------------------------------------------------------------- change requests (Art. 15)


@pytest.fixture
def signed(world):
    """A center of the world's unit whose contract version 1 is in force (one KPI, two budget lines)."""
    from apps.centers.tests.changes_setup import signed_center

    return signed_center(world)


def _proposal(draw, kind, center):
    from apps.centers import changes
    from apps.centers.models import ChangeRequest
    from apps.centers.tests.changes_setup import KPI

    Kind = ChangeRequest.Kind
    if kind == Kind.LEAD_PERSON:
        return {"to": draw(hs.hostile_text())}
    if kind == Kind.OTHER:
        return {"text": draw(hs.hostile_text())}
    if kind == Kind.TERM_EXTENSION:
        ends_on = changes.version_in_force(center).term_ends_on
        to = draw(st.one_of(hs.date_texts(), st.integers(-30, 800).map(lambda d: (ends_on + timedelta(d)).isoformat())))
        return {"to": to, "term_reason": draw(hs.hostile_text())}
    if kind == Kind.BUDGET_REALLOCATION:
        moved = draw(st.one_of(hs.money(), st.decimals(min_value=0, max_value=400_000, places=2).map(str)))
        rest = draw(st.one_of(st.just(None), hs.money()))
        if rest is None and inputs.is_plain_number(moved):
            rest = str(Decimal("1000000.00") - Decimal(moved.strip()))  # the total kept: may be accepted
        return {"lines": [{"category": "专利导航", "to": moved}, {"category": "人员", "to": rest}]}
    if kind == Kind.KPI_TARGETS:
        return {
            "targets": [
                {
                    "indicator": draw(st.sampled_from([KPI, KPI, "<b>", ""])),
                    "year": draw(st.one_of(st.sampled_from([1, 2, 3, "3"]), hs.integers_typed())),
                    "to": draw(hs.money()),
                }
            ]
        }
    return draw(st.one_of(st.none(), st.just({"to": "x"}), hs.hostile_text(long=False)))


@hs.profile(examples=10)
@given(
    kind=st.sampled_from(["lead_person", "other", "term_extension", "budget_reallocation", "kpi_targets", "<b>"]),
    reasons=hs.hostile_text(),
    data=st.data(),
)
def test_change_create(world, signed, kind, reasons, data):
    from apps.centers import changes
    from apps.centers.models import CenterEvent, ChangeRequest

    proposal = _proposal(data.draw, kind, signed)
    with rolled_back():
        change = attempt(
            lambda: changes.change_create(
                world.user("unit_admin"), signed, kind=kind, reasons=reasons, proposal=proposal
            ),
            tables=[ChangeRequest, CenterEvent],
        )
        if change:
            check_text(change, {"reasons": reasons})
            stored = change.proposal
            if kind == "lead_person":
                one_line_as_typed(stored["to"], proposal["to"])
            elif kind == "other":
                assert stored["text"] == text.strip(text.normalise(proposal["text"]))
            elif kind == "term_extension":
                assert stored["to"] == date.fromisoformat(proposal["to"].strip()).isoformat()
                assert stored["term_reason"] == text.strip(text.normalise(proposal["term_reason"]))
            elif kind == "budget_reallocation":
                typed = {row["category"]: row["to"] for row in proposal["lines"]}
                for row in stored["lines"]:
                    exact_money(Decimal(row["to"]), typed[row["category"]])
            elif kind == "kpi_targets":
                exact_money(Decimal(stored["targets"][0]["to"]), proposal["targets"][0]["to"])


# ---------------------------------------------------------------- the annual report (Art. 16)


@pytest.fixture
def report(world):
    """The world's unit's center's report of last year, a draft."""
    from apps.reports.tests.reports_setup import open_for

    return open_for(world)


SECTION_NAMES = (
    "overall_operation",
    "funds_use",
    "results",
    "highlights",
    "problems",
    "task_layout",
    "next_year_plan",
    "no_such",
)


@hs.profile(examples=8)
@given(
    sections=st.dictionaries(st.sampled_from(SECTION_NAMES), hs.hostile_text(), min_size=1, max_size=3),
    seen=st.sampled_from(["", "", "", "2026-01-01T00:00:00+08:00", "<b>"]),
    actor=st.sampled_from(["unit_member", "unit_admin", "unit_member", "unit_admin_other"]),
)
def test_report_update_sections(world, report, sections, seen, actor):
    from apps.reports import services
    from apps.reports.models import AnnualReport, ReportEvent

    names = [name for name in sections if name in AnnualReport.SECTIONS]
    before = AnnualReport.objects.values(*names).get(pk=report.pk) if names else {}
    with rolled_back():
        saved = attempt(
            lambda: services.update_sections(world.user(actor), report, seen_at=seen, **sections),
            tables=[AnnualReport, ReportEvent],
        )
        if saved:
            check_text(saved, sections)
        else:
            assert (AnnualReport.objects.values(*names).get(pk=report.pk) if names else {}) == before


# ---------------------------------------------------------------- the evaluator's scores (Art. 17)


@pytest.fixture
def evaluation(world):
    """An evaluation of the world's unit's running center in an open round, its score rows empty."""
    from apps.evaluations.tests import builders

    return builders.evaluation(world)


def _points() -> st.SearchStrategy[str]:
    return st.one_of(
        hs.money(),
        st.decimals(min_value=0, max_value=30, places=2).map(str),
        st.sampled_from(["", " ", "5", "10.5", "5.555", "１０"]),
    )


@hs.profile(examples=8)
@given(data=st.data(), opinion=hs.hostile_text(), stranger=st.sampled_from([None] * 6 + ["abc", "-1", "0"]))
def test_evaluation_save_scores(world, evaluation, data, opinion, stranger):
    from apps.evaluations import services_scoring
    from apps.evaluations.models import Evaluation, IndicatorScore

    scores = list(IndicatorScore.objects.filter(evaluation=evaluation).select_related("indicator").order_by("pk"))
    chosen = data.draw(st.lists(st.sampled_from(scores), min_size=1, max_size=3, unique_by=lambda s: s.pk))
    rows = {
        data.draw(st.sampled_from([score.indicator_id, str(score.indicator_id)])): {
            "points": data.draw(_points()),
            "comment": data.draw(hs.hostile_text()),
            "contest_reason": data.draw(hs.hostile_text(long=False)),
        }
        for score in chosen
    }
    if stranger is not None:
        rows[stranger] = {"points": "1"}
    before = list(IndicatorScore.objects.filter(evaluation=evaluation).values_list("points", "comment").order_by("pk"))
    with rolled_back():
        saved = attempt(
            lambda: services_scoring.save_scores(world.user("evaluator"), evaluation, rows, opinion),
            tables=[IndicatorScore, Evaluation],
        )
        if saved:
            check_text(saved, {"opinion": opinion})
            for key, typed in rows.items():
                score = IndicatorScore.objects.get(evaluation=evaluation, indicator_id=int(key))
                points = text.strip(text.normalise(typed["points"]))
                if points:
                    exact_money(score.points, points)
                else:
                    assert score.points is None
                stored_as_typed(score.comment, typed["comment"], IndicatorScore._meta.get_field("comment"))
                if score.contest_reason:
                    field = IndicatorScore._meta.get_field("contest_reason")
                    stored_as_typed(score.contest_reason, typed["contest_reason"], field)
        else:
            after = IndicatorScore.objects.filter(evaluation=evaluation).values_list("points", "comment")
            assert list(after.order_by("pk")) == before
