#!/usr/bin/env bash
# The peer benchmark: Ansinh beside PostGraphile 5.1.5 and raw SQL (pgbench) on the same million
# dossiers, the same application role and row-level security policy, the tenant set per request
# (tests/benches/peer.rs). Prints the README's peer table.
#
# Installs wrk (apt-get) and PostGraphile (npm ci from scripts/peer/ into a scratch folder under
# ~/.cache/ansinh/peer, never into the repository); builds Ansinh in release mode. About 15 min.
# ANSINH_BENCH_ROUNDS (default 2) and ANSINH_BENCH_DOSSIERS (default 1,000,000) adjust it.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ansinh/target}"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v wrk >/dev/null 2>&1; then
  as_root apt-get install -y wrk >&2 || { as_root apt-get update >&2 && as_root apt-get install -y wrk >&2; }
fi

peer="${ANSINH_BENCH_PEER_DIR:-$HOME/.cache/ansinh/peer}"
mkdir -p "$peer"
cp scripts/peer/package.json scripts/peer/package-lock.json scripts/peer/*.mjs "$peer/"
(cd "$peer" && npm ci --no-audit --no-fund --loglevel=error >&2)
export ANSINH_BENCH_PEER_DIR="$peer"

services=$(scripts/dev-services.sh)
eval "$(grep '^ANSINH_TEST_' <<<"$services" | sed 's/^/export /')"
cargo build --locked --release -q -p ansinh-server
cargo bench --locked -p ansinh-e2e --bench peer
