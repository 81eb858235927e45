"""The `attrib` command line through click's CliRunner: outputs, files written, exit codes.

Tests marked `model` run the real pipeline; the model loads once per process
(attrib.pipeline.load_nlp is cached), so each invocation after the first is fast.
The others stop before the model is needed (bad input, bad options, `attrib rule`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from attrib import __version__
from attrib.cli import main
from attrib.engine.rules import load_rules
from attrib.records import LABELS, SCHEMA_VERSION

ROOT = Path(__file__).resolve().parent.parent
NPR = ROOT / "seeds" / "npr-atacms.txt"
NYT = ROOT / "seeds" / "nyt-relay-atacms.txt"
SHORT_ARTICLE = (
    "Mayor Ana Ruiz said the bridge would reopen on Friday. "
    "A city official, who was not authorized to speak publicly, said the repairs cost $2 million. "
    "The bridge was built in 1961.\n"
)


def _runner() -> CliRunner:
    """A runner that keeps stderr apart from stdout (click 8.2+ always does; 8.1 needs mix_stderr)."""
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


def run(*args: Any, input: str | bytes | None = None) -> Result:
    """Invoke `attrib ARGS`; an exception other than SystemExit is a bug and is re-raised."""
    result = _runner().invoke(main, [str(arg) for arg in args], input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.stdout
    assert "Traceback" not in result.stderr
    return result


def error_line(result: Result, path: str | None = None) -> str:
    """The one stderr line of a failed run, checked for the `attrib: error: ` form."""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, f"expected exactly one line on stderr, got {result.stderr!r}"
    prefix = "attrib: error: " if path is None else f"attrib: error: {path}: "
    assert lines[0].startswith(prefix), lines[0]
    return lines[0]


def assert_self_contained_html(path: Path) -> None:
    """A complete HTML page that loads nothing from outside the file."""
    assert path.is_file(), f"no report at {path}"
    html = path.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert "</html>" in html.lower()
    assert "<style" in html.lower()
    for match in re.finditer(r"<[a-zA-Z][^>]*?\s(?:src|href)\s*=\s*[\"']?([^\"'\s>]*)", html):
        assert match.group(1).startswith(("#", "data:")), f"external resource in report: {match.group(0)!r}"
    assert not re.search(r"<link\b[^>]*\bstylesheet\b", html, re.I)
    assert not re.search(r"url\(\s*[\"']?(?:https?:)?//", html)


def summary_lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if re.search(r": score (?:\d+/100|n/a) ", line)]


def assert_summary(line: str, path: str, report: Path | None) -> None:
    """path, score, a count for each of the four labels and (optionally) the report path."""
    assert line.startswith(f"{path}: score "), line
    for label in LABELS:
        assert re.search(rf"\b\d+ {label}\b", line), f"no {label} count in {line!r}"
    if report is None:
        assert "report:" not in line
    else:
        assert line.endswith(f"report: {report}"), line


def files_under(folder: Path) -> set[Path]:
    return {path.relative_to(folder) for path in folder.rglob("*")}


# --- audit: summary and HTML reports -----------------------------------------------


@pytest.mark.model
def test_cli_audit_prints_summary_and_writes_html(tmp_path: Path) -> None:
    report = tmp_path / "r.html"
    result = run("audit", NPR, "--html", report)
    assert result.exit_code == 0, result.stderr
    lines = summary_lines(result.stdout)
    assert len(lines) == 1, result.stdout
    assert_summary(lines[0], str(NPR), report)
    assert_self_contained_html(report)
    assert "ATACMS" in report.read_text(encoding="utf-8")
    assert files_under(tmp_path) == {Path("r.html")}  # no temporary file left behind


@pytest.mark.model
def test_cli_audit_two_inputs_write_a_report_each(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    result = run("audit", NPR, NYT, "--html", folder, "--exit-zero")  # the NYT seed fails the default policy
    assert result.exit_code == 0, result.stderr
    lines = summary_lines(result.stdout)
    assert len(lines) == 2, result.stdout
    assert_summary(lines[0], str(NPR), folder / "npr-atacms.html")
    assert_summary(lines[1], str(NYT), folder / "nyt-relay-atacms.html")
    # Several reports get an overview page beside them (render.write_index) that links only to them.
    assert files_under(folder) == {Path("npr-atacms.html"), Path("nyt-relay-atacms.html"), Path("index.html")}
    for name in ("npr-atacms.html", "nyt-relay-atacms.html"):
        assert_self_contained_html(folder / name)
    index = (folder / "index.html").read_text(encoding="utf-8")
    # Failing articles first: the NYT relay fails the default policy, the NPR story passes.
    assert re.findall(r'(?:src|href)="([^"]*)"', index) == ["nyt-relay-atacms.html", "npr-atacms.html"]


@pytest.mark.model
def test_cli_audit_no_html_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("audit", NPR, "--no-html")
    assert result.exit_code == 0, result.stderr
    lines = summary_lines(result.stdout)
    assert len(lines) == 1
    assert_summary(lines[0], str(NPR), None)
    assert files_under(tmp_path) == set()


@pytest.mark.model
def test_cli_audit_default_report_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("audit", NPR)
    assert result.exit_code == 0, result.stderr
    report = Path("attrib-reports") / "npr-atacms.html"
    assert_summary(summary_lines(result.stdout)[0], str(NPR), report)
    assert_self_contained_html(tmp_path / report)


# --- audit: JSON, -o, -v ----------------------------------------------------------------


@pytest.mark.model
def test_cli_json_schema_and_offsets() -> None:
    result = run("audit", NPR, "--format", "json", "--no-html")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["schema_version"] == SCHEMA_VERSION
    assert document["attrib_version"] == __version__
    assert len(document["files"]) == 1
    audit = document["files"][0]
    assert audit["path"] == str(NPR)
    assert audit["text"] == NPR.read_bytes().decode("utf-8")
    assert isinstance(audit["score"], dict) and "value" in audit["score"]
    assert set(audit["counts"]) == set(LABELS)
    assert sum(audit["counts"].values()) == len(audit["sentences"]) > 0
    text = audit["text"]
    with_primary = 0
    for sentence in audit["sentences"]:
        assert {"start", "end", "text", "label", "primary", "why"} <= set(sentence)
        assert sentence["text"] == text[sentence["start"] : sentence["end"]]
        assert sentence["label"] in LABELS
        assert isinstance(sentence["why"], str) and sentence["why"]
        primary = sentence["primary"]
        if primary is None:
            continue
        with_primary += 1
        assert {"rule_id", "cue", "source"} <= set(primary)
        assert isinstance(primary["rule_id"], str) and primary["rule_id"]
        cue = primary["cue"]
        assert set(cue) >= {"start", "end", "text"}
        assert cue["text"] == text[cue["start"] : cue["end"]]
        assert sentence["start"] <= cue["start"] < cue["end"] <= sentence["end"] or primary["refers_to"] is not None
        if primary["source"] is not None:
            source = primary["source"]
            assert source["text"] == text[source["start"] : source["end"]]
    assert with_primary > 0, "no sentence of the NPR seed has a primary attribution"
    # the summary goes to stderr so that stdout stays machine-readable
    assert_summary(summary_lines(result.stderr)[0], str(NPR), None)


@pytest.mark.model
def test_cli_json_is_deterministic() -> None:
    first = run("audit", NPR, NYT, "--format", "json", "--no-html", "--exit-zero")
    second = run("audit", NPR, NYT, "--format", "json", "--no-html", "--exit-zero")
    assert first.exit_code == second.exit_code == 0
    assert first.stdout_bytes == second.stdout_bytes


@pytest.mark.model
def test_cli_output_file_json(tmp_path: Path) -> None:
    out = tmp_path / "out" / "audit.json"
    plain = run("audit", NPR, "--format", "json", "--no-html")
    result = run("audit", NPR, "--format", "json", "--no-html", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert out.read_bytes() == plain.stdout_bytes
    assert files_under(tmp_path) == {Path("out"), Path("out/audit.json")}  # renamed into place, no temp file


@pytest.mark.model
def test_cli_output_dash_is_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # "-o -" means stdout, as "-" means stdin for the input; no file named "-" appears
    monkeypatch.chdir(tmp_path)
    plain = run("audit", NPR, "--format", "json", "--no-html")
    result = run("audit", NPR, "--format", "json", "--no-html", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == plain.stdout_bytes
    assert files_under(tmp_path) == set()


@pytest.mark.model
def test_cli_output_file_text_replaces_existing(tmp_path: Path) -> None:
    out = tmp_path / "summary.txt"
    out.write_text("old content\n", encoding="utf-8")
    result = run("audit", NPR, "--no-html", "--output", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    content = out.read_text(encoding="utf-8")
    assert "old content" not in content
    assert_summary(summary_lines(content)[0], str(NPR), None)
    assert files_under(tmp_path) == {Path("summary.txt")}


@pytest.mark.model
def test_cli_unwritable_output_exits_2(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    result = run("audit", NPR, "--no-html", "-o", blocker / "out.json")
    assert result.exit_code == 2
    error_line(result, str(blocker / "out.json"))
    assert files_under(tmp_path) == {Path("a-file")}


@pytest.mark.model
def test_cli_unwritable_report_exits_2(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    result = run("audit", NPR, "--html", blocker / "r.html")
    assert result.exit_code == 2
    error_line(result, str(blocker / "r.html"))
    assert files_under(tmp_path) == {Path("a-file")}


@pytest.mark.model
def test_cli_verbose_prints_one_line_per_sentence() -> None:
    sentences = json.loads(run("audit", NPR, "--format", "json", "--no-html").stdout)["files"][0]["sentences"]
    result = run("audit", NPR, "--no-html", "-v")
    assert result.exit_code == 0, result.stderr
    pattern = re.compile(rf"^{re.escape(str(NPR))}:(\d+):(\d+): (NAMED|ANONYMOUS|PUBLICATION|UNATTRIBUTED) (.+)$")
    found = [match for match in map(pattern.match, result.stdout.splitlines()) if match]
    assert len(found) == len(sentences)
    for match, sentence in zip(found, sentences):
        assert (int(match.group(1)), int(match.group(2))) == (sentence["line"], sentence["col"])
        assert match.group(3) == sentence["label"].upper()
        assert match.group(4) == sentence["why"]
    assert len(summary_lines(result.stdout)) == 1


# --- audit: bad input ------------------------------------------------------------------


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "missing.txt"


def _directory(tmp_path: Path) -> Path:
    (tmp_path / "a-folder").mkdir()
    return tmp_path / "a-folder"


def _file(name: str, content: bytes):
    def build(tmp_path: Path) -> Path:
        path = tmp_path / name
        path.write_bytes(content)
        return path

    return build


BAD_INPUTS = [
    pytest.param(_missing, [], id="missing"),
    pytest.param(_directory, [], id="directory"),
    pytest.param(_file("empty.txt", b""), [], id="empty"),
    pytest.param(_file("blank.txt", b"  \n\t\n   \r\n"), [], id="whitespace-only"),
    pytest.param(_file("binary.txt", b"PK\x03\x04\x00\x00\x00binary\x00data" * 8), [], id="binary"),
    pytest.param(_file("long.txt", SHORT_ARTICLE.encode()), ["--max-chars", "50"], id="too-large"),
]


@pytest.mark.parametrize("build, extra", BAD_INPUTS)
def test_cli_bad_input_exits_2_and_writes_nothing(tmp_path: Path, build: Any, extra: list[str]) -> None:
    work = tmp_path / "in"
    work.mkdir()
    path = build(work)
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    report, out = outputs / "r.html", outputs / "out.txt"
    result = run("audit", path, "--html", report, "-o", out, *extra)
    assert result.exit_code == 2
    error_line(result, str(path))
    assert result.stdout == ""
    assert not report.exists() and not out.exists()
    assert files_under(outputs) == set()


@pytest.mark.parametrize("build, extra", BAD_INPUTS)
def test_cli_bad_input_json_writes_nothing(tmp_path: Path, build: Any, extra: list[str]) -> None:
    path = build(tmp_path)
    out = tmp_path / "audit.json"
    result = run("audit", path, "--format", "json", "--no-html", "-o", out, *extra)
    assert result.exit_code == 2
    error_line(result, str(path))
    assert result.stdout == "" and not out.exists()


@pytest.mark.model
def test_cli_one_bad_file_still_audits_the_good_one(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = run("audit", NPR, missing, "--no-html")
    assert result.exit_code == 2
    assert "no such file" in error_line(result, str(missing))
    lines = summary_lines(result.stdout)
    assert len(lines) == 1
    assert_summary(lines[0], str(NPR), None)


@pytest.mark.model
def test_cli_one_bad_file_among_several_reports_the_rest(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    folder = tmp_path / "reports"
    folder.mkdir()
    result = run("audit", empty, NPR, NYT, "--html", folder)
    assert result.exit_code == 2
    error_line(result, str(empty))
    assert len(summary_lines(result.stdout)) == 2
    assert files_under(folder) == {Path("npr-atacms.html"), Path("nyt-relay-atacms.html"), Path("index.html")}


# --- audit: stdin, model, options ------------------------------------------------------


@pytest.mark.model
def test_cli_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("audit", "-", "--no-html", input=SHORT_ARTICLE)
    assert result.exit_code == 0, result.stderr
    lines = summary_lines(result.stdout)
    assert len(lines) == 1
    assert_summary(lines[0], "-", None)
    assert re.search(r"\b3 sentences\b", lines[0]), lines[0]


@pytest.mark.model
def test_cli_stdin_json() -> None:
    result = run("audit", "-", "--format", "json", "--no-html", input=SHORT_ARTICLE)
    assert result.exit_code == 0, result.stderr
    audit = json.loads(result.stdout)["files"][0]
    assert audit["path"] == "-"
    assert audit["text"] == SHORT_ARTICLE
    for sentence in audit["sentences"]:
        assert sentence["text"] == SHORT_ARTICLE[sentence["start"] : sentence["end"]]


def test_cli_empty_stdin_exits_2() -> None:
    result = run("audit", "-", "--no-html", input="   \n")
    assert result.exit_code == 2
    error_line(result, "-")


def test_cli_missing_model_exits_2_with_install_hint(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = run("audit", NPR, "--model", "does-not-exist", "--html", tmp_path / "r.html", "-o", out)
    assert result.exit_code == 2
    line = error_line(result)
    assert "does-not-exist" in line and "pip install" in line
    assert result.stdout == ""
    assert files_under(tmp_path) == set()


def test_cli_unknown_option_is_a_usage_error() -> None:
    result = run("audit", NPR, "--no-such-option")
    assert result.exit_code == 2
    assert "No such option" in result.stderr
    assert result.stdout == ""


def test_cli_unknown_command_is_a_usage_error() -> None:
    result = run("no-such-command")
    assert result.exit_code == 2
    assert "No such command" in result.stderr


def test_cli_audit_needs_a_file() -> None:
    result = run("audit")
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr


def test_cli_bad_format_choice_is_a_usage_error() -> None:
    result = run("audit", NPR, "--format", "xml")
    assert result.exit_code == 2
    assert "xml" in result.stderr


# --- eval ------------------------------------------------------------------------------

GOLD_ARTICLES = [
    (
        "bridge",
        "Bridge to reopen on Friday\n\n"
        "Mayor Ana Ruiz said the bridge would reopen on Friday. "
        "A city official, who was not authorized to speak publicly, said the repairs cost $2 million. "
        "The bridge was built in 1961.\n",
        [
            ("Bridge to reopen on Friday", "unattributed", "", ""),
            ("Mayor Ana Ruiz said the bridge would reopen on Friday.", "named", "Mayor Ana Ruiz", "said"),
            (
                "A city official, who was not authorized to speak publicly, said the repairs cost $2 million.",
                "anonymous",
                "A city official",
                "said",
            ),
            ("The bridge was built in 1961.", "unattributed", "", ""),
        ],
    ),
    (
        "port-talks",
        "Talks stall over port deal\n\n"
        "The Associated Press reported that the talks had stalled. "
        "Critics say the plan goes too far. "
        "The council will vote on the plan next week.\n",
        [
            ("Talks stall over port deal", "unattributed", "", ""),
            (
                "The Associated Press reported that the talks had stalled.",
                "publication",
                "The Associated Press",
                "reported",
            ),
            ("Critics say the plan goes too far.", "anonymous", "Critics", "say"),
            ("The council will vote on the plan next week.", "unattributed", "", ""),
        ],
    ),
]
GOLD_SENTENCES = sum(len(sentences) for _, _, sentences in GOLD_ARTICLES)


def write_gold(path: Path, articles: Any) -> Path:
    """Write a gold JSONL file; offsets found with str.index so they cannot drift from the text."""
    lines = []
    for article_id, text, sentences in articles:
        records = []
        for sentence, label, source, cue in sentences:
            start = text.index(sentence)
            records.append({"start": start, "end": start + len(sentence), "label": label, "source": source, "cue": cue})
        lines.append(json.dumps({"id": article_id, "text": text, "sentences": records}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    """The two articles labelled as LABELS.md says."""
    return write_gold(tmp_path / "gold.jsonl", GOLD_ARTICLES)


@pytest.fixture
def mislabelled_gold(tmp_path: Path) -> Path:
    """The same articles with two deliberate annotation mistakes, so the run has errors to list
    whatever the engine's quality: plain narration marked named, a named claim marked publication."""
    wrong = {
        "The bridge was built in 1961.": "named",
        "Mayor Ana Ruiz said the bridge would reopen on Friday.": "publication",
    }
    articles = [
        (article_id, text, [(s, wrong.get(s, label), source, cue) for s, label, source, cue in sentences])
        for article_id, text, sentences in GOLD_ARTICLES
    ]
    return write_gold(tmp_path / "mislabelled.jsonl", articles)


