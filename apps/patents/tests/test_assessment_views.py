"""The pre-filing assessment's pages: GET and POST per role, bad input shows the Chinese message and changes
nothing, the panel on a patent's page, and query counts that do not grow with the data."""

import pytest
from django.urls import reverse

from apps.core import clock
from apps.patents import assessment
from apps.patents.models import AssessmentWeights, Disclosure, PreFilingAssessment
from apps.patents.tests.factories import number, patent
from tests.query_counts import assert_flat

from .assessment_setup import CONTENT, SCORES, assess, disclosure_at, draft, running_center

pytestmark = pytest.mark.django_db
S = Disclosure.Status


@pytest.fixture
def center(world):
    return running_center(world)


def _url(name, center, disclosure=None):
    return reverse(f"patents:{name}", args=[center.pk] + ([disclosure.pk] if disclosure else []))


def _text(response) -> str:
    return response.content.decode()


# ---------------------------------------------------------------- the list


def test_the_lead_unit_lists_its_disclosures_with_a_status_filter(world, center, client_for):
    drafted = draft(world, center, title="草稿发明")
    submitted = disclosure_at(world, center, "submitted")
    client = client_for("unit_admin")
    page = _text(client.get(_url("disclosures", center)))
    assert drafted.number in page and submitted.number in page and "新建交底书" in page and "评估权重" in page
    filtered = _text(client.get(_url("disclosures", center) + "?status=draft"))
    assert drafted.number in filtered and submitted.number not in filtered
    assert client.get(_url("disclosures", center) + "?status=bogus&page=99").status_code == 200


def test_officers_see_only_filed_disclosures(world, center, client_for):
    hidden = disclosure_at(world, center, "assessed")
    filed = disclosure_at(world, center, "filed")
    page = _text(client_for("prefecture_officer").get(_url("disclosures", center)))
    assert filed.number in page and hidden.number not in page
    assert "保密" in page and "新建交底书" not in page
    assert client_for("prefecture_officer").get(_url("disclosure", center, hidden)).status_code == 404
    assert client_for("regional_officer").get(_url("disclosure", center, filed)).status_code == 200


# ---------------------------------------------------------------- a new disclosure


def test_a_disclosure_is_written_with_a_document(world, center, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from apps.attachments.models import Attachment
    from apps.attachments.tests.samples import pdf_bytes

    document = SimpleUploadedFile("交底书.pdf", pdf_bytes(), content_type="application/pdf")
    response = client_for("unit_member").post(_url("disclosure_new", center), {**CONTENT, "document": document})
    disclosure = Disclosure.objects.get()
    assert response.status_code == 302 and response["Location"] == disclosure.get_absolute_url()
    assert disclosure.inventors == ["张三", "李四"]
    assert Attachment.objects.filter(owner_id=disclosure.pk, kind=assessment.DOCUMENT_KIND).exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "这个字段是必填项"),
        ("inventors", "；；", "请至少填写一名发明人"),
        ("solution", "x" * 20001, "最多"),
    ],
)
def test_bad_input_keeps_what_was_typed_and_saves_nothing(world, center, client_for, field, value, message):
    response = client_for("unit_member").post(_url("disclosure_new", center), {**CONTENT, field: value})
    assert response.status_code == 200
    page = _text(response)
    assert message in page and CONTENT["problem"] in page
    assert not Disclosure.objects.exists()


def test_a_draft_is_edited_and_submitted(world, center, client_for):
    disclosure = draft(world, center)
    client = client_for("unit_member")
    edited = client.post(_url("disclosure_edit", center, disclosure), {**CONTENT, "title": "新的名称"})
    assert edited.status_code == 302
    assert client.post(_url("disclosure_submit", center, disclosure)).status_code == 302
    disclosure.refresh_from_db()
    assert (disclosure.title, disclosure.status) == ("新的名称", S.SUBMITTED)
    assert client.get(_url("disclosure_edit", center, disclosure)).status_code == 403


