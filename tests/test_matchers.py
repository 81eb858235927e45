"""attrib.engine.matchers finds the matches spaCy's Matcher and DependencyMatcher find, and rejects what it cannot match.

Without the model: hand-built parses and crafted patterns. With the model: the
shipped token and dep rules on every example sentence of attribution.toml and
on the seeds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from attrib.engine.matchers import DependencyPatterns, TokenPatterns
from attrib.engine.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent


def _dep_matchers(
    vocab: Any, patterns: dict[str, list[dict[str, Any]]]
) -> tuple[DependencyMatcher, DependencyPatterns]:
    spacy_matcher, ours = DependencyMatcher(vocab, validate=True), DependencyPatterns(vocab)
    for key, pattern in patterns.items():
        spacy_matcher.add(key, [pattern])
        ours.add(key, pattern)
    return spacy_matcher, ours


def _same_dep_matches(
    doc: Doc, spacy_matcher: DependencyMatcher, ours: DependencyPatterns, names: dict[str, list[str]]
) -> list[tuple[str, tuple[int, ...]]]:
    """Both matchers' matches as (key, token ids in node order), checked equal; spaCy's grouped by key."""
    keys = list(names)
    theirs = sorted(
        ((doc.vocab.strings[match_id], tuple(ids)) for match_id, ids in spacy_matcher(doc)),
        key=lambda match: (keys.index(match[0]), match[1]),
    )
    mine = [(key, tuple(named[name].i for name in names[key])) for key, named in ours(doc)]
    assert mine == theirs
    return mine


def _english() -> Vocab:
    """A vocabulary that computes LOWER and the other lexical attributes, as a model's does."""
    return spacy.blank("en").vocab


def _parsed(words: list[str], heads: list[int], deps: list[str], lemmas: list[str], pos: list[str]) -> Doc:
    return Doc(_english(), words=words, heads=heads, deps=deps, lemmas=lemmas, pos=pos)


SAY = {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LEMMA": {"IN": ["say", "tell"]}, "POS": {"IN": ["VERB", "AUX"]}}}
PATTERNS = {
    "subject": [
        SAY,
        {
            "LEFT_ID": "cue",
            "REL_OP": ">",
            "RIGHT_ID": "source",
            "RIGHT_ATTRS": {"DEP": "nsubj", "LEMMA": {"NOT_IN": ["report"]}},
        },
    ],
    "governed": [SAY, {"LEFT_ID": "cue", "REL_OP": "<", "RIGHT_ID": "governor", "RIGHT_ATTRS": {"POS": "VERB"}}],
    "below": [SAY, {"LEFT_ID": "cue", "REL_OP": ">>", "RIGHT_ID": "noun", "RIGHT_ATTRS": {"POS": "NOUN"}}],
    "above": [
        {"RIGHT_ID": "noun", "RIGHT_ATTRS": {"POS": "NOUN"}},
        {"LEFT_ID": "noun", "REL_OP": "<<", "RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": "VERB"}},
    ],
    "any-anchor": [
        {"RIGHT_ID": "word", "RIGHT_ATTRS": {"LOWER": {"NOT_IN": ["the"]}}},
        {"LEFT_ID": "word", "REL_OP": ">", "RIGHT_ID": "det", "RIGHT_ATTRS": {"DEP": "det"}},
    ],
    "two-children": [
        SAY,
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "a", "RIGHT_ATTRS": {}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "b", "RIGHT_ATTRS": {"TEXT": {"IN": ["that", "."]}}},
    ],
}
NAMES = {key: [node["RIGHT_ID"] for node in pattern] for key, pattern in PATTERNS.items()}


def test_matchers_dep_agrees_with_spacy_on_a_hand_built_parse() -> None:
    # "The minister said that officials told the report writers ."
    doc = _parsed(
        ["The", "minister", "said", "that", "officials", "told", "the", "report", "writers", "."],
        heads=[1, 2, 2, 5, 5, 2, 8, 8, 5, 2],
        deps=["det", "nsubj", "ROOT", "mark", "nsubj", "ccomp", "det", "compound", "dobj", "punct"],
        lemmas=["the", "minister", "say", "that", "official", "tell", "the", "report", "writer", "."],
        pos=["DET", "NOUN", "VERB", "SCONJ", "NOUN", "VERB", "DET", "NOUN", "NOUN", "PUNCT"],
    )
    spacy_matcher, ours = _dep_matchers(doc.vocab, PATTERNS)
    found = _same_dep_matches(doc, spacy_matcher, ours, NAMES)
    assert ("subject", (2, 1)) in found and ("subject", (5, 4)) in found
    assert ("governed", (5, 2)) in found
    assert {ids for key, ids in found if key == "above" and ids[0] == 8} == {(8, 2), (8, 5)}


def test_matchers_an_empty_doc_has_no_matches() -> None:
    doc = Doc(Vocab(), words=[])
    assert DependencyPatterns(doc.vocab)(doc) == []
    assert TokenPatterns(doc.vocab)(doc) == []


