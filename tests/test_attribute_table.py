"""attrib_attribute_table sets exactly what spaCy's AttributeRuler sets.

Without the model: crafted rulers (IN, NOT_IN, REGEX, two-token patterns, a
negative index, later patterns overwriting earlier ones, a pattern only the
Matcher can run) on hand-built Docs. With the model: attrib's pipeline with the
table against the same pipeline with the model's own ruler, token by token, on
sentences of many registers, the seeds and a long article.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.vocab import Vocab

from attrib.engine.attribute_table import SWITCH, AttributeTable, table_from_ruler

ROOT = Path(__file__).resolve().parent.parent
COMPARED = ["ORTH", "TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START", "NORM"]

CRAFTED: list[dict[str, Any]] = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": {"IN": ["VBD", "VBN"]}}]], "attrs": {"POS": "VERB", "MORPH": "Tense=Past"}},
    {"patterns": [[{"TAG": "NN", "LOWER": "data"}]], "attrs": {"MORPH": "Number=Plur"}},  # overwrites one attr
    {"patterns": [[{"LOWER": "said"}]], "attrs": {"LEMMA": "say"}},
    {"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": "DT"}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'?$"}}]], "attrs": {"LEMMA": "nothing"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": -1},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]], "attrs": {"POS": "AUX"}, "index": 1},
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep"}},
    {"patterns": [[{"LOWER": "very", "OP": "+"}, {"TAG": "JJ"}]], "attrs": {"LEMMA": "much"}, "index": -1},
    {"patterns": [[{"TAG": "VBD", "LOWER": "said"}], [{"TAG": "VBZ", "LOWER": "says"}]], "attrs": {"LEMMA": "tell"}},
]

# (words, tags, deps): hand-made parses; heads are left as they are
DOCS = [
    (["The", "data", "was", "leaked", "and", "she", "said", "nothin'", "."], "DT NN VBD VBN CC PRP VBD NN .", None),
    (
        ["There", "was", "a", "very", "very", "big", "crowd", "y'", "all", "gon", "na", "see"],
        "EX VBD DT RB RB JJ NN PRP DT VBG TO VB",
        None,
    ),
    (["Nothin", "said", "y", "all", "gon"], None, None),
    (["That", "is", "all", "\n\n", "says", "who", "?"], "DT VBZ DT _SP VBZ WP .", None),
]


def _doc(vocab: Vocab, words: list[str], tags: str | None) -> Doc:
    tag_list = tags.split() if tags else ["NN" if w.isalpha() else "." for w in words]
    deps = ["expl" if w == "There" else "det" if w == "a" else "dep" for w in words]
    return Doc(vocab, words=words, tags=tag_list, deps=deps, heads=list(range(len(words))))


def _as_arrays(doc: Doc) -> list[list[Any]]:
    return [[t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_] for t in doc]


def test_crafted_ruler_and_table_agree() -> None:
    vocab = spacy.blank("en").vocab
    ruler = AttributeRuler(vocab)
    ruler.add_patterns(CRAFTED)
    table = table_from_ruler(ruler)
    assert table is not None
    assert len(table.matcher) == 1  # only the "OP" pattern needs spaCy's Matcher
    assert table.sequences and table.rules
    for words, tags, _ in DOCS:
        expected, got = ruler(_doc(vocab, words, tags)), table(_doc(vocab, words, tags))
        assert _as_arrays(got) == _as_arrays(expected), words
    # the crafted patterns fire: a later pattern overwrote an earlier one, the longer ones matched
    doc = table(_doc(vocab, *DOCS[0][:2]))
    assert (doc[1].pos_, str(doc[1].morph)) == ("NOUN", "Number=Plur")
    assert doc[7].lemma_ == "nothing"
    doc = table(_doc(vocab, *DOCS[1][:2]))
    assert (doc[1].pos_, doc[7].lemma_, doc[10].lemma_, doc[5].lemma_) == ("AUX", "you", "to", "much")


def test_a_ruler_setting_other_attributes_is_not_tabled() -> None:
    ruler = AttributeRuler(spacy.blank("en").vocab)
    ruler.add_patterns([{"patterns": [[{"LOWER": "x"}]], "attrs": {"NORM": "y"}}])
    assert table_from_ruler(ruler) is None
    ruler = AttributeRuler(spacy.blank("en").vocab)
    ruler.add_patterns([{"patterns": [[{"LOWER": "x"}]], "attrs": {"LEMMA": "y"}}])
    assert isinstance(table_from_ruler(ruler), AttributeTable)


def test_an_empty_doc_passes_through() -> None:
    ruler = AttributeRuler(spacy.blank("en").vocab)
    ruler.add_patterns(CRAFTED)
    table = table_from_ruler(ruler)
    assert table is not None
    assert len(table(Doc(ruler.vocab, words=[]))) == 0


# Our own sentences, many registers: contractions, slang, tabs, blank lines, "there is", all caps.
OWN = [
    "The council said on Tuesday that the budget was 'nothin' but a wish list', ain't it?",
    "Y'all gonna love this, said the coach, who gotta win Saturday.\n\nLet's see.",
    "C'mon, there's no way, there were 12 people there, police said.\t\tShe dunno.",
    "SHARES FELL 3% AFTER THE FILING; analysts at the bank said it was 'a shock'.",
    "'Tis the season,\" the mayor's spokesperson wrote in an e-mail, adding: \"We're done.\"",
    "Ms. O'Neill, 61, told reporters she hadn't been consulted -- nor had they.",
    "  \n  Photograph: Jane Doe/Agency   \n",
    "He gets it. She got it. They're getting it, aren't they? Nuthin' doing.",
    "",
    "   ",
]


@pytest.mark.model
def test_model_pipeline_with_table_matches_stock_ruler(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    from attrib.pipeline import MODEL_CANDIDATES, _table_attribute_ruler

    # the comparison needs the table, whatever the shell running the suite asks for
    monkeypatch.delenv(SWITCH, raising=False)

    model = next(name for name in MODEL_CANDIDATES if importlib.util.find_spec(name))
    stock, tabled = spacy.load(model), spacy.load(model)
    _table_attribute_ruler(tabled)
    assert "attrib_attribute_table" in tabled.pipe_names and "attribute_ruler" not in tabled.pipe_names
    texts = OWN + [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    texts.append(" ".join(OWN * 40))
    tokens = 0
    for expected, got in zip(stock.pipe(texts), tabled.pipe(texts), strict=True):
        tokens += len(expected)
        assert (expected.to_array(COMPARED) == got.to_array(COMPARED)).all(), expected.text[:80]
        assert _as_arrays(got) == _as_arrays(expected)
    assert tokens > 2000


@pytest.mark.model
def test_stock_switch_keeps_spacys_ruler(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    from attrib.pipeline import MODEL_CANDIDATES, _table_attribute_ruler

    model = next(name for name in MODEL_CANDIDATES if importlib.util.find_spec(name))
    nlp = spacy.load(model)
    monkeypatch.setenv("ATTRIB_ATTRIBUTE_RULER", "stock")
    _table_attribute_ruler(nlp)
    assert "attribute_ruler" in nlp.pipe_names and "attrib_attribute_table" not in nlp.pipe_names


def test_a_mistyped_switch_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from attrib.engine.attribute_table import stock_requested
    from attrib.errors import ModelError

    monkeypatch.setenv("ATTRIB_ATTRIBUTE_RULER", "stokc")
    with pytest.raises(ModelError, match="ATTRIB_ATTRIBUTE_RULER must be 'stock' or 'table', got 'stokc'"):
        stock_requested()
    monkeypatch.setenv("ATTRIB_ATTRIBUTE_RULER", " Table ")
    assert stock_requested() is False


@pytest.mark.model
def test_the_cli_names_a_mistyped_switch_in_one_line(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    story = tmp_path / "story.txt"
    story.write_text("The mayor said the bridge would reopen.\n", encoding="utf-8")
    env = {**os.environ, "ATTRIB_ATTRIBUTE_RULER": "fast"}
    done = subprocess.run(
        [sys.executable, "-m", "attrib", "audit", str(story), "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "ATTRIB_ATTRIBUTE_RULER must be 'stock' or 'table', got 'fast'" in done.stderr
    assert "Traceback" not in done.stderr
