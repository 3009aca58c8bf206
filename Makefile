# claimex — see README.md.
GO      ?= go
TAGS    := sqlite_fts5
BIN     := bin/claimex
DB      ?= claimex.db
SEEDS   := testdata/seeds

.PHONY: build build-beam run test test-beam bench bench-clean screenshots lint fuzz stress quality clean

build:
	$(GO) build -tags $(TAGS) -o $(BIN) ./cmd/claimex

# Ingest the sample articles and show what was found.
run: build
	@$(BIN) ingest --db $(DB) $(SEEDS)
	@echo
	@$(BIN) documents --db $(DB)
	@echo
	@$(BIN) claims --db $(DB) --kind count

test: lint
	$(GO) test -tags $(TAGS) -race -count=1 -timeout 60m ./...

# The Beam pipeline (beam/, a module of its own: the CLI does not carry
# Beam's dependencies): its tests, which run it on Prism, with every vet
# check (-vet=all: vet reads the race build, where a separate go vet
# would compile Beam's dependencies a second time, half of a cold run).
BEAM_BIN := bin/claimex-beam
test-beam:
	@out=$$(cd beam && gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	cd beam && $(GO) test -tags $(TAGS) -race -vet=all -count=1 -timeout 60m ./...

build-beam:
	cd beam && $(GO) build -tags $(TAGS) -o $(CURDIR)/$(BEAM_BIN) ./cmd/claimex-beam

# Per-stage benchmarks (clean, extract, store write) with allocations,
# then end-to-end throughput on BENCH_N AEB-derived pages against a naive
# pipeline (bench/throughput; BENCH_CORPUS points at another AEB-style
# folder of html/*.html.gz), then BENCH_SCALE_N of those pages as four web
# archives: claimex ingest of them beside ingest of the files, and the Beam
# pipeline on Prism over them with claimex import of its shards.
BENCH_N       ?= 1000,10000
BENCH_SCALE_N ?= 2000
bench: build build-beam
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem ./...
	@test -d $(BENCH_AEB)/html || { echo "bench: no AEB pages in $(BENCH_AEB); set BENCH_AEB=DIR"; exit 1; }
	cd bench && $(GO) run ./throughput -claimex $(CURDIR)/$(BIN) -aeb $(BENCH_AEB) -n $(BENCH_N) \
		-beam $(CURDIR)/$(BEAM_BIN) -scale-n $(BENCH_SCALE_N)

# Article-text extraction on the AEB pages and on Mozilla Readability's
# test pages: claimex against go-trafilatura (fallback off and on) and
# go-readability, F1 and pages per second of processor time on one core,
# measured in one run. Per-page differences between claimex and the best
# other extractor go to BENCH_DIFF (<set>.tsv, <set>.jsonl). The
# comparison lives in bench/, its own module, so the product does not
# carry the other extractors.
BENCH_AEB         ?= $(abspath ../shared/bench/aeb)
BENCH_READABILITY ?= $(abspath ../shared/dev/readability)
BENCH_DIFF        ?= $(CURDIR)/bin/bench-clean
ROUNDS            ?= 3
bench-clean:
	@test -f $(BENCH_AEB)/ground-truth.json || { echo "bench-clean: no AEB pages in $(BENCH_AEB); set BENCH_AEB=DIR"; exit 1; }
	@test -d $(BENCH_READABILITY)/pages || { echo "bench-clean: no Readability pages in $(BENCH_READABILITY); set BENCH_READABILITY=DIR"; exit 1; }
	cd bench && $(GO) run ./cleanbench -rounds $(ROUNDS) -aeb $(BENCH_AEB) -readability $(BENCH_READABILITY) -diff $(BENCH_DIFF)

# Screenshots of the review UI for the README, taken by its browser tests
# (needs Chromium: apt-get install chromium): the queue, a document and the
# conflicts at 1400 px, and every desk page at 390 px (a phone) and 1366 px
# (a laptop), named PAGE-WIDTH.png.
screenshots:
	mkdir -p docs
	$(GO) test -tags $(TAGS) -count=1 -run '^TestBrowser(Queue|HostileArticle|Widths|Events)$$' ./review -screenshots $(CURDIR)/docs

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet -tags $(TAGS) ./...

# Run each fuzz target for FUZZTIME (default 60s), then keep the inputs
# the fuzzer found interesting in the package's testdata/fuzz, where
# `go test` replays them. Commit them.
FUZZTIME    ?= 60s
FUZZTARGETS := extract:FuzzParseNumber extract:FuzzExtract extract:FuzzLanguage extract:FuzzDecodeAnalysis \
	extract:FuzzFastModel extract:FuzzDecodeTagger fetch:FuzzCleanHTML fetch:FuzzFilterLines fetch:FuzzDecode rules:FuzzParse \
	export:FuzzCSVRoundTrip export:FuzzNormalizePublished review:FuzzClipClaim store:FuzzCleanReviewerName store:FuzzParseParams \
	corpus:FuzzReadWARC shard:FuzzReader events:FuzzTextDates extract:FuzzFastTagger extract:FuzzParseFastTagger \
	extract:FuzzFirstApostrophe rules:FuzzNeeds
fuzz:
	@cache=$$($(GO) env GOCACHE)/fuzz/$$($(GO) list -m); \
	for t in $(FUZZTARGETS); do pkg=$${t%%:*}; fn=$${t#*:}; \
		$(GO) test -tags $(TAGS) -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) ./$$pkg || exit 1; \
		mkdir -p $$pkg/testdata/fuzz/$$fn; \
		cp -n $$cache/$$pkg/$$fn/* $$pkg/testdata/fuzz/$$fn/ 2>/dev/null; \
		echo "$$fn: $$(ls $$pkg/testdata/fuzz/$$fn | wc -l) inputs kept in $$pkg/testdata/fuzz/$$fn"; \
	done

clean:
	rm -rf bin

# Kill -9 during ingest and extract, concurrent ingests, serve while
# extracting, 16 reviewers under load: trials and failures
# (internal/stress); then two reviewers in two browsers, 200 decisions on
# the samples and every AEB page (CI takes the first 12 pages).
STRESS_ARGS ?=
stress: build
	$(GO) run -tags $(TAGS) ./internal/stress -claimex $(BIN) -seeds $(SEEDS) $(STRESS_ARGS)
	$(GO) test -tags $(TAGS) -count=1 -v -run '^TestBrowserTwoReviewers$$' ./review -desk-aeb

# Every development scorer in one table: the samples and re3d
# (../shared/eval/score: counts, entities, clusters), the number
# suites of ../shared/dev/numbers and the name-variant sets of
# ../shared/dev/names (internal/quality). QUALITY_BIN measures
# another build, e.g. the commit before a change.
SHARED      ?= $(abspath ../shared)
QUALITY_BIN ?= $(BIN)
quality: build
	$(GO) run -tags $(TAGS) ./internal/quality -claimex $(QUALITY_BIN) -shared $(SHARED) -seeds $(SEEDS)
