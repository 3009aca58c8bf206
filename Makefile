# claimex — see README.md.
GO      ?= go
TAGS    := sqlite_fts5
BIN     := bin/claimex
DB      ?= claimex.db
SEEDS   := testdata/seeds

.PHONY: build run test bench bench-clean screenshots lint fuzz stress quality clean

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
	$(GO) test -tags $(TAGS) -race -count=1 ./...

# Per-stage benchmarks (clean, extract, store write) with allocations,
# then end-to-end throughput on BENCH_N AEB-derived pages against a naive
# pipeline (bench/throughput; BENCH_CORPUS points at another AEB-style
# folder of html/*.html.gz).
BENCH_N ?= 1000,10000
bench: build
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem ./...
	@test -d $(BENCH_AEB)/html || { echo "bench: no AEB pages in $(BENCH_AEB); set BENCH_AEB=DIR"; exit 1; }
	cd bench && $(GO) run ./throughput -claimex $(CURDIR)/$(BIN) -aeb $(BENCH_AEB) -n $(BENCH_N)

# Article-text extraction on the AEB pages: claimex against go-trafilatura
# and go-readability, F1 and pages/s on one core, measured in one run.
# The comparison lives in bench/, its own module, so the product does not
# carry the other extractors.
BENCH_AEB ?= $(abspath ../shared/bench/aeb)
ROUNDS    ?= 3
bench-clean:
	@test -f $(BENCH_AEB)/ground-truth.json || { echo "bench-clean: no AEB pages in $(BENCH_AEB); set BENCH_AEB=DIR"; exit 1; }
	cd bench && $(GO) run ./cleanbench -rounds $(ROUNDS) -aeb $(BENCH_AEB)

# Screenshots of the review UI for the README, taken by its browser tests
# (needs Chromium: apt-get install chromium).
screenshots:
	$(GO) test -tags $(TAGS) -count=1 -run Browser ./review -screenshots $(CURDIR)/docs

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet -tags $(TAGS) ./...

# Run each fuzz target for FUZZTIME (default 60s), then keep the inputs
# the fuzzer found interesting in the package's testdata/fuzz, where
# `go test` replays them. Commit them.
FUZZTIME    ?= 60s
FUZZTARGETS := extract:FuzzParseNumber extract:FuzzExtract extract:FuzzLanguage extract:FuzzDecodeAnalysis \
	extract:FuzzFastModel fetch:FuzzCleanHTML fetch:FuzzFilterLines fetch:FuzzDecode rules:FuzzParse \
	export:FuzzCSVRoundTrip export:FuzzNormalizePublished events:FuzzTextDates
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
# extracting: trials and failures (internal/stress).
STRESS_ARGS ?=
stress: build
	$(GO) run -tags $(TAGS) ./internal/stress -claimex $(BIN) -seeds $(SEEDS) $(STRESS_ARGS)

# Every development scorer in one table: the samples and re3d
# (../shared/eval/score: counts, entities, clusters), the number
# suites of ../shared/dev/numbers and the name-variant sets of
# ../shared/dev/names (internal/quality). QUALITY_BIN measures
# another build, e.g. the commit before a change.
SHARED      ?= $(abspath ../shared)
QUALITY_BIN ?= $(BIN)
quality: build
	$(GO) run -tags $(TAGS) ./internal/quality -claimex $(QUALITY_BIN) -shared $(SHARED) -seeds $(SEEDS)
