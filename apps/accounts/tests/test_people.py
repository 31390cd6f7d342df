import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from apps.accounts import conflicts, services
from apps.accounts.models import ExpertConflict, User
from apps.accounts.tests.factories import PASSWORD
from apps.core.errors import DomainError, PermissionDenied
from apps.core.roles import Role

pytestmark = pytest.mark.django_db


def test_unit_admin_adds_a_colleague_who_must_change_the_password(world):
    member, temporary = services.create_unit_member(world.user("unit_admin"), username="colleague", full_name="同事")
    assert member.organization == world.org and member.role == Role.UNIT_MEMBER and member.must_change_password
    assert member.check_password(temporary)


def test_unit_admin_cannot_disable_another_organizations_account(world):
    with pytest.raises(PermissionDenied):
        services.set_unit_member_active(world.user("unit_admin"), world.user("unit_admin_other"), False)


def test_unit_member_cannot_add_accounts(world):
    with pytest.raises(PermissionDenied):
        services.create_unit_member(world.user("unit_member"), username="x", full_name="x")


def test_expert_declares_and_withdraws_a_conflict(world):
    expert = world.user("expert")
    conflict = services.declare_conflict(expert, world.org, "曾在该单位任职")
    assert conflicts.reason(expert, [conflicts.Party.of(world.org, conflicts.LEAD_UNIT)])
    with pytest.raises(DomainError):
        services.declare_conflict(expert, world.org, "again")
    with pytest.raises(DomainError):
        services.declare_conflict(expert, world.org_other, " ")
    services.withdraw_conflict(expert, conflict)
    assert not ExpertConflict.objects.exists()


def test_expert_affiliation_counts_as_a_conflict(world, client_for):
    from apps.reference.models import Industry

    client_for("expert").post(
        reverse("accounts:expert_profile"),
        {
            "form": "profile",
            "title": "教授",
            "fields": "稀土",
            "industries": [Industry.objects.first().pk],
            "affiliation": world.org.pk,
            "affiliation_name": "",
        },
    )
    expert = User.objects.get(username="expert")
    assert conflicts.conflicts(expert, [conflicts.Party.of(world.org, conflicts.LEAD_UNIT)])[0].kind == (
        conflicts.SAME_ORGANIZATION
    )


@pytest.mark.django_db(transaction=True)  # the real worker closes its connection when done
def test_password_reset_by_email_link(world, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    user = world.user("unit_member")
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"username": user.username, "email": user.email})
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/password/reset/" in line)
    path = link[link.index("/accounts/") :]
    response = client.post(path, {"new_password": "Another-Good-Pass-1", "new_password2": "Another-Good-Pass-1"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Another-Good-Pass-1")
    assert client.get(path).status_code == 400  # a used link is no longer valid


def test_password_reset_does_not_reveal_whether_an_account_exists(world):
    client = Client()
    a = client.post(reverse("accounts:password_reset"), {"username": "nobody", "email": "n@x.cn"})
    b = client.post(
        reverse("accounts:password_reset"), {"username": world.user("unit_member").username, "email": "wrong@x.cn"}
    )
    assert a.status_code == b.status_code == 302
    assert not User.objects.get(username="unit_member").check_password("x") and PASSWORD


def test_an_empty_expert_profile_is_refused(world, client_for):
    with pytest.raises(DomainError):
        services.update_expert_profile(
            world.user("expert"), title="", fields="", industries=[], affiliation=None, affiliation_name=""
        )
    response = client_for("expert").post(reverse("accounts:expert_profile"), {"form": "profile", "title": ""})
    assert response.status_code == 200 and response.context["form"].errors
