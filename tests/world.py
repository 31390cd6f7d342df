"""A small standard world for permission and view tests: two prefectures, their units and officers, and one
account of every other role. Objects belong to prefecture A unless named `_other`.

`build_world()` makes it for one test (the root conftest's `world` fixture); `shared_world()` makes it once for a
whole module, with one verified session per actor, inside a transaction that is rolled back when the module ends
(the permission matrix: docs/HELPERS.md, "Data made once for many tests")."""

import copy
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from apps.accounts.tests.factories import ExpertProfileFactory, UserFactory, totp_device
from apps.core.roles import Role
from apps.organizations.models import Organization
from apps.organizations.tests.factories import OrganizationFactory
from apps.reference.models import Prefecture
from apps.reference.services import ensure_reference_data
from tests.shared import in_savepoint_of, outer_transaction

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


class SharedWorld:
    """The world and a verified session per actor, made once inside a transaction never committed (`shared_world`).
    A test in a transaction of its own (pytest-django's `db`: a savepoint inside that one) takes `fresh()` and
    `client(actor)`; its rollback takes the database back to the world as built, sessions included."""

    def __init__(self, world: World, sessions: dict[str, str], outer):
        self._world = world  # never handed out: each test gets a deep copy
        self._sessions = sessions
        self._outer = outer

    def fresh(self) -> World:
        """A deep copy of the world's instances as built, as Django's TestCase gives each test setUpTestData's
        objects: what a test changes in memory (a service setting an attribute, a cached relation) stays in its
        copy, and what it changes in the database is rolled back with its savepoint."""
        if not in_savepoint_of(self._outer):  # gone (the connection closed), or a transactional test
            raise RuntimeError("a test of the shared world runs in a savepoint of its transaction (pytest-django's db)")
        return copy.deepcopy(self._world)

    def client(self, actor: str) -> Client:
        """A new test client carrying the actor's session (none for "anonymous"): a response of the test before
        may have rotated or ended that client's session, never this one's (the test's rollback restored the row)."""
        client = Client()
        if actor != "anonymous":
            client.cookies[settings.SESSION_COOKIE_NAME] = self._sessions[actor]
        return client


@contextmanager
def shared_world(django_db_blocker):
    """The world built once, and each actor logged in once (second factor done), in an outer transaction that is
    rolled back on leaving, whatever happened (tests/shared.py): no test of another module ever sees it. For a
    module-scoped fixture, which pytest tears down before a test of another module runs (with xdist or a shuffled
    order, a worker may build it more than once: each time in a new transaction). Every test of the module that
    touches the database must use it."""
    with outer_transaction(django_db_blocker) as outer:
        with django_db_blocker.unblock():
            world = build_world()
            sessions = {}
            for actor, user in world.users.items():
                client = Client()
                login(client, user)
                sessions[actor] = client.cookies[settings.SESSION_COOKIE_NAME].value
        yield SharedWorld(world, sessions, outer)
