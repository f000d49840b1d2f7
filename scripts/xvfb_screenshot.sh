#!/usr/bin/env bash
# Open `govreport --demo` in a real X window on a virtual 1366×768 screen (the common office
# laptop size) and take a screenshot of the whole screen, as a person would see it.
#   scripts/xvfb_screenshot.sh [OUT.png] [WIDTHxHEIGHT]
# Needs Debian's xvfb, x11-apps (xwd) and imagemagick (convert).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-${TMPDIR:-/tmp}/govreport-xvfb.png}"
size="${2:-1366x768}"
display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 "${size}x24" >/dev/null 2>&1 &
xvfb=$!
data=$(mktemp -d)
trap 'kill "$app" "$xvfb" 2>/dev/null || true; rm -rf "$data"' EXIT
sleep 1
DISPLAY="$display" QT_QPA_PLATFORM=xcb GOVREPORT_DATA_DIR="$data" python -m govreport_gui --demo &
app=$!
sleep "${GOVREPORT_SHOT_DELAY:-6}"
DISPLAY="$display" xwd -root -silent | convert xwd:- "$out"
echo "$out"
