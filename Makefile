# crosscheck — build, test, benchmark, fuzz. Needs only Go (1.26+).
GO ?= go
PKGS := ./...

.PHONY: build test bench fuzz scale stress stress-short vet man completions browser test-postgres

build:
	$(GO) build -o bin/crosscheck ./cmd/crosscheck

vet:
	$(GO) vet $(PKGS)
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed: $$out"; exit 1; fi

test: vet browser
	$(GO) test -race -count=1 $(PKGS)
	$(MAKE) stress-short
	$(MAKE) test-postgres

# The PostgreSQL index tests (compare/index/postgres) against a throwaway cluster:
# installs Debian's postgresql when absent and root is available, starts a cluster
# with initdb/pg_ctl in a temporary folder on a Unix socket (a few seconds), runs
# the tests with CROSSCHECK_POSTGRES_DSN set, stops it. Where it cannot, they skip.
test-postgres:
	GO=$(GO) bash .ci/postgres-test

# The HTML report's browser test (cmd/crosscheck TestHTMLReportInBrowser) drives
# Debian's chromium through chromedriver. Install them once when absent; where that
# cannot be done (not root, no apt-get, no network) the test skips and says why.
browser:
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing chromium and chromium-driver for the browser test (once; takes a minute)"; \
	  { DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver; } >/dev/null 2>&1 \
	  || echo "could not install chromium and chromium-driver: the browser test will skip"; \
	else echo "chromium or chromedriver missing and not installable here (needs root and apt-get): the browser test will skip"; fi

# Benchmarks, on one core by default: throughput in MB/s (b.SetBytes).
# Those that read ../shared/corpora skip when it is not there.
BENCHCPU ?= 1
bench:
	$(GO) test -run '^$$' -bench . -benchmem -cpu $(BENCHCPU) $(PKGS)

# A short run of every fuzz target (FUZZTIME each); packages without one are passed over.
FUZZTIME ?= 10s
fuzz:
	@for pkg in $$($(GO) list $(PKGS)); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "fuzz $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

# Bad input at scale: a 200 MB file, 10,000 files, one 50 MB line, 50 MB of
# unclosed HTML tags, a 1 GB file. Generated in a temporary folder (about
# 300 MB of disk, a minute); peak memory and time are logged.
scale:
	CROSSCHECK_SCALE=1 $(GO) test -count=1 -run '^TestScale' -v ./cmd/crosscheck

# Every attack of issue 10 (hostile and huge inputs: memory blow-ups, overwritten
# inputs, injection through names, path escapes, hangs, signals, globs, symlinks) as a
# whole process under a memory watchdog and a time limit; fails on any breach and
# prints a table of input size, time and peak memory. Full sizes take a few minutes
# and about 200 MB of temporary files; `make test` runs the short mode (inputs a
# fifth as large).
stress:
	CROSSCHECK_STRESS=1 $(GO) test -count=1 -timeout 10m -run '^TestStress$$' -v ./cmd/crosscheck

stress-short:
	CROSSCHECK_STRESS=short $(GO) test -count=1 -timeout 5m -run '^TestStress$$' ./cmd/crosscheck

# Man pages for every command (cobra/doc, run from a test so the generator
# stays out of the binary), and shell completion scripts.
man:
	$(GO) test -count=1 -run '^TestManPages$$' ./cmd/crosscheck -args -man-dir=$(CURDIR)/man

completions:
	mkdir -p completions
	for sh in bash zsh fish powershell; do $(GO) run ./cmd/crosscheck completion $$sh > completions/crosscheck.$$sh; done
