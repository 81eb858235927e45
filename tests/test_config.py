"""Configuration: discovery and precedence, extend, validation errors, selection, policy, file walks.

No model: configs are written to temporary folders and resolved with `Resolver`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from attrib.config import Config, ConfigError, Resolver, collect, find_config
from attrib.engine.rules import load_rules
from attrib.records import Finding, Span, Suppression


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- discovery -------------------------------------------------------------------------


def test_config_names_rank_dot_attrib_then_attrib_then_pyproject(tree: Path) -> None:
    write(tree / "pyproject.toml", "[tool.attrib]\nfail-under = 10\n")
    assert Resolver().for_path(tree / "a.txt").fail_under == 10
    write(tree / "attrib.toml", "fail-under = 20\n")
    assert Resolver().for_path(tree / "a.txt").fail_under == 20
    write(tree / ".attrib.toml", "fail-under = 30\n")
    assert Resolver().for_path(tree / "a.txt").fail_under == 30


def test_config_nearest_to_each_file_wins(tree: Path) -> None:
    write(tree / "attrib.toml", "fail-under = 20\n")
    write(tree / "desk" / "attrib.toml", "fail-under = 60\n")
    resolver = Resolver()
    assert resolver.for_path(tree / "a.txt").fail_under == 20
    assert resolver.for_path(tree / "desk" / "b.txt").fail_under == 60
    assert resolver.for_path(tree / "desk" / "deeper" / "c.txt").fail_under == 60
    assert resolver.for_path(tree / "desk" / "b.txt").path == os.path.join("desk", "attrib.toml")


def test_config_pyproject_without_table_is_skipped(tree: Path) -> None:
    write(tree / "attrib.toml", "fail-under = 20\n")
    write(tree / "sub" / "pyproject.toml", "[project]\nname = 'x'\n")
    assert find_config(tree / "sub") == tree / "attrib.toml"
    assert Resolver().for_path(tree / "sub" / "a.txt").fail_under == 20


def test_config_none_found_gives_defaults(tree: Path) -> None:
    config = Resolver().for_path(tree / "a.txt")
    assert config.path is None and config.fail_under is None and config.fail_level == "error"


def test_config_explicit_file_applies_to_every_input(tree: Path) -> None:
    write(tree / "desk" / "attrib.toml", "fail-under = 60\n")
    write(tree / "ci.toml", "fail-under = 5\n")
    resolver = Resolver(config=str(tree / "ci.toml"))
    assert resolver.for_path(tree / "desk" / "b.txt").fail_under == 5


def test_config_isolated_ignores_every_file(tree: Path) -> None:
    write(tree / "attrib.toml", "fail-under = 20\n")
    assert Resolver(isolated=True).for_path(tree / "a.txt").fail_under is None


def test_config_precedence_env_then_file_then_cli(tree: Path) -> None:
    env = {"fail-under": 11, "fail-level": "warning", "model": "env-model"}
    assert Resolver(defaults=env).for_path(tree / "a.txt").fail_under == 11
    write(tree / "attrib.toml", "fail-under = 20\n")
    config = Resolver(defaults=env).for_path(tree / "a.txt")
    assert (config.fail_under, config.fail_level, config.model) == (20, "warning", "env-model")
    config = Resolver(overrides={"fail-under": 90}, defaults=env).for_path(tree / "a.txt")
    assert config.fail_under == 90


def test_config_extend_chains_and_tables_merge(tree: Path) -> None:
    write(
        tree / "base.toml", 'fail-under = 20\nfail-level = "warning"\n[severity]\nAN102 = "error"\nWE303 = "warning"\n'
    )
    write(tree / "desk" / "attrib.toml", 'extend = "../base.toml"\nfail-under = 50\n[severity]\nWE303 = "info"\n')
    config = Resolver().for_path(tree / "desk" / "a.txt")
    assert (config.fail_under, config.fail_level) == (50, "warning")
    assert dict(config.severity) == {"AN102": "error", "WE303": "info"}


def test_config_extend_cycle_and_missing_target(tree: Path) -> None:
    write(tree / "a.toml", 'extend = "b.toml"\n')
    write(tree / "b.toml", 'extend = "a.toml"\n')
    with pytest.raises(ConfigError, match="cycle"):
        Resolver(config=str(tree / "a.toml")).for_path(tree / "x.txt")
    write(tree / "c.toml", 'extend = "nowhere.toml"\n')
    with pytest.raises(ConfigError) as info:
        Resolver(config=str(tree / "c.toml")).for_path(tree / "x.txt")
    assert info.value.path == "c.toml" and "nowhere.toml" in info.value.reason


# --- validation ------------------------------------------------------------------------

BAD = [
    pytest.param("fail_under = 3\n", "unknown key 'fail_under' (did you mean 'fail-under'?)", id="unknown-key"),
    pytest.param("fail-under = 150\n", "fail-under must be a whole number from 0 to 100", id="fail-under-range"),
    pytest.param('fail-under = "high"\n', "fail-under must be a whole number", id="fail-under-type"),
    pytest.param('fail-level = "fatal"\n', "fail-level must be one of info, warning, error", id="fail-level"),
    pytest.param("min-severity = 3\n", "min-severity must be one of", id="min-severity"),
    pytest.param('select = ["XX"]\n', "'XX' is not a finding code or a prefix of one", id="select-unknown"),
    pytest.param('ignore = "AN101"\n', "ignore must be a list of non-empty strings", id="ignore-type"),
    pytest.param('[severity]\nAN999 = "error"\n', "unknown finding code 'AN999'", id="severity-code"),
    pytest.param('[severity]\nAN101 = "fatal"\n', "severity.AN101 must be one of", id="severity-level"),
    pytest.param('[per-file-ignores]\n"*.txt" = ["ZZ"]\n', "'ZZ' is not a finding code", id="per-file-code"),
    pytest.param("[score]\npublication = 1.5\n", "score:", id="score-order"),
    pytest.param("[score]\nnosuch = 1.0\n", "score:", id="score-unknown"),
    pytest.param('[vocab]\nplaces = ["Kyiv"]\n', "unknown key vocab.'places'", id="vocab-key"),
    pytest.param('[vocab]\nanonymous = ["local fixer"]\n', "must be one word", id="vocab-one-word"),
    pytest.param('[vocab]\noutlets = [""]\n', "vocab.outlets must be a list of non-empty strings", id="vocab-empty"),
    pytest.param("max-chars = 0\n", "max-chars must be a whole number from 1 to 1000000", id="max-chars"),
    pytest.param("exclude = [1]\n", "exclude must be a list of non-empty strings", id="exclude-type"),
    pytest.param("fail-under = \n", "invalid TOML", id="toml-syntax"),
]


@pytest.mark.parametrize("content, reason", BAD)
def test_config_bad_value_names_key_and_file(tree: Path, content: str, reason: str) -> None:
    write(tree / "attrib.toml", content)
    with pytest.raises(ConfigError) as info:
        Resolver().for_path(tree / "a.txt")
    assert info.value.path == "attrib.toml"
    assert reason in info.value.reason, info.value.reason


def test_config_pyproject_errors_name_the_tool_table(tree: Path) -> None:
    write(tree / "pyproject.toml", "[tool.attrib]\nfailunder = 3\n")
    with pytest.raises(ConfigError) as info:
        Resolver().for_path(tree / "a.txt")
    assert str(info.value) == "pyproject.toml: unknown key 'tool.attrib.failunder' (did you mean 'fail-under'?)"


def test_config_missing_explicit_file(tree: Path) -> None:
    with pytest.raises(ConfigError, match="no such config file"):
        Resolver(config="nope.toml").for_path(tree / "a.txt")


def test_config_valid_full_file(tree: Path) -> None:
    write(
        tree / "attrib.toml",
        """
