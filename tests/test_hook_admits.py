"""A hook's `admits` only skips searches whose matches its `prepare` would drop.

find_candidates skips a regex rule's search in a sentence its hook does not
admit. The evidence must be the same as with every sentence searched: here the
component runs with `admits` forced to True and as shipped, on every rule
example, sentences of our own and the seeds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from attrib.engine import hooks
from attrib.engine.component import evidence
from attrib.engine.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent

OWN = [
    "Exclusive: Minister to quit over expenses row - sources",
    "Club says stadium sale is off — officials",
    "Storm warning for the coast: forecasters",
    "The council met on Tuesday - and voted to close the library.",
    "Sources: Club says stadium sale is off",
    "Police: Driver was over the limit",
    '"We will rebuild," the mayor said.\n\nFire crews battle blaze – witnesses\n\nMore to follow.',
]


def _evidence(nlp: Any, texts: list[str]) -> list[Any]:
    return [[evidence(sent) for sent in doc.sents] for doc in nlp.pipe(texts)]


@pytest.mark.model
def test_admits_changes_no_evidence(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    rules = load_rules().rules
    texts = [example for rule in rules for example in (*rule.match, *rule.no_match)] + OWN
    texts += [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    shipped = _evidence(nlp, texts)
    monkeypatch.setattr(hooks.Hook, "admits", lambda self, ctx, sent: True)
    monkeypatch.setattr(hooks.HeadlineOnly, "admits", lambda self, ctx, sent: True)
    searched = _evidence(nlp, texts)
    assert shipped == searched
    # the shortcut is taken: a headline rule's cue is found in a headline and in no sentence
    headline = _evidence(nlp, ["Club says stadium sale is off - sources"])[0][0]
    assert any(a.rule_id == "headline-source" for a in headline.attributions)


def test_headline_only_admits_what_it_keeps() -> None:
    class Ctx:
        text = "Club to sell stadium - sources\n\nThe club said so."

    class Sent:
        def __init__(self, start: int, end: int) -> None:
            self.start_char, self.end_char = start, end

    hook = hooks.HOOKS["headline-only"]
    headline, sentence = Sent(0, 30), Sent(32, 49)
    assert hook.admits(Ctx(), headline)  # type: ignore[arg-type]
    assert not hook.admits(Ctx(), sentence)  # type: ignore[arg-type]
    candidate = object()
    assert hook.prepare(Ctx(), candidate, headline) is candidate  # type: ignore[arg-type]
    assert hook.prepare(Ctx(), candidate, sentence) is None  # type: ignore[arg-type]
