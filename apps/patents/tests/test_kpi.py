"""The KPI engine's services: the table (years, cumulative against target, status, as-of recomputation, units),
the records behind a figure, the region's bindings and the lead unit's self-reported values, with every refusal."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.audit.models import AuditEntry
from apps.centers.contract import term_dates
from apps.centers.models import Center, ContractVersion
from apps.centers.tests.factories import center_for
from apps.core.errors import DomainError, PermissionDenied
from apps.notifications.models import Message
from apps.patents import kpi
from apps.patents.models import SelfReportedValue

from .kpi_setup import contract, indicator, portfolio

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture
def center(world):
    return center_for(world, status=Center.Status.UNDER_CONSTRUCTION)


@pytest.fixture
def version(center):
    return contract(center, starts_on=D(2024, 1, 1))


@pytest.fixture
def made(world, center, version):
    return portfolio(center, world.user("unit_admin"))


def _row(table, name):
    return next(r for r in table.rows if r.indicator.name == name)


# ---------------------------------------------------------------- years


def test_contract_years_run_from_the_term_start(version):
    years = kpi.years_of(version)
    assert [(y.number, y.starts_on, y.ends_on) for y in years] == [
        (1, D(2024, 1, 1), D(2024, 12, 31)),
        (2, D(2025, 1, 1), D(2025, 12, 31)),
        (3, D(2026, 1, 1), D(2026, 12, 31)),
    ]
    assert kpi.year_of(years, D(2023, 12, 31)) is None
    assert kpi.year_of(years, D(2025, 7, 1)).number == 2
    assert kpi.year_of(years, D(2030, 1, 1)).number == 3  # after the term: the last year


def test_a_term_extension_lengthens_the_last_year(version):
    ContractVersion.objects.filter(pk=version.pk).update(term_ends_on=D(2027, 6, 30))
    version.refresh_from_db()
    assert kpi.years_of(version)[-1].ends_on == D(2027, 6, 30)


def test_a_29_february_start(center):
    """The contract years tile the term (`core.dates`): each ends the day before the next starts, the last on the
    term's last day as the contract counts it (`centers.contract.term_dates`)."""
    version = contract(center, starts_on=D(2024, 2, 29))
    assert [(y.starts_on, y.ends_on) for y in kpi.years_of(version)] == [
        (D(2024, 2, 29), D(2025, 2, 28)),
        (D(2025, 3, 1), D(2026, 2, 28)),
        (D(2026, 3, 1), D(2027, 2, 28)),
    ]
    assert version.term_ends_on == term_dates(D(2024, 2, 29), 36)[1] == D(2027, 2, 28)


# ---------------------------------------------------------------- the table


def test_the_table_at_the_end_of_year_1(center, made):
    table = kpi.table(center, as_of=D(2024, 12, 31))
    assert table.signed and [y.number for y in table.years] == [1, 2, 3]
    filings = _row(table, "发明专利申请量")
    year1, year2, _year3 = filings.cells
    assert (year1.target, year1.actual, year1.cumulative) == (Decimal("2"), Decimal("2"), Decimal("2"))
    assert year1.achievement == Decimal("100.0") and year1.status == kpi.MET
    assert year2.until is None and year2.actual is None and year2.status == kpi.NOT_YET_DUE
    assert filings.to_date == Decimal("2") and filings.status == kpi.MET
    assert filings.indicator.baseline == Decimal("5")  # shown, never added

    grants = _row(table, "发明专利授权量")
    assert grants.cells[0].cumulative == Decimal("2") and grants.cells[0].target == Decimal("3")
    assert grants.cells[0].status == kpi.BEHIND and grants.cells[0].achievement == Decimal("66.7")

    licence = _row(table, "专利许可收入")  # the KPI is written in 元, the metric in 万元
    assert licence.cells[0].cumulative == Decimal("150000.5") and licence.cells[0].status == kpi.MET
    assert licence.cells[1].target is None and licence.cells[1].status == kpi.NO_TARGET

    strains = _row(table, "自主知识产权菌种")
    assert strains.self_reported and strains.metric is None
    assert strains.cells[0].status == kpi.NOT_REPORTED and strains.to_date is None


