"""The bureau's documents (Art. 5(1): the overall plan and the management rules; Art. 5(2): the yearly work plans and
the application guides; the measures themselves, Art. 19: "自发布之日起施行"). The only code that changes a
`PolicyDocument` or a `PolicyDocumentVersion`. Every function checks `policies.can_manage` (the regional bureau),
works in one transaction under a row lock on the document, writes the audit entry, and refuses with a `DomainError`
in Chinese, after which nothing has changed.

- `document_create(user, *, kind, title, body, summary="") -> PolicyDocumentVersion`: a new document and its first
  draft (version 1);
- `draft_update(user, version, *, doc_number, effective_on, articles, summary, body, change_note)
  -> PolicyDocumentVersion`: the region edits the draft (refused when it is no longer a draft: published meanwhile,
  a stale page). `articles` are the measures' articles the version implements, each one of `ARTICLES` (第一条 …
  第十九条), kept in the measures' order without repeats (`articles_clean`);
- `draft_publish(user, version) -> PolicyDocumentVersion`: publishes the draft (`workflow_documents.VERSION`
  "publish": refused without 文号 or effective date) and supersedes the version in force (its status → superseded,
  `superseded_by` → the new one), both in one transaction under a row lock on the document, so two publishes of the
  same draft cannot both win (the second: the concurrent-change message);
- `draft_new(user, document) -> PolicyDocumentVersion`: a new draft from the version in force (number + 1; its
  articles, summary and text copied; the 文号, the effective date and "what changed" are the new version's own and
  start empty). Refused while the document has a draft (one draft at a time: the constraint
  `bureau_document_one_draft` backs it);
- `draft_delete(user, version)`: deletes the draft and removes its files; a document left without any version (its
  first draft deleted) is deleted with it.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.core import clock, inputs
from apps.core.errors import ConcurrentChange, DomainError, InvalidTransition, full_clean
from apps.core.policy import require

from . import policies
from .models import PolicyDocument, PolicyDocumentVersion
from .workflow_documents import VERSION

V = PolicyDocumentVersion.Status
K = PolicyDocument.Kind
NUMERALS = "一二三四五六七八九"


def _numeral(n: int) -> str:
    """1 → 一, 10 → 十, 19 → 十九 (the measures number their articles up to 第十九条)."""
    if n < 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else NUMERALS[tens - 1]) + "十" + (NUMERALS[ones - 1] if ones else "")


ARTICLE_COUNT = 19  # the measures (apps/bureau/seed/measures.zh.txt) have nineteen articles
ARTICLES = tuple(f"第{_numeral(n)}条" for n in range(1, ARTICLE_COUNT + 1))
DRAFT_FIELDS = ("doc_number", "effective_on", "articles", "summary", "body", "change_note")
COPIED_FIELDS = ("articles", "summary", "body")


def _label(field: str) -> str:
    return str(PolicyDocumentVersion._meta.get_field(field).verbose_name)


def articles_clean(values) -> list[str]:
    """The articles as stored: each one of ARTICLES, in the measures' order, without repeats. A value that is not an
    article of the measures ("第二十条", "5") is refused naming it."""
    chosen = set()
    for value in values or []:
        value = inputs.normalised_text(value)
        if not value:
            continue
        if value not in ARTICLES:
            raise DomainError(
                _("“%(value)s” is not an article of the measures: choose among 第一条 to 第十九条.") % {"value": value},
                code="articles",
            )
        chosen.add(value)
    return [article for article in ARTICLES if article in chosen]


def _locked_document(document) -> PolicyDocument:
    return PolicyDocument.objects.select_for_update().get(pk=document.pk)


def _fresh_draft(version) -> PolicyDocumentVersion:
    """The version read again under the document's lock; refused when it is not a draft any more."""
    fresh = PolicyDocumentVersion.objects.select_related("document").filter(pk=version.pk).first()
    if fresh is None:
        raise ConcurrentChange(_("This draft has just been deleted by someone else. Reload and check."))
    if fresh.status != V.DRAFT:
        if version.status == V.DRAFT:
            raise ConcurrentChange(
                _("This draft has just been published by someone else (now: %(state)s). Reload and check.")
                % {"state": fresh.get_status_display()}
            )
        raise InvalidTransition(
            _("Version %(number)s is %(state)s: only a draft can be changed.")
            % {"number": fresh.number, "state": fresh.get_status_display()}
        )
    return fresh


def _snapshot(version) -> dict:
    return {name: getattr(version, name) for name in ("status", "number", *DRAFT_FIELDS)}


# ---------------------------------------------------------------- a new document, its draft


