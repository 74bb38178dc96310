# Two commands for a fresh clone: `make play` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: play test test-fast clean

# Re-install whenever pyproject.toml changes (the stamp is older than it).
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,scale]'
	@touch $(STAMP)

play: $(STAMP)
	$(BIN)/mediator

test: $(STAMP)
	$(BIN)/ruff check game tests
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q -n 2 --dist worksteal

# The engine, the format and the golden games, without the statistical checks.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 -m "not slow" tests/engine tests/format tests/golden

clean:
	rm -rf $(VENV) build dist *.egg-info
