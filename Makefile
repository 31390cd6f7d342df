# Two commands set everything up on a fresh Debian/Ubuntu machine with Python >= 3.11:
#   make demo   – install, migrate, load demo data, start web + worker on 127.0.0.1:8000
#   make test   – lint, migration and catalogue checks, the whole test suite (browser tests included)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
APT_PACKAGES := chromium fonts-noto-cjk gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils

.PHONY: demo test serve worker bench bench-navigation soak install assets system-deps messages lint catalogue clean backup restore

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed assets
assets: node_modules/.installed

system-deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi

.env:
	@$(PYTHON) scripts/make_env.py > .env
	@echo "Wrote .env with a fresh SECRET_KEY and SM4 key (keep it out of version control)."

messages: install
	$(PY) scripts/compile_messages.py

demo: install system-deps .env messages
	DEBUG=false DEMO_MODE=true $(PY) manage.py migrate --noinput
	DEMO_MODE=true $(PY) manage.py collectstatic --noinput -v0
	DEMO_MODE=true $(PY) manage.py load_demo
	@echo "Starting worker and web server on http://$(HOST):$(PORT)/  (Ctrl-C stops both)"
	@trap 'kill 0' EXIT INT TERM; \
	DEMO_MODE=true $(PY) manage.py run_worker & \
	DEMO_MODE=true $(PY) manage.py runserver --noreload $(HOST):$(PORT)

worker: install .env
	$(PY) manage.py run_worker

# Connects as the application role of docs/deploy.md (DATABASE_URL in .env; migrations run as the owner role):
# the deploy check refuses a superuser or the owner of the audit table (audit.E001).
serve: install .env messages
	DJANGO_SETTINGS_MODULE=config.settings.production $(PY) manage.py check --deploy --fail-level ERROR
	DJANGO_SETTINGS_MODULE=config.settings.production $(PY) manage.py collectstatic --noinput -v0
	DJANGO_SETTINGS_MODULE=config.settings.production $(VENV)/bin/gunicorn config.wsgi:application \
	  --bind $(HOST):$(PORT) --workers 3 --access-logfile -

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

catalogue: install
	$(PY) scripts/check_catalogue.py

test: install system-deps messages
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(PY) scripts/check_catalogue.py
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py collectstatic --noinput -v0
	$(VENV)/bin/pytest -n 2 --dist worksteal $(PYTEST_ARGS)

# Pages at 1k/10k/100k applications on a throwaway PostgreSQL database (BENCH_PG, default
# postgres://postgres@127.0.0.1:5432), served by gunicorn; bench/results/ and the README's Performance section.
bench: install messages
	$(PY) bench/run.py $(BENCH_ARGS)
	$(PY) bench/readme.py

# Patent navigation (issue 19): import of 1M records, analyses over 10M, prior-art search over 1M, on a throwaway
# database; bench/results/navigation-<date>.json and navigation-latest.md (`bench/run.py --navigation` adds it to
# the pages' benchmark; `make bench` alone stays within its 30 minutes).
# Shorter: make bench-navigation BENCH_NAVIGATION_ARGS="--records-import 100000 --records-analysis 1000000 --records-search 100000"
bench-navigation: install messages
	$(PY) bench/navigation/run.py $(BENCH_NAVIGATION_ARGS)

# Load with writes (issue 22): locust on 127.0.0.1, SOAK_USERS users for SOAK_SECONDS s, reads mixed with experts
# scoring, officers recommending and units saving drafts, then the writes checked against the database (a throwaway
# PostgreSQL database, BENCH_PG as `make bench`); bench/results/soak-<date>.json and soak-latest.md.
SOAK_USERS ?= 100
SOAK_SECONDS ?= 60
soak: install messages
	$(PY) bench/soak.py --users $(SOAK_USERS) --seconds $(SOAK_SECONDS) $(SOAK_ARGS)

# Backup and restore (README "备份与恢复（运维）", docs/apps/backups.md). The database of DATABASE_URL (.env) and
# the encrypted attachments and navigation files, with a manifest of SHA-256 checksums and the audit chain head:
#   make backup                      -> var/backups/<UTC timestamp>/   (BACKUP_DIR=/path to choose)
#   make restore BACKUP=var/backups/20261201T020000Z [RESTORE_DATABASE_URL=postgres://…/fresh]
#                [RESTORE_ATTACHMENT_ROOT=/srv/hvp/attachments] [RESTORE_NAVIGATION_DIR=…] [RESTORE_ARGS=--force]
BACKUP_DIR ?= var/backups/$(shell date -u +%Y%m%dT%H%M%SZ)
backup: install .env
	$(PY) manage.py backup $(BACKUP_DIR)

restore: install .env
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/<timestamp> [RESTORE_DATABASE_URL=…] [RESTORE_ATTACHMENT_ROOT=…]"; exit 2; }
	$(PY) manage.py restore $(BACKUP) \
	  $(if $(RESTORE_DATABASE_URL),--database-url '$(RESTORE_DATABASE_URL)') \
	  $(if $(RESTORE_ATTACHMENT_ROOT),--attachment-root '$(RESTORE_ATTACHMENT_ROOT)') \
	  $(if $(RESTORE_NAVIGATION_DIR),--navigation-dir '$(RESTORE_NAVIGATION_DIR)') $(RESTORE_ARGS)

clean:
	rm -rf $(VENV) node_modules staticfiles var/db.sqlite3
