#!/usr/bin/env bash
# Document generation benchmark (kept in the repository, not a test): the six country papers and
# the regional analysis in every format `pathways report all` writes, on the shipped evidence, timed
# over several runs (the first run creates the database and is not counted), with each file's size.
# Usage: bench/documents.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
target="${CARGO_TARGET_DIR:-$PWD/target}"
work="$target/documents-bench"
rm -rf "$work" && mkdir -p "$work"
cargo build --release -q -p pathways
bin="$target/release/pathways"
"$bin" --db "$work/p.db" report all --out "$work/out" > /dev/null 2>&1
for i in $(seq "$runs"); do
  rm -rf "$work/out"
  start=$(date +%s.%N)
  "$bin" --db "$work/p.db" report all --out "$work/out" > /dev/null 2>&1
  end=$(date +%s.%N)
  echo "run $i: $(echo "$end - $start" | bc) s"
done
echo "files:"
ls -l "$work/out" | awk 'NR > 1 {printf "  %-22s %8d bytes\n", $9, $5}'
