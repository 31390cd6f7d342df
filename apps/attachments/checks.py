"""System checks: attachments are stored outside every directory the web server publishes, and the configured
types are known to the sniffer."""

from pathlib import Path

from django.conf import settings
from django.core import checks


def _inside(path: Path, parent) -> bool:
    if not parent:
        return False
    parent = Path(parent).resolve()
    return path == parent or parent in path.parents


@checks.register(checks.Tags.security)
def attachment_storage(app_configs, **kwargs):
    from .sniffing import FILE_TYPES

    errors = []
    root = Path(settings.ATTACHMENT_ROOT).resolve()
    published = [settings.STATIC_ROOT, getattr(settings, "MEDIA_ROOT", "")]
    for entry in getattr(settings, "STATICFILES_DIRS", []):
        published.append(entry[1] if isinstance(entry, list | tuple) else entry)
    for parent in published:
        if _inside(root, parent):
            errors.append(
                checks.Error(
                    f"ATTACHMENT_ROOT ({root}) overlaps a published directory ({parent}).", id="attachments.E001"
                )
            )
    unknown = sorted(set(settings.ATTACHMENT_ALLOWED_TYPES) - set(FILE_TYPES))
    if unknown:
        errors.append(
            checks.Error(
                f"ATTACHMENT_ALLOWED_TYPES names types the sniffer does not know: {', '.join(unknown)} "
                f"(known: {', '.join(FILE_TYPES)}).",
                id="attachments.E002",
            )
        )
    return errors
