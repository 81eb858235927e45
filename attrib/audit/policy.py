"""Suppressions: inline markers, per-file ignores and the baseline.

Markdown and HTML drafts carry markers in comments, Word drafts in margin
comments with the same text; the readers hand them over as `Directive`s:

    <!-- attrib: ignore[AN101] reason: the source is a minor -->     the next block
    <!-- attrib: disable[AN102, WE3] reason: wire copy -->            from here ...
    <!-- attrib: enable[AN102, WE3] -->                               ... to here
    <!-- attrib: disable-file[SC202] reason: a roundup by design -->  the whole file

A marker names codes or code prefixes. A Word comment covers the text it is
anchored to. A marker without a reason is not applied and is itself reported
(SP901); a marker that suppresses nothing is reported too (SP902). Plain-text
copy carries no markers (it is publishable as it is): `per-file-ignores` and
the baseline cover it. A baseline records findings by path + code +
fingerprint (a hash of the code and the sentence), so a finding still matches
after its sentence moves.

Suppressed findings stay in the audit with `suppression` set; they are shown
apart and never count for the exit code.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from attrib.errors import SuppressionError
from attrib.inputs import Directive, Text
from attrib.outputs.json import dumps as json_dumps
from attrib.records import ArticleAudit, Finding, Span, Suppression

BASELINE_VERSION = 1

_MARKER = re.compile(
    r"attrib:\s*(?P<action>ignore|disable-file|disable|enable)\s*\[(?P<codes>[^\]]*)\]"
    r"(?:\s*reason:(?P<reason>.*))?\s*",
    re.S | re.I,
)
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")


@dataclass(frozen=True)
class Marker:
    """One inline suppression marker.

    Attributes:
        action: ignore, disable, enable or disable-file.
        codes: the codes or code prefixes it names.
        reason: the stated reason ("" when missing).
        directive: the comment it was read from (its position in the file).
        covers: the [start, end) offsets of the audited text it suppresses;
            None for enable, and for an ignore with no block after it.
        closes: for enable, whether it ends an open disable range.
    """

    action: str
    codes: tuple[str, ...]
    reason: str
    directive: Directive
    covers: tuple[int, int] | None
    closes: bool = False

    def applies_to(self, code: str) -> bool:
        return any(code.startswith(prefix) for prefix in self.codes)

    @property
    def shown(self) -> str:
        """The marker as the writer typed it, for messages."""
        return f"<!-- {self.directive.text} -->"


def parse(directive: Directive) -> tuple[str, tuple[str, ...], str] | None:
    """(action, codes, reason) of a directive, or None when it is not an attrib marker."""
    match = _MARKER.fullmatch(directive.text.strip())
    if match is None:
        return None
    codes = tuple(code for code in re.split(r"[\s,]+", match.group("codes").strip().upper()) if code)
    reason = " ".join((match.group("reason") or "").split())
    return match.group("action").lower(), codes, reason


def find_markers(text: Text) -> list[Marker]:
    """Every suppression marker of an article, with the stretch of text each one covers.

    Args:
        text: the article as read; its `directives` are the comments, its
            `blocks` the paragraphs an `ignore` can cover.

    Returns:
        The markers in file order.
    """
    markers: list[Marker] = []
    open_ranges: dict[str, int] = {}  # code -> index into markers of its open disable
    for directive in sorted(text.directives, key=lambda d: (d.start, d.line, d.col)):
        parsed = parse(directive)
        if parsed is None:
            continue
        action, codes, reason = parsed
        covers: tuple[int, int] | None
        if directive.end > directive.start:  # a Word comment: the text it is anchored to
            covers = (directive.start, directive.end) if action != "enable" else None
        elif action == "ignore":
            covers = _next_block(text, directive.start)
        elif action == "disable-file":
            covers = (0, len(text.text))
        elif action == "disable":
            covers = (directive.start, len(text.text))  # closed below when an enable names its codes
        else:
            covers = None
        if action == "disable":
            for code in codes:
                open_ranges[code] = len(markers)
        closes = False
        if action == "enable":
            for code in codes:
                index = open_ranges.pop(code, None)
                if index is not None:
                    closes = True
                    start, _ = markers[index].covers  # type: ignore[misc]
                    markers[index] = replace(markers[index], covers=(start, directive.start))
        markers.append(Marker(action, codes, reason, directive, covers, closes))
    return markers


def _next_block(text: Text, offset: int) -> tuple[int, int] | None:
    """The block starting at or after `offset`: from the reader's blocks, else up to a blank line."""
    for block in text.blocks:
        if block.start >= offset:
            return (block.start, block.end)
    if text.blocks:
        return None
    start = offset
    while start < len(text.text) and text.text[start].isspace():
        start += 1
    if start >= len(text.text):
        return None
    blank = _BLANK_LINE.search(text.text, start)
    return (start, blank.start() if blank else len(text.text))


