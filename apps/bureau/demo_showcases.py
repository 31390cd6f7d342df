"""The showcases' demo (Art. 5(5)), through the services, on the centers' demo centers
(`users["loaded"]["apps.centers.demo"]`):

1. the region writes up 包头稀土's practice (`rare_earth`), with its figures, and publishes it: it is on the public
   site (/bureau/good-practice/) and the portal's landing page and search;
2. 内蒙古大学's administrator proposes its center's practice (`university`): a proposal waiting in the region's list;
3. 乳业公司's administrator proposes one (`dairy`) that the region declines with its reasons.

Idempotent: each showcase is made only when no showcase of that title exists (a second load changes nothing).
Returns {"published": …, "waiting": …, "declined": …} (what exists after the load)."""

from .models import Showcase

PUBLISHED = {
    "title": "以专利导航引领稀土抛光材料高价值专利培育",
    "summary": "包头稀土抛光与催化材料培育中心把专利导航嵌入研发立项，三年形成覆盖“材料—工艺—应用”的专利组合。",
    "body": (
        "中心在立项阶段即开展产业专利导航，梳理稀土抛光粉、稀土催化材料领域的技术空白点和国外专利布局，"
        "据此确定12个研发方向，避免重复研发。\n\n"
        "研发过程中实行专利申请前评估，技术交底书经中心工作机构和知识产权服务机构联合评估后再提交申请，"
        "发明专利授权率明显提高。\n\n"
        "中心还与下游企业组建产业知识产权联盟，以许可方式推动专利在区内企业实施，"
        "并以核心专利开展质押融资，形成“创造—运用—保护”的闭环。"
    ),
    "figures": [
        {"label": "发明专利授权量", "value": "35", "unit": "件"},
        {"label": "培育核心专利", "value": "15", "unit": "件"},
        {"label": "专利许可转让", "value": "6", "unit": "项"},
        {"label": "专利质押融资", "value": "1200", "unit": "万元"},
    ],
}
WAITING = {
    "title": "蒙药现代化专利组合布局的校企协同做法",
    "summary": "高校牵头、企业承接，蒙药有效成分提取工艺专利在区内企业转化。",
    "body": "中心依托国家重点实验室，与区内制药企业共建中试平台，围绕蒙药有效成分提取和制剂工艺布局专利组合。",
    "figures": [
        {"label": "发明专利申请", "value": "28", "unit": "件"},
        {"label": "转化实施", "value": "3", "unit": "项"},
    ],
}
DECLINED = {
    "title": "乳清蛋白项目申报经验",
    "summary": "",
    "body": "中心介绍了申报揭榜挂帅项目的准备过程。",
    "figures": [],
}
DECLINE_REASON = "内容以项目申报过程为主，尚未体现高价值专利培育的做法和成效；请在建设取得成效后重新推荐。"


def _existing(title):
    return Showcase.objects.filter(title=title).order_by("id").first()


def load(users) -> dict:
    from . import services_showcases as services

    centers = (users.get("loaded") or {}).get("apps.centers.demo") or {}
    region = users.get("regional_officer")
    if region is None or centers.get("rare_earth") is None:
        print("apps.bureau.demo_showcases: no demo centers, showcases skipped.")
        return {}
    made = {}
    showcase = _existing(PUBLISHED["title"])
    if showcase is None:
        showcase = services.showcase_create(region, center=centers["rare_earth"], **PUBLISHED)
        showcase = services.showcase_publish(region, showcase)
    made["published"] = showcase
    if centers.get("university") is not None and users.get("university_admin") is not None:
        made["waiting"] = _existing(WAITING["title"]) or services.showcase_propose(
            users["university_admin"], center=centers["university"], **WAITING
        )
    if centers.get("dairy") is not None and users.get("dairy_admin") is not None:
        declined = _existing(DECLINED["title"])
        if declined is None:
            declined = services.showcase_propose(users["dairy_admin"], center=centers["dairy"], **DECLINED)
            declined = services.showcase_decline(region, declined, DECLINE_REASON)
        made["declined"] = declined
    return made
