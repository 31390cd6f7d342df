import datetime

import factory

from apps.core import clock
from apps.portal.models import Announcement, Objection, PublicNotice
from apps.reference.selectors import working_calendar


class AnnouncementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Announcement

    title = factory.Sequence(lambda n: f"关于第{n}批事项的公告")
    body = "公告正文。\n\n第二段。"
    kind = Announcement.Kind.OTHER


class PublicNoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicNotice

    title = factory.Sequence(lambda n: f"拟立项名单公示（第{n}批）")
    body = "公示正文。"
    kind = PublicNotice.Kind.SELECTION
    starts_on = factory.LazyFunction(clock.today)
    working_days = 5
    ends_on = factory.LazyAttribute(lambda o: working_calendar().period_end(o.starts_on, o.working_days))
    contact = "自治区知识产权局 0471-0000000"


class EndedNoticeFactory(PublicNoticeFactory):
    starts_on = factory.LazyFunction(lambda: clock.today() - datetime.timedelta(days=30))


class ObjectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objection

    notice = factory.SubFactory(PublicNoticeFactory)
    name = "李四"
    contact = "13900000000"
    text = "该单位研发投入数据与实际不符。"
