"""The documents' pages: the region's library and drafts (bad input refused in Chinese with what was typed kept,
nothing changed), the public library, a document and its versions (a superseded version readable and marked,
drafts never public), the portal's landing section and search, and the demo."""

import pytest
from django.urls import reverse

from apps.bureau import services_documents
from apps.bureau.models import PolicyDocument, PolicyDocumentVersion
from apps.bureau.tests.matrix_documents import draft, file_of, published, with_history

pytestmark = pytest.mark.django_db
V = PolicyDocumentVersion.Status


def _text(response) -> str:
    return response.content.decode()


# ---------------------------------------------------------------- the region


def test_the_library_shows_each_document_with_its_version_in_force_and_its_draft(world, client_for):
    _first, second = with_history(world, title="绩效评价规则")
    services_documents.draft_new(world.user("regional_officer"), second.document)
    draft(world, title="年度工作方案草稿", kind="work_plan", complete=False)
    page = _text(client_for("regional_officer").get(reverse("bureau:documents")))
    assert "绩效评价规则" in page and "年度工作方案草稿" in page
    assert "内市监知发〔2026〕9号" in page and "第3版草稿" in page
    filtered = _text(client_for("regional_officer").get(reverse("bureau:documents") + "?kind=work_plan"))
    assert "年度工作方案草稿" in filtered and "绩效评价规则" not in filtered


def test_the_region_creates_a_document_with_its_first_draft(world, client_for):
    response = client_for("regional_officer").post(
        reverse("bureau:document_new"), {"kind": "guide", "title": "2027年度申报指南", "body": "一、申报条件"}
    )
    version = PolicyDocumentVersion.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "bureau:document_manage", args=[version.document_id]
    )
    assert (version.document.kind, version.number, version.status) == ("guide", 1, V.DRAFT)


def test_a_new_document_without_a_kind_or_a_text_keeps_what_was_typed(world, client_for):
    response = client_for("regional_officer").post(
        reverse("bureau:document_new"), {"kind": "", "title": "键入的标题", "body": ""}
    )
    page = _text(response)
    assert response.status_code == 200 and "键入的标题" in page and "这个字段是必填项" in page
    assert not PolicyDocument.objects.exists()


