#!/usr/bin/env bash
# Differential test of the XLSForm reader and XForm writer against pyxform 4.5 (the reference
# converter), installed from PyPI into a throwaway virtual environment under the target
# directory. Fails on any disagreement not listed in known.py.
# Usage: conformance/xlsform/run.sh [--verbose] [--only PREFIX]
set -euo pipefail
cd "$(dirname "$0")/../.."
target="${CARGO_TARGET_DIR:-$PWD/target}"
venv="$target/pyxform-venv"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import pyxform, openpyxl" 2>/dev/null; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "pyxform==4.5.0"
fi
cargo build -q -p pathways
work="$target/xlsform-conformance"
rm -rf "$work"
"$venv/bin/python" conformance/xlsform/compare.py "$target/debug/pathways" "$work" "$@"
