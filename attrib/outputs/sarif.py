"""`-f sarif`: SARIF 2.1.0 for code-scanning tools (GitHub code scanning, VS Code SARIF viewer).

One run; `tool.driver.rules` holds every finding code from checks.toml with its
why and `helpUri`; each result carries `ruleId`, its level, the region in
1-based lines and Unicode-code-point columns, and the finding fingerprint under
`partialFingerprints`. Suppressed findings are kept, with a SARIF `suppressions`
entry (`inSource` for inline markers, `external` for config and baseline), so
viewers hide them but the record stays complete.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from attrib import __version__
from attrib.outputs import Options, Run
from attrib.outputs.json import dumps
from attrib.records import Finding

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "attribFingerprint/v1"


def artifact_uri(path: str) -> dict[str, str]:
    """An artifactLocation: relative paths against %SRCROOT%, absolute ones as file URIs."""
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": pure.as_uri()}
    return {"uri": quote(pure.as_posix(), errors="surrogateescape"), "uriBaseId": "%SRCROOT%"}  # raw bytes: %FF


def rules() -> list[dict[str, Any]]:
    """reportingDescriptor objects for every finding code, in code order."""
    from attrib.audit.checks import load_checks

    out = []
    for code, check in sorted(load_checks().items()):
        rule: dict[str, Any] = {
            "id": code,
            "name": check.name,
            "shortDescription": {"text": check.name.replace("-", " ")},
            "fullDescription": {"text": check.why},
            "defaultConfiguration": {"level": LEVELS[check.severity]},
        }
        if check.link:
            rule["helpUri"] = check.link
        out.append(rule)
    return out


def result(path: str, finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    """One SARIF result for a finding."""
    item: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_uri(path),
                    "region": {
                        "startLine": finding.line,
                        "startColumn": finding.col,
                        "endLine": finding.end_line,
                        "endColumn": finding.end_col,
                        "snippet": {"text": finding.span.text},
                    },
                },
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
    }
    if finding.code in index:
        item["ruleIndex"] = index[finding.code]
    if finding.suppression is not None:
        kind = "inSource" if finding.suppression.kind == "inline" else "external"
        item["suppressions"] = [
            {"kind": kind, "justification": f"{finding.suppression.kind}: {finding.suppression.reason}"}
        ]
    return item


def document(run: Run) -> dict[str, Any]:
    """The SARIF log as a dict."""
    driver_rules = rules()
    index = {rule["id"]: n for n, rule in enumerate(driver_rules)}
    results = [
        result(file.audit.path, finding, index)
        for file in run.files
        for finding in (*file.shown, *(f for f in file.suppressed if _at_least(f, file.min_severity)))
    ]
    notifications = [{"level": "error", "message": {"text": f"{path}: {reason}"}} for path, reason in run.errors]
    invocation: dict[str, Any] = {"executionSuccessful": not run.errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "attrib",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": driver_rules,
                    }
                },
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "the folder attrib was run from"}}},
                "results": results,
                "properties": {
                    "files": [
                        {"path": f.audit.path, "score": f.audit.score.value, "failures": list(f.failures)}
                        for f in run.files
                    ]
                },
            }
        ],
    }


def _at_least(finding: Finding, floor: str) -> bool:
    from attrib.records import SEVERITY_RANK

    return SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[floor]


def render(run: Run, options: Options) -> str:
    """The SARIF log as JSON text (stable key order, so byte-identical for identical input)."""
    return dumps(document(run), indent=2) + "\n"
