# Two commands on a fresh clone: `make demo` and `make test`. Both create .venv and install first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test install lint typecheck unit bench bench-dedup bench-events bench-review bench-crawl bench-crawl-workers bench-topic-screen clean

$(BIN)/forumwatch: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

demo: $(BIN)/forumwatch
	$(BIN)/forumwatch demo

# For your user, as pipx would: an environment of its own under PREFIX/share/forumwatch (no development
# tools), and PREFIX/bin/forumwatch linked to it. Run again to upgrade from the clone.
PREFIX ?= $(HOME)/.local
INSTALL_VENV := $(PREFIX)/share/forumwatch/venv

install:
	$(PYTHON) -m venv $(INSTALL_VENV)
	$(INSTALL_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(INSTALL_VENV)/bin/python -m pip install --quiet .
	mkdir -p $(PREFIX)/bin
	ln -sf $(INSTALL_VENV)/bin/forumwatch $(PREFIX)/bin/forumwatch
	@echo "forumwatch is $(PREFIX)/bin/forumwatch; if \`forumwatch --version\` is not found, add $(PREFIX)/bin to PATH"

# The dependency contracts between packages (tests/test_architecture.py) are part of the lint.
lint: $(BIN)/forumwatch
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -q --no-header -p no:cacheprovider tests/test_architecture.py

typecheck: $(BIN)/forumwatch
	$(BIN)/mypy

# The tests run in parallel (pytest-xdist), a test file to a worker so that a module's fixtures (a crawled
# site) are built once; two workers more than cores, as many tests wait on servers and clocks rather than
# compute. They start some two hundred `forumwatch` processes: the project is compiled first, or where
# PYTHONDONTWRITEBYTECODE is set each process would compile it again.
# PYTEST_ARGS='-m "not slow"' leaves out the slowest tests.
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null) && echo $$((n + 2)) || echo auto)

unit: $(BIN)/forumwatch
	$(BIN)/python -m compileall -q forumwatch crawler dedup storage scheduler alerts review
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# Lint and typecheck run beside the tests: the tests wait on servers and clocks a third of the time.
test: $(BIN)/forumwatch
	@$(MAKE) --no-print-directory -j 3 --output-sync=target lint typecheck unit

# The cleaner beside trafilatura, readability-lxml and GNE on ../shared/eval (BENCH_ARGS="--data DIR").
bench: $(BIN)/forumwatch
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench.cleaner $(BENCH_ARGS)

# Near-duplicate stories: precision/recall on copies of ../shared/eval articles, MinHash beside SimHash,
# time per stored article at 10k, 100k and 1M stored articles (BENCH_ARGS="--sizes 10000,100000").
bench-dedup: $(BIN)/forumwatch
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench.dedup $(BENCH_ARGS)

# The event reader on the labelled forum articles of bench/event_articles*: kind, dates, city, the misses.
bench-events: $(BIN)/forumwatch
	$(BIN)/python -m bench.events $(BENCH_ARGS)

# The review page's queries (inbox, filters, search) at 10k and 1M articles in SQLite, as ratios.
bench-review: $(BIN)/forumwatch
	$(BIN)/python -m bench.review $(BENCH_ARGS)

# `forumwatch crawl` beside a bare Scrapy spider on a local site of 2,000 pages made from ../shared/eval's:
# pages/s, CPU per page by stage, peak RSS, a second crawl's requests (BENCH_ARGS="--pages 20000 --rounds 3").
bench-crawl: $(BIN)/forumwatch
	$(BIN)/python -m bench.crawl $(BENCH_ARGS)

# The same site crawled by 1, 2 and 4 crawl workers through Redis into PostgreSQL (127.0.0.1's by default:
# BENCH_ARGS="--postgres URL --redis URL"): pages/s per worker count and the ratio to one worker.
bench-crawl-workers: $(BIN)/forumwatch
	$(BIN)/python -m bench.crawl --workers 1,2,4 $(BENCH_ARGS)

# The topic screen on every ../shared/eval page: aliases the matcher finds that it would rule out (0), and
# the CPU a ruled-out page costs beside full cleaning.
bench-topic-screen: $(BIN)/forumwatch
	$(BIN)/python -m bench.topic_screen $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache *.egg-info forumwatch-demo.db*
