# Halal Portal: `make run` for a local portal with demo data, `make test` for the whole suite.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The test suite talks to the real PostgreSQL and Redis of this machine.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/halal_portal
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0

.PHONY: run install system-deps services lint format test messages compilemessages migrate seed clean backup restore

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Debian packages: gettext for translations; for tests also Chromium (browser tests),
# poppler-utils (PDF text checks) and postgresql-client (the backup and restore test). Installed only when absent.
system-deps:
	@missing=""; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	if [ "$(WITH_TEST_DEPS)" = 1 ]; then \
	  command -v chromium >/dev/null || missing="$$missing chromium"; \
	  command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	  command -v pg_dump >/dev/null || missing="$$missing postgresql-client"; \
	fi; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# Start this machine's PostgreSQL and Redis when they are not running.
services:
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
	@for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done

compilemessages: install system-deps
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0

messages: install system-deps
	$(BIN)/python manage.py makemessages -l ru -l kk -l en --ignore=.venv --ignore=staticfiles --no-obsolete

migrate: install
	$(BIN)/python manage.py migrate --noinput -v0

# The demo's documents are signed: the embedded mode's self-signed key is made once (.signing/).
seed: migrate
	$(BIN)/python manage.py create_signing_key
	$(BIN)/python manage.py seed_demo

run: install compilemessages seed
	@mkdir -p staticfiles
	@echo ""
	@echo "Halal Portal: http://127.0.0.1:8000  (admin: /admin/, API docs: /api/docs/)"
	@echo "Demo logins, password demo-pass-2026:"
	@echo "  applicant@example.com, applicant2@example.com  (applicants)"
	@echo "  secretary@example.com                           (secretary)"
	@echo "  commission1@example.com … commission3@example.com (commission)"
	@echo "  auditor@example.com                             (expert-auditor)"
	@echo "  head@example.com                                (head; also admin)"
	@echo ""
	$(BIN)/python manage.py runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: install
	$(MAKE) --no-print-directory system-deps WITH_TEST_DEPS=1
	$(MAKE) --no-print-directory services compilemessages lint
	@mkdir -p staticfiles
	$(BIN)/python manage.py makemigrations --check --dry-run -v0
	DATABASE_URL=$(TEST_DATABASE_URL) TEST_REDIS_URL=$(TEST_REDIS_URL) \
	  $(BIN)/pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

# Backups of a PostgreSQL deployment (DATABASE_URL, the storage of the settings):
#   make backup                       -> backups/<time>/ (database.dump, media.tar, MANIFEST.sha256)
#   make restore BACKUP=backups/<time> into an empty database and storage; every hash is checked.
backup: install
	$(BIN)/python manage.py backup $(BACKUP)

restore: install
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=backups/<time>"; exit 2; }
	$(BIN)/python manage.py restore $(BACKUP)

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
