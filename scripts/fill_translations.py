"""Fill an app's zh_Hans catalogue from a Python dict file {msgid: msgstr} (msgstr may be a list for plurals):
python scripts/fill_translations.py apps/calls translations.py  — entries not in the dict are left as they are."""

import ast
import sys
from pathlib import Path

import polib

app, source = sys.argv[1], sys.argv[2]
table = ast.literal_eval(Path(source).read_text(encoding="utf-8"))
path = Path(app) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
po = polib.pofile(str(path))
po.metadata.update(
    {"Language": "zh_Hans", "Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": "nplurals=1; plural=0;"}
)
filled = 0
for entry in po:
    if entry.msgid in table:
        value = table[entry.msgid]
        if entry.msgid_plural:
            entry.msgstr_plural = {0: value[0] if isinstance(value, list) else value}
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        filled += 1
po.save(str(path))
missing = [e.msgid for e in po if not e.translated()]
print(f"{path}: filled {filled}, still missing {len(missing)}")
