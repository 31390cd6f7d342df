"""The documents part's URLs against every actor of the world (tests/world.py), and the builders the documents'
tests share.

- the region's library, a new document, a document's page, its draft's edit page and the draft's actions: the
  regional officer; every other account is refused with the reason (403);
- the public library, a document, a version and a version's file: everyone, no login (drafts are never public)."""

from datetime import date

from tests.permissions import EVERY_LOGGED_IN, Row

REGION = {"regional_officer"}
RULES_TEXT = "第一条 为规范培育中心管理，制定本制度。\n\n第二条 本制度自发布之日起施行。"


def draft(w, *, title="培育中心管理制度", kind="rules", complete=True, body=RULES_TEXT):
    """A document and its first draft; `complete`: with its 文号 and effective date (ready to publish)."""
    from apps.bureau import services_documents

    officer = w.user("regional_officer")
    version = services_documents.document_create(officer, kind=kind, title=title, body=body, summary="摘要")
    if complete:
        version = services_documents.draft_update(
            officer,
            version,
            doc_number="内市监知发〔2026〕1号",
            effective_on=date(2026, 1, 1),
            articles=["第五条"],
            body=body,
        )
    return version


def published(w, **kwargs):
    from apps.bureau import services_documents

    return services_documents.draft_publish(w.user("regional_officer"), draft(w, **kwargs))


def with_history(w, **kwargs):
    """(v1 superseded, v2 in force) of one document."""
    from apps.bureau import services_documents

    officer = w.user("regional_officer")
    first = published(w, **kwargs)
    second = services_documents.draft_new(officer, first.document)
    second = services_documents.draft_update(
        officer,
        second,
        doc_number="内市监知发〔2026〕9号",
        effective_on=date(2026, 7, 1),
        articles=["第五条", "第十九条"],
        body=second.body + "\n\n第三条 新增条款。",
        change_note="增加第三条。",
    )
    second = services_documents.draft_publish(officer, second)
    first.refresh_from_db()
    return first, second


def file_of(version, name="制度正文.pdf"):
    """A PDF attached to the version (the attachments' factory: a real encrypted file, without the upload's scan)."""
    from apps.attachments.tests.factories import AttachmentFactory
    from apps.attachments.tests.samples import pdf_bytes

    content = pdf_bytes() + f"% {version.pk} {name}\n".encode()  # one file's content per version and name
    return AttachmentFactory(
        owner=version, kind="document", original_name=name, content=content, uploaded_by=version.created_by
    )


def _public_file(w):
    from apps.bureau import services_documents

    version = draft(w)
    attachment = file_of(version)
    version = services_documents.draft_publish(w.user("regional_officer"), version)
    return {"pk": version.document_id, "number": version.number, "attachment_pk": attachment.pk}


def _document(w):
    return {"pk": draft(w).document_id}


def _in_force(w):
    return {"pk": published(w).document_id}


OTHERS = EVERY_LOGGED_IN - REGION

MATRIX = [
    Row("bureau:documents", allow=REGION),
    Row("bureau:documents", allow=REGION, query="kind=rules", note="kind"),
    Row("bureau:documents", allow=REGION, query="kind=rules&format=xlsx", note="the .xlsx export (apps.core.listing)"),
    Row("bureau:document_new", allow=REGION),
    Row(
        "bureau:document_new",
        allow=REGION,
        method="post",
        data=lambda w: {"kind": "rules", "title": "新制度", "body": "正文"},
        note="post",
    ),
    Row("bureau:document_manage", _document, allow=REGION),
    Row("bureau:draft_edit", _document, allow=REGION),
    Row(
        "bureau:draft_edit",
        _document,
        allow=REGION,
        method="post",
        data=lambda w: {"doc_number": "内市监知发〔2026〕2号", "effective_on": "2026-02-01", "body": "正文"},
        note="post",
    ),
    Row("bureau:draft_publish", _document, allow=REGION, method="post"),
    Row("bureau:draft_delete", _document, allow=REGION, method="post"),
    Row("bureau:draft_new", _in_force, allow=REGION, method="post"),
    Row("bureau:public_documents", public=True),
    Row("bureau:document", _in_force, public=True),
    Row("bureau:document_version", lambda w: {"pk": with_history(w)[0].document_id, "number": 1}, public=True),
    Row("bureau:document_file", _public_file, public=True),
]
