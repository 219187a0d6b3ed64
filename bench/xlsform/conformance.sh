#!/usr/bin/env bash
# XLSForm conformance against pyxform (the reference converter, from PyPI): every case must be
# accepted or refused by both, except the documented stricter ones. Kept in the repository, not a
# test: it needs the network once to install pyxform.
# Usage: bench/xlsform/conformance.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
target="${CARGO_TARGET_DIR:-$PWD/target}"
venv="$target/pyxform-venv"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import pyxform" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "pyxform==4.5.0"
fi
cargo build --release -q -p pathways
"$venv/bin/python" bench/xlsform/conformance.py "$target/release/pathways" "$target/xlsform-conformance"
