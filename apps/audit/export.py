"""The audit trail as an .xlsx workbook (streamed rows, write-only mode keeps memory flat). The trail keeps what
arrived, anonymous visitors' typing included: every cell is written by apps.core.documents (cleaned, never a
formula)."""

import io
import json

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from apps.core import documents

from . import confidential
from .labels import action_label, object_type_label

MAX_ROWS = 200_000


def entries_to_xlsx(entries) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(documents.sheet_title(_("Audit trail")))
    sheet.append(
        documents.xlsx_row(
            sheet,
            [
                _("Sequence"),
                _("Time"),
                _("User"),
                _("IP address"),
                _("Action"),
                _("Object type"),
                _("Object ID"),
                _("Object"),
                _("Before"),
                _("After"),
                _("Details"),
                _("Hash (SM3)"),
            ],
        )
    )
    for stored in entries[:MAX_ROWS].iterator(chunk_size=2000):
        entry = confidential.shown(stored)  # confidential values masked (separation of duties)
        sheet.append(
            documents.xlsx_row(
                sheet,
                [
                    entry.seq,
                    timezone.localtime(entry.created_at).strftime("%Y-%m-%d %H:%M:%S"),
                    entry.actor_username,
                    entry.ip or "",
                    f"{action_label(entry.action)} ({entry.action})",
                    object_type_label(entry.object_type),
                    entry.object_id,
                    entry.object_repr,
                    json.dumps(entry.before, ensure_ascii=False) if entry.before is not None else "",
                    json.dumps(entry.after, ensure_ascii=False) if entry.after is not None else "",
                    entry.message,
                    entry.hash,
                ],
            )
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
