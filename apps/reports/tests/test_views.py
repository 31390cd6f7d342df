"""The reports' pages (rcore): the list per role and its filters, a center's tab, the report page (sections, figures
with comments, timeline, buttons with the reason they are disabled), writing (nothing typed is lost on a refusal),
refreshing, comments, actions (a prefecture office of another prefecture: 404; a double click: one version), the
comparison of versions and the region's reporting years."""

import datetime
import re

import pytest
from django.urls import reverse

from apps.core.once import FIELD
from tests.form_tokens import token_for

from .. import rules, services
from ..models import AnnualReport, FigureComment, ReportingYear, ReportVersion
from . import reports_setup as rs

pytestmark = pytest.mark.django_db
S = AnnualReport.Status


def _text(response) -> str:
    return response.content.decode()


def _messages(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


# ---------------------------------------------------------------- the list


@pytest.fixture
def two(world):
    return rs.open_for(world), rs.submitted(world, org=world.org_other)


def test_the_list_per_role(world, client_for, two):
    a, b = two
    url = reverse("reports:list")
    for actor, sees, hidden in (
        ("unit_member", a, b),
        ("prefecture_officer", a, b),
        ("prefecture_officer_other", b, a),
        ("unit_admin_other", b, a),
    ):
        page = _text(client_for(actor).get(url))
        assert reverse("reports:detail", args=[sees.pk]) in page, actor
        assert reverse("reports:detail", args=[hidden.pk]) not in page, actor
        assert 'id="export-zip"' not in page and "reports:years" not in page
    region = _text(client_for("regional_officer").get(url))
    assert reverse("reports:detail", args=[a.pk]) in region and reverse("reports:detail", args=[b.pk]) in region
    year = rs.last_year()
    assert reverse("reports:year_zip", args=[year]) in region and reverse("reports:year_xlsx", args=[year]) in region
    assert reverse("reports:years") in region


def test_the_lists_filters(world, client_for, two):
    a, b = two
    client = client_for("regional_officer")
    url = reverse("reports:list")
    detail_a, detail_b = reverse("reports:detail", args=[a.pk]), reverse("reports:detail", args=[b.pk])

    submitted = _text(client.get(url, {"status": "submitted"}))
    assert detail_b in submitted and detail_a not in submitted
    prefecture = _text(client.get(url, {"prefecture": world.prefecture_other.pk}))
    assert detail_b in prefecture and detail_a not in prefecture
    other_year = _text(client.get(url, {"year": rs.last_year()}))
    assert detail_a in other_year and detail_b in other_year

    AnnualReport.objects.filter(pk=a.pk).update(due_on=rs.a_date(-3))
    overdue = _text(client.get(url, {"overdue": "true"}))
    assert detail_a in overdue and detail_b not in overdue  # b is submitted: not overdue
    assert "已逾期 3 天" in overdue
    not_overdue = _text(client.get(url, {"overdue": "false"}))
    assert detail_b in not_overdue and detail_a not in not_overdue


@pytest.mark.parametrize("query", [{"year": "abc"}, {"status": "approved"}, {"prefecture": "999999"}, {"page": "x"}])
def test_bad_filter_values_are_shown_never_a_500(client_for, two, query):
    response = client_for("regional_officer").get(reverse("reports:list"), query)
    assert response.status_code == 200


def test_a_prefecture_officer_has_no_prefecture_filter(client_for, two):
    page = _text(client_for("prefecture_officer").get(reverse("reports:list")))
    assert 'name="prefecture"' not in page and 'name="overdue"' in page


def test_the_centers_tab(world, client_for, two):
    a, _b = two
    url = reverse("reports:center", args=[a.center_id])
    page = _text(client_for("unit_member").get(url))
    assert reverse("reports:detail", args=[a.pk]) in page and "nav-link active" in page
    assert client_for("prefecture_officer_other").get(url).status_code == 404


# ---------------------------------------------------------------- the report page


def test_the_report_page(world, client_for):
    report = rs.open_for(world)
    admin = world.user("unit_admin")
    key = rs.first_figure_key(report)
    services.comment(admin, report, key, "拨付资金于次年1月到账。")
    page = _text(client_for("unit_admin").get(reverse("reports:detail", args=[report.pk])))
    assert "总体运行情况" in page and "尚未填写" in page
    assert f'id="figure-{key}"' in page and "拨付资金于次年1月到账。" in page
    assert reverse("reports:comment", args=[report.pk, key]) in page
    assert reverse("reports:edit", args=[report.pk]) in page and reverse("reports:refresh", args=[report.pk]) in page
    assert reverse("reports:docx", args=[report.pk]) in page and reverse("reports:pdf", args=[report.pk]) in page
    # submit is offered, disabled, with the reason: the sections are empty
    form = re.search(r'<form[^>]*data-action="submit".*?</form>', page, re.S).group(0)
    assert "disabled" in form and "请填写全部内容后再提交" in form


def test_the_report_page_shows_every_opinion_and_the_reviewers_buttons(world, client_for):
    report = rs.submitted(world)
    services.return_(world.user("prefecture_officer"), report, "请补充经费使用明细。")
    services.submit(world.user("unit_admin"), rs.fresh(report))
    url = reverse("reports:detail", args=[report.pk])
    page = _text(client_for("prefecture_officer").get(url))
    assert "请补充经费使用明细。" in page and "第 2 版" in page
    assert 'data-action="forward"' in page and 'data-action="return"' in page
    assert reverse("reports:versions", args=[report.pk]) in page
    member = _text(client_for("unit_member").get(url))
    assert 'data-action="forward"' not in member and "待盟市市场监管局审核" in member
    assert reverse("reports:edit", args=[report.pk]) not in member


def test_another_prefecture_gets_404_on_the_page_and_the_act(world, client_for):
    report = rs.submitted(world)
    client = client_for("prefecture_officer_other")
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404
    act = client.post(reverse("reports:act", args=[report.pk, "forward"]), {"reason": "同意"})
    assert act.status_code == 404
    assert rs.fresh(report).status == S.SUBMITTED


def test_a_forward_without_opinion_shows_the_page_again_and_changes_nothing(world, client_for):
    report = rs.submitted(world)
    client = client_for("prefecture_officer")
    response = client.post(reverse("reports:act", args=[report.pk, "forward"]), {"reason": " "})
    assert response.status_code == 200 and "请填写理由" in " ".join(_messages(response))
    assert rs.fresh(report).status == S.SUBMITTED
    ok = client.post(reverse("reports:act", args=[report.pk, "forward"]), {"reason": "同意报送。"})
    assert ok.status_code == 302 and rs.fresh(report).status == S.FORWARDED


def test_a_return_keeps_the_reasons_typed_when_refused(world, client_for):
    report = rs.submitted(world)
    long = "理" * 4001
    response = client_for("prefecture_officer").post(
        reverse("reports:act", args=[report.pk, "return"]), {"reason": long}
    )
    assert response.status_code == 200 and long in _text(response)
    assert rs.fresh(report).status == S.SUBMITTED


def test_the_wrong_role_gets_403_on_the_act(world, client_for):
    report = rs.open_for(world)
    rs.write_all(report, world.user("unit_admin"))
    assert client_for("unit_member").post(reverse("reports:act", args=[report.pk, "submit"])).status_code == 403
    assert client_for("unit_admin").post(reverse("reports:act", args=[report.pk, "approve"])).status_code == 404


def test_a_double_click_on_submit_makes_one_version_and_says_so(world, client_for):
    report = rs.open_for(world)
    rs.write_all(report, world.user("unit_admin"))
    client = client_for("unit_admin")
    detail = reverse("reports:detail", args=[report.pk])
    act = reverse("reports:act", args=[report.pk, "submit"])
    token = token_for(client.get(detail), act)
    first = client.post(act, {FIELD: token})
    assert first.status_code == 302 and ReportVersion.objects.filter(report=report).count() == 1
    again = client.post(act, {FIELD: token})  # the same form again: the first result, with a note
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert "此表单已经提交过" in _text(client.get(again["Location"]))
    # a second form from a stale page (a new token): a clear message, no second version
    stale = client.post(act, {})
    assert stale.status_code == 200
    assert any("当前状态为" in m and "不能" in m for m in _messages(stale))
    assert ReportVersion.objects.filter(report=report).count() == 1 and rs.fresh(report).version == 1


# ---------------------------------------------------------------- writing


def _sections_post(report, **overrides):
    data = {**rs.TEXT, "seen_at": report.updated_at.isoformat()}
    data.update(overrides)
    return data


def test_writing_the_report(world, client_for):
    report = rs.open_for(world)
    client = client_for("unit_member")
    url = reverse("reports:edit", args=[report.pk])
    page = _text(client.get(url))
    assert 'name="overall_operation"' in page and 'name="next_year_plan"' in page and 'name="seen_at"' in page
    response = client.post(url, _sections_post(report))
    assert response.status_code == 302
    assert rs.fresh(report).highlights == rs.TEXT["highlights"]


def test_nothing_typed_is_lost_on_a_refusal(world, client_for):
    report = rs.open_for(world)
    client = client_for("unit_member")
    url = reverse("reports:edit", args=[report.pk])
    typed = "经费使用情况：" + "字" * rules.SECTION_MAX
    response = client.post(url, _sections_post(report, funds_use=typed))
    assert response.status_code == 200 and typed in _text(response) and rs.TEXT["results"] in _text(response)
    assert rs.fresh(report).funds_use == ""
    # someone else saved in between: refused, everything typed shown again
    services.update_sections(world.user("unit_admin"), report, results="管理员的修改")
    response = client.post(url, _sections_post(report, problems="我的存在问题"))
    assert response.status_code == 200 and "已有他人保存" in _text(response) and "我的存在问题" in _text(response)
    assert rs.fresh(report).problems == "" and rs.fresh(report).results == "管理员的修改"


def test_a_submitted_report_is_not_written(world, client_for):
    report = rs.submitted(world)
    client = client_for("unit_member")
    url = reverse("reports:edit", args=[report.pk])
    response = client.get(url)
    assert response.status_code == 302 and "已提交" in " ".join(_messages(response))
    response = client.post(url, _sections_post(report, results="改"))
    assert response.status_code == 200 and "已提交" in _text(response)
    assert rs.fresh(report).results == rs.TEXT["results"]
    assert client_for("prefecture_officer").get(url).status_code == 403


def test_refresh(world, client_for):
    report = rs.open_for(world)
    url = reverse("reports:refresh", args=[report.pk])
    AnnualReport.objects.filter(pk=report.pk).update(figures={"as_of": "", "groups": []})
    assert client_for("prefecture_officer").post(url).status_code == 403
    assert client_for("unit_member").post(url).status_code == 302
    assert services.figure_keys(rs.fresh(report).figures)


def test_commenting_on_a_figure(world, client_for):
    report = rs.open_for(world)
    key = rs.first_figure_key(report)
    url = reverse("reports:comment", args=[report.pk, key])
    client = client_for("unit_member")
    assert key.split(".")[0] and client.get(url).status_code == 200
    empty = client.post(url, {"text": ""})
    assert empty.status_code == 200 and not FigureComment.objects.exists()
    ok = client.post(url, {"text": "该项资金于次年到账。"})
    assert ok.status_code == 302 and ok["Location"].endswith(f"#figure-{key}")
    assert FigureComment.objects.get().text == "该项资金于次年到账。"
    page = _text(client.get(url))
    assert "该项资金于次年到账。" in page and "佐证材料" in page
    assert client.get(reverse("reports:comment", args=[report.pk, "kpi.nothing"])).status_code == 404
    assert client_for("prefecture_officer").get(url).status_code == 403


# ---------------------------------------------------------------- versions


def test_comparing_versions(world, client_for):
    report = rs.submitted(world)
    url = reverse("reports:versions", args=[report.pk])
    client = client_for("prefecture_officer")
    assert "提交两次以后" in _text(client.get(url))
    services.return_(world.user("prefecture_officer"), report, "请修改。")
    services.update_sections(world.user("unit_admin"), rs.fresh(report), problems="人才不足，需引进专利运营人员。")
    services.submit(world.user("unit_admin"), rs.fresh(report))
    page = _text(client.get(url))
    assert 'data-section="problems" data-changed' in page and '<ins class="diff-ins">' in page
    assert 'data-section="results" data-changed' not in page
    same = client.get(url, {"a": "1", "b": "1"})
    assert "请选择两个不同的已提交版本" in _text(same)
    bad = client.get(url, {"a": "x", "b": "7"})
    assert bad.status_code == 200 and "请选择两个不同的已提交版本" in _text(bad)


# ---------------------------------------------------------------- reporting years


def test_the_region_sets_a_due_date(world, client_for):
    year = rs.last_year()
    report = rs.open_for(world, year=year)
    client = client_for("regional_officer")
    url = reverse("reports:year", args=[year])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"op": "due", "due_on": f"{year}-12-31"})
    assert refused.status_code == 200 and "截止日期须在报告年度结束之后" in _text(refused)
    assert not ReportingYear.objects.exists()
    ok = client.post(url, {"op": "due", "due_on": f"{year + 1}-03-31"})
    assert ok.status_code == 302
    assert ReportingYear.objects.get(year=year).due_on == datetime.date(year + 1, 3, 31)
    assert rs.fresh(report).due_on == datetime.date(year + 1, 3, 31)