def _sentence_at(audit: ArticleAudit, offset: int) -> int:
    for sentence in audit.sentences:
        if sentence.span.end > offset:
            return sentence.index
    return audit.sentences[-1].index if audit.sentences else 0


def _finding(audit: ArticleAudit, code: str, marker: Marker) -> Finding:
    """An SP9xx finding about a marker; its text comes from checks.toml like every other code."""
    from attrib.audit.checks import fingerprint, load_checks

    check = load_checks()[code]
    directive = marker.directive
    span = Span(directive.start, directive.end, audit.text[directive.start : directive.end])
    return Finding(
        code=code,
        name=check.name,
        severity=check.severity,
        message=check.message.format(phrase=marker.shown),
        why=check.why,
        span=span,
        sentence=_sentence_at(audit, directive.start),
        line=directive.line,
        col=directive.col,
        end_line=directive.line,
        end_col=directive.col + (len(marker.shown) if directive.end == directive.start else 1),
        fingerprint=fingerprint(code, marker.shown, marker.shown),
    )


def apply_inline(audit: ArticleAudit, markers: Sequence[Marker]) -> ArticleAudit:
    """Mark the findings the markers cover, and report markers without a reason or without use.

    Args:
        audit: the audit whose findings to suppress.
        markers: from `find_markers` on the same article.

    Returns:
        The audit with `suppression` set on covered findings and SP901/SP902
        findings added.
    """
    findings = list(audit.findings)
    added: list[Finding] = []
    for marker in markers:
        if marker.action != "enable" and not marker.reason:
            added.append(_finding(audit, "SP901", marker))
            continue
        if marker.covers is None:
            if marker.action != "enable" or not marker.closes:  # nothing after it, or an enable closing nothing
                added.append(_finding(audit, "SP902", marker))
            continue
        start, end = marker.covers
        used = False
        for index, finding in enumerate(findings):
            if (
                start <= finding.span.start < end
                and marker.applies_to(finding.code)
                and (finding.suppression is None or finding.suppression.kind == "inline")
            ):
                used = True
                if finding.suppression is None:
                    findings[index] = replace(
                        finding, suppression=Suppression("inline", marker.reason, marker.directive.line)
                    )
        if not used:
            added.append(_finding(audit, "SP902", marker))
    return replace(audit, findings=sort_findings([*findings, *added]))


def apply_per_file(audit: ArticleAudit, entries: Sequence[Any]) -> ArticleAudit:
    """Suppress the codes `per-file-ignores` names for this file.

    Args:
        audit: the audit.
        entries: the config's matching `FileIgnore` entries (pattern, codes, origin).
    """
    findings = []
    for finding in audit.findings:
        entry = next((e for e in entries if any(finding.code.startswith(c) for c in e.codes)), None)
        if entry is not None and finding.suppression is None:
            finding = replace(
                finding, suppression=Suppression("per-file", f"per-file-ignores {entry.pattern!r} in {entry.origin}")
            )
        findings.append(finding)
    return replace(audit, findings=tuple(findings))


