import pytest
from django.http import Http404

from apps.attachments import policies, registry, selectors
from apps.core.policy import ALLOW, deny
from apps.reference.models import Prefecture

from .factories import AttachmentFactory

READERS = ("unit_admin", "unit_member", "prefecture_officer", "regional_officer")
HIDDEN = ("unit_admin_other", "prefecture_officer_other", "expert", "evaluator", "security_admin", "audit_admin")


@pytest.fixture
def attachment(world):
    return AttachmentFactory(owner=world.org)


@pytest.mark.parametrize("actor", READERS)
def test_the_organization_its_prefecture_and_the_region_may_download(world, attachment, actor):
    user = world.user(actor)
    found, _entry, owner = selectors.attachment_or_404(user, attachment.pk)
    assert found == attachment and owner == world.org
    assert policies.can_download(user, attachment)


@pytest.mark.parametrize("actor", HIDDEN)
def test_others_do_not_even_see_that_the_file_exists(world, attachment, actor):
    with pytest.raises(Http404):
        selectors.attachment_or_404(world.user(actor), attachment.pk)


def test_the_system_administrator_sees_neither_the_organization_nor_its_files(world, attachment):
    from django.http import Http404

    user = world.user("system_admin")
    with pytest.raises(Http404):  # administrators see no business data (separation of duties)
        selectors.attachment_or_404(user, attachment.pk)
    assert not policies.can_download(user, attachment)


@pytest.mark.parametrize("actor", ["unit_admin"])
def test_upload_and_removal_belong_to_the_unit_admin(world, attachment, actor):
    assert policies.can_upload(world.user(actor), world.org, "licence")
    assert policies.can_delete(world.user(actor), attachment)


@pytest.mark.parametrize(
    "actor", ["unit_member", "unit_admin_other", "prefecture_officer", "regional_officer", "system_admin", "expert"]
)
def test_nobody_else_uploads_or_removes(world, attachment, actor):
    assert not policies.can_upload(world.user(actor), world.org, "licence")
    assert not policies.can_delete(world.user(actor), attachment)


def test_a_removed_file_is_hidden_unless_asked_for(world, attachment):
    type(attachment).objects.filter(pk=attachment.pk).update(is_deleted=True, deleted_at=attachment.uploaded_at)
    user = world.user("regional_officer")
    with pytest.raises(Http404):
        selectors.attachment_or_404(user, attachment.pk)
    assert selectors.attachment_or_404(user, attachment.pk, include_deleted=True)[0] == attachment


def test_an_unregistered_owner_type_is_404(world):
    stray = AttachmentFactory(owner=Prefecture.objects.get(code="150100"))
    with pytest.raises(Http404):
        selectors.attachment_or_404(world.user("regional_officer"), stray.pk)


@pytest.fixture
def prefecture_owner():
    """Prefectures as a temporary owner type: visible to everyone logged in, viewable by officers only."""

    def can_view(user, owner):
        return ALLOW if user.role == "regional_officer" else deny("officers only")

    entry = registry.register_owner(
        Prefecture,
        visible=lambda user: Prefecture.objects.all(),
        can_view=can_view,
        kinds={"guide": "Guide"},
    )
    yield entry
    registry.unregister_owner(Prefecture)


def test_a_registered_owner_decides_who_views(world, prefecture_owner):
    prefecture = Prefecture.objects.get(code="150100")
    stray = AttachmentFactory(owner=prefecture, kind="guide")
    assert registry.get("reference.prefecture") is prefecture_owner
    assert registry.for_model(prefecture) is prefecture_owner
    assert policies.can_download(world.user("regional_officer"), stray)
    decision = policies.can_download(world.user("prefecture_officer"), stray)
    assert not decision and decision.reason == "officers only"


def test_an_owner_without_an_upload_rule_accepts_nothing(world, prefecture_owner):
    prefecture = Prefecture.objects.get(code="150100")
    assert not policies.can_upload(world.user("regional_officer"), prefecture, "guide")


def test_the_organization_is_registered_by_the_foundation():
    from apps.organizations.models import Organization

    entry = registry.for_model(Organization)
    assert entry is not None
    assert set(entry.kinds) == {"licence", "other"}
    assert entry.key == "organizations.organization"
