"""A fresh install cannot drift: what the code imports is declared, and pinned in constraints.txt."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _name(requirement: str) -> str:
    """The normalised distribution name of a requirement string (PEP 503)."""
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group(0)).lower()


def _declared() -> set[str]:
    project = PYPROJECT["project"]
    names = {_name(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        names |= {_name(r) for r in extra}
    return names


def _imported_top_levels(folder: Path) -> set[str]:
    found: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.partition(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.partition(".")[0])
    return found


def test_every_third_party_import_of_the_package_is_declared() -> None:
    """numpy and srsly came only through spaCy once; a direct import must be a direct dependency."""
    dists = packages_distributions()
    stdlib = set(sys.stdlib_module_names)
    missing = []
    for module in sorted(_imported_top_levels(ROOT / "attrib") - stdlib - {"attrib"}):
        owners = {_name(d) for d in dists.get(module, [])}
        assert owners, f"attrib imports {module!r}, which no installed distribution provides"
        if not owners & _declared():
            missing.append(f"{module} ({', '.join(sorted(owners))})")
    assert not missing, f"imported by attrib/ but not declared in pyproject.toml: {missing}"


def test_constraints_pin_every_declared_dependency() -> None:
    lines = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    pins = {_name(line): line for line in lines if line and not line.startswith("#")}
    assert all("==" in line for line in pins.values()), "constraints.txt pins exact versions only"
    assert "attrib" not in pins, "the project itself must not be pinned (it is installed from the checkout)"
    unpinned = sorted(_declared() - pins.keys() - {"attrib"})
    assert not unpinned, f"declared in pyproject.toml but missing from constraints.txt (refresh it): {unpinned}"


def test_test_script_installs_with_the_constraints() -> None:
    script = (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8")
    assert re.search(r"pip install[^\n]*-c constraints\.txt", script), "scripts/test.sh must install with -c"


@pytest.mark.parametrize(
    "blocked, expected",
    [
        ("trafilatura", "needs trafilatura, which is not installed; install it with: pip install 'attrib[extract]'"),
        # lxml >= 5.2 re-raises a bare ImportError for lxml.html.clean: the message still names the module.
        (
            "lxml_html_clean",
            "needs trafilatura, which is installed but cannot be imported: module 'lxml_html_clean' "
            "is not installed; install the extra with: pip install 'attrib[extract]'",
        ),
    ],
)
def test_missing_extra_names_the_import_that_failed(blocked: str, expected: str) -> None:
    pytest.importorskip("trafilatura", reason="the extract extra is part of the test extra")
    probe = (
        f"import sys; sys.modules[{blocked!r}] = None\n"  # a fresh process: nothing imported yet
        "from attrib.inputs import extract_unavailable\n"
        "print(extract_unavailable('main'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
    )
    assert result.stdout == f"--extract main {expected}\n"
