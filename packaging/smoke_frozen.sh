#!/usr/bin/env bash
# Build the Linux one-folder app and run its self-test the way a fresh machine would:
# empty environment (env -i: no PYTHONPATH, no virtualenv, no QT_* settings), a minimal
# PATH, a throw-away HOME, and a working folder outside the repository, so the bundle can
# use nothing but itself and the operating system.
#
#   packaging/smoke_frozen.sh             # build (reusing build/venv), then smoke
#   packaging/smoke_frozen.sh --no-build  # smoke the existing dist/govreport
#
# Also checks that no bundled library needs one the bundle lacks (ldd "not found").
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUNDLE="$ROOT/dist/govreport"

if [ "${1:-}" != "--no-build" ]; then
  build_start=$(date +%s)
  "$ROOT/packaging/build_linux.sh"
  echo "build: $(( $(date +%s) - build_start )) s"
fi
[ -x "$BUNDLE/govreport" ] || { echo "no bundle at $BUNDLE: build it first" >&2; exit 2; }

# Libraries Qt's plugins load at run time must resolve from the bundle or the system.
missing=$(find "$BUNDLE" -name '*.so*' -type f -print0 \
  | LD_LIBRARY_PATH="$BUNDLE/_internal:$BUNDLE/_internal/PySide6/Qt/lib" xargs -0 ldd 2>/dev/null \
  | grep 'not found' | grep -v 'libgtk-3\|libgdk-3' | sort -u || true)
if [ -n "$missing" ]; then
  echo "bundled libraries need files that are missing:" >&2
  echo "$missing" >&2
  exit 1
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/home" "$scratch/cwd"
cd "$scratch/cwd"
start=$(date +%s%N)
status=0
env -i PATH=/usr/bin:/bin HOME="$scratch/home" LANG=C.UTF-8 "$BUNDLE/govreport" --smoke || status=$?
echo "frozen --smoke: exit $status, wall time $(( ($(date +%s%N) - start) / 1000000 )) ms" \
  "(bundle $(du -sh "$BUNDLE" | cut -f1))"
if [ -n "$(ls -A "$scratch/home")" ]; then
  echo "the smoke test wrote into HOME: $(ls -A "$scratch/home")" >&2
  status=1
fi
exit "$status"
