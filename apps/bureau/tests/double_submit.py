"""The @once forms of the bureau's work for tests/test_double_submit.py, one module per part
(tests/double_submit_<part>.py, each with `cases(Case) -> list`), collected here."""

from importlib import import_module

PARTS = ("documents", "showcases", "questions", "tasks")


def cases(Case) -> list:
    found = []
    for part in PARTS:
        try:
            module = import_module(f"apps.bureau.tests.double_submit_{part}")
        except ModuleNotFoundError as exc:
            if exc.name != f"apps.bureau.tests.double_submit_{part}":
                raise
            continue
        found.extend(module.cases(Case))
    return found
