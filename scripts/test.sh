#!/usr/bin/env bash
# Install everything the tests need (Python packages, Chromium, axe-core) and run them:
#   bash scripts/test.sh [pytest options]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements-dev.txt

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
command -v npm >/dev/null || need+=(npm)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)  # tests/deploy: the reverse proxy
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing system packages: ${need[*]}"
  if [ "$(id -u)" = 0 ]; then apt_prefix=(); else apt_prefix=(sudo); fi
  "${apt_prefix[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${apt_prefix[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ ! -f node_modules/axe-core/axe.min.js ]; then
  npm install --no-audit --no-fund --silent >/dev/null
fi

set +e
.venv/bin/python -m pytest "$@"
code=$?
set -e
if [ "$code" = 5 ]; then
  echo "pytest collected no tests"
  exit 0
fi
exit "$code"
