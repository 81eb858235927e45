"""`--summary PATH`: a markdown summary for people, e.g. for `$GITHUB_STEP_SUMMARY`.

A verdict, one table row per file (grade and its rubric word, score, counts
per label, findings by severity, suppressed, result) and the findings shown. It stays below GitHub's
1 MiB step-summary limit: past `MAX_BYTES` the findings list is cut with a note.
With `-f github` it also says how many annotations GitHub did not display.
"""

from __future__ import annotations

import re

from attrib.errors import one_line
from attrib.outputs import Run
from attrib.records import LABELS

MAX_BYTES = 1_000_000  # GitHub refuses step summaries over 1 MiB


def _cell(value: str) -> str:
    """Text safe inside a markdown table cell."""
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("\r", " ")


def _code(value: str) -> str:
    """Inline code that holds any file name: one line, fenced by more backticks than it contains.

    Control characters (a newline would end the code span, and the table row)
    are shown escaped; CommonMark strips one space inside each fence, so a
    value that starts or ends with a backtick keeps it.
    """
    value = one_line(value)
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    if longest or value.startswith(" ") or value.endswith(" "):
        return f"{fence} {value} {fence}"
    return f"{fence}{value}{fence}"


def render(run: Run, fmt: str = "text") -> str:
    """The summary markdown.

    Args:
        run: the results.
        fmt: the `--format` of the run; with "github" the summary counts the
            annotations GitHub will not display.
    """
    failed = len(run.failed)
    verdict = "failed" if failed or run.errors else "passed"
    head = [f"## attrib: sourcing audit {verdict}", ""]
    total = len(run.files) + len(run.errors)
    head.append(
        f"{total} file(s) checked: {len(run.files) - failed} passed, {failed} failed the policy"
        + (f", {len(run.errors)} could not be read." if run.errors else ".")
    )
    head.append("")
    if fmt == "github":
        from attrib.outputs.github import ANNOTATION_LIMIT, hidden

        missing = hidden(run)
        if any(missing.values()):
            unshown = ", ".join(f"{n} {kind}" for kind, n in missing.items() if n)
            head += [
                f"> GitHub displays at most {ANNOTATION_LIMIT} annotations of each type per step: "
                f"{unshown} annotation(s) were not shown. Every finding is listed below.",
                "",
            ]
    head += [
        "| file | grade | score | " + " | ".join(LABELS) + " | error | warning | info | suppressed | result |",
        "|---" * (len(LABELS) + 8) + "|",
    ]
    rows: list[str] = []  # cut with the findings when the summary grows too large
    for result in run.files:
        audit = result.audit
        counts = audit.counts()
        shown = result.shown
        score = "n/a" if audit.score.value is None else str(audit.score.value)
        grade = "n/a" if audit.score.grade is None else f"{audit.score.grade}/5 {audit.score.grade_word}"
        outcome = "fail: " + "; ".join(result.failures) if result.failures else "pass"
        rows.append(
            f"| {_cell(_code(audit.path))} | {_cell(grade)} | {score} | "
            + " | ".join(str(counts[label]) for label in LABELS)
            + " | "
            + " | ".join(str(sum(1 for f in shown if f.severity == level)) for level in ("error", "warning", "info"))
            + f" | {len(result.suppressed)} | {_cell(outcome)} |"
        )
    for path, reason in run.errors:
        rows.append(
            f"| {_cell(_code(path))} | n/a | n/a | " + " | ".join("" for _ in LABELS) + " |  |  |  |  | "
            f"{_cell('error: ' + reason)} |"
        )
    findings = [(result.audit.path, f) for result in run.files for f in result.shown]
    body: list[str] = rows
    if findings:
        body += ["", "### Findings", ""]
        for path, finding in findings:
            body.append(
                f"- {_code(f'{path}:{finding.line}:{finding.col}')} **{finding.code}** "
                f"[{finding.severity}] {_cell(finding.message)}"
            )
    if run.notes:
        body += ["", *(f"> {_cell(one_line(note))}" for note in run.notes)]
    parts = ["\n".join(head) + "\n"]
    size = len(parts[0].encode("utf-8"))
    for index, line in enumerate(body):
        size += len(line.encode("utf-8")) + 1
        if size > MAX_BYTES - 200:  # room for the note
            parts.append(f"\n> Summary truncated: {len(body) - index} more line(s) not shown (GitHub's 1 MiB limit).\n")
            break
        parts.append(line + "\n")
    return "".join(parts)
