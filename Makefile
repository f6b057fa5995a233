# Two commands on a fresh clone: `make demo` and `make test`. Both create .venv and install first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint typecheck unit clean

$(BIN)/forumwatch: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

demo: $(BIN)/forumwatch
	$(BIN)/forumwatch demo

lint: $(BIN)/forumwatch
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(BIN)/forumwatch
	$(BIN)/mypy

unit: $(BIN)/forumwatch
	$(BIN)/pytest -q

test: lint typecheck unit

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache *.egg-info forumwatch-demo.db*
