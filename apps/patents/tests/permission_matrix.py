"""Every URL of the patents app, one module per part (tests/permission_matrix_<part>.py), collected here."""

from importlib import import_module

PARTS = ("portfolio", "imports", "assessment", "grading", "utilization", "standards", "kpi")

MATRIX = []
for _part in PARTS:
    try:
        _module = import_module(f"apps.patents.tests.permission_matrix_{_part}")
    except ModuleNotFoundError as exc:
        if exc.name != f"apps.patents.tests.permission_matrix_{_part}":
            raise
        continue
    MATRIX.extend(_module.MATRIX)
