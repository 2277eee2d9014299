#!/usr/bin/env bash
# Scan a locally served Qiao with wapiti and fail on any finding above "low":
#   scripts/wapiti-scan.sh WAPITI_BIN PYTHON
# The site (demo content, production-like settings without DEBUG) runs on 127.0.0.1 on a
# free port, from a throwaway SQLite file; it is stopped and deleted at the end. The scan
# stays on that address, leaves out the modules ssrf (calls an outside service), wapp and
# nikto (download databases), and is bounded in time (WAPITI_MAX_SECONDS, default 420).
set -euo pipefail
WAPITI=$1
PYTHON=$2
MAX_SECONDS=${WAPITI_MAX_SECONDS:-420}
PORT=$($PYTHON -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
WORK=$(mktemp -d /tmp/qiao-wapiti.XXXXXX)
export DJANGO_SETTINGS_MODULE=e2e.settings
export DATABASE_URL="sqlite:///$WORK/site.sqlite3"
export MEDIA_ROOT="$WORK/media" PRIVATE_MEDIA_ROOT="$WORK/private"
export EMAIL_URL="consolemail://" ALLOWED_HOSTS="127.0.0.1"
export WAGTAILADMIN_BASE_URL="http://127.0.0.1:$PORT"

SERVER=
cleanup() {
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

$PYTHON manage.py migrate --no-input -v0
$PYTHON manage.py load_demo >/dev/null
"$(dirname "$PYTHON")/gunicorn" --bind "127.0.0.1:$PORT" --workers 2 --log-level warning \
    qiao.wsgi >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 600); do
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/robots.txt" 2>/dev/null && break
    sleep 0.3
done

"$WAPITI" -u "http://127.0.0.1:$PORT/" --scope folder \
    -m "common,-ssrf,-wapp,-nikto" \
    --max-scan-time "$MAX_SECONDS" --max-attack-time 60 --max-links-per-page 40 \
    --flush-session --store-session "$WORK/session" \
    -f json -o "$WORK/report.json" --no-bugreport >"$WORK/wapiti.log" 2>&1 \
    || { tail -20 "$WORK/wapiti.log"; echo "wapiti: the scan did not finish"; exit 1; }

# Levels in wapiti's report: 1 low, 2 medium, 3 high, 4 critical.
$PYTHON - "$WORK/report.json" <<'PY'
import json
import sys

report = json.load(open(sys.argv[1]))
found = [
    (section, category, item.get("level"), item.get("path"), item.get("info"))
    for section in ("vulnerabilities", "anomalies")
    for category, items in report.get(section, {}).items()
    for item in items
]
serious = [entry for entry in found if (entry[2] or 0) > 1]
for section, category, level, path, info in found:
    print(f"wapiti: level {level} {category}: {path} {info}")
print(f"wapiti: {len(found)} findings, {len(serious)} above low")
sys.exit(1 if serious else 0)
PY
