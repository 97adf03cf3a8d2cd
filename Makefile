# The two set-up commands: `make run` and `make test`. Both install into .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_PROFILES ?= 2000
DEMO_MISSIONS ?= 40

.PHONY: run test install install-dev migrate demo worker beat lint bench bench-web clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime-installed $@

install: $(VENV)/.runtime-installed
install-dev: $(VENV)/.dev-installed

migrate: install
	$(BIN)/python manage.py compile_translations && $(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py seed_demo --if-empty --profiles $(DEMO_PROFILES) --missions $(DEMO_MISSIONS)

run: demo
	@echo ""
	@echo "AMOE match on http://$(HOST):$(PORT)/"
	@echo "Demo logins, password demo-pass-2026: freelancer@example.com, client@example.com, recruiter@example.com"
	@echo ""
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install-dev
	$(BIN)/python -m pytest

lint: install-dev
	$(BIN)/ruff check .

bench: install
	$(BIN)/python manage.py bench_matching --profiles 100000 --json

# Pages and API against gunicorn (2 workers, DEBUG off) on PostgreSQL and the Redis cache, seeded once with
# 10,000 profiles, 200 missions and 1,000 open missions in all; then the load test. One JSON object, last line.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/amoe_benchweb
BENCH_CACHE_URL ?= redis://127.0.0.1:6379/6
bench-web: install .venv-loadtest/bin/locust
	$(BIN)/python manage.py compile_translations
	DATABASE_URL=$(BENCH_DATABASE_URL) CACHE_URL=$(BENCH_CACHE_URL) $(BIN)/python manage.py bench_web

# Workers and beat need a broker: REDIS_URL defaults to the local Redis.
REDIS_URL ?= redis://127.0.0.1:6379/0
CONCURRENCY ?= 2

worker: install
	REDIS_URL=$(REDIS_URL) $(BIN)/celery -A amoe_platform worker --loglevel=INFO --concurrency=$(CONCURRENCY)

beat: install
	REDIS_URL=$(REDIS_URL) $(BIN)/celery -A amoe_platform beat --loglevel=INFO --schedule=$(VENV)/celerybeat-schedule

clean:
	rm -rf $(VENV) db.sqlite3 media private_media staticfiles

# Load test (loadtest/): Locust against gunicorn on PostgreSQL with 10,000 demo profiles for 60 s, then the
# bare /healthz/ view as the reference. Needs DATABASE_URL; LOADTEST_USERS, LOADTEST_DURATION to tune.
.PHONY: loadtest
.venv-loadtest/bin/locust: loadtest/requirements.txt
	$(PYTHON) -m venv .venv-loadtest
	.venv-loadtest/bin/pip install --quiet -r loadtest/requirements.txt
	touch $@

loadtest: install .venv-loadtest/bin/locust
	loadtest/run.sh
