"""Demo applications on the open demo call (apps.calls.demo), built through the real services so that every
timeline, version, audit entry and notification exists, so every role sees work:

- 乌海精细化工 (dishonest): a draft on the hydrogen topic, blocked by its active integrity record;
- 包头稀土 (unit_admin): on the rare-earth topic with the 稀土研究院 as partner; returned once by the 包头 office and
  resubmitted (two versions to compare); awaiting the 包头 prefecture's recommendation;
- 草原乳业 (dairy_admin): on the dairy topic with 内蒙古大学 and an IP agency as partners; recommended by the
  呼和浩特 office, awaiting the formal check;
- 内蒙古大学 (university_admin): on the rare-earth topic, under expert review: the rare-earth panel (expert1–6) is
  scoring, expert1 is excluded (affiliation), three experts have scored; the call still takes applications, so
  the panel cannot close yet (the button says why: scoring may open early, the ranking waits for the review stage);
- 鄂尔多斯氢能 (hydrogen_admin): on the topic of this year's hydrogen special call (`_hydrogen_call`), whose window
  closed weeks ago and which is under review; 包头稀土 as partner, panel closed (expert3 excluded by a declared
  conflict), selected; the selection's public notice ran after the recommendation deadline and has ended with one
  resolved objection: ready to be approved. (Nothing contradicts: the notice of a call still open for
  applications would.)

Called by `manage.py load_demo` as `load(users)` after apps.calls.demo. Needs SM4_KEY_HEX (attachments are
encrypted): without it the applications are skipped with a warning."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.attachments.services import attachment_store
from apps.calls import services as call_services
from apps.calls.models import Call
from apps.core import clock
from apps.portal import services as portal
from apps.portal.models import Objection, PublicNotice
from apps.reference.selectors import working_calendar

from . import kpis, scoring, services, services_decision, services_review
from .models import Application, Review

HYDROGEN_OPENED_DAYS_AGO = 75

D = Decimal
KPI_FACTOR = D("1.2")  # targets 20% above the topic's minimum
RD_MILLIONS = (D("8"), D("9.5"), D("11"))


def tiny_pdf(text: str = "demo") -> bytes:
    stream = f"BT /F1 14 Tf 30 120 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _file(owner, kind, name, user):
    attachment_store(SimpleUploadedFile(name, tiny_pdf(kind), "application/pdf"), owner=owner, kind=kind, user=user)


def _fill(
    user,
    application,
    *,
    name,
    field,
    goals,
    budget,
    kpi_factor=KPI_FACTOR,
    rd=RD_MILLIONS,
    capability=None,
    ip_certified=False,
):
    topic = application.topic
    years = application.rd_years()
    term = kpis.term_years()
    services.application_save(
        user,
        application,
        values={
            "project_name": name,
            "contact_name": user.full_name,
            "contact_phone": "0472-5123456",
            "contact_email": user.email,
            "field_industry": topic.industry,
            "field_description": field,
            "ip_system": Application.IPSystem.CERTIFIED if ip_certified else Application.IPSystem.DOCUMENTED,
            "ip_certificate_number": "18124IP0123R0M" if ip_certified else "",
            "ip_certificate_issuer": "中知（北京）认证有限公司" if ip_certified else "",
            "invention_patents": 56,
            "other_patents": 112,
            "patent_summary": "拥有有效发明专利56件，其中核心专利12件；近三年专利许可转让5项。",
            "cooperation_record": "近五年与区内高校、科研院所共建联合实验室2个，共同承担自治区科技重大专项3项。",
            "goals": goals,
            "task_cultivation_system": (
                "成立由牵头单位、合作单位和知识产权服务机构组成的知识产权议事机构，建设专利信息平台。"
            ),
            "task_forward_layout": "开展产业专利导航，研判竞争格局；建立专利申请前评估制度，撰写高质量专利申请文件。",
            "task_transfer_use": "建立专利分级分类管理制度，通过许可、转让、作价入股等方式推动转化运用，参与制定标准。",
            "task_industry_alliance": "联合产业链上下游企业组建产业知识产权联盟，探索组建专利池。",
        },
        capabilities=[
            capability
            or {
                "kind": "platform",
                "name": "内蒙古自治区工程技术研究中心",
                "level": "regional",
                "approving_body": "内蒙古自治区科学技术厅",
                "number": "NMG-GC-2021-017",
            }
        ],
        rd=[
            {"year": year, "amount": amount * D("1000000"), "revenue": D("120000000")}
            for year, amount in zip(years, rd, strict=True)
        ],
        indicators=[
            {
                "topic_indicator_id": t.pk,
                "name": t.name,
                "unit": t.unit,
                "baseline": D("0"),
                # cumulative targets rising evenly to the last year of the term
                "targets": {
                    year: (t.minimum_target * kpi_factor * year / term).quantize(D("1")) for year in kpis.years()
                },
            }
            for t in topic.indicators.all()
        ],
        budget=[
            {"name": "专利导航与分析评议", "requested_amount": budget[0], "matched_amount": budget[0], "note": ""},
            {
                "name": "高价值专利申请与布局",
                "requested_amount": budget[1],
                "matched_amount": budget[1] * 2,
                "note": "",
            },
            {"name": "专利转化运用与联盟建设", "requested_amount": budget[2], "matched_amount": budget[2], "note": ""},
        ],
    )
    for kind in ("commitment", "rd_audit", "ip_certificate" if ip_certified else "ip_rules"):
        _file(application, kind, f"{kind}.pdf", user)
    if (capability or {"kind": "platform"})["kind"] == "platform":
        _file(application, "platform_certificate", "平台认定文件.pdf", user)


def _partner(user, application, organization, role, contribution):
    partnership = services.partnership_add(
        user, application, credit_code=organization.credit_code, role=role, contribution=contribution
    )
    _file(partnership, "cooperation_agreement", "合作协议（已签章）.pdf", user)
    return partnership


def _demo_call():
    today = clock.today()
    return (
        Call.objects.filter(status=Call.Status.PUBLISHED, applications_open__lte=today, applications_close__gte=today)
        .order_by("-year", "-id")
        .first()
    )


def _hydrogen_call(region, today) -> Call:
    """This year's hydrogen special call, built through the services while its window is open (the demo path
    submits to it); `_close_hydrogen_call` then moves its window and deadline into the past."""
    from apps.reference.models import Industry

    opens = today - datetime.timedelta(days=HYDROGEN_OPENED_DAYS_AGO)
    call = call_services.call_create(
        region,
        year=opens.year,
        title=f"{opens.year}年度内蒙古氢能装备高价值专利培育中心专项榜单",
        guide="申报主体、条件和程序见专项申报通知。",
        work_plan=f"{opens.year}年在氢能装备领域新建1家培育中心。",
        applications_open=opens,
        applications_close=today + datetime.timedelta(days=1),
        recommendation_deadline=today + datetime.timedelta(days=2),
        funding_available=D("3000000"),
    )
    call_services.topic_create(
        region,
        call,
        values={
            "title": "碱性电解槽与高压储氢装备高价值专利培育",
            "industry": Industry.objects.get(code="new-energy-equipment"),
            "technical_field": "碱性电解槽、复合隔膜与高压储氢装备",
            "requirements": "聚焦大标方电解槽、复合隔膜、高压储运安全等关键技术，开展专利导航并组建专利池。",
            "funding_cap": D("3000000"),
        },
        indicators=[
            {"name": "发明专利授权量", "unit": "件", "minimum_target": "30"},
            {"name": "专利产业化项目", "unit": "项", "minimum_target": "3"},
        ],
    )
    return call_services.call_publish(region, call)


def _close_hydrogen_call(call, today) -> None:
    """Demo only (services never move dates backwards): the window closed 45 days ago, the recommendation deadline
    passed 35 days ago, the call is under review; its publication announcement dates from before the window."""
    from apps.portal.models import Announcement

    opens = today - datetime.timedelta(days=HYDROGEN_OPENED_DAYS_AGO)
    published = timezone.make_aware(datetime.datetime.combine(opens - datetime.timedelta(days=5), datetime.time(9)))
    Call.objects.filter(pk=call.pk).update(
        applications_close=today - datetime.timedelta(days=45),
        recommendation_deadline=today - datetime.timedelta(days=35),
        status=Call.Status.REVIEWING,
        published_at=published,
    )
    Announcement.objects.filter(subject_id=call.pk, kind=Announcement.Kind.CALL, title__startswith=call.title).update(
        published_at=published
    )


def _score(expert, review, base):
    scores = {c.code: D(base) + D(i) for i, c in enumerate(scoring.criteria())}
    services_review.review_submit(expert, review, scores=scores, comment="研发基础扎实，建设方案可行，指标设置合理。")


def load(users):
    if not settings.SM4_KEY_HEX:
        print("apps.applications.demo: SM4_KEY_HEX is not set, demo applications skipped.")
        return
    call = _demo_call()
    if call is None:
        return
    orgs = users["organizations"]
    topics = {t.industry.code: t for t in call.topics.select_related("industry")}
    rare_earth, hydrogen, dairy = topics["rare-earth"], topics["new-energy-equipment"], topics["dairy-food"]
    region = users["regional_officer"]
    today = clock.today()
    hydrogen_call = _hydrogen_call(region, today)
    hydrogen_special = hydrogen_call.topics.get()
    baotou = users["prefecture_officer"]
    hohhot = users["prefecture_officer_150100"]
    ordos = users["prefecture_officer_150600"]
    experts = [users[f"expert{i}"] for i in range(1, 7)]

    # 1. a draft blocked by the lead unit's integrity record
    dishonest = users["dishonest_admin"]
    draft = services.application_create(dishonest, hydrogen, project_name="煤化工副产氢提纯与储运高价值专利培育中心")
    services.application_save(
        dishonest,
        draft,
        values={"field_industry": hydrogen.industry, "field_description": "焦炉煤气副产氢提纯、高压储运"},
    )

    # 2. 包头稀土: returned once, resubmitted, awaiting the 包头 office
    unit = users["unit_admin"]
    baotou_app = services.application_create(unit, rare_earth, project_name="稀土永磁高价值专利培育中心")
    _fill(
        unit,
        baotou_app,
        name="稀土永磁高价值专利培育中心",
        field="高丰度稀土永磁材料、晶界扩散工艺及稀土储氢合金",
        goals="建设期内形成覆盖材料、工艺、装备的高价值专利组合，培育核心专利20件。",
        budget=(D("600000"), D("900000"), D("500000")),
    )
    _partner(unit, baotou_app, orgs["institute"], "rd_institution", "承担晶界扩散工艺研发，共享中试线。")
    baotou_app = services.application_submit(unit, baotou_app)
    services.application_prefecture_return(
        baotou, baotou_app, reason="请细化建设目标中核心专利的培育路径，并核实经费预算中专利申请费用的测算依据。"
    )
    baotou_app.refresh_from_db()
    services.application_save(
        unit,
        baotou_app,
        values={
            "goals": "建设期内形成覆盖材料、工艺、装备的高价值专利组合：第一年完成专利导航，第二年布局核心专利12件，"
            "第三年累计培育核心专利20件并实现许可转让8项。",
        },
    )
    baotou_app = services.application_submit(unit, baotou_app)

    # 3. 草原乳业: recommended by the 呼和浩特 office, awaiting the formal check
    dairy_admin = users["dairy_admin"]
    dairy_app = services.application_create(dairy_admin, dairy, project_name="乳业菌种高价值专利培育中心")
    _fill(
        dairy_admin,
        dairy_app,
        name="乳业菌种高价值专利培育中心",
        field="乳酸菌和益生菌菌种选育、婴配乳粉加工工艺",
        goals="建立自主菌种资源库，布局菌种—工艺—产品专利组合。",
        budget=(D("500000"), D("800000"), D("700000")),
        ip_certified=True,
    )
    _partner(dairy_admin, dairy_app, orgs["university"], "rd_institution", "菌种筛选与功能评价。")
    _partner(dairy_admin, dairy_app, orgs["agency"], "ip_service_agency", "专利导航、申请前评估与专利撰写。")
    dairy_app = services.application_submit(dairy_admin, dairy_app)
    services.application_recommend(hohhot, dairy_app, opinion="材料齐全，符合申报条件，同意推荐。")

    # 4. 内蒙古大学: under expert review, the rare-earth panel scoring, expert1 excluded
    imu = users["university_admin"]
    imu_app = services.application_create(imu, rare_earth, project_name="稀土功能材料产学研高价值专利培育中心")
    _fill(
        imu,
        imu_app,
        name="稀土功能材料产学研高价值专利培育中心",
        field="稀土永磁、稀土催化材料基础研究与应用",
        goals="依托国家重点实验室，培育稀土功能材料高价值专利并推动在区内企业转化。",
        budget=(D("700000"), D("1000000"), D("600000")),
    )
    _partner(imu, imu_app, orgs["rare_earth"], "downstream_enterprise", "承接专利转化，提供产业化验证。")
    imu_app = services.application_submit(imu, imu_app)
    imu_app = services.application_recommend(hohhot, imu_app, opinion="同意推荐。")
    imu_app = services.application_formal_pass(region, imu_app, opinion="形式审查合格。")
    panel = services_review.panel_create(region, rare_earth)
    for expert in experts:
        services_review.panel_add_member(region, panel, expert)
    services_review.panel_open(region, panel)
    for index, expert in enumerate(experts[1:4]):
        review = Review.objects.get(application=imu_app, expert=expert)
        _score(expert, review, 78 + index * 3)

    # 5. 鄂尔多斯氢能: panel closed, selected, notice ended with a resolved objection: ready to approve
    h2 = users["hydrogen_admin"]
    h2_app = services.application_create(h2, hydrogen_special, project_name="氢能装备高价值专利培育中心")
    _fill(
        h2,
        h2_app,
        name="氢能装备高价值专利培育中心",
        field="碱性电解槽、复合隔膜与高压储氢装备",
        goals="围绕大标方电解槽形成专利组合，组建氢能装备专利池。",
        budget=(D("800000"), D("1200000"), D("700000")),
        capability={
            "kind": "major_project",
            "name": "国家重点研发计划“氢能技术”重点专项课题",
            "level": "national",
            "approving_body": "科学技术部",
            "number": "2023YFB4005100",
            "starts_on": datetime.date(2023, 12, 1),
            "ends_on": datetime.date(2027, 11, 30),
        },
    )
    _file(h2_app, "project_document", "项目任务书.pdf", h2)
    _partner(h2, h2_app, orgs["rare_earth"], "upstream_enterprise", "供应稀土储氢合金，联合开展储氢装备研发。")
    h2_app = services.application_submit(h2, h2_app)
    h2_app = services.application_recommend(ordos, h2_app, opinion="同意推荐。")
    h2_app = services.application_formal_pass(region, h2_app)
    h2_panel = services_review.panel_create(region, hydrogen_special)
    for expert in experts:
        services_review.panel_add_member(region, h2_panel, expert)
    h2_panel = services_review.panel_open(region, h2_panel)
    for index, review in enumerate(
        Review.objects.filter(panel=h2_panel, status=Review.Status.ASSIGNED).select_related("expert")
    ):
        _score(review.expert, review, 80 + (index * 2) % 7)
    # A panel closes once its call has reached the review stage (workflow.PANEL, policies.call_in_review_stage).
    _close_hydrogen_call(hydrogen_call, today)
    hydrogen_call.refresh_from_db()
    services_review.panel_close(region, h2_panel)
    h2_app.refresh_from_db()
    selection = services_decision.selection_create(
        region, hydrogen_call, [h2_app], contact="自治区市场监管局（知识产权局）知识产权运用处 0471-6900000"
    )
    notice = selection.notice
    objection = portal.objection_submit(
        notice, name="某装备制造企业", contact="0477-0000000", text="对该单位承担国家重点研发计划课题的情况有疑问。"
    )
    portal.objection_resolve(region, objection, resolution="经核查项目任务书，课题在研属实，异议不成立，已电话答复。")
    # The notice period is over: move it into the past (demo only; services never open one backwards). It ran
    # after the call's recommendation deadline (35 days ago).
    calendar = working_calendar()
    starts = calendar.add_working_days(today - datetime.timedelta(days=14), 0)
    ends = calendar.period_end(starts, notice.working_days)
    PublicNotice.objects.filter(pk=notice.pk).update(starts_on=starts, ends_on=ends)
    Objection.objects.filter(pk=objection.pk).update(
        received_at=timezone.make_aware(
            datetime.datetime.combine(starts + datetime.timedelta(days=1), datetime.time(10, 0))
        )
    )
