# crosscheck — build, test, benchmark, fuzz. Needs only Go (1.26+).
GO ?= go
PKGS := ./...

.PHONY: build test bench fuzz vet fmt browser

build:
	$(GO) build -o bin/crosscheck ./cmd/crosscheck

vet:
	$(GO) vet $(PKGS)
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); if [ -n "$$out" ]; then echo "gofmt needed: $$out"; exit 1; fi

test: vet browser
	$(GO) test -race -count=1 $(PKGS)

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

bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

# A short run of every fuzz target (FUZZTIME each).
FUZZTIME ?= 10s
fuzz:
	@for pkg in $$($(GO) list $(PKGS)); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "fuzz $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done
