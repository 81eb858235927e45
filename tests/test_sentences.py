"""The sentence table: (text, label, rule id, cue) per LABELS.md, run through the real model.

The cases live in sentence_cases.py; each is about the LAST sentence of its
text. A case states what LABELS.md requires, not what the engine happens to do.
"""

from __future__ import annotations

import pytest
from sentence_cases import CASES

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text, label, rule_id, cue", CASES)
def test_sentences_label_rule_and_cue(text: str, label: str, rule_id: str, cue: str) -> None:
    from attrib.pipeline import audit_text

    last = audit_text(text).sentences[-1]
    primary = last.primary
    found = (
        f"label={last.label} rule={primary.rule_id if primary else None} cue={primary.cue.text if primary else None!r}"
    )
    assert last.label == label, f"{last.span.text!r}: {found}; why: {last.why}"
    if rule_id:
        assert primary is not None and primary.rule_id == rule_id, f"{last.span.text!r}: {found}"
        assert cue in primary.cue.text or primary.cue.text in cue, f"{last.span.text!r}: {found}"
    elif label == "unattributed":
        # plain narration: nothing may win, not even a weasel cue
        assert primary is None or primary.source is None, found


@pytest.mark.parametrize(
    "text, label",
    [
        pytest.param(
            '"He would be a great senator. Not good, great. One of the brightest members of the whole '
            'Congress," Rep. Elijah Carter of Maryland said in a phone interview on Monday.',
            "named",
            id="speaker-after-a-quote-tail-that-is-mostly-attribution",
        ),
        pytest.param(
            'Union leader Rosa Diaz spoke at the rally on Friday. "Nobody is writing songs for the mayor. '
            'He has nobody like that," she said.',
            "named",
            id="pronoun-speaker-later-in-the-quote",
        ),
    ],
)
def test_sentences_quote_opening_takes_the_later_speaker(text: str, label: str) -> None:
    """The opening sentences of a quotation take the speaker named at its end."""
    from attrib.pipeline import audit_text

    quoted = [s for s in audit_text(text).sentences if s.span.text.startswith('"')]
    assert quoted, "no sentence opens the quotation"
    for sentence in quoted:
        assert sentence.label == label, sentence.why
        assert sentence.primary is not None and sentence.primary.rule_id == "quote-continuation", sentence.why


@pytest.mark.parametrize(
    "text, antecedent",
    [
        pytest.param(
            "The Riverton Tenants Union counted evictions in Chicago last year. They found that "
            "evictions rose by a third.",
            "The Riverton Tenants Union",
            id="they-is-not-a-place",
        ),
        pytest.param(
            "Russia launched 40 drones overnight, Ukraine's air force said. It added that most were shot down.",
            "Ukraine's air force",
            id="it-is-the-last-speaker-body",
        ),
    ],
)
def test_sentences_pronoun_antecedent(text: str, antecedent: str) -> None:
    """A pronoun source resolves to a compatible earlier mention, and the why line names it."""
    from attrib.pipeline import audit_text

    last = audit_text(text).sentences[-1]
    assert last.primary is not None and last.primary.antecedent is not None, last.why
    assert last.primary.antecedent.text == antecedent, last.why
