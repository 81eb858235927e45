"""`-f text`: one line per finding, one summary line per file, a closing total.

    path: grade 2/5 weak (score 22/100): 5 of 12 claims that need a source have one (1 named); ...
    path:line:col: AN101 [error] message
    path: score = 100 * (...) / (12 need) = 22
    path: score 22/100 | 22 sentences: 2 named, ... | report: attrib-reports/x.html

`-v` adds every sentence with its label and, for each source, the questions an
editor would ask the reporter about it; `-vv` adds each
finding's why and the suppressed findings. `-q` prints findings only, `-qq`
nothing (the exit code still tells).
"""

from __future__ import annotations

import click

from attrib.errors import one_line
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


def grade_line(audit: ArticleAudit) -> str:
    """The file's first line: the rubric grade and, in an editor's words, what earned it."""
    score = audit.score
    if score.grade is None:
        return f"{shown_path(audit.path)}: no grade (nothing scored): {score.note or score.summary}"
    return (
        f"{shown_path(audit.path)}: grade {score.grade}/5 {score.grade_word} (score {score.value}/100): {score.summary}"
    )


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


def question_lines(audit: ArticleAudit) -> list[str]:
    """`path:line:col: ASK S1 'a senior official': question`, one line per question, at the source's first mention."""
    lines = []
    for source in audit.sources:
        if not source.questions:
            continue
        sentence = audit.sentences[source.mentions[0].sentence]
        before = audit.text[sentence.span.start : source.mentions[0].span.start]
        line = sentence.line + before.count("\n")
        col = sentence.col + len(before) if "\n" not in before else len(before) - before.rindex("\n")
        for question in source.questions:
            lines.append(
                f"{shown_path(audit.path)}:{line}:{col}: ASK {source.id} {one_line(repr(source.text))}: {one_line(question)}"
            )
    return lines


def file_lines(result: FileResult, options: Options) -> list[str]:
    """The lines for one file, honouring -v/-q."""
    audit = result.audit
    path = shown_path(audit.path)
    lines: list[str] = []
    if options.quiet >= 2:
        return lines
    if not options.quiet:
        lines.append(grade_line(audit))
    if options.verbose >= 1 and options.quiet == 0:
        for sentence in audit.sentences:
            lines.append(f"{path}:{sentence.line}:{sentence.col}: {sentence.label.upper()} {one_line(sentence.why)}")
        lines.extend(question_lines(audit))
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
    return (
        f"{len(run.files)} {files}: {len(shown)} {noun} ({by_level}), {suppressed} suppressed; "
        f"{len(run.failed)} failed the policy"
    )


def render(run: Run, options: Options) -> str:
    """The whole text output (ends with a newline unless empty)."""
    lines = [line for result in run.files for line in file_lines(result, options)]
    if options.quiet == 0 and run.files:
        lines.append(totals(run))
    return "\n".join(lines) + "\n" if lines else ""
