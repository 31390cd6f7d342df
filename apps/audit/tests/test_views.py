import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.audit import services as audit

pytestmark = pytest.mark.django_db


def test_audit_admin_filters_by_user_and_action(world, client_for):
    audit.record("organization.approve", world.org, actor=world.user("prefecture_officer"))
    audit.record("organization.reject", world.org_other, actor=world.user("prefecture_officer_other"))
    response = client_for("audit_admin").get(reverse("audit:list"), {"username": "pref_a"})
    entries = list(response.context["page"])
    assert entries and all(e.actor_username == "pref_a" for e in entries)
    response = client_for("audit_admin").get(reverse("audit:list"), {"action": "organization.reject"})
    assert [e.action for e in response.context["page"]] == ["organization.reject"]


def test_bad_date_range_is_explained_not_a_500(client_for):
    response = client_for("audit_admin").get(
        reverse("audit:list"), {"date_from": "2026-02-01", "date_to": "2026-01-01"}
    )
    assert response.status_code == 200
    assert response.context["filter"].form.errors["date_to"]
    assert list(response.context["page"]) == []  # a contradiction shows nothing, not the whole trail


def test_export_is_an_xlsx_with_the_filtered_rows_and_is_itself_audited(world, client_for):
    audit.record("organization.approve", world.org, actor=world.user("prefecture_officer"), message="ok")
    response = client_for("audit_admin").get(reverse("audit:export"), {"action": "organization.approve"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][4].endswith("(organization.approve)")
    from apps.audit.models import AuditEntry

    assert AuditEntry.objects.filter(action="audit.export", actor_username="auditadmin").exists()


def test_chain_page_shows_a_broken_chain(world, client_for):
    from django.db import connection

    entry = audit.record("x.y", world.org)
    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            c.execute("SET session_replication_role = replica")
        c.execute("UPDATE audit_auditentry SET message = 'forged' WHERE id = %s", [entry.pk])
        if connection.vendor == "postgresql":
            c.execute("SET session_replication_role = DEFAULT")
    response = client_for("audit_admin").get(reverse("audit:chain"))
    assert response.context["broken"].seq == entry.seq


def test_a_reversed_date_range_lists_and_exports_nothing(world, client_for):
    audit.record("organization.approve", world.org)
    client = client_for("audit_admin")
    listing = client.get(reverse("audit:list"), {"date_from": "2026-12-31", "date_to": "2026-01-01"})
    assert list(listing.context["page"]) == []
    export = client.get(reverse("audit:export"), {"date_from": "2026-12-31", "date_to": "2026-01-01"})
    assert export.status_code == 400


def test_actions_are_shown_in_words_beside_their_code(world, client_for):
    audit.record("application.recommend", world.org)
    html = client_for("audit_admin").get(reverse("audit:list")).content.decode()
    assert "推荐" in html and "application.recommend" in html


def test_a_failed_export_leaves_no_exported_entry(world, client_for, monkeypatch):
    """The instance reported: the "exported" entry was written before the file was built."""
    from apps.audit import views
    from apps.audit.models import AuditEntry

    client = client_for("audit_admin")

    def broken_writer(entries):
        raise RuntimeError("the writer failed")

    def broken_writer_of_the_list(listing, entries):
        raise RuntimeError("the writer failed")

    monkeypatch.setattr(views, "entries_to_xlsx", broken_writer)
    monkeypatch.setattr(views, "export_response", broken_writer_of_the_list)
    with pytest.raises(RuntimeError):
        client.get(reverse("audit:export"))
    with pytest.raises(RuntimeError):
        client.get(reverse("audit:list") + "?format=xlsx")
    assert not AuditEntry.objects.filter(action="audit.export").exists()
    monkeypatch.undo()
    assert client.get(reverse("audit:export")).status_code == 200
    assert client.get(reverse("audit:list") + "?format=xlsx").status_code == 200
    assert AuditEntry.objects.filter(action="audit.export").count() == 2
