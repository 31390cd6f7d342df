"""Policy questions in the pages (Art. 19): a unit asks and sees only its unit's questions, the region answers and
publishes a wording that does not name the asker (refused with the names found, the typed text kept, nothing changed),
the public FAQ lists and searches the published entries only and never shows who asked; every list and detail page is
flat."""

import pytest
from django.urls import reverse

from apps.bureau.models import PolicyQuestion
from apps.bureau.tests.matrix_questions import ANSWER, QUESTION, WORDING, answered, asked, published
from tests.query_counts import assert_flat

pytestmark = pytest.mark.django_db
# Pages reached through get_absolute_url() below (tests/test_flat_pages.py).
FLAT_PAGES = ("bureau:question",)
S = PolicyQuestion.Status


def _html(response) -> str:
    return response.content.decode()


# ---------------------------------------------------------------- a unit asks


def test_a_unit_asks_from_its_account(world, client_for):
    client = client_for("unit_member")
    assert "第十九条" in _html(client.get(reverse("bureau:question_new")))  # the articles to choose from
    response = client.post(reverse("bureau:question_new"), QUESTION)
    question = PolicyQuestion.objects.get()
    assert response.status_code == 302 and response.url == question.get_absolute_url()
    assert question.asked_by == world.user("unit_member") and question.organization == world.org
    page = _html(client.get(question.get_absolute_url()))
    assert QUESTION["subject"] in page and "等待自治区局答复" in page


@pytest.mark.parametrize(
    ("values", "message"),
    [({"text": "  "}, "必填"), ({"article": "第二十条"}, "第二十条"), ({"subject": ""}, "咨询主题")],
)
def test_a_bad_question_is_refused_with_what_was_typed_kept(world, client_for, values, message):
    data = {**QUESTION, **values}
    response = client_for("unit_admin").post(reverse("bureau:question_new"), data)
    page = _html(response)
    assert response.status_code == 200 and message in page
    for value in data.values():
        if value and value != "第二十条":
            assert value in page
    assert not PolicyQuestion.objects.exists()


def test_a_unit_sees_only_its_own_units_questions(world, client_for):
    ours = asked(world)
    theirs = asked(world, subject="乙企业的问题")
    other_unit = {"organization": world.org_other, "asked_by": world.user("unit_admin_other")}
    PolicyQuestion.objects.filter(pk=theirs.pk).update(**other_unit)
    page = _html(client_for("unit_member").get(reverse("bureau:questions")))  # a colleague's question is the unit's
    assert QUESTION["subject"] in page and "乙企业的问题" not in page
    other = client_for("unit_admin_other")
    assert QUESTION["subject"] not in _html(other.get(reverse("bureau:questions")))
    assert other.get(ours.get_absolute_url()).status_code == 404
    assert client_for("prefecture_officer").get(ours.get_absolute_url()).status_code == 404


def test_the_unit_reads_the_answer_without_any_button(world, client_for):
    question = answered(world)
    page = _html(client_for("unit_admin").get(question.get_absolute_url()))
    assert ANSWER in page and "answer-form" not in page and "publish-link" not in page


# ---------------------------------------------------------------- the region


def test_the_region_lists_every_question_waiting_first_and_filters(world, client_for):
    done = answered(world, subject="已经答复的问题")
    waiting = asked(world, subject="等待答复的问题")
    PolicyQuestion.objects.filter(pk=waiting.pk).update(asked_at=done.asked_at.replace(year=2020))  # older, still first
    client = client_for("regional_officer")
    page = _html(client.get(reverse("bureau:questions")))
    assert page.index("等待答复的问题") < page.index("已经答复的问题") and "甲企业" in page
    filtered = _html(client.get(reverse("bureau:questions") + "?status=answered"))
    assert "已经答复的问题" in filtered and "等待答复的问题" not in filtered


def test_the_region_answers_then_edits_the_answer(world, client_for):
    question = asked(world)
    client = client_for("regional_officer")
    url = reverse("bureau:question_answer", args=[question.pk])
    response = client.post(url, {"answer": "  "})
    assert response.status_code == 200 and "请填写答复内容" in _html(response)
    assert PolicyQuestion.objects.get(pk=question.pk).status == S.ASKED
    assert client.post(url, {"answer": ANSWER}).status_code == 302
    assert client.post(url, {"answer": "修改后的答复。"}).status_code == 302
    question.refresh_from_db()
    assert question.status == S.ANSWERED and question.answer == "修改后的答复。"


def test_the_publish_form_is_prefilled_from_the_question_and_the_answer(world, client_for):
    question = answered(world)
    page = _html(client_for("regional_officer").get(reverse("bureau:question_publish", args=[question.pk])))
    assert QUESTION["text"] in page and ANSWER in page


