# Newsroom: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: run test install migrate seed demo serve worker bench lint format audit clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

# Imports and publishes the seed edition (import_edition --seed: newsroom.seed names the page and
# its date); running it again changes nothing. The seed page has open doubts (its 下转 to pages it
# does not include, two guessed title splits): it is the project's demo edition, so the operator
# confirms them, the reason recorded (importer 核对确认); DESK_CHIEF=NAME names a desk chief
# instead (a login made with create_editor NAME --desk-chief).
PUBLISH_SEED = --publish $(if $(DESK_CHIEF),--confirm-doubts $(DESK_CHIEF),--operator-confirms "示例期次（make seed）")
seed: migrate
	$(PY) manage.py import_edition --seed $(PUBLISH_SEED)

# The seed page with its typeset page PDF (tests/fixtures/typeset): the e-paper view with the page
# image, each article's area a link, and the PDFs to download. `make demo run` shows it.
demo: seed
	$(PY) manage.py import_edition --seed tests/fixtures/pdf/seed/01.pdf $(PUBLISH_SEED)

run: seed
	@echo ""
	@echo "Newsroom is at http://$(HOST):$(PORT)/ and the admin at http://$(HOST):$(PORT)/admin/"
	@echo "Create an editor's login, in a second terminal: $(PY) manage.py create_editor NAME [--desk-chief]"
	@echo ""
	@# The background jobs' worker (tuning, scoring, PDF reading) runs beside the server and stops with it.
	@$(PY) manage.py db_worker --no-startup-delay & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest -n 2 -q $(PYTEST_ARGS)

# Production-like: gunicorn, WhiteNoise, settings from the environment (see docs/deploy.md).
serve: install
	DJANGO_DEBUG=0 $(PY) manage.py collectstatic --noinput -v0
	DJANGO_DEBUG=0 $(VENV)/bin/gunicorn newsroom.wsgi:application --bind $(HOST):$(PORT) \
		--workers $(WORKERS) --access-logfile - --timeout 60

# Runs the background jobs: django-tasks' database worker, or Celery's when CELERY_BROKER_URL is set.
worker: migrate
	@if [ -n "$$CELERY_BROKER_URL" ] && [ "$${NEWSROOM_JOBS:-celery}" = celery ]; then \
		$(VENV)/bin/celery -A newsroom.celery worker --loglevel=INFO; \
	else \
		$(PY) manage.py db_worker; \
	fi

bench: install
	$(PY) bench/run.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

audit: install
	$(VENV)/bin/pip-audit --skip-editable

clean:
	rm -rf $(VENV) staticfiles cache .pytest_cache .ruff_cache
