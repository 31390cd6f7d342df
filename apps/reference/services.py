"""Loading the reference lists; the data migration and the tests (after a flush) share this one function."""

from .seed import INDUSTRIES, PREFECTURES


def load_reference_data(Prefecture, Industry) -> None:
    """Idempotent. Takes the model classes so that the data migration can pass its historical models."""
    by_code = {}
    for order, (code, name, kind, parent) in enumerate(PREFECTURES):
        by_code[code] = Prefecture.objects.update_or_create(
            code=code, defaults={"name": name, "kind": kind, "parent": by_code.get(parent), "sort_order": order}
        )[0]
    for order, (code, name, description) in enumerate(INDUSTRIES):
        Industry.objects.update_or_create(
            code=code, defaults={"name": name, "description": description, "sort_order": order}
        )


def ensure_reference_data() -> None:
    """Transactional tests flush every table, data-migration rows included: put the lists back when missing."""
    from .models import Industry, Prefecture

    if Prefecture.objects.count() < len(PREFECTURES) or not Industry.objects.exists():
        load_reference_data(Prefecture, Industry)
