"""The demo's patent portfolio, entered through the portfolio's services (the way a center's staff enters records
by form; the imports part brings the bulk from database exports):

- 包头稀土 (rare_earth): four patents of its field — a granted invention with a US family member and a China
  Patent Award, an invention under examination, a utility model, a PCT application entering China — tagged to the
  contract's tasks, with their legal-status history.

`build(centers, users)`: `centers` as `apps.centers.demo.load` returns them ({"rare_earth": Center, …}), `users` the
demo accounts. Loaded once (a center that already has patents is left as it is). The patents app's demo (or
`apps.centers.demo.build`) calls it; a center whose status keeps no records (ended) is skipped."""

from datetime import date

from apps.patents.models import Patent

from . import policies, portfolio

PATENTS = [
    {
        "application_number": "CN201611162814.0",
        "title": "一种高矫顽力烧结钕铁硼永磁材料的制备方法",
        "filing_date": date(2016, 12, 15),
        "publication_number": "CN106783123A",
        "publication_date": date(2017, 5, 31),
        "grant_date": date(2019, 3, 1),
        "legal_status": "granted",
        "legal_status_on": date(2019, 3, 1),
        "applicants": ["包头稀土研究院", "内蒙古大学"],
        "inventors": ["张伟", "李娜"],
        "ipc_codes": ["H01F 1/057", "C22C 38/00"],
        "claims_count": 9,
        "tasks": ["cultivation_system", "transfer_use"],
        "_history": [("published", date(2017, 5, 31), "发明专利申请公布")],
        "_family": ["US20190123456A1"],
        "_award": ("china_patent", "第二十三届中国专利优秀奖", date(2022, 7, 1)),
    },
    {
        "application_number": "201310699744.2",
        "title": "一种稀土抛光粉的回收利用方法",
        "filing_date": date(2013, 12, 18),
        "legal_status": "published",
        "legal_status_on": date(2014, 4, 2),
        "applicants": ["包头稀土研究院"],
        "inventors_withheld": True,
        "ipc_codes": ["C09K 3/14"],
        "tasks": ["forward_layout"],
    },
    {
        "application_number": "ZL201080063196.9",
        "title": "稀土镁合金熔炼保护装置",
        "patent_type": "invention",
        "filing_date": date(2010, 12, 20),
        "applicants": ["包头稀土研究院", "内蒙古科技大学"],
        "ipc_codes": ["C22C 23/06"],
        "tasks": ["industry_alliance"],
    },
]


def build(centers: dict, users) -> list[Patent]:
    center = centers.get("rare_earth")
    user = users.get("unit_admin")
    if center is None or user is None or Patent.objects.filter(center=center).exists():
        return []
    if not policies.can_keep(user, center):
        return []
    made = []
    for values in PATENTS:
        fields = {k: v for k, v in values.items() if not k.startswith("_")}
        patent = portfolio.patent_create(user, center, **fields)
        for status, on, note in values.get("_history", []):
            portfolio.legal_status_record(user, patent, status, on, note)
        for number in values.get("_family", []):
            portfolio.family_member_add(user, patent, number)
        if values.get("_award"):
            kind, name, on = values["_award"]
            portfolio.award_add(user, patent, kind=kind, name=name, awarded_on=on)
        made.append(patent)
    return made
