# The two commands of the README: `make run` (dashboard on seeds/) and `make test` (whole suite).
VENV ?= .venv
PY := $(VENV)/bin/python
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test setup chromium lint bench model model-card screenshots

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev,dask,charts]'
	touch $@

run: setup
	$(VENV)/bin/streamlit run app.py --server.headless true --browser.gatherUsageStats false

# Browser tests need Debian's Chromium; install it when we can (root + apt), else they skip.
chromium:
	@test -x $(CHROMIUM) || { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	  apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } || \
	  echo "Chromium not installed: browser tests will be skipped"

lint: setup
	$(VENV)/bin/ruff check .

test: setup chromium lint
	$(PY) -m pytest

# The README's three screenshots (compare side by side, aligned, corpus page): `make test`
# writes its screenshots to a temporary folder only.
screenshots: setup chromium
	WORKBENCH_SCREENSHOTS=docs/screenshots $(PY) -m pytest -p no:cacheprovider tests/browser \
	  -k "side_by_side_highlighted or corpus_page"

bench: setup
	$(PY) benchmarks/validity.py
	$(PY) benchmarks/counterparts.py

model: setup
	$(VENV)/bin/workbench train seeds/framing_paragraphs seeds/framing_frac --label-column frame --out models/framing-mfc.skops --seed 0

# After `make model`, with ../shared/datasets: the card's SemEval evaluation, beside a
# temporary copy whose per-frame article thresholds are set on SemEval's tuning split (the
# shipped model never carries them: it is rebuilt from what the repository holds).
model-card: setup
	$(PY) benchmarks/framing.py --only default --only baselines --calibrate-articles --record-card
