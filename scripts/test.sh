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
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
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
# Tests that only mean something on PostgreSQL or Redis are #[ignore]d here (counted as such).
env -u ANSINH_TEST_PG_ADMIN_URL -u ANSINH_TEST_REDIS_URL -u ANSINH_TEST_S3_URL \
  cargo test --locked --workspace --lib --bins --tests 2>&1 | tee "$logs/sqlite"

step "differential tests: lunar-vn and holidays (PyPI)"
tests/differential/run.sh "$CARGO_TARGET_DIR/debug/ansinh" 2>&1 | tee "$logs/differential"

step "web console: typed operations, build, lint, unit tests, browser tests (Chromium)"
scripts/test-console.sh "$CARGO_TARGET_DIR/debug/ansinh"

step "tests on PostgreSQL + Redis"
# Databases of earlier runs (one per test) are dropped first. Only the packages whose tests
# touch the database or Redis run again, now with the PostgreSQL-only tests included.
psql "$ANSINH_TEST_PG_ADMIN_URL" -Atqc \
  "SELECT datname FROM pg_database WHERE datname LIKE 'ansinh\_t\_%'" |
  while read -r db; do psql "$ANSINH_TEST_PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS $db" >/dev/null; done
cargo test --locked -p ansinh-e2e -p ansinh-infra --lib --bins --tests -- --include-ignored 2>&1 |
  tee "$logs/postgres"

step "all checks and tests passed"
# Distinct tests per backend: `<test binary>::<test name>` of every test that ran.
ran() {
  awk '/^ *Running / { bin = $NF; gsub(/[()]/, "", bin); n = split(bin, part, "/");
                       bin = part[n]; sub(/-[0-9a-f]+$/, "", bin) }
       /^test .* \.\.\. (ok|FAILED)$/ { print bin "::" $2 }' "$1" | sort -u
}
ran "$logs/sqlite" > "$logs/sqlite.ran"
ran "$logs/postgres" > "$logs/postgres.ran"
both=$(comm -12 "$logs/sqlite.ran" "$logs/postgres.ran" | wc -l)
sqlite_only=$(comm -23 "$logs/sqlite.ran" "$logs/postgres.ran" | wc -l)
postgres_only=$(comm -13 "$logs/sqlite.ran" "$logs/postgres.ran" | wc -l)
failed=$(cat "$logs/sqlite" "$logs/postgres" | grep -c ' \.\.\. FAILED$' || true)
differential=$(sed -n 's/^differential: \([0-9]*\) passed.*/\1/p' "$logs/differential")
printf 'total: %d distinct tests (%d backend-independent, run on SQLite; %d on SQLite and on PostgreSQL + Redis; %d on PostgreSQL + Redis only), %s differential checks, %d failed\n' \
  "$((both + sqlite_only + postgres_only))" "$sqlite_only" "$both" "$postgres_only" "${differential:-0}" "$failed"
