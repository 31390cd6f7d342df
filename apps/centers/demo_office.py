"""The demo centers' work offices and IP councils, through the office's services (`demo.build` calls `build`):

- 包头稀土 (rare_earth): the office declared with its staff (full- and part-time, from the lead unit and the
  partner institute) and its evidence; a council with members from the lead unit, the partner and an IP service
  agency; two meetings with decisions typed by subject, the first with its minutes;
- 内蒙古大学 (university): the office declared, no council yet (the region requires it to rectify for that).

Loaded once (a center that already has an office is left as it is)."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.applications.demo import tiny_pdf
from apps.attachments import services as attachments
from apps.core import clock

from . import office
from .models import Office


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tiny_pdf(name), content_type="application/pdf")


def build(centers: dict, users) -> None:
    organizations = users["organizations"]
    rare_earth = centers.get("rare_earth")
    if rare_earth is not None and not Office.objects.filter(center=rare_earth).exists():
        _rare_earth(rare_earth, users["unit_admin"], organizations)
    university = centers.get("university")
    if university is not None and not Office.objects.filter(center=university).exists():
        office.office_save(
            users["university_admin"],
            university,
            values={
                "head_name": "王芳",
                "head_title": "科学技术研究院副院长",
                "phone": "0471-4992233",
                "address": "呼和浩特市赛罕区大学西街 235 号 科技楼 5 层",
                "area_m2": "90",
                "facilities": "专利检索终端 2 台，蒙药专利专题数据库",
            },
            staff=[
                {
                    "name": "王芳",
                    "role": "主任（兼）",
                    "employment": "part_time",
                    "organization": organizations["university"],
                },
                {
                    "name": "巴特尔",
                    "role": "专利工程师",
                    "employment": "full_time",
                    "organization": organizations["university"],
                },
            ],
        )


def _rare_earth(center, admin, organizations) -> None:
    lead, institute = organizations["rare_earth"], organizations["institute"]
    declared = office.office_save(
        admin,
        center,
        values={
            "head_name": "李明",
            "head_title": "知识产权部部长",
            "phone": "0472-5123456",
            "address": "包头市稀土高新区黄河大街 8 号 研发中心 3 层",
            "area_m2": "180",
            "facilities": "独立办公区与会议室；专利检索分析系统（incoPat）；稀土专利专题数据库；中试平台共享",
        },
        staff=[
            {"name": "李明", "role": "主任", "employment": "full_time", "organization": lead},
            {"name": "周工", "role": "专利工程师", "employment": "full_time", "organization": lead},
            {"name": "韩雪", "role": "专利信息分析师", "employment": "full_time", "organization": lead},
            {"name": "陈静", "role": "技术联络员", "employment": "part_time", "organization": institute},
        ],
    )
    attachments.attachment_store(_pdf("office-establishment-notice.pdf"), owner=declared, kind=office.EVIDENCE_KIND,
                                 user=admin)  # fmt: skip
    joined = clock.today() - timedelta(days=30)
    members = [
        office.council_member_add(
            admin, center, name=name, party=party, organization=unit, position=position, title=title, joined_on=joined
        )
        for name, party, unit, position, title in (
            ("张建国", "lead_unit", lead, "chair", "总工程师"),
            ("陈静", "partner", institute, "vice_chair", "研究所副所长"),
            ("刘洋", "service_agency", None, "member", "专利代理师（北京知识产权服务机构）"),
            ("李明", "lead_unit", lead, "secretary", "知识产权部部长"),
        )
    ]
    office.council_meeting_record(
        admin,
        center,
        held_on=clock.today() - timedelta(days=20),
        title="知识产权议事机构成立会议",
        agenda="1. 审议议事规则；2. 确定专利信息平台建设方案；3. 研究稀土抛光材料专利布局方向。",
        attendees=members,
        other_attendees="包头市市场监管局知识产权科 1 人（列席）",
        decisions=[
            {
                "subject": "information_platform",
                "text": "依托 incoPat 建设稀土专利信息平台，三个月内上线。",
                "responsible": "李明",
                "due_on": clock.today() + timedelta(days=70),
            },
            {
                "subject": "patent_layout",
                "text": "围绕稀土抛光粉制备工艺开展专利导航，形成布局建议。",
                "responsible": "韩雪",
            },
            {"subject": "other", "text": "通过《知识产权议事机构议事规则》。"},
        ],
        minutes=_pdf("council-minutes-1.pdf"),
    )
    office.council_meeting_record(
        admin,
        center,
        held_on=clock.today(),
        title="第二次议事会议：研发方向与发明披露",
        agenda="1. 确定催化材料研发方向；2. 审查第一批发明披露。",
        attendees=members[:2] + members[3:],
        decisions=[
            {
                "subject": "research_direction",
                "text": "优先研发低温稀土脱硝催化剂，联合研究所开展中试。",
                "responsible": "张建国",
            },
            {
                "subject": "disclosure_review",
                "text": "第一批 6 项发明披露中 4 项进入专利申请前评估。",
                "responsible": "周工",
            },
        ],
    )
