"""No audit entry, no change: a state change rolls back when its audit entry cannot be written."""

import pytest
from django.db import DatabaseError

from apps.audit import services as audit
from apps.organizations import services
from apps.organizations.models import Organization
from apps.organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_change_rolls_back_when_the_audit_entry_cannot_be_written(monkeypatch, world):
    org = OrganizationFactory(prefecture=world.prefecture, status=Organization.Status.PENDING)

    def broken(*args, **kwargs):
        raise DatabaseError("audit table unavailable")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(DatabaseError):
        services.organization_approve(world.user("prefecture_officer"), org)
    org.refresh_from_db()
    assert org.status == Organization.Status.PENDING