@pytest.mark.model
def test_cli_eval_text_report(gold_file: Path) -> None:
    result = run("eval", gold_file)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("accuracy:"), lines[0]
    assert lines[1].startswith("macro-F1:"), lines[1]
    accuracy = float(lines[0].split()[1])
    assert 0.0 <= accuracy <= 1.0
    assert f"/{GOLD_SENTENCES} sentences, 2 articles" in lines[0]


@pytest.mark.model
def test_cli_eval_json(gold_file: Path) -> None:
    result = run("eval", gold_file, "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert {"accuracy", "macro_f1", "per_label", "confusion", "errors"} <= set(report)
    assert 0.0 <= report["accuracy"] <= 1.0 and 0.0 <= report["macro_f1"] <= 1.0
    assert set(report["per_label"]) == set(LABELS)
    assert set(report["confusion"]) == set(LABELS)
    assert sum(sum(row.values()) for row in report["confusion"].values()) == GOLD_SENTENCES
    assert report["n_sentences"] == GOLD_SENTENCES and report["n_articles"] == 2
    assert len(report["errors"]) == report["errors_total"] == GOLD_SENTENCES - report["n_correct"]


@pytest.mark.model
def test_cli_eval_errors_zero_lists_none(mislabelled_gold: Path) -> None:
    listed = run("eval", mislabelled_gold)
    assert listed.exit_code == 0, listed.stderr
    total = int(re.search(r"^misclassified \(showing \d+ of (\d+)\):$", listed.stdout, re.M).group(1))
    assert total >= 1, "the mislabelled gold file should produce at least one error"
    assert "[" in listed.stdout.split("misclassified (showing", 1)[1]  # the default lists them

    text = run("eval", mislabelled_gold, "--errors", "0")
    assert text.exit_code == 0, text.stderr
    lines = text.stdout.rstrip("\n").splitlines()
    assert lines[-1] == f"misclassified (showing 0 of {total}):", f"sentences listed with --errors 0: {lines[-3:]}"

    as_json = json.loads(run("eval", mislabelled_gold, "--json", "--errors", "0").stdout)
    assert as_json["errors"] == []
    assert as_json["errors_total"] == total


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("{not json\n", id="invalid-json"),
        pytest.param(
            '{"id": "a", "text": "Hi.", "sentences": [{"start": 0, "end": 3, "label": "rumour",'
            ' "source": "", "cue": ""}]}\n',
            id="unknown-label",
        ),
        pytest.param(
            '{"id": "a", "text": "Hi.", "sentences": [{"start": 0, "end": 9, "label": "named",'
            ' "source": "", "cue": ""}]}\n',
            id="bad-offsets",
        ),
        pytest.param('{"id": "a", "sentences": []}\n', id="missing-text"),
        pytest.param("\n", id="no-articles"),
    ],
)
def test_cli_eval_malformed_gold_exits_2(tmp_path: Path, content: str) -> None:
    gold = tmp_path / "bad-gold.jsonl"
    gold.write_text(content, encoding="utf-8")
    result = run("eval", gold)
    assert result.exit_code == 2
    error_line(result, str(gold))
    assert result.stdout == ""


