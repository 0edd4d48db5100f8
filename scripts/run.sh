#!/usr/bin/env bash
# Install what the dashboard needs (once) and start it: bash scripts/run.sh [streamlit options]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements.txt
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "Installing Chromium for PNG/SVG exports (needed once)…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null \
    || echo "Chromium could not be installed: image exports will be unavailable."
fi
exec .venv/bin/python -m streamlit run app.py "$@"
