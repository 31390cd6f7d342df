"""Policy questions (Art. 19), the services and the transition table: each action by the right role only, the
published wording never naming the asker, nothing changed on a refusal."""

import pytest

from apps.audit.models import AuditEntry
from apps.bureau import services_questions as services
from apps.bureau.models import PolicyQuestion
from apps.bureau.tests.matrix_questions import ANSWER, QUESTION, WORDING, answered, asked, published
from apps.bureau.workflow_questions import QUESTION as TABLE
from apps.bureau.workflow_questions import identity_terms, names_in, short_forms
from apps.core.errors import DomainError, InvalidTransition, PermissionDenied
from apps.notifications.models import Message

pytestmark = pytest.mark.django_db
S = PolicyQuestion.Status
NOT_REGION = ("unit_admin", "unit_member", "unit_admin_other", "prefecture_officer", "expert", "system_admin")


def _row(question) -> dict:
    return PolicyQuestion.objects.filter(pk=question.pk).values().get()


# ---------------------------------------------------------------- the asker's names (pure)


def test_short_forms_drop_the_legal_form_generic_words_and_the_place():
    forms = short_forms("内蒙古草原乳业科技股份有限公司", ["呼和浩特市"])
    assert {"内蒙古草原乳业科技股份有限公司", "内蒙古草原乳业科技", "草原乳业科技", "草原乳业"} <= set(forms)
    assert "包头稀土功能材料创新中心" in short_forms("包头稀土功能材料创新中心有限公司", ["包头市"])
    assert "稀土功能材料创新中心" in short_forms("包头稀土功能材料创新中心有限公司", ["包头市"])
    assert short_forms("内蒙古大学", ["呼和浩特市"]) == ["内蒙古大学"]  # "大学" names no one in particular


def test_names_are_found_through_spaces_dashes_and_case():
    terms = ["包头稀土功能材料创新中心", "0472-5123456", "Rare_Admin", "li"]
    found = names_in(["包头 稀土功能材料创新中心的问题", "电话 0472 5123456，账号 rare_admin"], terms)
    assert found == ["包头稀土功能材料创新中心", "0472-5123456", "Rare_Admin"]
    assert names_in(["policy and licensing"], ["li"]) == []  # a short username inside a word is not a name


def test_identity_terms_cover_the_unit_and_the_person(world):
    user = world.user("unit_admin")
    user.full_name, user.phone, user.email = "张晓明", "13912345678", "zhang@example.cn"
    terms = identity_terms(world.org, user)
    for term in ("甲企业", world.org.credit_code, "张晓明", "unit_admin", "13912345678", "zhang@example.cn"):
        assert term in terms


# ---------------------------------------------------------------- asking


def test_a_unit_account_asks_and_the_region_gets_a_task(world):
    question = services.question_ask(world.user("unit_member"), **QUESTION)
    assert question.status == S.ASKED and question.organization == world.org and question.article == "第九条"
    assert Message.objects.filter(recipient=world.user("regional_officer"), is_task=True).exists()
    assert AuditEntry.objects.filter(action="policy_question.ask", object_id=str(question.pk)).exists()


@pytest.mark.parametrize("actor", ["regional_officer", "prefecture_officer", "expert", "evaluator", "system_admin"])
def test_only_unit_accounts_ask(world, actor):
    with pytest.raises(PermissionDenied):
        services.question_ask(world.user(actor), **QUESTION)
    assert not PolicyQuestion.objects.exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"subject": "  "}, "主题"),
        ({"text": ""}, "问题"),
        ({"article": "第二十条"}, "第二十条"),
        ({"article": "第5款"}, "第5款"),
        ({"text": "问" * 5001}, "5000"),
    ],
)
def test_bad_questions_are_refused_in_chinese(world, values, message):
    with pytest.raises(DomainError) as refused:
        services.question_ask(world.user("unit_admin"), **{**QUESTION, **values})
    assert message in str(refused.value.message)
    assert not PolicyQuestion.objects.exists()


@pytest.mark.parametrize(
    ("typed", "stored"), [("19", "第十九条"), ("第5条", "第五条"), (" 第十三条 ", "第十三条"), ("", "")]
)
def test_the_article_is_read_as_one_of_the_measures(typed, stored):
    assert services.article_clean(typed) == stored


# ---------------------------------------------------------------- answering


def test_the_region_answers_and_the_asker_is_told(world):
    question = services.question_answer(world.user("regional_officer"), asked(world), answer=ANSWER)
    assert question.status == S.ANSWERED and question.answer == ANSWER and question.answered_at is not None
    assert question.answered_by == world.user("regional_officer")
    assert Message.objects.filter(recipient=world.user("unit_admin"), is_task=False).exists()
    assert not Message.objects.filter(recipient=world.user("regional_officer"), is_task=True, done_at=None).exists()


@pytest.mark.parametrize("actor", NOT_REGION)
def test_only_the_region_answers(world, actor):
    question = asked(world)
    before = _row(question)
    with pytest.raises(PermissionDenied):
        services.question_answer(world.user(actor), question, answer=ANSWER)
    assert _row(question) == before


