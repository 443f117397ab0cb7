#!/usr/bin/env bash
# The one test command: every check, then the whole test suite on SQLite (the embedded
# default) and again on PostgreSQL with row-level security (+ Redis), from one build.
#
# Installs and starts PostgreSQL and Redis when they are not running (scripts/dev-services.sh).
# Set CARGO_TARGET_DIR to reuse a build elsewhere; by default builds go to ~/.cache/ansinh.
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ansinh/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export RUST_BACKTRACE=0
started=$(date +%s)
results=$(mktemp)
trap 'rm -f "$results"' EXIT
step() { printf '\n== %s (%ss)\n' "$*" "$(($(date +%s) - started))" >&2; }

step "services: PostgreSQL and Redis"
services=$(scripts/dev-services.sh)
eval "$(grep '^ANSINH_TEST_' <<<"$services" | sed 's/^/export /')"

step "format"
cargo fmt --all -- --check

step "lint (clippy -D warnings)"
cargo clippy --locked --workspace --all-targets -- -D warnings

step "dependency arrows"
scripts/check-arrows.sh

step "configuration check (config-tenants/)"
cargo run --locked -q -p ansinh-server -- config check config-tenants

step "tests on SQLite"
env -u ANSINH_TEST_PG_ADMIN_URL -u ANSINH_TEST_REDIS_URL cargo test --locked --workspace --lib --bins --tests 2>&1 | tee -a "$results"

step "differential tests: lunar-vn and holidays (PyPI)"
tests/differential/run.sh "$CARGO_TARGET_DIR/debug/ansinh" 2>&1 | tee -a "$results"

step "tests on PostgreSQL + Redis"
# Databases of earlier runs (one per test) are dropped first.
psql "$ANSINH_TEST_PG_ADMIN_URL" -Atqc \
  "SELECT datname FROM pg_database WHERE datname LIKE 'ansinh\_t\_%'" |
  while read -r db; do psql "$ANSINH_TEST_PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS $db" >/dev/null; done
cargo test --locked --workspace --lib --bins --tests 2>&1 | tee -a "$results"

step "all checks and tests passed"
awk '/^test result:/ { passed += $4; failed += $6 }
     /^differential: [0-9]+ passed, [0-9]+ failed/ { passed += $2; failed += $4 }
     END { printf "total: %d passed, %d failed\n", passed, failed }' "$results"
