import pytest
from django.urls import reverse

from apps.accounts.models import User
from apps.core.errors import ConcurrentChange, DomainError, InvalidTransition, PermissionDenied
from apps.notifications.models import Message
from apps.organizations import services
from apps.organizations.models import Organization
from apps.organizations.tests.factories import IntegrityRecordFactory, OrganizationFactory
from apps.reference.models import Prefecture
from tests.concurrency import AsShown, race

pytestmark = pytest.mark.django_db


def _registration(client, follow=False, **overrides):
    client.get(reverse("accounts:register"))
    answer = client.session["human_check:register"]["a"]
    data = {
        "name": "呼和浩特新材料有限公司",
        "credit_code": "91150100MA0N12345X",
        "kind": "enterprise",
        "prefecture": Prefecture.objects.get(code="150100").pk,  # 呼和浩特市 (the credit code's region)
        "is_legal_person": "on",
        "address": "呼和浩特市",
        "contact_name": "王五",
        "contact_phone": "0471-1234567",
        "contact_email": "a@b.cn",
        "username": "hhht_admin",
        "full_name": "王五",
        "email": "w@b.cn",
        "phone": "13900000000",
        "password": "Strong-Pass-2026",
        "password2": "Strong-Pass-2026",
        "human_check": answer,
    }
    data.update(overrides)
    return client.post(reverse("accounts:register"), data, follow=follow)


def test_unit_registers_and_its_prefecture_office_is_asked_to_approve(world, client):
    from apps.organizations.credit_code import with_check_character

    response = _registration(client, credit_code=with_check_character("91150100MA0N12345"))
    assert response.status_code == 302, response.context["form"].errors
    org = Organization.objects.get(name="呼和浩特新材料有限公司")
    assert org.status == Organization.Status.PENDING
    assert User.objects.get(username="hhht_admin").organization == org
    assert Message.objects.filter(recipient=world.user("prefecture_officer"), is_task=True).exists()
    assert not Message.objects.filter(recipient=world.user("prefecture_officer_other")).exists()


def test_registration_with_a_wrong_human_check_changes_nothing(world, client):
    response = _registration(client, human_check="999")
    assert response.status_code == 200
    assert not Organization.objects.filter(name="呼和浩特新材料有限公司").exists()


def test_registration_with_a_malformed_credit_code_is_refused(world, client):
    response = _registration(client, credit_code="12345")
    assert response.status_code == 200 and response.context["form"].errors["credit_code"]
    assert not User.objects.filter(username="hhht_admin").exists()


def test_only_the_organizations_own_prefecture_approves(world):
    org = OrganizationFactory(prefecture=world.prefecture, status=Organization.Status.PENDING)
    with pytest.raises(PermissionDenied):
        services.organization_approve(world.user("prefecture_officer_other"), org)
    with pytest.raises(PermissionDenied):
        services.organization_approve(world.user("regional_officer"), org)
    services.organization_approve(world.user("prefecture_officer"), org)
    org.refresh_from_db()
    assert org.status == Organization.Status.APPROVED


def test_bad_check_character_needs_the_officers_confirmation(world):
    org = OrganizationFactory(
        prefecture=world.prefecture, status=Organization.Status.PENDING, credit_code="91150100776049653B"
    )
    assert not org.credit_code_check_ok
    with pytest.raises(DomainError):
        services.organization_approve(world.user("prefecture_officer"), org)
    services.organization_approve(world.user("prefecture_officer"), org, confirm_credit_code=True)
    org.refresh_from_db()
    assert org.status == Organization.Status.APPROVED and org.credit_code_confirmed


def test_rejection_needs_a_reason_and_tells_the_unit(world):
    org = world.org
    Organization.objects.filter(pk=org.pk).update(status=Organization.Status.PENDING)
    org.refresh_from_db()
    with pytest.raises(DomainError):
        services.organization_reject(world.user("prefecture_officer"), org, reason=" ")
    services.organization_reject(world.user("prefecture_officer"), org, reason="营业执照不清晰")
    assert Message.objects.filter(recipient=world.user("unit_admin"), is_task=True).exists()


def test_second_approval_of_the_same_organization_is_refused_naming_the_state(world):
    org = OrganizationFactory(prefecture=world.prefecture, status=Organization.Status.PENDING)
    approved = services.organization_approve(world.user("prefecture_officer"), org)
    with pytest.raises(InvalidTransition) as exc:
        services.organization_approve(world.user("prefecture_officer"), approved)
    assert exc.value.message == "当前状态为“已通过”，不能审核通过。"


def test_an_approval_on_a_page_loaded_before_another_officers_approval_is_a_concurrent_change(world):
    org = OrganizationFactory(prefecture=world.prefecture, status=Organization.Status.PENDING)
    stale = Organization.objects.get(pk=org.pk)
    services.organization_approve(world.user("prefecture_officer"), org)
    with pytest.raises(ConcurrentChange):
        services.organization_approve(world.user("prefecture_officer"), stale)


