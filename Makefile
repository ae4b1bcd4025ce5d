# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV := DJANGO_SETTINGS_MODULE=portal.settings.dev

.PHONY: run test install migrate demo serve lint check messages clean bench

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -c constraints.txt -e ".[test]"
	touch $(STAMP)

install: $(STAMP) messages

messages: $(STAMP)
	$(PY) manage.py compile_translations

migrate: install
	mkdir -p var
	$(DEV) $(PY) manage.py migrate --noinput

demo: migrate
	$(DEV) $(PY) manage.py load_demo_data

serve:
	$(DEV) $(PY) manage.py runserver 127.0.0.1:8000

run: demo serve

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: install
	mkdir -p var
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run

# One test process per core (at most four): each loads the demo portal into its
# own database, then takes a share of the tests.
PYTEST_WORKERS ?= -n auto --maxprocesses 4
test: install
	$(VENV)/bin/pytest -q $(PYTEST_WORKERS)

clean:
	rm -rf $(VENV) var

# Benchmarks at national scale (never part of `make test`): TIER=S (default) or M.
TIER ?= S
bench: install
	$(PY) -m bench.harness --tier $(TIER)
