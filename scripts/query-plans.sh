#!/usr/bin/env bash
# The plans of the queue, count and listing queries at a million dossiers, written to
# docs/query-plans.md (tests/benches/plans.rs): PostgreSQL's auto_explain (ANALYZE, BUFFERS)
# on what a release `ansinh serve` runs. About 6 min; ANSINH_BENCH_DOSSIERS adjusts the size.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ansinh/target}"
services=$(scripts/dev-services.sh)
eval "$(grep '^ANSINH_TEST_' <<<"$services" | sed 's/^/export /')"
unset ANSINH_TEST_REDIS_URL
export ANSINH_BENCH_PLANS_OUT="$PWD/docs/query-plans.md"
mkdir -p docs
cargo build --locked --release -q -p ansinh-server
cargo bench --locked -p ansinh-e2e --bench plans
