# Two commands on a fresh clone: `make demo` and `make test`. Both create .venv and install first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint typecheck unit bench bench-dedup bench-events bench-review clean

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

# The cleaner beside trafilatura, readability-lxml and GNE on ../shared/eval (BENCH_ARGS="--data DIR").
bench: $(BIN)/forumwatch
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench.cleaner $(BENCH_ARGS)

# Near-duplicate stories: precision/recall on copies of ../shared/eval articles, MinHash beside SimHash,
# time per stored article at 10k, 100k and 1M stored articles (BENCH_ARGS="--sizes 10000,100000").
bench-dedup: $(BIN)/forumwatch
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench.dedup $(BENCH_ARGS)

# The review page's queries (inbox, filters, search) at 10k and 1M articles in SQLite, as ratios.
bench-events: $(BIN)/forumwatch
	$(BIN)/python -m bench.events $(BENCH_ARGS)

bench-review: $(BIN)/forumwatch
	$(BIN)/python -m bench.review $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache *.egg-info forumwatch-demo.db*
