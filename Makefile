# Two commands for a fresh machine (see README.md):
#   make demo   - create .venv, install crimerec, score the bundled sample and write a discrepancy report
#   make test   - create .venv, install crimerec with test and Spark extras, run the whole test suite

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: demo test install install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-dev: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev,spark]"

demo: install
	$(BIN)/crimerec score data/sample/incidents.csv -o $(OUT)/scored.csv --rejects $(OUT)/rejects.csv
	$(BIN)/crimerec report $(OUT)/scored.csv -o $(OUT)/report
	@echo "Open $(OUT)/report/report.html in a browser; triage queue in $(OUT)/report/triage.csv"

test: install-dev
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(OUT) .pytest_cache