def test_an_empty_answer_is_refused_and_nothing_changes(world):
    question = asked(world)
    before = _row(question)
    with pytest.raises(DomainError) as refused:
        services.question_answer(world.user("regional_officer"), question, answer="   ")
    assert "答复" in str(refused.value.message)
    assert _row(question) == before


def test_the_answer_is_edited_while_answered_not_once_published(world):
    region = world.user("regional_officer")
    question = services.question_answer_update(region, answered(world), answer="修改后的答复。")
    assert question.answer == "修改后的答复。" and question.status == S.ANSWERED
    assert AuditEntry.objects.filter(action="policy_question.update", object_id=str(question.pk)).exists()
    entry = published(world)
    with pytest.raises(DomainError) as refused:
        services.question_answer_update(region, entry, answer="再改")
    assert "已发布" in str(refused.value.message) or "发布" in str(refused.value.message)
    with pytest.raises(PermissionDenied):
        services.question_answer_update(world.user("unit_admin"), question, answer="单位自己改")


# ---------------------------------------------------------------- publishing


def test_the_region_publishes_an_anonymised_wording(world):
    entry = published(world)
    assert entry.status == S.PUBLISHED and entry.published_at is not None
    assert entry.public_question == WORDING["public_question"] and entry.public_answer == WORDING["public_answer"]
    assert entry.text == QUESTION["text"]  # what was asked stays the unit's


@pytest.mark.parametrize(
    ("field", "named"),
    [
        ("public_question", "甲企业"),
        ("public_answer", "甲企业有限公司"),
        ("public_question", "张晓明"),
        ("public_question", "unit_admin"),
        ("public_answer", "13912345678"),
        ("public_answer", "zhang@example.cn"),
    ],
)
def test_a_wording_that_names_the_asker_is_refused_and_nothing_changes(world, field, named):
    user = world.user("unit_admin")
    user.full_name, user.phone, user.email = "张晓明", "13912345678", "zhang@example.cn"
    user.save()
    question = answered(world)
    before = _row(question)
    wording = {**WORDING, field: f"{WORDING[field]}（来自{named}）"}
    with pytest.raises(DomainError) as refused:
        services.question_publish(world.user("regional_officer"), question, **wording)
    assert "提问" in str(refused.value.message)
    assert _row(question) == before


def test_a_short_form_of_the_unit_is_refused(world):
    world.org.name = "内蒙古草原乳业科技股份有限公司"
    world.org.save()
    question = answered(world)
    with pytest.raises(DomainError) as refused:
        wording = {**WORDING, "public_question": "草原乳业问：能否跨盟市联合申报？"}
        services.question_publish(world.user("regional_officer"), question, **wording)
    assert "草原乳业" in str(refused.value.message)
    assert PolicyQuestion.objects.get(pk=question.pk).status == S.ANSWERED


@pytest.mark.parametrize("empty", ["public_question", "public_answer"])
def test_publishing_needs_both_texts(world, empty):
    question = answered(world)
    with pytest.raises(DomainError):
        services.question_publish(world.user("regional_officer"), question, **{**WORDING, empty: " "})
    assert PolicyQuestion.objects.get(pk=question.pk).status == S.ANSWERED


def test_only_an_answered_question_is_published_and_only_by_the_region(world):
    with pytest.raises(InvalidTransition):
        services.question_publish(world.user("regional_officer"), asked(world), **WORDING)
    question = answered(world)
    for actor in NOT_REGION:
        with pytest.raises(PermissionDenied):
            services.question_publish(world.user(actor), question, **WORDING)
    assert PolicyQuestion.objects.get(pk=question.pk).status == S.ANSWERED


def test_unpublish_goes_back_to_answered_and_keeps_the_wording(world):
    entry = published(world)
    with pytest.raises(PermissionDenied):
        services.question_unpublish(world.user("unit_admin"), entry)
    question = services.question_unpublish(world.user("regional_officer"), entry)
    assert question.status == S.ANSWERED and question.published_at is None
    assert question.public_question == WORDING["public_question"]
    assert services.publish_initial(question) == WORDING
    again = services.question_publish(world.user("regional_officer"), question, **WORDING)
    assert again.status == S.PUBLISHED


def test_close_from_asked_or_answered_by_the_region_only(world):
    region = world.user("regional_officer")
    with pytest.raises(PermissionDenied):
        services.question_close(world.user("unit_admin"), asked(world))
    assert services.question_close(region, asked(world), "已电话答复。").status == S.CLOSED
    assert services.question_close(region, answered(world)).status == S.CLOSED
    with pytest.raises(InvalidTransition):
        services.question_close(region, published(world))
    closed = PolicyQuestion.objects.filter(status=S.CLOSED).first()
    with pytest.raises(InvalidTransition):
        services.question_answer(region, closed, answer=ANSWER)


def test_the_table_states_every_transition():
    assert set(TABLE.transitions) == {"ask", "answer", "publish", "unpublish", "close"}
    assert TABLE["publish"].when and TABLE["publish"].sources == (S.ANSWERED,)
    assert TABLE["unpublish"].target == S.ANSWERED
    assert set(TABLE["close"].sources) == {S.ASKED, S.ANSWERED}