fail-under = 40
fail-level = "warning"
min-severity = "warning"
select = ["AN", "WE3"]
ignore = ["AN103"]
exclude = ["archive/"]
extend-exclude = ["*.draft.md"]
model = "en_core_web_sm"
max-chars = 5000
[severity]
AN102 = "error"
[per-file-ignores]
"wire/*.txt" = ["SC2"]
[score]
anonymous = 0.05
[vocab]
outlets = ["The Kyiv  Independent", "the kyiv independent"]
anonymous = ["Stringer"]
named = ["Parks Department"]
""",
    )
    config = Resolver().for_path(tree / "a.txt")
    assert config.max_chars == 5000 and config.model == "en_core_web_sm"
    assert dict(config.weights) == {"anonymous": 0.05}
    assert dict(config.vocab) == {
        "outlets": ("the kyiv independent",),
        "anonymous_heads": ("stringer",),
        "named_bodies": ("parks department",),
    }
    assert config.vocab_items() == (
        ("anonymous_heads", ("stringer",)),
        ("named_bodies", ("parks department",)),
        ("outlets", ("the kyiv independent",)),
    )
    assert config.excludes(tree / "archive" / "old.txt") and config.excludes(tree / "x.draft.md")
    assert not config.excludes(tree / "x.md")
    assert config.excludes(tree / ".venv" / "a.txt") is False  # exclude replaces the default list
    assert [e.pattern for e in config.ignored_codes(tree / "wire" / "a.txt")] == ["wire/*.txt"]
    assert config.ignored_codes(tree / "a.txt") == []


# --- codes and policy ------------------------------------------------------------------


def _finding(code: str, severity: str, suppressed: bool = False) -> Finding:
    return Finding(
        code,
        "n",
        severity,
        "m",
        "w",
        Span(0, 1, "x"),
        0,
        1,
        1,
        1,
        2,
        "f",
        suppression=Suppression("baseline", "r") if suppressed else None,
    )


@pytest.mark.parametrize(
    "select, ignore, code, selected",
    [
        ((), (), "AN101", True),
        (("AN",), (), "WE301", False),
        (("AN",), ("AN102",), "AN102", False),
        (("AN",), ("AN102",), "AN101", True),
        (("AN101",), ("AN",), "AN101", True),  # the more specific selector wins
        (("AN1",), ("AN1",), "AN101", False),  # ignore wins a tie
        ((), ("WE3",), "WE302", False),
    ],
)
def test_config_select_and_ignore(select: tuple[str, ...], ignore: tuple[str, ...], code: str, selected: bool) -> None:
    assert Config(select=select, ignore=ignore).selects(code) is selected


def test_config_apply_filters_and_sets_severity() -> None:
    config = Config(ignore=("WE",), severity={"AN102": "error"})
    kept = config.apply([_finding("AN102", "warning"), _finding("WE301", "warning")])
    assert [(f.code, f.severity) for f in kept] == [("AN102", "error")]


def test_config_failures_score_and_level() -> None:
    from test_formats import audit

    low = audit("a.md", (_finding("AN102", "warning"), _finding("AN101", "error", suppressed=True)), value=30)
    assert Config().failures(low) == ()  # the error is suppressed, a warning is below the default level
    assert Config(fail_under=31).failures(low) == ("score 30 is below fail-under 31",)
    assert Config(fail_under=30).failures(low) == ()
    assert Config(fail_level="warning").failures(low) == ("1 finding at or above fail-level warning",)
    assert Config(fail_under=50).failures(audit("b.md", value=None)) == ()  # nothing to score: no verdict


# --- which files -----------------------------------------------------------------------


def test_config_collect_walks_folders_honouring_gitignore_and_exclude(tree: Path) -> None:
    (tree / ".git").mkdir()
    write(tree / ".gitignore", "drafts/private/\n*.tmp.md\n!keep.tmp.md\n")
    write(tree / "attrib.toml", 'extend-exclude = ["drafts/archive/"]\n')
    for name in (
        "drafts/a.md",
        "drafts/b.txt",
        "drafts/notes.py",
        "drafts/x.tmp.md",
        "drafts/keep.tmp.md",
        "drafts/private/secret.md",
        "drafts/archive/old.txt",
        "drafts/sub/c.html",
        ".venv/lib/d.txt",
        "drafts/sub/.gitignore",
    ):
        write(tree / name, "text\n" if not name.endswith(".gitignore") else "c.html\n")
    write(tree / "drafts" / "sub" / "e.docx", "not really a docx\n")
    found = [t.path for t in collect(["drafts"], Resolver())]
    assert found == [os.path.join("drafts", n) for n in ("a.md", "b.txt", "keep.tmp.md", "sub/e.docx")]


def test_config_named_files_are_audited_unless_force_exclude(tree: Path) -> None:
    (tree / ".git").mkdir()
    write(tree / ".gitignore", "private/\n")
    write(tree / "attrib.toml", 'extend-exclude = ["old.txt"]\n')
    for name in ("old.txt", "private/p.txt", "new.txt"):
        write(tree / name, "text\n")
    names = ["old.txt", "private/p.txt", "new.txt"]
    assert [t.path for t in collect(names, Resolver())] == names
    assert [t.path for t in collect(names, Resolver(), force_exclude=True)] == ["new.txt"]


def test_config_collect_empty_folder_and_stdin(tree: Path) -> None:
    (tree / "empty").mkdir()
    write(tree / "desk" / "attrib.toml", "fail-under = 70\n")
    targets = collect(["empty", "-"], Resolver(), stdin_filename="desk/story.md")
    assert targets[0].error and "no files to audit" in targets[0].error
    assert targets[1].stdin and targets[1].path == "desk/story.md" and targets[1].config.fail_under == 70


# --- house vocabulary in the engine ----------------------------------------------------


def test_config_vocab_extends_lexicons() -> None:
    plain = load_rules()
    extended = load_rules((("outlets", ("mediazona",)), ("anonymous_heads", ("stringer",))))
    assert "mediazona" not in plain.lexicons["outlets"] and "mediazona" in extended.lexicons["outlets"]
    assert "stringer" in extended.lexicons["anonymous_heads"]
    assert plain.lexicons["speech_verbs"] == extended.lexicons["speech_verbs"]
