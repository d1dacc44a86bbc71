# make run: open the sample article.  make test: lint, type-check and run every test.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed
SAMPLE := seeds/000_a1bfd4ae36a8a1d3.txt

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/reader $(SAMPLE)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy --strict reader

test: lint
	$(VENV)/bin/python -m pytest -q

bench: $(STAMP)
	for script in bench/*_bench.py; do $(VENV)/bin/python $$script; done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
