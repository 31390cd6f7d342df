"""A small standard world for permission and view tests: two prefectures, their units and officers, and one
account of every other role. Objects belong to prefecture A unless named `_other`."""

from dataclasses import dataclass

from django_otp import DEVICE_ID_SESSION_KEY

from apps.accounts.tests.factories import ExpertProfileFactory, UserFactory, totp_device
from apps.core.roles import Role
from apps.organizations.models import Organization
from apps.organizations.tests.factories import OrganizationFactory
from apps.reference.models import Prefecture
from apps.reference.services import ensure_reference_data

ACTORS = (
    "anonymous",
    "unit_admin",
    "unit_member",
    "unit_admin_other",
    "prefecture_officer",
    "prefecture_officer_other",
    "regional_officer",
    "expert",
    "evaluator",
    "system_admin",
    "security_admin",
    "audit_admin",
)


@dataclass
class World:
    prefecture: Prefecture
    prefecture_other: Prefecture
    org: Organization
    org_other: Organization
    evaluator_org: Organization
    users: dict

    def user(self, actor):
        return self.users.get(actor)


def build_world() -> World:
    ensure_reference_data()
    pref_a = Prefecture.objects.get(code="150100")
    pref_b = Prefecture.objects.get(code="150200")
    org = OrganizationFactory(name="甲企业", prefecture=pref_a)
    org_other = OrganizationFactory(name="乙企业", prefecture=pref_b)
    evaluator_org = OrganizationFactory(name="评估机构", prefecture=pref_a, kind=Organization.Kind.EVALUATOR)
    users = {
        "unit_admin": UserFactory(username="unit_admin", role=Role.UNIT_ADMIN, organization=org),
        "unit_member": UserFactory(username="unit_member", role=Role.UNIT_MEMBER, organization=org),
        "unit_admin_other": UserFactory(username="unit_admin_other", role=Role.UNIT_ADMIN, organization=org_other),
        "prefecture_officer": UserFactory(username="pref_a", role=Role.PREFECTURE_OFFICER, prefecture=pref_a),
        "prefecture_officer_other": UserFactory(username="pref_b", role=Role.PREFECTURE_OFFICER, prefecture=pref_b),
        "regional_officer": UserFactory(username="regional", role=Role.REGIONAL_OFFICER),
        "expert": ExpertProfileFactory(user__username="expert").user,
        "evaluator": UserFactory(username="evaluator", role=Role.EVALUATOR, organization=evaluator_org),
        "system_admin": UserFactory(username="sysadmin", role=Role.SYSTEM_ADMIN),
        "security_admin": UserFactory(username="secadmin", role=Role.SECURITY_ADMIN),
        "audit_admin": UserFactory(username="auditadmin", role=Role.AUDIT_ADMIN),
    }
    return World(pref_a, pref_b, org, org_other, evaluator_org, users)


def login(client, user) -> None:
    """Log in as a fully verified user (second factor done), as the browser would be after login."""
    device = user.totpdevice_set.filter(confirmed=True).first() or totp_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
