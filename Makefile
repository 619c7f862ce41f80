# Set-up and everyday commands. `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: install run test bench eval-news eval-holdout eval-holdout-blind train-furniture train-quotes train-speakers first-names eval-dates eval-quotes eval-claims train-claims schema clean faults train-tagger train-entities eval-conll eval-entities

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: install
	$(VENV)/bin/extractor extract corpus/articles/ -o out/facts.jsonl --published 2024-06-12

# The browser tests drive Debian's chromium (never a downloaded browser): install it where it is
# missing and we may (root with apt-get, as on CI); elsewhere those tests skip with a warning.
test: install
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's chromium for the browser tests ..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
			|| echo "WARNING: could not install chromium; the browser tests will be skipped"; \
	fi
	$(PY) -m pytest -q

# Real news: every layer, languages and text extraction against corpus/news-gold.
eval-news: install
	$(VENV)/bin/extractor eval news $(SHARED)/news --gold corpus/news-gold

# Held-out real news: corpus/news-holdout (same guidelines). Its quote, speaker and date labels are
# out-of-sample evidence (no model learned from them); its entity and claim labels train the
# entity and claims models (see train-entities, train-claims), so those rows here are in sample.
eval-holdout: install
	$(VENV)/bin/extractor eval news $(SHARED)/news --gold corpus/news-holdout --only-gold

# The held-out pages whose quote and speaker errors nobody has looked at: the last 14 files by name
# (the first 15 were opened for error analysis; see corpus/news-holdout/README.md).
eval-holdout-blind: install
	@d=$$(mktemp -d) && ls corpus/news-holdout/*.json | sort | tail -n 14 | xargs -I{} cp {} $$d/ && \
	$(VENV)/bin/extractor eval news $(SHARED)/news --gold $$d --only-gold; rm -rf $$d

# Retrains models/quote_scorer.json (is a quote real, is it right: calibrated confidence) from PolNeAR train.
train-quotes: install
	$(PY) scripts/train_quotes.py --shared $(SHARED)

# Retrains models/speaker_model.json (which person or organization a "he"/"she"/"it" speaker is) from
# PolNeAR train's named sources with the name hidden, its real pronouns annotated in corpus/polnear-pronouns
# and the real-news gold's, each source's weight (hidden names 0 or 1) chosen on the real pronouns;
# prints the real-pronoun figures cross-fitted by article and by page (about 10 minutes).
train-speakers: install
	$(PY) scripts/train_speakers.py --shared $(SHARED) --gold corpus/news-gold

# Rebuilds models/first_names.json (first names that tell a "he"/"she" speaker's gender) from the
# name lists of Faker's person providers, a dev dependency; the same Faker version gives the same file.
first-names: install
	$(PY) scripts/build_first_names.py

# Retrains models/furniture_model.json (page furniture) from ../shared/news (deterministic).
train-furniture: install
	$(PY) scripts/train_furniture.py --shared $(SHARED)

eval-dates: install
	$(VENV)/bin/extractor eval timeml $(SHARED)/tempeval3

eval-quotes: install
	$(VENV)/bin/extractor eval polnear $(SHARED)/polnear --split dev

# Claims: the cross-validated figures (leave-one-debate-out MAP, cross-fitted news) without writing
# a model, and ClaimBuster's held-out test sentences. The training debates are in the shipped model,
# so `extractor eval checkthat` on them would be in-sample: run it on debates it has not seen. Last,
# the shipped model on the 120 PolNeAR articles annotated for claims and held out of training.
eval-claims: install
	$(PY) scripts/train_claims.py --shared $(SHARED)/claims --news $(SHARED)/news --gold corpus/news-gold corpus/news-holdout --polnear-claims corpus/polnear-claims/claims.json --polnear $(SHARED)/polnear --grid chosen --no-write
	$(VENV)/bin/extractor eval claimbuster $(SHARED)/claims/claimbuster/test.json
	$(PY) scripts/eval_polnear_claims.py --polnear $(SHARED)/polnear

# Retrains models/claims_model.json (deterministic): CheckThat! 2019+2020 training debates,
# ClaimBuster train.json, the real-news gold (news-gold and news-holdout) and 180 PolNeAR train articles
# annotated for claims (corpus/polnear-claims, batches 1-3; 4-5 are held out); prints the leave-one-debate-out figures.
train-claims: install
	$(PY) scripts/train_claims.py --shared $(SHARED)/claims --news $(SHARED)/news --gold corpus/news-gold corpus/news-holdout --polnear-claims corpus/polnear-claims/claims.json --polnear $(SHARED)/polnear --out models/claims_model.json

# Retrains models/entity_tagger.crfsuite (the CRF whose spans and labels the entity decision reads)
# from CoNLL-2003 train and the real-news gold (about 2 minutes, deterministic). The models that read
# its output follow, in order: train-entities, train-speakers, train-quotes, train-claims.
train-tagger: install
	$(PY) scripts/train_tagger.py --conll $(SHARED)/conll2003 --news $(SHARED)/news --gold corpus/news-gold corpus/news-holdout

# Retrains models/entity_model.json (the learned entity decision) from CoNLL-2003 train, the
# real-news gold (news-gold and news-holdout) and 60 PolNeAR articles annotated for entities
# (corpus/polnear-entities), settings chosen on CoNLL dev; prints the news figures cross-fitted by
# page and the PolNeAR ones out of fold by halves (deterministic).
train-entities: install
	$(PY) scripts/train_entities.py --conll $(SHARED)/conll2003 --news $(SHARED)/news --gold corpus/news-gold corpus/news-holdout --out models/entity_model.json

eval-conll: install
	$(VENV)/bin/extractor eval conll $(SHARED)/conll2003 --split dev

# Entities on 60 PolNeAR train articles annotated for entities (corpus/polnear-entities), scored like
# `eval news`, after CoNLL dev. The shipped model trains on them: this is in sample; `make
# train-entities` prints them out of fold (each half scored by a model fitted without it).
eval-entities: eval-conll
	$(PY) scripts/eval_polnear_entities.py --shared $(SHARED)

schema: install
	$(VENV)/bin/extractor schema > schema.json

clean:
	rm -rf $(VENV) out build *.egg-info

# Replays every reported fault end to end (scripts/faults.py, plus scripts/faults_batch.py when
# present) on inputs it builds itself; prints fault / tried / held and fails if any did not hold.
faults: install
	$(PY) scripts/faults.py

# The corpus database: load time and size per 1,000 articles, `who` on a 50,000-article database
# (PolNeAR dev records repeated with new ids; 3 to 8 minutes and 2 GB in a temporary folder).
bench: install
	$(PY) bench/bench.py
	$(PY) bench/db_bench.py --shared $(SHARED)
