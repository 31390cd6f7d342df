"""A required text that a service takes is checked on the text as it will be stored, not on the raw value
(`apps.core.inputs.required_text` / `normalised_text`, the rule of `apps.core.text`): a value made only of
invisible characters — zero width space, direction override, NUL, white space, the ideographic space — is refused
with the service's own message and changes nothing, and invisible characters around a real text are not stored.
`str.strip()` keeps U+200B and U+202E, so `if not reason.strip()` let such a value through (a command, a task or
any caller without a form); the walk at the end keeps that check from coming back."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from apps.core import clock, inputs, text
from apps.core.errors import DomainError

pytestmark = pytest.mark.django_db

INVISIBLE = "\u200b\u202e\u0000 \t\u3000\ufeff\u2066\u200f"
TYPED = "依据自治区知识产权局文件办理"
WRAPPED = f"\u200b\u202e\u0000 \t\u3000{TYPED}\u2066\ufeff \u200b\n"
APPS = Path(__file__).resolve().parents[1] / "apps"


# ---------------------------------------------------------------- the helper on its own


@pytest.mark.parametrize("value", [INVISIBLE, "", None, "   ", "\u200b\u200d\u180e\ufe00", "\x0b\x0c\u2028"])
def test_required_text_refuses_a_value_that_shows_nothing(value):
    with pytest.raises(DomainError) as exc:
        inputs.required_text(value, message="请填写理由。", code="reason")
    assert (exc.value.message, exc.value.code) == ("请填写理由。", "reason")


def test_required_text_keeps_the_text_normalised_and_refuses_it_too_long():
    assert inputs.required_text(WRAPPED, message="x") == TYPED
    assert inputs.required_text("第一行\u2028第二行", message="x") == "第一行\n第二行"
    assert inputs.required_text("第一行\n第二行", message="x", single_line=True) == "第一行 第二行"
    assert inputs.required_text("ᠮᠣᠩᠭᠣᠯ\u180e\u200d", message="x") == "ᠮᠣᠩᠭᠣᠯ\u180e\u200d"  # Mongolian: kept
    with pytest.raises(DomainError) as exc:
        inputs.required_text("一" * 11, message="x", max_length=10, label="理由")
    assert exc.value.code == "too_long" and "10" in exc.value.message and "11" in exc.value.message


def test_a_form_field_cleans_by_the_same_rule():
    from django import forms

    from apps.core.forms import StyledForm

    class Form(StyledForm):
        reason = forms.CharField(widget=forms.Textarea)

    assert not Form(data={"reason": INVISIBLE}).is_valid()
    form = Form(data={"reason": WRAPPED})
    assert form.is_valid() and form.cleaned_data["reason"] == text.strip(text.normalise(WRAPPED)) == TYPED


# ---------------------------------------------------------------- every fixed service


@dataclass
class Case:
    """`prepare(world) -> ctx`; `call(ctx, value)` runs the service; `rows(ctx)` what must not change on a refusal;
    `stored(ctx, result)` the text stored from `value`; `code` the refusal's code."""

    prepare: Callable
    call: Callable
    stored: Callable
    code: str


def _audit_count():
    from apps.audit.models import AuditEntry

    return AuditEntry.objects.count()


def _organization_reject():
    from apps.organizations import services
    from apps.organizations.models import Organization

    def prepare(world):
        Organization.objects.filter(pk=world.org.pk).update(status=Organization.Status.PENDING)
        world.org.refresh_from_db()
        return world

    def call(world, value):
        return services.organization_reject(world.user("prefecture_officer"), world.org, reason=value)

    return Case(prepare, call, lambda world, org: org.review_note, "reason")  # the workflow engine's own check


def _integrity_record_remove():
    from apps.audit.models import AuditEntry
    from apps.organizations import services

    def prepare(world):
        world.record = services.integrity_record_add(
            world.user("prefecture_officer"),
            world.org,
            kind="dishonest",
            source="法院",
            since=date(2024, 1, 1),
            until=None,
        )
        return world

    def call(world, value):
        return services.integrity_record_remove(world.user("prefecture_officer"), world.record, reason=value)

    def stored(world, record):
        assert record.is_deleted
        return AuditEntry.objects.filter(action="integrity.remove").get().message

    return Case(prepare, call, stored, "refused")


def _declare_conflict():
    from apps.accounts import services

    def call(world, value):
        return services.declare_conflict(world.user("expert"), world.org_other, value)

    return Case(lambda world: world, call, lambda world, conflict: conflict.reason, "refused")


def _expert_profile():
    from apps.accounts import services
    from apps.reference.models import Industry

    def call(world, value):
        return services.update_expert_profile(
            world.user("expert"),
            title=value,
            fields="稀土功能材料",
            industries=list(Industry.objects.all()[:1]),
            affiliation=world.org,
            affiliation_name="",
        )

    return Case(lambda world: world, call, lambda world, profile: profile.title, "refused")


def _parameter_update():
    from apps.audit.models import AuditEntry
    from apps.parameters import services

    def call(world, value):
        return services.parameter_update(world.user("regional_officer"), "portal.notice_days", value=6, reason=value)

    def stored(world, row):
        return AuditEntry.objects.filter(action="parameter.update").get().message

    return Case(lambda world: world, call, stored, "reason")


def _calendar_day_add():
    from apps.reference import services

    def call(world, value):
        return services.calendar_day_add(
            world.user("regional_officer"), day=date(2099, 3, 11), kind="holiday", note=value
        )

    return Case(lambda world: world, call, lambda world, day: day.note, "refused")


