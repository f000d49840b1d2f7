#!/usr/bin/env bash
# Build the Linux one-folder app into dist/govreport/ (run it on the oldest target glibc).
#
#   packaging/build_linux.sh            # reuse build/venv if it exists
#   packaging/build_linux.sh --fresh    # recreate the build venv first
#
# The project is installed into a build venv as a wheel (not editable, not from the
# source tree), so the bundle holds exactly what `pip install .` gives: nothing from the
# developer's site-packages. PYTHON picks the interpreter (default python3; it must have
# a shared libpython). Offline: PIP_NO_INDEX=1 PIP_FIND_LINKS=wheelhouse (see README).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="$ROOT/build"
VENV="$BUILD/venv"
PYTHON="${PYTHON:-python3}"
BUILD_TOOLS=("pyinstaller>=6.10,<7")

started=$(date +%s)
if [ "${1:-}" = "--fresh" ] || [ ! -x "$VENV/bin/python" ]; then
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
fi
# --force-reinstall of the project only: the source may have changed since the last build.
"$VENV/bin/python" -m pip install -q "${BUILD_TOOLS[@]}"
"$VENV/bin/python" -m pip install -q --force-reinstall --no-deps "$ROOT"
"$VENV/bin/python" -m pip install -q "$ROOT"
installed=$(date +%s)

cd "$ROOT"
"$VENV/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$ROOT/dist" --workpath "$BUILD/pyinstaller" packaging/govreport.spec
finished=$(date +%s)

BUNDLE="$ROOT/dist/govreport"
# The newest glibc symbol version any bundled file asks for: the oldest Linux it runs on.
glibc=$(find "$BUNDLE" -type f \( -name '*.so*' -o -name govreport \) -print0 \
  | xargs -0 grep -aoh 'GLIBC_2\.[0-9]\+' | sort -uV | tail -1)
echo "venv + install: $((installed - started)) s; PyInstaller: $((finished - installed)) s"
echo "bundle: $(du -sh "$BUNDLE" | cut -f1) in $(find "$BUNDLE" -type f | wc -l) files -> $BUNDLE/govreport"
echo "needs glibc >= ${glibc#GLIBC_} (PySide6 $("$VENV/bin/python" -c 'import PySide6; print(PySide6.__version__)'))"