def document_create(user, *, kind: str, title: str, body: str, summary: str = "") -> PolicyDocumentVersion:
    require(policies.can_manage(user))
    title = inputs.normalised_text(title, single_line=True)
    body, summary = inputs.normalised_text(body), inputs.normalised_text(summary, single_line=True)
    if kind not in K.values:
        raise DomainError(_("Choose the kind of document."), code="kind")
    if not title:
        raise DomainError(_("Please give the document's title."), code="title")
    if not body:
        raise DomainError(_("Please give the document's text."), code="body")
    with transaction.atomic():
        document = PolicyDocument(kind=kind, title=title, created_by=user)
        full_clean(document)
        document.save()
        version = PolicyDocumentVersion(document=document, number=1, body=body, summary=summary, created_by=user)
        full_clean(version)
        version.save()
        audit.record("policy_document.create", document, after={"kind": kind, "title": title}, actor=user)
        audit.record("policy_document_version.create", version, after=_snapshot(version), actor=user)
    return version


def draft_update(
    user,
    version,
    *,
    doc_number: str = "",
    effective_on=None,
    articles=(),
    summary: str = "",
    body: str = "",
    change_note: str = "",
) -> PolicyDocumentVersion:
    require(policies.can_manage(user))
    values = {
        "doc_number": inputs.normalised_text(doc_number, single_line=True),
        "effective_on": effective_on,
        "articles": articles_clean(articles),
        "summary": inputs.normalised_text(summary, single_line=True),  # CharFields: on one line, as stored
        "body": inputs.normalised_text(body),
        "change_note": inputs.normalised_text(change_note, single_line=True),
    }
    for name in ("doc_number", "summary", "body", "change_note"):
        inputs.check_length(
            values[name], limit=inputs.limit_of(PolicyDocumentVersion._meta.get_field(name)), label=_label(name)
        )
    if not values["body"]:
        raise DomainError(_("Please give the document's text."), code="body")
    with transaction.atomic():
        _locked_document(version.document)
        fresh = _fresh_draft(version)
        before = _snapshot(fresh)
        for name, value in values.items():
            setattr(fresh, name, value)
        full_clean(fresh)
        fresh.save(update_fields=list(DRAFT_FIELDS))
        before, after = audit.changed(before, _snapshot(fresh))
        audit.record("policy_document_version.update", fresh, before=before, after=after, actor=user)
    return fresh


# ---------------------------------------------------------------- publishing, superseding


def draft_publish(user, version) -> PolicyDocumentVersion:
    require(policies.can_manage(user))
    decision = VERSION.state_allows(version, "publish")
    if not decision:
        raise InvalidTransition(decision.reason)
    with transaction.atomic():
        document = _locked_document(version.document)
        fresh = _fresh_draft(version)
        decision = VERSION.check(user, fresh, "publish")
        if not decision:
            raise DomainError(decision.reason, code="condition")
        current = (
            PolicyDocumentVersion.objects.select_for_update().filter(document=document, status=V.PUBLISHED).first()
        )
        if current is not None:
            VERSION.apply(user, current, "supersede", changes={"superseded_by": fresh})
        published = VERSION.apply(user, fresh, "publish", changes={"published_at": clock.now(), "published_by": user})
    return published


# ---------------------------------------------------------------- a new draft, deleting a draft


def draft_new(user, document) -> PolicyDocumentVersion:
    require(policies.can_manage(user))
    with transaction.atomic():
        document = _locked_document(document)
        versions = list(document.versions.order_by("-number"))
        if any(v.status == V.DRAFT for v in versions):
            raise DomainError(
                _("This document already has a draft: edit it or delete it first (one draft at a time)."),
                code="one_draft",
            )
        current = next((v for v in versions if v.status == V.PUBLISHED), None)
        if current is None:
            raise DomainError(_("This document has no version in force to start a draft from."), code="no_current")
        version = PolicyDocumentVersion(
            document=document,
            number=versions[0].number + 1,
            created_by=user,
            **{name: getattr(current, name) for name in COPIED_FIELDS},
        )
        full_clean(version)
        version.save()
        audit.record(
            "policy_document_version.create",
            version,
            after={**_snapshot(version), "from_version": current.number},
            actor=user,
        )
    return version


def draft_delete(user, version) -> bool:
    """Deletes the draft; True when the document went with it (it had no other version)."""
    from apps.attachments.selectors import attachment_list
    from apps.attachments.services import attachment_delete

    require(policies.can_manage(user))
    with transaction.atomic():
        document = _locked_document(version.document)
        fresh = _fresh_draft(version)
        for attachment in attachment_list(fresh):
            attachment_delete(user, attachment)
        audit.record("policy_document_version.delete", fresh, before=_snapshot(fresh), actor=user)
        fresh.delete()
        if document.versions.exists():
            return False
        audit.record(
            "policy_document.delete", document, before={"kind": document.kind, "title": document.title}, actor=user
        )
        document.delete()
    return True
