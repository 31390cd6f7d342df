"""Refresh the zh_Hans catalogue of the given apps (default: all) in place: new msgids appear untranslated,
obsolete ones are dropped. Then fill in the Chinese and run `make test` (scripts/check_catalogue.py)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
targets = [ROOT / a for a in sys.argv[1:]] or sorted(p for p in (ROOT / "apps").iterdir() if (p / "apps.py").exists())
for app in targets:
    (app / "locale").mkdir(exist_ok=True)
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
            "--ignore=tests/*",
            "--ignore=static/*",
        ],
        cwd=app,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "PYTHONPATH": str(ROOT)},
    )
    print(f"updated {app.relative_to(ROOT)}/locale/zh_Hans/LC_MESSAGES/django.po")
