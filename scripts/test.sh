#!/usr/bin/env bash
# Install everything the tests need and run them. Works on a fresh machine with
# only Python 3.11: the spaCy model is an ordinary dependency (pyproject.toml).
# Extra arguments go to pytest: scripts/test.sh -k cli -x
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  if command -v python3.11 >/dev/null 2>&1; then
    python3.11 -m venv .venv
  else
    python3 -m venv .venv
  fi
fi
.venv/bin/pip install -q --upgrade pip
# constraints.txt pins every package to the versions CI was green with
# (refresh: bash scripts/constraints.sh).
.venv/bin/pip install -q -c constraints.txt -e '.[test,dask]'
# Browser tests (tests/test_report.py, marker `browser`) drive Debian's chromium with
# playwright and run axe-core from npm inside the page. Never `playwright install`:
# its download host is unreachable. Without apt or npm those tests skip and say why.
AXE=tests/.node/node_modules/axe-core/axe.min.js
browser_pkgs=""
[ -x /usr/bin/chromium ] || browser_pkgs=" chromium fonts-liberation fonts-dejavu-core"
[ -f "$AXE" ] || command -v npm >/dev/null 2>&1 || browser_pkgs="$browser_pkgs npm"
if [ -n "$browser_pkgs" ]; then
  as_root=""
  [ "$(id -u)" -eq 0 ] || as_root="sudo -n"
  echo "scripts/test.sh: apt-get installing$browser_pkgs for the browser tests" >&2
  if command -v apt-get >/dev/null 2>&1 \
    && $as_root apt-get update -qq >/dev/null \
    && $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $browser_pkgs >/dev/null; then
    :
  else
    echo "scripts/test.sh: could not apt-get install$browser_pkgs; browser tests will skip" >&2
  fi
fi
if [ ! -f "$AXE" ] && command -v npm >/dev/null 2>&1; then
  echo "scripts/test.sh: npm installing axe-core into tests/.node for the accessibility test" >&2
  npm install --prefix tests/.node --no-audit --no-fund --silent axe-core@4 >/dev/null \
    || echo "scripts/test.sh: could not npm install axe-core; the accessibility test will skip" >&2
fi
# Lint and types first (both configured in pyproject.toml; a few seconds with their caches).
.venv/bin/ruff check --quiet .
.venv/bin/ruff format --check --quiet .
.venv/bin/mypy
exec .venv/bin/python -m pytest -q "$@"
