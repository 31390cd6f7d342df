import datetime
from decimal import Decimal

import factory

from apps.calls.models import Call, Topic, TopicIndicator
from apps.core import clock
from apps.reference.models import Industry


def _today():
    return clock.today()


class CallFactory(factory.django.DjangoModelFactory):
    """A draft whose window is open around today."""

    class Meta:
        model = Call

    year = factory.LazyFunction(lambda: _today().year)
    title = factory.Sequence(lambda n: f"内蒙古高价值专利培育中心揭榜挂帅榜单（第{n}批）")
    guide = "申报指南正文。"
    work_plan = "年度工作方案。"
    applications_open = factory.LazyFunction(lambda: _today() - datetime.timedelta(days=5))
    applications_close = factory.LazyFunction(lambda: _today() + datetime.timedelta(days=25))
    recommendation_deadline = factory.LazyFunction(lambda: _today() + datetime.timedelta(days=40))
    funding_available = Decimal("9000000.00")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        skip_postgeneration_save = True

    call = factory.SubFactory(CallFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"稀土功能材料高价值专利培育{n}")
    industry = factory.LazyFunction(lambda: Industry.objects.get(code="rare-earth"))
    technical_field = "稀土永磁"
    requirements = "建设要求。"
    funding_cap = Decimal("3000000.00")

    @factory.post_generation
    def indicators(obj, create, extracted, **kwargs):
        if not create:
            return
        rows = extracted if extracted is not None else [("发明专利授权量", "件", Decimal("30"))]
        for i, (name, unit, target) in enumerate(rows):
            TopicIndicator.objects.create(topic=obj, name=name, unit=unit, minimum_target=target, order=i)


def published_call(**kwargs) -> Call:
    call = CallFactory(**kwargs)
    TopicFactory(call=call, number=1)
    Call.objects.filter(pk=call.pk).update(status=Call.Status.PUBLISHED, published_at=clock.now())
    call.refresh_from_db()
    return call
