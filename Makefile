# The two commands a new user needs:   make demo   and   make test
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= dossier.db

.PHONY: install install-test demo test test-fast test-slow system-deps clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

install-test: $(BIN)/python
	$(BIN)/pip install -q -e ".[test]"

# Install, ingest the example articles into SQLite, print what was found, then serve the dashboard
# (Ctrl-C stops it; `make demo SERVE=0` skips serving).
SERVE ?= 1
PORT ?= 8000
demo: install
	$(BIN)/dossier ingest examples/ --db $(DB)
	$(BIN)/dossier stats --db $(DB)
	$(BIN)/dossier claims --db $(DB) --contradicted
	@if [ "$(SERVE)" = 1 ]; then echo "dashboard: http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"; \
	  $(BIN)/dossier serve --db $(DB) --port $(PORT); fi

# Install with test extras and system packages (Chromium, PostgreSQL), then run the whole suite.
test: install-test system-deps
	$(BIN)/pytest -n 2 -m "not slow" -q
	$(BIN)/pytest -m slow -q || [ $$? -eq 5 ]

test-fast: install-test
	$(BIN)/pytest -n 2 -m "not slow" -q

system-deps:
	@./scripts/system-deps.sh

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