def sort_findings(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    """Findings in reading order (a stable order keeps the JSON byte-identical)."""
    return tuple(sorted(findings, key=lambda f: (f.line, f.col, f.code, f.fingerprint, f.message)))


# --- baseline ------------------------------------------------------------------------


def baseline_key(path: str, baseline: Path) -> str:
    """The path as a baseline records it: relative to the baseline's folder, with `/`."""
    absolute = Path(os.path.abspath(path))
    try:
        return Path(os.path.relpath(absolute, os.path.abspath(baseline.parent))).as_posix()
    except ValueError:  # another drive (Windows)
        return absolute.as_posix()


def baseline_document(audits: Sequence[ArticleAudit], baseline: Path) -> tuple[str, int]:
    """The baseline recording every finding not already suppressed inline or per file.

    Args:
        audits: the audited files.
        baseline: where the baseline will be written (paths are relative to its folder).

    Returns:
        The JSON text (sorted, so byte-identical for the same findings) and the entry count.
    """
    entries = sorted(
        (
            {
                "path": baseline_key(audit.path, baseline),
                "code": f.code,
                "fingerprint": f.fingerprint,
                "message": f.message,
            }
            for audit in audits
            for f in audit.findings
            if f.suppression is None
        ),
        key=lambda e: (e["path"], e["code"], e["fingerprint"], e["message"]),
    )
    document = {"attrib_baseline": BASELINE_VERSION, "findings": entries}
    return json_dumps(document, indent=2) + "\n", len(entries)


def read_baseline(baseline: Path) -> Counter[tuple[str, str, str]]:
    """The (path, code, fingerprint) entries of a baseline file, with multiplicity.

    Raises:
        SuppressionError: missing, unreadable or not a baseline.
    """
    try:
        document = json.loads(baseline.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SuppressionError(str(baseline), "no such baseline file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise SuppressionError(
            str(baseline), f"cannot read baseline: {getattr(err, 'strerror', None) or err}"
        ) from None
    except json.JSONDecodeError as err:
        raise SuppressionError(str(baseline), f"not a baseline file (invalid JSON: {err})") from None
    except RecursionError:  # json.loads recurses once per nested array or object
        raise SuppressionError(str(baseline), "not a baseline file (JSON nested too deeply)") from None
    entries = document.get("findings") if isinstance(document, dict) else None
    if (
        not isinstance(document, dict)
        or document.get("attrib_baseline") != BASELINE_VERSION
        or not isinstance(entries, list)
        or not all(
            isinstance(e, dict) and all(isinstance(e.get(k), str) for k in ("path", "code", "fingerprint"))
            for e in entries
        )
    ):
        raise SuppressionError(
            str(baseline),
            f"not an attrib baseline (expected attrib_baseline = "
            f"{BASELINE_VERSION} and findings with path, code, fingerprint)",
        )
    return Counter((e["path"], e["code"], e["fingerprint"]) for e in entries)


@dataclass(frozen=True)
class Baseline:
    """A baseline file as read: where it is (paths are relative to its folder) and its entries.

    Attributes:
        path: the baseline file.
        entries: (path, code, fingerprint) -> how many findings it records.
    """

    path: Path
    entries: Counter[tuple[str, str, str]]

    def apply(self, audit: ArticleAudit) -> ArticleAudit:
        """Suppress the findings of `audit` the baseline records (each entry once per recorded finding)."""
        path = baseline_key(audit.path, self.path)
        remaining = Counter({key: n for key, n in self.entries.items() if key[0] == path})
        findings = []
        for finding in audit.findings:
            key = (path, finding.code, finding.fingerprint)
            if finding.suppression is None and remaining[key] > 0:
                remaining[key] -= 1
                finding = replace(finding, suppression=Suppression("baseline", f"recorded in {self.path}"))
            findings.append(finding)
        return replace(audit, findings=tuple(findings))

    def unmatched(self, audits: Sequence[ArticleAudit]) -> int:
        """How many entries of the audited files matched no finding (findings since fixed)."""
        audited = {baseline_key(audit.path, self.path) for audit in audits}
        recorded = sum(n for (path, _, _), n in self.entries.items() if path in audited)
        matched = sum(
            1
            for audit in audits
            for f in audit.findings
            if f.suppression is not None and f.suppression.kind == "baseline"
        )
        return recorded - matched


def apply_baseline(
    audits: Sequence[ArticleAudit], baseline: Path, entries: Counter[tuple[str, str, str]]
) -> tuple[list[ArticleAudit], int]:
    """Suppress the findings a baseline records.

    Returns:
        The audits with baseline suppressions set, and how many baseline
        entries of the audited files matched nothing (findings since fixed).
    """
    recorded = Baseline(baseline, entries)
    out = [recorded.apply(audit) for audit in audits]
    return out, recorded.unmatched(out)
