"""Rules are data, behaviour is named: what attribution.toml declares is what the engine does.

- every rule's declared label (or its source rule's) is the label its examples produce;
- every hook a rule names is registered, every registered hook is used, an unknown one is refused;
- every hook matters: without it, some example of its rules comes out differently;
- no engine module branches on a rule's id.
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

import attrib.engine.rules as rules_module
from attrib.engine import hooks
from attrib.engine.rules import RuleError, load_rules

ROOT = Path(__file__).resolve().parent.parent
RULESET = load_rules()
SOURCE_LABELS = {source.id: source.label for source in RULESET.sources}


def _last(example: str, first: bool = False) -> Any:
    from attrib.pipeline import audit_text

    return audit_text(example).sentences[0 if first else -1]


def _evidence(sentence: Any) -> list[Any]:
    return ([sentence.primary] if sentence.primary else []) + list(sentence.others)


def _label_cases() -> list[Any]:
    cases = [
        pytest.param("rule", rule.id, example, id=f"{rule.id}-{n}")
        for rule in RULESET.rules
        if rule.kind != "python"
        for n, example in enumerate(rule.match)
    ]
    cases += [
        pytest.param("source", source.id, example, id=f"{source.id}-{n}")
        for source in RULESET.sources
        for n, example in enumerate(source.match)
    ]
    return cases


@pytest.mark.model
@pytest.mark.parametrize("table, rule_id, example", _label_cases())
def test_rule_data_declared_label_is_the_label_examples_produce(table: str, rule_id: str, example: str) -> None:
    # a lead's group named later (`named_later`) is classified in the first sentence, by what follows it
    sentence = _last(example, first=table == "source" and RULESET.source(rule_id).named_later)
    if table == "rule":
        rule = RULESET.rule(rule_id)
        [attribution, *_] = [a for a in _evidence(sentence) if a.rule_id == rule_id]
        # a rule with a label gives it; otherwise the source rule that classified the source does
        _assert_label(attribution, rule.label or SOURCE_LABELS[attribution.source_rule], example)
    else:
        primary = sentence.primary
        assert primary is not None and primary.source_rule == rule_id, (example, primary)
        _assert_label(primary, SOURCE_LABELS[rule_id], example)


def _assert_label(attribution: Any, declared: str, example: str) -> None:
    if declared:
        assert attribution.label == declared, (example, attribution)
    else:  # "" takes the label of the source it refers back to
        assert attribution.antecedent is not None and attribution.label in ("named", "anonymous", "publication"), (
            example,
            attribution,
        )


def test_rule_data_hooks_named_are_registered_and_every_hook_is_used() -> None:
    named = {rule.hook for rule in RULESET.rules if rule.hook}
    assert named == set(hooks.HOOKS)


def test_rule_data_rule_validation_rejects_an_unknown_hook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "rules"
    shutil.copytree(ROOT / "attrib" / "rules", copy)
    toml = copy / "attribution.toml"
    text = toml.read_text(encoding="utf-8")
    assert 'hook = "declined-to-comment"\n' in text
    toml.write_text(text.replace('hook = "declined-to-comment"\n', 'hook = "declined-to-coment"\n'), encoding="utf-8")
    monkeypatch.setattr(rules_module, "_rules_dir", lambda: copy)
    load_rules.cache_clear()
    try:
        with pytest.raises(RuleError, match=r"rule declined-to-comment: unknown hook 'declined-to-coment'"):
            load_rules()
    finally:
        load_rules.cache_clear()


@pytest.mark.parametrize(
    "key, value, message",
    [
        ("role", '"sideways"', "role must be one of main, main-unless-quoted, parse"),
        ("strict", '"yes"', "strict must be true or false"),
        ("cue", '["cue", "nowhere"]', "cue node 'nowhere' is in no pattern"),
        ("fallback_source", '"source.nobody"', "fallback_source 'source.nobody' is no [[source]] id"),
        ("credit_sources", '["source.famous"]', "credit_sources 'source.famous' is no [[source]] id"),
    ],
)
def test_rule_data_rule_validation_rejects_bad_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: str, value: str, message: str
) -> None:
    copy = tmp_path / "rules"
    shutil.copytree(ROOT / "attrib" / "rules", copy)
    toml = copy / "attribution.toml"
    text = toml.read_text(encoding="utf-8")
    needle = 'id = "in-document"\nkind = "dep"\n'
    assert needle in text
    toml.write_text(text.replace(needle, needle + f"{key} = {value}\n"), encoding="utf-8")
    monkeypatch.setattr(rules_module, "_rules_dir", lambda: copy)
    load_rules.cache_clear()
    try:
        with pytest.raises(RuleError, match=re.escape(message)):
            load_rules()
    finally:
        load_rules.cache_clear()


def _outcome(rule_ids: list[str], example: str) -> tuple[Any, ...]:
    """What an example gives: the last sentence's label and the evidence the hooked rules produced."""
    sentence = _last(example)
    return (
        sentence.label,
        tuple(
            (a.rule_id, a.label, a.role, a.source_rule, a.source and a.source.text)
            for a in _evidence(sentence)
            if a.rule_id in rule_ids
        ),
    )


