"""The public notice's minimum length is the bureau's parameter (portal.rules.NOTICE_DAYS): the regional officer
changes it on the parameters page, audited, and the notices opened afterwards use it."""

import pytest
from django.urls import reverse

from apps.audit.models import AuditEntry
from apps.core import clock
from apps.core.errors import DomainError
from apps.portal import rules, services
from apps.reference.selectors import working_calendar

pytestmark = pytest.mark.django_db

EDIT = reverse("parameters:edit", args=["portal.notice_days"])


def _change_on_the_page(client, value, reason="局务会决定延长公示期"):
    return client.post(EDIT, {"value": str(value), "reason": reason, "expected": str(rules.NOTICE_DAYS.value())})


def test_the_parameters_page_changes_the_notice_days_and_the_change_is_audited(world, client_for):
    response = _change_on_the_page(client_for("regional_officer"), 7)
    assert response.status_code == 302
    assert rules.NOTICE_DAYS.value() == 7
    entry = AuditEntry.objects.get(action="parameter.update")
    assert entry.actor == world.user("regional_officer")
    assert entry.before == {"value": "5"} and entry.after == {"value": "7"}
    assert entry.message == "局务会决定延长公示期" and "portal.notice_days" in entry.object_repr


def test_a_public_notice_opened_after_the_change_uses_the_new_days(world, client_for):
    officer = world.user("regional_officer")
    before = services.public_notice_open(officer, title="变更前", body="名单")
    assert before.working_days == 5
    _change_on_the_page(client_for("regional_officer"), 7)
    notice = services.public_notice_open(officer, title="拟立项名单公示", body="名单")
    assert notice.working_days == 7
    assert notice.ends_on == working_calendar().period_end(clock.today(), 7)
    with pytest.raises(DomainError) as exc:
        services.public_notice_open(officer, title="太短", body="名单", working_days=6)
    assert "7" in exc.value.message
    before.refresh_from_db()
    assert before.working_days == 5  # a notice already open keeps its period


def test_the_notice_form_asks_for_the_new_minimum(world, client_for):
    client = client_for("regional_officer")
    _change_on_the_page(client, 8)
    page = client.get(reverse("portal:notice_create")).content.decode()
    assert 'min="8"' in page and 'value="8"' in page


def test_notice_days_outside_the_bounds_are_refused_naming_the_bounds_and_nothing_changes(world, client_for):
    response = _change_on_the_page(client_for("regional_officer"), 4)
    assert response.status_code == 200
    assert "须在 5 至 30 个工作日之间" in response.content.decode()
    assert rules.NOTICE_DAYS.value() == 5
    assert not AuditEntry.objects.filter(action="parameter.update").exists()
    notice = services.public_notice_open(world.user("regional_officer"), title="公示", body="名单")
    assert notice.working_days == 5


def test_a_notice_longer_than_the_ceiling_is_refused(world):
    with pytest.raises(DomainError):
        services.public_notice_open(
            world.user("regional_officer"), title="过长", body="名单", working_days=rules.NOTICE_MAX_DAYS + 1
        )
