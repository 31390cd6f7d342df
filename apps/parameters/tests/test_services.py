"""Changing a rule parameter: the regional officer only, inside the bounds, with a reason, audited in the same
transaction; a refusal changes nothing."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError

from apps.audit import services as audit
from apps.audit.models import AuditEntry
from apps.core import clock as business_clock
from apps.core.errors import ConcurrentChange, DomainError, PermissionDenied
from apps.parameters import services
from apps.parameters.models import Parameter

pytestmark = pytest.mark.django_db


def _entries():
    return AuditEntry.objects.filter(action="parameter.update")


def test_the_officer_changes_a_parameter_and_the_change_is_audited(world, sample):
    officer = world.user("regional_officer")
    row = services.parameter_update(officer, "tests.sample", value="12", reason="局务会决定", expected="10")
    assert sample.value() == 12
    assert row.updated_by == officer and row.updated_at is not None
    entry = _entries().get()
    assert entry.actor == officer and entry.object_id == str(row.pk)
    assert entry.before == {"value": "10"} and entry.after == {"value": "12"}
    assert entry.message == "局务会决定"
    services.parameter_update(officer, "tests.sample", value=8, reason="恢复")
    assert sample.value() == 8 and Parameter.objects.count() == 1
    assert _entries().order_by("-seq").first().before == {"value": "12"}


def test_the_change_stamps_the_business_clock(world, sample, clock):
    clock.set(datetime.date(2030, 6, 1))  # not `now().replace(year=2030)`: no 29 February in 2030
    row = services.parameter_update(world.user("regional_officer"), "tests.sample", value=3, reason="演示")
    assert row.updated_at.year == 2030


@pytest.mark.parametrize("value", ["1", "21", "-3", "2.5", "abc", ""])
def test_a_value_outside_the_bounds_is_refused_and_nothing_changes(world, sample, value):
    with pytest.raises(DomainError) as exc:
        services.parameter_update(world.user("regional_officer"), "tests.sample", value=value, reason="试")
    assert exc.value.message
    assert sample.value() == 10
    assert not Parameter.objects.exists() and not _entries().exists()


def test_the_refusal_names_the_bounds_in_chinese(world, sample):
    with pytest.raises(DomainError) as exc:
        services.parameter_update(world.user("regional_officer"), "tests.sample", value=21, reason="试")
    assert exc.value.code == "bounds"
    assert "须在 2 至 20 个之间" in exc.value.message


def test_a_decimal_parameter_takes_its_places(world, share):
    officer = world.user("regional_officer")
    services.parameter_update(officer, "tests.share", value="0.80", reason="解释")
    assert share.value() == Decimal("0.80")
    with pytest.raises(DomainError):
        services.parameter_update(officer, "tests.share", value="0.805", reason="解释")
    with pytest.raises(DomainError):
        services.parameter_update(officer, "tests.share", value="1.01", reason="解释")
    assert share.value() == Decimal("0.80")


@pytest.mark.parametrize(
    "actor",
    ["prefecture_officer", "unit_admin", "expert", "evaluator", "system_admin", "security_admin", "audit_admin"],
)
def test_only_the_regional_officer_changes_parameters(world, sample, actor):
    with pytest.raises(PermissionDenied):
        services.parameter_update(world.user(actor), "tests.sample", value=12, reason="越权")
    assert not Parameter.objects.exists() and not _entries().exists()


def test_a_reason_is_required_and_an_unknown_key_or_an_unchanged_value_is_refused(world, sample):
    officer = world.user("regional_officer")
    with pytest.raises(DomainError) as exc:
        services.parameter_update(officer, "tests.sample", value=12, reason="  ")
    assert exc.value.code == "reason"
    with pytest.raises(DomainError) as exc:
        services.parameter_update(officer, "tests.nothing", value=12, reason="试")
    assert exc.value.code == "unknown"
    with pytest.raises(DomainError) as exc:
        services.parameter_update(officer, "tests.sample", value=10, reason="试")
    assert exc.value.code == "unchanged"
    assert not _entries().exists()


def test_a_form_shown_before_someone_else_changed_the_value_is_refused(world, sample):
    officer = world.user("regional_officer")
    services.parameter_update(officer, "tests.sample", value=12, reason="甲", expected="10")
    with pytest.raises(ConcurrentChange):
        services.parameter_update(officer, "tests.sample", value=15, reason="乙", expected="10")
    assert sample.value() == 12 and _entries().count() == 1


def test_the_change_rolls_back_when_its_audit_entry_cannot_be_written(world, sample, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        services.parameter_update(world.user("regional_officer"), "tests.sample", value=12, reason="试")
    assert not Parameter.objects.exists() and sample.value() == 10


def test_the_database_refuses_a_negative_value():
    with pytest.raises(IntegrityError):
        Parameter.objects.create(key="tests.sample", value=Decimal("-1"), updated_at=business_clock.now())


def test_a_value_stored_before_the_bounds_were_narrowed_gives_the_nearest_bound(sample):
    Parameter.objects.create(key="tests.sample", value=Decimal("40"), updated_at=business_clock.now())
    assert sample.value() == 20
