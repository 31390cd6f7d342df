"""Every URL of the centers app, one module per part (tests/permission_matrix_<part>.py), collected here."""

from importlib import import_module

PARTS = ("center", "contract", "funding", "office", "changes", "supervision", "register")

MATRIX = []
for _part in PARTS:
    try:
        _module = import_module(f"apps.centers.tests.permission_matrix_{_part}")
    except ModuleNotFoundError as exc:
        if exc.name != f"apps.centers.tests.permission_matrix_{_part}":
            raise
        continue
    MATRIX.extend(_module.MATRIX)
