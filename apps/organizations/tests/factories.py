import factory

from apps.organizations import credit_code
from apps.organizations.models import IntegrityRecord, Organization
from apps.reference.models import Prefecture


def make_credit_code(serial: int, division: str = "150100", prefix: str = "91") -> str:
    """A credit code with a correct check character, unique per serial."""
    body = f"{prefix}{division}{serial:09d}"[:17]
    body = body.replace("I", "1").replace("O", "0")
    return body + credit_code.expected_check_character(body + "0")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"测试单位{n}")
    kind = Organization.Kind.ENTERPRISE
    prefecture = factory.LazyFunction(lambda: Prefecture.objects.get(code="150100"))
    credit_code = factory.LazyAttributeSequence(
        lambda o, n: make_credit_code(
            n + 1,
            o.prefecture.code if o.prefecture else "110000",
            "12" if o.kind in ("university", "research_institute") else "91",
        )
    )
    status = Organization.Status.APPROVED
    contact_name = "张三"
    contact_phone = "13800000000"


class IntegrityRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntegrityRecord

    organization = factory.SubFactory(OrganizationFactory)
    kind = IntegrityRecord.Kind.DISHONEST
    source = "信用中国"
    since = factory.Faker("date_between", start_date="-1y", end_date="-1d")
