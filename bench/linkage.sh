#!/usr/bin/env bash
# Linkage benchmarks, kept in the repository (not timed tests):
#   - FEBRL4 (vendored, 5,000 × 5,000, 5,000 true links): precision, recall, F1, time;
#   - generated worker registers (seeded) at 10k, 100k and 1M records per side, linked by
#     Pathways and by Splink 5.0 (installed from PyPI into a virtual environment) on the same
#     files, each timed with its peak memory and scored against the same ground truth;
#   - recall per corruption and namesakes wrongly linked (the generator's cases.csv);
#   - CLK encoding and Dice throughput, and the quality and leaks of each CLK hardening;
#   - the person index: bulk load of the largest left register, one record matched against it
#     (p50, p99) and added in place.
# Usage: bench/linkage.sh            (SIZES="10000 100000" bench/linkage.sh for a shorter run;
#                                     SPLINK=0 to leave Splink out)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="${SIZES:-10000 100000 1000000}"
target="${CARGO_TARGET_DIR:-$PWD/target}"
work="$target/linkage-bench"
mkdir -p "$work"
cargo build --release -q -p pathways -p pathways-linkage-bench
bin="$target/release/pathways"
bench="$target/release/linkage-bench"
timed() { /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@"; read -r secs kb < "$work/time.txt"; echo "$secs s, peak $((kb / 1024)) MiB"; }

if [ "${SPLINK:-1}" = "1" ]; then
  venv="$target/splink-venv"
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import splink" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "splink==5.0.0"
  fi
fi

echo "## FEBRL4"
"$bench" febrl4-truth --left bench/febrl4/dataset4a.csv --right bench/febrl4/dataset4b.csv --out "$work/febrl4-truth.csv"
echo "pathways: $(timed "$bin" link run --quiet --one-to-one --config bench/febrl4/config.toml --left bench/febrl4/dataset4a.csv --right bench/febrl4/dataset4b.csv --out "$work/febrl4-pairs.csv")"
"$bench" score --pairs "$work/febrl4-pairs.csv" --truth "$work/febrl4-truth.csv"

for n in $sizes; do
  dir="$work/synthetic-$n"
  "$bench" generate --size "$n" --seed 42 --out "$dir" > /dev/null
  echo "## generated registers, $n × $n"
  echo "pathways (one-to-one): $(timed "$bin" link run --quiet --one-to-one --left "$dir/left.csv" --right "$dir/right.csv" --out "$dir/pathways.csv")"
  "$bench" score --pairs "$dir/pathways.csv" --truth "$dir/truth.csv" --cases "$dir/cases.csv"
  echo "pathways (all pairs ≥ 0.5): $(timed "$bin" link run --quiet --left "$dir/left.csv" --right "$dir/right.csv" --out "$dir/pathways-all.csv")"
  "$bench" score --pairs "$dir/pathways-all.csv" --truth "$dir/truth.csv" --cases "$dir/cases.csv"
  if [ "${SPLINK:-1}" = "1" ]; then
    echo "splink: $(timed "$venv/bin/python" bench/splink_run.py "$dir/left.csv" "$dir/right.csv" "$dir/splink.csv" 2>> "$work/splink.log")"
    "$bench" score --pairs "$dir/splink.csv" --truth "$dir/truth.csv"
  fi
done

echo "## CLK encoding and Dice"
last=$(echo "$sizes" | awk '{print $NF}')
"$bench" encoding --input "$work/synthetic-$last/left.csv" --dice-side 20000

echo "## Hardening of the federated encoding (100k × 100k)"
"$bench" generate --size 100000 --seed 42 --out "$work/synthetic-100000" > /dev/null
"$bench" hardening --left "$work/synthetic-100000/left.csv" --right "$work/synthetic-100000/right.csv" --truth "$work/synthetic-100000/truth.csv"

echo "## Person index"
/usr/bin/time -f "peak %M KB" "$bench" index --left "$work/synthetic-$last/left.csv" --right "$work/synthetic-$last/right.csv" --queries 10000
