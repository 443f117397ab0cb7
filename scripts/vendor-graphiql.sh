#!/usr/bin/env bash
# Vendor a self-contained GraphiQL build (plus React 18 UMD) into
# services/server/assets/graphiql/ so the GraphiQL page works offline,
# without any CDN at run time and without a bundler.
#
# Only `npm pack` is used (no node_modules, no install scripts): the published
# tarballs are fetched from the npm registry (npm verifies their integrity),
# and the needed files are copied verbatim (byte-identical to the release).
#
# Version choice (checked with `npm pack`):
#   * graphiql 3.9.0 is the last 3.x release and the first whose
#     graphiql.min.js is really minified (~1 MB UMD, globals React/ReactDOM,
#     graphql-js and fonts bundled/inlined). graphiql 3.0.0-3.8.3 ship a
#     ~3.1-3.5 MB unminified *development* webpack build as "graphiql.min.js"
#     (graphql/graphiql#3626); 5.x has no UMD build at all.
#   * graphiql 3.x supports react ^16.8 || ^17 || ^18; react 19 has no UMD
#     builds, so react/react-dom 18.3.1 (last 18.x, umd/*.production.min.js).
#
# Usage: scripts/vendor-graphiql.sh   (override with GRAPHIQL_VERSION=..., REACT_VERSION=...)
# The hand-written index.html in the target directory is left untouched.
set -euo pipefail

GRAPHIQL_VERSION="${GRAPHIQL_VERSION:-3.9.0}"
REACT_VERSION="${REACT_VERSION:-18.3.1}"
MAX_TOTAL_BYTES=$((3 * 1024 * 1024))

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$repo_root/services/server/assets/graphiql"

log() { printf 'vendor-graphiql: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

for tool in npm node tar sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is required but not installed"
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# fetch <name> <version>: npm pack the release and unpack it to $work/<name>/
fetch() {
  local name="$1" version="$2" tgz
  log "fetching $name@$version"
  tgz="$(cd "$work" && npm pack --silent --ignore-scripts "$name@$version" | tail -n 1)"
  [[ -f "$work/$tgz" ]] || die "npm pack $name@$version produced no tarball"
  mkdir -p "$work/$name"
  tar -xzf "$work/$tgz" -C "$work/$name" --strip-components=1
  local got
  got="$(node -p "require('$work/$name/package.json').version")"
  [[ "$got" == "$version" ]] || die "$name: expected version $version, got $got"
}

fetch graphiql "$GRAPHIQL_VERSION"
fetch react "$REACT_VERSION"
fetch react-dom "$REACT_VERSION"

# Files to vendor: "<target name>|<package>|<path inside package>"
files=(
  "graphiql.min.js|graphiql|graphiql.min.js"
  "graphiql.min.css|graphiql|graphiql.min.css"
  "react.production.min.js|react|umd/react.production.min.js"
  "react-dom.production.min.js|react-dom|umd/react-dom.production.min.js"
)

total=0
for entry in "${files[@]}"; do
  IFS='|' read -r target pkg src <<<"$entry"
  [[ -f "$work/$pkg/$src" ]] || die "$pkg does not contain $src (no UMD build in this version?)"
  total=$((total + $(stat -c %s "$work/$pkg/$src")))
done

# Guard against the unminified development builds of graphiql 3.0-3.8.
if grep -q 'webpackBootstrap\|react-jsx-runtime\.development' "$work/graphiql/graphiql.min.js"; then
  die "graphiql@$GRAPHIQL_VERSION graphiql.min.js is an unminified development build; use 3.9.0"
fi
((total < MAX_TOTAL_BYTES)) || die "vendored files total $total bytes (limit $MAX_TOTAL_BYTES)"

mkdir -p "$dest"
licenses="$work/LICENSES.txt"
{
  echo "Third-party files vendored by scripts/vendor-graphiql.sh from the npm registry."
  echo "Files are copied unmodified from the published package tarballs."
  echo
  printf '%-30s %-22s %-36s %-8s %s\n' "file" "package@version" "path in package" "licence" "sha256"
} >"$licenses"

for entry in "${files[@]}"; do
  IFS='|' read -r target pkg src <<<"$entry"
  install -m 0644 "$work/$pkg/$src" "$dest/$target"
  version="$(node -p "require('$work/$pkg/package.json').version")"
  license="$(node -p "require('$work/$pkg/package.json').license")"
  sum="$(sha256sum "$dest/$target" | cut -d' ' -f1)"
  printf '%-30s %-22s %-36s %-8s %s\n' "$target" "$pkg@$version" "$src" "$license" "$sum" >>"$licenses"
  log "installed $target ($(stat -c %s "$dest/$target") bytes) from $pkg@$version/$src"
done

{
  echo
  echo "graphiql.min.js also bundles graphiql's own npm dependencies (e.g. @graphiql/react,"
  echo "graphql, codemirror 5, markdown-it); the minified file keeps only some of their"
  echo "notices - see the dependency tree of graphiql@$GRAPHIQL_VERSION for their licences."
  for pkg in graphiql react react-dom; do
    echo
    echo "----- LICENSE of $pkg@$(node -p "require('$work/$pkg/package.json').version") -----"
    cat "$work/$pkg/LICENSE"
  done
} >>"$licenses"
install -m 0644 "$licenses" "$dest/LICENSES.txt"

log "done: $total bytes of vendored assets in ${dest#"$repo_root"/}"