def test_cli_eval_missing_gold_exits_2(tmp_path: Path) -> None:
    gold = tmp_path / "nope.jsonl"
    result = run("eval", gold)
    assert result.exit_code == 2
    error_line(result, str(gold))


# --- rule, --version, --help -----------------------------------------------------------


def test_cli_rule_lists_every_rule() -> None:
    result = run("rule")
    assert result.exit_code == 0, result.stderr
    listed = [line.split()[0] for line in result.stdout.splitlines() if line.strip()]
    ruleset = load_rules()
    from attrib.audit.checks import load_checks

    expected = [r.id for r in ruleset.rules] + [s.id for s in ruleset.sources] + list(load_checks())
    assert listed == expected


def test_cli_rule_explains_one_rule() -> None:
    rule = load_rules().rule("speech-verb-subject")
    result = run("rule", "speech-verb-subject")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("speech-verb-subject (")
    assert rule.description in result.stdout
    for example in rule.match:
        assert f"  + {example}" in result.stdout
    for example in rule.no_match:
        assert f"  - {example}" in result.stdout


def test_cli_rule_explains_a_source_rule() -> None:
    source = next(s for s in load_rules().sources if s.id == "source.outlet")
    result = run("rule", "source.outlet")
    assert result.exit_code == 0, result.stderr
    assert source.description in result.stdout
    assert all(example in result.stdout for example in (*source.match, *source.no_match))


def test_cli_rule_unknown_exits_2() -> None:
    result = run("rule", "nope")
    assert result.exit_code == 2
    assert "nope" in error_line(result)
    assert result.stdout == ""


def test_cli_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"attrib, version {__version__}"


@pytest.mark.parametrize("command", [[], ["audit"], ["eval"], ["rule"]], ids=["main", "audit", "eval", "rule"])
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_cli_help(command: list[str], flag: str) -> None:
    result = run(*command, flag)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Usage: ")
    if command:
        assert f" {command[0]} " in result.stdout.splitlines()[0]
    else:
        assert all(name in result.stdout for name in ("audit", "eval", "rule"))


# --- the model is built without the cycle collector, then frozen (cold start) ----------


def test_cli_model_load_pauses_the_collector_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from attrib import cli as cli_module

    monkeypatch.setattr(cli_module, "_froze_model", False)
    assert gc.isenabled()
    try:
        with cli_module._long_lived_objects():
            assert not gc.isenabled()  # no collection while the model's objects are made
        assert gc.isenabled() and gc.get_freeze_count() > 0
        with cli_module._long_lived_objects():
            assert gc.isenabled()  # once per process: a second load leaves the collector alone
    finally:
        gc.unfreeze()
        gc.enable()
