"""Issue 13 §6, words people read: a unit outside Inner Mongolia learns at registration that it cannot lead and
what it can still do (and the officer who reviews it reads the same); the security policy states its bounds beside
each field, not only after a refusal."""

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.forms import SecurityPolicyForm
from apps.accounts.models import POLICY_BOUNDS
from apps.organizations.credit_code import with_check_character
from apps.organizations.models import Organization

pytestmark = pytest.mark.django_db

CANNOT_LEAD = "不能作为揭榜主体牵头申报"


def _register(client, **overrides):
    client.get(reverse("accounts:register"))
    data = {
        "name": "北京某知识产权代理有限公司",
        "credit_code": with_check_character("91110108MA0N12345"),
        "kind": "ip_service_agency",
        "prefecture": "",
        "is_legal_person": "on",
        "address": "北京市海淀区",
        "contact_name": "孙九",
        "contact_phone": "010-12345678",
        "contact_email": "s@b.cn",
        "username": "bj_agency",
        "full_name": "孙九",
        "email": "s@b.cn",
        "phone": "13900000002",
        "password": "Strong-Pass-2026",
        "password2": "Strong-Pass-2026",
        "human_check": client.session["human_check:register"]["a"],
    }
    data.update(overrides)
    return client.post(reverse("accounts:register"), data, follow=True)


def test_the_registration_page_says_before_anything_is_sent_what_a_unit_outside_the_region_can_do(world):
    page = Client().get(reverse("accounts:register")).content.decode()
    assert "自治区外单位（不选盟市）" in page
    assert "仅自治区外单位留空" in page  # beside the prefecture field
    assert page.count(CANNOT_LEAD) >= 1
    assert "角色为知识产权服务机构" in page  # an IP service agency: a partner
    assert "可以向需求库提交需求" in page  # an enterprise, university or institute: neither lead nor partner


OUTSIDE = "本单位在自治区外注册（未选盟市），不能作为揭榜主体牵头申报"
NOT_A_LEAD_TYPE = "此类单位不作为揭榜主体牵头申报"
PARTNER = "可以作为联合申报单位参与自治区内单位牵头的申报，角色为知识产权服务机构"
NEITHER = "因此也不能作为联合申报单位；可以向需求库提交需求"


@pytest.mark.parametrize(
    ("kind", "why", "can"),
    [
        ("ip_service_agency", NOT_A_LEAD_TYPE, PARTNER),
        ("enterprise", OUTSIDE, NEITHER),
        ("university", OUTSIDE, NEITHER),
        ("research_institute", OUTSIDE, NEITHER),
    ],
)
def test_a_unit_outside_the_region_is_told_at_registration_and_on_its_review_page(world, client_for, kind, why, can):
    response = _register(Client(), kind=kind, username=f"bj_{kind}")
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("accounts:login")
    assert why in page and can in page
    org = Organization.objects.get(name="北京某知识产权代理有限公司")
    assert org.prefecture_id is None
    # the regional bureau reviews a registration from outside the region (Art. 6(1)): its page says the same
    review = client_for("regional_officer").get(reverse("organizations:detail", args=[org.pk])).content.decode()
    assert why in review and can in review


def test_a_unit_of_the_region_is_told_nothing_of_the_kind(world, client_for):
    response = _register(
        Client(),
        name="呼和浩特新材料有限公司",
        credit_code=with_check_character("91150100MA0N12399"),
        kind="enterprise",
        prefecture=world.prefecture.pk,
        username="hhht_new",
    )
    assert CANNOT_LEAD not in "".join(str(m) for m in response.context["messages"])
    org = Organization.objects.get(name="呼和浩特新材料有限公司")
    review = client_for("prefecture_officer").get(reverse("organizations:detail", args=[org.pk])).content.decode()
    assert 'id="cannot-lead"' not in review


# ---------------------------------------------------------------- the security policy page


def test_every_number_of_the_security_policy_states_its_bounds_beside_the_field(world, client_for):
    page = client_for("security_admin").get(reverse("accounts:security_home"))
    form = page.context["form"]
    html = page.content.decode()
    for name, field in form.fields.items():
        low, high = POLICY_BOUNDS.get(name, (0, 32767))
        high = 32767 if high is None else high  # no MLPS ceiling: the column's own
        assert (field.widget.attrs["min"], field.widget.attrs["max"]) == (low, high), name
        assert f"{low} 至 {high}" in str(field.help_text), name
        assert str(field.help_text) in html, name
    assert "5 至 30（网络安全等级保护第三级的范围）" in str(form.fields["session_idle_minutes"].help_text)
    assert str(form.fields["password_max_age_days"].label) == "密码有效期（天）"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("session_idle_minutes", 4, "应在 5 至 30 之间"),
        ("session_idle_minutes", 31, "应在 5 至 30 之间"),
        ("password_max_age_days", 0, "应在 1 至 180 之间"),
        ("lockout_failures", 2, "不得小于 3"),
        ("lockout_minutes", 9, "不得小于 10"),
    ],
)
def test_a_refusal_names_the_same_bounds(world, client_for, name, value, message):
    data = {
        "password_max_age_days": 90,
        "lockout_failures": 5,
        "lockout_window_minutes": 15,
        "lockout_minutes": 30,
        "session_idle_minutes": 30,
    }
    response = client_for("security_admin").post(reverse("accounts:security_home"), {**data, name: value})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[name])


def test_the_form_bounds_are_the_model_bounds():
    form = SecurityPolicyForm()
    for name, (low, high) in POLICY_BOUNDS.items():
        assert form.fields[name].min_value == low
        assert form.fields[name].max_value == (high if high is not None else 32767)
