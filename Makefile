# vanban: `make run` (install, then run on the bundled corpus) and `make test`.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install run extract test lint typecheck pytest eval bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -e ".[test]"
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/vanban ingest corpus/
	$(BIN)/vanban serve --dev --host 127.0.0.1 --port 8000

lint: install
	$(BIN)/ruff check nlp ingest search_api models tests bench corpus

typecheck: install
	$(BIN)/mypy

pytest: install
	$(BIN)/python -m pytest -q

test: lint typecheck pytest

extract: install
	$(BIN)/vanban extract --table corpus/

eval: install
	$(BIN)/vanban eval corpus/

bench: install
	$(BIN)/python bench/extract.py

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache
