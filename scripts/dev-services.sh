#!/usr/bin/env bash
# Make sure PostgreSQL, Redis and an S3-protocol test server (PyPI moto[server])
# are installed and running on this Debian machine (no systemd needed), then
# print the URLs the test harness should use.
#
# Idempotent: when both services already answer, this only checks them (and loads
# pg_stat_statements into PostgreSQL once, for the statement-count tests).
# It also installs the tests' independent verifiers: poppler's pdftotext (apt) and
# pyHanko (PyPI, in a venv) for the PAdES signatures, and aiosmtpd (PyPI) for mail tests.
# Progress goes to stderr; stdout carries exactly five machine-parsable lines:
#
#   ANSINH_TEST_PG_ADMIN_URL=postgres://postgres[:postgres]@127.0.0.1:5432/postgres
#   ANSINH_TEST_REDIS_URL=redis://127.0.0.1:6379
#   ANSINH_TEST_S3_URL=http://127.0.0.1:5055
#   ANSINH_TEST_PYHANKO=<venv>/bin/python (with pyHanko installed)
#   ANSINH_TEST_SMTP_PYTHON=<venv>/bin/python (with aiosmtpd installed)
#
# Usage:  eval "$(scripts/dev-services.sh | grep '^ANSINH_')"
#
# Installing packages, starting the cluster and setting the postgres password
# need root (or sudo).
set -euo pipefail

PG_HOST=127.0.0.1
PG_PORT=5432
REDIS_HOST=127.0.0.1
REDIS_PORT=6379
WAIT_SECONDS="${DEV_SERVICES_WAIT_SECONDS:-30}"
REDIS_LOG=/tmp/ansinh-dev-redis.log
S3_HOST=127.0.0.1
S3_PORT="${ANSINH_S3_PORT:-5055}"
S3_LOG=/tmp/ansinh-dev-moto.log
MOTO_VENV="${ANSINH_MOTO_VENV:-$HOME/.cache/ansinh/moto-venv}"
MOTO_PIN="moto[server]==5.2.5"
ORACLES_VENV="${ANSINH_ORACLES_VENV:-$HOME/.cache/ansinh/oracles-venv}"
PYHANKO_PIN="pyHanko==0.38.0"
SMTP_VENV="${ANSINH_SMTP_VENV:-$HOME/.cache/ansinh/smtp-venv}"
SMTP_PIN="aiosmtpd==1.4.6"

export DEBIAN_FRONTEND=noninteractive

log() { printf 'dev-services: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Run a command as root (directly, or through sudo when not root).
as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -- "$@"
  else
    die "need root (or sudo) to run: $*"
  fi
}

# Run a command as the postgres OS user, from a directory it can read.
as_postgres() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && sudo -u postgres -- "$@")
  fi
}

apt_updated=false
apt_install() {
  if ! $apt_updated; then
    log "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
    apt_updated=true
  fi
  log "apt-get install -y $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2
}

# ---------------------------------------------------------------- PostgreSQL

pg_ready() {
  command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h "$PG_HOST" -p "$PG_PORT"
}

pg_installed() {
  command -v pg_isready >/dev/null 2>&1 &&
    command -v pg_ctlcluster >/dev/null 2>&1 &&
    compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null
}

# Version of the "main" cluster to start: the one configured on $PG_PORT, else
# the newest in /etc/postgresql; creates one for the newest server if none.
pg_cluster_version() {
  local ver
  ver="$(pg_lsclusters -h 2>/dev/null | awk -v p="$PG_PORT" '$2 == "main" && $3 == p { print $1 }' | sort -V | tail -n 1)"
  if [[ -z "$ver" && -d /etc/postgresql ]]; then
    ver="$(find /etc/postgresql -mindepth 2 -maxdepth 2 -name main -type d -printf '%h\n' 2>/dev/null |
      xargs -r -n 1 basename | sort -V | tail -n 1)"
  fi
  if [[ -z "$ver" ]]; then
    ver="$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/postgres' -printf '%h\n' 2>/dev/null |
      xargs -r -n 1 dirname | xargs -r -n 1 basename | sort -V | tail -n 1)"
    [[ -n "$ver" ]] || die "no PostgreSQL server binaries found under /usr/lib/postgresql"
    log "no PostgreSQL cluster found; creating cluster $ver/main on port $PG_PORT"
    as_root pg_createcluster --port "$PG_PORT" "$ver" main >&2
  fi
  printf '%s\n' "$ver"
}

