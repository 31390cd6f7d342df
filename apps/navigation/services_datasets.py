"""The writes of landscape datasets (issue 19, "Landscape data"; Art. 13(2)): the only code that creates or changes
a `LandscapeDataset` and queues a `LandscapeImport` (the import itself runs in `landscape_import.run_import`).

- `dataset_create(user, center, *, name, source, cutoff_date=None, description="", by_command=False)`: the
  center's lead unit names a dataset (unique per center: a name already used is refused in Chinese); the command
  line (`by_command`) may for any center that keeps its records;
- `dataset_update(user, dataset, *, name, source, cutoff_date, description) -> LandscapeDataset`: the same fields
  changed, under a lock on the row;
- `import_upload(user, dataset, uploaded_file) -> LandscapeImport`: an uploaded file checked (`check_file`: its
  type, header or first JSON object, at most `landscape_import.MAX_RECORDS` rows, at most
  `settings.NAVIGATION_MAX_UPLOAD_BYTES`), kept under the dataset's `uploads/` (public bibliographic data, kept as
  uploaded and not encrypted), queued (QUEUED), and the worker's job enqueued when the transaction commits;
- `import_register_path(user, dataset, path, *, by_command=True)`: the same for a file on disk (the command, the
  benchmark); `import_file` runs it at once.

One open (queued or running) import per dataset: decided under a lock on the dataset's row (and held by a partial
unique constraint); a second upload is refused in Chinese. Refusals raise DomainError (nothing changed, no file
left behind); a user who may not act gets PermissionDenied with the reason (`policies.can_work`).

Audit: "navigation.dataset.create", "navigation.dataset.edit", "navigation.import.upload"; the job writes
"navigation.import.finished" / "navigation.import.failed"."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.core import inputs
from apps.core.errors import DomainError, PermissionDenied
from apps.core.policy import ALLOW, deny
from apps.patents.policies import KEEPING

from . import landscape_import, policies, store
from .models import LandscapeDataset, LandscapeImport

FIELDS = ("name", "source", "cutoff_date", "description")
JOB = "apps.navigation.tasks.run_landscape_import"


def _require(decision) -> None:
    if not decision:
        raise PermissionDenied(decision.reason)


def _refuse(message, code: str) -> DomainError:
    return DomainError(message, code=code)


def _snapshot(dataset) -> dict:
    return audit.snapshot(dataset, fields=["center", "name", "source", "cutoff_date", "description"])


def _name_taken(center, name: str, *, exclude=None) -> DomainError | None:
    others = LandscapeDataset.objects.filter(center=center, name=name)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        return _refuse(
            _("The center already has a dataset named “%(name)s”: choose another name.") % {"name": name},
            "duplicate_name",
        )
    return None


def _clean_name(name) -> str:
    name = " ".join(inputs.normalised_text(name, single_line=True).split())
    if not name:
        raise _refuse(_("Please name the dataset."), "no_name")
    return name


def dataset_create(
    user, center, *, name, source, cutoff_date=None, description="", by_command: bool = False
) -> LandscapeDataset:
    _require(command_may_work(center) if by_command else policies.can_work(user, center))
    name = _clean_name(name)
    try:
        with transaction.atomic():
            taken = _name_taken(center, name)
            if taken:
                raise taken
            dataset = LandscapeDataset.objects.create(
                center=center,
                name=name,
                source=inputs.normalised_text(source, single_line=True),
                cutoff_date=cutoff_date,
                description=description or "",
                created_by=user,
            )
            audit.record("navigation.dataset.create", dataset, after=_snapshot(dataset), actor=user)
    except IntegrityError:  # the unique constraint: a concurrent create of the same name won
        raise _name_taken(center, name) or _refuse(_("Please try again."), "duplicate_name") from None
    # A folder under the new row's id can only be an earlier row's (a database restored or recreated beside the
    # data directory, SQLite giving a deleted highest id again): its versions, kept positions, index and uploads
    # are not this dataset's, and would be read as if they were.
    store.remove(dataset)
    return dataset


def dataset_update(user, dataset, *, name, source, cutoff_date=None, description="") -> LandscapeDataset:
    _require(policies.can_work(user, dataset.center))
    name = _clean_name(name)
    try:
        with transaction.atomic():
            locked = LandscapeDataset.objects.select_for_update().select_related("center").get(pk=dataset.pk)
            taken = _name_taken(locked.center, name, exclude=locked)
            if taken:
                raise taken
            before = _snapshot(locked)
            locked.name, locked.source = name, inputs.normalised_text(source, single_line=True)
            locked.cutoff_date, locked.description = cutoff_date, description or ""
            locked.save(update_fields=[*FIELDS, "updated_at"])
            before, after = audit.changed(before, _snapshot(locked))
            audit.record("navigation.dataset.edit", locked, before=before, after=after, actor=user)
    except IntegrityError:
        raise _name_taken(dataset.center, name, exclude=dataset) or _refuse(
            _("Please try again."), "duplicate_name"
        ) from None
    return locked


# ---------------------------------------------------------------- imports


def _too_large() -> DomainError:
    limit = settings.NAVIGATION_MAX_UPLOAD_BYTES
    return _refuse(
        _("The file is larger than %(limit)s MB: split the export into smaller files.")
        % {"limit": max(1, limit // (1024 * 1024))},
        "too_large",
    )


def _open_import(dataset) -> LandscapeImport | None:
    open_statuses = (LandscapeImport.Status.QUEUED, LandscapeImport.Status.RUNNING)
    return LandscapeImport.objects.filter(dataset=dataset, status__in=open_statuses).first()


def _open_exists(dataset) -> DomainError:
    other = _open_import(dataset)
    if other is None:
        return _refuse(_("Another import of this dataset has just started. Please wait until it ends."), "open_import")
    return _refuse(
        _(
            "An import of this dataset is not finished: “%(name)s” (%(status)s). One file is imported at a time: "
            "wait until it ends."
        )
        % {"name": other.file_name, "status": other.get_status_display()},
        "open_import",
    )


def _incoming_path(dataset) -> Path:
    return store.dataset_dir(dataset) / "uploads" / f".incoming-{uuid.uuid4().hex}"


def _save_upload(uploaded_file, target: Path) -> int:
    """Stream the upload to `target`; its size in bytes. Refused past the limit (the part written is removed)."""
    limit = settings.NAVIGATION_MAX_UPLOAD_BYTES
    if getattr(uploaded_file, "size", None) and uploaded_file.size > limit:
        raise _too_large()
    target.parent.mkdir(parents=True, exist_ok=True)
    total = 0
    try:
        with target.open("wb") as stream:
            chunks = uploaded_file.chunks() if hasattr(uploaded_file, "chunks") else [uploaded_file.read()]
            for chunk in chunks:
                total += len(chunk)
                if total > limit:
                    raise _too_large()
                stream.write(chunk)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return total


def command_may_work(center):
    """The command line is run by the operators: any center that still keeps its records."""
    if center.status not in KEEPING:
        return deny(_("The center has ended: its navigation work can no longer be changed."))
    return ALLOW


def import_upload(user, dataset, uploaded_file) -> LandscapeImport:
    """Check and queue an uploaded file (see the module docstring)."""
    _require(policies.can_work(user, dataset.center))
    if uploaded_file is None:
        raise _refuse(_("Please choose the file to import."), "no_file")
    from apps.attachments.services import clean_name

    name = clean_name(getattr(uploaded_file, "name", ""))
    landscape_import.format_of(name)
    if _open_import(dataset) is not None:
        raise _open_exists(dataset)
    incoming = _incoming_path(dataset)
    size = _save_upload(uploaded_file, incoming)
    return _register(user, dataset, incoming, name, size)


def import_register_path(user, dataset, path: Path, *, by_command: bool = True) -> LandscapeImport:
    """Queue the file at `path` as an import of `dataset` (hard-linked or copied under its uploads); the caller runs
    it (`services_datasets.import_file`) or leaves it to the worker."""
    _require(command_may_work(dataset.center) if by_command else policies.can_work(user, dataset.center))
    path = Path(path)
    if not path.is_file():
        raise _refuse(_("“%(name)s” is not a file.") % {"name": path.name}, "no_file")
    name = path.name
    landscape_import.format_of(name)
    if _open_import(dataset) is not None:
        raise _open_exists(dataset)
    incoming = _incoming_path(dataset)
    landscape_import.link_or_copy(path, incoming)
    return _register(user, dataset, incoming, name, incoming.stat().st_size, enqueue=not by_command)


def _register(user, dataset, incoming: Path, name: str, size: int, *, enqueue: bool = True) -> LandscapeImport:
    kept: list[Path] = [incoming]  # the files to remove when the import is refused
    try:
        if size == 0:
            raise _refuse(
                _("“%(name)s” is empty: upload %(expected)s.")
                % {"name": name, "expected": landscape_import.expected_types()},
                "empty",
            )
        check = landscape_import.check_file(incoming, name)
        with transaction.atomic():
            LandscapeDataset.objects.select_for_update().filter(pk=dataset.pk).first()  # one open import, under lock
            if _open_import(dataset) is not None:
                raise _open_exists(dataset)
            created = LandscapeImport.objects.create(
                dataset=dataset,
                file_name=name,
                file_format=check.file_format,
                file_size=size,
                rows_expected=min(check.rows_expected, landscape_import.MAX_RECORDS),
                created_by=user,
            )
            created.dataset = dataset
            target = store.upload_path(created)
            kept.append(target)
            incoming.replace(target)
            audit.record(
                "navigation.import.upload",
                created,
                after={"dataset": dataset.pk, "file_name": name, "file_size": size, "rows": check.rows_expected},
                message=name,
                actor=user,
            )
            if enqueue:
                transaction.on_commit(lambda: _enqueue(created.pk))
    except IntegrityError:
        _remove(kept)
        raise _open_exists(dataset) from None
    except BaseException:
        _remove(kept)
        raise
    return created


def _remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _enqueue(import_id: int) -> None:
    from django.utils.module_loading import import_string

    import_string(JOB).enqueue(import_id)


def import_file(dataset, path, *, user) -> LandscapeImport:
    """Register the file at `path` as an import of `dataset` (copied under the dataset's uploads, checked as an
    upload is) and run it now (`landscape_import.run_import`, the worker's job body): the command, the demo and
    the benchmark. DomainError when the file itself is refused (nothing is created then)."""
    registered = import_register_path(user, dataset, Path(path))
    return landscape_import.run_import(registered.pk)
