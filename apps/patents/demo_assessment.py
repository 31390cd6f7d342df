"""The demo's pre-filing assessment, through the assessment's services (`assessment.py`):

- 包头稀土 (rare_earth): the weights 30 / 30 / 20 / 20 (technical height, market prospects, drafting quality, layout
  fit); four disclosures written by the unit member (周工) and assessed by the unit administrator (李工):
  JF-…-001 assessed "file" three weeks ago and linked to its invention application filed five days ago (so this
  year's coverage is not empty), JF-…-002 awaiting assessment, JF-…-003 sent back for revision (a draft again, with
  the assessor's reasons), JF-…-004 kept as a trade secret (closed).

`build(centers, users)`: `centers` as `apps.centers.demo.load` returns them ({"rare_earth": Center, …}), `users` the
demo accounts ({"unit_admin": …, "unit_member": …}). Loaded once (a center that already has disclosures is left as
it is); a center that keeps no records (ended) is skipped. Dates relative to today."""

from datetime import timedelta

from apps.core import clock

from . import assessment, policies
from .models import Disclosure, Patent

DISCLOSURES = [
    {
        "title": "一种低重稀土高矫顽力钕铁硼磁体的晶界扩散方法",
        "technical_field": "稀土永磁材料",
        "problem": "烧结钕铁硼磁体提高矫顽力依赖大量添加镝、铽，成本高且资源紧缺。",
        "solution": "在磁体表面涂覆含镝氟化物浆料，经两段式热处理使重稀土沿晶界扩散，重稀土用量降低 60%。",
        "claims_draft": "1. 一种钕铁硼磁体的晶界扩散方法，其特征在于包括涂覆、一级热处理和二级热处理步骤……",
        "inventors": ["张伟", "李娜", "周工"],
        "_conclusion": "file",
        "_scores": ("88", "85", "75", "90"),
        "_reasons": "技术方案具备新颖性和创造性，契合中心“稀土永磁”专利布局，市场需求明确，建议尽快申请发明专利。",
    },
    {
        "title": "稀土抛光粉废料中铈的高效回收工艺",
        "technical_field": "稀土二次资源回收",
        "problem": "抛光粉废料中铈回收率低，酸耗大。",
        "solution": "采用焙烧—选择性浸出—萃取联合工艺，铈回收率达 95% 以上。",
        "inventors": ["王强", "刘洋"],
        "_submitted": True,
    },
    {
        "title": "稀土镁合金熔炼用复合覆盖剂",
        "technical_field": "稀土镁合金冶炼",
        "problem": "熔炼过程镁液氧化烧损严重。",
        "solution": "以氯化物和氟化物按比例复配，并加入少量稀土氧化物。",
        "inventors": ["赵敏"],
        "_conclusion": "revise",
        "_scores": ("65", "70", "50", "75"),
        "_reasons": "技术方案可行，但权利要求保护范围过窄、实施例不足，请补充对比实验数据并修改权利要求后重新提交。",
    },
    {
        "title": "钕铁硼速凝薄片的工艺参数控制方法",
        "technical_field": "稀土永磁材料制备",
        "problem": "速凝薄片厚度波动大。",
        "solution": "根据辊速和浇注温度的实时数据闭环调节冷却水流量。",
        "inventors": ["孙涛"],
        "_conclusion": "trade_secret",
        "_scores": ("70", "60", "70", "55"),
        "_reasons": "该工艺参数难以通过产品反向获知，公开后易被模仿且侵权难以举证，建议作为技术秘密保护。",
    },
]


def _number(year: int, serial: int) -> str:
    from .numbers import check_character

    digits = f"{year}1{serial:07d}"
    return f"{digits}.{check_character(digits)}"


def build(centers: dict, users) -> list[Disclosure]:
    center = centers.get("rare_earth")
    admin, member = users.get("unit_admin"), users.get("unit_member")
    if center is None or admin is None or member is None or Disclosure.objects.filter(center=center).exists():
        return []
    if not policies.can_keep(admin, center):
        return []
    today = clock.today()
    assessment.weights_save(admin, center, technical="30", market="30", drafting="20", layout="20")
    made = []
    for values in DISCLOSURES:
        fields = {k: v for k, v in values.items() if not k.startswith("_")}
        disclosure = assessment.disclosure_create(member, center, **fields)
        made.append(disclosure)
        if values.get("_submitted"):
            assessment.disclosure_submit(member, disclosure)  # awaiting assessment
        if "_conclusion" not in values:
            continue
        disclosure = assessment.disclosure_submit(member, disclosure)
        technical, market, drafting, layout = values["_scores"]
        assessment.assess(
            admin,
            disclosure,
            technical=technical,
            market=market,
            drafting=drafting,
            layout=layout,
            conclusion=values["_conclusion"],
            reasons=values["_reasons"],
            assessed_on=today - timedelta(days=21),
        )
        if values["_conclusion"] == "file":
            filed = _file(admin, center, values, today - timedelta(days=5))
            assessment.disclosure_link(member, Disclosure.objects.get(pk=disclosure.pk), patent=filed)
    return made


def _file(user, center, values, filing_date) -> Patent:
    """The application filed from the disclosure, entered in the portfolio (its services, as the staff would)."""
    from . import portfolio

    serial = 900_000 + center.pk
    return portfolio.patent_create(
        user,
        center,
        application_number=_number(filing_date.year, serial),
        title=values["title"],
        filing_date=filing_date,
        applicants=["包头稀土研究院"],
        inventors=values["inventors"],
        ipc_codes=["H01F 41/02"],
        tasks=["forward_layout"],
    )