def _announcement_publish():
    from apps.portal import services

    def call(world, value):
        return services.announcement_publish(world.user("regional_officer"), title=value, body="公告正文")

    return Case(lambda world: world, call, lambda world, announcement: announcement.title, "refused")


def _question_ask():
    from apps.bureau import services_questions

    def call(world, value):
        return services_questions.question_ask(world.user("unit_admin"), subject="联合申报", text=value)

    return Case(lambda world: world, call, lambda world, question: question.text, "text")


def _document_create():
    from apps.bureau import services_documents

    def call(world, value):
        return services_documents.document_create(
            world.user("regional_officer"), kind="rules", title="制度", body=value
        )

    return Case(lambda world: world, call, lambda world, version: version.body, "body")


def _showcase_create():
    from apps.bureau import services_showcases

    def call(world, value):
        return services_showcases.showcase_create(world.user("regional_officer"), title=value, body="经验正文")

    return Case(lambda world: world, call, lambda world, showcase: showcase.title, "title")


def _round_open():
    from apps.demands import services

    def call(world, value):
        today = clock.today()
        return services.round_open(
            world.user("regional_officer"), title=value, opens_on=today, closes_on=today + timedelta(days=30)
        )

    return Case(lambda world: world, call, lambda world, row: row.title, "refused")


def _allocate_support():
    from apps.centers import funding
    from apps.centers.tests.funding_setup import running_center

    def prepare(world):
        world.center = running_center(world)
        return world

    def call(world, value):
        return funding.allocate_support(
            world.user("regional_officer"),
            world.center,
            amount="1000",
            occurred_on=None,
            document_number="内知字〔2027〕1号",
            reason=value,
        )

    return Case(prepare, call, lambda world, entry: entry.description, "required")


CASES = {
    "core.workflow (organizations.organization_reject)": _organization_reject,
    "organizations.integrity_record_remove": _integrity_record_remove,
    "accounts.declare_conflict": _declare_conflict,
    "accounts.update_expert_profile": _expert_profile,
    "parameters.parameter_update": _parameter_update,
    "reference.calendar_day_add": _calendar_day_add,
    "portal.announcement_publish": _announcement_publish,
    "bureau.question_ask": _question_ask,
    "bureau.document_create": _document_create,
    "bureau.showcase_create": _showcase_create,
    "demands.round_open": _round_open,
    "centers.funding.allocate_support": _allocate_support,
}


def _rows() -> dict:
    """Every table's row count and the audit trail: a refusal changes none of them."""
    from django.apps import apps

    models = [m for m in apps.get_models() if m.__module__.startswith("apps.")]
    return {m._meta.label: m._default_manager.count() for m in models}


@pytest.mark.parametrize("name", list(CASES))
def test_only_invisible_characters_are_refused_and_nothing_changes(world, name):
    case = CASES[name]()
    ctx = case.prepare(world)
    before = _rows()
    with pytest.raises(DomainError) as exc:
        case.call(ctx, INVISIBLE)
    assert exc.value.code == case.code, exc.value.message
    assert re.search("[\u4e00-\u9fff]", str(exc.value.message)), exc.value.message  # a Chinese message
    assert _rows() == before


@pytest.mark.parametrize("name", list(CASES))
def test_invisible_characters_around_a_text_are_not_stored(world, name):
    case = CASES[name]()
    ctx = case.prepare(world)
    result = case.call(ctx, WRAPPED)
    assert case.stored(ctx, result) == TYPED


# ---------------------------------------------------------------- issue 22: nothing typed is cut


def test_the_support_reason_is_stored_whole_or_refused_never_cut(world):
    from apps.centers.models import LedgerEntry

    case = _allocate_support()
    ctx = case.prepare(world)
    limit = LedgerEntry._meta.get_field("description").max_length
    before = _rows()
    with pytest.raises(DomainError) as exc:
        case.call(ctx, "理" * (limit + 1))
    assert exc.value.code == "too_long"
    assert str(limit) in exc.value.message and str(limit + 1) in exc.value.message
    assert _rows() == before
    entry = case.call(ctx, "由" * limit)
    entry.refresh_from_db()
    assert entry.description == "由" * limit


# ---------------------------------------------------------------- the kind cannot come back

RAW_STRIP_CHECK = re.compile(
    r"""if\s+not\s+(?:\(\s*)?(?:str\()?[A-Za-z_][\w.]*(?:\([^()]*\))?(?:\s+or\s+(?:""|''))?\)?\s*\)?\.strip\(\)"""
)


def test_no_service_checks_a_required_text_with_strip_on_the_raw_value():
    """`if not reason.strip()` / `if not (reason or "").strip()` in a service: use `inputs.required_text` (or
    `inputs.normalised_text` and test the result), which normalises first."""
    found = []
    for path in sorted(APPS.glob("*/services*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if RAW_STRIP_CHECK.search(line):
                found.append(f"{path.relative_to(APPS.parent)}:{number}: {line.strip()}")
    assert not found, "required text checked with .strip() on the raw value:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "line",
    [
        "    if not reason.strip():",
        '    if not (reason or "").strip():',
        '    if not str(reason or "").strip():',
        '    if not (values.get("head_name") or "").strip():',
    ],
)
def test_the_walk_recognises_the_raw_strip_check(line):
    assert RAW_STRIP_CHECK.search(line)
