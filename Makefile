# callbot build and checks. The Dockerfile runs `make build` too, so the build
# flags below are the only copy.

# VERSION is stamped into the binary; override with `make build VERSION=v1.2.3`.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
BIN ?= bin/callbot
# staticcheck 2026.2.2; the 2025.1.x releases predate Go 1.26.
STATICCHECK_VERSION ?= v0.8.2
STATICCHECK ?= staticcheck
# A count of inputs rather than a duration: see .ci/run (golang/go#75804).
FUZZTIME ?= 3000x

.PHONY: build test lint fmt-check vet staticcheck tools fuzz ci clean

build:
	CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=$(VERSION)" -o $(BIN) ./cmd/callbot

# The README's test command; -race needs cgo and a C compiler.
test:
	go test -race ./...

lint: fmt-check vet staticcheck

fmt-check:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

vet:
	go vet ./...

staticcheck:
	$(STATICCHECK) ./...

# Installs the pinned staticcheck into $(go env GOPATH)/bin unless it is there.
tools:
	@$(STATICCHECK) -version 2>/dev/null | grep -qF "($(STATICCHECK_VERSION:v%=%))" || \
		go install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

# Runs every fuzz target for FUZZTIME in its own package: go test -fuzz takes
# one target in one package at a time. Only the packages whose tests declare
# a Fuzz function are listed: listing ./... built every package's tests once
# more, without -race, three minutes of a cold CI run.
fuzz:
	@set -e; \
	pkgs=$$(grep -rl --include='*_test.go' '^func Fuzz' . | xargs -r -n1 dirname | sort -u | sed 's|^|./|; s|^\./\./|./|'); \
	if [ -z "$$pkgs" ]; then echo "no fuzz targets"; exit 0; fi; \
	list=$$(go test -list '^Fuzz' $$pkgs) || { echo "$$list"; exit 1; }; \
	targets=$$(echo "$$list" | awk '/^Fuzz/ { n[++c] = $$1; next } /^ok/ { for (i = 1; i <= c; i++) print $$2 " " n[i]; c = 0 }'); \
	if [ -z "$$targets" ]; then echo "no fuzz targets"; exit 0; fi; \
	echo "$$targets" | while read -r pkg name; do \
		echo "--- fuzz $$name in $$pkg for $(FUZZTIME)"; \
		go test -run='^$$' -fuzz="^$$name$$" -fuzztime=$(FUZZTIME) "$$pkg"; \
	done

ci:
	bash .ci/run

clean:
	rm -rf bin
