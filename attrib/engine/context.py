"""What every step of the engine knows about one Doc, gathered once per Doc.

The candidates, the clauses, the source kinds and the hooks all read these
facts; none of them keeps state of its own.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING

from attrib.engine import segment

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


class DocContext:
    """Per-Doc facts: the text, entities, quotations, outlet and body tokens, and the rule set's word lists.

    Attributes:
        doc: the parsed Doc.
        text: `doc.text`, read once (Doc.text and Span.text join every token on each access).
        ents: `doc.ents`, read once (it rebuilds its spans on each access).
        quotes: the quotations of the text (segment.quotations).
        outlet_tokens: indices of tokens inside an outlet's name.
        body_tokens: indices of tokens inside a named body (lexicons/named_bodies.txt).
        lex: the loaded rule set's lexicons (house vocabulary included).
        speech: speech and clausal verb lemmas.
        person_words: title-case words of PERSON entities anywhere in the article (the parser
            may miss "Trump" in one sentence after tagging "Donald Trump" in another).
        capitalised: title-case nouns met mid-sentence somewhere in the article (lazy).
    """

    def __init__(
        self,
        doc: Doc,
        text: str,
        quotes: list[tuple[int, int, int]],
        outlet_tokens: set[int],
        body_tokens: set[int],
        lexicons: Mapping[str, frozenset[str]],
        speech: frozenset[str],
    ) -> None:
        self.doc = doc
        self.text = text
        self.ents = list(doc.ents)
        self.quotes = quotes
        self.outlet_tokens = outlet_tokens
        self.body_tokens = body_tokens
        self.lex = lexicons
        self.speech = speech
        self._lemma_tokens: dict[str, list[int]] = {}
        self.person_words = {t.text for ent in doc.ents if ent.label_ == "PERSON" for t in ent if t.is_title}

    @cached_property
    def capitalised(self) -> set[str]:
        """Title-case nouns met mid-sentence somewhere in the article (built on first use: few sources need it)."""
        return {t.text for t in self.doc if t.is_title and not t.is_sent_start and t.pos_ in ("PROPN", "NOUN")}

    def lemma_tokens(self, lexicon: str, sent: SpacySpan) -> list[int]:
        """Indices of the sentence's tokens whose lemma is in a lexicon ("document_heads"), in order:
        found in the LEMMA array once per Doc and lexicon, not by visiting every token of every sentence."""
        found = self._lemma_tokens.get(lexicon)
        if found is None:
            strings = self.doc.vocab.strings
            wanted = {strings.add(w) for w in self.lex[lexicon]}
            found = self._lemma_tokens[lexicon] = [i for i, key in enumerate(self._lemmas) if key in wanted]
        return found[bisect_left(found, sent.start) : bisect_left(found, sent.end)]

    @cached_property
    def _lemmas(self) -> list[int]:
        return list(self.doc.to_array("LEMMA").tolist())

    def quoted(self, token: Token) -> bool:
        """The token sits inside a quotation."""
        return segment.in_quotation(self.quotes, token.idx)

    def after_quote(self, sent: SpacySpan) -> bool:
        """The sentence is a bare attribution for the quotation just before it ('"...?" Graham asked.')."""
        # where the text before it ends, less spaces and tabs (not across a paragraph break),
        # found without copying that text (a copy per sentence is quadratic in the article)
        before = sent.start_char
        while before and self.text[before - 1] in " \t":
            before -= 1
        return self.text.endswith(('"', "''"), 0, before) and any(end == before for _, end, _ in self.quotes)
