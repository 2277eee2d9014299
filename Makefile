# Qiao: `make run` serves the portal with demo content, `make test` runs the tests.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
HOST ?= 127.0.0.1
PORT ?= 8000
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run test install demo worker lint format e2e bench messages pg-test clean

$(VENV)/.installed: pyproject.toml uv.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check "uv==0.13.8"
	$(UV) sync --frozen --inexact --quiet
	touch $@

install: $(VENV)/.installed

# Marks that the demo site was built into the database (another database, another mark).
DEMO_MARK ?= var/.demo-loaded
$(DEMO_MARK): $(VENV)/.installed
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo
	mkdir -p $(dir $@) && touch $@

# The web server, the task worker (e-mails, search index) and the periodic jobs, in one
# terminal; Ctrl-C stops them all. Links in e-mails follow HOST and PORT.
run: export BASE_URL ?= http://$(HOST):$(PORT)
run: install $(DEMO_MARK)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py staff_login
	$(PY) manage.py run_portal $(HOST):$(PORT)

worker: install
	$(PY) manage.py db_worker

test: install
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n 2 -q

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: install
	for app in qiao/*/; do if [ -d $$app/locale ]; then (cd $$app && ../../$(VENV)/bin/django-admin makemessages -l de -l en -l zh_Hans --no-obsolete --no-location && ../../$(VENV)/bin/django-admin compilemessages); fi; done

clean:
	rm -rf $(VENV) $(WAPITI_VENV) var db.sqlite3 db.sqlite3-wal db.sqlite3-shm

# --- quality gates (issue 7) ---
.PHONY: test-pg e2e check-deploy security bench
test-pg: install
	scripts/with-postgres.sh $(PY) -m pytest -q -n 2
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# Browser journeys, axe-core and vnu against a server the tests start (2-7 minutes).
e2e: install node_modules/.package-lock.json
	$(PY) -m pytest -c e2e/pytest.ini e2e

# Django's deployment checks with the production settings (SECRET_KEY from the environment,
# else a random one for the check).
check-deploy: install
	DJANGO_SETTINGS_MODULE=qiao.settings.production BASE_URL="$${BASE_URL:-https://china.example.org}" \
	SECRET_KEY="$${SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')}" \
	$(PY) manage.py check --deploy --fail-level WARNING

# wapiti in a venv of its own: its pinned dependencies would clash with the project's, and
# 3.2.3 is its last release that runs on Python 3.11.
WAPITI_VENV := .venv-wapiti
$(WAPITI_VENV)/.installed:
	test -x $(WAPITI_VENV)/bin/python || $(PYTHON) -m venv $(WAPITI_VENV)
	$(WAPITI_VENV)/bin/pip install --quiet --disable-pip-version-check "wapiti3==3.2.3"
	touch $@

# bandit: no finding of medium or high severity in the code (tests and migrations aside);
# wapiti: no finding above low against the site served on 127.0.0.1 (about 5-8 minutes).
security: install $(WAPITI_VENV)/.installed
	$(VENV)/bin/bandit -q -r qiao e2e $(wildcard bench) -x '*/tests/*,*/migrations/*,*/node_modules/*' --severity-level medium && echo 'bandit: no finding of medium or high severity'
	scripts/wapiti-scan.sh $(WAPITI_VENV)/bin/wapiti $(PY)

# Benchmarks, not part of CI: writes bench/results.md (see bench/README.md; about 35 minutes):
# SQLite, then the production layout (PostgreSQL, Redis, two servers, two task workers).
bench: install
	scripts/bench-packages.sh
	$(PY) -m bench.run
	scripts/with-postgres.sh $(PY) -m bench.production
	$(PY) -m bench.newsletter