def test_the_table_in_year_2_is_cumulative(center, made):
    table = kpi.table(center, as_of=D(2025, 6, 30))
    filings = _row(table, "发明专利申请量")
    year1, year2, year3 = filings.cells
    assert (year1.actual, year1.cumulative, year1.until) == (Decimal("2"), Decimal("2"), D(2024, 12, 31))
    assert (year2.actual, year2.cumulative, year2.until) == (Decimal("1"), Decimal("3"), D(2025, 6, 30))
    assert year2.status == kpi.NOT_YET_DUE and year3.until is None
    assert filings.status == kpi.NOT_YET_DUE and filings.to_date == Decimal("3")
    grants = _row(table, "发明专利授权量")
    assert grants.cells[1].actual == Decimal("1") and grants.cells[1].cumulative == Decimal("3")


def test_as_of_a_past_date_recomputes_everything(center, made):
    before = kpi.table(center, as_of=D(2024, 9, 30))
    grants = _row(before, "发明专利授权量")
    assert grants.cells[0].cumulative == Decimal("1")  # "A" granted on 2024-10-01 does not count yet
    assert grants.cells[0].status == kpi.NOT_YET_DUE  # the year has not ended on that date
    assert _row(before, "发明专利申请量").cells[0].cumulative == Decimal("1")  # "B" filed 2024-12-31
    assert _row(kpi.table(center, as_of=D(2024, 12, 31)), "发明专利授权量").cells[0].cumulative == Decimal("2")


def test_a_grade_changed_later_does_not_change_a_frozen_table(center, made, version):
    from apps.patents.tests.kpi_setup import _grade

    version.indicators.filter(name="发明专利申请量").update(metric="grade_a")
    frozen = _row(kpi.table(center, as_of=D(2024, 12, 31)), "发明专利申请量").cells[0].cumulative
    _grade(made["G2"], "C", D(2025, 3, 1), made["A"].created_by)
    assert _row(kpi.table(center, as_of=D(2024, 12, 31)), "发明专利申请量").cells[0].cumulative == frozen == 2
    assert _row(kpi.table(center, as_of=D(2025, 3, 1)), "发明专利申请量").cells[1].cumulative == Decimal("1")


def test_before_the_term_and_without_a_contract(world, center, version):
    table = kpi.table(center, as_of=D(2023, 6, 1))
    assert all(c.until is None for r in table.rows for c in r.cells)
    assert all(r.status == kpi.NOT_YET_DUE and r.to_date is None for r in table.rows)
    unsigned = center_for(world, status=Center.Status.CONTRACTING)
    assert not kpi.table(unsigned).signed and kpi.table(unsigned).rows == ()


def test_after_the_term_the_figures_stop_at_its_end(center, made):
    table = kpi.table(center, as_of=D(2030, 1, 1))
    filings = _row(table, "发明专利申请量")
    assert filings.cells[-1].until == D(2026, 12, 31)
    assert filings.to_date == filings.cells[-1].cumulative == Decimal("3")
    assert filings.status == kpi.BEHIND  # 3 of 6 at the end of the term


# ---------------------------------------------------------------- records behind a figure


def test_records_of_a_year_and_cumulative(center, made, version):
    grants = indicator(version, "发明专利授权量")
    year1 = kpi.records(center, grants, 1, as_of=D(2025, 6, 30))
    assert (year1.starts_on, year1.ends_on, year1.value) == (D(2024, 1, 1), D(2024, 12, 31), Decimal("2"))
    assert year1.record_type == "patent" and year1.queryset.count() == 2
    cumulative = kpi.records(center, grants, 0, as_of=D(2025, 6, 30))
    assert (cumulative.starts_on, cumulative.ends_on, cumulative.value) == (D(2024, 1, 1), D(2025, 6, 30), 3)
    assert made["A"] in cumulative.queryset
    assert kpi.records(center, grants, 3, as_of=D(2025, 6, 30)) is None  # not started on that date
    assert kpi.records(center, grants, 9) is None


# ---------------------------------------------------------------- binding


