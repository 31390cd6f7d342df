"""The questions part's URLs against every actor of the world (tests/world.py).

The world's unit (甲企业: unit_admin, unit_member) asks; the other unit (乙企业) sees none of its questions. So:
- the list: the region and every unit account (each unit sees its own unit's questions); 403 for everyone else;
- asking: every unit account (403 for everyone else);
- a question of 甲企业: the region and 甲企业's accounts see it (404 for everyone else, the other unit included);
  only the region answers, edits the answer, publishes, unpublishes and closes (403 for 甲企业's accounts);
- the public FAQ and a published entry: everyone, anonymous included."""

from tests.permissions import EVERY_LOGGED_IN, Row

REGION = {"regional_officer"}
ASKING_UNIT = {"unit_admin", "unit_member"}
UNITS = ASKING_UNIT | {"unit_admin_other"}
HIDE = EVERY_LOGGED_IN - REGION - ASKING_UNIT
QUESTION = {
    "subject": "联合申报单位能否跨盟市",
    "text": "我单位拟与外盟市的研究院联合申报，合作单位是否必须在本盟市？",
    "article": "第九条",
}
ANSWER = "联合申报单位不限于本盟市，但揭榜主体须为自治区内单位。"
WORDING = {"public_question": "联合申报的合作单位是否必须位于同一盟市？", "public_answer": ANSWER}


def asked(w, **values):
    """A question of 甲企业, asked by its administrator."""
    from apps.bureau import services_questions

    return services_questions.question_ask(w.user("unit_admin"), **{**QUESTION, **values})


def answered(w, **values):
    from apps.bureau import services_questions

    return services_questions.question_answer(w.user("regional_officer"), asked(w, **values), answer=ANSWER)


def published(w, **values):
    from apps.bureau import services_questions

    return services_questions.question_publish(w.user("regional_officer"), answered(w, **values), **WORDING)


def _pk(build):
    return lambda w: {"pk": build(w).pk}


def _act(build, action):
    return lambda w: {"pk": build(w).pk, "action": action}


MATRIX = [
    Row("bureau:questions", allow=REGION | UNITS),
    Row("bureau:questions", allow=REGION | UNITS, query="status=asked&page=2", note="filtered"),
    Row(
        "bureau:questions",
        allow=REGION | UNITS,
        query="status=asked&format=xlsx",
        note="the .xlsx export (apps.core.listing)",
    ),
    Row("bureau:question_new", allow=UNITS),
    Row("bureau:question_new", allow=UNITS, method="post", data=lambda w: QUESTION, note="post"),
    Row("bureau:question", _pk(asked), allow=REGION | ASKING_UNIT, hide=HIDE),
    Row("bureau:question", _pk(published), allow=REGION | ASKING_UNIT, hide=HIDE, note="published"),
    Row(
        "bureau:question_answer",
        _pk(asked),
        allow=REGION,
        hide=HIDE,
        method="post",
        data=lambda w: {"answer": ANSWER},
        note="answer",
    ),
    Row(
        "bureau:question_answer",
        _pk(answered),
        allow=REGION,
        hide=HIDE,
        method="post",
        data=lambda w: {"answer": ANSWER + "详见申报指南。"},
        note="edit the answer",
    ),
    Row("bureau:question_publish", _pk(answered), allow=REGION, hide=HIDE),
    Row(
        "bureau:question_publish",
        _pk(answered),
        allow=REGION,
        hide=HIDE,
        method="post",
        data=lambda w: WORDING,
        note="post",
    ),
    Row("bureau:question_act", _act(published, "unpublish"), allow=REGION, hide=HIDE, method="post", note="unpublish"),
    Row(
        "bureau:question_act",
        _act(asked, "close"),
        allow=REGION,
        hide=HIDE,
        method="post",
        data=lambda w: {"reason": "已电话答复。"},
        note="close",
    ),
    Row("bureau:faq", public=True),
    Row("bureau:faq", public=True, query="q=联合申报&page=2", note="searched"),
    Row("bureau:faq_entry", _pk(published), public=True),
]
