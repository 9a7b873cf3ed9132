# The booking factory, on one machine. The logic lives in deploy/local/*.sh; this file only names it.
#   make up      install what is missing, start and provision the stack, start every service
#   make test    make up, then the whole test suite (pytest; PYTEST_ARGS='-k ...' passes options)
#   make down    stop everything (state stays in .stack/)
#   make status  each component and service with its address; exits non-zero when one is down
#   make logs    follow every log
#   make mail    the last e-mails the stack sent (kept in .stack/mail/*.eml; MAIL_ARGS='show 1' prints the newest)
#   make docs    regenerate docs/ (AsyncAPI, event schemas) from libs/contracts
#   make openapi regenerate docs/openapi/<service>.json from each service's FastAPI app (tests/contracts fails when stale)
#   make demo    create the demo dossiers in Tryton, then the demo office, and print its logins
#   make venv    create/update .venv (every lib and service, editable, pinned by constraints.txt)
#   make bench-ingest  uploads/s of 1-page PDFs through ingest's HTTP API (BENCH_UPLOADS, BENCH_CONCURRENCY)
#   make eval    recognition accuracy per group and field on the real documents of ../shared/corpus-dev (EVAL_ARGS='--groups pdf_text')
#   make eval-generated  recognition accuracy on the generated corpus (EVAL_ARGS='--count 48')
#   make train-recognition  the recognition re-ranker trained on ../shared/corpus-dev, cross-validated by issuer (after make eval: its OCR cache; TRAIN_ARGS='--groups pdf_text')
#   make bench-recognition  documents/s per worker per source, OCR time per page against plain tesseract
#   make bench-sync  Tryton: seconds to create a dossier from the template, posting latency per invoice (BENCH_ARGS)
#   make eval-matching  bank statement lines matched right / wrong / left, on a generated year of CODA statements (3 demo dossiers)
#   make eval-enrichment  month by month, proposals whose accounts and VAT codes equal the final booking (synthetic year, 3 dossiers)
#   make bench-worklist  p50/p95 server time of worklist lists and annotation with 10,000 proposals (BENCH_PROPOSALS, BENCH_ROUNDS)
#   make bench-reporting  p50/p95 server time of the dashboard and each report, 10 years x 50,000 entries (BENCH_YEARS, BENCH_ENTRIES_PER_YEAR, BENCH_ROUNDS)
#   make replay-dlq TOPIC=document.received.dlq  republish a dead-letter topic's messages to their topic, each DLQ record once
#   make observability  regenerate deploy/k8s/observability (PrometheusRule, Grafana dashboard) from deploy/observability
#   make bench-pipeline  upload -> proposal p50/p95/p99, throughput, lost, duplicated, read as an integrator (BENCH_ARGS='--rate 8 --seconds 60 --backlog 0')
#   make chaos           load while broker, database, object store, Tryton and each service are killed -9 in turn; every document proposed once
#   make bench-day       a 50-dossier office's day (5,000 documents, 20% scans, bursts at 9:00 and 14:00) compressed (BENCH_ARGS='--documents 600 --minutes 5')
#   make scale SERVICE=recognition N=2  run N instances of a consumer service on the local stack (N=1: back to one)

SHELL := /bin/bash
LOCAL := deploy/local
PY := .venv/bin/python
export PYTEST_ARGS
# progress lines show the seconds since this make started
export BF_T0 := $(shell date +%s)

.DEFAULT_GOAL := help
.PHONY: help venv up down status logs mail test docs demo bench-ingest eval eval-generated train-recognition bench-recognition bench-sync eval-enrichment eval-matching bench-worklist bench-reporting

help:
	@sed -n 's/^#   make/  make/p' Makefile

venv:
	@bash $(LOCAL)/venv.sh

up:
	@bash $(LOCAL)/up.sh

down:
	@bash $(LOCAL)/down.sh

status:
	@bash $(LOCAL)/status.sh

logs:
	@bash $(LOCAL)/logs.sh

mail:
	@bash $(LOCAL)/mailsink.sh $(if $(MAIL_ARGS),$(MAIL_ARGS),list)

test: up
	@bash $(LOCAL)/test.sh

docs: venv
	@$(PY) -m contracts.subscribers
	@$(PY) -m contracts.docs

.PHONY: openapi
openapi:
	@$(PY) -m contracts.openapi

demo: up
	@set -a; . $(LOCAL)/stack.env; set +a; $(PY) -m sync_connector_bench.demo
	@$(PY) -m office_bench.demo

bench-ingest: up
	@set -a; . $(LOCAL)/stack.env; set +a; $(PY) -m ingest_bench.uploads

bench-worklist: up
	@set -a; . $(LOCAL)/stack.env; set +a; $(PY) -m worklist_bench.lists

bench-reporting: up
	@set -a; . $(LOCAL)/stack.env; set +a; $(PY) -m reporting_bench.reports

eval: venv
	@bash $(LOCAL)/tesseract.sh start
	@$(PY) services/recognition/bench/corpus_dev.py $(EVAL_ARGS)

eval-generated: venv
	@bash $(LOCAL)/tesseract.sh start
	@$(PY) -m recognition_bench.eval $(EVAL_ARGS)

train-recognition: venv
	@bash $(LOCAL)/tesseract.sh start
	@$(PY) services/recognition/bench/train.py $(TRAIN_ARGS)

bench-recognition: venv
	@bash $(LOCAL)/tesseract.sh start
	@$(PY) -m recognition_bench.bench $(BENCH_ARGS)

eval-enrichment: venv
	@$(PY) -m enrichment_bench.run --seeds 5 $(EVAL_ARGS)

bench-sync: up
	@set -a; . $(LOCAL)/stack.env; set +a; $(PY) -m sync_connector_bench.tryton_timings $(BENCH_ARGS)

.PHONY: bench-pipeline bench-day chaos scale
bench-pipeline: up
	@set -a; . $(LOCAL)/stack.env; set +a; $(PY) bench/pipeline.py $(BENCH_ARGS)

bench-day: up
	@set -a; . $(LOCAL)/stack.env; set +a; $(PY) bench/day.py $(BENCH_ARGS)

chaos: up
	@set -a; . $(LOCAL)/stack.env; set +a; $(PY) bench/chaos.py $(BENCH_ARGS)

scale:
	@bash $(LOCAL)/scale.sh $(SERVICE) $(N)

.PHONY: replay-dlq
replay-dlq:
	@set -a; . $(LOCAL)/stack.env; set +a; $(PY) -m runtime.admin replay-dlq $(TOPIC)

.PHONY: observability
observability:
	@$(PY) deploy/observability/generate.py k8s

eval-matching: venv
	@$(PY) -m sync_connector_bench.matching $(EVAL_ARGS)
