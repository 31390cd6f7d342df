"""The documents' services read as the measures (Art. 5(1)–(2)): a draft is published with its 文号 and effective
date, publishing supersedes the version in force, one draft at a time, and a refusal changes nothing."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from apps.attachments.models import Attachment
from apps.audit.models import AuditEntry
from apps.bureau import services_documents
from apps.bureau.models import PolicyDocument, PolicyDocumentVersion
from apps.bureau.tests.matrix_documents import draft, file_of, published, with_history
from apps.core.errors import DomainError, InvalidTransition, PermissionDenied
from tests.concurrency import AsShown, race

pytestmark = pytest.mark.django_db
V = PolicyDocumentVersion.Status


def _state(version) -> tuple:
    row = PolicyDocumentVersion.objects.get(pk=version.pk)
    return row.status, row.doc_number, row.effective_on, row.published_at, AuditEntry.objects.count()


def test_a_new_document_starts_as_the_draft_of_version_1(world):
    version = draft(world, complete=False)
    assert version.number == 1 and version.status == V.DRAFT
    assert version.document.kind == "rules" and version.document.title == "培育中心管理制度"
    assert AuditEntry.objects.filter(action="policy_document.create").exists()


def test_a_new_document_without_its_text_is_refused(world):
    with pytest.raises(DomainError, match="正文"):
        services_documents.document_create(world.user("regional_officer"), kind="rules", title="制度", body="  ")
    assert not PolicyDocument.objects.exists()


def test_publishing_without_a_document_number_is_refused_and_nothing_changes(world):
    version = draft(world, complete=False)
    services_documents.draft_update(world.user("regional_officer"), version, effective_on=date(2026, 1, 1), body="正文")
    before = _state(version)
    with pytest.raises(DomainError) as refused:
        services_documents.draft_publish(world.user("regional_officer"), version)
    assert refused.value.message.endswith("尚未填写：文号。")
    assert _state(version) == before


def test_publishing_without_an_effective_date_is_refused_and_nothing_changes(world):
    version = draft(world, complete=False)
    before = _state(version)
    with pytest.raises(DomainError) as refused:
        services_documents.draft_publish(world.user("regional_officer"), version)
    assert refused.value.message.endswith("尚未填写：文号、生效日期。")
    assert _state(version) == before


def test_the_database_refuses_a_published_version_without_its_number_or_date(world):
    version = draft(world, complete=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        PolicyDocumentVersion.objects.filter(pk=version.pk).update(status=V.PUBLISHED)


def test_publishing_puts_the_draft_in_force(world):
    version = published(world)
    assert version.status == V.PUBLISHED
    assert version.published_by == world.user("regional_officer") and version.published_at is not None
    assert AuditEntry.objects.filter(action="policy_document_version.publish", object_id=str(version.pk)).exists()


def test_publishing_supersedes_the_version_in_force(world):
    first, second = with_history(world)
    assert first.status == V.SUPERSEDED and first.superseded_by == second
    assert second.status == V.PUBLISHED and second.number == 2
    assert PolicyDocumentVersion.objects.filter(document=first.document, status=V.PUBLISHED).get() == second
    assert AuditEntry.objects.filter(action="policy_document_version.supersede", object_id=str(first.pk)).exists()


def test_a_new_draft_copies_the_version_in_force_with_the_next_number(world):
    current = published(world)
    new = services_documents.draft_new(world.user("regional_officer"), current.document)
    assert new.number == 2 and new.status == V.DRAFT
    assert (new.body, new.summary, new.articles) == (current.body, current.summary, current.articles)
    assert new.doc_number == "" and new.effective_on is None and new.change_note == ""


def test_one_draft_at_a_time(world):
    current = published(world)
    services_documents.draft_new(world.user("regional_officer"), current.document)
    count = PolicyDocumentVersion.objects.count()
    with pytest.raises(DomainError, match="草稿"):
        services_documents.draft_new(world.user("regional_officer"), current.document)
    assert PolicyDocumentVersion.objects.count() == count


def test_an_article_that_is_not_one_of_the_measures_is_refused(world):
    version = draft(world)
    before = _state(version)
    with pytest.raises(DomainError, match="第二十条"):
        services_documents.draft_update(world.user("regional_officer"), version, articles=["第二十条"], body="正文")
    assert _state(version) == before
    assert services_documents.articles_clean(["第十九条", "第五条", "第五条"]) == ["第五条", "第十九条"]
    assert services_documents.ARTICLES[9] == "第十条" and services_documents.ARTICLES[-1] == "第十九条"


def test_a_published_version_cannot_be_edited(world):
    version = published(world)
    with pytest.raises(InvalidTransition):
        services_documents.draft_update(world.user("regional_officer"), version, doc_number="改号", body="正文")
    assert PolicyDocumentVersion.objects.get(pk=version.pk).doc_number == "内市监知发〔2026〕1号"


def test_only_the_region_manages_documents(world):
    version = draft(world)
    for actor in ("prefecture_officer", "unit_admin", "system_admin"):
        with pytest.raises(PermissionDenied):
            services_documents.draft_publish(world.user(actor), version)
        with pytest.raises(PermissionDenied):
            services_documents.document_create(world.user(actor), kind="rules", title="制度", body="正文")
    assert PolicyDocumentVersion.objects.get(pk=version.pk).status == V.DRAFT


def test_deleting_the_first_draft_deletes_the_document_and_removes_its_files(world):
    version = draft(world)
    attachment = file_of(version)
    assert services_documents.draft_delete(world.user("regional_officer"), version) is True
    assert not PolicyDocument.objects.exists()
    assert Attachment.objects.get(pk=attachment.pk).is_deleted


def test_deleting_a_later_draft_keeps_the_document_and_its_version_in_force(world):
    current = published(world)
    new = services_documents.draft_new(world.user("regional_officer"), current.document)
    assert services_documents.draft_delete(world.user("regional_officer"), new) is False
    assert list(current.document.versions.values_list("number", "status")) == [(1, V.PUBLISHED)]


def test_a_published_version_cannot_be_deleted(world):
    version = published(world)
    with pytest.raises(InvalidTransition):
        services_documents.draft_delete(world.user("regional_officer"), version)
    assert PolicyDocumentVersion.objects.filter(pk=version.pk).exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_publishes_of_the_same_draft_one_wins():
    from tests.world import build_world

    world = build_world()
    first = published(world)
    new = services_documents.draft_new(world.user("regional_officer"), first.document)
    new = services_documents.draft_update(
        world.user("regional_officer"),
        new,
        doc_number="内市监知发〔2026〕3号",
        effective_on=date(2026, 5, 1),
        body="新",
    )
    officer = world.user("regional_officer")
    shown = AsShown(PolicyDocumentVersion, new.pk)
    outcomes = race(services_documents.draft_publish, [(officer, shown), (officer, shown)])
    assert outcomes == ["conflict", "ok"]
    rows = dict(first.document.versions.values_list("number", "status"))
    assert rows == {1: V.SUPERSEDED, 2: V.PUBLISHED}
    assert AuditEntry.objects.filter(action="policy_document_version.publish").count() == 2  # v1 and v2, once each
