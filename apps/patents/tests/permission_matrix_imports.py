"""The import's URLs against every actor of the world (tests/world.py). The center belongs to the world's unit
(prefecture A): its units, its prefecture office and the region see its imports; the lead unit (administrator and
member) imports; everyone else gets a 404 (the center does not exist for them)."""

from tests.permissions import EVERY_LOGGED_IN, Row

SEES = {"unit_admin", "unit_member", "prefecture_officer", "regional_officer"}
HIDE = EVERY_LOGGED_IN - SEES
LEAD_UNIT = {"unit_admin", "unit_member"}


def _center(w):
    from .imports_setup import center

    return center(w)


def _list(w):
    return {"pk": _center(w).pk}


def _batch(status="preview"):
    def make(w):
        from apps.patents import imports

        from .imports_setup import incopat, run

        c = _center(w)
        user = w.user("unit_admin")
        batch = imports.import_upload(user, c, incopat(2))
        if status != "preview":
            imports.import_confirm(user, batch)
        if status == "done":
            run(batch.pk)
        return {"pk": c.pk, "batch_pk": batch.pk}

    return make


def _upload(w):
    from .imports_setup import incopat

    return {"file": incopat(1, name="matrix.xlsx")}


def _mapping(w):
    from apps.patents.models import ImportBatch

    batch = ImportBatch.objects.order_by("-pk").first()
    return {f"column_{i}": key for key, i in batch.mapping.items()}


def _template(w):
    from apps.patents.models import ImportTemplate

    template = ImportTemplate.objects.create(
        center=None, name="区域模板", layout="incopat", columns={"application_number": "申请号", "title": "标题 (中文)",
        "filing_date": "申请日"}, created_by=w.user("regional_officer"),
    )  # fmt: skip
    return {"template": template.pk}


MATRIX = [
    Row("patents:imports", _list, allow=SEES, hide=HIDE),
    Row("patents:imports", _list, allow=LEAD_UNIT, hide=HIDE, method="post", data=_upload),
    Row("patents:import", _batch(), allow=SEES, hide=HIDE),
    Row("patents:import", _batch("done"), allow=SEES, hide=HIDE, note="done"),
    Row("patents:import_progress", _batch("queued"), allow=SEES, hide=HIDE),
    Row("patents:import_mapping", _batch(), allow=LEAD_UNIT, hide=HIDE, method="post", data=_mapping),
    Row(
        "patents:import_template_save",
        _batch(),
        allow=LEAD_UNIT,
        hide=HIDE,
        method="post",
        data=lambda w: {"name": "模板"},
    ),
    Row("patents:import_template_apply", _batch(), allow=LEAD_UNIT, hide=HIDE, method="post", data=_template),
    Row("patents:import_confirm", _batch(), allow=LEAD_UNIT, hide=HIDE, method="post"),
    Row("patents:import_cancel", _batch(), allow=LEAD_UNIT, hide=HIDE, method="post"),
]
