"""Meta-tests for the rule files: attribution.toml, the lexicons and their provenance.

Without the model: the rules load and validate, ids are unique and stable
(tests/stable_ids.txt), every rule has `match` and `no_match` examples, every
lexicon has a provenance section in attrib/rules/README.md, and each kind of
broken rule file raises a RuleError that names the rule or file.

With the model (`@pytest.mark.model`): every example of every rule is audited
with the real pipeline. A construction rule must (must not) produce evidence on
the example's last sentence; a source rule must (must not) classify the source
of the last sentence's primary attribution.
"""

from __future__ import annotations

import re
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import attrib.engine.rules as rules_module
from attrib.cli import main
from attrib.engine.rules import (
    MESSAGE_FIELDS,
    RuleError,
    _check_message,
    _expand,
    _parse_rule,
    _parse_source,
    lexicon_names,
    load_rules,
    read_lexicon,
)
from attrib.records import LABELS

ROOT = Path(__file__).resolve().parent.parent
STABLE_IDS = ROOT / "tests" / "stable_ids.txt"
RULES_DIR = Path(str(resources.files("attrib") / "rules"))
PROVENANCE = RULES_DIR / "README.md"
# README sections that describe rule files rather than lexicons.
NON_LEXICON_SECTIONS = {"attribution.toml", "scoring.toml", "checks.toml"}


def _load_or_none() -> Any:
    """The shipped rules, or None when they do not load (test_rules_load_rules_validates then fails)."""
    try:
        return load_rules()
    except RuleError:
        return None


_RULESET = _load_or_none()
RULES = _RULESET.rules if _RULESET else ()
SOURCES = _RULESET.sources if _RULESET else ()
SOURCES_BY_ID = {s.id: s for s in SOURCES}
ALL_IDS = [r.id for r in RULES] + [s.id for s in SOURCES]


def _stable_ids() -> list[str]:
    lines = STABLE_IDS.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _example_cases(entries: Any) -> list[Any]:
    """One pytest.param(rule_id, expect_match, example) per example, with a readable id."""
    cases = []
    for entry in entries:
        for kind, examples in (("match", entry.match), ("no_match", entry.no_match)):
            for index, example in enumerate(examples):
                cases.append(pytest.param(entry.id, kind == "match", example, id=f"{entry.id}-{kind}-{index}"))
    return cases


# --- loading, ids, examples (no model) -------------------------------------------


def test_rules_load_rules_validates() -> None:
    load_rules.cache_clear()
    ruleset = load_rules()
    assert ruleset.rules, "attribution.toml has no [[rule]]"
    assert ruleset.sources, "attribution.toml has no [[source]]"
    assert set(ruleset.lexicons) == set(lexicon_names())


def test_rules_ids_are_unique() -> None:
    ruleset = load_rules()
    ids = [r.id for r in ruleset.rules] + [s.id for s in ruleset.sources]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates


def test_rules_source_ids_have_the_source_prefix() -> None:
    assert all(s.id.startswith("source.") for s in load_rules().sources)
    assert not any(r.id.startswith("source.") for r in load_rules().rules)


@pytest.mark.parametrize("entry", [*RULES, *SOURCES], ids=lambda e: e.id)
def test_rules_every_rule_has_match_and_no_match_examples(entry: Any) -> None:
    assert entry.match, f"{entry.id} has no `match` example"
    assert entry.no_match, f"{entry.id} has no `no_match` example"
    assert all(example.strip() for example in (*entry.match, *entry.no_match)), f"{entry.id} has an empty example"


@pytest.mark.parametrize("entry", [*RULES, *SOURCES], ids=lambda e: e.id)
def test_rules_every_rule_has_a_description(entry: Any) -> None:
    assert entry.description.strip(), f"{entry.id} has no description"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rules_messages_format_with_source_and_cue(rule: Any) -> None:
    message = rule.message.format(**{name: f"<{name}>" for name in MESSAGE_FIELDS})
    assert message and "{" not in message


def test_rules_labels_are_known() -> None:
    ruleset = load_rules()
    for rule in ruleset.rules:
        assert rule.label in ("", *LABELS), rule.id
    for source in ruleset.sources:
        assert source.label in ("", *LABELS), source.id


def test_rules_stable_ids_file_has_no_duplicates() -> None:
    ids = _stable_ids()
    assert ids, "tests/stable_ids.txt lists no ids"
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_rules_every_id_is_in_stable_ids() -> None:
    missing = [rule_id for rule_id in ALL_IDS if rule_id not in set(_stable_ids())]
    assert ALL_IDS
    assert not missing, f"add these ids to tests/stable_ids.txt: {missing}"


