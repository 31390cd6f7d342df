import pytest
from django.core.management import call_command

from apps.accounts.models import User
from apps.audit.services import verify
from apps.core.roles import Role
from apps.demo.accounts import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_demo_has_an_account_for_every_role_and_work_in_every_domain_and_loads_once(capsys):
    from apps.applications.models import Application
    from apps.calls.models import Call
    from apps.demands.models import Demand

    call_command("load_demo")
    assert Demand.objects.exists() and Call.objects.exists() and Application.objects.exists()
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    assert User.objects.get(username="regional").check_password(DEMO_PASSWORD)
    assert User.objects.filter(role=Role.PREFECTURE_OFFICER).count() == 14
    count = User.objects.count()
    call_command("load_demo")
    assert User.objects.count() == count
    out = capsys.readouterr().out
    assert "regional" in out and DEMO_PASSWORD in out
    assert verify() is None  # the demo's history is a valid audit chain
