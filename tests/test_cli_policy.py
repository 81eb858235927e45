"""`attrib audit` as a CI check, end to end through CliRunner with the real model.

Exit codes (0 pass, 1 policy failure, 2 usage/config/input error), thresholds,
config files and their precedence, every output format parsed, stdin,
directories, suppressions and the baseline, colour; then the GitHub Action's
shell steps run against a temporary git repository, and the pre-commit hook.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner, Result

from attrib.cli import main, resolve_color

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
# What the engine makes of these (checked in test_cli_policy_sample_articles):
PASSING = (
    "Mayor Ana Ruiz said the bridge would reopen on Friday. The repairs cost $2 million, city engineer Li Wei said.\n"
)
FAILING = "A source said the talks would resume on Monday.\n"  # AN107 error, AN101 + AN102 warnings; score 10
# WE301; score 0: its one claim ("would resign") has no source and a weasel phrase stands in for one
WARNING = "Mayor Ana Ruiz said the bridge would reopen. It was reported that the minister would resign.\n"
INFO = "Mayor Ana Ruiz said the bridge would reopen. The company is reportedly planning layoffs.\n"  # WE303


def run(*args: Any, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(main, ["audit", *map(str, args)], input=input, env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clean working folder (no config above it that could leak in) with the sample articles."""
    monkeypatch.chdir(tmp_path)
    for variable in (
        "ATTRIB_FAIL_UNDER",
        "ATTRIB_FAIL_GRADE",
        "ATTRIB_FAIL_LEVEL",
        "ATTRIB_MIN_SEVERITY",
        "ATTRIB_MAX_CHARS",
        "NO_COLOR",
        "FORCE_COLOR",
    ):
        monkeypatch.delenv(variable, raising=False)
    for name, text in (("pass.txt", PASSING), ("fail.txt", FAILING), ("warn.txt", WARNING), ("info.txt", INFO)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def git_init(folder: Path) -> None:
    """A git repository (a bare `.git` folder is all attrib looks for when git itself is missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(folder)], check=True)
    else:
        (folder / ".git").mkdir()


def findings(result: Result) -> list[tuple[str, str]]:
    return re.findall(r"^\S+:\d+:\d+: ([A-Z]{2}\d{3}) \[(\w+)\]", result.stdout, re.M)


def one_error(result: Result, prefix: str) -> str:
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"attrib: error: {prefix}"), result.stderr
    return lines[0]


# --- exit codes and thresholds ---------------------------------------------------------

pytestmark = pytest.mark.model


def test_cli_policy_sample_articles(work: Path) -> None:
    result = run("--no-html", "pass.txt", "fail.txt", "warn.txt", "info.txt", "--format", "json")
    files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
    assert [f["code"] for f in files["pass.txt"]["findings"]] == []
    assert {f["code"] for f in files["fail.txt"]["findings"]} == {"AN101", "AN102", "AN107"}
    assert [f["code"] for f in files["warn.txt"]["findings"]] == ["WE301"]
    assert [f["code"] for f in files["info.txt"]["findings"]] == ["WE303"]
    assert files["fail.txt"]["score"]["value"] == 10
    assert (files["pass.txt"]["score"]["grade"], files["fail.txt"]["score"]["grade"]) == (5, 1)


def test_cli_policy_exit_0_1_and_exit_zero(work: Path) -> None:
    assert run("--no-html", "pass.txt", "warn.txt").exit_code == 0  # default fail-level: error
    failed = run("--no-html", "pass.txt", "fail.txt")
    assert failed.exit_code == 1
    assert "fail.txt: FAILED: 1 finding at or above fail-level error" in failed.stdout
    assert run("--no-html", "fail.txt", "--exit-zero").exit_code == 0


def test_cli_policy_broken_input_is_2_never_1(work: Path) -> None:
    result = run("--no-html", "fail.txt", "missing.txt", "--exit-zero")
    assert result.exit_code == 2
    assert "attrib: error: missing.txt: no such file" in result.stderr
    assert "fail.txt: score" in result.stdout  # the readable file was still audited


@pytest.mark.parametrize(
    "level, name, code",
    [
        ("error", "warn.txt", 0),
        ("warning", "warn.txt", 1),
        ("warning", "info.txt", 0),
        ("info", "info.txt", 1),
    ],
)
def test_cli_policy_fail_level(work: Path, level: str, name: str, code: int) -> None:
    assert run("--no-html", name, "--fail-level", level).exit_code == code


def test_cli_policy_fail_under(work: Path) -> None:
    assert run("--no-html", "fail.txt", "--fail-under", "10", "--exit-zero").exit_code == 0
    assert run("--no-html", "warn.txt", "--fail-under", "0").exit_code == 0  # score 0 is not below 0
    result = run("--no-html", "warn.txt", "--fail-under", "1")
    assert result.exit_code == 1
    assert "warn.txt: FAILED: score 0 is below fail-under 1" in result.stdout
    assert run("--no-html", "warn.txt", "--fail-under", "101").exit_code == 2  # usage error


def test_cli_policy_fail_grade(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("--no-html", "pass.txt", "--fail-grade", "5").exit_code == 0  # exemplary is not below 5
    result = run("--no-html", "pass.txt", "warn.txt", "--fail-grade", "2")
    assert result.exit_code == 1
    assert "warn.txt: FAILED: grade 1 (poor) is below fail-grade 2" in result.stdout
    assert "pass.txt: FAILED" not in result.stdout
    assert run("--no-html", "pass.txt", "--fail-grade", "6").exit_code == 2  # usage error
    monkeypatch.setenv("ATTRIB_FAIL_GRADE", "3")
    assert run("--no-html", "warn.txt").exit_code == 1
    (work / "attrib.toml").write_text("fail-grade = 1\n", encoding="utf-8")
    assert run("--no-html", "warn.txt").exit_code == 0  # the config beats the environment
    (work / "attrib.toml").write_text("fail-grade = 0\n", encoding="utf-8")
    assert "fail-grade must be a whole number from 1 to 5" in one_error(run("--no-html", "warn.txt"), "")


def test_cli_policy_text_opens_with_grade_and_summary(work: Path) -> None:
    lines = run("--no-html", "fail.txt", "--exit-zero").stdout.splitlines()
    assert lines[0] == (
        "fail.txt: grade 1/5 poor (score 10/100): 1 of 1 claim that needs a source has one, "
        "none named; 1 anonymous source gives no reason"
    )
    assert lines.index(lines[0]) < min(i for i, line in enumerate(lines) if ": score = " in line)


def test_cli_policy_min_severity_hides_but_still_counts(work: Path) -> None:
    shown = run("--no-html", "fail.txt", "info.txt")
    assert ("WE303", "info") in findings(shown)
    hidden = run("--no-html", "fail.txt", "info.txt", "--min-severity", "error")
    assert findings(hidden) == [("AN107", "error")]
    assert hidden.exit_code == 1
    assert run("--no-html", "info.txt", "--min-severity", "error", "--fail-level", "info").exit_code == 1


# --- config files ----------------------------------------------------------------------


def test_cli_policy_config_discovery_and_precedence(work: Path) -> None:
    (work / "attrib.toml").write_text('fail-level = "warning"\n', encoding="utf-8")
    assert run("--no-html", "warn.txt").exit_code == 1  # the file's fail-level
    assert run("--no-html", "warn.txt", "--fail-level", "error").exit_code == 0  # the option wins
    assert run("--no-html", "warn.txt", "--isolated").exit_code == 0  # no config
    env = {"ATTRIB_FAIL_LEVEL": "error"}
    assert run("--no-html", "warn.txt", env=env).exit_code == 1  # env is only a default, the file wins
    (work / "attrib.toml").unlink()
    assert run("--no-html", "warn.txt", env={"ATTRIB_FAIL_LEVEL": "warning"}).exit_code == 1
    assert run("--no-html", "warn.txt", env={"ATTRIB_FAIL_UNDER": "60"}).exit_code == 1


def test_cli_policy_nearest_config_per_file(work: Path) -> None:
    desk = work / "desk"
    desk.mkdir()
    shutil.copy(work / "fail.txt", desk / "fail.txt")
    (desk / ".attrib.toml").write_text('ignore = ["AN101"]\n', encoding="utf-8")
    result = run("--no-html", "fail.txt", "desk/fail.txt")
    assert result.exit_code == 1
    codes = re.findall(r"^(\S+):\d+:\d+: (AN\d+)", result.stdout, re.M)
    assert ("fail.txt", "AN101") in codes and ("desk/fail.txt", "AN101") not in codes
    other = work / "ci.toml"
    other.write_text('select = ["WE"]\n', encoding="utf-8")
    assert run("--no-html", "desk/fail.txt", "fail.txt", "--config", other).exit_code == 0


def test_cli_policy_severity_override_and_per_file_ignores(work: Path) -> None:
    (work / "pyproject.toml").write_text(
        '[tool.attrib]\n[tool.attrib.severity]\nWE301 = "error"\n'
        '[tool.attrib.per-file-ignores]\n"fail*.txt" = ["AN"]\n',
        encoding="utf-8",
    )
    result = run("--no-html", "warn.txt", "fail.txt", "-vv")
    assert ("WE301", "error") in findings(result)
    assert result.exit_code == 1
    assert "fail.txt: FAILED" not in result.stdout
    assert re.search(
        r"fail\.txt:1:1: AN107 \[error\] .*\(suppressed, per-file: per-file-ignores 'fail\*\.txt' in "
        r"pyproject\.toml\)",
        result.stdout,
    )


@pytest.mark.parametrize(
    "content, reason",
    [
        ("fail_level = 'warning'\n", "unknown key 'fail_level' (did you mean 'fail-level'?)"),
        ("[severity]\nAN101 = 'fatal'\n", "severity.AN101 must be one of info, warning, error, got 'fatal'"),
        ("[score]\npublication = 2.0\n", "score: "),
    ],
)
def test_cli_policy_bad_config_exits_2_and_writes_nothing(work: Path, content: str, reason: str) -> None:
    (work / "attrib.toml").write_text(content, encoding="utf-8")
    out = work / "out"
    result = run(
        "pass.txt",
        "-o",
        out / "o.json",
        "--html",
        out / "r.html",
        "--summary",
        out / "s.md",
        "--write-baseline",
        out / "b.json",
    )
    assert result.exit_code == 2
    assert reason in one_error(result, "attrib.toml: ")
    assert result.stdout == "" and not out.exists()


def test_cli_policy_bad_env_value_is_a_usage_error(work: Path) -> None:
    result = run("--no-html", "pass.txt", env={"ATTRIB_FAIL_LEVEL": "fatal"})
    assert result.exit_code == 2 and "fatal" in result.stderr


def test_cli_policy_vocab_and_weights_from_config(work: Path) -> None:
    (work / "story.txt").write_text("Mediazona reported that the toll had risen.\n", encoding="utf-8")
    plain = json.loads(run("--no-html", "-f", "json", "story.txt", "warn.txt").stdout)["files"]
    assert plain[0]["sentences"][0]["label"] == "named"
    (work / "attrib.toml").write_text(
        '[vocab]\noutlets = ["Mediazona"]\n[score]\nbackground = 0.25\n', encoding="utf-8"
    )
    house = json.loads(run("--no-html", "-f", "json", "story.txt", "warn.txt").stdout)["files"]
    assert house[0]["sentences"][0]["label"] == "publication"
    assert house[1]["score"]["weights"]["background"] == 0.25 != plain[1]["score"]["weights"]["background"]


# --- formats end to end ----------------------------------------------------------------


def test_cli_policy_every_format_parses(work: Path) -> None:
    args = ("--no-html", "pass.txt", "fail.txt", "--exit-zero")
    document = json.loads(run("-f", "json", *args).stdout)
    assert [f["path"] for f in document["files"]] == ["pass.txt", "fail.txt"]
    lines = run("-f", "jsonl", *args).stdout.splitlines()
    assert [json.loads(line)["path"] for line in lines] == ["pass.txt", "fail.txt"]
    first = run("-f", "sarif", *args).stdout
    assert run("-f", "sarif", *args).stdout == first  # deterministic
    sarif = json.loads(first)
    jsonschema.validate(sarif, SCHEMA, cls=jsonschema.Draft4Validator)
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} == {"AN101", "AN102", "AN107"}
    junit = ET.fromstring(run("-f", "junit", *args).stdout.encode("utf-8"))
    assert [c.get("name") for c in junit.iter("testcase")] == ["pass.txt", "fail.txt"]
    assert [c.find("failure") is not None for c in junit.iter("testcase")] == [False, True]
    github = run("-f", "github", *args)
    assert github.stdout.splitlines()[0].startswith("::error file=fail.txt,line=1,col=1,")
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in github.stdout.splitlines())
    assert "fail.txt: score 10/100" in github.stderr  # people read stderr; stdout is only the format


def test_cli_policy_output_and_summary_files(work: Path) -> None:
    result = run(
        "--no-html", "pass.txt", "fail.txt", "-f", "sarif", "-o", "out/audit.sarif", "--summary", "out/summary.md", "-q"
    )
    assert result.exit_code == 1 and result.stdout == "" and result.stderr == ""
    jsonschema.validate(
        json.loads((work / "out" / "audit.sarif").read_text(encoding="utf-8")), SCHEMA, cls=jsonschema.Draft4Validator
    )
    summary = (work / "out" / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("## attrib: sourcing audit failed")
    assert "| `fail.txt` | 1/5 poor | 10 |" in summary and "**AN101**" in summary
    assert sorted(p.name for p in (work / "out").iterdir()) == ["audit.sarif", "summary.md"]


def test_cli_policy_quiet_and_verbose(work: Path) -> None:
    quiet = run("--no-html", "fail.txt", "-q")
    assert quiet.stdout.splitlines() == [
        line for line in quiet.stdout.splitlines() if re.match(r"fail\.txt:1:1: AN", line)
    ]
    assert len(quiet.stdout.splitlines()) == 3
    silent = run("--no-html", "fail.txt", "-qq")
    assert silent.stdout == "" and silent.exit_code == 1
    verbose = run("--no-html", "fail.txt", "-v")
    assert re.search(r"^fail\.txt:1:1: ANONYMOUS ", verbose.stdout, re.M)


# --- inputs ----------------------------------------------------------------------------


def test_cli_policy_stdin_with_filename_uses_reader_and_config(work: Path) -> None:
    desk = work / "desk"
    desk.mkdir()
    (desk / "attrib.toml").write_text('ignore = ["AN101", "AN107"]\n', encoding="utf-8")
    story = "# Talks\n\n" + FAILING
    result = run("--no-html", "-", "--stdin-filename", "desk/story.md", input=story)
    assert result.exit_code == 0, result.output
    assert "desk/story.md: score 10/100" in result.stdout
    assert [code for code, _ in findings(result)] == ["AN102"]
    assert run("--no-html", "-", input=story).exit_code == 1  # no filename: the working folder's (no) config


def test_cli_policy_directory_walk(work: Path) -> None:
    git_init(work / "repo")
    drafts = work / "repo" / "drafts"
    (drafts / "private").mkdir(parents=True)
    (drafts / "a.md").write_text(PASSING, encoding="utf-8")
    (drafts / "b.txt").write_text(WARNING, encoding="utf-8")
    (drafts / "private" / "c.txt").write_text(FAILING, encoding="utf-8")
    (drafts / "notes.py").write_text("print(1)\n", encoding="utf-8")
    (work / "repo" / ".gitignore").write_text("private/\n", encoding="utf-8")
    result = run("--no-html", "repo")
    assert result.exit_code == 0, result.output
    audited = re.findall(r"^(\S+): score (?:\d+/100|n/a)", result.stdout, re.M)
    assert audited == [os.path.join("repo", "drafts", "a.md"), os.path.join("repo", "drafts", "b.txt")]
    named = run("--no-html", "repo/drafts/private/c.txt")
    assert named.exit_code == 1  # a named file is always audited ...
    skipped = run("--no-html", "repo/drafts/private/c.txt", "repo/drafts/a.md", "--force-exclude")
    assert skipped.exit_code == 0 and "c.txt" not in skipped.stdout  # ... unless --force-exclude
    (work / "empty").mkdir()
    empty = run("--no-html", "empty")
    assert empty.exit_code == 2 and "empty: no files to audit" in one_error(empty, "empty")


# --- suppressions and the baseline -----------------------------------------------------


def test_cli_policy_inline_suppression_in_markdown(work: Path) -> None:
    (work / "ok.md").write_text(
        "# Talks\n\n<!-- attrib: ignore[AN107] reason: the source is a minor -->\n" + FAILING, encoding="utf-8"
    )
    result = run("--no-html", "ok.md", "-f", "json")
    assert result.exit_code == 0, result.stderr
    [audit] = json.loads(result.stdout)["files"]
    suppressed = {f["code"]: f["suppression"] for f in audit["findings"]}
    assert suppressed["AN107"] == {"kind": "inline", "reason": "the source is a minor", "line": 3}
    assert suppressed["AN102"] is None
    (work / "noreason.md").write_text("# Talks\n\n<!-- attrib: ignore[AN107] -->\n" + FAILING, encoding="utf-8")
    result = run("--no-html", "noreason.md")
    assert result.exit_code == 1
    assert ("SP901", "error") in findings(result) and ("AN107", "error") in findings(result)
    assert run("--no-html", "ok.md", "--no-suppress").exit_code == 1


def test_cli_policy_baseline_round_trip(work: Path) -> None:
    (work / "story.txt").write_text("Council members met on Monday.\n\n" + FAILING, encoding="utf-8")
    written = run("--no-html", "story.txt", "--write-baseline", "attrib-baseline.json")
    assert written.exit_code == 0  # what is recorded is accepted
    assert "attrib: wrote 3 finding(s) to the baseline attrib-baseline.json" in written.stderr
    entries = json.loads((work / "attrib-baseline.json").read_text(encoding="utf-8"))["findings"]
    assert {(e["path"], e["code"]) for e in entries} == {
        ("story.txt", "AN101"),
        ("story.txt", "AN102"),
        ("story.txt", "AN107"),
    }
    assert run("--no-html", "story.txt").exit_code == 1
    # The sentence moves down two lines and a new finding appears: the old ones still match.
    (work / "story.txt").write_text(
        "Council members met on Monday.\n\nIt was reported that the vote slipped.\n\n" + FAILING, encoding="utf-8"
    )
    result = run("--no-html", "story.txt", "--baseline", "attrib-baseline.json", "--fail-level", "warning")
    assert result.exit_code == 1 and findings(result) == [("WE301", "warning")]
    assert run("--no-html", "story.txt", "--baseline", "attrib-baseline.json").exit_code == 0
    assert run("--no-html", "story.txt", "--baseline", "attrib-baseline.json", "--no-suppress").exit_code == 1
    (work / "story.txt").write_text("Council members met on Monday.\n", encoding="utf-8")
    fixed = run("--no-html", "story.txt", "--baseline", "attrib-baseline.json")
    assert fixed.exit_code == 0 and "3 baseline entries in attrib-baseline.json no longer match" in fixed.stderr
    broken = run("--no-html", "story.txt", "--baseline", "nope.json")
    assert broken.exit_code == 2 and "no such baseline file" in one_error(broken, "nope.json")


# --- colour ----------------------------------------------------------------------------


class _Tty:
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    "choice, env, tty, expected",
    [
        ("always", {"NO_COLOR": "1"}, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"NO_COLOR": ""}, True, True),  # set but empty does not count (no-color.org)
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"TERM": "dumb"}, True, False),
    ],
)
def test_cli_policy_resolve_color(
    monkeypatch: pytest.MonkeyPatch, choice: str, env: dict[str, str], tty: bool, expected: bool
) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert resolve_color(choice, _Tty() if tty else object()) is expected


def test_cli_policy_color_in_output(work: Path) -> None:
    assert "\x1b[" in run("--no-html", "fail.txt", "--color", "always").stdout
    assert "\x1b[" not in run("--no-html", "fail.txt").stdout  # not a terminal
    assert "\x1b[" in run("--no-html", "fail.txt", env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in run("--no-html", "fail.txt", "--color", "always", "-f", "json").stdout


# --- the GitHub Action and the pre-commit hook -----------------------------------------


def _action_step(step_id: str) -> dict[str, Any]:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    return next(step for step in action["runs"]["steps"] if step.get("id") == step_id)


def _run_step(step: dict[str, Any], env: dict[str, str], cwd: Path, path: str) -> subprocess.CompletedProcess[str]:
    """Run a composite step's script the way the runner does: bash --noprofile --norc -eo pipefail."""
    assert step["shell"] == "bash"
    assert set(env) >= set(step.get("env", {})), "the test must give every variable the step sets"
    script = cwd.parent / f"{step['id']}.sh"
    script.write_text(step["run"], encoding="utf-8")
    full = {"PATH": path, "HOME": os.environ.get("HOME", str(cwd)), **env}
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=cwd,
        env=full,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_cli_policy_action_audit_step(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    git_init(repo)
    (repo / "drafts" / "old").mkdir(parents=True)
    (repo / "drafts" / "good story.md").write_text("# Bridge\n\n" + PASSING, encoding="utf-8")
    (repo / "drafts" / "bad.txt").write_text(FAILING, encoding="utf-8")
    (repo / "drafts" / "old" / "ignored.txt").write_text(FAILING, encoding="utf-8")
    (repo / ".gitignore").write_text("drafts/old/\n", encoding="utf-8")
    summary = tmp_path / "step-summary.md"
    summary.write_text("earlier step output\n", encoding="utf-8")
    outputs = tmp_path / "github-output"
    outputs.write_text("", encoding="utf-8")
    env = {
        "INPUT_FILES": "  drafts\n\n",
        "INPUT_ARGS": "--min-severity warning",
        "INPUT_FAIL_UNDER": "",
        "INPUT_MODEL": "",
        "REPORT_DIR": str(tmp_path / "runner-temp" / "attrib-report"),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(outputs),
    }
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    step = _action_step("audit")
    done = _run_step(step, env, repo, path)
    assert done.returncode == 1, done.stderr
    annotations = done.stdout.splitlines()
    assert annotations[0].startswith("::error file=drafts/bad.txt,line=1,col=1,")
    assert not any("ignored.txt" in line for line in annotations)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step output\n## attrib: sourcing audit failed")  # appended, not replaced
    assert "| `drafts/good story.md` |" in text
    assert outputs.read_text(encoding="utf-8") == "exit-code=1\n"
    reports = sorted(p.name for p in (tmp_path / "runner-temp" / "attrib-report").iterdir())
    assert {"bad.html", "good story.html"} <= set(reports)
    # A passing run, with a threshold from the inputs and a file name with a space.
    env.update({"INPUT_FILES": "drafts/good story.md", "INPUT_FAIL_UNDER": "90", "INPUT_ARGS": ""})
    outputs.write_text("", encoding="utf-8")
    done = _run_step(step, env, repo, path)
    assert done.returncode == 0, done.stderr + done.stdout
    assert outputs.read_text(encoding="utf-8") == "exit-code=0\n"
    env["INPUT_FAIL_UNDER"] = "101"
    assert _run_step(step, env, repo, path).returncode == 2


def test_cli_policy_action_install_step(tmp_path: Path) -> None:
    """The install step picks the action's own checkout, or a version from the index."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "pip.log"
    fake = bin_dir / "python"  # stands in for the runner's python: records what pip would install
    fake.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\n', encoding="utf-8")
    fake.chmod(0o755)
    step = _action_step("install")
    path = f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"
    env = {"ATTRIB_VERSION": "", "ATTRIB_ACTION_PATH": str(ROOT)}
    assert _run_step(step, env, tmp_path, path).returncode == 0
    env["ATTRIB_VERSION"] = "0.1.0"
    assert _run_step(step, env, tmp_path, path).returncode == 0
    calls = log.read_text(encoding="utf-8").splitlines()
    assert calls == [
        f"-m pip install --disable-pip-version-check --quiet {ROOT}",
        "-m pip install --disable-pip-version-check --quiet attrib==0.1.0",
    ]


def test_cli_policy_action_inputs_and_upload() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert set(action["inputs"]) >= {"version", "files", "args", "fail-under", "model"}
    steps = action["runs"]["steps"]
    upload = steps[-1]
    assert upload["uses"].startswith("actions/upload-artifact@") and upload["if"] == "${{ always() }}"
    audit_step = _action_step("audit")
    assert "-f github --summary" in audit_step["run"] and "${{" not in audit_step["run"]  # inputs only via env


def test_cli_policy_pre_commit_hook(work: Path) -> None:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "attrib" and hook["language"] == "python" and hook["require_serial"] is True
    pattern = re.compile(hook["files"])
    assert all(pattern.search(name) for name in ("a.txt", "b.md", "c.markdown", "d.html", "e.htm", "f.docx"))
    assert not pattern.search("g.py")
    entry = hook["entry"].split()
    assert entry[:2] == ["attrib", "audit"]
    (work / "attrib.toml").write_text('extend-exclude = ["fail.txt"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, [*entry[1:], "pass.txt", "fail.txt"])  # as pre-commit passes staged files
    assert result.exit_code == 0, result.output
    assert "fail.txt" not in result.stdout and not (work / "attrib-reports").exists()
