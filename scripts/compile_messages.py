"""Compile every app's zh_Hans catalogue (.po → .mo); .mo files are build output, not versioned."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
failed = False
for po in sorted(ROOT.glob("apps/*/locale/*/LC_MESSAGES/django.po")):
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", str(po.with_suffix(".mo")), str(po)], capture_output=True, text=True
    )
    if result.returncode:
        failed = True
        print(result.stderr, file=sys.stderr)
sys.exit(1 if failed else 0)
