#!/usr/bin/env bash
# Creates what Ansinh needs in a PostgreSQL server: a database, the role that owns its tables
# (runs migrations) and the role the application connects as (owns nothing, NOSUPERUSER,
# NOBYPASSRLS, so row-level security applies to every query), then prints the settings to
# export. Idempotent: existing roles get the given passwords, an existing database is kept.
#
# Usage:  eval "$(scripts/pg-setup.sh [database])"          # default database: ansinh
#
# The administrator connection comes from PG_ADMIN_URL, else from scripts/dev-services.sh
# (which installs and starts PostgreSQL when it is missing). Passwords come from
# ANSINH_OWNER_PASSWORD / ANSINH_APP_PASSWORD, or are generated (and printed in the URLs).
# Only the three ANSINH_DATABASE__* lines go to stdout; progress goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."

database="${1:-ansinh}"
owner="${ANSINH_OWNER_ROLE:-ansinh_owner}"
app="${ANSINH_APP_ROLE:-ansinh_app}"
for name in "$database" "$owner" "$app"; do
  [[ "$name" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "pg-setup: invalid name: $name" >&2; exit 1; }
done

admin_url="${PG_ADMIN_URL:-}"
if [[ -z "$admin_url" ]]; then
  admin_url="$(scripts/dev-services.sh | sed -n 's/^ANSINH_TEST_PG_ADMIN_URL=//p')"
fi
[[ -n "$admin_url" ]] || { echo "pg-setup: no administrator connection (set PG_ADMIN_URL)" >&2; exit 1; }

secret() { head -c 18 /dev/urandom | base64 | tr -d '/+=' ; }
owner_password="${ANSINH_OWNER_PASSWORD:-$(secret)}"
app_password="${ANSINH_APP_PASSWORD:-$(secret)}"

sql() { psql "$admin_url" -v ON_ERROR_STOP=1 -qAt "$@"; }

role() {
  local name=$1 password=$2 extra=$3
  if [[ "$(sql -c "SELECT 1 FROM pg_roles WHERE rolname = '$name'")" == 1 ]]; then
    echo "pg-setup: role $name exists; setting its password" >&2
    sql -c "ALTER ROLE $name LOGIN NOSUPERUSER $extra PASSWORD '$password'"
  else
    echo "pg-setup: creating role $name" >&2
    sql -c "CREATE ROLE $name LOGIN NOSUPERUSER $extra PASSWORD '$password'"
  fi
}
role "$owner" "$owner_password" ""
role "$app" "$app_password" "NOBYPASSRLS NOCREATEDB NOCREATEROLE"

if [[ "$(sql -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" == 1 ]]; then
  echo "pg-setup: database $database exists; keeping it" >&2
else
  echo "pg-setup: creating database $database owned by $owner" >&2
  sql -c "CREATE DATABASE $database OWNER $owner"
fi
sql -c "GRANT CONNECT ON DATABASE $database TO $app"

# host:port of the administrator URL, for the application's URLs.
hostport="${admin_url#*://}"
hostport="${hostport##*@}"
hostport="${hostport%%/*}"
printf 'export ANSINH_DATABASE__MIGRATION_URL=postgres://%s:%s@%s/%s\n' "$owner" "$owner_password" "$hostport" "$database"
printf 'export ANSINH_DATABASE__URL=postgres://%s:%s@%s/%s\n' "$app" "$app_password" "$hostport" "$database"
printf 'export ANSINH_DATABASE__APP_ROLE=%s\n' "$app"
