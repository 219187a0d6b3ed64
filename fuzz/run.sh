#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (FUZZ_SECONDS each, 60 by default) from its committed
# seed corpus, on the stable toolchain (`--sanitizer none`). New inputs go to a temporary
# directory, so the committed corpus changes only by hand; a crash is kept in fuzz/artifacts/ and
# fails the run.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${FUZZ_SECONDS:-60}"
if ! command -v cargo-fuzz >/dev/null; then
  cargo install cargo-fuzz --locked --quiet
fi
# Its own target directory: the fuzz build's flags would otherwise rebuild the workspace's.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}/fuzz"
cargo fuzz build --sanitizer none -O
for target in sheets register markdown xlsform expr; do
  scratch="$(mktemp -d)"
  log="$scratch.log"
  echo "fuzzing $target for ${seconds}s"
  if ! cargo fuzz run "$target" --sanitizer none -O "$scratch" "corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=30 >"$log" 2>&1; then
    grep -E -A20 'panicked|ERROR|error' "$log" | head -60 >&2
    echo "error: fuzz target $target failed; a crashing input is in fuzz/artifacts/$target/" >&2
    exit 1
  fi
  grep -E '^Done' "$log" || true
  rm -rf "$scratch" "$log"
done
