import datetime

import factory

from apps.accounts.tests.factories import ExpertProfileFactory
from apps.core import clock
from apps.demands.models import Argument, CollectionRound, Demand, new_receipt_number
from apps.reference.models import Industry


def industry(code="rare-earth"):
    return Industry.objects.get(code=code)


class CollectionRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectionRound

    title = factory.Sequence(lambda n: f"2026年第{n}批需求征集")
    opens_on = factory.LazyFunction(lambda: clock.today() - datetime.timedelta(days=10))
    closes_on = factory.LazyFunction(lambda: clock.today() + datetime.timedelta(days=20))
    status = CollectionRound.Status.OPEN


class ClosedRoundFactory(CollectionRoundFactory):
    opens_on = factory.LazyFunction(lambda: clock.today() - datetime.timedelta(days=60))
    closes_on = factory.LazyFunction(lambda: clock.today() - datetime.timedelta(days=1))


class DemandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Demand

    receipt_number = factory.LazyFunction(new_receipt_number)
    round = factory.SubFactory(CollectionRoundFactory)
    contact_name = "王五"
    organization_name = "包头稀土研究院"
    phone = "13800000001"
    email = "wangwu@example.cn"
    title = factory.Sequence(lambda n: f"稀土永磁材料高效回收技术{n}")
    industry = factory.LazyFunction(industry)
    technical_field = "稀土永磁回收"
    problem = "废旧稀土永磁材料回收率低。"
    expected_outcome = "形成高价值专利组合。"
    regional_significance = "带动包头稀土产业链。"


def expert_user(**kwargs):
    return ExpertProfileFactory(**kwargs).user


class ArgumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Argument

    demand = factory.SubFactory(DemandFactory, status=Demand.Status.UNDER_ARGUMENT)
    expert = factory.LazyFunction(expert_user)


class SubmittedArgumentFactory(ArgumentFactory):
    influence = 80
    industry_pull = 70
    breadth = 90
    score = factory.LazyAttribute(lambda o: Argument.overall(o.influence, o.industry_pull, o.breadth))
    recommend = True
    opinion = "影响力大，带动性强。"
    submitted_at = factory.LazyFunction(clock.now)
