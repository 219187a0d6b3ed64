#!/usr/bin/env bash
# The write soak on PostgreSQL: two `pathways serve` processes on one database and 32 writers
# saving the same eight records through both for ten minutes, then a check that no write was
# lost or applied twice (bench/soak.py says how). Loopback only; a throwaway PostgreSQL cluster
# (Debian's `postgresql`) is started and removed.
#
#   bench/soak.sh                        # release build, 600 s, 32 writers
#   SECONDS_TO_RUN=60 WRITERS=8 bench/soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RUN="${SECONDS_TO_RUN:-600}"
WRITERS="${WRITERS:-32}"
if [ -z "${PATHWAYS_BIN:-}" ]; then
  cargo build --release -p pathways >&2
  PATHWAYS_BIN="${CARGO_TARGET_DIR:-target}/release/pathways"
fi

work="$(mktemp -d)"
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  scripts/test-postgres.sh stop "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

url="$(PATHWAYS_TEST_PG_PORT="${PG_PORT:-18435}" scripts/test-postgres.sh start "$work/pg")"
echo "a long soak password" | "$PATHWAYS_BIN" user add soak@example.org --role admin --db "$url" >/dev/null
token="$("$PATHWAYS_BIN" user token soak@example.org --db "$url" 2>/dev/null)"
servers=()
for port in 18441 18442; do
  "$PATHWAYS_BIN" serve --bind "127.0.0.1:$port" --db "$url" >"$work/serve-$port.log" 2>&1 &
  pids+=("$!")
  for _ in $(seq 1 300); do
    curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  servers+=("127.0.0.1:$port")
done
records="$(tail -n +2 data/institutions.csv | cut -d, -f1 | head -8 | paste -sd,)"
python3 bench/soak.py --servers "$(IFS=,; echo "${servers[*]}")" --token "$token" \
  --seconds "$RUN" --writers "$WRITERS" --records "$records"
