# Quickstart: `make demo` checks the seed article; `make test` runs the test suite.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test install clean bench bench-check bench-startup bench-store bench-stream bench-parallel bench-lsp rules-test dist fuzz bench-hostile

# (Re)create the venv only when it is missing or pyproject.toml changed.
$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) on PATH (set PYTHON=...)"; exit 2; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	$(BIN)/python -m compileall -q factcheck >/dev/null  # bytecode, as a regular install writes it
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/factcheck check seeds/idlib_joint_patrols_2020-02-20.txt || test $$? -eq 1

test: $(STAMP)
	$(BIN)/python -m pytest

rules-test: $(STAMP)
	$(BIN)/factcheck rules test

# The deeper CLI fuzz run: 20,000 random byte strings and 20,000 newsy sentences (SECURITY.md, Deeper fuzzing).
fuzz: $(STAMP)
	FACTCHECK_FUZZ=deep $(BIN)/python -m pytest tests/robustness/test_fuzz_cli.py -q -p no:cacheprovider

# Hostile drafts at 1x, 2x and 4x four times their test size: time and peak memory (SECURITY.md, Drafts).
bench-hostile: $(STAMP)
	$(BIN)/python benchmarks/hostile_inputs.py --scale 4 --repeat 2

# The sdist and wheel in dist/ (they carry the rules and reference data): pip or pipx install the wheel.
dist: $(STAMP)
	$(BIN)/python -m build --no-isolation --outdir dist .

bench: $(STAMP)
	$(BIN)/python benchmarks/accuracy.py
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/check_throughput.py
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/reference_store.py

# Whole-folder check throughput on one core (chars/s, articles/s) on the shared Reuters stories.
bench-check: $(STAMP)
	$(BIN)/python benchmarks/check_throughput.py

# Start-up: wall time of `factcheck check` on the seed article, median of 9 runs (budget 0.5 s).
bench-startup: $(STAMP)
	$(BIN)/python benchmarks/startup.py

# The reference store: warm and cold check of the seed with the whole WDI, and with ten copies of it
# (medians of 9, peak memory; targets 0.35 s and 0.5 s).
bench-store: $(STAMP)
	$(BIN)/python benchmarks/reference_store.py

# Streamed reports: peak memory of a check at 500, 2,000 and 8,000 articles (json, sarif).
bench-stream: $(STAMP)
	$(BIN)/python benchmarks/stream_memory.py

# --jobs 2 against --jobs 1, and --dask local:2 / a running Dask cluster against --jobs 2, on 2,000 articles.
bench-parallel: $(STAMP)
	$(BIN)/python benchmarks/parallel.py

# The language server: didChange -> publishDiagnostics for a 1,000-word article (debounce 0 and 0.3 s).
bench-lsp: $(STAMP)
	$(BIN)/python benchmarks/lsp_latency.py

clean:
	rm -rf $(VENV) .pytest_cache build dist *.egg-info
