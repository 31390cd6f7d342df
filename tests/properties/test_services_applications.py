"""The services of an application's life that take typed values beyond partnership_add (test_services.py) — a draft
created and saved (its fields and tables: capabilities, budget lines), the prefecture's recommendation, return and
rejection, the region's formal check, a withdrawal; the experts' scores and opinions, a declared conflict; the
selection's contact and a refusal of approval; a call edited and its topics — called by the actor whose work it
is with generated hostile values (issue 22).

The property is tests/properties/property.py's: accepted, the stored text is what was typed, normalised; refused, a
DomainError/ValidationError in Chinese and the applications' and calls' rows, the messages and the audit trail as
before. Anything else raised is a fault. The application each test needs is brought once, through the real
services, to the state the service acts on; each example reads it again and runs in a savepoint rolled back."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import strategies as hs
from .property import attempt, check_reason, check_text, fresh, rolled_back, tables_of

pytestmark = pytest.mark.django_db


def _tables():
    return tables_of("applications", "calls", "centers")


@pytest.fixture
def draft(world):
    from apps.applications.tests.factories import eligible_draft

    return eligible_draft(world)


def capability_rows():
    return st.lists(
        st.fixed_dictionaries(
            {
                "kind": st.sampled_from(["lab", "<b>", ""]),
                "name": hs.hostile_text(),
                "level": hs.hostile_text(long=False),
                "number": hs.hostile_text(long=False),
                "starts_on": st.one_of(hs.dates(), hs.date_texts()),
                "results": hs.hostile_text(),
            }
        ),
        max_size=2,
    )


def budget_rows():
    return st.lists(
        st.fixed_dictionaries(
            {
                "name": hs.hostile_text(long=False),
                "requested_amount": hs.money(),
                "matched_amount": hs.money(),
                "note": hs.hostile_text(),
            }
        ),
        max_size=2,
    )


@hs.profile(examples=6)
@given(
    project_name=hs.hostile_text(),
    contact_name=hs.hostile_text(long=False),
    contact_phone=hs.hostile_text(long=False),
    capabilities=st.one_of(st.none(), capability_rows()),
    budget=st.one_of(st.none(), budget_rows()),
)
def test_application_create_and_save(world, draft, project_name, contact_name, contact_phone, capabilities, budget):
    from apps.applications import services
    from apps.applications.tests.factories import open_call, topic_of

    with rolled_back():
        topic = topic_of(open_call())
        made = attempt(
            lambda: services.application_create(world.user("unit_admin"), topic, project_name=project_name),
            tables=_tables(),
        )
        if made:
            check_text(made, {"project_name": project_name})
    with rolled_back():
        values = {"project_name": project_name, "contact_name": contact_name, "contact_phone": contact_phone}
        saved = attempt(
            lambda: services.application_save(
                world.user("unit_admin"), fresh(draft), values=values, capabilities=capabilities, budget=budget
            ),
            tables=_tables(),
        )
        if saved:
            check_text(saved, {"project_name": project_name, "contact_name": contact_name})


@pytest.fixture
def submitted(world, draft):
    from apps.applications.tests.factories import advance

    return advance(world, draft, "submitted")


@hs.profile(examples=5)
@given(opinion=hs.hostile_text(), reason=hs.hostile_text(), confirm=st.booleans())
def test_prefecture_recommend_return_reject_and_withdraw(world, submitted, opinion, reason, confirm):
    from apps.applications import services

    officer = world.user("prefecture_officer")
    with rolled_back():
        if attempt(
            lambda: services.application_recommend(officer, fresh(submitted), opinion=opinion, confirm_region=confirm),
            tables=_tables(),
        ):
            check_reason("recommend", opinion)
    with rolled_back():
        if attempt(
            lambda: services.application_prefecture_return(officer, fresh(submitted), reason=reason), tables=_tables()
        ):
            check_reason("prefecture_return", reason)
    with rolled_back():
        if attempt(
            lambda: services.application_prefecture_reject(officer, fresh(submitted), reason=reason), tables=_tables()
        ):
            check_reason("prefecture_reject", reason)
    with rolled_back():
        if attempt(
            lambda: services.application_withdraw(world.user("unit_admin"), fresh(submitted), reason=reason),
            tables=_tables(),
        ):
            check_reason("withdraw", reason)


@pytest.fixture
def recommended(world, draft):
    from apps.applications.tests.factories import advance

    return advance(world, draft, "recommended")


@hs.profile(examples=5)
@given(opinion=hs.hostile_text(), reason=hs.hostile_text())
def test_formal_pass_and_return(world, recommended, opinion, reason):
    from apps.applications import services

    region = world.user("regional_officer")
    with rolled_back():
        if attempt(
            lambda: services.application_formal_pass(region, fresh(recommended), opinion=opinion), tables=_tables()
        ):
            check_reason("formal_pass", opinion)
    with rolled_back():
        if attempt(
            lambda: services.application_formal_return(region, fresh(recommended), reason=reason), tables=_tables()
        ):
            check_reason("formal_return", reason)


# ---------------------------------------------------------------- the experts' review (Art. 11)


@pytest.fixture
def review(world, draft):
    from apps.applications.models import Review
    from apps.applications.tests.factories import advance, scoring_panel

    application = advance(world, draft, "expert_review")
    panel = scoring_panel(world, [application], expert_count=5)
    return Review.objects.filter(panel=panel).select_related("expert").first()


def score_values():
    return st.one_of(hs.money(), st.decimals(min_value=0, max_value=100, places=1).map(str), st.just(Decimal("80")))


@hs.profile(examples=5)
@given(data=st.data(), comment=hs.hostile_text(), reason=hs.hostile_text())
def test_review_submit_and_declare_conflict(world, review, data, comment, reason):
    from apps.applications import scoring, services_review

    codes = [c.code for c in scoring.criteria()]
    scores = {code: data.draw(score_values()) for code in codes}
    if data.draw(st.booleans()):
        scores[data.draw(st.sampled_from(["<b>", "", "x" * 40]))] = "50"
    comments = {code: data.draw(hs.hostile_text(long=False)) for code in codes[:2]}
    with rolled_back():
        made = attempt(
            lambda: services_review.review_submit(
                review.expert, fresh(review), scores=scores, comments=comments, comment=comment
            ),
            tables=_tables(),
        )
        if made:
            check_text(made, {"comment": comment})
    with rolled_back():
        declared = attempt(
            lambda: services_review.review_declare_conflict(review.expert, fresh(review), reason=reason),
            tables=_tables(),
        )
        if declared:
            check_text(declared, {"conflict_reason": reason}, one_line={"conflict_reason"})


# ---------------------------------------------------------------- the selection (Art. 11)


@hs.profile(examples=5)
@given(contact=hs.hostile_text(), reason=hs.hostile_text())
def test_selection_create_and_not_approve(world, review, contact, reason):
    from apps.applications import services_decision

    application = fresh(review.application)
    region = world.user("regional_officer")
    with rolled_back():
        attempt(
            lambda: services_decision.selection_create(region, application.call, [application], contact=contact),
            tables=_tables(),
        )
    with rolled_back():
        if attempt(
            lambda: services_decision.application_not_approve(region, application, reason=reason), tables=_tables()
        ):
            check_reason("not_approve", reason)


# ---------------------------------------------------------------- a call and its topics (Art. 9)


@pytest.fixture
def call(world):
    from apps.calls.tests.factories import CallFactory

    return CallFactory()


@hs.profile(examples=5)
@given(
    title=hs.hostile_text(),
    funding=hs.money(),
    work_plan=hs.hostile_text(),
    topic_name=hs.hostile_text(),
    max_funding=hs.money(),
    reason=hs.hostile_text(),
)
def test_call_update_and_topics(world, call, title, funding, work_plan, topic_name, max_funding, reason):
    from apps.calls import services
    from apps.calls.tests.factories import TopicFactory

    region = world.user("regional_officer")
    with rolled_back():
        updated = attempt(
            lambda: services.call_update(
                region, fresh(call), title=title, funding_available=funding, work_plan=work_plan
            ),
            tables=_tables(),
        )
        if updated:
            check_text(updated, {"title": title, "work_plan": work_plan})
    values = {"title": topic_name, "funding_cap": max_funding, "technical_field": title, "requirements": work_plan}
    typed = {"title": topic_name, "technical_field": title, "requirements": work_plan}
    with rolled_back():
        made = attempt(
            lambda: services.topic_create(region, fresh(call), values=values, reason=reason), tables=_tables()
        )
        if made:
            check_text(made, typed, one_line={"title", "technical_field"})
    with rolled_back():
        topic = TopicFactory(call=call)
        changed = attempt(
            lambda: services.topic_update(region, fresh(topic), values=values, reason=reason), tables=_tables()
        )
        if changed:
            check_text(changed, typed, one_line={"title", "technical_field"})