def test_a_wording_naming_the_unit_is_refused_typed_text_kept_then_published(world, client_for):
    question = answered(world)
    client = client_for("regional_officer")
    url = reverse("bureau:question_publish", args=[question.pk])
    named = {**WORDING, "public_question": "甲企业问：合作单位是否必须位于同一盟市？"}
    response = client.post(url, named)
    page = _html(response)
    assert response.status_code == 200 and "仍然提到了提问方" in page and "“甲企业”" in page
    assert named["public_question"] in page  # the typed wording is on the page again
    assert PolicyQuestion.objects.filter(pk=question.pk).values_list("status", "public_question").get() == (
        S.ANSWERED,
        "",
    )
    response = client.post(url, WORDING)
    assert response.status_code == 302
    assert PolicyQuestion.objects.get(pk=question.pk).status == S.PUBLISHED


def test_unpublish_and_close_from_the_question_page(world, client_for):
    client = client_for("regional_officer")
    entry = published(world)
    assert client.post(reverse("bureau:question_act", args=[entry.pk, "unpublish"])).status_code == 302
    assert PolicyQuestion.objects.get(pk=entry.pk).status == S.ANSWERED
    assert client.get(reverse("bureau:faq_entry", args=[entry.pk])).status_code == 404
    waiting = asked(world)
    response = client.post(reverse("bureau:question_act", args=[waiting.pk, "close"]), {"reason": "已电话答复。"})
    assert response.status_code == 302 and PolicyQuestion.objects.get(pk=waiting.pk).status == S.CLOSED
    again = client.post(reverse("bureau:question_act", args=[waiting.pk, "close"]), follow=True)
    assert "当前状态为" in _html(again)  # a replayed close: refused in Chinese, nothing changed
    assert client.post(reverse("bureau:question_act", args=[waiting.pk, "delete"])).status_code == 404


# ---------------------------------------------------------------- the public FAQ


def test_the_public_faq_lists_searches_and_never_names_the_asker(world, client_for):
    entry = published(world)
    answered(world, subject="未公开的问题")
    anonymous = client_for("anonymous")
    for url in (reverse("bureau:faq"), reverse("bureau:faq_entry", args=[entry.pk])):
        page = _html(anonymous.get(url))
        assert WORDING["public_question"] in page
        assert "甲企业" not in page and "unit_admin" not in page and QUESTION["text"] not in page
    assert WORDING["public_question"] in _html(anonymous.get(reverse("bureau:faq") + "?q=同一盟市"))
    assert WORDING["public_question"] not in _html(anonymous.get(reverse("bureau:faq") + "?q=稀土永磁"))
    assert "搜索词" in _html(anonymous.get(reverse("bureau:faq") + "?q=" + "长" * 101))  # too long: said, not cut


def test_an_unpublished_question_is_not_on_the_public_site(world, client_for):
    anonymous = client_for("anonymous")
    for question in (asked(world), answered(world)):
        assert anonymous.get(reverse("bureau:faq_entry", args=[question.pk])).status_code == 404
    assert anonymous.get(reverse("bureau:faq_entry", args=[999999])).status_code == 404


def test_the_landing_page_and_the_public_search_show_the_entry(world, client_for):
    entry = published(world)
    anonymous = client_for("anonymous")
    link = reverse("bureau:faq_entry", args=[entry.pk])
    assert link in _html(anonymous.get(reverse("portal:landing")))
    found = _html(anonymous.get(reverse("portal:search") + "?q=同一盟市"))
    assert link in found and "政策问答" in found


# ---------------------------------------------------------------- flat pages


def _grow(world, n=6):
    """n more questions of the unit, every other one answered and published."""
    from apps.bureau import services_questions

    region = world.user("regional_officer")

    def grow():
        for i in range(n):
            question = asked(world, subject=f"问题{i}")
            if i % 2:
                question = services_questions.question_answer(region, question, answer=ANSWER)
                services_questions.question_publish(
                    region, question, public_question=f"公开问题{i}：联合申报？", public_answer=ANSWER
                )

    return grow


@pytest.mark.parametrize("actor", ["regional_officer", "unit_member"])
def test_the_list_is_flat(world, client_for, actor):
    asked(world)
    assert_flat(client_for(actor), reverse("bureau:questions"), grow=_grow(world))


@pytest.mark.parametrize("builder", [asked, answered, published])
def test_the_question_page_is_flat(world, client_for, builder):
    question = builder(world)
    for actor in ("regional_officer", "unit_admin"):
        assert_flat(client_for(actor), question.get_absolute_url(), grow=_grow(world, 2))


def test_the_publish_page_is_flat(world, client_for):
    question = answered(world)
    assert_flat(
        client_for("regional_officer"), reverse("bureau:question_publish", args=[question.pk]), grow=_grow(world, 2)
    )


def test_the_public_pages_are_flat(world, client_for):
    entry = published(world)
    anonymous = client_for("anonymous")
    assert_flat(anonymous, reverse("bureau:faq"), grow=_grow(world))
    assert_flat(anonymous, reverse("bureau:faq") + "?q=联合申报", grow=_grow(world))
    assert_flat(anonymous, reverse("bureau:faq_entry", args=[entry.pk]), grow=_grow(world))
