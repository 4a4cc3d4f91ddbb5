# Paved — the two commands: `make run` and `make test`.
SWIFT ?= swift
OUT ?= out
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test build setup bench schemas bindings modules clean

# Installs what is missing (libgit2 and pkg-config, from the system's packages).
setup:
	@if ! pkg-config --exists libgit2 2>/dev/null; then \
		echo "Installing libgit2-dev and pkg-config…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libgit2-dev pkg-config; \
	fi

build: setup
	$(SWIFT) build --product paved
	$(SWIFT) build --product acme-platform

# Synthesizes the embedded example platform (Examples/AcmeData) into ./out (validated against the
# provider schemas and gated by the policy packs), then checks the written files as CI would.
run: build
	.build/debug/acme-platform synth --out $(OUT)
	.build/debug/paved validate $(OUT)
	.build/debug/paved check $(OUT)

# Builds everything (failing on any warning in our own code) and runs every test.
test: setup
	$(SWIFT) build --build-tests 2>&1 | tee .build-warnings.log
	@! grep -E '/(Sources|Tests|Examples|Benchmarks)/[^ ]*: warning:' .build-warnings.log || \
		(echo "error: warnings in Paved's own code (above)"; exit 1)
	$(SWIFT) test --skip-build

# Benchmarks, release build: synthesis (and, with their issues, policy and scaffolding) by size.
bench: setup
	$(SWIFT) build -c release --product paved-bench
	$(SWIFT) build -c release --product scaffold-bench
	.build/release/paved-bench
	.build/release/scaffold-bench

# Regenerates the bundled, trimmed provider schemas from ../shared/schemas.
schemas: setup
	$(SWIFT) build --product paved
	.build/debug/paved schemas trim --from ../shared/schemas --out Sources/PavedTerraform/Schema/BundledSchemas+Generated.swift

# Regenerates the typed bindings Paved's constructs use (one per type in BundledSchemaTypes.swift).
# After editing the types list: `make schemas bindings`. A test fails while they drift.
bindings: setup
	$(SWIFT) build --product paved  # again: `make schemas bindings` must generate from the new bundle
	.build/debug/paved bindings generate --all --out Sources/Paved/Bindings/Generated

# Regenerates modules/: the main constructs as Terraform modules for plain-Terraform teams
# (`paved modules export`). A test fails while they drift.
modules: setup
	$(SWIFT) build --product paved
	.build/debug/paved modules export --out modules

clean:
	rm -rf .build $(OUT) .build-warnings.log
