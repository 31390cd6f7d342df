"""Issue 13 §2 for accounts: every phone field takes a Chinese phone number only, a former employment's date has a
sane range, and the security policy's MLPS bounds are in the database too."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.accounts import services
from apps.accounts.forms import UnitMemberForm, UnitRegistrationForm, UserCreateForm
from apps.accounts.models import ExpertEmployment, SecurityPolicy, User
from apps.core.errors import DomainError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("form_class", [UnitRegistrationForm, UserCreateForm, UnitMemberForm])
def test_every_phone_field_refuses_markup(form_class):
    form = form_class({"phone": "abc<script>"})
    form.is_valid()
    assert form.errors["phone"][0].startswith("请填写有效的电话号码")
    form = form_class({"phone": "13912345678"})
    form.is_valid()
    assert "phone" not in form.errors


def test_the_service_refuses_a_bad_phone_that_arrives_without_a_form(world):
    with pytest.raises((DomainError, ValidationError)):
        services.create_user(world.user("system_admin"), username="new_one", role="expert", phone="abc<script>")
    assert not User.objects.filter(username="new_one").exists()


def test_a_former_employment_ending_in_year_1_or_9999_is_refused(world):
    profile = world.user("expert").expert_profile
    for value in (date(1, 1, 1), date(9999, 12, 31)):
        with pytest.raises((DomainError, ValidationError)):
            services.add_former_employer(
                world.user("expert"), organization=world.org, organization_name="", until=value
            )
        with pytest.raises(IntegrityError), transaction.atomic():
            ExpertEmployment.objects.bulk_create(
                [ExpertEmployment(expert=profile, organization=world.org, until=value)]
            )
    assert not ExpertEmployment.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("session_idle_minutes", 120), ("session_idle_minutes", 1), ("lockout_failures", 1), ("password_max_age_days", 0)],
)
def test_the_security_policy_bounds_are_in_the_database(field, value):
    from apps.accounts import security

    policy = security.policy()
    with pytest.raises(IntegrityError), transaction.atomic():
        SecurityPolicy.objects.filter(pk=policy.pk).update(**{field: value})


# ---------------------------------------------------------------- issue 22: faults generated input found


def test_a_username_holding_nul_is_read_as_stored_never_sent_raw_to_the_database(world, rf):
    """A username is looked up as its save stores it (normalised: no NUL, no U+200B): PostgreSQL refuses NUL in a
    query (DataError, a 500) when a service is called without a form (create, register, log in, reset)."""
    from django.contrib.sessions.backends.db import SessionStore

    user, _password = services.create_user(
        world.user("system_admin"), username="new\x00one", role="unit_member", organization=world.org
    )
    assert user.username == "newone"
    with pytest.raises(DomainError, match="用户名"):  # the same account: taken, not a second "newone"
        services.create_unit_member(world.user("unit_admin"), username="\x00newone", full_name="张三")
    with pytest.raises(ValidationError):  # a zero width space inside: not a valid username, said in Chinese
        services.create_unit_member(world.user("unit_admin"), username="new\u200bone", full_name="张三")
    services.request_password_reset("x\x00y", "a\x00@b.cn")  # the same answer as for anyone: no error
    request = rf.post("/")
    request.session, request.user = SessionStore(), None
    with pytest.raises(DomainError):
        services.login_with_password(request, "unit_admin\x00", "wrong-password")


def test_a_security_policy_number_typed_as_text_is_read_or_refused_never_compared_raw(world):
    admin = world.user("security_admin")
    assert services.update_security_policy(admin, lockout_minutes="45").lockout_minutes == 45
    for typed in ("45.5", "1_0", "abc", "１０"):
        with pytest.raises(DomainError) as exc:
            services.update_security_policy(admin, lockout_minutes=typed)
        assert "数字" in exc.value.message
    assert SecurityPolicy.objects.get().lockout_minutes == 45


def test_an_organization_name_of_invisible_characters_only_is_no_name(world):
    """`" ".join(name.split())` keeps U+200B: the name passed, was stored empty and hit the database's "a
    conflict names an organization" constraint (IntegrityError). It is read as stored, then checked."""
    from apps.accounts.models import ExpertConflict

    for call in (
        lambda: services.declare_conflict(world.user("expert"), None, "曾任顾问", organization_name="\u200b\u202e"),
        lambda: services.add_former_employer(world.user("expert"), organization_name="\u200b", until=date(2024, 1, 1)),
    ):
        with pytest.raises(DomainError, match=r"组织|单位|名称"):
            call()
    assert not ExpertConflict.objects.exists()