@pytest.mark.model
@pytest.mark.parametrize("name", sorted(hooks.HOOKS))
def test_rule_data_every_hook_changes_its_rules_examples(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    rules = [rule for rule in RULESET.rules if rule.hook == name]
    examples = [example for rule in rules for example in (*rule.match, *rule.no_match)]
    rule_ids = [rule.id for rule in rules]
    with_hook = [_outcome(rule_ids, example) for example in examples]
    monkeypatch.setitem(hooks.HOOKS, name, hooks.Hook())
    without = [_outcome(rule_ids, example) for example in examples]
    assert with_hook != without, f"hook {name!r} changes none of its rules' examples"


def test_rule_data_every_rule_check_is_a_registered_check() -> None:
    """A rule's `check` names a registered article check (the one that lists its cues)."""
    from attrib.audit.checks import REGISTRY

    named = {rule.check for rule in RULESET.rules if rule.check}
    assert named, "no rule names a check"
    assert sorted(named - set(REGISTRY)) == []


def _python_sources() -> list[Path]:
    return sorted((ROOT / "attrib").rglob("*.py"))


def test_rule_data_no_engine_module_branches_on_a_rule_id() -> None:
    """`if rule.id == ...` belongs in no engine module: what differs between rules is data or a hook."""
    offenders = []
    for path in sorted((ROOT / "attrib" / "engine").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Compare):
                continue
            for side in (node.left, *node.comparators):
                if (
                    isinstance(side, ast.Attribute)
                    and side.attr in ("id", "rule_id")
                    or isinstance(side, ast.Name)
                    and side.id == "rule_id"
                ):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_rule_data_no_module_compares_a_records_rule_id() -> None:
    """No module of attrib (engine, audit, outputs) compares an Attribution's rule_id or
    source_rule, or a source's kind (a source rule id), with anything but None: the
    declared properties (rank_as, frames, continues_quote, relays, check; a source's
    kind, definite, journalist, vague) say what differs between rules."""
    offenders = []
    for path in _python_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Compare) or all(isinstance(op, (ast.Is, ast.IsNot)) for op in node.ops):
                continue
            for side in (node.left, *node.comparators):
                if isinstance(side, ast.Attribute) and side.attr in ("rule_id", "source_rule"):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def _allowed_id_literals(path: Path, tree: ast.AST) -> set[int]:
    """The places a rule id may be written in code: a hook's registered name
    (`@register("according-to")` in hooks.py), and the id the source classifier
    returns for the [[source]] rule it picked (attrib/engine/sources.py owns them)."""
    allowed: set[int] = set()
    name = path.relative_to(ROOT).as_posix()
    for node in ast.walk(tree):
        if (
            name == "attrib/engine/hooks.py"
            and isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "register"
        ):
            allowed.update(id(arg) for arg in node.args)
        if name == "attrib/engine/sources.py" and isinstance(node, ast.Return) and node.value is not None:
            allowed.update(id(inner) for inner in ast.walk(node.value) if isinstance(inner, ast.Constant))
    return allowed


def test_rule_data_no_module_names_a_rule_id() -> None:
    """No module of attrib writes a rule's or a source rule's id as a string (SAME_CONSTRUCTION
    maps, `"according-to"` tests, source-rule -> kind tables): behaviour that differs by rule is a
    declared property in attribution.toml, so a new rule gets it by data."""
    ids = {rule.id for rule in RULESET.rules} | {source.id for source in RULESET.sources}
    offenders = []
    for path in _python_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        allowed = _allowed_id_literals(path, tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in ids and id(node) not in allowed:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert offenders == []