def test_the_region_binds_a_kpi_audited(world, center, version):
    region = world.user("regional_officer")
    strains = indicator(version, "发明专利申请量")
    kpi.bind(region, strains, "invention_grants")
    strains.refresh_from_db()
    assert strains.metric == "invention_grants"
    entry = AuditEntry.objects.get(action="patents.kpi.bind")
    assert entry.before == {"metric": "invention_filings"} and entry.after == {"metric": "invention_grants"}
    kpi.bind(region, strains, "invention_grants")  # unchanged: nothing written
    assert AuditEntry.objects.filter(action="patents.kpi.bind").count() == 1


def test_leaving_a_kpi_self_reported_tells_the_lead_unit(world, center, version):
    grants = indicator(version, "发明专利授权量")
    kpi.bind(world.user("regional_officer"), grants, "")
    grants.refresh_from_db()
    assert grants.metric == ""
    assert Message.objects.filter(recipient=world.user("unit_admin"), is_task=True).exists()


@pytest.mark.parametrize("actor", ["unit_admin", "unit_member", "prefecture_officer", "unit_admin_other"])
def test_only_the_region_binds(world, center, version, actor):
    grants = indicator(version, "发明专利授权量")
    with pytest.raises(PermissionDenied):
        kpi.bind(world.user(actor), grants, "invention_filings")
    grants.refresh_from_db()
    assert grants.metric == "invention_grants"


@pytest.mark.parametrize(
    ("name", "key", "code"),
    [
        ("发明专利授权量", "no_such_metric", "metric"),
        ("发明专利授权量", "pledge_amount", "unit"),  # 件 against 万元
        ("自主知识产权菌种", "invention_grants", "unit"),  # 株 fits no metric
        ("专利许可收入", "assessment_coverage", "unit"),
    ],
)
def test_only_metrics_of_the_registry_in_a_fitting_unit(world, center, version, name, key, code):
    target = indicator(version, name)
    before = target.metric
    with pytest.raises(DomainError) as refused:
        kpi.bind(world.user("regional_officer"), target, key)
    assert refused.value.code == code
    target.refresh_from_db()
    assert target.metric == before
    assert not AuditEntry.objects.filter(action="patents.kpi.bind").exists()


def test_bind_many_is_all_or_nothing(world, center, version):
    filings, grants = indicator(version, "发明专利申请量"), indicator(version, "发明专利授权量")
    with pytest.raises(DomainError):
        kpi.bind_many(world.user("regional_officer"), center, {filings.pk: "pct_applications", grants.pk: "bad"})
    filings.refresh_from_db()
    assert filings.metric == "invention_filings"


def test_only_the_version_in_force_is_bound(world, center, version):
    old = indicator(version, "发明专利授权量")
    contract(center, starts_on=D(2024, 1, 1))  # version 2 supersedes version 1
    with pytest.raises(DomainError) as refused:
        kpi.bind(world.user("regional_officer"), old, "invention_filings")
    assert refused.value.code == "version"


# ---------------------------------------------------------------- self-reported values


def _report(world, version, actor="unit_admin", **values):
    data = {"year": 1, "value": "3", "as_of": D(2024, 12, 31), "explanation": "菌种保藏证明3份"}
    data.update(values)
    return kpi.report(world.user(actor), indicator(version, "自主知识产权菌种"), **data)


def test_the_lead_unit_reports_a_value_with_evidence(world, center, version):
    from apps.attachments.tests.samples import pdf_bytes

    evidence = SimpleUploadedFile("保藏证明.pdf", pdf_bytes("kpi evidence"), content_type="application/pdf")
    value = _report(world, version, actor="unit_member", evidence=evidence)
    assert value.value == Decimal("3") and value.reported_by == world.user("unit_member")
    assert AuditEntry.objects.filter(action="patents.kpi.report").count() == 1
    assert [a.original_name for a in kpi.evidence_of([value])[value.pk]] == ["保藏证明.pdf"]
    table = kpi.table(center, as_of=D(2024, 12, 31))
    strains = _row(table, "自主知识产权菌种")
    assert strains.cells[0].cumulative == Decimal("3") and strains.cells[0].status == kpi.MET
    assert strains.cells[0].reported == value and strains.to_date == Decimal("3")
    # as of the day before the value's date it is not there yet
    assert _row(kpi.table(center, as_of=D(2024, 12, 30)), "自主知识产权菌种").cells[0].cumulative is None
    # a newer report of the same year supersedes it; both stay on record
    _report(world, version, value="4")
    assert _row(kpi.table(center, as_of=D(2025, 1, 1)), "自主知识产权菌种").cells[0].cumulative == Decimal("4")
    assert SelfReportedValue.objects.count() == 2
    found = kpi.records(center, indicator(version, "自主知识产权菌种"), 1, as_of=D(2025, 1, 1))
    assert found.record_type == "reported" and found.queryset.count() == 2


