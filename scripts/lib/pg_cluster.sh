#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster in a directory, for tests (and later the
# demo and bench): never the system service, never /etc/postgresql.
#   pg_cluster.sh start DIR   initdb DIR/data, start it listening only on a
#                             unix socket in DIR, create database "paywidget";
#                             prints its libpq URL on stdout
#   pg_cluster.sh stop DIR    stop it at once (-m immediate) and remove DIR
# initdb refuses to run as root: as root the cluster belongs to the
# unprivileged "postgres" account the Debian package creates (DIR is chowned
# to it); as anyone else it runs as that user. Authentication: trust, on a
# socket only this cluster's directory holds.
# Durability: fsync=off, synchronous_commit=off, full_page_writes=off. The
# data is thrown away with DIR; a machine crash loses only test data.
# PW_PG_DURABLE=1 keeps PostgreSQL's defaults instead (every commit flushed),
# for figures comparable with a production database (scripts/bench).
set -euo pipefail

PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}"
[ -x "$PG_BIN/initdb" ] || { echo "pg_cluster: no PostgreSQL binaries (scripts/setup installs postgresql)" >&2; exit 1; }

cmd=${1:?usage: pg_cluster.sh start|stop DIR}
dir=${2:?usage: pg_cluster.sh start|stop DIR}
dir=$(cd "$dir" && pwd)

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${PW_PG_DURABLE:-0}" = 1 ] && durability="-c fsync=on -c synchronous_commit=on -c full_page_writes=on"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    as_owner "$PG_BIN/initdb" -D "$dir/data" -U paywidget -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    # max_connections: the concurrency suites run several stores (pools of
    # up to 16) in several processes at once.
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir' $durability -c max_connections=300" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$PG_BIN/createdb" -h "$dir" -U paywidget paywidget
    printf 'postgresql:///paywidget?host=%s&user=paywidget\n' "$dir"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: pg_cluster.sh start|stop DIR" >&2; exit 2 ;;
esac
