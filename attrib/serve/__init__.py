"""`attrib serve`: a local review desk in the browser and a JSON API on this machine.

- `desk.py`: the audit service (config, worker pool, in-memory history); no web framework.
- `guard.py`: the ASGI guard every request passes (Host/Origin checks, security headers).
- `app.py`: the Starlette routes (pages, downloads, `POST /api/audit`).
- `server.py`: binding the socket, uvicorn, start-up and a clean Ctrl-C.

Needs the optional extra `attrib[serve]` (starlette, uvicorn, python-multipart);
`missing_extra()` says what is missing before anything else happens. Nothing
here writes to disk: uploads are read in memory and history lives in memory.
"""

from __future__ import annotations

import importlib.util

# The import names of the [serve] extra's packages.
EXTRA_MODULES = ("starlette", "uvicorn", "python_multipart")
EXTRA_HINT = "pip install 'attrib[serve]'"


def missing_extra() -> str | None:
    """One line naming the missing packages of the [serve] extra, or None when all are installed."""
    missing = []
    for module in EXTRA_MODULES:
        try:
            found = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):  # a module set to None in sys.modules, or half-installed
            found = False
        if not found:
            missing.append(module.replace("_", "-"))
    if not missing:
        return None
    return (
        f"attrib serve needs {', '.join(missing)}, which {'is' if len(missing) == 1 else 'are'} not installed; "
        f"install the serve extra with: {EXTRA_HINT}"
    )
