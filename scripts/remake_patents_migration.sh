#!/usr/bin/env bash
# While the patents app is being built: regenerate its single initial migration from the models (under a lock,
# so that parallel edits do not interleave). Nothing depends on these migrations yet.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/patents-migration.lock
flock 9
rm -f apps/patents/migrations/0*.py
.venv/bin/python manage.py makemigrations patents --name initial -v 0
ls apps/patents/migrations/
