"""The documents' demo (Art. 5(1)–(2)), through `services_documents`, as the regional officer:

1. the measures themselves (管理办法, apps/bureau/seed/measures.zh.txt), published as version 1;
2. a management rule with a history: version 1 published, then version 2 published, which supersedes it;
3. this year's work plan, a draft not yet published.

A document already there (same kind and title) is left as it is: a second load changes nothing. Returns
{"measures": version, "rules": version in force, "rules_v1": superseded version, "work_plan": draft}."""

from datetime import date
from pathlib import Path

from apps.core import clock

from . import services_documents
from .models import PolicyDocument, PolicyDocumentVersion

SEED = Path(__file__).resolve().parent / "seed" / "measures.zh.txt"
K = PolicyDocument.Kind
MEASURES_TITLE = "内蒙古自治区高价值专利培育中心管理办法"
RULES_TITLE = "内蒙古高价值专利培育中心运行绩效评价工作规则"
RULES_V1 = """第一条 为规范培育中心运行绩效评价工作，\
依据《内蒙古自治区高价值专利培育中心管理办法》第十五条至第十七条，制定本规则。

第二条 绩效评价由自治区市场监管局（知识产权局）委托第三方评估机构开展，原则上每年组织一次。

第三条 评价结果分为优秀、合格和不合格三个档次。"""
RULES_V2 = (
    RULES_V1
    + """

第四条 评价结果为不合格的，限期整改，整改时限一般不超过半年；整改后仍不合格的，予以摘牌。

第五条 本规则自印发之日起施行，原规则同时废止。"""
)
WORK_PLAN_TITLE = "{year}年度高价值专利培育中心工作方案"
WORK_PLAN_TEXT = """一、工作目标
围绕自治区重点产业，新培育高价值专利培育中心，推动已建中心提质增效。

二、重点任务
（一）发布揭榜挂帅榜单，组织申报和评审；
（二）开展在建中心运行绩效评价；
（三）总结推广培育中心典型经验。"""


def _existing(kind, title):
    return PolicyDocument.objects.filter(kind=kind, title=title).first()


def _publish(officer, version, *, doc_number, effective_on, articles=(), summary="", change_note=""):
    version = services_documents.draft_update(
        officer,
        version,
        doc_number=doc_number,
        effective_on=effective_on,
        articles=list(articles),
        summary=summary,
        body=version.body,
        change_note=change_note,
    )
    return services_documents.draft_publish(officer, version)


def _measures(officer):
    document = _existing(K.MEASURES, MEASURES_TITLE)
    if document is not None:
        return document.versions.filter(status=PolicyDocumentVersion.Status.PUBLISHED).first()
    draft = services_documents.document_create(
        officer,
        kind=K.MEASURES,
        title=MEASURES_TITLE,
        body=SEED.read_text(encoding="utf-8").strip(),
        summary="培育中心的管理职责、立项建设、运行管理和绩效评价（共六章十九条）。",
    )
    return _publish(officer, draft, doc_number="内市监知发〔2025〕8号", effective_on=date(2025, 3, 1))


def _rules(officer):
    document = _existing(K.RULES, RULES_TITLE)
    if document is not None:
        versions = {v.number: v for v in document.versions.all()}
        return versions.get(2), versions.get(1)
    draft = services_documents.document_create(
        officer, kind=K.RULES, title=RULES_TITLE, body=RULES_V1, summary="运行绩效评价的组织、周期和结果档次。"
    )
    first = _publish(
        officer,
        draft,
        doc_number="内市监知发〔2025〕21号",
        effective_on=date(2025, 6, 1),
        articles=["第十五条", "第十六条", "第十七条"],
    )
    second = services_documents.draft_new(officer, first.document)
    second.body = RULES_V2
    second = _publish(
        officer,
        second,
        doc_number="内市监知发〔2026〕5号",
        effective_on=date(2026, 3, 1),
        articles=["第五条", "第十五条", "第十六条", "第十七条"],
        summary="运行绩效评价的组织、周期、结果档次和整改摘牌。",
        change_note="增加不合格中心的限期整改和摘牌规定（第四条）。",
    )
    first.refresh_from_db()
    return second, first


def _work_plan(officer):
    title = WORK_PLAN_TITLE.format(year=clock.today().year)
    document = _existing(K.WORK_PLAN, title)
    if document is not None:
        return document.versions.order_by("-number").first()
    return services_documents.document_create(
        officer, kind=K.WORK_PLAN, title=title, body=WORK_PLAN_TEXT, summary="本年度培育中心工作的目标和重点任务。"
    )


def load(users) -> dict:
    officer = users["regional_officer"]
    measures = _measures(officer)
    rules, rules_v1 = _rules(officer)
    return {"measures": measures, "rules": rules, "rules_v1": rules_v1, "work_plan": _work_plan(officer)}
