"""Navigation reports' services: what a report saves (scope, strategy, source, cut-off, version, results), what is
refused (a dataset importing, a bad scope, someone not of the lead unit), recompute, share and remove — with the
figures of the hand-checked dataset in reports_setup.py."""

from datetime import date

import pytest

from apps.audit.models import AuditEntry
from apps.core.errors import DomainError, PermissionDenied
from apps.navigation import services_reports as services
from apps.navigation import versions
from apps.navigation.models import LandscapeDataset, Navigation
from apps.navigation.tests import reports_setup as rs
from apps.navigation.tests.builders import record
from apps.notifications.models import Message

pytestmark = pytest.mark.django_db


def test_a_report_saves_its_scope_strategy_data_source_and_results(world):
    ds = rs.dataset(world)
    report = rs.report(world, ds=ds)
    report.refresh_from_db()
    assert report.scope == {
        "ipc": ["H01F1/057"],
        "keywords": ["稀土"],
        "applicants": [],
        "year_from": None,
        "year_to": None,
        "regions": [],
        "combine": "and",
    }
    assert "IPC=(H01F1/057)" in report.strategy and "稀土" in report.strategy and " AND " in report.strategy
    assert (report.data_source, report.cutoff_date, report.dataset_version) == ("incoPat", date(2026, 6, 30), 1)
    assert report.center_id == ds.center_id and report.computed_at is not None
    # records 1–4 of the five (record 5 is C22C38 without 稀土)
    assert report.records == 4 and report.results["total"] == 4
    assert report.results["trend"]["years"] == [2019, 2020, 2021]
    assert report.results["trend"]["applications"] == [1, 2, 1]
    entry = AuditEntry.objects.get(action="navigation.report.create", object_id=str(report.pk))
    assert entry.after["records"] == 4 and entry.after["strategy"] == report.strategy


def test_a_dataset_still_importing_is_refused_and_nothing_is_saved(world):
    ds = rs.dataset(world)
    LandscapeDataset.objects.filter(pk=ds.pk).update(status=LandscapeDataset.Status.IMPORTING)
    with pytest.raises(DomainError) as refused:
        rs.report(world, ds=ds)
    assert refused.value.code == "dataset_not_ready"
    assert not Navigation.objects.exists()


def test_a_bad_scope_is_refused_with_its_chinese_message_and_nothing_is_saved(world):
    ds = rs.dataset(world)
    with pytest.raises(DomainError) as refused:
        rs.report(world, ds=ds, scope={"ipc": "H1F"})
    assert "H1F" in refused.value.message
    with pytest.raises(DomainError):
        rs.report(world, ds=ds, scope={"ipc": "H01F", "year_from": 2022, "year_to": 2010})
    with pytest.raises(DomainError):
        rs.report(world, ds=ds, title="   ")
    assert not Navigation.objects.exists()


def test_only_the_lead_unit_defines_reports(world):
    ds = rs.dataset(world)
    for actor in ("unit_admin_other", "prefecture_officer", "regional_officer"):
        with pytest.raises(PermissionDenied):
            services.create_report(world.user(actor), ds, title="越权", scope_data=rs.SCOPE)
    assert not Navigation.objects.exists()


def test_recompute_reads_the_current_version_and_says_the_report_was_stale(world):
    ds = rs.dataset(world)
    report = rs.report(world, ds=ds)
    # version 2 adds a sixth record in scope (2022)
    versions.write_records(ds, [*rs.records(), record(6, filing_year=2022)], version=2)
    LandscapeDataset.objects.filter(pk=ds.pk).update(version=2, records=6, source="Patentics")
    report = Navigation.objects.select_related("dataset").get(pk=report.pk)
    assert report.is_stale
    report = services.recompute_report(world.user("unit_member"), report)
    report = Navigation.objects.select_related("dataset").get(pk=report.pk)
    assert not report.is_stale
    assert (report.records, report.dataset_version, report.data_source) == (5, 2, "Patentics")
    assert report.results["trend"]["applications"] == [1, 2, 1, 1]
    entry = AuditEntry.objects.get(action="navigation.report.recompute", object_id=str(report.pk))
    assert entry.before == {"dataset_version": 1, "records": 4} and entry.after == {"dataset_version": 2, "records": 5}


def test_recompute_while_importing_changes_nothing(world):
    ds = rs.dataset(world)
    report = rs.report(world, ds=ds)
    LandscapeDataset.objects.filter(pk=ds.pk).update(status=LandscapeDataset.Status.IMPORTING)
    before = Navigation.objects.get(pk=report.pk)
    with pytest.raises(DomainError):
        services.recompute_report(world.user("unit_admin"), Navigation.objects.get(pk=report.pk))
    after = Navigation.objects.get(pk=report.pk)
    assert after.computed_at == before.computed_at and after.results == before.results


def test_sharing_tells_the_partners_administrators_once_and_withdrawing_is_audited(world):
    report = rs.report(world)
    partner_admin = world.user("unit_admin_other")
    services.share_report(world.user("unit_admin"), report, shared=True)
    services.share_report(world.user("unit_admin"), report, shared=True)  # again: nothing new
    assert Navigation.objects.get(pk=report.pk).shared_with_council
    about = Message.objects.filter(subject_key=f"navigation.navigation:{report.pk}")
    assert list(about.values_list("recipient", flat=True)) == [partner_admin.pk]  # not the lead unit itself
    services.share_report(world.user("unit_admin"), report, shared=False)
    assert not Navigation.objects.get(pk=report.pk).shared_with_council
    actions = list(
        AuditEntry.objects.filter(object_type=report._meta.label_lower, object_id=str(report.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == ["navigation.report.create", "navigation.report.share", "navigation.report.withdraw"]
    with pytest.raises(PermissionDenied):
        services.share_report(partner_admin, report, shared=True)


def test_removing_a_report_keeps_its_scope_in_the_audit_trail(world):
    report = rs.report(world)
    with pytest.raises(PermissionDenied):
        services.delete_report(world.user("prefecture_officer"), report)
    services.delete_report(world.user("unit_admin"), report)
    assert not Navigation.objects.filter(pk=report.pk).exists()
    entry = AuditEntry.objects.get(action="navigation.report.delete", object_id=str(report.pk))
    assert entry.before["scope"]["ipc"] == ["H01F1/057"] and entry.before["title"] == "稀土永磁产业专利导航"
    services.delete_report(world.user("unit_admin"), report)  # a second click: nothing more
    assert AuditEntry.objects.filter(action="navigation.report.delete").count() == 1
