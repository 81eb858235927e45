"""Output formats: one emitter per format, each a pure function from a `Run` to text.

`cli.py` builds the `Run` (audits, policy verdicts, input errors) and picks the
emitter; emitters never read files, run the engine or decide exit codes.
Every output file (formats, summaries, baselines, HTML reports) reaches disk
through `write_atomic` (attrib/outputs/atomic.py: regular files replaced
atomically, links kept, devices and FIFOs written directly).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from attrib.outputs.atomic import write_output as write_atomic  # noqa: F401  (the one writer, see atomic.py)
from attrib.records import SEVERITY_RANK, ArticleAudit, Finding

FORMATS = ("text", "json", "jsonl", "github", "sarif", "junit")


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
