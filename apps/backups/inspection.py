"""The checks of a restored copy, run by a Django process whose DATABASE_URL points at that copy
(`manage.py backup_inspect`, started by `backup.restore`): the same code the platform runs, on the restored data.

`inspect(attachment_root, anchor_file, navigation_root=None) -> dict` (JSON-ready):
    {"row_counts": {table: rows},
     "audit": {"intact": bool, "broken_seq": int | None, "reason": str, "seq": int, "hash": str},
     "attachments": {"checked": int, "failed": [{"storage_name": str, "reason": str}]},
     "navigation": {"checked": int, "missing": ["<dataset id>/records-v<version>.parquet"]}}
Every attachment row's file is read from `attachment_root`, decrypted (SM4-GCM with settings.SM4_KEY_HEX and the
storage name as associated data, apps/attachments/storage.py) and its plaintext's size and SHA-256 compared with the
row. Every landscape dataset's current Parquet file must be under `navigation_root`. `anchor_file`: the backup's
anchored chain heads ("" for none), which `verify_audit` checks as well.
"""

import hashlib
from pathlib import Path

from django.db import connection
from django.test.utils import override_settings

from apps.attachments import storage
from apps.attachments.models import Attachment
from apps.audit import services as audit
from apps.navigation.models import LandscapeDataset

from . import engines


def inspect(attachment_root: Path, anchor_file: str, navigation_root: Path | None = None) -> dict:
    engine = engines.engine_of(connection.settings_dict)
    with override_settings(ATTACHMENT_ROOT=Path(attachment_root), AUDIT_ANCHOR_FILE=anchor_file or ""):
        broken = audit.verify()
        seq, last_hash = audit.head()
        with connection.cursor() as cursor:
            counts = engines.row_counts(cursor, engine)
        checked, failed = 0, []
        rows = Attachment.objects.order_by("pk").values_list("storage_name", "size", "sha256")
        for name, size, sha256 in rows.iterator(chunk_size=500):
            checked += 1
            try:
                data = storage.load(name)
            except storage.StorageError as exc:
                failed.append({"storage_name": name, "reason": str(exc)})
                continue
            if len(data) != size or hashlib.sha256(data).hexdigest() != sha256:
                failed.append({"storage_name": name, "reason": "plaintext size or SHA-256 differs from the row"})
        nav_root = Path(navigation_root) if navigation_root else None
        datasets = list(LandscapeDataset.objects.filter(version__gt=0).order_by("pk").values_list("pk", "version"))
        nav_missing = [
            f"{pk}/records-v{version}.parquet"
            for pk, version in datasets
            if nav_root is None or not (nav_root / str(pk) / f"records-v{version}.parquet").is_file()
        ]
    return {
        "row_counts": counts,
        "audit": {
            "intact": broken is None,
            "broken_seq": broken.seq if broken else None,
            "reason": broken.message if broken else "",
            "seq": seq,
            "hash": last_hash,
        },
        "attachments": {"checked": checked, "failed": failed},
        "navigation": {"checked": len(datasets), "missing": nav_missing},
    }
