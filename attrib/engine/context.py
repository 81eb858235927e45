"""What every step of the engine knows about one Doc, gathered once per Doc.

The candidates, the clauses, the source kinds and the hooks all read these
facts; none of them keeps state of its own.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING

from attrib.engine import segment
from attrib.engine.tokens import record_span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from attrib.records import Span


class DocContext:
    """Per-Doc facts: the text, entities, quotations, outlet and body tokens, and the rule set's word lists.

    Attributes:
        doc: the parsed Doc.
        text: `doc.text`, read once (Doc.text and Span.text join every token on each access).
        ents: `doc.ents`, read once (it rebuilds its spans on each access).
        quotes: the quotations of the text (segment.quotations).
        outlet_tokens: indices of tokens inside an outlet's name.
        body_tokens: indices of tokens inside a named body (lexicons/named_bodies.txt).
        journal_tokens: indices of tokens inside a learned or trade journal's title
            (sources.journal_titles), which a masthead word does not make an outlet's.
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
        journal_tokens: frozenset[int] = frozenset(),
    ) -> None:
        self.doc = doc
        self.text = text
        self.ents = list(doc.ents)
        self._ent_starts = [ent.start for ent in self.ents]  # ascending: Doc.ents are in order and never overlap
        self.quotes = quotes
        # quotations are in order and never overlap, so their ends ascend: a bisection finds
        # the first that ends after an offset (what a pass over every quotation would find)
        self.quote_ends = [end for _, end, _ in quotes]
        self.outlet_tokens = outlet_tokens
        self._outlet_order = sorted(outlet_tokens)
        self.body_tokens = body_tokens
        self.journal_tokens = journal_tokens
        self.lex = lexicons
        self.speech = speech
        self._lemma_tokens: dict[str, list[int]] = {}
        self.person_words = {t.text for ent in self.ents if ent.label_ == "PERSON" for t in ent if t.is_title}

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

    def ents_within(self, sent: SpacySpan) -> list[SpacySpan]:
        """The entities inside a sentence, as Span.ents keeps them, found by bisection (not a pass over all)."""
        first, last = bisect_left(self._ent_starts, sent.start), bisect_left(self._ent_starts, sent.end)
        return [ent for ent in self.ents[first:last] if ent.end <= sent.end]

    def outlet_tokens_within(self, sent: SpacySpan) -> list[int]:
        """The outlet tokens of a sentence, in order, found by bisection (not a test of every token)."""
        order = self._outlet_order
        return order[bisect_left(order, sent.start) : bisect_left(order, sent.end)]

    def span(self, start: int, end: int) -> Span:
        """The record of tokens [start, end), its text cut from `text`."""
        return record_span(self.doc, start, end, self.text)

    def quotes_after(self, offset: int) -> list[tuple[int, int, int]]:
        """The quotations that end after `offset`: the only ones that can hold it or follow it."""
        return self.quotes[bisect_right(self.quote_ends, offset) :]

    @cached_property
    def _lemmas(self) -> list[int]:
        return list(self.doc.to_array("LEMMA").tolist())

    def quoted(self, token: Token) -> bool:
        """The token sits inside a quotation."""
        return segment.in_quotation(self.quotes_after(token.idx), token.idx)

    def after_quote(self, sent: SpacySpan) -> bool:
        """The sentence is a bare attribution for the quotation just before it ('"...?" Graham asked.')."""
        # where the text before it ends, less spaces and tabs (not across a paragraph break),
        # found without copying that text (a copy per sentence is quadratic in the article)
        before = sent.start_char
        while before and self.text[before - 1] in " \t":
            before -= 1
        if not self.text.endswith(('"', "''"), 0, before):
            return False
        at = bisect_left(self.quote_ends, before)  # the first quotation ending at or after it
        return at < len(self.quote_ends) and self.quote_ends[at] == before
