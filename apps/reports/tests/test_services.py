"""The reports' services (rcore): opening, due dates, writing, figures, comments, every transition and every
refusal — a refusal is a DomainError with a Chinese message, after which nothing has changed."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.audit.models import AuditEntry
from apps.core.errors import DomainError, InvalidTransition, PermissionDenied
from apps.notifications.models import Message

from .. import rules, services
from ..models import AnnualReport, FigureComment, ReportEvent, ReportingYear, ReportVersion
from . import reports_setup as rs

pytestmark = pytest.mark.django_db
S = AnnualReport.Status


def _state(report) -> dict:
    """What a refusal must leave as it was: the report's row, its versions, events, comments and audit entries."""
    row = AnnualReport.objects.filter(pk=report.pk).values().get()
    row.pop("updated_at")
    return {
        "row": row,
        "versions": ReportVersion.objects.filter(report_id=report.pk).count(),
        "events": ReportEvent.objects.filter(report_id=report.pk).count(),
        "comments": list(FigureComment.objects.filter(report_id=report.pk).values_list("key", "text")),
        "audit": AuditEntry.objects.count(),
    }


def _refused(call, report, *, error=DomainError, says=""):
    before = _state(report)
    with pytest.raises(error) as caught:
        call()
    message = str(caught.value.message)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), f"not Chinese: {message}"
    if says:
        assert says in message, message
    assert _state(report) == before
    return message


# ---------------------------------------------------------------- opening


def test_open_report_is_idempotent_and_prefilled(world):
    center = rs.center(world)
    year = rs.last_year()
    report = services.open_report(center, year)
    assert report.status == S.DRAFT and report.version == 0
    assert report.period_start == datetime.date(year, 1, 1) and report.period_end == datetime.date(year, 12, 31)
    assert report.due_on == datetime.date(year + 1, rules.DEFAULT_DUE_MONTH, rules.DEFAULT_DUE_DAY)
    assert report.figures["as_of"] == f"{year}-12-31" and report.figures_as_of == report.period_end
    assert "funding.allocated_year" in services.figure_keys(report.figures)
    tasks = Message.objects.filter(recipient=world.user("unit_admin"), is_task=True).count()
    audit = AuditEntry.objects.filter(action="reports.open").count()
    assert tasks == 1 and audit == 1

    again = services.open_report(center, year)
    assert again.pk == report.pk
    assert AnnualReport.objects.filter(center=center).count() == 1
    assert AuditEntry.objects.filter(action="reports.open").count() == 1
    assert ReportEvent.objects.filter(report=report, action="open").count() == 1
    assert Message.objects.filter(recipient=world.user("unit_admin"), is_task=True).count() == 1


def test_open_report_takes_the_due_date_the_region_set(world):
    year = rs.last_year()
    services.set_due_date(world.user("regional_officer"), year, datetime.date(year + 1, 3, 15))
    report = rs.open_for(world, year=year)
    assert report.due_on == datetime.date(year + 1, 3, 15)


def test_open_report_refuses_a_year_outside_the_platform(world):
    center = rs.center(world)
    with pytest.raises(DomainError):
        services.open_report(center, 1999)
    assert not AnnualReport.objects.exists()


# ---------------------------------------------------------------- due dates


def test_set_due_date_moves_the_drafts_not_the_submitted(world):
    year = rs.last_year()
    draft = rs.open_for(world, year=year)
    sent = rs.submitted(world, org=world.org_other, year=year)
    new = datetime.date(year + 1, 4, 30)
    row = services.set_due_date(world.user("regional_officer"), year, new)
    assert row.due_on == new and row.updated_by == world.user("regional_officer")
    assert rs.fresh(draft).due_on == new
    assert rs.fresh(sent).due_on != new  # submitted already: its own date, its lateness fixed
    assert ReportEvent.objects.filter(report=draft, action="due_date").exists()
    assert AuditEntry.objects.filter(action="reports.due_date").count() == 1
    assert AuditEntry.objects.filter(action="reports.report.due_date", object_id=str(draft.pk)).count() == 1


