#!/usr/bin/env bash
# Fails when a crate reaches a dependency DESIGN.md forbids it (the direction of the arrows):
# the pure core and the configuration model reach no runtime, database or web crate; the app
# layer reaches no database, web or object-store crate; the GraphQL crate reaches no database,
# HTTP server or object store.
set -euo pipefail
cd "$(dirname "$0")/.."

forbid() {
  local crate=$1
  shift
  local deps
  deps=$(cargo tree --locked -p "$crate" -e normal,build --prefix none --format '{p}' | awk '{print $1}' | sort -u)
  local bad=0
  for forbidden in "$@"; do
    if grep -qx "$forbidden" <<<"$deps"; then
      echo "forbidden dependency: $crate reaches $forbidden" >&2
      cargo tree --locked -p "$crate" -e normal,build -i "$forbidden" >&2 || true
      bad=1
    fi
  done
  return $bad
}

status=0
forbid ansinh-core tokio sea-orm sqlx async-graphql poem redis object_store reqwest || status=1
forbid ansinh-config tokio sea-orm sqlx async-graphql poem redis object_store reqwest || status=1
forbid ansinh-app sea-orm sqlx async-graphql poem redis object_store reqwest krilla minijinja || status=1
forbid ansinh-graphql sea-orm sqlx poem object_store reqwest krilla minijinja || status=1
forbid ansinh-documents tokio sea-orm sqlx async-graphql poem redis object_store || status=1
forbid ansinh-store poem async-graphql object_store || status=1
forbid ansinh-jobs sea-orm sqlx poem async-graphql object_store || status=1
[ "$status" -eq 0 ] && echo "dependency arrows: ok" >&2
exit "$status"
