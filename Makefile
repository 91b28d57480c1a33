# The two set-up commands (see README):  make start   and   make test
# Both create .venv and install the project into it on first use (and again when pyproject.toml changes).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: start test data bench bench-browser fuzz clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

# test-only JavaScript (axe-core for the accessibility tests), when npm is available
node_modules/.installed: package.json
	@if command -v npm >/dev/null 2>&1; then npm install --no-audit --no-fund --silent && touch $@; \
	 else echo "npm mangler: tilgjengelighetstestene med axe-core hoppes over (i CI er det en feil)"; fi

start: $(VENV)/.installed  ## start the dashboard on the shipped data: http://localhost:$(PORT)
	$(VENV)/bin/streamlit run dashboard/app.py --server.port $(PORT)

test: $(VENV)/.installed node_modules/.installed  ## run the whole test suite (no tests collected counts as a failure)
	$(PY) -m pytest

data: $(VENV)/.installed  ## rebuild data/built from data/raw (deterministic)
	$(PY) -m dashboard build-data

bench: $(VENV)/.installed  ## measure speed and size, write BENCHMARKS.md (takes about 15 minutes)
	$(PY) -m bench.server
	$(PY) -m bench.load --sessions 30 --minutes 2
	$(PY) -m bench.disclosure --runs 3
	$(MAKE) bench-browser

bench-browser: $(VENV)/.installed  ## page switches, filter changes and first loads in headless Chromium vs a floor app (BENCHMARKS.md; REF=commit adds "before")
	$(PY) -m bench.browser_ux --runs $(or $(RUNS),5) $(if $(PAGES),--pages $(PAGES)) $(if $(REF),--compare-ref $(REF))

fuzz: $(VENV)/.installed  ## the full fuzz runs (CI runs seeded samples): 240 import mutations, every URL string
	FUZZ_FULL=1 $(PY) -m pytest -q tests/test_import_fuzz.py tests/test_url_fuzz.py

clean:
	rm -rf $(VENV) output .pytest_cache
