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
