#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster on 127.0.0.1:55432 for the tests and prints its connection string.
# Usage: eval "$(scripts/postgres.sh start)"   ·   scripts/postgres.sh stop
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
dir=/tmp/jalon-pg
port=55432
run() { if [[ $(id -u) -eq 0 ]]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
case "${1:-start}" in
  start)
    [[ -n "$bin" ]] || { echo "PostgreSQL absent : tests PostgreSQL ignorés" >&2; exit 0; }
    if ! run "$bin/pg_ctl -D $dir status" >/dev/null 2>&1; then
      rm -rf "$dir"; mkdir -p "$dir"; [[ $(id -u) -eq 0 ]] && chown postgres "$dir"
      run "$bin/initdb -D $dir -U jalon --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
      run "$bin/pg_ctl -D $dir -o '-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off' -l $dir/log -w start" >/dev/null
    fi
    echo "export JALON_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=jalon;Database=postgres'"
    ;;
  stop) [[ -n "$bin" ]] && run "$bin/pg_ctl -D $dir -m fast stop" >/dev/null 2>&1 || true ;;
esac
