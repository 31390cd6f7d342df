"""Issue 13 §1 and §6 in the audit export: the trail keeps what anonymous visitors typed, exactly (its hash covers
it), and the export writes it safely (apps/core/documents.py) under a Chinese file name."""

import io
import re
from urllib.parse import quote

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.audit import services as audit
from apps.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://example.invalid/?x","稀土永磁中心")'


def test_what_a_visitor_typed_is_kept_as_typed_and_the_chain_stays_intact(world):
    entry = audit.record(
        "auth.login_failed", object_type="accounts.user", object_repr="\u202egnp.exe\x0b", message="ip=192.0.2.1\x01"
    )
    entry.refresh_from_db()
    assert entry.object_repr == "\u202egnp.exe\x0b" and entry.message == "ip=192.0.2.1\x01"
    assert audit.verify() is None


def test_the_export_writes_control_characters_and_formulas_as_plain_text(world, client_for):
    audit.record("auth.login_failed", object_type="accounts.user", object_repr=FORMULA, message="-1+1\x0b\u202e备注")
    audit.record("auth.login_failed", object_type="accounts.user", object_repr="@SUM(A1)", message="\x00")
    response = client_for("audit_admin").get(reverse("audit:export"), {"action": "auth.login_failed"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["审计日志"]
    cells = {cell.value: cell for row in workbook.active.iter_rows(min_row=2) for cell in row}
    for typed in (FORMULA, "-1+1\n备注", "@SUM(A1)"):
        assert cells[typed].data_type == "s" and cells[typed].quotePrefix


def test_the_export_has_a_chinese_file_name(world, client_for):
    response = client_for("audit_admin").get(reverse("audit:export"))
    header = response["Content-Disposition"]
    stamp = re.search(r'filename="audit-(\d{8}-\d{4})\.xlsx"', header).group(1)
    assert header == (
        f"attachment; filename=\"audit-{stamp}.xlsx\"; filename*=UTF-8''{quote(f'审计日志-{stamp}.xlsx', safe='')}"
    )
    assert AuditEntry.objects.filter(action="audit.export").exists()
