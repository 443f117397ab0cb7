#!/usr/bin/env bash
# Rebuilds the web console: its typed GraphQL operations from graphql-schema/schema.graphql
# (web/src/gql) and its assets (web/dist). Both are committed, so that the README's first
# command serves the console on a machine without Node; scripts/test-console.sh fails when
# either differs from a fresh build. Run it after changing web/ or the schema, then commit.
set -euo pipefail
cd "$(dirname "$0")/../web"
npm ci --no-audit --no-fund --loglevel=error
npm run codegen
npm run build
