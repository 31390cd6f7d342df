from apps.organizations.models import Organization
from apps.organizations.tests.factories import OrganizationFactory
from tests.permissions import EVERY_LOGGED_IN, Row

OUTSIDERS = {
    "unit_admin_other",
    "prefecture_officer_other",
    "expert",
    "evaluator",
    "system_admin",
    "security_admin",
    "audit_admin",
}


def _org(w):
    return {"pk": w.org.pk}


def _pending(w):
    return {"pk": OrganizationFactory(prefecture=w.prefecture, status=Organization.Status.PENDING).pk}


def _rejected_own(w):
    Organization.objects.filter(pk=w.org.pk).update(status=Organization.Status.REJECTED)
    return {"pk": w.org.pk}


def _record(w):
    from apps.organizations.tests.factories import IntegrityRecordFactory

    return {"pk": w.org.pk, "record_pk": IntegrityRecordFactory(organization=w.org).pk}


MATRIX = [
    Row(
        "organizations:list",
        allow={"prefecture_officer", "prefecture_officer_other", "regional_officer"},
    ),
    Row(
        "organizations:list",
        allow={"prefecture_officer", "prefecture_officer_other", "regional_officer"},
        query="format=xlsx",
        note="the .xlsx export (apps.core.listing)",
    ),
    Row(
        "organizations:detail",
        _org,
        allow={"unit_admin", "unit_member", "prefecture_officer", "regional_officer"},
        hide=OUTSIDERS,
    ),
    Row("organizations:edit", _rejected_own, allow={"unit_admin"}, hide=OUTSIDERS),
    Row(
        "organizations:approve",
        _pending,
        method="post",
        allow={"prefecture_officer"},
        hide=EVERY_LOGGED_IN - {"prefecture_officer", "regional_officer"},
    ),
    Row(
        "organizations:reject",
        _pending,
        method="post",
        allow={"prefecture_officer"},
        hide=EVERY_LOGGED_IN - {"prefecture_officer", "regional_officer"},
    ),
    Row(
        "organizations:integrity_add",
        _org,
        method="post",
        allow={"prefecture_officer", "regional_officer"},
        hide=OUTSIDERS,
    ),
    Row(
        "organizations:integrity_remove",
        _record,
        method="post",
        allow={"prefecture_officer", "regional_officer"},
        hide=OUTSIDERS,
    ),
]