def test_the_draft_is_edited_with_the_articles_it_implements(world, client_for):
    version = draft(world, complete=False)
    url = reverse("bureau:draft_edit", args=[version.document_id])
    response = client_for("regional_officer").post(
        url,
        {
            "doc_number": "内市监知发〔2026〕7号",
            "effective_on": "2026-04-01",
            "articles": ["第十九条", "第五条"],
            "summary": "摘要",
            "body": "第一条 正文。",
            "change_note": "",
        },
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert (version.doc_number, version.effective_on.isoformat(), version.articles) == (
        "内市监知发〔2026〕7号",
        "2026-04-01",
        ["第五条", "第十九条"],
    )


def test_a_bad_draft_is_refused_in_chinese_with_everything_typed_kept(world, client_for):
    version = draft(world, complete=False)
    url = reverse("bureau:draft_edit", args=[version.document_id])
    client = client_for("regional_officer")
    for data, message in (
        ({"doc_number": "文号甲", "effective_on": "9999-12-31", "body": "保留的正文"}, "生效日期"),
        ({"doc_number": "文号甲", "articles": ["第二十条"], "body": "保留的正文"}, "第二十条"),
        ({"doc_number": "文号甲", "body": ""}, "这个字段是必填项"),
        ({"doc_number": "文" * 101, "body": "保留的正文"}, "100"),
    ):
        response = client.post(url, data)
        page = _text(response)
        assert response.status_code == 200, data
        assert message in page, (data, message)
        assert data["doc_number"] in page
        if data["body"]:
            assert "保留的正文" in page
    assert _same(version)


def _same(version) -> bool:
    row = PolicyDocumentVersion.objects.get(pk=version.pk)
    return (row.doc_number, row.effective_on, row.body, row.status) == ("", None, version.body, V.DRAFT)


def test_publishing_without_a_document_number_is_refused_in_chinese(world, client_for):
    version = draft(world, complete=False)
    client = client_for("regional_officer")
    manage = reverse("bureau:document_manage", args=[version.document_id])
    assert "尚未填写：文号、生效日期" in _text(client.get(manage))  # said before the button is pressed
    response = client.post(reverse("bureau:draft_publish", args=[version.document_id]), follow=True)
    assert "文件须填写文号和生效日期后才能发布；尚未填写：文号、生效日期。" in _text(response)
    assert _same(version)


def test_publishing_a_draft_supersedes_the_version_in_force(world, client_for):
    current = published(world)
    client = client_for("regional_officer")
    client.post(reverse("bureau:draft_new", args=[current.document_id]))
    new = PolicyDocumentVersion.objects.get(document=current.document, status=V.DRAFT)
    client.post(
        reverse("bureau:draft_edit", args=[current.document_id]),
        {"doc_number": "内市监知发〔2026〕20号", "effective_on": "2026-09-01", "body": new.body},
    )
    response = client.post(reverse("bureau:draft_publish", args=[current.document_id]), follow=True)
    assert "第2版已发布并施行" in _text(response)
    current.refresh_from_db()
    assert current.status == V.SUPERSEDED and current.superseded_by_id == new.pk


def test_a_second_draft_is_refused(world, client_for):
    current = published(world)
    client = client_for("regional_officer")
    client.post(reverse("bureau:draft_new", args=[current.document_id]))
    response = client.post(reverse("bureau:draft_new", args=[current.document_id]), follow=True)
    assert "同一时间只能有一份草稿" in _text(response)
    assert current.document.versions.count() == 2


def test_deleting_the_only_draft_goes_back_to_the_library(world, client_for):
    version = draft(world)
    response = client_for("regional_officer").post(reverse("bureau:draft_delete", args=[version.document_id]))
    assert response["Location"] == reverse("bureau:documents") and not PolicyDocument.objects.exists()


def test_the_draft_page_without_a_draft_goes_back_to_the_document(world, client_for):
    current = published(world)
    response = client_for("regional_officer").get(reverse("bureau:draft_edit", args=[current.document_id]))
    assert response["Location"] == reverse("bureau:document_manage", args=[current.document_id])


def test_others_are_refused_the_region_pages_with_the_reason(world, client_for):
    version = draft(world)
    for actor in ("prefecture_officer", "unit_admin", "expert"):
        response = client_for(actor).get(reverse("bureau:document_manage", args=[version.document_id]))
        assert response.status_code == 403 and "只有自治区市场监管局（知识产权局）可以进行此操作" in _text(response)


# ---------------------------------------------------------------- the public site


def test_the_public_library_lists_the_versions_in_force_and_no_draft(world, client_for):
    with_history(world, title="公开的制度")
    draft(world, title="未发布的方案", kind="work_plan")
    page = _text(client_for("anonymous").get(reverse("bureau:public_documents")))
    assert "公开的制度" in page and "内市监知发〔2026〕9号" in page
    assert "未发布的方案" not in page and "内市监知发〔2026〕1号" not in page


def test_a_superseded_version_is_readable_and_marked(world, client_for):
    first, second = with_history(world)
    client = client_for("anonymous")
    page = _text(client.get(first.get_absolute_url()))
    assert "本版本已被第2版（内市监知发〔2026〕9号，2026-07-01起施行）替代。" in page
    assert second.get_absolute_url() in page
    assert "第二条 本制度自发布之日起施行" in page
    current = _text(client.get(second.get_absolute_url()))
    assert "本版本已被" not in current and "新增条款" in current
    document = _text(client.get(reverse("bureau:document", args=[first.document_id])))
    assert "新增条款" in document and first.get_absolute_url() in document


def test_drafts_are_never_public(world, client_for):
    version = draft(world)
    client = client_for("anonymous")
    assert client.get(reverse("bureau:document", args=[version.document_id])).status_code == 404
    assert client.get(reverse("bureau:document_version", args=[version.document_id, 1])).status_code == 404
    attachment = file_of(version)
    url = reverse("bureau:document_file", args=[version.document_id, 1, attachment.pk])
    assert client.get(url).status_code == 404
    current = published(world, title="另一份制度")
    new = services_documents.draft_new(world.user("regional_officer"), current.document)
    assert client.get(reverse("bureau:document_version", args=[current.document_id, new.number])).status_code == 404
    assert client_for("regional_officer").get(new.get_absolute_url()).status_code == 404


def test_a_published_versions_file_is_downloaded_by_anyone(world, client_for):
    version = draft(world)
    attachment = file_of(version)
    version = services_documents.draft_publish(world.user("regional_officer"), version)
    page = _text(client_for("anonymous").get(version.get_absolute_url()))
    url = reverse("bureau:document_file", args=[version.document_id, 1, attachment.pk])
    assert url in page and "制度正文.pdf" in page
    response = client_for("anonymous").get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_a_published_versions_files_are_frozen(world):
    from apps.attachments import policies as attachment_policies

    version = published(world)
    decision = attachment_policies.can_upload(world.user("regional_officer"), version, "document")
    assert not decision and "已发布的版本" in decision.reason


def test_the_portal_shows_the_latest_documents_and_finds_them(world, client_for):
    first, second = with_history(world, title="运行绩效评价规则")
    client = client_for("anonymous")
    landing = _text(client.get(reverse("portal:landing")))
    assert "规划与制度" in landing and "运行绩效评价规则" in landing
    for query in ("绩效评价", "〔2026〕9号", "新增条款"):
        found = _text(client.get(reverse("portal:search"), {"q": query}))
        assert second.document.get_absolute_url() in found, query
    assert reverse("bureau:document", args=[first.document_id]) not in _text(
        client.get(reverse("portal:search"), {"q": "〔2026〕1号"})
    )


# ---------------------------------------------------------------- the demo


def test_the_demo_publishes_the_measures_and_a_superseded_rule_once(world):
    from apps.audit.models import AuditEntry
    from apps.bureau import demo_documents

    made = demo_documents.load({"regional_officer": world.user("regional_officer")})
    assert made["measures"].status == V.PUBLISHED and "第十九条" in made["measures"].body
    assert made["rules_v1"].status == V.SUPERSEDED and made["rules_v1"].superseded_by == made["rules"]
    assert made["work_plan"].status == V.DRAFT
    counts = (PolicyDocument.objects.count(), PolicyDocumentVersion.objects.count(), AuditEntry.objects.count())
    again = demo_documents.load({"regional_officer": world.user("regional_officer")})
    assert (PolicyDocument.objects.count(), PolicyDocumentVersion.objects.count(), AuditEntry.objects.count()) == counts
    assert again["rules"] == made["rules"]
