"""The import's @once forms for tests/test_double_submit.py: the upload (one batch per form sent) and "save as
template" (one template)."""

from django.urls import reverse


def _setup():
    from tests.test_double_submit import Setup

    return Setup


def upload(w):
    from apps.patents.models import ImportBatch

    from .imports_setup import center, incopat

    c = center(w)
    url = reverse("patents:imports", args=[c.pk])
    return _setup()(url, url, lambda client: {"file": incopat(2, name="double.xlsx")}, ImportBatch.objects.count,
                    fresh=True)  # fmt: skip


def template_save(w):
    from apps.patents import imports
    from apps.patents.models import ImportTemplate

    from .imports_setup import center, incopat

    c = center(w)
    batch = imports.import_upload(w.user("unit_admin"), c, incopat(2))
    page = reverse("patents:import", args=[c.pk, batch.pk])
    post = reverse("patents:import_template_save", args=[c.pk, batch.pk])
    return _setup()(page, post, lambda client: {"name": "incoPat 模板"}, ImportTemplate.objects.count)


def cases(Case) -> list:
    return [
        Case("patents:imports", "unit_admin", upload),
        Case("patents:import_template_save", "unit_admin", template_save),
    ]
