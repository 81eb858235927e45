"""Suppressions: each inline form, SP901/SP902, per-file ignores and the baseline.

Markers come from the real Markdown and HTML readers (their `Directive`s and
`Block`s); findings are hand-built at known offsets, so no model is needed
except for the SP901/SP902 examples of checks.toml, which run the whole engine.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from test_formats import audit as bare_audit

from attrib.audit.checks import SUPPRESSION_CODES, load_checks
from attrib.audit.policy import (
    SuppressionError,
    apply_baseline,
    apply_inline,
    apply_per_file,
    baseline_document,
    find_markers,
    parse,
    read_baseline,
)
from attrib.config import FileIgnore
from attrib.inputs import Text, read_bytes
from attrib.records import ArticleAudit, Finding, Span

STORY = """# Talks to resume

<!-- attrib: ignore[AN101] reason: the source is a minor -->
A senior official said the talks would resume.

Another official said the plan is set.

<!-- attrib: disable[AN1, WE302] reason: wire copy -->
As is known, the plant is closing. A third official agreed.

Experts said it was overdue.

<!-- attrib: enable[AN1,WE302] -->
As is known, it rains. A fourth official said so.
"""


def read(source: str, name: str = "story.md") -> Text:
    return read_bytes(source.encode("utf-8"), path=name)


def at(text: Text, phrase: str, code: str, nth: int = 0) -> Finding:
    """A finding on the nth occurrence of `phrase` in the audited text."""
    start = -1
    for _ in range(nth + 1):
        start = text.text.index(phrase, start + 1)
    line, col = text.offsets.locate(start)
    spec = load_checks()[code]
    return Finding(
        code,
        spec.name,
        spec.severity,
        f"{code} on {phrase}",
        spec.why,
        Span(start, start + len(phrase), phrase),
        0,
        line,
        col,
        line,
        col + len(phrase),
        f"{code}-{phrase}"[:16].ljust(16, "0"),
    )


def audited(text: Text, findings: list[Finding]) -> ArticleAudit:
    return replace(bare_audit(text.path), text=text.text, findings=tuple(findings))


def by_code(result: ArticleAudit) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for finding in result.findings:
        out.setdefault(finding.code, []).append(finding)
    return out


# --- markers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "comment, expected",
    [
        ("attrib: ignore[AN101] reason: the source is a minor", ("ignore", ("AN101",), "the source is a minor")),
        ("attrib:disable[an1, WE3]   reason:  wire\n copy ", ("disable", ("AN1", "WE3"), "wire copy")),
        ("attrib: enable[AN1]", ("enable", ("AN1",), "")),
        ("attrib: disable-file[SC202] reason: roundup", ("disable-file", ("SC202",), "roundup")),
        ("attrib: ignore[AN101]", ("ignore", ("AN101",), "")),
        ("attrib: ignore AN101", None),
        ("TODO check this quote", None),
    ],
)
def test_suppress_parse_marker(comment: str, expected: object) -> None:
    from attrib.inputs import Directive

    assert parse(Directive(comment, 0, 0, 1, 1)) == expected


def test_suppress_ignore_covers_only_the_next_block() -> None:
    text = read(STORY)
    findings = [at(text, "A senior official", "AN101"), at(text, "Another official", "AN101")]
    result = apply_inline(audited(text, findings), find_markers(text))
    first, second = by_code(result)["AN101"]
    assert first.suppression is not None and first.suppression.kind == "inline"
    assert first.suppression.reason == "the source is a minor" and first.suppression.line == 3
    assert second.suppression is None


def test_suppress_disable_enable_range_with_prefixes() -> None:
    text = read(STORY)
    findings = [
        at(text, "As is known", "WE302"),
        at(text, "A third official", "AN102"),
        at(text, "Experts", "AN103"),
        at(text, "As is known", "WE302", nth=1),
        at(text, "A fourth official", "AN101"),
    ]
    result = apply_inline(audited(text, findings), find_markers(text))
    suppressed = {(f.code, f.span.text, f.span.start) for f in result.findings if f.suppression}
    assert {(code, phrase) for code, phrase, _ in suppressed} == {
        ("WE302", "As is known"),
        ("AN102", "A third official"),
        ("AN103", "Experts"),
    }
    assert len([f for f in result.findings if f.code == "WE302" and f.suppression is None]) == 1  # after enable
    assert "SP902" in by_code(result)  # the ignore[AN101] had nothing to cover here


def test_suppress_disable_without_enable_runs_to_the_end_and_disable_file() -> None:
    text = read(
        "First paragraph.\n\n<!-- attrib: disable[WE3] reason: archive copy -->\n"
        "It was reported that prices rose.\n\nReportedly it rained.\n"
    )
    findings = [at(text, "It was reported", "WE301"), at(text, "Reportedly", "WE303")]
    result = apply_inline(audited(text, findings), find_markers(text))
    assert all(f.suppression for f in result.findings)
    text = read(
        "Officials said it rained.\n\nIt was reported that prices rose.\n\n"
        "<!-- attrib: disable-file[AN, WE301] reason: a roundup by design -->\n"
    )
    findings = [at(text, "Officials", "AN103"), at(text, "It was reported", "WE301")]
    result = apply_inline(audited(text, findings), find_markers(text))
    assert all(f.suppression and f.suppression.reason == "a roundup by design" for f in result.findings)


def test_suppress_without_reason_is_not_applied_and_raises_sp901() -> None:
    text = read("<!-- attrib: ignore[AN101] -->\nA senior official said the talks would resume.\n")
    result = apply_inline(audited(text, [at(text, "A senior official", "AN101")]), find_markers(text))
    codes = by_code(result)
    assert codes["AN101"][0].suppression is None
    [sp901] = codes["SP901"]
    assert sp901.severity == "error" and sp901.name == "suppression-without-reason"
    assert (sp901.line, sp901.col) == (1, 1)
    assert "<!-- attrib: ignore[AN101] -->" in sp901.message
    assert "SP902" not in codes


def test_suppress_unused_markers_raise_sp902() -> None:
    text = read(
        "<!-- attrib: ignore[AN101] reason: minor -->\nMayor Ana Ruiz said the talks would resume.\n\n"
        "<!-- attrib: enable[WE3] -->\nIt rained.\n\n<!-- attrib: ignore[AN101] reason: trailing -->\n"
    )
    result = apply_inline(audited(text, []), find_markers(text))
    sp902 = by_code(result)["SP902"]
    assert [f.line for f in sp902] == [1, 4, 7]
    assert all(f.severity == "info" and f.suppression is None for f in sp902)


def test_suppress_html_comment_before_paragraph() -> None:
    text = read(
        "<h1>Talks</h1>\n<!-- attrib: ignore[AN101] reason: minor --><p>A senior official said so.</p>"
        "<p>Another official said so.</p>",
        "page.html",
    )
    findings = [at(text, "A senior official", "AN101"), at(text, "Another official", "AN101")]
    result = apply_inline(audited(text, findings), find_markers(text))
    assert [f.suppression is not None for f in result.findings] == [True, False]


def test_suppress_plain_text_has_no_markers() -> None:
    text = read("<!-- attrib: ignore[AN101] reason: minor -->\nA senior official said so.\n", "story.txt")
    assert find_markers(text) == []


def test_suppress_per_file_ignores() -> None:
    text = read("Officials said it rained.\n", "wire/a.txt")
    findings = [at(text, "Officials", "AN103"), at(text, "Officials", "AN101")]
    entry = FileIgnore("/base", "wire/*.txt", ("AN103",), "attrib.toml")
    result = apply_per_file(audited(text, findings), [entry])
    [an103, an101] = sorted(result.findings, key=lambda f: f.code, reverse=True)
    assert an103.suppression is not None and an103.suppression.kind == "per-file"
    assert an103.suppression.reason == "per-file-ignores 'wire/*.txt' in attrib.toml"
    assert an101.suppression is None


# --- baseline --------------------------------------------------------------------------


def test_suppress_baseline_round_trip_survives_moved_lines(tmp_path: Path) -> None:
    text = read("Officials said it rained.\n\nIt was reported that prices rose.\n", "drafts/a.txt")
    first = audited(text, [at(text, "Officials", "AN103"), at(text, "It was reported", "WE301")])
    baseline = tmp_path / "attrib-baseline.json"
    content, count = baseline_document([first], baseline)
    assert count == 2
    baseline.write_text(content, encoding="utf-8")
    assert content == baseline_document([first], baseline)[0]  # deterministic
    moved = read(
        "A new first paragraph.\n\nOfficials said it rained.\n\nIt was reported that prices rose.\n", "drafts/a.txt"
    )
    second = audited(
        moved,
        [at(moved, "Officials", "AN103"), at(moved, "It was reported", "WE301"), at(moved, "A new first", "WE303")],
    )
    assert second.findings[0].line != first.findings[0].line  # the lines moved ...
    [result], fixed = apply_baseline([second], baseline, read_baseline(baseline))
    kinds = {f.code: f.suppression.kind if f.suppression else None for f in result.findings}
    assert kinds == {"AN103": "baseline", "WE301": "baseline", "WE303": None}  # ... the baseline still matches
    assert fixed == 0


def test_suppress_baseline_reports_fixed_entries_of_audited_files_only(tmp_path: Path) -> None:
    text = read("Officials said it rained.\n", "a.txt")
    other = read("Experts said so.\n", "b.txt")
    baseline = tmp_path / "b.json"
    content, _ = baseline_document(
        [audited(text, [at(text, "Officials", "AN103")]), audited(other, [at(other, "Experts", "AN103")])], baseline
    )
    baseline.write_text(content, encoding="utf-8")
    _, fixed = apply_baseline([audited(text, [])], baseline, read_baseline(baseline))
    assert fixed == 1  # a.txt's entry is gone; b.txt was not audited, so its entry is not "fixed"


@pytest.mark.parametrize(
    "content, reason",
    [
        (None, "no such baseline file"),
        ("{not json", "invalid JSON"),
        ('{"findings": []}', "not an attrib baseline"),
        ('{"attrib_baseline": 1, "findings": [{"path": "a"}]}', "not an attrib baseline"),
    ],
)
def test_suppress_bad_baseline(tmp_path: Path, content: str | None, reason: str) -> None:
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(SuppressionError) as info:
        read_baseline(path)
    assert reason in str(info.value) and str(path) in str(info.value)


# --- the examples of SP901 / SP902 in checks.toml, through the whole engine ------------


def _examples() -> list[object]:
    cases = []
    for code in SUPPRESSION_CODES:
        spec = load_checks()[code]
        cases += [pytest.param(code, True, text, id=f"{code}-flag-{i}") for i, text in enumerate(spec.flag)]
        cases += [pytest.param(code, False, text, id=f"{code}-pass-{i}") for i, text in enumerate(spec.passes)]
    return cases


@pytest.mark.model
@pytest.mark.parametrize("code, flags, example", _examples())
def test_suppress_checks_toml_examples(nlp: object, code: str, flags: bool, example: str) -> None:
    from attrib.pipeline import audit_doc, model_name, normalise

    text = read(example, "example.md")
    result = audit_doc(nlp(normalise(text.text)), text, model_name(nlp))  # type: ignore[operator]  (inline markers apply)
    assert (code in [f.code for f in result.findings]) == flags, json.dumps([f.to_dict() for f in result.findings])
