"""The @once forms of the patents app for tests/test_double_submit.py, one module per part
(tests/double_submit_<part>.py, each with `cases(Case) -> list`), collected here."""

from importlib import import_module

PARTS = ("portfolio", "imports", "assessment", "grading", "utilization", "standards", "kpi")


def cases(Case) -> list:
    found = []
    for part in PARTS:
        try:
            module = import_module(f"apps.patents.tests.double_submit_{part}")
        except ModuleNotFoundError as exc:
            if exc.name != f"apps.patents.tests.double_submit_{part}":
                raise
            continue
        found.extend(module.cases(Case))
    return found
