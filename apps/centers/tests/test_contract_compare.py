"""Two contract versions side by side: `contract_compare.compare` as a pure function of two snapshots, and on
versions made by the services."""

import pytest
from django.urls import reverse

from apps.centers import contract
from apps.centers.contract_compare import compare, segments, snapshot
from apps.centers.models import ContractVersion
from apps.centers.tests.contract_setup import contract_at


def _snap(**changes):
    base = {
        "number": 1,
        "status": "",
        "content": {"task_cultivation_system": "成立知识产权议事机构", "lead_person": "张三"},
        "term": {"term_months": "36", "term_starts_on": "2026-05-04", "term_ends_on": "2029-05-03", "term_reason": ""},
        "money": {
            "funding_total": "1,000,000.00",
            "budget_total": "1,000,000.00",
            "matched_total": "0.00",
            "tranche_total": "1,000,000.00",
        },
        "indicators": [
            {"name": "发明专利授权量", "unit": "件", "baseline": "10", "targets": {1: "20", 2: "30", 3: "40"}}
        ],
        "budget_lines": [{"category": "专利导航", "amount": "400,000.00", "matched_amount": "0.00", "note": ""}],
        "tranches": [{"number": 1, "planned_on": "2026-05-04", "amount": "1,000,000.00", "condition": ""}],
    }
    for key, value in changes.items():
        base[key] = {**base[key], **value} if isinstance(base[key], dict) else value
    return base


def test_identical_versions_have_no_changes():
    assert compare(_snap(), _snap(number=2)).identical


def test_short_values_and_term_and_money_changes():
    result = compare(
        _snap(),
        _snap(
            number=2,
            content={"lead_person": "李四"},
            term={"term_months": "48", "term_ends_on": "2030-05-03", "term_reason": "延期"},
            money={"funding_total": "1,200,000.00"},
        ),
    )
    assert [(c.old, c.new, c.long) for c in result.content] == [("张三", "李四", False)]
    assert [(v.old, v.new) for v in result.term] == [("36", "48"), ("2029-05-03", "2030-05-03"), ("", "延期")]
    assert [(v.old, v.new) for v in result.money] == [("1,000,000.00", "1,200,000.00")]
    assert not result.identical


def test_long_text_shows_the_changed_passage():
    old = "成立多方参与的知识产权议事机构，负责信息平台建设、专利布局、研发方向确定、发明披露审查等重大事务的协商决策。"
    new = old.replace("专利布局", "高价值专利布局")
    result = compare(_snap(content={"task_cultivation_system": old}), _snap(content={"task_cultivation_system": new}))
    change = result.content[0]
    assert change.long and ("insert", "高价值") in change.segments
    assert segments("abc", "abd") == [("equal", "ab"), ("delete", "c"), ("insert", "d")]


def test_kpi_rows_are_matched_by_name():
    new_rows = [
        {"name": "发明专利授权量", "unit": "件", "baseline": "10", "targets": {1: "20", 2: "30", 3: "50"}},
        {"name": "专利许可收入", "unit": "万元", "baseline": "", "targets": {3: "100"}},
    ]
    result = compare(_snap(), _snap(indicators=new_rows))
    changed, added = result.indicators
    assert (changed.key, changed.change, added.key, added.change) == (
        "发明专利授权量",
        "changed",
        "专利许可收入",
        "added",
    )
    year3 = [cell for cell in changed.cells if cell[3]]
    assert [(old, new) for _label, old, new, _changed in year3] == [("40", "50")]
    removed = compare(_snap(), _snap(indicators=[])).indicators
    assert [(r.key, r.change) for r in removed] == [("发明专利授权量", "removed")]


def test_budget_lines_and_tranches():
    result = compare(
        _snap(),
        _snap(
            budget_lines=[{"category": "专利导航", "amount": "300,000.00", "matched_amount": "0.00", "note": ""}],
            tranches=[
                {"number": 1, "planned_on": "2026-05-04", "amount": "600,000.00", "condition": ""},
                {"number": 2, "planned_on": "2027-05-04", "amount": "400,000.00", "condition": "年度检查合格"},
            ],
        ),
    )
    assert [(r.key, r.change) for r in result.budget_lines] == [("专利导航", "changed")]
    assert [(r.key, r.change) for r in result.tranches] == [("1", "changed"), ("2", "added")]


@pytest.mark.django_db
def test_versions_one_and_two_of_a_changed_contract(world, client_for):
    v2 = contract_at(world, "v2")
    versions = contract.with_details(ContractVersion.objects.filter(contract=v2.contract)).order_by("number")
    v1, v2 = list(versions)
    result = compare(v1, v2)
    assert result.old_number == 1 and result.new_number == 2
    assert [r.change for r in result.indicators] == ["changed"]
    assert not result.budget_lines and not result.tranches and not result.money
    assert snapshot(v1)["indicators"][0]["name"] == result.indicators[0].key
    page = client_for("unit_admin").get(
        reverse("centers:contract_compare", args=[v1.contract.center_id]), {"a": 1, "b": 2}
    )
    assert page.status_code == 200 and result.indicators[0].key in page.content.decode()
    assert (
        client_for("unit_admin")
        .get(reverse("centers:contract_compare", args=[v1.contract.center_id]), {"a": "x", "b": 2})
        .status_code
        == 404
    )