@pytest.mark.parametrize("due", ["last_day", "inside", "before"])
def test_a_due_date_before_the_year_has_ended_is_refused(world, due):
    year = rs.last_year()
    report = rs.open_for(world, year=year)
    services.set_due_date(world.user("regional_officer"), year, datetime.date(year + 1, 2, 28))
    day = {
        "last_day": datetime.date(year, 12, 31),
        "inside": datetime.date(year, 6, 1),
        "before": datetime.date(year - 1, 1, 1),
    }[due]
    before = list(ReportingYear.objects.values())
    _refused(
        lambda: services.set_due_date(world.user("regional_officer"), year, day),
        report,
        says="截止日期",
    )
    assert list(ReportingYear.objects.values()) == before


@pytest.mark.parametrize("actor", ["prefecture_officer", "unit_admin", "evaluator", "system_admin"])
def test_only_the_region_sets_due_dates(world, actor):
    year = rs.last_year()
    with pytest.raises(PermissionDenied):
        services.set_due_date(world.user(actor), year, datetime.date(year + 1, 3, 1))
    assert not ReportingYear.objects.exists()


# ---------------------------------------------------------------- writing


def test_the_unit_member_writes_and_the_audit_keeps_what_changed(world):
    report = rs.open_for(world)
    saved = services.update_sections(world.user("unit_member"), report, results="申请发明专利12件。")
    assert saved.results == "申请发明专利12件。"
    entry = AuditEntry.objects.filter(action="reports.sections").latest("seq")
    assert entry.after == {"results": "申请发明专利12件。"} and entry.before == {"results": ""}
    # the same text again changes nothing and writes no entry
    services.update_sections(world.user("unit_member"), rs.fresh(report), results="申请发明专利12件。")
    assert AuditEntry.objects.filter(action="reports.sections").count() == 1


@pytest.mark.parametrize("actor", ["unit_admin_other", "prefecture_officer", "regional_officer", "evaluator", "expert"])
def test_only_the_lead_unit_writes(world, actor):
    report = rs.open_for(world)
    _refused(lambda: services.update_sections(world.user(actor), report, results="x"), report, error=PermissionDenied)


def test_writing_refusals_change_nothing(world):
    report = rs.open_for(world)
    member = world.user("unit_member")
    _refused(lambda: services.update_sections(member, report, appendix="x"), report, says="appendix")
    too_long = "字" * (rules.SECTION_MAX + 1)
    _refused(lambda: services.update_sections(member, report, results=too_long, problems="p"), report, says="20000")
    stale = "2000-01-01T00:00:00+00:00"
    _refused(lambda: services.update_sections(member, report, seen_at=stale, results="x"), report, says="已有他人")


def test_a_submitted_report_cannot_be_written(world):
    report = rs.submitted(world)
    _refused(lambda: services.update_sections(world.user("unit_admin"), report, results="改"), report)
    _refused(lambda: services.refresh_figures(report, user=world.user("unit_admin")), report)


# ---------------------------------------------------------------- figures and comments


def test_refresh_reads_the_figures_again(world):
    report = rs.open_for(world)
    AnnualReport.objects.filter(pk=report.pk).update(figures={"as_of": "x", "groups": []})
    refreshed = services.refresh_figures(rs.fresh(report), user=world.user("unit_member"))
    assert "funding.allocated_year" in services.figure_keys(refreshed.figures)
    assert AuditEntry.objects.filter(action="reports.refresh").exists()


def test_refresh_refused_for_others(world):
    report = rs.open_for(world)
    _refused(
        lambda: services.refresh_figures(report, user=world.user("prefecture_officer")), report, error=PermissionDenied
    )


