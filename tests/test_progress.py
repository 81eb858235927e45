"""`attrib audit` shows progress on a terminal only, for more than one file, and never with -q."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _stderr(args: list[str], cwd: Path, *, terminal: bool) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "attrib", "audit", "--no-html", "--exit-zero", *args]
    if not terminal:
        return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=True).stderr
    leader, follower = pty.openpty()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closes when the process exits
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait() == 0
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.model
def test_progress_only_on_a_terminal(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("The mayor said the bridge would reopen in May.\n", encoding="utf-8")
    shown = _stderr(["a.txt", "b.txt"], tmp_path, terminal=True)
    assert "auditing" in shown and "100%" in shown, shown
    assert "auditing" not in _stderr(["a.txt", "b.txt", "-q"], tmp_path, terminal=True)
    assert _stderr(["a.txt", "b.txt"], tmp_path, terminal=False) == ""
