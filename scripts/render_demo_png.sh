#!/usr/bin/env bash
# Render the demo report (Xinfeng 2017) and filled 2019 and 2021 reports to PNG pages for a person
# to look at:  scripts/render_demo_png.sh [OUT_DIR] [DPI]   (needs poppler-utils: pdftoppm)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-${TMPDIR:-/tmp}/govreport-demo-png}"
dpi="${2:-80}"
mkdir -p "$out"
python -m govreport_gui demo -o "$out/demo.json" --force
python -m govreport_gui pdf "$out/demo.json" -o "$out/demo.pdf" --force
rm -f "$out"/demo-*.png
pdftoppm -r "$dpi" -png "$out/demo.pdf" "$out/demo"
for year in 2019 2021; do
  python "scripts/filled_$year.py" "$out/filled-$year.json"
  python -m govreport_gui pdf "$out/filled-$year.json" -o "$out/filled-$year.pdf" --force
  rm -f "$out"/filled-"$year"-*.png
  pdftoppm -r "$dpi" -png "$out/filled-$year.pdf" "$out/filled-$year"
done
ls "$out"/*.png
