"""`-f github`: GitHub Actions workflow commands that become annotations on the pull request.

    ::error file=a.md,line=4,col=52,endLine=4,endColumn=67,title=attrib AN101::message%0Awhy: ...

GitHub displays at most 10 annotations of each type (error, warning, notice)
per step, so the most severe come first and `hidden()` counts the rest for the
markdown summary. A file that fails only on its score gets one file-level
error annotation saying so.
"""

from __future__ import annotations

from attrib.errors import one_line
from attrib.outputs import Options, Run, by_severity

# GitHub's limit per annotation type and step.
ANNOTATION_LIMIT = 10
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
ORDER = ("error", "warning", "notice")


def escape_data(value: str) -> str:
    """Escape a command's message: `%`, CR and LF (the runner's own escaping rules).

    Other control characters (terminal escapes in a file name or article) are
    shown escaped first, as on the terminal (`one_line`), so the log stays inert.
    """
    value = "".join(char if char in "\r\n" else one_line(char) for char in value)
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a property value: as a message, plus `:` and `,`, which delimit properties."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **properties: object) -> str:
    """One workflow command line, properties in the order given."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{kind} {props}::{escape_data(message)}"


def annotation_lines(run: Run) -> list[tuple[str, str]]:
    """(type, line) for every annotation, most severe first, then input and reading order."""
    out: list[tuple[str, str]] = []
    for result in run.files:
        for reason in result.failures:
            if "fail-level" not in reason:  # finding failures are annotated on the findings themselves
                out.append(
                    (
                        "error",
                        command(
                            "error",
                            f"attrib: {result.audit.path} fails the policy: {reason}",
                            file=result.audit.path,
                            title="attrib policy",
                        ),
                    )
                )
    findings = [(result.audit.path, f) for result in run.files for f in result.shown]
    ranked = by_severity([f for _, f in findings])
    path_of = {id(f): path for path, f in findings}
    for finding in ranked:
        kind = COMMANDS[finding.severity]
        message = f"{finding.message}\nwhy: {finding.why}" if finding.why else finding.message
        out.append(
            (
                kind,
                command(
                    kind,
                    message,
                    file=path_of[id(finding)],
                    line=finding.line,
                    col=finding.col,
                    endLine=finding.end_line,
                    endColumn=finding.end_col,
                    title=f"attrib {finding.code}",
                ),
            )
        )
    for path, reason in run.errors:
        out.insert(0, ("error", command("error", f"{path}: {reason}", title="attrib input error")))
    out.sort(key=lambda item: ORDER.index(item[0]))  # stable: keeps the order within a type
    return out


def hidden(run: Run) -> dict[str, int]:
    """How many annotations of each type GitHub will not display (beyond 10 per type)."""
    counts = {kind: 0 for kind in ORDER}
    for kind, _ in annotation_lines(run):
        counts[kind] += 1
    return {kind: max(0, n - ANNOTATION_LIMIT) for kind, n in counts.items()}


def render(run: Run, options: Options) -> str:
    """Every annotation, one per line."""
    return "".join(line + "\n" for _, line in annotation_lines(run))
