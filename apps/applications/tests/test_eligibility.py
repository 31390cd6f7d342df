"""Each rule of Art. 9–10 and of the plan, KPIs and budget, one by one, on plain facts (no database)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from apps.applications import eligibility as e

D = Decimal
TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def english():
    """The messages are asserted on their English msgids."""
    with translation.override("en"):
        yield


def facts(**changes) -> e.Facts:
    base = e.Facts(
        today=TODAY,
        lead=e.LeadFacts("包头稀土", "enterprise", True, True, True, True),
        project_name="稀土永磁高价值专利培育中心",
        contact_complete=True,
        topic_industry_id=1,
        topic_industry_name="稀土",
        field_industry_id=1,
        field_description="稀土永磁",
        capabilities=(e.CapabilityFacts("key_rd", "钕铁硼关键技术", results="授权发明专利12件"),),
        rd_years=(
            e.RDYearFacts(2023, D("100"), D("1000")),
            e.RDYearFacts(2024, D("110"), D("1000")),
            e.RDYearFacts(2025, D("120"), D("1000")),
        ),
        expected_rd_years=(2023, 2024, 2025),
        stability_ratio=D("0.70"),
        ip_system="documented",
        invention_patents=10,
        other_patents=5,
        cooperation_record="共建实验室",
        partners=(e.PartnerFacts("稀土研究院", "rd_institution", "research_institute", True, True, "联合研发", True),),
        plan=dict.fromkeys(e.PLAN_FIELDS, "内容"),
        indicators=(e.IndicatorFacts("发明专利授权量", "件", D("5"), (D("10"), D("20"), D("30")), 7),),
        topic_indicators=(e.TopicIndicatorFacts(7, "发明专利授权量", "件", D("30")),),
        budget=(e.BudgetFacts("专利导航", D("1000000"), D("500000")),),
        funding_cap=D("3000000"),
        attachment_kinds=frozenset({"commitment", "rd_audit", "ip_rules"}),
    )
    return replace(base, **changes)


def item(f, code) -> e.Item:
    return next(i for i in e.evaluate(f) if i.code == code)


def blocking_codes(f) -> set:
    return {i.code for i in e.blocking(e.evaluate(f))}


def test_complete_facts_block_nothing():
    assert blocking_codes(facts()) == set()


@pytest.mark.parametrize(
    ("lead", "words"),
    [
        (e.LeadFacts("北京华知", "ip_service_agency", True, True, False, False), "university"),
        (e.LeadFacts("某分公司", "enterprise", False, True, True, True), "legal-person"),
        (e.LeadFacts("外省企业", "enterprise", True, True, False, False), "Inner Mongolia"),
        (e.LeadFacts("待审核企业", "enterprise", True, False, True, True), "approved"),
    ],
)
def test_only_an_in_region_university_institute_or_legal_person_enterprise_may_lead(lead, words):
    result = item(facts(lead=lead), "lead_unit")
    assert result.blocks and words in result.message


def test_credit_code_outside_region_with_a_prefecture_is_a_warning_for_the_officer():
    result = item(facts(lead=e.LeadFacts("某企业", "enterprise", True, True, True, False)), "lead_region")
    assert not result.passed and not result.hard and "confirm" in result.message


def test_field_must_belong_to_the_topics_industry():
    result = item(facts(field_industry_id=2), "field")
    assert result.blocks and "稀土" in result.message
    assert item(facts(field_description=" "), "field").blocks


def test_no_capability_blocks():
    assert item(facts(capabilities=()), "capability").blocks


def test_platform_needs_regional_level_approving_body_and_certificate():
    platform = e.CapabilityFacts("platform", "工程中心", level="prefecture", approving_body="市科技局")
    assert "regional level" in item(facts(capabilities=(platform,)), "capability").message
    platform = replace(platform, level="regional")
    assert "certificate" in item(facts(capabilities=(platform,)), "capability").message
    ok = facts(
        capabilities=(platform,),
        attachment_kinds=frozenset({"commitment", "rd_audit", "ip_rules", "platform_certificate"}),
    )
    assert item(ok, "capability").passed


def test_major_project_must_be_in_progress_with_its_number_and_document():
    project = e.CapabilityFacts(
        "major_project",
        "重点研发",
        level="national",
        number="2023YFB01",
        starts_on=date(2020, 1, 1),
        ends_on=date(2022, 12, 31),
    )
    kinds = frozenset({"commitment", "rd_audit", "ip_rules", "project_document"})
    assert "in progress" in item(facts(capabilities=(project,), attachment_kinds=kinds), "capability").message
    running = replace(project, ends_on=date(2027, 12, 31))
    assert item(facts(capabilities=(running,), attachment_kinds=kinds), "capability").passed
    assert (
        "number"
        in item(facts(capabilities=(replace(running, number=""),), attachment_kinds=kinds), "capability").message
    )


def test_key_rd_needs_results():
    assert "results" in item(facts(capabilities=(e.CapabilityFacts("key_rd", "研发"),)), "capability").message


def test_rd_investment_of_every_year_is_required():
    years = facts().rd_years[:2] + (e.RDYearFacts(2025, None, None),)
    assert "2025" in item(facts(rd_years=years), "rd_stable").message


def test_rd_falling_below_seventy_percent_of_the_previous_year_is_not_stable():
    years = (
        e.RDYearFacts(2023, D("100"), D("1000")),
        e.RDYearFacts(2024, D("69"), D("1000")),
        e.RDYearFacts(2025, D("80"), D("1000")),
    )
    result = item(facts(rd_years=years), "rd_stable")
    assert result.blocks and "2024" in result.message and "70%" in result.message


def test_rd_exactly_at_the_ratio_is_stable():
    years = (
        e.RDYearFacts(2023, D("100"), D("1000")),
        e.RDYearFacts(2024, D("70"), D("1000")),
        e.RDYearFacts(2025, D("49"), D("1000")),
    )
    assert item(facts(rd_years=years), "rd_stable").passed


def test_the_stability_ratio_is_configurable():
    years = (
        e.RDYearFacts(2023, D("100"), D("1000")),
        e.RDYearFacts(2024, D("85"), D("1000")),
        e.RDYearFacts(2025, D("90"), D("1000")),
    )
    assert item(facts(rd_years=years), "rd_stable").passed
    assert item(facts(rd_years=years, stability_ratio=D("0.90")), "rd_stable").blocks


def test_ip_system_needs_its_evidence():
    assert item(facts(ip_system=""), "ip_system").blocks
    certified = facts(ip_system="certified", ip_certificate_number="18124IP")
    assert "certificate" in item(certified, "ip_system").message
    assert item(
        replace(certified, attachment_kinds=certified.attachment_kinds | {"ip_certificate"}), "ip_system"
    ).passed
    assert item(facts(attachment_kinds=frozenset({"commitment", "rd_audit"})), "ip_system").blocks


def test_patent_holdings_must_be_stated_and_none_is_only_a_warning():
    assert item(facts(invention_patents=None), "ip_holdings").blocks
    none_held = item(facts(invention_patents=0), "ip_holdings")
    assert not none_held.passed and not none_held.hard


def test_an_active_integrity_record_blocks_with_a_clear_message():
    result = item(facts(active_integrity_records=("失信（信用中国）",)), "integrity")
    assert result.blocks and "失信（信用中国）" in result.message and "Art. 10(5)" in result.message


def test_cooperation_record_is_required():
    assert item(facts(cooperation_record=""), "cooperation").blocks


@pytest.mark.parametrize(
    ("partner", "words"),
    [
        (e.PartnerFacts("外省企业", "upstream_enterprise", "enterprise", False, True, "供货", True), "Inner Mongolia"),
        (e.PartnerFacts("某企业", "ip_service_agency", "enterprise", True, True, "服务", True), "type"),
        (e.PartnerFacts("某研究院", "rd_institution", "research_institute", True, True, "研发", False), "agreement"),
        (e.PartnerFacts("某研究院", "rd_institution", "research_institute", True, True, "", True), "contribution"),
        (e.PartnerFacts("某研究院", "rd_institution", "research_institute", True, False, "研发", True), "approved"),
    ],
)
def test_partner_rules(partner, words):
    result = item(facts(partners=(partner,)), "partners")
    assert result.blocks and words in result.message


def test_an_ip_agency_from_outside_the_region_may_partner():
    agency = e.PartnerFacts("北京华知", "ip_service_agency", "ip_service_agency", False, True, "专利布局", True)
    assert item(facts(partners=(agency,)), "partners").passed


def test_no_partner_is_only_encouraged():
    result = item(facts(partners=()), "partners_encouraged")
    assert not result.passed and not result.hard


def test_plan_needs_goals_and_the_four_tasks():
    plan = {**facts().plan, "task_industry_alliance": ""}
    result = item(facts(plan=plan), "plan")
    assert result.blocks and "alliance" in result.message


def test_kpi_below_the_topics_minimum_blocks():
    low = (e.IndicatorFacts("发明专利授权量", "件", D("5"), (D("10"), D("20"), D("29")), 7),)
    result = item(facts(indicators=low), "indicators")
    assert result.blocks and "29" in result.message and "30" in result.message


def test_kpi_required_by_the_topic_must_be_present_and_complete():
    assert (
        "requires"
        in item(facts(indicators=(e.IndicatorFacts("其他", "项", D("1"), (D("1"),) * 3),)), "indicators").message
    )
    missing_year = (e.IndicatorFacts("发明专利授权量", "件", D("5"), (D("10"), None, D("30")), 7),)
    assert item(facts(indicators=missing_year), "indicators").blocks


def test_budget_within_the_topic_cap():
    over = (e.BudgetFacts("专利导航", D("2000000"), D("0")), e.BudgetFacts("布局", D("1000000.01"), D("0")))
    result = item(facts(budget=over), "budget")
    assert result.blocks and "3,000,000.00" in result.message
    exact = (e.BudgetFacts("专利导航", D("3000000"), D("0")),)
    assert item(facts(budget=exact), "budget").passed
    assert item(facts(budget=()), "budget").blocks


def test_required_attachments():
    result = item(facts(attachment_kinds=frozenset({"ip_rules"})), "attachments")
    assert result.blocks and "commitment" in result.message and "audit" in result.message