@pytest.mark.parametrize(
    "pattern, message",
    [
        ([], "non-empty"),
        ([{"RIGHT_ATTRS": {}}], "RIGHT_ID"),
        ([SAY, SAY], "used twice"),
        ([{**SAY, "REL_OP": ">"}], "first node"),
        ([SAY, {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "x"}], "exactly"),
        ([SAY, {"LEFT_ID": "nowhere", "REL_OP": ">", "RIGHT_ID": "x", "RIGHT_ATTRS": {}}], "earlier node"),
        ([SAY, {"LEFT_ID": "cue", "REL_OP": ".", "RIGHT_ID": "x", "RIGHT_ATTRS": {}}], "REL_OP '.'"),
        ([{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"IS_PUNCT": True}}], "IS_PUNCT"),
        ([{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LEMMA": {"REGEX": "^s"}}}], "LEMMA takes"),
        ([{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LEMMA": {"IN": "say"}}}], "list of strings"),
        ([{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LEMMA": "say", "OP": "?"}}], "OP"),
    ],
)
def test_matchers_dep_rejects_what_it_cannot_match(pattern: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        DependencyPatterns(Vocab()).add("rule#0", pattern)


def _shipped_patterns(kind: str) -> dict[str, list[dict[str, Any]]]:
    return {
        f"{rule.id}#{index}": pattern
        for rule in load_rules().rules
        if rule.kind == kind
        for index, pattern in enumerate(rule.patterns)
    }


def _rule_examples_and_seeds() -> list[str]:
    texts = [example for rule in load_rules().rules for example in (*rule.match, *rule.no_match)]
    return texts + [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]


@pytest.mark.model
def test_matchers_dep_agrees_with_spacy_on_the_rule_examples_and_seeds(nlp: Any) -> None:
    patterns = _shipped_patterns("dep")
    names = {key: [node["RIGHT_ID"] for node in pattern] for key, pattern in patterns.items()}
    spacy_matcher, ours = _dep_matchers(nlp.vocab, patterns)
    fired = set()
    with nlp.select_pipes(disable=["attrib"]):
        for doc in nlp.pipe(_rule_examples_and_seeds()):
            fired |= {key.split("#")[0] for key, _ in _same_dep_matches(doc, spacy_matcher, ours, names)}
    assert fired == {key.split("#")[0] for key in patterns}  # every dep rule was exercised


# -- token patterns --------------------------------------------------------------------------


def _same_token_matches(doc: Doc, patterns: dict[str, list[dict[str, Any]]]) -> list[tuple[str, int, int]]:
    """Both matchers' matches, checked equal: spaCy's in completion order, so compared by start then end."""
    spacy_matcher, ours = Matcher(doc.vocab, validate=True), TokenPatterns(doc.vocab)
    for key, pattern in patterns.items():
        spacy_matcher.add(key, [pattern])
        ours.add(key, pattern)
    keys = list(patterns)
    theirs = sorted(
        ((doc.vocab.strings[match_id], start, end) for match_id, start, end in spacy_matcher(doc)),
        key=lambda match: (match[1], match[2], keys.index(match[0])),
    )
    mine = ours(doc)
    assert mine == theirs
    return mine


WORDS = "it was widely reported it has been reported and it is said that a a b a".split()
LEMMAS = "it be widely report it have be report and it be say that a a b a".split()
POS = "PRON AUX ADV VERB PRON AUX AUX VERB CCONJ PRON AUX VERB SCONJ DET DET NOUN DET".split()
TOKEN_PATTERNS = {
    "agentless": [
        {"LOWER": "it"},
        {"LEMMA": {"IN": ["be", "have"]}, "OP": "+"},
        {"POS": "ADV", "OP": "*"},
        {"LEMMA": {"IN": ["report", "say"]}},
    ],
    "optional-first": [{"LOWER": "a", "OP": "?"}, {"LOWER": "b"}],
    "optional-last": [{"LOWER": "b"}, {"LOWER": "a", "OP": "?"}],
    "repeat": [{"LOWER": "a", "OP": "+"}],
    "star-only": [{"LOWER": "a", "OP": "*"}],
    "two-stars": [{"POS": "DET", "OP": "*"}, {"LOWER": "a", "OP": "*"}, {"LOWER": "b"}],
    "negated": [{"LEMMA": {"NOT_IN": ["be", "it"]}, "POS": "AUX"}, {"POS": "AUX"}],
}


def test_matchers_token_agrees_with_spacy_on_quantifiers() -> None:
    doc = Doc(_english(), words=WORDS, lemmas=LEMMAS, pos=POS)
    found = _same_token_matches(doc, TOKEN_PATTERNS)
    assert ("agentless", 0, 4) in found and ("agentless", 4, 8) in found and ("agentless", 9, 12) in found
    assert ("repeat", 13, 15) in found and ("repeat", 13, 14) in found and ("negated", 5, 7) in found


@pytest.mark.parametrize(
    "pattern, message",
    [
        ([], "non-empty"),
        ([{"LOWER": "a", "OP": "!"}], "OP '!'"),
        ([{"LOWER": "a", "OP": "{2}"}], "OP"),
        ([{"LOWER": "a", "OP": "1"}], "OP '1'"),
        ([{"LIKE_NUM": True}], "LIKE_NUM"),
        ([{"LOWER": {"REGEX": "^a"}}], "LOWER takes"),
    ],
)
def test_matchers_token_rejects_what_it_cannot_match(pattern: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        TokenPatterns(Vocab()).add("rule#0", pattern)


@pytest.mark.model
def test_matchers_token_agrees_with_spacy_on_the_rule_examples_and_seeds(nlp: Any) -> None:
    patterns = _shipped_patterns("token")
    fired = set()
    with nlp.select_pipes(disable=["attrib"]):
        for doc in nlp.pipe(_rule_examples_and_seeds()):
            fired |= {key.split("#")[0] for key, _, _ in _same_token_matches(doc, patterns)}
    assert fired == {key.split("#")[0] for key in patterns}  # every token rule was exercised
