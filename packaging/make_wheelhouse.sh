#!/usr/bin/env bash
# Collect every wheel needed to install govreport without internet into wheelhouse/.
#
#   packaging/make_wheelhouse.sh [--build-tools]
#
# Targets: 64-bit Windows (win_amd64) and Linux x86_64 (manylinux), CPython 3.11 and 3.12.
# On the offline PC (Python 3.11/3.12 installed), from the folder holding wheelhouse/:
#
#   python -m pip install --no-index --find-links wheelhouse govreport
#
# LINUX_GLIBC (default 2_28) is the oldest glibc the Linux wheels must run on: PySide6
# 6.10+ needs 2.34, so with 2_28 (UOS/Kylin) pip picks PySide6 ≤ 6.9 for Linux, while
# Windows gets the newest. --build-tools adds PyInstaller and hatchling (to build the
# one-folder app offline: build_windows.ps1 -Offline).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${WHEELHOUSE:-$ROOT/wheelhouse}"
PYTHON="${PYTHON:-python3}"
LINUX_GLIBC="${LINUX_GLIBC:-2_28}"
PLATFORMS=("win_amd64" "manylinux_${LINUX_GLIBC}_x86_64")
PYTHONS=("3.11" "3.12")
EXTRA=()
[ "${1:-}" = "--build-tools" ] && EXTRA=("pyinstaller>=6.10,<7" "hatchling>=1.21")

mkdir -p "$OUT"
rm -f "$OUT"/govreport-*.whl
"$PYTHON" -m pip wheel -q --no-deps -w "$OUT" "$ROOT"
own=$(ls "$OUT"/govreport-*.whl)

for platform in "${PLATFORMS[@]}"; do
  for version in "${PYTHONS[@]}"; do
    abi="cp${version/./}"
    echo "== $platform, Python $version"
    "$PYTHON" -m pip download -q --dest "$OUT" --only-binary=:all: \
      --platform "$platform" --python-version "$version" --implementation cp \
      --abi "$abi" --abi abi3 --abi none \
      "$own" "${EXTRA[@]}"
  done
done
echo "wheelhouse: $(ls "$OUT" | wc -l) files, $(du -sh "$OUT" | cut -f1) in $OUT"
ls "$OUT" | grep -i '^pyside6' || true
