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
.venv/bin/pip install -q -e '.[test]'
exec .venv/bin/python -m pytest -q "$@"
