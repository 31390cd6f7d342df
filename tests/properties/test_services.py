"""The services that take typed values, called through their public functions by an actor of the standard world
with generated hostile values (issue 22). The property, for every call:

- accepted: the stored text is what was given, normalised as every save normalises it (apps/core/text.py:
  `normalise`, stripped by the service), and money is the exact Decimal typed;
- refused: a DomainError (or Django's ValidationError) whose message is Chinese — and then the row counts of the
  tables the service writes, the audit trail's length and its chain head are exactly as before.

Anything else raised is a fault of the service. Each example runs in a savepoint rolled back at its end, so the
examples do not see each other's rows."""

import re
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from apps.audit.models import AuditEntry, ChainHead
from apps.core import clock, text
from apps.core.errors import DomainError

from . import strategies as hs

pytestmark = pytest.mark.django_db
CHINESE = re.compile("[\u4e00-\u9fff]")


def _state(tables) -> tuple:
    head = ChainHead.objects.order_by("pk").values_list("seq", "hash").first()
    return tuple(model.objects.count() for model in tables), AuditEntry.objects.count(), head


def _message(exc) -> str:
    if isinstance(exc, DomainError):
        return str(exc.message)
    return " ".join(str(m) for m in exc.messages)


@contextmanager
def _rolled_back():
    sid = transaction.savepoint()
    try:
        yield
    finally:
        transaction.savepoint_rollback(sid)


def attempt(call, *, tables):
    """Call `call()`; return what it returned, or None after checking the refusal changed nothing."""
    before = _state(tables)
    with translation.override("zh-hans"):
        try:
            with transaction.atomic():
                return call()
        except (DomainError, ValidationError) as exc:
            message = _message(exc)
            assert CHINESE.search(message), f"refusal not in Chinese: {message!r}"
            assert _state(tables) == before, f"a refusal changed something: {message}"
            return None


def stored_as_typed(stored: str, typed: str, field: models.Field) -> None:
    line_break = "\n" if isinstance(field, models.TextField) else " "
    assert stored.strip() == text.normalise(typed, line_break=line_break).strip(), (field.name, typed[:80])
    assert text.normalise(stored, line_break=line_break) == stored


def _check_text(instance, values: dict) -> None:
    instance.refresh_from_db()
    for name, typed in values.items():
        stored_as_typed(getattr(instance, name), typed, type(instance)._meta.get_field(name))


# ---------------------------------------------------------------- the bureau (Art. 5, 6(3), 19)


@hs.profile(examples=6)
@given(title=hs.hostile_text(), requirements=hs.hostile_text(), deadline=hs.dates())
def test_task_create(world, title, requirements, deadline):
    from apps.bureau import services_tasks
    from apps.bureau.models import AssignedTask

    with _rolled_back():
        task = attempt(
            lambda: services_tasks.task_create(
                world.user("regional_officer"), title=title, requirements=requirements, deadline=deadline
            ),
            tables=[AssignedTask],
        )
        if task:
            _check_text(task, {"title": title, "requirements": requirements})
            assert task.deadline == deadline


@hs.profile(examples=6)
@given(subject=hs.hostile_text(), body=hs.hostile_text(), article=st.one_of(hs.rare_text(4), hs.markup()))
def test_question_ask(world, subject, body, article):
    from apps.bureau import services_questions
    from apps.bureau.models import PolicyQuestion

    with _rolled_back():
        question = attempt(
            lambda: services_questions.question_ask(
                world.user("unit_admin"), subject=subject, text=body, article=article
            ),
            tables=[PolicyQuestion],
        )
        if question:
            _check_text(question, {"subject": subject, "text": body})


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

    with _rolled_back():
        version = attempt(
            lambda: services_documents.document_create(
                world.user("regional_officer"), kind=kind, title=title, body=body, summary=summary
            ),
            tables=[PolicyDocument, PolicyDocumentVersion],
        )
        if version:
            _check_text(version, {"body": body, "summary": summary})
            _check_text(version.document, {"title": title})


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
    with _rolled_back():
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
            _check_text(call, {"title": title, "work_plan": work_plan})
            assert call.funding_available == Decimal(funding.strip())


@hs.profile(examples=6)
@given(title=hs.hostile_text(), description=hs.hostile_text(), opens=hs.dates(), days=st.integers(-3, 90))
def test_collection_round_open(world, title, description, opens, days):
    from apps.demands import services as demands
    from apps.demands.models import CollectionRound

    closes = opens + timedelta(days=days) if date.min + timedelta(10) < opens < date.max - timedelta(100) else opens
    with _rolled_back():
        collection_round = attempt(
            lambda: demands.round_open(
                world.user("regional_officer"), title=title, opens_on=opens, closes_on=closes, description=description
            ),
            tables=[CollectionRound],
        )
        if collection_round:
            _check_text(collection_round, {"title": title, "description": description})


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

    with _rolled_back():
        pending = OrganizationFactory(status=Organization.Status.PENDING)
        from apps.accounts.tests.factories import UserFactory
        from apps.core.roles import Role

        admin = UserFactory(role=Role.UNIT_ADMIN, organization=pending)
        values = {"name": name, "credit_code": code, "address": address, "contact_phone": phone}
        updated = attempt(lambda: organizations.organization_update(admin, pending, values), tables=[Organization])
        if updated:
            _check_text(updated, {"name": name, "address": address})


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

    with _rolled_back():
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
            _check_text(partnership, {"contribution": contribution})


# ---------------------------------------------------------------- the public (Art. 12: objections to a notice)


@hs.profile(examples=6)
@given(name=hs.hostile_text(), contact=hs.hostile_text(long=False), body=hs.hostile_text())
def test_objection_submit(world, name, contact, body):
    from apps.portal import services as portal
    from apps.portal.models import Objection
    from apps.portal.tests.factories import PublicNoticeFactory

    with _rolled_back():
        notice = PublicNoticeFactory(starts_on=clock.today())
        objection = attempt(
            lambda: portal.objection_submit(notice, name=name, contact=contact, text=body), tables=[Objection]
        )
        if objection:
            _check_text(objection, {"name": name, "contact": contact, "text": body})
