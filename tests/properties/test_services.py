"""The services that take typed values, called through their public functions by an actor of the standard world
with generated hostile values (issue 22). The property (tests/properties/property.py), for every call:
accepted, the stored text is what was given, normalised, and money the exact Decimal typed; refused, a
DomainError/ValidationError in Chinese and nothing changed. Anything else raised is a fault of the service. The
later stages of the lifecycle: test_services_centers.py and test_services_patents.py."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.core import clock

from . import strategies as hs
from .property import attempt, check_text, rolled_back

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- the bureau (Art. 5, 6(3), 19)


@hs.profile(examples=6)
@given(title=hs.hostile_text(), requirements=hs.hostile_text(), deadline=hs.dates())
def test_task_create(world, title, requirements, deadline):
    from apps.bureau import services_tasks
    from apps.bureau.models import AssignedTask

    with rolled_back():
        task = attempt(
            lambda: services_tasks.task_create(
                world.user("regional_officer"), title=title, requirements=requirements, deadline=deadline
            ),
            tables=[AssignedTask],
        )
        if task:
            check_text(task, {"title": title, "requirements": requirements}, one_line={"title"})
            assert task.deadline == deadline


@hs.profile(examples=6)
@given(subject=hs.hostile_text(), body=hs.hostile_text(), article=st.one_of(hs.rare_text(4), hs.markup()))
def test_question_ask(world, subject, body, article):
    from apps.bureau import services_questions
    from apps.bureau.models import PolicyQuestion

    with rolled_back():
        question = attempt(
            lambda: services_questions.question_ask(
                world.user("unit_admin"), subject=subject, text=body, article=article
            ),
            tables=[PolicyQuestion],
        )
        if question:
            check_text(question, {"subject": subject, "text": body}, one_line={"subject"})


@hs.profile(examples=6)
@given(
    kind=st.sampled_from(["plan", "rules", "guide", "", "<b>", "规划"]),
    title=hs.hostile_text(),
    body=hs.hostile_text(),
    summary=hs.hostile_text(long=False),
)
def test_document_create(world, kind, title, body, summary):
    from apps.bureau import services_documents
    from apps.bureau.models import PolicyDocument, PolicyDocumentVersion

    with rolled_back():
        version = attempt(
            lambda: services_documents.document_create(
                world.user("regional_officer"), kind=kind, title=title, body=body, summary=summary
            ),
            tables=[PolicyDocument, PolicyDocumentVersion],
        )
        if version:
            check_text(version, {"body": body, "summary": summary}, one_line={"summary"})
            check_text(version.document, {"title": title}, one_line={"title"})


# ---------------------------------------------------------------- calls, demands (Art. 9, 10)


@hs.profile(examples=8)
@given(
    title=hs.hostile_text(),
    funding=hs.money(),
    year=st.one_of(st.integers(1999, 2101), st.sampled_from(["2026", "2_026", "２０２６", "-1"])),
    opens=hs.dates(),
    days=st.integers(-5, 400),
    work_plan=hs.hostile_text(long=False),
)
def test_call_create(world, title, funding, year, opens, days, work_plan):
    from apps.calls import services as calls
    from apps.calls.models import Call

    closes = opens + timedelta(days=days) if date.min + timedelta(400) < opens < date.max - timedelta(800) else opens
    with rolled_back():
        call = attempt(
            lambda: calls.call_create(
                world.user("regional_officer"),
                year=year,
                title=title,
                applications_open=opens,
                applications_close=closes,
                recommendation_deadline=closes,
                funding_available=funding,
                work_plan=work_plan,
            ),
            tables=[Call],
        )
        if call:
            check_text(call, {"title": title, "work_plan": work_plan})
            assert call.funding_available == Decimal(funding.strip())


@hs.profile(examples=6)
@given(title=hs.hostile_text(), description=hs.hostile_text(), opens=hs.dates(), days=st.integers(-3, 90))
def test_collection_round_open(world, title, description, opens, days):
    from apps.demands import services as demands
    from apps.demands.models import CollectionRound

    closes = opens + timedelta(days=days) if date.min + timedelta(10) < opens < date.max - timedelta(100) else opens
    with rolled_back():
        collection_round = attempt(
            lambda: demands.round_open(
                world.user("regional_officer"), title=title, opens_on=opens, closes_on=closes, description=description
            ),
            tables=[CollectionRound],
        )
        if collection_round:
            check_text(collection_round, {"title": title, "description": description}, one_line={"title"})


# ---------------------------------------------------------------- organizations, applications (Art. 8, 11)


@hs.profile(examples=8)
@given(
    name=hs.hostile_text(),
    code=hs.credit_codes(),
    address=hs.hostile_text(long=False),
    phone=st.one_of(
        st.sampled_from(["13800000000", "0471-1234567", "0471-1234567-123", "abc<script>", "１３８"]),
        hs.invisible_text(4),
    ),
)
def test_organization_update(world, name, code, address, phone):
    from apps.organizations import services as organizations
    from apps.organizations.models import Organization
    from apps.organizations.tests.factories import OrganizationFactory

    with rolled_back():
        pending = OrganizationFactory(status=Organization.Status.PENDING)
        from apps.accounts.tests.factories import UserFactory
        from apps.core.roles import Role

        admin = UserFactory(role=Role.UNIT_ADMIN, organization=pending)
        values = {"name": name, "credit_code": code, "address": address, "contact_phone": phone}
        updated = attempt(lambda: organizations.organization_update(admin, pending, values), tables=[Organization])
        if updated:
            check_text(updated, {"name": name, "address": address})


@hs.profile(examples=6)
@given(
    code=hs.valid_credit_codes(),
    data=st.data(),
    role=st.sampled_from(["rd_institution", "service_agency", "", "x" * 40]),
    contribution=hs.hostile_text(),
)
def test_partnership_add(world, code, data, role, contribution):
    from apps.applications import services as applications
    from apps.applications.models import Partnership
    from apps.applications.tests.factories import eligible_draft
    from apps.organizations.models import Organization
    from apps.organizations.tests.factories import OrganizationFactory

    with rolled_back():
        application = eligible_draft(world)
        OrganizationFactory(credit_code=code, kind=Organization.Kind.UNIVERSITY)
        typed = data.draw(hs.credit_code_variants(code), label="typed")
        partnership = attempt(
            lambda: applications.partnership_add(
                world.user("unit_admin"), application, credit_code=typed, role=role, contribution=contribution
            ),
            tables=[Partnership],
        )
        if partnership:
            check_text(partnership, {"contribution": contribution})


# ---------------------------------------------------------------- the public (Art. 12: objections to a notice)


@hs.profile(examples=6)
@given(name=hs.hostile_text(), contact=hs.hostile_text(long=False), body=hs.hostile_text())
def test_objection_submit(world, name, contact, body):
    from apps.portal import services as portal
    from apps.portal.models import Objection
    from apps.portal.tests.factories import PublicNoticeFactory

    with rolled_back():
        notice = PublicNoticeFactory(starts_on=clock.today())
        objection = attempt(
            lambda: portal.objection_submit(notice, name=name, contact=contact, text=body), tables=[Objection]
        )
        if objection:
            check_text(objection, {"name": name, "contact": contact, "text": body}, one_line={"name", "contact"})
