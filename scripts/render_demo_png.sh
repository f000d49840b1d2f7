#!/usr/bin/env bash
# Render the demo report (Xinfeng 2017) and a filled 2021 report to PNG pages for a person
# to look at:  scripts/render_demo_png.sh [OUT_DIR] [DPI]   (needs poppler-utils: pdftoppm)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-${TMPDIR:-/tmp}/govreport-demo-png}"
dpi="${2:-80}"
mkdir -p "$out"
python -m govreport_gui demo -o "$out/demo.json"
python -m govreport_gui pdf "$out/demo.json" -o "$out/demo.pdf"
rm -f "$out"/demo-*.png
pdftoppm -r "$dpi" -png "$out/demo.pdf" "$out/demo"
python scripts/filled_2021.py "$out/filled-2021.json"
python -m govreport_gui pdf "$out/filled-2021.json" -o "$out/filled-2021.pdf"
rm -f "$out"/filled-2021-*.png
pdftoppm -r "$dpi" -png "$out/filled-2021.pdf" "$out/filled-2021"
ls "$out"/*.png
