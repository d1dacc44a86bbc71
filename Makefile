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

# Hypothesis runs derandomised (the "ci" profile) so a clean clone is green every time.
test: lint
	CI=$${CI:-true} $(VENV)/bin/python -m pytest -q

# Every benchmark, one at a time (never two at once), on a throwaway store, config and cache;
# the scripts that check a target exit 1 when it is missed, so the loop goes on and fails last.
bench: $(STAMP)
	@scratch=$$(mktemp -d); \
	export READER_DB=$$scratch/store/annotations.json READER_CONFIG_DIR=$$scratch/config \
		READER_CACHE_DIR=$$scratch/cache; \
	failed=""; \
	for script in bench/*_bench.py bench/quote_quality.py; do \
		echo "== $$script (load average: $$(cut -d' ' -f1-3 /proc/loadavg))"; \
		$(VENV)/bin/python $$script || failed="$$failed $$script"; \
		echo; \
	done; \
	rm -rf "$$scratch"; \
	if [ -n "$$failed" ]; then echo "missed a target or failed:$$failed"; exit 1; fi

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
