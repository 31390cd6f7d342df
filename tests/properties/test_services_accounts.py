"""The accounts' services that take typed values — the login (username, password, the human check), the second
factor and its registration (a six-digit code as typed), a password changed, reset by token or asked to be reset;
accounts created by a system administrator or a unit administrator, edited, a unit registering itself; the
security policy; an expert's profile, declared conflicts and former employers — called with generated hostile
values (issue 22).

The property is tests/properties/property.py's: accepted, what is stored is what was typed, normalised; refused,
a DomainError/ValidationError in Chinese and the accounts' and organizations' rows, the messages and the audit trail
as before. Two refusals write by design, and are checked for what they may write only: a failed login or second
factor counts the failure (the lockout rule: apps/accounts/security.py) and a password reset request is audited
whether or not the account exists (no account enumeration). Anything else raised is a fault."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from apps.core import text
from apps.core.errors import DomainError

from . import strategies as hs
from .property import CHINESE, attempt, check_text, fresh, rolled_back, tables_of


def _name_as_written(typed: str, registered: bool) -> str:
    """An organization's name as written (a conflict, a former employer): on one line, its spaces collapsed; none
    kept when a registered organization is chosen."""
    return "" if registered else " ".join(text.strip(text.normalise(typed, single_line=True)).split())


pytestmark = pytest.mark.django_db


def _accounts():
    return tables_of("accounts", "organizations")


def usernames():
    return st.one_of(
        st.sampled_from(["zhangsan", "unit_admin", "UNIT_ADMIN", "a" * 200, "张三", "user name", "x\x00y", ""]),
        hs.hostile_text(long=False),
    )


def passwords():
    return st.one_of(
        st.sampled_from(["Correct#Horse9Battery", "short", "", "\x00" * 12, "密码密码密码密码密码1A#", "x" * 5000]),
        hs.hostile_text(long=False),
    )


def codes():
    """A one-time code as typed: six digits, full width, with spaces, letters, too long, invisible characters."""
    return st.one_of(
        st.sampled_from(["123456", "１２３４５６", " 123 456 ", "12345", "1234567", "abcdef", "", "\x00" * 6]),
        hs.invisible_text(6),
        st.text(alphabet="0123456789", min_size=6, max_size=6),
    )


def _request(user=None):
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.8")
    request.session = SessionStore()
    request.user = user
    return request


def _refused_in_chinese(call):
    try:
        return call()
    except DomainError as exc:
        assert CHINESE.search(str(exc.message)), exc.message
        return None


# ---------------------------------------------------------------- logging in


@hs.profile(examples=6)
@given(username=usernames(), password=passwords(), human_check=hs.hostile_text(long=False))
def test_login_with_password(world, username, password, human_check):
    from apps.accounts import services
    from apps.accounts.models import User

    users = User.objects.count()
    with rolled_back():
        _refused_in_chinese(lambda: services.login_with_password(_request(), username, password, human_check))
        assert User.objects.count() == users


@hs.profile(examples=5)
@given(token=codes())
def test_verify_second_factor_and_enrollment(world, token):
    from apps.accounts import services
    from apps.accounts.models import User
    from apps.accounts.tests.factories import totp_device

    user = world.user("unit_member")
    with rolled_back():
        totp_device(user)
        _refused_in_chinese(lambda: services.verify_second_factor(_request(user), token))
        assert User.objects.count() == len(world.users)
    with rolled_back():
        request = _request(world.user("unit_admin"))
        services.pending_totp_device(request)
        attempt(lambda: services.confirm_totp_enrollment(request, token), tables=_accounts())


# ---------------------------------------------------------------- passwords


@hs.profile(examples=5)
@given(old=passwords(), new=passwords(), uidb64=hs.hostile_text(long=False), token=hs.hostile_text(long=False))
def test_change_and_reset_password(world, old, new, uidb64, token):
    from apps.accounts import services

    user = world.user("unit_member")
    with rolled_back():
        attempt(lambda: services.change_password(fresh(user), old, new), tables=_accounts())
    with rolled_back():
        attempt(lambda: services.reset_password_with_token(fresh(user), new), tables=_accounts())
    with rolled_back():
        assert services.user_for_reset_token(uidb64, token) is None


@hs.profile(examples=5)
@given(username=usernames(), email=st.one_of(st.sampled_from(["a@b.cn", "", "用户@例子.中国"]), hs.hostile_text()))
def test_request_password_reset(world, username, email):
    from apps.accounts import services
    from apps.accounts.models import User
    from apps.notifications.models import Message

    before = User.objects.count(), Message.objects.count()
    with rolled_back():
        services.request_password_reset(username, email)  # the same answer, account or not: never raises
        assert (User.objects.count(), Message.objects.count()) == before


# ---------------------------------------------------------------- accounts


def phones():
    return st.one_of(st.sampled_from(["13800000000", "0471-1234567", "１３８", ""]), hs.hostile_text(long=False))


def emails():
    return st.one_of(st.sampled_from(["a@b.cn", "a@@b", "", "用户@例子.中国", "<script>@x.cn"]), hs.rare_text(4))


@hs.profile(examples=6)
@given(username=usernames(), full_name=hs.hostile_text(), email=emails(), phone=phones(), admin=st.booleans())
def test_create_user_and_unit_member(world, username, full_name, email, phone, admin):
    from apps.accounts import services
    from apps.core.roles import Role

    with rolled_back():
        made = attempt(
            lambda: services.create_user(
                world.user("system_admin"),
                username=username,
                role=Role.UNIT_MEMBER,
                full_name=full_name,
                email=email,
                phone=phone,
                organization=world.org,
            ),
            tables=_accounts(),
        )
        if made:
            check_text(made[0], {"full_name": full_name})
    with rolled_back():
        made = attempt(
            lambda: services.create_unit_member(
                world.user("unit_admin"),
                username=username,
                full_name=full_name,
                email=email,
                phone=phone,
                as_admin=admin,
            ),
            tables=_accounts(),
        )
        if made:
            check_text(made[0], {"full_name": full_name})


@hs.profile(examples=5)
@given(full_name=hs.hostile_text(), email=emails(), phone=phones())
def test_update_user(world, full_name, email, phone):
    from apps.accounts import services

    with rolled_back():
        updated = attempt(
            lambda: services.update_user(
                world.user("system_admin"),
                fresh(world.user("unit_member")),
                full_name=full_name,
                email=email,
                phone=phone,
            ),
            tables=_accounts(),
        )
        if updated:
            check_text(updated, {"full_name": full_name})


@hs.profile(examples=5)
@given(
    values=st.dictionaries(
        st.sampled_from(
            [
                "password_max_age_days",
                "lockout_failures",
                "lockout_window_minutes",
                "lockout_minutes",
                "session_idle_minutes",
            ]
        ),
        st.one_of(st.integers(-5, 100_000), hs.integers_typed(), hs.money()),
        min_size=1,
        max_size=3,
    )
)
def test_update_security_policy(world, values):
    from apps.accounts import security, services

    before = security.policy().__dict__.copy()
    with rolled_back():
        attempt(lambda: services.update_security_policy(world.user("security_admin"), **values), tables=_accounts())
    with rolled_back():
        assert {k: getattr(security.policy(), k) for k in values} == {k: before[k] for k in values}


@hs.profile(examples=6)
@given(
    username=usernames(),
    password=passwords(),
    full_name=hs.hostile_text(),
    email=emails(),
    phone=phones(),
    name=hs.hostile_text(),
    code=hs.credit_codes(),
)
def test_register_unit(world, username, password, full_name, email, phone, name, code):
    from apps.accounts import services
    from apps.organizations.models import Organization

    with rolled_back():
        organization = Organization(name=name, credit_code=code, prefecture=world.prefecture)
        user = attempt(
            lambda: services.register_unit(
                organization=organization,
                username=username,
                password=password,
                full_name=full_name,
                email=email,
                phone=phone,
            ),
            tables=_accounts(),
        )
        if user:
            check_text(user, {"full_name": full_name})
            check_text(user.organization, {"name": name})


# ---------------------------------------------------------------- experts (conflicts of interest)


@hs.profile(examples=6)
@given(
    title=hs.hostile_text(),
    fields=hs.hostile_text(),
    affiliation_name=hs.hostile_text(),
    registered=st.booleans(),
    reason=hs.hostile_text(),
    organization_name=hs.hostile_text(),
    until=hs.dates(),
)
def test_expert_profile_conflicts_employers(
    world, title, fields, affiliation_name, registered, reason, organization_name, until
):
    from apps.accounts import services
    from apps.reference.models import Industry

    expert = world.user("expert")
    organization = world.org_other if registered else None
    with rolled_back():
        profile = attempt(
            lambda: services.update_expert_profile(
                fresh(expert),
                title=title,
                fields=fields,
                industries=list(Industry.objects.all()[:1]),
                affiliation=organization,
                affiliation_name=affiliation_name,
            ),
            tables=_accounts(),
        )
        if profile:
            typed = {"title": title, "fields": fields, "affiliation_name": affiliation_name}
            check_text(profile, typed, one_line=typed)
    with rolled_back():
        conflict = attempt(
            lambda: services.declare_conflict(fresh(expert), organization, reason, organization_name=organization_name),
            tables=_accounts(),
        )
        if conflict:
            check_text(conflict, {"reason": reason}, one_line={"reason"})
            assert conflict.organization_name == _name_as_written(organization_name, registered)
    with rolled_back():
        employment = attempt(
            lambda: services.add_former_employer(
                fresh(expert), organization=organization, organization_name=organization_name, until=until
            ),
            tables=_accounts(),
        )
        if employment:
            employment.refresh_from_db()
            assert employment.organization_name == _name_as_written(organization_name, registered)
