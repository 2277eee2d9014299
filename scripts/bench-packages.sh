#!/usr/bin/env bash
# The machine packages `make bench` needs, installed only when missing (as .ci/run does):
# wrk (load), redis-server (the Redis cache) and PostgreSQL 15 (the production layout).
set -euo pipefail
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v redis-server >/dev/null || missing+=(redis-server)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
if [ ${#missing[@]} -gt 0 ]; then
    echo "bench: installing ${missing[*]}"
    if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
    $SUDO apt-get update -qq </dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
    # The Debian packages start servers of their own; the bench starts throwaway ones.
    command -v pg_ctlcluster >/dev/null && $SUDO pg_ctlcluster 15 main stop 2>/dev/null || true
    command -v systemctl >/dev/null && $SUDO systemctl stop redis-server 2>/dev/null || true
fi
