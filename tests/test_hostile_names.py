"""Hostile file names and a hostile process edge (issue 19): escaping in every output, one line and exit 2.

A file name is as untrusted as the article: a newline must not forge a GitHub
workflow command or a markdown row, a control character must not break XML or
reach the terminal, a leading `=` must not become a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from test_cli import SHORT_ARTICLE, error_line, run
from test_formats import audit, finding

from attrib.outputs import FileResult, Options, Run, emitter, summary

ROOT = Path(__file__).resolve().parent.parent
FORGED = "evil\n::error file=x.md,line=1::forged annotation\x1b[2J\x07.md"


def _run_of(path: str) -> Run:
    failing = audit(path, (finding("AN101", "error", 1, 3, "anonymous source 'a senior official'"),))
    return Run(
        files=(FileResult(failing, ("1 finding at or above fail-level error",)),),
        errors=((path, "empty file (no text to audit)"),),
    )


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_a_newline_in_a_name_forges_no_workflow_command(fmt: str) -> None:
    rendered = emitter(fmt)(_run_of(FORGED), Options(verbose=2))
    for line in rendered.splitlines():
        assert "\x1b" not in line and "\x07" not in line
        if line.startswith("::"):  # only the github format's own commands, with the name escaped inside
            assert fmt == "github" and "%0A" in line and "\n" not in line
    assert "forged annotation" in rendered  # shown, escaped, not dropped
    assert len([line for line in rendered.splitlines() if line.startswith("::")]) == (
        0 if fmt == "text" else 2
    )  # input error + finding


def test_a_name_that_looks_like_a_command_is_prefixed_in_text() -> None:
    rendered = emitter("text")(_run_of("::error::forged.md"), Options())
    assert not any(line.startswith("::") for line in rendered.splitlines())
    assert "./::error::forged.md:1:3: AN101" in rendered


def test_markdown_summary_keeps_names_inside_their_code_span() -> None:
    for name in (FORGED, "a`b``c.md", "`lead.md", "x | y.md"):
        text = summary.render(_run_of(name))
        rows = [line for line in text.splitlines() if line.startswith("| `")]
        assert len(rows) == 2, text  # the file row and the error row, each one line
        header = next(line for line in text.splitlines() if line.startswith("| file |"))
        for row in rows:
            assert row.count(" | ") == header.count(" | ")  # no stray cell from the name
        items = [line for line in text.splitlines() if line.startswith("- `")]
        assert len(items) == 1 and "**AN101**" in items[0]
        assert "\n::" not in text and "\x1b" not in text


def test_junit_stays_valid_xml_with_control_characters() -> None:
    name = "bad\x00\x01\x1b\x0b\ufffe\udcff.md"
    rendered = emitter("junit")(_run_of(name), Options())
    root = ET.fromstring(rendered.encode("utf-8"))  # raises on invalid XML
    names = [case.get("name") for case in root.iter("testcase")]
    assert names == ["bad\\x00\\x01\\x1b\\x0b\\ufffe\\udcff.md"] * 2


def test_csv_summary_defuses_formulas() -> None:
    from attrib.batch import summary_csv

    cells = []
    for name in ('=HYPERLINK("http://x")', "+1.md", "-2.md", "@SUM(A1).md", "\tx.md", "plain.md"):
        rows = list(csv.reader(io.StringIO(summary_csv([audit(name)]))))
        cells.append(rows[1][0])
    assert cells == ['\'=HYPERLINK("http://x")', "'+1.md", "'-2.md", "'@SUM(A1).md", "'\tx.md", "plain.md"]


@pytest.mark.model
def test_cli_names_with_control_characters_reach_no_output_raw(tmp_path: Path) -> None:
    article = tmp_path / "story\x1b[31m\n::error::x.txt"
    article.write_text(SHORT_ARTICLE)
    summary_path, csv_path = tmp_path / "summary.md", tmp_path / "rows.csv"
    result = run("audit", "--no-html", "--summary", summary_path, "--summary-csv", csv_path, "-f", "junit", article)
    ET.fromstring(result.stdout.encode("utf-8"))
    assert "\x1b" not in result.stderr and not any(line.startswith("::") for line in result.stderr.splitlines())
    assert "story\\x1b[31m\\n::error::x.txt" in result.stderr
    assert "\x1b" not in summary_path.read_text() and "\x1b" in csv_path.read_text()  # CSV keeps data exact


def test_errors_escape_names_and_paths_in_fail_lines(tmp_path: Path) -> None:
    missing = tmp_path / "no\nsuch\x1b.txt"
    result = run("audit", "--no-html", missing)
    assert result.exit_code == 2
    assert error_line(result).endswith("no\\nsuch\\x1b.txt: no such file")


# -- the process edge --------------------------------------------------------------------------------------


def _attrib(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "attrib", *args],
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        text=True,
        capture_output=True,
        timeout=120,
    )


def test_closed_stdin_is_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        f"'{sys.executable}' -m attrib audit --no-html - <&-",
        shell=True,
        env=env,
        text=True,
        capture_output=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 2 and done.stderr == "attrib: error: -: standard input is closed\n"


def test_a_full_stdout_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "attrib", "rule"],
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert done.returncode == 2
    assert done.stderr == "attrib: error: cannot write output: No space left on device\n"


def test_a_full_stderr_still_exits_2_without_a_traceback(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "attrib", "rule", "NOPE"],
            stdout=subprocess.PIPE,
            stderr=full,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            timeout=120,
        )
    assert done.returncode == 2 and done.stdout == ""


def test_ctrl_c_exits_130_and_sigterm_143_leaving_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run interrupted inside the writer unwinds: no temporary, exit 130 (Ctrl-C) or 143 (SIGTERM).

    A probe command on attrib's own command group stands in for a long audit
    (no model to load): the edge and the writer are what is tested.
    """
    script = tmp_path / "slow_write.py"
    script.write_text(
        "import sys, time\n"
        "from attrib.outputs import atomic\n"
        "from attrib.cli import main\n"
        "real = atomic._write_all\n"
        "def slow(handle, data):\n"
        "    real(handle, data[:10]); print('writing', flush=True); time.sleep(60)\n"
        "atomic._write_all = slow\n"
        "target = sys.argv[1]\n"
        "@main.command()\n"
        "def probe():\n"
        "    atomic.write_output(target, 'x' * 100)\n"
        "main(['probe'], prog_name='attrib')\n"
    )
    for signum, code in ((signal.SIGINT, 130), (signal.SIGTERM, 143)):
        out = tmp_path / f"base-{code}.json"
        process = subprocess.Popen(
            [sys.executable, str(script), str(out)],
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        started = time.monotonic()
        while process.stdout.readline().strip() != "writing":
            assert time.monotonic() - started < 120 and process.poll() is None, process.stderr.read()
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=60)
        assert process.returncode == code, stderr
        assert "Traceback" not in stderr
        assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_huge_max_chars_is_one_line_from_cli_env_and_config(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("text")
    assert run("audit", "--max-chars", 10**15, article).exit_code == 2
    (tmp_path / "attrib.toml").write_text("max-chars = 1000000000000\n")
    result = run("audit", "--no-html", article)
    assert result.exit_code == 2 and "max-chars must be a whole number from 1 to 1000000" in error_line(result)
    env = _attrib("audit", "--isolated", "--no-html", str(article), ATTRIB_MAX_CHARS=str(10**15))
    assert env.returncode == 2 and "Traceback" not in env.stderr


@pytest.mark.parametrize(
    "content", ["[]", "null", "3", '"x"', "[" * 100_000 + "]" * 100_000, '{"attrib_baseline": 1, "findings": null}']
)
def test_bad_baselines_are_one_line(tmp_path: Path, content: str) -> None:
    baseline = tmp_path / "base.json"
    baseline.write_text(content)
    article = tmp_path / "a.txt"
    article.write_text("text")
    result = run("audit", "--no-html", "--baseline", baseline, article)
    assert result.exit_code == 2 and "base.json: not a" in error_line(result)


def test_a_deep_extend_chain_and_deep_toml_are_one_line(tmp_path: Path) -> None:
    for index in range(1200):
        (tmp_path / f"c{index}.toml").write_text(f'extend = "c{index + 1}.toml"\n' if index < 1199 else "")
    (tmp_path / "deep.toml").write_text("a = " + "[" * 5000 + "]" * 5000 + "\n")
    article = tmp_path / "a.txt"
    article.write_text("text")
    chain = run("audit", "--no-html", "--config", tmp_path / "c0.toml", article)
    assert chain.exit_code == 2 and "extend: a chain of more than 50 config files" in error_line(chain)
    deep = run("audit", "--no-html", "--config", tmp_path / "deep.toml", article)
    assert deep.exit_code == 2 and "nested too deeply" in error_line(deep)


def test_utf16_without_a_bom_is_read(tmp_path: Path) -> None:
    from attrib.inputs import read_bytes

    text = "Officials said the plan failed. Café “quotes” — naïve.\n" * 3
    for codec in ("utf-16-le", "utf-16-be", "utf-32-le"):
        read = read_bytes(text.encode(codec), path="x.txt")
        assert read.text == text and read.encoding == codec
        assert read.notes == (f"decoded as {codec} (no byte order mark; encoding detected)",)
    markdown = read_bytes(("# Head\n\n" + text).encode("utf-16-le"), path="x.md")
    assert markdown.text.startswith("Head\n\nOfficials")
    from attrib.inputs import InputError

    with pytest.raises(InputError, match="binary file"):
        read_bytes(bytes(range(256)) * 8, path="x.txt")


def test_baseline_json_is_still_written_exactly(tmp_path: Path) -> None:
    """The writer change keeps --write-baseline output byte-identical JSON (mode and content)."""
    from attrib.outputs.atomic import write_output

    target = tmp_path / "b.json"
    document = json.dumps({"attrib_baseline": 1, "findings": []}, indent=2) + "\n"
    write_output(target, document)
    assert target.read_bytes() == document.encode()


@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif"])
def test_undecodable_bytes_in_a_name_keep_json_valid_utf8(fmt: str) -> None:
    name = os.fsdecode(b"\xff\x1bname.txt")  # "\udcff\x1bname.txt"
    rendered = emitter(fmt)(_run_of(name), Options())
    encoded = rendered.encode("utf-8")  # raises on a raw lone surrogate
    first = json.loads(encoded.decode("utf-8").splitlines()[0] if fmt == "jsonl" else encoded)
    assert ("%FF" if fmt == "sarif" else "\\udcff") in rendered and first


def test_a_baseline_keeps_undecodable_names_exact(tmp_path: Path) -> None:
    from attrib.audit.policy import baseline_document, read_baseline

    name = os.fsdecode(b"\xffstory.txt")
    content, count = baseline_document([audit(str(tmp_path / name), (finding("AN101", "error"),))], tmp_path / "b.json")
    (tmp_path / "b.json").write_bytes(content.encode("utf-8"))
    assert count == 1 and [key[0] for key in read_baseline(tmp_path / "b.json")] == [name]