def test_rules_no_stable_id_was_removed_or_renamed() -> None:
    from attrib.audit.checks import load_checks  # finding codes share the stable-id file

    gone = [rule_id for rule_id in _stable_ids() if rule_id not in set(ALL_IDS) | set(load_checks())]
    assert not gone, f"rule ids are stable and may never be removed or renamed: {gone}"


@pytest.mark.parametrize("rule_id", ALL_IDS)
def test_rules_cli_explains_every_rule(rule_id: str) -> None:
    result = CliRunner().invoke(main, ["rule", rule_id])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{rule_id} (")
    assert "Matches:" in result.stdout and "Does not match:" in result.stdout


# --- lexicon provenance (no model) -----------------------------------------------


def _provenance_sections() -> dict[str, list[str]]:
    """`## name` heading -> the non-empty lines under it."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in PROVENANCE.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^##\s+(.+?)\s*$", line)
        if heading:
            current = sections.setdefault(heading.group(1).strip("` "), [])
        elif line.startswith("# "):
            current = None
        elif current is not None and line.strip():
            current.append(line)
    return sections


def test_rules_provenance_readme_exists() -> None:
    assert PROVENANCE.is_file(), "attrib/rules/README.md is missing"
    sections = _provenance_sections()
    for name in NON_LEXICON_SECTIONS:
        assert name in sections, f"attrib/rules/README.md needs a '## {name}' section"


@pytest.mark.parametrize("name", lexicon_names())
def test_rules_every_lexicon_has_provenance(name: str) -> None:
    sections = _provenance_sections()
    assert name in sections, f"attrib/rules/README.md needs a '## {name}' section (sources, what was left out)"
    assert len(sections[name]) >= 2, f"the '## {name}' provenance section is too short"


def test_rules_indefinite_openers_are_descriptor_openers() -> None:
    """The register strips descriptor openers and asks of each stripped one whether it is indefinite."""
    lexicons = load_rules().lexicons
    assert sorted(lexicons["indefinite_openers"] - lexicons["descriptor_openers"]) == []


def test_rules_provenance_names_only_existing_lexicons() -> None:
    stale = sorted(set(_provenance_sections()) - NON_LEXICON_SECTIONS - set(lexicon_names()))
    assert not stale, f"attrib/rules/README.md describes lexicons that do not exist: {stale}"


# --- validation errors name the rule or file (no model) --------------------------


LEXICONS = {"speech_verbs": frozenset({"say", "tell"})}


def _raw_rule(**changes: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "id": "my-test-rule",
        "kind": "token",
        "description": "A test rule.",
        "message": "{source!r} {cue}",
        "pattern": [[{"LEMMA": {"IN": ["@speech_verbs"]}}]],
        "match": ["She said so."],
        "no_match": ["It rained."],
    }
    raw.update(changes)
    return raw


def test_rules_valid_crafted_rule_parses() -> None:
    rule = _parse_rule(_raw_rule(), LEXICONS)
    assert rule.id == "my-test-rule"
    assert rule.patterns == ([{"LEMMA": {"IN": ["say", "tell"]}}],)


def test_rules_unknown_key_is_rejected() -> None:
    with pytest.raises(RuleError, match=r"my-test-rule.*bogus"):
        _parse_rule(_raw_rule(bogus=1), LEXICONS)


def test_rules_unknown_source_key_is_rejected() -> None:
    raw = {"id": "source.test", "label": "named", "description": "d", "match": [], "no_match": [], "bogus": 1}
    with pytest.raises(RuleError, match=r"source\.test.*bogus"):
        _parse_source(raw)


def test_rules_unknown_label_is_rejected() -> None:
    with pytest.raises(RuleError, match=r"my-test-rule.*'secret'"):
        _parse_rule(_raw_rule(label="secret"), LEXICONS)


def test_rules_unknown_source_label_is_rejected() -> None:
    with pytest.raises(RuleError, match=r"source\.test.*'secret'"):
        _parse_source({"id": "source.test", "label": "secret", "description": "d"})


def test_rules_unknown_lexicon_is_rejected() -> None:
    with pytest.raises(RuleError, match=r"my-test-rule.*@no_such_list"):
        _parse_rule(_raw_rule(pattern=[[{"LEMMA": {"IN": ["@no_such_list"]}}]]), LEXICONS)
    with pytest.raises(RuleError, match=r"where-it-was.*@no_such_list"):
        _expand([{"LOWER": {"IN": ["@no_such_list"]}}], LEXICONS, "where-it-was")


def test_rules_unknown_phrase_lexicon_is_rejected() -> None:
    raw = _raw_rule(kind="phrase", lexicon="no_such_list")
    del raw["pattern"]
    with pytest.raises(RuleError, match=r"my-test-rule.*no_such_list"):
        _parse_rule(raw, LEXICONS)


def test_rules_bad_message_placeholder_is_rejected() -> None:
    with pytest.raises(RuleError, match=r"my-test-rule.*\{speaker\}"):
        _parse_rule(_raw_rule(message="{speaker} said it"), LEXICONS)
    with pytest.raises(RuleError, match=r"where-it-was.*\{speaker\}"):
        _check_message("{speaker} said it", "where-it-was")


def test_rules_declared_properties_parse() -> None:
    rule = _parse_rule(_raw_rule(rank_as="another-rule", frames=True, relays=True, check="WE301"), LEXICONS)
    assert (rule.rank_as, rule.frames, rule.relays, rule.check) == ("another-rule", True, True, "WE301")
    source = _parse_source({"id": "source.test", "label": "publication", "kind": "outlet", "journalist": True})
    assert (source.kind, source.journalist, source.definite, source.vague) == ("outlet", True, False, False)


def test_rules_bad_declared_property_is_rejected() -> None:
    with pytest.raises(RuleError, match=r"my-test-rule: frames must be true or false"):
        _parse_rule(_raw_rule(frames="yes"), LEXICONS)
    with pytest.raises(RuleError, match=r"my-test-rule: check must be a finding code.*'agentless'"):
        _parse_rule(_raw_rule(check="agentless"), LEXICONS)
    with pytest.raises(RuleError, match=r"my-test-rule: continues_quote needs a python rule"):
        _parse_rule(_raw_rule(continues_quote=True), LEXICONS)
    with pytest.raises(RuleError, match=r"my-test-rule: rank_as must be the id of another rule"):
        _parse_rule(_raw_rule(rank_as=3), LEXICONS)


def test_rules_bad_source_kind_is_rejected() -> None:
    with pytest.raises(RuleError, match=r"source\.test: kind must be one of .*'place'"):
        _parse_source({"id": "source.test", "label": "named", "kind": "place"})
    with pytest.raises(RuleError, match=r"source\.test: kind must be one of .*''"):
        _parse_source({"id": "source.test", "label": "named"})
    with pytest.raises(RuleError, match=r"source\.test: a source with label \"\" .* no kind"):
        _parse_source({"id": "source.test", "label": "", "kind": "person"})
    with pytest.raises(RuleError, match=r"source\.test: journalist needs kind \"outlet\""):
        _parse_source({"id": "source.test", "label": "named", "kind": "person", "journalist": True})
    with pytest.raises(RuleError, match=r"source\.test: definite must be true or false"):
        _parse_source({"id": "source.test", "label": "named", "kind": "body", "definite": 1})


# End to end on a copy of the rules folder: the real loader, the real files.


@pytest.fixture
def rules_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A writable copy of attrib/rules that load_rules() reads instead of the package data."""
    copy = tmp_path / "rules"
    shutil.copytree(RULES_DIR, copy)
    monkeypatch.setattr(rules_module, "_rules_dir", lambda: copy)
    load_rules.cache_clear()
    yield copy
    load_rules.cache_clear()  # before monkeypatch restores _rules_dir; the next load reads the package


def test_rules_duplicate_lexicon_entry_is_rejected(rules_copy: Path) -> None:
    lexicon = rules_copy / "lexicons" / "speech_verbs.txt"
    lines = lexicon.read_text(encoding="utf-8").splitlines()
    first = next(line for line in lines if line.strip() and not line.startswith("#"))
    lexicon.write_text("\n".join([*lines, first.upper()]) + "\n", encoding="utf-8")
    expected = rf"lexicons/speech_verbs\.txt:{len(lines) + 1}: duplicate entry '{re.escape(first.strip().lower())}'"
    with pytest.raises(RuleError, match=expected):
        read_lexicon("speech_verbs")
    with pytest.raises(RuleError, match=r"lexicons/speech_verbs\.txt"):
        load_rules()


def test_rules_unknown_key_in_file_names_rule(rules_copy: Path) -> None:
    toml = rules_copy / "attribution.toml"
    first = RULES[0].id
    text = toml.read_text(encoding="utf-8")
    needle = f'id = "{first}"\n'
    assert needle in text
    toml.write_text(text.replace(needle, needle + 'colour = "red"\n', 1), encoding="utf-8")
    with pytest.raises(RuleError, match=rf"attribution\.toml rule {re.escape(first)}: unknown key\(s\) colour"):
        load_rules()


def test_rules_duplicate_id_in_file_is_rejected(rules_copy: Path) -> None:
    toml = rules_copy / "attribution.toml"
    text = toml.read_text(encoding="utf-8")
    second = f'id = "{RULES[1].id}"\n'
    assert second in text
    toml.write_text(text.replace(second, f'id = "{RULES[0].id}"\n', 1), encoding="utf-8")
    with pytest.raises(RuleError, match=rf"duplicate id\(s\) {re.escape(RULES[0].id)}"):
        load_rules()


def test_rules_rank_as_unknown_rule_is_rejected(rules_copy: Path) -> None:
    toml = rules_copy / "attribution.toml"
    text = toml.read_text(encoding="utf-8")
    needle = 'rank_as = "speech-verb-subject"\n'
    assert needle in text
    toml.write_text(text.replace(needle, 'rank_as = "no-such-rule"\n'), encoding="utf-8")
    with pytest.raises(RuleError, match=r"rule document-subject: rank_as 'no-such-rule' is no other \[\[rule\]\]"):
        load_rules()


def test_rules_one_continues_quote_rule_is_required(rules_copy: Path) -> None:
    toml = rules_copy / "attribution.toml"
    text = toml.read_text(encoding="utf-8")
    needle = "continues_quote = true\n"
    assert text.count(needle) == 1
    toml.write_text(text.replace(needle, ""), encoding="utf-8")
    with pytest.raises(RuleError, match=r"exactly one rule has continues_quote = true, got none"):
        load_rules()


def test_rules_broken_file_makes_cli_exit_2(rules_copy: Path) -> None:
    toml = rules_copy / "attribution.toml"
    text = re.sub(r"^\[\[rule\]\]$", "[[rules]]", toml.read_text(encoding="utf-8"), count=1, flags=re.M)
    toml.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["rule"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("attrib: error: attribution.toml"), result.stderr
    assert "Traceback" not in result.output


# --- every example through the real model ----------------------------------------


def _evidence(sentence: Any) -> list[Any]:
    return ([sentence.primary] if sentence.primary else []) + list(sentence.others)


def _describe(sentence: Any) -> str:
    """What the engine produced for a sentence, for failure messages."""

    def one(a: Any) -> str:
        source = a.source.text if a.source else None
        return f"{a.rule_id}/{a.source_rule or '-'} cue={a.cue.text!r} source={source!r} role={a.role}"

    primary = one(sentence.primary) if sentence.primary else "None"
    others = "; ".join(one(a) for a in sentence.others) or "none"
    return f"last sentence {sentence.span.text!r}: label={sentence.label}, primary={primary}, others={others}"


@pytest.mark.model
@pytest.mark.parametrize("rule_id, expect_match, example", _example_cases(RULES))
def test_rules_construction_examples(rule_id: str, expect_match: bool, example: str) -> None:
    from attrib.pipeline import audit_text

    audit = audit_text(example)
    assert audit.sentences, f"no sentences for {example!r}"
    last = audit.sentences[-1]
    fired = any(a.rule_id == rule_id for a in _evidence(last))
    if expect_match:
        assert fired, f"{rule_id} should fire on {example!r}; {_describe(last)}"
    else:
        assert not fired, f"{rule_id} should not fire on {example!r}; {_describe(last)}"


@pytest.mark.model
@pytest.mark.parametrize("rule_id, expect_match, example", _example_cases(SOURCES))
def test_rules_source_examples(rule_id: str, expect_match: bool, example: str) -> None:
    from attrib.pipeline import audit_text

    audit = audit_text(example)
    assert audit.sentences, f"no sentences for {example!r}"
    # a lead's group named later (`named_later`) is classified in the first sentence, by what follows it
    last = audit.sentences[0 if SOURCES_BY_ID[rule_id].named_later else -1]
    classified = last.primary is not None and last.primary.source_rule == rule_id
    if expect_match:
        assert classified, f"the primary source should be classified by {rule_id} in {example!r}; {_describe(last)}"
    else:
        assert not classified, f"{rule_id} should not classify the primary source in {example!r}; {_describe(last)}"