ensure_postgres() {
  if pg_ready; then
    log "PostgreSQL already accepting connections on $PG_HOST:$PG_PORT"
    return
  fi
  if ! pg_installed; then
    apt_install postgresql
    if pg_ready; then
      log "PostgreSQL accepting connections on $PG_HOST:$PG_PORT after install"
      return
    fi
  fi

  local ver
  ver="$(pg_cluster_version)"
  if as_root pg_ctlcluster "$ver" main status >/dev/null 2>&1; then
    log "PostgreSQL cluster $ver/main is running but not ready yet; waiting"
  else
    log "starting PostgreSQL cluster $ver/main"
    as_root pg_ctlcluster --skip-systemctl-redirect "$ver" main start >&2 ||
      die "pg_ctlcluster $ver main start failed; see /var/log/postgresql/postgresql-$ver-main.log"
  fi

  local i
  for ((i = 0; i < WAIT_SECONDS; i++)); do
    if pg_ready; then
      log "PostgreSQL $ver/main accepting connections on $PG_HOST:$PG_PORT"
      return
    fi
    sleep 1
  done
  die "PostgreSQL $ver/main not accepting connections on $PG_HOST:$PG_PORT after ${WAIT_SECONDS}s" \
    "(check its port/listen_addresses and /var/log/postgresql/postgresql-$ver-main.log)"
}

# Succeeds if the URL lets us in without prompting, ignoring ~/.pgpass and
# PGPASSWORD so that the URL alone is what is tested.
pg_url_works() {
  env -u PGPASSWORD -u PGSERVICE PGPASSFILE=/dev/null PGCONNECT_TIMEOUT=5 \
    psql -X -q -w -t -A -d "$1" -c 'select 1' >/dev/null 2>&1
}

pg_url_is_superuser() {
  [[ "$(env -u PGPASSWORD -u PGSERVICE PGPASSFILE=/dev/null PGCONNECT_TIMEOUT=5 \
    psql -X -q -w -t -A -d "$1" -c 'select rolsuper from pg_roles where rolname = current_user' 2>/dev/null)" == t ]]
}

pg_admin_url() {
  local url_nopw="postgres://postgres@$PG_HOST:$PG_PORT/postgres"
  local url_pw="postgres://postgres:postgres@$PG_HOST:$PG_PORT/postgres"
  local url

  if pg_url_works "$url_nopw"; then
    url="$url_nopw"
  elif pg_url_works "$url_pw"; then
    url="$url_pw"
  else
    log "TCP login as postgres needs a password; setting it to 'postgres'"
    as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres \
      -c "ALTER USER postgres PASSWORD 'postgres'" >&2 ||
      die "could not set the postgres password via the local socket (peer auth)"
    pg_url_works "$url_pw" ||
      die "cannot log in as postgres on $PG_HOST:$PG_PORT even with a password (check pg_hba.conf)"
    url="$url_pw"
  fi
  pg_url_is_superuser "$url" || die "role postgres is not a superuser on $PG_HOST:$PG_PORT"
  printf '%s\n' "$url"
}

# Loads pg_stat_statements (the statement-count tests read it): added to
# shared_preload_libraries and the cluster restarted once, when it is not loaded yet.
ensure_statement_stats() {
  local url=$1 preload ver i
  preload="$(psql -X -q -w -t -A -d "$url" -c 'SHOW shared_preload_libraries')"
  if [[ ",${preload// /}," == *,pg_stat_statements,* ]]; then
    return
  fi
  log "loading pg_stat_statements (restarting PostgreSQL once)"
  preload="${preload:+$preload,}pg_stat_statements"
  psql -X -q -w -d "$url" -c "ALTER SYSTEM SET shared_preload_libraries = '$preload'" >&2
  ver="$(pg_cluster_version)"
  as_root pg_ctlcluster --skip-systemctl-redirect "$ver" main restart >&2 ||
    die "pg_ctlcluster $ver main restart failed; see /var/log/postgresql/postgresql-$ver-main.log"
  for ((i = 0; i < WAIT_SECONDS; i++)); do
    pg_url_works "$url" && return
    sleep 1
  done
  die "PostgreSQL not back after loading pg_stat_statements"
}

# --------------------------------------------------------------------- Redis

# Prints the reply to PING (empty if nothing answers).
redis_ping() {
  command -v redis-cli >/dev/null 2>&1 || return 0
  timeout 5 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null || true
}

