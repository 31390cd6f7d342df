"""The zh_Hans catalogue is complete and consistent.

Complete: for every app, re-extract the messages (into a scratch copy, so the tree is untouched) and fail when a msgid
is missing from the app's .po, untranslated or fuzzy.

Consistent: Django merges every app's catalogue into ONE translation table in which the app listed first in
INSTALLED_APPS wins for a (context, msgid) pair, so two apps that translate the same pair differently make one of them
show the other's wording. Fail on any such pair: use one wording in every catalogue, or give one of the meanings a
context (pgettext / pgettext_lazy / {% translate "…" context "…" %})."""

import ast
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
APPS = sorted(p for p in (ROOT / "apps").iterdir() if (p / "apps.py").exists())


def extract(app: Path, scratch: Path) -> polib.POFile:
    copy = scratch / app.name
    shutil.copytree(app, copy, ignore=shutil.ignore_patterns("__pycache__", "locale", "tests", "static"))
    (copy / "locale").mkdir()
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "makemessages",
            "-l",
            "zh_Hans",
            "--no-location",
            "--no-obsolete",
            "-v0",
        ],
        cwd=copy,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    po = copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    return polib.pofile(str(po)) if po.exists() else polib.POFile()


def _translation(entry: polib.POEntry) -> str | None:
    """What msgfmt compiles for the entry: nothing for an obsolete, fuzzy or untranslated one."""
    if entry.obsolete or "fuzzy" in entry.flags or not entry.translated():
        return None
    if entry.msgid_plural:
        return " | ".join(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
    return entry.msgstr


def conflicts(catalogues: dict[str, polib.POFile]) -> list[str]:
    """One line for each (context, msgid) pair that the catalogues (app label → catalogue, in INSTALLED_APPS order:
    the first one wins in Django's merged table) translate differently."""
    seen: dict[tuple[str | None, str], dict[str, str]] = {}
    for app, catalogue in catalogues.items():
        for entry in catalogue:
            text = _translation(entry)
            if text is not None:
                seen.setdefault((entry.msgctxt, entry.msgid), {})[app] = text
    lines = []
    for (context, msgid), by_app in seen.items():
        if len(set(by_app.values())) < 2:
            continue
        winner = next(iter(by_app))
        where = f" (context {context!r})" if context is not None else ""
        wordings = "; ".join(f"{app}: {text}" for app, text in by_app.items())
        lines.append(
            f"{msgid!r}{where} is translated differently by {', '.join(by_app)} ({wordings}): every page shows "
            f"{winner}'s {by_app[winner]}. Use one wording, or give one meaning a context (pgettext)."
        )
    return lines


def app_order() -> list[str]:
    """The local apps' labels in INSTALLED_APPS order (config/settings/base.py's LOCAL_APPS, core first)."""
    tree = ast.parse((ROOT / "config" / "settings" / "base.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "LOCAL_APPS" for t in node.targets):
            return [name.rsplit(".", 1)[-1] for name in ast.literal_eval(node.value)]
    return []


def catalogues_in_order() -> dict[str, polib.POFile]:
    order = app_order()
    apps = sorted(APPS, key=lambda app: (order.index(app.name) if app.name in order else len(order), app.name))
    found = {}
    for app in apps:
        path = app / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
        if path.exists():
            found[app.name] = polib.pofile(str(path))
    return found


def main() -> int:
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        for app in APPS:
            wanted = extract(app, Path(scratch))
            path = app / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
            have = polib.pofile(str(path)) if path.exists() else polib.POFile()
            done = {(e.msgctxt, e.msgid): e for e in have if e.translated() and "fuzzy" not in e.flags}
            for entry in wanted:
                if (entry.msgctxt, entry.msgid) not in done:
                    problems.append(f"{app.name}: no Chinese for {entry.msgid!r}")
    clashes = conflicts(catalogues_in_order())
    for line in problems + clashes:
        print(line)
    print(f"catalogue: {len(problems)} missing translation(s)" if problems else "catalogue: complete")
    print(
        f"catalogue: {len(clashes)} msgid(s) translated differently by two apps"
        if clashes
        else "catalogue: consistent across apps"
    )
    return 1 if problems or clashes else 0


if __name__ == "__main__":
    sys.exit(main())
