"""The zh_Hans catalogue is complete: for every app, re-extract the messages (into a scratch copy, so the tree is
untouched) and fail when a msgid is missing from the app's .po, untranslated or fuzzy."""

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
    for line in problems:
        print(line)
    print(f"catalogue: {len(problems)} missing translation(s)" if problems else "catalogue: complete")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