# ---------------------------------------------------------------- the assessment


def _assessment_data(**fields):
    return {**SCORES, "conclusion": "file", "reasons": "技术新颖。", "assessed_on": clock.today().isoformat(), **fields}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"technical": "150"}, "技术高度须在 0 至 100 之间"),
        ({"market": "abc"}, "市场前景"),
        ({"drafting": "80.125"}, "最多保留两位小数"),
        ({"reasons": ""}, "这个字段是必填项"),
        ({"conclusion": ""}, "这个字段是必填项"),
        ({"assessed_on": "2999-01-01"}, "2100"),
    ],
)
def test_a_bad_assessment_shows_the_chinese_message_and_changes_nothing(world, center, client_for, fields, message):
    disclosure = disclosure_at(world, center, "submitted")
    response = client_for("unit_admin").post(_url("disclosure_assess", center, disclosure), _assessment_data(**fields))
    assert response.status_code == 200
    assert message in _text(response), _text(response)[:3000]
    assert not PreFilingAssessment.objects.exists()
    assert Disclosure.objects.get(pk=disclosure.pk).status == S.SUBMITTED


def test_a_valid_assessment_is_recorded_and_shown(world, center, client_for):
    disclosure = disclosure_at(world, center, "submitted")
    client = client_for("unit_admin")
    page = _text(client.get(_url("disclosure_assess", center, disclosure)))
    assert "技术高度" in page and "25%" in page
    response = client.post(_url("disclosure_assess", center, disclosure), _assessment_data(conclusion="revise"))
    assert response.status_code == 302
    assert Disclosure.objects.get(pk=disclosure.pk).status == S.DRAFT
    shown = _text(client.get(_url("disclosure", center, disclosure)))
    assert "修改后申请" in shown and "75.00" in shown


def test_the_assessment_page_explains_a_state_that_does_not_allow_it(world, center, client_for):
    disclosure = disclosure_at(world, center, "draft")
    page = _text(client_for("unit_admin").get(_url("disclosure_assess", center, disclosure)))
    assert "当前状态为" in page and 'id="assessment-form"' not in page


def test_the_author_is_refused_the_assessment_with_the_reason(world, center, client_for):
    disclosure = disclosure_at(world, center, "submitted", author="unit_admin")
    response = client_for("unit_admin").get(_url("disclosure_assess", center, disclosure))
    assert response.status_code == 403 and "利益冲突" in _text(response)
    detail = _text(client_for("unit_admin").get(_url("disclosure", center, disclosure)))
    assert 'id="assessor-form"' in detail


def test_naming_an_assessor_in_the_page(world, center, client_for):
    disclosure = disclosure_at(world, center, "submitted", author="unit_admin")
    response = client_for("unit_admin").post(
        _url("disclosure_assessor", center, disclosure), {"assessor": world.user("unit_member").pk}
    )
    assert response.status_code == 302
    assert Disclosure.objects.get(pk=disclosure.pk).assessor == world.user("unit_member")
    refused = client_for("unit_admin").post(
        _url("disclosure_assessor", center, disclosure), {"assessor": world.user("unit_admin_other").pk}
    )
    assert refused.status_code == 200 and Disclosure.objects.get(pk=disclosure.pk).assessor == world.user("unit_member")


# ---------------------------------------------------------------- weights


def test_weights_that_do_not_add_up_are_refused(world, center, client_for):
    client = client_for("unit_admin")
    url = _url("assessment_weights", center)
    response = client.post(url, {"technical": "40", "market": "30", "drafting": "10", "layout": "10"})
    assert response.status_code == 200 and "四项权重之和须为 100" in _text(response)
    assert not AssessmentWeights.objects.exists()
    response = client.post(url, {"technical": "40", "market": "30", "drafting": "10", "layout": "20"})
    assert response.status_code == 302
    assert AssessmentWeights.objects.get(center=center).technical == 40