def test_a_replayed_approval_shows_the_state_and_changes_nothing(world, client_for):
    from apps.audit.models import AuditEntry

    org = OrganizationFactory(prefecture=world.prefecture, status=Organization.Status.PENDING)
    client = client_for("prefecture_officer")
    url = reverse("organizations:approve", args=[org.pk])
    assert client.post(url, {"note": "材料齐全"}).status_code == 302
    org.refresh_from_db()
    reviewed_at = org.reviewed_at
    response = client.post(url, {"note": "再点一次"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "当前状态为“已通过”，不能审核通过。" in page and "他人修改" not in page
    assert "再点一次" not in page  # the approve form is not offered again: the state does not allow it
    org.refresh_from_db()
    assert org.status == Organization.Status.APPROVED and org.reviewed_at == reviewed_at
    assert org.review_note == "材料齐全"
    assert AuditEntry.objects.filter(action="organization.approve", object_id=str(org.pk)).count() == 1


def test_a_refused_approval_keeps_what_the_officer_typed(world, client_for):
    org = OrganizationFactory(
        prefecture=world.prefecture, status=Organization.Status.PENDING, credit_code="91150100776049653B"
    )
    response = client_for("prefecture_officer").post(
        reverse("organizations:approve", args=[org.pk]), {"note": "已与营业执照原件核对"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "已与营业执照原件核对" in page and "校验位不符" in page
    org.refresh_from_db()
    assert org.status == Organization.Status.PENDING


def test_the_approve_buttons_are_offered_to_the_reviewing_office_only(world, client_for):
    org = OrganizationFactory(prefecture=world.prefecture, status=Organization.Status.PENDING)
    url = reverse("organizations:detail", args=[org.pk])
    approve = reverse("organizations:approve", args=[org.pk])
    assert approve in client_for("prefecture_officer").get(url).content.decode()
    assert approve not in client_for("regional_officer").get(url).content.decode()
    response = client_for("regional_officer").post(approve, {"note": ""})
    assert response.status_code == 403
    assert "单位注册仅由其所在盟市知识产权局审核" in response.content.decode()


def test_integrity_record_is_active_within_its_dates(world):
    from datetime import date

    record = IntegrityRecordFactory(organization=world.org, since=date(2020, 1, 1), until=date(2020, 12, 31))
    assert not record.is_active()
    assert not world.org.active_integrity_records().exists()
    IntegrityRecordFactory(organization=world.org, since=date(2020, 1, 1), until=None)
    assert world.org.active_integrity_records().count() == 1


def test_integrity_record_with_end_before_start_is_explained(world, client_for):
    response = client_for("prefecture_officer").post(
        reverse("organizations:integrity_add", args=[world.org.pk]),
        {"kind": "dishonest", "source": "法院", "since": "2026-05-01", "until": "2026-01-01"},
        follow=True,
    )
    assert "早于" in response.content.decode() or "before" in response.content.decode()
    assert not world.org.integrity_records.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_approving_at_once_exactly_one_wins():
    from tests.world import build_world

    world = build_world()
    second_officer = User.objects.create(username="pref_a2", role="prefecture_officer", prefecture=world.prefecture)
    org = OrganizationFactory(prefecture=world.prefecture, status=Organization.Status.PENDING)
    officers = (world.user("prefecture_officer"), second_officer)
    outcomes = race(services.organization_approve, [(o, AsShown(Organization, org.pk)) for o in officers])
    assert outcomes == ["conflict", "ok"]
    from apps.audit.models import AuditEntry

    assert AuditEntry.objects.filter(action="organization.approve", object_id=str(org.pk)).count() == 1


def test_an_inner_mongolia_credit_code_needs_a_prefecture(world, client):
    from apps.organizations.credit_code import with_check_character

    response = _registration(client, credit_code=with_check_character("91150100MA0N77777"), prefecture="")
    assert response.status_code == 200 and response.context["form"].errors["prefecture"]
    assert not Organization.objects.filter(credit_code=with_check_character("91150100MA0N77777")).exists()


def test_wrong_check_character_is_accepted_with_a_warning_to_the_registrant(world, client):
    response = _registration(client, credit_code="91150100MA0N12345B", follow=True)
    text = response.content.decode()
    assert Organization.objects.filter(credit_code="91150100MA0N12345B", credit_code_check_ok=False).exists()
    assert "校验" in text


@pytest.mark.parametrize("since", ["2999-01-01", "1900-01-01"])
def test_integrity_record_with_an_impossible_date_is_refused(world, since):
    with pytest.raises(Exception) as info:
        services.integrity_record_add(
            world.user("prefecture_officer"), world.org, kind="dishonest", source="法院", since=since, until=None
        )
    assert "since" in str(info.value)
    assert not world.org.integrity_records.exists()


def test_a_rejected_unit_corrects_its_registration_and_it_goes_back_to_its_office(world, client_for):
    from apps.organizations.models import REGISTRATION_FIELDS

    org = world.org
    Organization.objects.filter(pk=org.pk).update(status=Organization.Status.REJECTED)
    client = client_for("unit_admin")
    url = reverse("organizations:edit", args=[org.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in REGISTRATION_FIELDS}
    data.update(address="呼和浩特市赛罕区", is_legal_person="on")
    bad = client.post(url, {**data, "contact_email": "不是邮箱"})
    assert bad.status_code == 200 and "呼和浩特市赛罕区" in bad.content.decode()  # nothing typed is lost
    assert client.post(url, data).status_code == 302
    org.refresh_from_db()
    assert org.status == Organization.Status.PENDING and org.address == "呼和浩特市赛罕区"
    assert Message.objects.filter(recipient=world.user("prefecture_officer"), is_task=True).exists()
    assert client.get(url).status_code == 200  # pending: still correctable
    Organization.objects.filter(pk=org.pk).update(status=Organization.Status.APPROVED)
    assert client.get(url).status_code == 403
    with pytest.raises(TypeError):
        services.organization_update(world.user("unit_admin"), org, {"status": "approved"})
