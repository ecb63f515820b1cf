# Recipes mirror the README's commands; `just` is optional.

# Run the service on its embedded default (SQLite file under ./data, dev outbox).
run:
    cargo run

# The whole test suite (finds or starts PostgreSQL; see scripts/test).
test *args:
    scripts/test {{args}}

# Formatting and lints, as CI runs them.
lint:
    cargo fmt --all -- --check
    cargo clippy --workspace --all-targets -- -D warnings

# Every cargo-fuzz target for FUZZ_SECONDS each (default 30; nightly; see docs/FUZZING.md).
fuzz *targets:
    scripts/fuzz {{targets}}

# Apply migrations to the configured database and exit.
migrate:
    cargo run -- migrate