# ---------------------------------------------------------------- linking and re-assessment


def test_linking_by_a_bad_number_shows_the_reason(world, center, client_for):
    disclosure = disclosure_at(world, center, "assessed")
    client = client_for("unit_member")
    url = _url("disclosure_link", center, disclosure)
    response = client.post(url, {"patent": "", "application_number": "CN2024100043"})
    assert response.status_code == 200 and Disclosure.objects.get(pk=disclosure.pk).status == S.ASSESSED
    response = client.post(url, {"patent": "", "application_number": ""})
    assert "请选择专利或填写其申请号" in _text(response)
    filed = patent(center, application_number=number(year=2025, serial=77), filing_date=clock.today())
    response = client.post(url, {"patent": "", "application_number": f"CN{filed.application_number}"})
    assert response.status_code == 302
    assert Disclosure.objects.get(pk=disclosure.pk).patent == filed


def test_a_reassessment_needs_a_reason(world, center, client_for):
    disclosure = disclosure_at(world, center, "closed")
    client = client_for("unit_member")
    response = client.post(_url("disclosure_reassess", center, disclosure), {"reason": ""})
    assert response.status_code == 200 and Disclosure.objects.get(pk=disclosure.pk).status == S.CLOSED
    response = client.post(_url("disclosure_reassess", center, disclosure), {"reason": "市场变化。"})
    assert response.status_code == 302 and Disclosure.objects.get(pk=disclosure.pk).status == S.SUBMITTED


# ---------------------------------------------------------------- the panel on a patent's page


def test_the_patent_page_shows_its_disclosure_and_assessment(world, center, client_for):
    filed = disclosure_at(world, center, "filed")
    page = _text(client_for("prefecture_officer").get(reverse("patents:patent", args=[center.pk, filed.patent_id])))
    assert 'id="prefiling-panel"' in page and filed.number in page and "申请前已评估" in page


def test_the_panel_is_hidden_from_officers_when_nothing_is_linked(world, center, client_for):
    alone = patent(center, filing_date=clock.today())
    url = reverse("patents:patent", args=[center.pk, alone.pk])
    assert 'id="prefiling-panel"' not in _text(client_for("prefecture_officer").get(url))
    assert "该专利尚未关联技术交底书" in _text(client_for("unit_member").get(url))


# ---------------------------------------------------------------- query counts


def test_the_list_is_flat(world, center, client_for):
    disclosure_at(world, center, "filed")

    def grow():
        for state in ("draft", "submitted", "assessed", "closed", "filed"):
            disclosure_at(world, center, state)

    for actor in ("unit_admin", "prefecture_officer"):
        count = assert_flat(client_for(actor), _url("disclosures", center), grow=grow)
        print(f"patents:disclosures as {actor}: {count} queries")


def test_a_disclosure_page_is_flat(world, center, client_for):
    disclosure = disclosure_at(world, center, "submitted")
    assess(world, disclosure, "revise")

    def grow():
        for _ in range(3):
            fresh = Disclosure.objects.get(pk=disclosure.pk)
            assessment.disclosure_submit(world.user("unit_member"), fresh)
            assess(world, Disclosure.objects.get(pk=disclosure.pk), "revise")

    count = assert_flat(client_for("unit_admin"), _url("disclosure", center, disclosure), grow=grow)
    print(f"patents:disclosure: {count} queries")


def test_the_patent_panel_is_flat(world, center, client_for):
    filed = disclosure_at(world, center, "filed")
    url = reverse("patents:patent", args=[center.pk, filed.patent_id])

    def grow():
        for _ in range(3):
            PreFilingAssessment.objects.create(
                disclosure=filed,
                technical=1,
                market=1,
                drafting=1,
                layout=1,
                weighted_score=1,
                conclusion="file",
                reasons="再评",
                assessor=world.user("unit_admin"),
                assessed_on=clock.today(),
            )

    assert_flat(client_for("unit_admin"), url, grow=grow)
