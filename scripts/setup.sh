#!/usr/bin/env bash
# Shared set-up for scripts/run.sh and scripts/test.sh: a virtual environment in .venv with the
# project's Python packages. Safe to run again (it only installs what changed).
set -euo pipefail
cd "$(dirname "$0")/.."
REQUIREMENTS=${1:-requirements.txt}
PYTHON=${PYTHON:-python3}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }
apt_install() {
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if [ ! -x .venv/bin/python ]; then
  if ! "$PYTHON" -m venv .venv 2>/dev/null; then
    echo "Installing python3-venv (needed once)…"
    rm -rf .venv
    apt_install python3-venv
    "$PYTHON" -m venv .venv
  fi
fi
stamp=".venv/.installed-$(cat requirements*.txt | sha1sum | cut -c1-12)-$(basename "$REQUIREMENTS")"
if [ ! -f "$stamp" ]; then
  # (pip's notes about unreachable extra package indexes on some machines are filtered out)
  .venv/bin/python -m pip install -q --upgrade pip 2>&1 | { grep -v "^WARNING: Location" || true; }
  .venv/bin/python -m pip install -q -r "$REQUIREMENTS" 2>&1 | { grep -v "^WARNING: Location" || true; }
  touch "$stamp"
fi
