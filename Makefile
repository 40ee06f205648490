# qqtext: every command sets up what it needs first, so each works on a fresh clone.
#   make run    create .venv, install, run the main job: summarise the shipped corpus and write the
#               training pack for the Jinan measures to out/jinan-2019/
#   make test   create/update .venv, install with test extras, make sure Debian's chromium is there for
#               the browser test (installed with apt-get when missing and root), run pytest + doctests + nbval
#   make lab    open JupyterLab on notebooks/
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: run test lab bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/qqtext summary
	$(BIN)/qqtext pack jinan-2019 -o out

test: $(STAMP)
	bash scripts/ensure-browser.sh
	$(BIN)/python -m pytest --nbval

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

bench: $(STAMP)
	$(BIN)/python bench/bench_parse.py
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_coldstart.py
	$(BIN)/python bench/bench_compare.py --no-progress
	$(BIN)/python bench/bench_paraphrase.py --lawrefbook
	$(BIN)/python bench/bench_compare_folder.py
	$(BIN)/python bench/bench_hostile.py
	$(BIN)/python bench/bench_classroom.py
	$(BIN)/python bench/bench_corpus.py

clean:
	rm -rf $(VENV) out .pytest_cache
