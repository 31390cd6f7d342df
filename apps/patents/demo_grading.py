"""The demo's grading, through the grading part's services (after the portfolio's demo):

- the region's strategic-industry IPC list (the high-value flag's first category), seeded by the regional officer
  from the national reference table of strategic emerging industries and IPC (《战略性新兴产业分类与国际专利分类参照
  关系表（2021）（试行）》), the fields near Inner Mongolia's key industries: rare-earth and new materials, new energy
  and hydrogen, new-generation IT, biomedicine (Mongolian medicine), new-energy vehicles;
- 包头稀土 (rare_earth): its gradable patents' suggestions confirmed at once, then the granted invention with the
  US family member and the China Patent Award re-graded A with a reason (an override).

`build(centers, users)`: as the other parts' demos. Loaded once (a list already kept, a center already graded, is
left as it is)."""

from apps.patents.models import Patent, PatentGrade, StrategicIPC

from . import grading, high_value, policies

STRATEGIC_IPC = [
    ("H01F 1", "新材料（稀土永磁材料）"),
    ("C22C", "新材料（先进金属材料）"),
    ("C09K 3/14", "新材料（稀土抛光材料）"),
    ("C01F 17", "新材料（稀土化合物）"),
    ("H01M", "新能源（储能电池、燃料电池）"),
    ("C25B 1/04", "新能源（电解水制氢）"),
    ("F03D", "新能源（风力发电）"),
    ("H02S", "新能源（光伏发电）"),
    ("B60L", "新能源汽车"),
    ("G06F 16", "新一代信息技术（数据检索与处理）"),
    ("G06N", "新一代信息技术（人工智能）"),
    ("H04W", "新一代信息技术（无线通信网络）"),
    ("A61K 36", "生物医药（中药、蒙药）"),
    ("C12N", "生物（生物制造）"),
]

OVERRIDE_REASON = "该专利为稀土永磁主导产品的基础专利，已获中国专利优秀奖并在美国布局，定为核心专利重点维护。"


def build(centers: dict, users) -> list[PatentGrade]:
    region = users.get("regional_officer")
    if region is not None and not StrategicIPC.objects.exists():
        for prefix, industry in STRATEGIC_IPC:
            high_value.strategic_ipc_save(region, ipc_prefix=prefix, industry=industry)
    center = centers.get("rare_earth")
    user = users.get("unit_admin")
    if center is None or user is None or not policies.can_keep(user, center):
        return []
    patents = grading.gradable(Patent.objects.filter(center=center))
    if not patents.exists() or PatentGrade.objects.filter(patent__center=center).exists():
        return []
    rows = grading.grade_bulk_confirm(user, center, list(patents.values_list("pk", flat=True)))
    core = patents.filter(application_number="201611162814.0").first()
    if core is not None and core.grade != "A":
        rows.append(grading.grade_confirm(user, core, grade="A", handling="maintain", reason=OVERRIDE_REASON))
    return rows
