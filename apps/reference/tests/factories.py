import datetime

import factory
from django.contrib.auth import get_user_model

from apps.core.roles import Role
from apps.reference.models import CalendarDay, CalendarYear


class OfficerFactory(factory.django.DjangoModelFactory):
    """A regional officer (reference sits below accounts: no accounts factory here)."""

    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"calendar-officer{n}")
    full_name = factory.Sequence(lambda n: f"日历管理员{n}")
    role = Role.REGIONAL_OFFICER


class CalendarDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarDay

    date = factory.Sequence(lambda n: datetime.date(2027, 3, 1) + datetime.timedelta(days=n))
    kind = CalendarDay.Kind.HOLIDAY
    note = "国务院办公厅通知"
    created_by = factory.SubFactory(OfficerFactory)


class CalendarYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarYear

    year = 2027
    source = "国务院办公厅关于2027年部分节假日安排的通知"
    confirmed_by = factory.SubFactory(OfficerFactory)
