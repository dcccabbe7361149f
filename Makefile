# pantau — two commands do all the set-up on a fresh machine:
#   make demo   virtualenv + install + ingest the bundled sample articles + show events and a timeline
#   make test   virtualenv + install (with test extras) + the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
DB     ?= pantau.duckdb

.PHONY: demo test install install-test bench evaluate serve train clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

# the tests cover the Ray engine too, so they install the optional `ray` extra
$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test,ray]"
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

demo: install
	rm -f $(DB)
	$(BIN)/pantau ingest examples/ --db $(DB)
	$(BIN)/pantau events --db $(DB) --limit 40
	$(BIN)/pantau timeline --db $(DB)

test: install-test
	$(BIN)/python -m pytest

evaluate: install
	$(BIN)/pantau evaluate --gold ../shared/gold/seeds.json

# the web UI and REST API over the demo database (run `make demo` first)
serve: install
	$(BIN)/pantau serve --db $(DB)

bench: install
	$(BIN)/pantau bench ../shared/bench/kompas-pfsa-408.jsonl -j 1,2

# rebuild the shipped NER and UD models (src/pantau/models/) and the event coder's models
# (src/pantau/events/model/) from ../shared/data ($$PANTAU_DATA): convert, train NER and UD side by
# side, score the dev splits, then train the event coder (training/train_events.py). nlp-id is installed only for the
# kumparan POS corpus its wheel ships (an auxiliary training task); none of its code or
# dependencies is used, hence --no-deps
train: install
	$(BIN)/pip install --quiet -e ".[train]"
	$(BIN)/pip install --quiet --no-deps nlp-id==0.1.23.0
	$(BIN)/python training/train.py $(if $(PANTAU_DATA),--data $(PANTAU_DATA),)

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .hypothesis