def test_the_years_page_adds_a_year(world, client_for):
    client = client_for("regional_officer")
    url = reverse("reports:years")
    assert client.get(url).status_code == 200
    refused = client.post(url, {"year": "2024", "due_on": "2024-06-30"})
    assert refused.status_code == 200 and "截止日期须在报告年度结束之后" in _text(refused)
    assert "2024-06-30" in _text(refused) and not ReportingYear.objects.exists()
    ok = client.post(url, {"year": "2024", "due_on": "2025-02-28"})
    assert ok.status_code == 302 and ok["Location"] == reverse("reports:year", args=[2024])
    assert client_for("prefecture_officer").get(url).status_code == 403


def test_opening_a_year_now_calls_the_workers_function(world, client_for):
    from apps.centers.tests.funding_setup import running_center

    year = rs.last_year()
    running_center(world)
    client = client_for("regional_officer")
    url = reverse("reports:year", args=[year])
    response = client.post(url, {"op": "open"})
    assert response.status_code == 302
    assert AnnualReport.objects.filter(year=year).count() == 1
    again = client.post(url, {"op": "open"})
    assert again.status_code == 302 and AnnualReport.objects.filter(year=year).count() == 1
    this_year = client.post(reverse("reports:year", args=[year + 1]), {"op": "open"})
    assert this_year.status_code == 302 and "尚未结束" in " ".join(_messages(this_year))
    assert not AnnualReport.objects.filter(year=year + 1).exists()
    assert client.get(reverse("reports:year", args=[1999])).status_code == 404


def test_the_workbench_panel(world, client_for):
    report = rs.submitted(world)
    home = _text(client_for("prefecture_officer").get(reverse("core:home")))
    assert "待您审核的年度工作报告" in home and reverse("reports:detail", args=[report.pk]) in home
    assert "待您审核的年度工作报告" not in _text(client_for("prefecture_officer_other").get(reverse("core:home")))


def test_every_page_of_a_report_marks_the_reports_tab_of_its_center(world, client_for):
    report = rs.open_for(world)
    client = client_for("unit_admin")
    for name, args in (
        ("reports:detail", [report.pk]),
        ("reports:edit", [report.pk]),
        ("reports:versions", [report.pk]),
        ("reports:comment", [report.pk, rs.first_figure_key(report)]),
        ("reports:center", [report.center_id]),
    ):
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
        assert response.context["tab"] == "reports", name
