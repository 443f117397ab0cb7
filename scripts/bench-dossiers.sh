#!/usr/bin/env bash
# The dossier benchmark: a million dossiers on PostgreSQL, p50 / p99 of a queue page, a dossier
# detail and a forward transition through GraphQL (tests/benches/dossiers.rs). Release build.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ansinh/target}"
services=$(scripts/dev-services.sh)
eval "$(grep '^ANSINH_TEST_' <<<"$services" | sed 's/^/export /')"
unset ANSINH_TEST_REDIS_URL
cargo bench --locked -p ansinh-e2e --bench dossiers
