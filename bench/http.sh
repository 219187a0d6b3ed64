#!/usr/bin/env bash
# The economy profile page and the API list under `wrk`, on SQLite and on PostgreSQL, beside
# nginx serving the same page's bytes as a static file in the same run — the most this machine
# can answer for that response. Loopback only. Needs `wrk` and `nginx` (Debian: apt-get install
# wrk nginx-light) and, for the PostgreSQL rows, `postgresql` (a throwaway cluster is started;
# POSTGRES=0 leaves them out).
#
#   bench/http.sh                       # release build, 10 s per target, wrk -t2 -c16
#   DURATION=30s CONNECTIONS=32 bench/http.sh
#   PATHWAYS_BIN=target/release/pathways bench/http.sh
#
# Prints one line per target: requests/s, p50, p99, and the share of nginx's requests/s.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${DURATION:-10s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-16}"
PORT="${PORT:-18431}"
STATIC_PORT="${STATIC_PORT:-18432}"
PG_PORT="${PG_PORT:-18433}"
POSTGRES="${POSTGRES:-1}"
for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { echo "bench/http.sh needs $tool (apt-get install wrk nginx-light curl)" >&2; exit 2; }
done

if [ -z "${PATHWAYS_BIN:-}" ]; then
  cargo build --release -p pathways >&2
  PATHWAYS_BIN="${CARGO_TARGET_DIR:-target}/release/pathways"
fi

work="$(mktemp -d)"
chmod 755 "$work"
cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true
  [ -n "${pg_server:-}" ] && kill "$pg_server" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  [ -d "$work/pg" ] && scripts/test-postgres.sh stop "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

# Starts `pathways serve` on port $2 with database $1 and waits until it is ready.
start() {
  "$PATHWAYS_BIN" serve --bind "127.0.0.1:$2" --db "$1" >"$work/serve-$2.log" 2>&1 &
  for _ in $(seq 1 300); do
    curl -fsS "http://127.0.0.1:$2/readyz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -fsS "http://127.0.0.1:$2/readyz" >/dev/null
}

start "$work/bench.db" "$PORT"
server=$!
if [ "$POSTGRES" = "1" ]; then
  pg_url="$(PATHWAYS_TEST_PG_PORT=18434 scripts/test-postgres.sh start "$work/pg")"
  start "$pg_url" "$PG_PORT"
  pg_server=$!
fi

mkdir -p "$work/www/economies"
curl -fsS "http://127.0.0.1:$PORT/economies/RS" -o "$work/www/economies/RS"
cat >"$work/nginx.conf" <<CONF
daemon on;
worker_processes $THREADS;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  server {
    listen 127.0.0.1:$STATIC_PORT;
    root $work/www;
    default_type "text/html; charset=utf-8";
  }
}
CONF
mkdir -p "$work/tmp"
nginx -c "$work/nginx.conf" -p "$work"
sleep 0.3

# wrk's summary: Requests/sec and the latency distribution's 50% and 99%.
run() {
  local out
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$1")"
  local rps p50 p99
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  echo "$rps $p50 $p99"
}

bytes="$(wc -c <"$work/www/economies/RS")"
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION; the page is $bytes bytes (uncompressed: wrk asks for no encoding)"
read -r nginx_rps nginx_p50 nginx_p99 < <(run "http://127.0.0.1:$STATIC_PORT/economies/RS")
printf '%-52s %10s req/s  p50 %8s  p99 %8s\n' "nginx, the same bytes as a file" "$nginx_rps" "$nginx_p50" "$nginx_p99"
backends="SQLite:$PORT"
[ "$POSTGRES" = "1" ] && backends="$backends PostgreSQL:$PG_PORT"
for backend in $backends; do
  for target in "/economies/RS" "/api/v1/institutions?economy=RS"; do
    read -r rps p50 p99 < <(run "http://127.0.0.1:${backend#*:}$target")
    share="$(awk -v a="$rps" -v b="$nginx_rps" 'BEGIN {printf "%.1f %%", 100 * a / b}')"
    printf '%-52s %10s req/s  p50 %8s  p99 %8s  (%s of nginx)\n' "pathways (${backend%%:*}) $target" "$rps" "$p50" "$p99" "$share"
  done
done
