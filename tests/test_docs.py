"""The README documents every command and option (the sqlite-utils habit)."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from attrib.cli import main
from attrib.engine.rules import load_rules

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _options() -> list[tuple[str, str]]:
    found = []
    for name, command in sorted(main.commands.items()):
        for param in command.params:
            if isinstance(param, click.Option):
                found.extend((name, opt) for opt in param.opts if opt.startswith("--"))
    return found


@pytest.mark.parametrize("command, option", _options(), ids=lambda v: str(v))
def test_docs_every_option_is_in_readme(command: str, option: str) -> None:
    assert option in README, f"`attrib {command} {option}` is not documented in README.md"


@pytest.mark.parametrize("command", sorted(main.commands))
def test_docs_every_command_is_in_readme(command: str) -> None:
    assert f"attrib {command}" in README


@pytest.mark.parametrize("rule_id", sorted(r.id for r in (*load_rules().rules, *load_rules().sources)))
def test_docs_every_rule_is_in_the_readme_tables(rule_id: str) -> None:
    # the construction and source-kind tables under "How labels are decided" list every rule
    assert f"| `{rule_id}` |" in README, f"rule {rule_id} has no row in README.md's rule tables"
