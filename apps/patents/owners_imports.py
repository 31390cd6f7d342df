"""The uploaded file of an import (apps.attachments), registered in `PatentsConfig.ready()`: an `ImportBatch` owns
its source file (kind "source"), stored by `imports.import_upload` and read by the job. Whoever sees the center
sees (and may download) it; nobody adds or removes one by hand: the import stores it, and it stays for the trail.

The kind's limits (`KindLimits`): an .xlsx or .csv of at most `imports.MAX_BYTES` (a 100 000-row export with
abstracts is about 25 MB as .xlsx, 60 MB as .csv), an .xlsx expanding to at most 2 GB of XML (the sheet of
100 000 rows with abstracts is about 250 MB, more than the 200 MB of ordinary documents)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.policy import deny

SOURCE_KINDS = {"source": gettext_lazy("Exported file")}
ZIP_MAX_UNCOMPRESSED = 2 * 1024 * 1024 * 1024


def _visible(user):
    from apps.centers.selectors import visible_to

    from .models import ImportBatch

    return ImportBatch.objects.filter(center__in=visible_to(user))


def _can_view(user, batch):
    from . import policies

    return policies.can_view(user, batch.center)


def _can_upload(user, batch, kind=None):
    from . import imports

    return imports.can_import(user, batch.center)


def _can_delete(user, batch, kind=None):
    return deny(_("The file of an import stays with it for the trail."))


def register_owners() -> None:
    from django.urls import reverse

    from apps.attachments.registry import KindLimits, register_owner

    from . import imports
    from .models import ImportBatch

    register_owner(
        ImportBatch,
        visible=_visible,
        can_view=_can_view,
        can_upload=_can_upload,
        can_delete=_can_delete,
        kinds=SOURCE_KINDS,
        url=lambda batch: reverse("patents:import", args=[batch.center_id, batch.pk]),
        limits={
            "source": KindLimits(
                max_bytes=imports.MAX_BYTES, file_types=imports.FILE_TYPES, zip_max_uncompressed=ZIP_MAX_UNCOMPRESSED
            )
        },
    )
