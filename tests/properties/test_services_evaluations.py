"""The evaluation's services that take typed values beyond save_scores (test_services_centers.py) — the parsers of
a fee, a grade threshold, an indicator's points and a clawback; an indicator system's name and note, its
indicators and veto items; a round's edits, its results' introduction and contact; the region returning an
evaluator's scores — called by the regional officer with generated hostile values (issue 22).

The property is tests/properties/property.py's: accepted, the stored text is what was typed, normalised, numbers
the exact Decimal; refused, a DomainError/ValidationError in Chinese and the evaluations' rows, the messages and
the audit trail as before. Anything else raised is a fault. The system, round and evaluation are built once per
test (apps/evaluations/tests/builders.py); each example runs in a savepoint rolled back at its end."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.core.errors import DomainError

from . import strategies as hs
from .property import CHINESE, attempt, check_reason, check_text, fresh, rolled_back, tables_of

pytestmark = pytest.mark.django_db


def _tables():
    return tables_of("evaluations", "centers", "portal")


@hs.profile(examples=8)
@given(value=st.one_of(hs.money(), hs.hostile_text(long=False), st.none()))
def test_parsers(value):
    from decimal import Decimal

    from apps.evaluations import services_consequences, services_rounds, services_systems

    for parse in (
        services_rounds.parse_fee,
        lambda v: services_rounds.parse_points(v, name="excellent_from", default=Decimal("90")),
        services_systems.points,
        services_consequences.parse_clawback,
    ):
        try:
            parsed = parse(value)
        except DomainError as exc:
            assert CHINESE.search(str(exc.message)), exc.message
        else:
            assert parsed is None or (isinstance(parsed, Decimal) and parsed.is_finite())


@pytest.fixture
def system(world):
    from apps.evaluations.tests.builders import system

    return system()


@hs.profile(examples=5)
@given(
    name=hs.hostile_text(),
    note=hs.hostile_text(),
    code=st.one_of(st.sampled_from(["Z9", "z-9", "", "A1"]), hs.hostile_text(long=False)),
    guidance=hs.hostile_text(),
    max_points=st.one_of(hs.money(), st.sampled_from(["5", "0.5", "100"])),
    kind=st.sampled_from(["manual", "<b>", ""]),
)
def test_system_indicators_and_vetoes(world, system, name, note, code, guidance, max_points, kind):
    from apps.evaluations import services_systems

    region = world.user("regional_officer")
    with rolled_back():
        saved = attempt(lambda: services_systems.update(region, fresh(system), name=name, note=note), tables=_tables())
        if saved:
            check_text(saved, {"name": name, "note": note}, one_line={"name"})  # a name is one line
    indicator = system.indicators.first()
    area = indicator.area
    values = {"area": area, "code": code, "name": name, "guidance": guidance, "max_points": max_points, "kind": kind}
    typed = {"code": code, "name": name, "guidance": guidance}
    with rolled_back():
        made = attempt(lambda: services_systems.indicator_add(region, fresh(system), **values), tables=_tables())
        if made:
            check_text(made, typed, one_line={"code", "name"})
    with rolled_back():
        changed = attempt(
            lambda: services_systems.indicator_update(region, fresh(indicator), **values), tables=_tables()
        )
        if changed:
            check_text(changed, typed, one_line={"code", "name"})
    with rolled_back():
        veto = attempt(
            lambda: services_systems.veto_add(region, fresh(system), code=code, name=name, description=guidance),
            tables=_tables(),
        )
        if veto:
            check_text(veto, {"code": code, "name": name, "description": guidance}, one_line={"code", "name"})
            changed = attempt(
                lambda: services_systems.veto_update(region, fresh(veto), code=code, name=note, description=note),
                tables=_tables(),
            )
            if changed:
                check_text(changed, {"code": code, "name": note, "description": note}, one_line={"code", "name"})


@pytest.fixture
def evaluation(world):
    from apps.evaluations.tests import builders

    return builders.evaluation(world)


@hs.profile(examples=5)
@given(
    title=hs.hostile_text(),
    fee=hs.money(),
    commission_document=hs.hostile_text(long=False),
    intro=hs.hostile_text(),
    contact=hs.hostile_text(),
    reason=hs.hostile_text(),
)
def test_round_texts_and_return(world, evaluation, title, fee, commission_document, intro, contact, reason):
    from apps.evaluations import services_rounds, services_scoring

    region = world.user("regional_officer")
    round_ = evaluation.round
    with rolled_back():
        changed = attempt(
            lambda: services_rounds.round_update(
                region, fresh(round_), title=title, fee=fee, commission_document=commission_document
            ),
            tables=_tables(),
        )
        if changed:
            typed = {"title": title, "commission_document": commission_document}
            check_text(changed, typed, one_line=typed)
    with rolled_back():
        try:
            body = services_rounds.results_body(fresh(round_), intro=intro)
        except DomainError as exc:
            assert CHINESE.search(str(exc.message))
        else:
            assert isinstance(body, str)
    with rolled_back():
        attempt(lambda: services_rounds.round_publish(region, fresh(round_), contact=contact), tables=_tables())
    with rolled_back():
        if attempt(lambda: services_scoring.return_(region, fresh(evaluation), reason), tables=_tables()):
            check_reason("return", reason)


@hs.profile(examples=5)
@given(
    participation=st.sampled_from(["took_part", "absent", "incomplete", "<b>", ""]),
    justified=st.booleans(),
    justification=hs.hostile_text(),
    finding=hs.hostile_text(),
)
def test_participation_and_veto_finding(world, evaluation, participation, justified, justification, finding):
    from apps.evaluations import services_scoring

    evaluator = world.user("evaluator")
    with rolled_back():
        attempt(
            lambda: services_scoring.set_participation(
                evaluator,
                fresh(evaluation),
                participation=participation,
                justified=justified,
                justification=justification,
            ),
            tables=_tables(),
        )
    item = evaluation.round.system.vetoes.first()
    with rolled_back():
        made = attempt(
            lambda: services_scoring.veto_record(evaluator, fresh(evaluation), item=item, finding=finding),
            tables=_tables(),
        )
        if made:
            check_text(made, {"finding": finding})


@hs.profile(examples=5)
@given(
    title=hs.hostile_text(),
    period=st.tuples(hs.dates(), hs.dates()),
    commission_document=hs.hostile_text(long=False),
    commissioned_on=hs.dates(),
    fee=hs.money(),
    scoring_due_on=hs.dates(),
    thresholds=st.tuples(st.one_of(st.none(), hs.money()), st.one_of(st.none(), hs.money())),
)
def test_round_create(
    world, system, title, period, commission_document, commissioned_on, fee, scoring_due_on, thresholds
):
    from apps.evaluations import services_rounds

    with rolled_back():
        made = attempt(
            lambda: services_rounds.round_create(
                world.user("regional_officer"),
                title=title,
                period_start=period[0],
                period_end=period[1],
                system=system,
                evaluator=world.evaluator_org,
                commission_document=commission_document,
                commissioned_on=commissioned_on,
                fee=fee,
                scoring_due_on=scoring_due_on,
                excellent_from=thresholds[0],
                qualified_from=thresholds[1],
                centers=[],
            ),
            tables=_tables(),
        )
        if made:
            typed = {"title": title, "commission_document": commission_document}
            check_text(made, typed, one_line=typed)


@pytest.fixture
def rectifying(world):
    from apps.evaluations.tests.consequences_setup import rectifying

    return rectifying(world)


@hs.profile(examples=5)
@given(
    amount=hs.money(),
    document_number=hs.hostile_text(),
    occurred_on=st.one_of(st.none(), hs.dates()),
    requirements=hs.hostile_text(),
    due_on=hs.dates(),
    reason=hs.hostile_text(),
    announcement=st.tuples(hs.hostile_text(), hs.hostile_text()),
)
def test_consequences(world, evaluation, rectifying, amount, document_number, occurred_on, requirements, due_on,
                      reason, announcement):  # fmt: skip
    from apps.centers.models import Rectification
    from apps.evaluations import services_consequences

    region = world.user("regional_officer")
    with rolled_back():
        decision = attempt(
            lambda: services_consequences.support(
                region, fresh(evaluation), amount=amount, document_number=document_number, occurred_on=occurred_on
            ),
            tables=_tables(),
        )
        if decision:
            check_text(decision, {"document_number": document_number}, one_line={"document_number"})
    with rolled_back():
        if attempt(
            lambda: services_consequences.order_rectification(
                region, fresh(evaluation), requirements=requirements, due_on=due_on
            ),
            tables=_tables(),
        ):
            check_text(Rectification.objects.order_by("-pk").first(), {"requirements": requirements})
    with rolled_back():
        if attempt(lambda: services_consequences.excuse(region, fresh(rectifying), reason=reason), tables=_tables()):
            check_reason("excuse", reason)
    with rolled_back():
        delisting = attempt(
            lambda: services_consequences.delist(
                region,
                fresh(rectifying),
                reason=reason,
                clawback_amount=amount,
                clawback_due_on=due_on,
                announcement_title=announcement[0],
                announcement_body=announcement[1],
            ),
            tables=_tables(),
        )
        if delisting:
            check_text(delisting, {"reason": reason})
            typed = {"title": announcement[0], "body": announcement[1]}
            check_text(delisting.announcement, typed, one_line={"title"})
