"""`-f text`: one line per finding, one summary line per file, a closing total.

    path:line:col: AN101 [error] message
    path: score = 100 * ... = 19
    path: score 19/100 | 22 sentences: 2 named, ... | report: attrib-reports/x.html

`-v` adds every sentence with its label; `-vv` adds each
finding's why and the suppressed findings. `-q` prints findings only, `-qq`
nothing (the exit code still tells).
"""

from __future__ import annotations

import click

from attrib.inputs.errors import one_line
from attrib.outputs import FileResult, Options, Run
from attrib.records import SEVERITIES, ArticleAudit, Finding

COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def shown_path(path: str) -> str:
    """A file name safe on a terminal and in a CI log: one line, no control characters.

    Newlines, escape sequences and undecodable bytes are shown escaped
    (`one_line`), and a name starting with ``::`` gets ``./`` in front, so no
    line of the text output can pass for a GitHub workflow command.
    """
    shown = one_line(path)
    return "./" + shown if shown.startswith("::") else shown


def summary_line(audit: ArticleAudit) -> str:
    """One line per file: score and counts per label."""
    counts = audit.counts()
    score = "n/a" if audit.score.value is None else f"{audit.score.value}/100"
    parts = ", ".join(f"{counts[label]} {label}" for label in counts)
    noun = "sentence" if len(audit.sentences) == 1 else "sentences"
    return f"{shown_path(audit.path)}: score {score} | {len(audit.sentences)} {noun}: {parts}"


def finding_line(path: str, finding: Finding, color: bool = False) -> str:
    """`path:line:col: CODE [severity] message`, the form editors and CI logs link to."""
    code, severity = finding.code, f"[{finding.severity}]"
    if color:
        code = click.style(code, bold=True)
        severity = click.style(severity, fg=COLOURS[finding.severity])
    line = f"{shown_path(path)}:{finding.line}:{finding.col}: {code} {severity} {one_line(finding.message)}"
    if finding.suppression is not None:
        line += f" (suppressed, {finding.suppression.kind}: {one_line(finding.suppression.reason)})"
    return line


def file_lines(result: FileResult, options: Options) -> list[str]:
    """The lines for one file, honouring -v/-q."""
    audit = result.audit
    path = shown_path(audit.path)
    lines: list[str] = []
    if options.quiet >= 2:
        return lines
    if options.verbose >= 1 and options.quiet == 0:
        for sentence in audit.sentences:
            lines.append(f"{path}:{sentence.line}:{sentence.col}: {sentence.label.upper()} {one_line(sentence.why)}")
    for finding in result.shown:
        lines.append(finding_line(audit.path, finding, options.color))
        if options.verbose >= 2:
            lines.append(f"    why: {one_line(finding.why)}")
    if options.verbose >= 2:
        lines.extend(finding_line(audit.path, f, options.color) for f in result.suppressed)
    if options.quiet:
        return lines
    lines.append(f"{path}: score = {audit.score.formula}" + (f" ({audit.score.note})" if audit.score.note else ""))
    line = summary_line(audit)
    if result.report:
        line += f" | report: {shown_path(result.report)}"
    lines.append(line)
    if result.failures:
        verdict = click.style("FAILED", fg="red", bold=True) if options.color else "FAILED"
        lines.append(f"{path}: {verdict}: {one_line('; '.join(result.failures))}")
    return lines


def totals(run: Run) -> str:
    """The closing line: findings by severity, suppressed, files that failed."""
    shown = [f for result in run.files for f in result.shown]
    by_level = ", ".join(f"{sum(1 for f in shown if f.severity == level)} {level}" for level in reversed(SEVERITIES))
    suppressed = sum(len(result.suppressed) for result in run.files)
    files = "file" if len(run.files) == 1 else "files"
    noun = "finding" if len(shown) == 1 else "findings"
    return (f"{len(run.files)} {files}: {len(shown)} {noun} ({by_level}), {suppressed} suppressed; "
            f"{len(run.failed)} failed the policy")


def render(run: Run, options: Options) -> str:
    """The whole text output (ends with a newline unless empty)."""
    lines = [line for result in run.files for line in file_lines(result, options)]
    if options.quiet == 0 and run.files:
        lines.append(totals(run))
    return "\n".join(lines) + "\n" if lines else ""