ensure_redis() {
  local reply
  reply="$(redis_ping)"
  if [[ "$reply" == PONG ]]; then
    log "Redis already answering on $REDIS_HOST:$REDIS_PORT"
    return
  fi
  [[ -z "$reply" ]] ||
    die "something on $REDIS_HOST:$REDIS_PORT answers PING with '$reply' (password set?); not starting another Redis"

  if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
    apt_install redis-server
    if [[ "$(redis_ping)" == PONG ]]; then
      log "Redis answering on $REDIS_HOST:$REDIS_PORT after install"
      return
    fi
  fi

  log "starting redis-server on $REDIS_HOST:$REDIS_PORT (no persistence, log $REDIS_LOG)"
  redis-server --daemonize yes --bind "$REDIS_HOST" --port "$REDIS_PORT" \
    --save "" --appendonly no --dir /tmp --logfile "$REDIS_LOG" >&2 ||
    die "redis-server failed to start; see $REDIS_LOG"

  local i
  for ((i = 0; i < WAIT_SECONDS; i++)); do
    if [[ "$(redis_ping)" == PONG ]]; then
      log "Redis answering on $REDIS_HOST:$REDIS_PORT"
      return
    fi
    sleep 1
  done
  die "Redis not answering PONG on $REDIS_HOST:$REDIS_PORT after ${WAIT_SECONDS}s; see $REDIS_LOG"
}

# ------------------------------------------------ S3-protocol server (moto)

s3_ready() {
  curl -fsS -o /dev/null --max-time 3 "http://$S3_HOST:$S3_PORT/moto-api/" 2>/dev/null
}

# Installs the PyPI package pinned as $2 (e.g. "moto[server]==5.2.5") into the venv $1, unless
# the venv already holds that version (importable as module $3).
ensure_venv() {
  local venv=$1 pin=$2 module=$3
  local dist=${pin%%==*}
  dist=${dist%%[*}
  local py="$venv/bin/python"
  if "$py" -c "import $module" 2>/dev/null &&
    [[ "$("$py" -c "from importlib.metadata import version; print(version('$dist'))")" == "${pin#*==}" ]]; then
    return
  fi
  if ! python3 -c 'import ensurepip' 2>/dev/null; then
    apt_install python3-venv
  fi
  log "installing $pin into $venv"
  rm -rf "$venv"
  mkdir -p "$(dirname "$venv")"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$pin" >&2
}

ensure_s3() {
  command -v curl >/dev/null 2>&1 || apt_install curl
  if s3_ready; then
    log "S3 test server (moto) already answering on $S3_HOST:$S3_PORT"
    return
  fi
  ensure_venv "$MOTO_VENV" "$MOTO_PIN" moto.server
  log "starting moto_server on $S3_HOST:$S3_PORT (log $S3_LOG)"
  nohup "$MOTO_VENV/bin/moto_server" -H "$S3_HOST" -p "$S3_PORT" >"$S3_LOG" 2>&1 &
  local i
  for ((i = 0; i < WAIT_SECONDS; i++)); do
    if s3_ready; then
      log "S3 test server answering on $S3_HOST:$S3_PORT"
      return
    fi
    sleep 1
  done
  die "moto_server not answering on $S3_HOST:$S3_PORT after ${WAIT_SECONDS}s; see $S3_LOG"
}

# ---------------------------------------------------------------------- main

ensure_postgres
pg_url="$(pg_admin_url)"
ensure_statement_stats "$pg_url"
ensure_redis
ensure_s3
# pdftotext reads the decisions' text layer back in the tests.
command -v pdftotext >/dev/null 2>&1 || apt_install poppler-utils
# pyHanko verifies the PAdES signatures in the tests.
ensure_venv "$ORACLES_VENV" "$PYHANKO_PIN" pyhanko
# aiosmtpd: each mail test starts its own SMTP server (tests/oracles/smtp_sink.py).
ensure_venv "$SMTP_VENV" "$SMTP_PIN" aiosmtpd

printf 'ANSINH_TEST_PG_ADMIN_URL=%s\n' "$pg_url"
printf 'ANSINH_TEST_REDIS_URL=redis://%s:%s\n' "$REDIS_HOST" "$REDIS_PORT"
printf 'ANSINH_TEST_S3_URL=http://%s:%s\n' "$S3_HOST" "$S3_PORT"
printf 'ANSINH_TEST_PYHANKO=%s\n' "$ORACLES_VENV/bin/python"
printf 'ANSINH_TEST_SMTP_PYTHON=%s\n' "$SMTP_VENV/bin/python"
