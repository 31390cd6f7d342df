"""List the msgids of an app's catalogue that still lack Chinese: python scripts/untranslated.py apps/calls"""

import sys
from pathlib import Path

import polib

for app in sys.argv[1:]:
    po = polib.pofile(str(Path(app) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    for entry in po:
        if not entry.translated() or "fuzzy" in entry.flags:
            print(repr(entry.msgid) + (f"  [plural: {entry.msgid_plural!r}]" if entry.msgid_plural else ""))