def test_a_report_carries_over_to_a_new_version(world, center, version):
    _report(world, version)
    contract(center, starts_on=D(2024, 1, 1))
    assert _row(kpi.table(center, as_of=D(2025, 1, 1)), "自主知识产权菌种").cells[0].cumulative == Decimal("3")


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"value": "-1"}, "range"),
        ({"value": "abc"}, "number"),
        ({"value": "1e3"}, "number"),
        ({"value": "1.234"}, "value"),
        ({"value": ""}, "value"),
        ({"year": 0}, "year"),
        ({"year": 4}, "year"),
        ({"year": "x"}, "year"),
        ({"as_of": D(2025, 1, 1)}, "as_of"),  # year 1 ended on 2024-12-31
        ({"as_of": D(2023, 12, 31)}, "as_of"),
        ({"year": 3, "as_of": D(2026, 12, 31)}, "as_of"),  # only if today is before it: see below
        ({"explanation": "   "}, "explanation"),
        ({"as_of": "2024-12-31"}, "as_of"),
    ],
)
def test_bad_reports_are_refused_and_change_nothing(world, center, version, values, code):
    from apps.core import clock

    if values.get("as_of") == D(2026, 12, 31) and clock.today() >= D(2026, 12, 31):
        values = {"year": 3, "as_of": clock.today() + (D(2001, 1, 2) - D(2001, 1, 1))}
        if values["as_of"] > D(2026, 12, 31):
            pytest.skip("the term is over: no date of it is in the future")
    with pytest.raises(DomainError) as refused:
        _report(world, version, **values)
    assert refused.value.code == code
    assert not SelfReportedValue.objects.exists()
    assert not AuditEntry.objects.filter(action="patents.kpi.report").exists()


def test_a_bound_kpi_is_not_reported_by_hand(world, center, version):
    with pytest.raises(DomainError) as refused:
        kpi.report(
            world.user("unit_admin"),
            indicator(version, "发明专利授权量"),
            year=1,
            value="3",
            as_of=D(2024, 12, 31),
            explanation="x",
        )
    assert refused.value.code == "bound"


@pytest.mark.parametrize("actor", ["prefecture_officer", "regional_officer", "unit_admin_other"])
def test_only_the_lead_unit_reports(world, center, version, actor):
    with pytest.raises(PermissionDenied):
        _report(world, version, actor=actor)
    assert not SelfReportedValue.objects.exists()


def test_an_ended_center_reports_nothing(world, center, version):
    Center.objects.filter(pk=center.pk).update(status=Center.Status.TERMINATED)
    version.contract.center.refresh_from_db()
    with pytest.raises(PermissionDenied):
        kpi.report(
            world.user("unit_admin"),
            ContractVersion.objects.get(pk=version.pk).indicators.get(name="自主知识产权菌种"),
            year=1,
            value="3",
            as_of=D(2024, 12, 31),
            explanation="x",
        )


def test_the_demo_binds_by_suggestion_and_reports_the_rest(world, center, version):
    from apps.core import clock
    from apps.patents import demo_kpi

    version.indicators.update(metric="")
    demo_kpi.build({"c": center}, {"regional_officer": world.user("regional_officer")})
    bound = dict(version.indicators.values_list("name", "metric"))
    assert bound == {
        "发明专利申请量": "invention_filings",
        "发明专利授权量": "invention_grants",
        "专利许可收入": "licence_amount",
        "自主知识产权菌种": "",
    }
    current = kpi.year_of(kpi.years_of(version), clock.today())
    if current is not None and clock.today() <= current.ends_on:
        assert SelfReportedValue.objects.get().as_of == clock.today()
    demo_kpi.build({"c": center}, {"regional_officer": world.user("regional_officer")})  # loaded once
    assert SelfReportedValue.objects.count() <= 1
