#!/usr/bin/env bash
# The web console's checks and tests, run by scripts/test.sh after the Rust tests:
#   - the committed typed operations (web/src/gql) and built assets (web/dist) match a fresh
#     codegen and build (else: run scripts/build-console.sh and commit);
#   - ESLint, TypeScript, the unit tests (Vitest);
#   - the browser tests (Playwright on Debian's Chromium, installed with apt-get when missing;
#     no browser download), each against its own `ansinh demo` on a fresh SQLite database.
# Screenshots of the desk and of a dossier go to web/test-results/screenshots (not committed).
# Usage: scripts/test-console.sh <path to the ansinh binary>
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:?usage: scripts/test-console.sh <ansinh binary>}")

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
node_ok() { node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null; }
if ! node_ok; then
  echo "test-console: Node.js 20.19 or newer is needed (Vite 8); found $(node --version 2>/dev/null || echo none)" >&2
  exit 1
fi
if [ ! -x /usr/bin/chromium ]; then
  as_root apt-get install -y chromium >&2 || { as_root apt-get update >&2 && as_root apt-get install -y chromium >&2; }
fi

cd web
npm ci --no-audit --no-fund --loglevel=error
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cp -r src/gql "$scratch/gql-committed"
npm run -s codegen > "$scratch/codegen.log" 2>&1 || { cat "$scratch/codegen.log" >&2; exit 1; }
if ! diff -r "$scratch/gql-committed" src/gql > "$scratch/gql.diff"; then
  cat "$scratch/gql.diff" >&2
  echo "test-console: web/src/gql differs from graphql-schema/schema.graphql; run scripts/build-console.sh and commit" >&2
  exit 1
fi
npx eslint .
npx tsc -b --noEmit
npx vitest run
npx vite build --logLevel warn --outDir "$scratch/dist" --emptyOutDir
if ! diff -r dist "$scratch/dist" > "$scratch/dist.diff"; then
  head -20 "$scratch/dist.diff" >&2
  echo "test-console: web/dist is not the build of web/; run scripts/build-console.sh and commit" >&2
  exit 1
fi

rm -rf test-results
ANSINH_BIN="$binary" ANSINH_ARTIFACTS="$PWD/test-results/screenshots" npx playwright test
echo "test-console: screenshots in web/test-results/screenshots" >&2
