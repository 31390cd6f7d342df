"""Issue 13 §2 on the public objection form: the contact is a phone or an e-mail, and nothing is cut (the walk
over every form and model is tests/test_typed_input.py)."""

import pytest
from django.test import Client
from django.urls import reverse

from apps.core.errors import DomainError
from apps.portal import services
from apps.portal.models import Objection

from .factories import PublicNoticeFactory
from .test_views import objection_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("contact", ["abc<script>", "12345", "someone@"])
def test_the_public_contact_field_refuses_what_is_neither_a_phone_nor_an_e_mail(contact):
    notice = PublicNoticeFactory()
    client = Client()
    response = client.post(reverse("portal:notice", args=[notice.pk]), objection_data(client, notice, contact=contact))
    assert response.status_code == 200
    assert response.context["form"].errors["contact"]
    assert not Objection.objects.exists()


@pytest.mark.parametrize("contact", ["13900000000", "0471-6900000", "li.si@example.cn"])
def test_a_phone_or_an_e_mail_is_taken(contact):
    notice = PublicNoticeFactory()
    client = Client()
    client.post(reverse("portal:notice", args=[notice.pk]), objection_data(client, notice, contact=contact))
    assert Objection.objects.get().contact == contact


def test_a_name_one_character_too_long_is_refused_by_the_service_not_cut():
    notice = PublicNoticeFactory()
    with pytest.raises(DomainError) as refused:
        services.objection_submit(notice, name="李" * 101, contact="13900000000", text="异议事实")
    assert refused.value.message == "姓名或单位最多可填写 100 个字符，现有 101 个；请删减后重新提交。"
    with pytest.raises(DomainError):
        services.objection_submit(notice, name="李四", contact="abc<script>", text="异议事实")
    assert not Objection.objects.exists()


def test_an_objection_one_character_too_long_is_refused_naming_the_limit():
    notice = PublicNoticeFactory()
    with pytest.raises(DomainError) as refused:
        services.objection_submit(notice, name="李四", contact="13900000000", text="异" * 5001)
    assert refused.value.message == "异议最多可填写 5000 个字符，现有 5001 个；请删减后重新提交。"
