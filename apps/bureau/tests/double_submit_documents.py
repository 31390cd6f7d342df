"""The documents' @once forms for tests/test_double_submit.py: a new document sent twice (a double click, a reload)
is created once; "start a new version" sent twice starts one draft."""

from django.urls import reverse


def new_document(w):
    from apps.bureau.models import PolicyDocument
    from tests.test_double_submit import Setup

    url = reverse("bureau:document_new")
    data = {"kind": "rules", "title": "培育中心经费管理制度", "summary": "", "body": "第一条 经费专款专用。"}
    return Setup(url, url, lambda c: data, PolicyDocument.objects.count)


def new_draft(w):
    from apps.bureau.models import PolicyDocumentVersion
    from apps.bureau.tests.matrix_documents import published
    from tests.test_double_submit import Setup

    document = published(w).document
    return Setup(
        reverse("bureau:document_manage", args=[document.pk]),
        reverse("bureau:draft_new", args=[document.pk]),
        lambda c: {},
        PolicyDocumentVersion.objects.count,
    )


def cases(Case) -> list:
    return [
        Case("bureau:document_new", "regional_officer", new_document),
        Case("bureau:draft_new", "regional_officer", new_draft),
    ]
