"""The README shows the tool as it is.

- A ```text block that starts with ``$ attrib ...`` is a transcript: each ``$``
  command is run in a scratch folder holding a copy of seeds/, and what it
  prints (stdout and stderr, as a terminal shows them) must be the lines under it.
- Every other ``seeds/...:`` output line quoted in a ```text block must be a line
  that ``attrib audit -v --no-html`` prints for the seeds.
- Every ``attrib`` command in a ```sh block or an inline code span must parse:
  the command and its options exist and their values are valid.

After an intended change of output, ``pytest tests/test_readme.py --update-golden``
rewrites the transcripts from the tool (review the diff of README.md).
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from attrib.cli import main

ROOT = Path(__file__).resolve().parent.parent
README_PATH = ROOT / "README.md"
README = README_PATH.read_text(encoding="utf-8")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
SEEDS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "seeds").glob("*.txt"))
# A clean environment: a developer's ATTRIB_* defaults or colour settings must not leak in.
ENV = {
    name: None
    for name in (
        "ATTRIB_MODEL",
        "ATTRIB_FAIL_UNDER",
        "ATTRIB_FAIL_LEVEL",
        "ATTRIB_MIN_SEVERITY",
        "ATTRIB_MAX_CHARS",
        "NO_COLOR",
        "FORCE_COLOR",
    )
}


def _blocks(language: str) -> list[tuple[int, str]]:
    """(offset of the block body in README.md, body) for each fenced block of one language."""
    return [(m.start(2), m.group(2)) for m in FENCE.finditer(README) if m.group(1) == language]


# Transcripts that need what the repository does not hold, and why.
NOT_RUN = {"$ attrib eval seeds.jsonl": "the gold files live outside the repository (LABELS.md)"}


def _transcripts() -> list[tuple[int, str]]:
    return [
        (at, body)
        for at, body in _blocks("text")
        if body.startswith("$ attrib ") and body.splitlines()[0] not in NOT_RUN
    ]


def _steps(body: str) -> list[tuple[str, list[str]]]:
    """The (command, expected output lines) pairs of one transcript."""
    steps: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    return steps


def _run(command: str, folder: Path) -> list[str]:
    args = shlex.split(command)
    assert args[0] == "attrib", command
    result = CliRunner().invoke(main, args[1:], env=ENV, catch_exceptions=False)
    return result.output.splitlines()


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of seeds/ and the broken inputs and configs the error samples name."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"The mayor\x00 said.")
    (tmp_path / "drafts" / "empty").mkdir(parents=True)
    for folder, name, config in (
        ("desk", "attrib.toml", "fail_under = 40\n"),
        ("newsroom", "pyproject.toml", '[tool.attrib.severity]\nAN101 = "fatal"\n'),
    ):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_text(config, encoding="utf-8")
        (tmp_path / folder / "story.txt").write_text("The mayor said the bridge would reopen.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_readme_has_transcripts() -> None:
    commands = [command for _, body in _transcripts() for command, _ in _steps(body)]
    assert any(c.startswith("attrib audit -v ") for c in commands), commands
    assert any(c.startswith("attrib rule ") for c in commands), commands


@pytest.mark.model
@pytest.mark.parametrize(
    "at, body", [pytest.param(at, body, id=body.splitlines()[0][2:]) for at, body in _transcripts()]
)
def test_readme_transcript_is_the_real_output(at: int, body: str, scratch: Path, update_golden: bool) -> None:
    actual = "".join(
        f"$ {command}\n" + "".join(f"{line}\n" for line in _run(command, scratch)) for command, _ in _steps(body)
    )
    if update_golden and actual != body:
        text = README_PATH.read_text(encoding="utf-8")
        assert text[at : at + len(body)] == body, "README.md changed while the tests ran"
        README_PATH.write_text(text[:at] + actual + text[at + len(body) :], encoding="utf-8")
        return
    assert actual == body, (
        "README.md shows other output than the tool prints; if the change is intended, run "
        "`pytest tests/test_readme.py --update-golden` and review the diff"
    )


@pytest.mark.model
def test_readme_quoted_output_lines_are_real(scratch: Path) -> None:
    printed = set(_run("attrib audit -v --no-html --exit-zero " + " ".join(SEEDS), scratch))
    transcripts = {at for at, _ in _transcripts()}
    quoted = [
        line
        for at, body in _blocks("text")
        if at not in transcripts
        for line in body.splitlines()
        if line.startswith(tuple(f"{seed}:" for seed in SEEDS))
    ]
    assert quoted, "expected the README to quote some output lines for the seeds"
    missing = [line for line in quoted if line not in printed]
    assert not missing, f"README.md quotes lines `attrib audit -v` does not print: {missing}"


def _command_lines() -> list[str]:
    """Every attrib invocation the README shows, as the argument string after `attrib`."""
    found: list[str] = []
    for _, body in _blocks("sh"):
        for line in body.splitlines():
            words = shlex.split(line, comments=True)
            segment: list[str] = []
            for word in [*words, "|"]:
                if word in ("|", "&&", ">", ";"):
                    if segment and segment[0].endswith("attrib") and segment[0] != "-m":
                        found.append(shlex.join(segment[1:]))
                    elif segment[:3] and segment[1:3] == ["-m", "attrib"]:
                        found.append(shlex.join(segment[3:]))
                    segment = []
                else:
                    segment.append(word)
    # Inline code such as `attrib audit -f github`; synopses with [...] are not commands.
    found += [span for span in re.findall(r"`attrib ([^`\[|]+)`", README) if "..." not in span]
    return sorted(set(found))


@pytest.mark.parametrize("args", _command_lines())
def test_readme_commands_parse(args: str) -> None:
    words = shlex.split(args)
    if not words or words[0] not in main.commands:
        with pytest.raises(click.exceptions.Exit):  # `attrib --version` and the like
            main.make_context("attrib", words)
        return
    try:
        main.commands[words[0]].make_context(words[0], words[1:])
    except (click.exceptions.Exit, click.MissingParameter):  # `-h`; `attrib rule`-style mentions
        pass
    except click.UsageError as err:
        pytest.fail(f"README.md shows `attrib {args}`, which attrib refuses: {err.format_message()}")
