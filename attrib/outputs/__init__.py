"""Output formats: one emitter per format, each a pure function from a `Run` to text.

`cli.py` builds the `Run` (audits, policy verdicts, input errors) and picks the
emitter; emitters never read files, run the engine or decide exit codes.
Every output file (formats, summaries, baselines, HTML reports) reaches disk
through `write_atomic`.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from attrib.records import SEVERITIES, ArticleAudit, Finding

def write_atomic(path: Path, content: str | bytes) -> None:
    """Write `content` (text as UTF-8, or bytes as they are) beside `path` under a temporary name, then rename.

    No partial file is left on failure.

    The folder is created when missing. The file gets the usual umask-derived
    mode (mkstemp would force 0600 on a report or SARIF file meant to be shared).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        opened = os.fdopen(handle, "wb") if isinstance(content, bytes) else \
            os.fdopen(handle, "w", encoding="utf-8", newline="")
        with opened as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


FORMATS = ("text", "json", "jsonl", "github", "sarif", "junit")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class FileResult:
    """One audited file and what the policy made of it.

    Attributes:
        audit: the full audit (suppressed findings included, marked).
        failures: why the file fails the policy (empty: it passes).
        min_severity: findings below this are not displayed.
        report: the HTML report written for it, if any.
    """

    audit: ArticleAudit
    failures: tuple[str, ...] = ()
    min_severity: str = "info"
    report: str | None = None

    @property
    def shown(self) -> tuple[Finding, ...]:
        """Unsuppressed findings at or above `min_severity`, in reading order."""
        floor = SEVERITY_RANK[self.min_severity]
        return tuple(f for f in self.audit.findings if f.suppression is None and SEVERITY_RANK[f.severity] >= floor)

    @property
    def suppressed(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.audit.findings if f.suppression is not None)


@dataclass(frozen=True)
class Run:
    """Everything one `attrib audit` invocation produced.

    Attributes:
        files: the audited files, in input order.
        errors: (path, reason) of inputs that could not be read.
        notes: run-level remarks for people (e.g. fixed baseline entries).
    """

    files: tuple[FileResult, ...]
    errors: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def failed(self) -> tuple[FileResult, ...]:
        return tuple(f for f in self.files if f.failures)


@dataclass(frozen=True)
class Options:
    """How people want text output: verbosity (-v/-q counts) and colour."""

    verbose: int = 0
    quiet: int = 0
    color: bool = False


def by_severity(findings: tuple[Finding, ...] | list[Finding]) -> list[Finding]:
    """Most severe first, then reading order (GitHub shows only the first annotations)."""
    return sorted(findings, key=lambda f: -SEVERITY_RANK[f.severity])


def emitter(name: str) -> Callable[[Run, Options], str]:
    """The render function of a format.

    Args:
        name: one of FORMATS.

    Returns:
        A function (Run, Options) -> the complete output text.
    """
    from attrib.outputs import github, json, junit, sarif, text

    table: dict[str, Callable[[Run, Options], str]] = {
        "text": text.render,
        "json": json.render,
        "jsonl": json.render_lines,
        "github": github.render,
        "sarif": sarif.render,
        "junit": junit.render,
    }
    return table[name]
