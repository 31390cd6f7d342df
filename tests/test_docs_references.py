"""docs/measures.md and docs/architecture.md name modules, functions and test files: every name resolves, so a
rename breaks the build rather than the map.

A reference is a backticked token that starts with an app's label. A dotted name (`applications.services.
application_submit`, `core.workflow.Workflow.apply`) is imported from `apps.`; `organizations.Organization` is the
app's model. A path (`applications/workflow.py`, `apps/audit/tests/test_chain.py::test_tampered_entry_is_found`)
must exist, and a `::name` must be defined in it."""

import importlib
import re
from pathlib import Path

import pytest
from django.apps import apps as django_apps

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "docs" / "measures.md", ROOT / "docs" / "architecture.md"]
TOKEN = re.compile(r"`([^`\s]+)`")


def _labels() -> set[str]:
    return {config.name.split(".", 1)[1] for config in django_apps.get_app_configs() if config.name.startswith("apps.")}


def references() -> list[tuple[str, str]]:
    labels = _labels()
    found = []
    for doc in DOCS:
        for token in TOKEN.findall(doc.read_text(encoding="utf-8")):
            token = token.rstrip(",;:")
            head = re.split(r"[./]", token.removeprefix("apps/"), maxsplit=1)[0]
            if head in labels and ("." in token or "/" in token):
                found.append((doc.name, token))
    return found


def _resolve_path(token: str) -> None:
    path, _, name = token.partition("::")
    file = ROOT / path if path.startswith(("apps/", "tests/", "docs/")) else ROOT / "apps" / path
    assert file.exists(), f"{file} does not exist"
    if name:
        text = file.read_text(encoding="utf-8")
        assert re.search(rf"^\s*(def|class)\s+{re.escape(name)}\b", text, re.M), f"{name} is not defined in {file}"


def _resolve_dotted(token: str) -> None:
    parts = token.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module("apps." + ".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        rest = parts[cut:]
        if cut == 1 and rest and not hasattr(obj, rest[0]):  # `organizations.Organization`: the app's model
            obj = importlib.import_module(f"apps.{parts[0]}.models")
        for attribute in rest:
            assert hasattr(obj, attribute), f"apps.{token}: {attribute!r} not found"
            obj = getattr(obj, attribute)
        return
    raise AssertionError(f"apps.{token} does not import")


def test_the_docs_name_code_at_all():
    assert len(references()) > 40


@pytest.mark.parametrize(("doc", "token"), references())
def test_every_name_in_the_docs_resolves(doc, token):
    if "/" in token or token.endswith(".py") or "::" in token:
        _resolve_path(token)
    else:
        _resolve_dotted(token)
