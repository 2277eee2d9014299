#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL 15 cluster:
#   scripts/with-postgres.sh .venv/bin/python -m pytest -q -n 2
# The cluster lives in a temporary directory, listens on 127.0.0.1 on a free port (or
# $PG_PORT), and is stopped and deleted when the command ends, whatever happens.
# The command sees DATABASE_URL=postgres://postgres@127.0.0.1:PORT/qiao.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PG_BIN/initdb" ]; then
    echo "with-postgres: $PG_BIN/initdb not found (apt-get install -y postgresql-15)" >&2
    exit 2
fi

PG_PORT=${PG_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
PG_DIR=$(mktemp -d /tmp/qiao-pg.XXXXXX)

# PostgreSQL refuses to run as root: as root, run its tools as the postgres user.
if [ "$(id -u)" = 0 ]; then
    chown postgres: "$PG_DIR"
    as_pg() { su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; }
else
    as_pg() { "$@"; }
fi

stop_cluster() {
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
}
trap stop_cluster EXIT
trap 'exit 130' INT TERM

as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; exit 2; }
# Durability is pointless for a throwaway cluster; without it the tests run faster.
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -o \
    "-k $PG_DIR -p $PG_PORT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500" \
    start >/dev/null || { cat "$PG_DIR/server.log" >&2; exit 2; }
as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres qiao

export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/qiao"
echo "with-postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT" >&2
"$@"
