"""The notifications' demo: three users' settings through the service, loaded once."""

import datetime

import pytest

from apps.notifications import demo
from apps.notifications.models import EmailMode, Kind, NotificationPreference

pytestmark = pytest.mark.django_db


def test_the_demo_settings_are_loaded_once(world):
    users = {key: world.user(key) for key in ("regional_officer", "prefecture_officer", "unit_admin")}
    made = demo.load(users)
    assert set(made) == set(users)
    regional = NotificationPreference.objects.get(user=users["regional_officer"])
    assert regional.digest_time == datetime.time(8, 30) and regional.mode(Kind.TASK) == EmailMode.IMMEDIATE
    assert regional.mode(Kind.CENTERS) == EmailMode.DIGEST
    assert demo.load(users) == {}
    assert NotificationPreference.objects.count() == 3
