"""The services of the annual report's and the demands' workflows that take typed values — the region's due date,
a unit's comment on a figure, the prefecture forwarding or returning a report, the region receiving or returning
it, the buttons by name; a demand submitted by the public, accepted, rejected, merged, argued by an expert,
concluded, adopted or shelved, a collection round closed; a center's transitions with their reasons and opinions
— called by the actor whose work it is with generated hostile values (issue 22).

The property is tests/properties/property.py's: accepted, the stored text is what was typed, normalised; refused, a
DomainError/ValidationError in Chinese and the app's rows, the messages and the audit trail as before. Anything
else raised is a fault. Each test brings its object once, through the real services, to the state the service acts
on; each example reads it again and runs in a savepoint rolled back at its end."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.core import clock, text

from . import strategies as hs
from .property import attempt, check_reason, check_text, fresh, rolled_back, tables_of

pytestmark = pytest.mark.django_db


def years():
    return st.one_of(st.integers(1990, 2200), hs.integers_typed(), st.just(clock.today().year - 1))


# ---------------------------------------------------------------- the annual report (Art. 16)


@pytest.fixture
def submitted_report(world):
    from apps.reports.tests.reports_setup import submitted

    return submitted(world)


@pytest.fixture
def forwarded_report(world):
    from apps.reports.tests.reports_setup import forwarded

    return forwarded(world, org=None)


@hs.profile(examples=5)
@given(year=years(), due_on=hs.dates(), key=st.one_of(hs.hostile_text(long=False), st.just("")), note=hs.hostile_text())
def test_report_due_date_and_comment(world, submitted_report, year, due_on, key, note):
    from apps.reports import services

    with rolled_back():
        attempt(
            lambda: services.set_due_date(world.user("regional_officer"), year, due_on),
            tables=tables_of("reports"),
        )
    figure = services.figure_rows(submitted_report.figures)
    typed_key = key or (figure[0].key if figure else "x")
    with rolled_back():
        made = attempt(
            lambda: services.comment(world.user("unit_admin"), fresh(submitted_report), typed_key, note),
            tables=tables_of("reports", "attachments"),
        )
        if made:
            check_text(made, {"text": note})


@hs.profile(examples=5)
@given(
    opinion=hs.hostile_text(),
    action=st.sampled_from(["forward", "return", "receive", "region_return", "<b>", ""]),
)
def test_report_forward_return_receive_act(world, submitted_report, forwarded_report, opinion, action):
    from apps.reports import services

    prefecture, region = world.user("prefecture_officer"), world.user("regional_officer")
    tables = tables_of("reports")
    for name, call in (
        ("forward", lambda: services.forward(prefecture, fresh(submitted_report), opinion)),
        ("return", lambda: services.return_(prefecture, fresh(submitted_report), opinion)),
        ("receive", lambda: services.receive(region, fresh(forwarded_report), opinion)),
        ("region_return", lambda: services.region_return(region, fresh(forwarded_report), opinion)),
    ):
        with rolled_back():
            if attempt(call, tables=tables):
                check_reason(name, opinion)
    actor, report = (prefecture, submitted_report) if action in ("forward", "return") else (region, forwarded_report)
    with rolled_back():
        if attempt(lambda: services.act(actor, fresh(report), action, opinion=opinion), tables=tables):
            check_reason(action, opinion)


# ---------------------------------------------------------------- demands (Art. 10)


@pytest.fixture
def open_round(world):
    from apps.demands.tests.factories import CollectionRoundFactory

    return CollectionRoundFactory()


@hs.profile(examples=6)
@given(
    data=st.fixed_dictionaries(
        {
            "contact_name": hs.hostile_text(long=False),
            "organization_name": hs.hostile_text(long=False),
            "phone": st.one_of(st.just("13800000001"), hs.hostile_text(long=False)),
            "email": st.sampled_from(["a@b.cn", "", "a@@b", "用户@例子.中国"]),
            "title": hs.hostile_text(),
            "technical_field": hs.hostile_text(),
            "problem": hs.hostile_text(),
            "expected_outcome": hs.hostile_text(),
            "regional_significance": hs.hostile_text(),
        }
    ),
    reason=hs.hostile_text(),
)
def test_demand_submit_and_round_close(world, open_round, data, reason):
    from apps.demands import services
    from apps.demands.tests.factories import industry

    with rolled_back():
        made = attempt(
            lambda: services.demand_submit(data={**data, "industry": industry()}), tables=tables_of("demands")
        )
        if made:
            check_text(made, {"title": data["title"], "problem": data["problem"]})
    with rolled_back():
        if attempt(
            lambda: services.round_close(world.user("regional_officer"), fresh(open_round), reason=reason),
            tables=tables_of("demands"),
        ):
            check_reason("close", reason)


@pytest.fixture
def demands(world):
    from apps.demands.models import Demand
    from apps.demands.tests.factories import ClosedRoundFactory, DemandFactory, SubmittedArgumentFactory

    closed = ClosedRoundFactory()
    submitted = DemandFactory(round=closed)
    other = DemandFactory(round=closed)
    argued = SubmittedArgumentFactory(demand__round=closed)
    concluded = DemandFactory(round=closed, status=Demand.Status.ARGUED)
    return submitted, other, argued, concluded


@hs.profile(examples=5)
@given(note=hs.hostile_text(), scores=st.tuples(*[st.one_of(st.integers(-5, 120), hs.integers_typed())] * 3))
def test_demand_screen_argue_decide(world, demands, note, scores):
    from apps.demands import services

    submitted, other, argued, concluded = demands
    region = world.user("regional_officer")
    tables = tables_of("demands")
    visible = bool(text.strip(text.normalise(note)))  # a merge without a reason names the demand kept instead
    for call, field, action in (
        (lambda: services.demand_accept(region, fresh(submitted), note=note), "decision_note", "accept"),
        (lambda: services.demand_reject(region, fresh(submitted), reason=note), "public_reason", "reject"),
        (
            lambda: services.demand_merge(region, fresh(submitted), into=fresh(other), reason=note),
            "public_reason" if visible else None,
            "merge",
        ),
        (
            lambda: services.argument_submit(
                argued.expert,
                fresh(argued.demand),
                influence=scores[0],
                industry_pull=scores[1],
                breadth=scores[2],
                opinion=note,
                recommend=True,
            ),
            "opinion",
            None,
        ),
        (lambda: services.argument_conclude(region, fresh(argued.demand), note=note), None, "conclude"),
        (lambda: services.demand_adopt(region, fresh(concluded), note=note), "decision_note", "adopt"),
        (lambda: services.demand_shelve(region, fresh(concluded), reason=note), "public_reason", "shelve"),
    ):
        with rolled_back():
            done = attempt(call, tables=tables)
            if done and field:
                check_text(done, {field: note})
            if done and action:
                check_reason(action, note)


# ---------------------------------------------------------------- a center's transitions (Art. 13–17)


@pytest.fixture
def centers(world):
    from apps.centers.models import Center
    from apps.centers.tests.factories import center_for

    contracting = center_for(world)
    building = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    return contracting, building


@hs.profile(examples=5)
@given(reason=hs.hostile_text())
def test_center_transitions(world, centers, reason):
    from apps.centers import services

    contracting, building = centers
    region = world.user("regional_officer")
    tables = tables_of("centers")
    for action, call in (
        (
            "start_construction",
            lambda: services.center_start_construction(fresh(contracting), by=region, reason=reason),
        ),
        (
            "require_rectification",
            lambda: services.center_require_rectification(region, fresh(building), reason=reason),
        ),
        (
            "complete_rectification",
            lambda: services.center_complete_rectification(region, fresh(building), reason=reason),
        ),
        ("accept", lambda: services.center_accept(region, fresh(building), opinion=reason)),
        ("fail_acceptance", lambda: services.center_fail_acceptance(region, fresh(building), opinion=reason)),
        ("delist", lambda: services.center_delist(region, fresh(building), reason=reason)),
    ):
        with rolled_back():
            if attempt(call, tables=tables):
                check_reason(action, reason)