def test_comment_on_a_figure_with_evidence(world):
    from apps.attachments.models import Attachment

    report = rs.open_for(world)
    key = rs.first_figure_key(report)
    pdf = SimpleUploadedFile("证明.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    found = services.comment(world.user("unit_member"), report, key, "  次年1月到账，年度内未计入。 ", evidence=pdf)
    assert found.text == "次年1月到账，年度内未计入。" and found.updated_by == world.user("unit_member")
    assert Attachment.objects.alive().filter(owner_id=found.pk, kind="figure_evidence").count() == 1
    again = services.comment(world.user("unit_admin"), report, key, "改正的说明")
    assert again.pk == found.pk and FigureComment.objects.count() == 1
    assert AuditEntry.objects.filter(action="reports.comment").count() == 2


def test_comment_refusals_change_nothing(world):
    report = rs.open_for(world)
    key = rs.first_figure_key(report)
    member = world.user("unit_member")
    _refused(lambda: services.comment(member, report, "kpi.nothing", "说明"), report, says="没有这项数据")
    _refused(lambda: services.comment(member, report, key, "   "), report, says="说明")
    _refused(lambda: services.comment(member, report, key, "字" * (rules.COMMENT_MAX + 1)), report, says="4000")
    _refused(
        lambda: services.comment(world.user("prefecture_officer"), report, key, "说明"), report, error=PermissionDenied
    )


# ---------------------------------------------------------------- transitions


def test_submit_freezes_a_version_and_fixes_the_lateness(world, clock):
    year = rs.last_year()
    report = rs.open_for(world, year=year, due_on=datetime.date(year + 1, 1, 31))
    admin = world.user("unit_admin")
    rs.write_all(report, admin)
    services.comment(admin, report, rs.first_figure_key(report), "说明一")
    clock.set(datetime.date(year + 1, 2, 3))
    sent = services.submit(admin, rs.fresh(report))
    assert sent.status == S.SUBMITTED and sent.version == 1
    assert sent.first_submitted_on == datetime.date(year + 1, 2, 3) and sent.days_late == 3
    version = ReportVersion.objects.get(report=report)
    assert version.number == 1 and version.submitted_by == admin
    assert version.content["sections"]["results"] == rs.TEXT["results"]
    assert version.content["comments"] == {rs.first_figure_key(report): "说明一"}
    assert version.content["figures_as_of"] == f"{year}-12-31"
    assert version.content["figures"] == sent.figures
    event = ReportEvent.objects.filter(report=report, action="submit").get()
    assert (event.status_from, event.status_to, event.version, event.actor) == ("draft", "submitted", 1, admin)
    assert Message.objects.filter(recipient=world.user("prefecture_officer"), is_task=True).exists()
    assert AuditEntry.objects.filter(action="annual_report.submit").count() == 1


def test_submitted_on_time_is_zero_days_late(world, clock):
    year = rs.last_year()
    report = rs.open_for(world, year=year, due_on=datetime.date(year + 1, 1, 31))
    rs.write_all(report, world.user("unit_admin"))
    clock.set(datetime.date(year + 1, 1, 31))
    assert services.submit(world.user("unit_admin"), rs.fresh(report)).days_late == 0


def test_a_second_click_on_submit_is_refused_with_a_clear_message_and_no_second_version(world):
    report = rs.open_for(world)
    admin = world.user("unit_admin")
    rs.write_all(report, admin)
    stale = rs.fresh(report)  # the page the second click came from
    services.submit(admin, rs.fresh(report))
    message = _refused(lambda: services.submit(admin, rs.fresh(report)), report, error=InvalidTransition)
    assert "当前状态" in message
    # the stale copy (still "draft" in memory) loses under the lock: the concurrent-change message
    _refused(lambda: services.submit(admin, stale), report)
    assert ReportVersion.objects.filter(report=report).count() == 1


def test_submit_refusals(world):
    report = rs.open_for(world)
    member, admin = world.user("unit_member"), world.user("unit_admin")
    rs.write_all(report, member, problems="")
    message = _refused(lambda: services.submit(admin, rs.fresh(report)), report, says="存在问题")
    assert "请填写" in message
    rs.write_all(report, member)
    _refused(lambda: services.submit(member, rs.fresh(report)), report, error=PermissionDenied)
    _refused(lambda: services.submit(world.user("unit_admin_other"), rs.fresh(report)), report, error=PermissionDenied)


def test_forward_return_resubmit_receive(world, clock):
    year = rs.last_year()
    clock.set(datetime.date(year + 1, 2, 5))
    report = rs.submitted(world, year=year, due_on=datetime.date(year + 1, 1, 31))
    officer, admin, region = world.user("prefecture_officer"), world.user("unit_admin"), world.user("regional_officer")
    assert report.days_late == 5

    returned = services.return_(officer, report, "经费使用情况不完整，请补充。")
    assert returned.status == S.RETURNED
    services.update_sections(admin, returned, funds_use="补充后的经费使用情况。")
    clock.set(datetime.date(year + 1, 2, 20))
    again = services.submit(admin, rs.fresh(report))
    assert again.version == 2 and again.days_late == 5 and again.first_submitted_on == datetime.date(year + 1, 2, 5)

    forwarded = services.forward(officer, again, "同意报送。")
    assert forwarded.status == S.FORWARDED and forwarded.forwarded_at is not None
    bounced = services.region_return(region, forwarded, "请补充专利运营数据。")
    assert bounced.status == S.RETURNED
    third = services.submit(admin, rs.fresh(report))
    third = services.forward(officer, third, "已补充，同意报送。")
    received = services.receive(region, third)
    assert received.status == S.RECEIVED and received.received_at is not None and received.version == 3

    steps = list(ReportEvent.objects.filter(report=report).values_list("action", "opinion"))
    assert steps == [
        ("open", steps[0][1]),
        ("submit", ""),
        ("return", "经费使用情况不完整，请补充。"),
        ("submit", ""),
        ("forward", "同意报送。"),
        ("region_return", "请补充专利运营数据。"),
        ("submit", ""),
        ("forward", "已补充，同意报送。"),
        ("receive", ""),
    ]


def test_review_refusals_change_nothing(world):
    report = rs.submitted(world)
    officer = world.user("prefecture_officer")
    _refused(lambda: services.forward(officer, report, "  "), report, says="理由")
    _refused(lambda: services.return_(officer, report, ""), report, says="理由")
    _refused(
        lambda: services.forward(world.user("prefecture_officer_other"), report, "同意"),
        report,
        error=PermissionDenied,
        says="盟市",
    )
    _refused(lambda: services.forward(world.user("regional_officer"), report, "同意"), report, error=PermissionDenied)
    _refused(lambda: services.receive(world.user("regional_officer"), report), report, error=InvalidTransition)
    _refused(lambda: services.forward(officer, report, "字" * 4001), report, says="4000")


def test_region_refusals_change_nothing(world):
    report = rs.forwarded(world)
    region = world.user("regional_officer")
    _refused(lambda: services.region_return(region, report, ""), report, says="理由")
    _refused(lambda: services.receive(world.user("prefecture_officer"), report), report, error=PermissionDenied)
    _refused(
        lambda: services.forward(world.user("prefecture_officer"), report, "再次"), report, error=InvalidTransition
    )


def test_a_draft_cannot_be_forwarded_or_received(world):
    report = rs.open_for(world)
    _refused(
        lambda: services.forward(world.user("prefecture_officer"), report, "同意"), report, error=InvalidTransition
    )
    _refused(lambda: services.receive(world.user("regional_officer"), report), report, error=InvalidTransition)
    _refused(lambda: services.act(world.user("regional_officer"), report, "approve"), report)


# ---------------------------------------------------------------- comparing


def test_compare_two_versions(world):
    report = rs.submitted(world)
    admin, officer = world.user("unit_admin"), world.user("prefecture_officer")
    key = rs.first_figure_key(report)
    returned = services.return_(officer, report, "请补充。")
    services.update_sections(admin, returned, funds_use="经费使用：专项资金50万元。")
    services.comment(admin, rs.fresh(report), key, "到账时间说明")
    fresh = rs.fresh(report)
    figures = fresh.figures
    figures["groups"][1]["rows"][0]["value"] = "123.00 元"  # as if a ledger entry had been added in between
    AnnualReport.objects.filter(pk=report.pk).update(figures=figures)
    services.submit(admin, rs.fresh(report))
    v1, v2 = ReportVersion.objects.filter(report=report).order_by("number")
    comparison = services.compare(v1, v2)
    assert [s.name for s in comparison.changed_sections] == ["funds_use"]
    changed = comparison.changed_sections[0]
    assert ("insert", "经费使用：专项资金50万元。") in changed.parts or any(op == "delete" for op, _ in changed.parts)
    changed_keys = {f.key for f in comparison.changed_figures}
    assert key in changed_keys  # the comment
    moved = figures["groups"][1]["rows"][0]["key"]
    assert moved in changed_keys
    row = next(f for f in comparison.figures if f.key == moved)
    assert row.after == "123.00 元" and row.before != row.after


def test_compare_refuses_versions_of_two_reports(world):
    a = rs.submitted(world)
    b = rs.submitted(world, org=world.org_other)
    with pytest.raises(DomainError):
        services.compare(a.versions.get(), b.versions.get())
