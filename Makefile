# The two set-up commands (see README):  make start   and   make test
# Both create .venv and install the project into it on first use (and again when pyproject.toml changes).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: start test data bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

start: $(VENV)/.installed  ## start the dashboard on the shipped data: http://localhost:$(PORT)
	$(VENV)/bin/streamlit run dashboard/app.py --server.port $(PORT)

test: $(VENV)/.installed  ## run the whole test suite (no tests collected counts as a failure)
	$(PY) -m pytest

data: $(VENV)/.installed  ## rebuild data/built from data/raw (deterministic)
	$(PY) -m dashboard build-data

clean:
	rm -rf $(VENV) output .pytest_cache
