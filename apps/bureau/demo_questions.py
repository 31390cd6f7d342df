"""The policy questions' demo (Art. 19), through the services: two questions of demo units — the rare-earth
company's question on joint applications, answered and published as an FAQ entry in a wording that does not name
it, and the dairy company's question on the construction term, awaiting the region's answer (a task in the
regional officer's inbox). Loaded once: a second load finds the questions by their subjects and changes nothing."""

from apps.bureau import services_questions
from apps.bureau.models import PolicyQuestion

PUBLISHED = {
    "subject": "联合申报单位是否必须在同一盟市",
    "text": (
        "我公司拟牵头申报稀土永磁材料方向的培育中心，合作单位中有一家位于呼和浩特的研究院。"
        "请问联合申报单位是否必须与牵头单位位于同一盟市？"
    ),
    "article": "第九条",
}
ANSWER = (
    "《办法》第九条要求揭榜主体为自治区内的高等院校、科研机构或企业，并未要求联合申报单位与牵头单位位于同一盟市。"
    "联合申报单位可以是区内外的上下游企业、研发机构和知识产权服务机构，申报时应在申报书中写明各方的分工和投入。"
)
PUBLIC_QUESTION = "牵头单位与联合申报单位是否必须位于同一盟市？"
WAITING = {
    "subject": "建设期内能否申请延长",
    "text": "我公司培育中心建设进度受原料供应影响，建设期（3年）届满前能否申请延长？需要提交哪些材料？",
    "article": "第十三条",
}


def _ask(user, values):
    found = PolicyQuestion.objects.filter(organization_id=user.organization_id, subject=values["subject"]).first()
    return found or services_questions.question_ask(user, **values)


def load(users) -> dict:
    region = users["regional_officer"]
    question = _ask(users["unit_admin"], PUBLISHED)
    if question.status == PolicyQuestion.Status.ASKED:
        question = services_questions.question_answer(region, question, answer=ANSWER)
    if question.status == PolicyQuestion.Status.ANSWERED:
        question = services_questions.question_publish(
            region, question, public_question=PUBLIC_QUESTION, public_answer=ANSWER
        )
    waiting = _ask(users["dairy_admin"], WAITING)
    return {"published": question, "waiting": waiting}
