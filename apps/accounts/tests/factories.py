import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.models import ExpertProfile, User
from apps.core.roles import Role
from apps.organizations.tests.factories import OrganizationFactory

PASSWORD = "Correct-Horse-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.cn")
    role = Role.UNIT_ADMIN
    organization = factory.LazyAttribute(
        lambda o: OrganizationFactory() if o.role in (Role.UNIT_ADMIN, Role.UNIT_MEMBER) else None
    )
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def persist(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ExpertProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertProfile

    user = factory.SubFactory(UserFactory, role=Role.EXPERT, organization=None)
    title = "教授"
    fields = "稀土材料"


def totp_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="test", confirmed=True)
