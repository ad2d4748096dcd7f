# The two commands of the quick start: `make run` and `make test`.
SHELL := /bin/bash
UV_VERSION := 0.13.9
PORT ?= 8000
UV ?= $(shell command -v uv 2>/dev/null)
ifeq ($(UV),)
UV := .tools/bin/uv
endif
# Use the machine's Python; never download one.
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON ?= python3
PY := .venv/bin/python
# Tests never need a real secret; production refuses to start without one.
TEST_ENV := DJANGO_SECRET_KEY=tests-only-not-a-secret DJANGO_DEBUG= DJANGO_SECURE_SSL_REDIRECT=0

.PHONY: install run test lint format migrations-check bench eval clean

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

install: $(if $(filter .tools/bin/uv,$(UV)),.tools/bin/uv)
	$(UV) sync --frozen

run: install
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py import_seeds
	DJANGO_DEBUG=1 $(PY) manage.py ensure_editor
	@echo "Serving the archive on http://127.0.0.1:$(PORT)/ (admin: http://127.0.0.1:$(PORT)/admin/)"
	DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(TEST_ENV) $(PY) -m pytest

lint: install
	$(PY) -m ruff format --check .
	$(PY) -m ruff check .

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

migrations-check: install
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf .venv .tools staticfiles db.sqlite3

N ?= 10000
BENCH_ARGS ?=
bench: install
	$(PY) bench/run.py --n $(N) $(BENCH_ARGS)

# Linking measured against the corpus's hand labels; writes docs/linking.md.
eval: install
	$(PY) bench/eval.py $(EVAL_ARGS)
