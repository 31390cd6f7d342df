"""The demo centers' supervision, through the supervision services (`demo.build` calls `build` after the changes):

- 内蒙古大学 (university): the end-of-term acceptance scheduled for 30 days before its term ends; an inspection held
  today with an officer of the 呼和浩特 office, two findings — the office in place (no rectification), the IP council
  not yet set up (rectification required within three months: the rectification is open and the center
  rectifying) — completed with its result and its report;
- 包头稀土 (rare_earth): an inspection scheduled in five days with the 包头 office's officer, and its end-of-term
  acceptance scheduled for 30 days before its term ends.

An accepted center is not among them: the acceptance is held in the last 90 days of a term that the demo contracts
begin today (`rules.ACCEPTANCE_WINDOW_DAYS`); move the demo clock forward (the regional officer's workbench) to the
acceptance date and record the result. Loaded once (a center that already has an inspection is left as it is)."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.applications.demo import tiny_pdf
from apps.attachments import services as attachments
from apps.core import clock

from . import supervision
from .models import Center, Inspection


def _office(users, center):
    code = center.prefecture.code
    return users.get("prefecture_officer" if code == "150200" else f"prefecture_officer_{code}")


def _schedule_acceptance(region, center):
    ends_on = supervision.term_end(center)
    if ends_on is None or not supervision.acceptance_may_be_scheduled(center):
        return None
    return supervision.acceptance_schedule(
        region,
        center,
        scheduled_on=ends_on - timedelta(days=30),
        team="自治区知识产权局组织验收专家组：高校知识产权管理专家、专利代理师、财务专家各一名",
    )


def build(centers: dict, users) -> None:
    region = users["regional_officer"]
    university = centers.get("university")
    if university is not None:
        university.refresh_from_db()
        if (
            university.status == Center.Status.UNDER_CONSTRUCTION
            and not Inspection.objects.filter(center=university).exists()
        ):
            _university(region, _office(users, university), university)
    rare_earth = centers.get("rare_earth")
    if rare_earth is not None:
        rare_earth.refresh_from_db()
        if rare_earth.status in supervision.INSPECTED and not Inspection.objects.filter(center=rare_earth).exists():
            officer = _office(users, rare_earth)
            supervision.inspection_schedule(
                region,
                rare_earth,
                scheduled_on=clock.today() + timedelta(days=5),
                scope="建设任务进展、合同指标完成情况、工作经费使用与配套资金到位情况",
                team="自治区知识产权局 运用促进处 2 人；包头市市场监管局 1 人",
                officers=[officer] if officer is not None else [],
            )
            _schedule_acceptance(region, rare_earth)


def _university(region, officer, center) -> None:
    _schedule_acceptance(region, center)
    inspection = supervision.inspection_schedule(
        region,
        center,
        scheduled_on=clock.today(),
        scope="工作办公室、知识产权议事机构组建情况，建设任务启动情况",
        team="自治区知识产权局 运用促进处 2 人；呼和浩特市市场监管局 1 人",
        officers=[officer] if officer is not None else [],
    )
    supervision.finding_record(
        officer or region,
        inspection,
        text="工作办公室已设立，负责人和专职人员到位，办公场所和设施符合要求。",
    )
    supervision.finding_record(
        region,
        inspection,
        text="知识产权议事机构尚未组建，合作单位和服务机构未参与中心重大事项议事。",
        requires_rectification=True,
        requirements="三个月内组建知识产权议事机构（牵头单位、合作单位、服务机构均有成员），制定议事规则并召开首次会议，报送会议纪要。",
        due_on=clock.today() + relativedelta(months=3),
    )
    inspection = supervision.inspection_complete(
        region,
        inspection,
        summary="工作办公室运转正常；知识产权议事机构组建滞后，已要求限期整改。",
    )
    attachments.attachment_store(
        SimpleUploadedFile("inspection-report.pdf", tiny_pdf("inspection report"), content_type="application/pdf"),
        owner=inspection,
        kind=supervision.INSPECTION_REPORT,
        user=region,
    )
