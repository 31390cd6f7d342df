"""Readable names for what the trail stores as codes: model labels → their (translated) verbose names."""

from django.apps import apps


def object_type_label(label: str) -> str:
    if not label:
        return ""
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


def object_type_choices() -> list[tuple[str, str]]:
    from .models import AuditEntry

    types = AuditEntry.objects.order_by().values_list("object_type", flat=True).distinct()
    return sorted(((t, f"{object_type_label(t)}（{t}）") for t in types if t), key=lambda c: c[1])
