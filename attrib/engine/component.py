"""The spaCy components: sentence-boundary constraints and attribution evidence.

`attrib_boundaries` (attrib/engine/boundaries.py) runs before the parser and
pins sentence starts the parser cannot see. `attrib` runs after the parser and
NER: it gathers the Doc's facts once (context.py), finds every rule's raw
matches (candidates.py), and writes one SentenceEvidence record per sentence
to `sent._.attrib_evidence`, each attribution built by attribution.py from the
rule's data and its named hook (hooks.py). Everything it writes is a plain
record with character offsets; article-level decisions (back-references, quote
continuations, the winning attribution) are made later in attrib/audit/classify.py.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from attrib.engine import segment
from attrib.engine.attribute_table import AttributeTable, table_from_ruler
from attrib.engine.attribution import build_attribution, nest_under_credits
from attrib.engine.boundaries import Boundaries
from attrib.engine.candidates import find_candidates
from attrib.engine.context import DocContext
from attrib.engine.hooks import hook_of
from attrib.engine.rules import RuleSet, compile_matchers, load_rules
from attrib.engine.sources import journal_titles, mentions, outlet_aliases, outlet_desks, outlets_by_description
from attrib.engine.tokens import trimmed_span
from attrib.records import Attribution, SentenceEvidence, Span

EVIDENCE_ATTR = "attrib_evidence"

if not SpacySpan.has_extension(EVIDENCE_ATTR):
    SpacySpan.set_extension(EVIDENCE_ATTR, default=None)

# Doc.to_bytes() (and so nlp.pipe(n_process=N), which ships Docs between
# processes as bytes) packs user_data with srsly's msgpack. This codec lets the
# evidence records travel; registering at import covers spawned workers, which
# import this module when they unpickle the component.
_EVIDENCE_KEY = "__attrib_evidence__"


def _encode_evidence(obj: Any, chain: Any = None) -> Any:
    if isinstance(obj, SentenceEvidence):
        return {_EVIDENCE_KEY: obj.to_dict()}
    return obj if chain is None else chain(obj)


def _decode_evidence(obj: Any, chain: Any = None) -> Any:
    if isinstance(obj, dict) and _EVIDENCE_KEY in obj:
        return SentenceEvidence.from_dict(obj[_EVIDENCE_KEY])
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("attrib_evidence", func=_encode_evidence)
srsly.msgpack_decoders.register("attrib_evidence", func=_decode_evidence)


@Language.factory("attrib_boundaries", requires=[], assigns=["token.is_sent_start"])
def make_boundaries(nlp: Language, name: str) -> Boundaries:
    """Pin sentence starts at line breaks and closing quotation marks."""
    return Boundaries()


@Language.factory(
    "attrib_attribute_table",
    requires=["token.tag", "token.dep"],
    assigns=["token.pos", "token.tag", "token.morph", "token.lemma", "token.dep"],
)
def make_attribute_table(nlp: Language, name: str) -> RulerTable:
    """The model's attribute_ruler (it must be in the pipeline) with its single-token patterns as a table."""
    return RulerTable(table_from_ruler(nlp.get_pipe("attribute_ruler")))


class RulerTable:
    """The pipeline component around an AttributeTable (None: the ruler cannot be tabled exactly)."""

    def __init__(self, table: AttributeTable | None) -> None:
        self.table = table

    def __call__(self, doc: Doc) -> Doc:
        return self.table(doc) if self.table is not None else doc


@Language.factory(
    "attrib",
    requires=["token.dep", "token.lemma", "token.tag", "doc.ents"],
    assigns=[f"span._.{EVIDENCE_ATTR}", "token.lemma"],
    default_config={"extra_vocab": {}},
)
def make_attrib(nlp: Language, name: str, extra_vocab: dict[str, list[str]]) -> AttribComponent:
    """Collect attribution evidence for every sentence of a Doc.

    Args:
        extra_vocab: house vocabulary, lexicon name -> extra literal entries
            (`[tool.attrib.vocab]`), merged into the packaged lexicons.
    """
    vocab = tuple(sorted((lexicon, tuple(entries)) for lexicon, entries in extra_vocab.items()))
    return AttribComponent(nlp, load_rules(vocab))


class AttribComponent:
    """Runs the rule matchers once per Doc and writes SentenceEvidence per sentence."""

    def __init__(self, nlp: Language, ruleset: RuleSet | None = None) -> None:
        # Built from package data here, so the component works under spawn.
        self.ruleset = ruleset or load_rules()
        self.lex = self.ruleset.lexicons
        self.matchers = compile_matchers(nlp.vocab, self.ruleset, make_doc=nlp.make_doc)
        self.outlets = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.outlets.add("outlet", [nlp.make_doc(e) for e in sorted(self.lex["outlets"])])
        self.bodies = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.bodies.add("body", [nlp.make_doc(e) for e in sorted(self.lex["named_bodies"])])
        self.speech = self.lex["speech_verbs"] | self.lex["clausal_verbs"]
        # the model leaves plural proper nouns as written ("Americans"); its lemmatizer's noun rules do not
        self.lemmatizer: Any = nlp.get_pipe("lemmatizer") if nlp.has_pipe("lemmatizer") else None
        self._plural_lemmas: dict[str, str] = {}  # lower-cased word -> common-noun lemma

    # -- the pass -------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        quotes = segment.quotations(text)
        layout = segment.lines(text)
        sents = list(doc.sents)
        sent_index = [0] * len(doc)  # token -> its sentence
        for i, sent in enumerate(sents):
            sent_index[sent.start : sent.end] = [i] * (sent.end - sent.start)
        body_tokens = {i for _, s, e in self.bodies(doc) for i in range(s, e)}
        self._lemmatise_plural_names(doc)
        journals = frozenset(journal_titles(doc, self.lex))
        ctx = DocContext(
            doc, text, quotes, self._outlet_tokens(doc, journals), body_tokens, self.lex, self.speech, journals
        )
        # Per-sentence lookups by bisection, not a pass over every line and quotation of the article
        # per sentence (quadratic in a long one): lines and quotations are in order and never overlap.
        line_starts = [line.start for line in layout]
        line_ends = [max(line.end, line.start + 1) for line in layout]  # what block_at tests, ascending too
        quote_starts = [start for start, _, _ in quotes]
        repairs = [found for rule in self.ruleset.rules for found in hook_of(rule).repairs(ctx, rule, sents)]
        buckets: list[list[Any]] = [[] for _ in sents]
        for candidate in find_candidates(ctx, sents, self.ruleset, self.matchers, repairs):
            buckets[sent_index[candidate.cue[0].i]].append(candidate)
        for i, sent in enumerate(sents):
            span = trimmed_span(sent, text)
            attributions = []
            seen_cues: set[int] = set()
            for candidate in buckets[i]:
                if candidate.cue[0].i in seen_cues:
                    continue
                attribution = build_attribution(ctx, candidate, sent, self.ruleset)
                if attribution is not None:
                    seen_cues.add(candidate.cue[0].i)
                    attributions.append(attribution)
            overlapping = quotes[bisect_right(ctx.quote_ends, span.start) : bisect_left(quote_starts, span.end)]
            share, quote_id = segment.quoted_share(overlapping, span.start, span.end, text)
            later_quotes = ctx.quotes_after(span.start)
            sent._.set(
                EVIDENCE_ATTR,
                SentenceEvidence(
                    span=span,
                    block=segment.block_at(layout[bisect_right(line_ends, span.start) :], span.start),
                    paragraph=max(bisect_right(line_starts, span.start) - 1, 0),  # segment.line_index
                    attributions=_in_order(nest_under_credits(attributions, self.ruleset)),
                    mentions=mentions(ctx, sent),
                    quoted=share,
                    # the tail of a quotation opened in an earlier sentence ('... Congress," Rep. X said')
                    # belongs to it even when most of the sentence is the attribution
                    quote_id=quote_id if share >= 0.5 else segment.quotation_at(later_quotes, span.start),
                    opens_quote=text[span.start : span.end].rstrip().endswith(":"),
                    follows_quote=ctx.after_quote(sent) or _closes_quote(later_quotes, span),
                ),
            )
        return doc

    def _lemmatise_plural_names(self, doc: Doc) -> None:
        """Give plural proper nouns ("Americans", "Republicans") the lemma of the common noun they also are.

        Written on the Doc, so a stored parse (Doc.to_json) carries it and the
        component run alone on that parse, without the model, reads the same facts.
        """
        if self.lemmatizer is None:
            return
        # Only NNPS tokens can change: found from the tag array rather than by visiting every token.
        for i in (doc.to_array("TAG") == doc.vocab.strings.add("NNPS")).nonzero()[0].tolist():
            token = doc[i]
            if token.lemma_.lower() == token.lower_:
                token.lemma_ = self._common_lemma(doc, token.lower_)

    def _common_lemma(self, doc: Doc, lower: str) -> str:
        """The lemma of `lower` read as a plural common noun ("americans" -> "american"), memoised."""
        lemma = self._plural_lemmas.get(lower)
        if lemma is None:
            if len(self._plural_lemmas) >= _PLURAL_LEMMAS_MAX:
                self._plural_lemmas.clear()  # a long batch run meets ever more names: keep memory flat
            word = Doc(doc.vocab, words=[lower], pos=["NOUN"], tags=["NNS"], morphs=["Number=Plur"])[0]
            lemma = self._plural_lemmas[lower] = str(self.lemmatizer.rule_lemmatize(word)[0])
        return lemma

    def _reports_bare(self, token: Token) -> bool:
        """A listed outlet's name opening a sentence as the bare singular subject of a reporting
        verb ("Variety reported that ...", "Deadline revealed ...", "Deadline was first to report
        ..."): the common noun would need
        an article ("The variety ...") and does not report; "Time will tell" and "People
        reported feeling ill" are no outlet's reports. So does one naming its staff ("Reuters
        witnesses said", "Variety reporters"): a common noun does not employ reporters."""
        if (
            token.dep_ == "compound"
            and token.head.lemma_.lower() in self.lex["journalist_heads"] | self.lex["witness_heads"]
        ):
            return True
        verb = token.head
        if verb.lemma_ == "be":
            # "Deadline was first to report ...": the report verb hangs on "was" or on "first"
            verb = next(
                (
                    t
                    for t in verb.subtree
                    if t.dep_ in ("xcomp", "relcl") and t.lemma_.lower() in self.lex["reporting_verbs"]
                ),
                verb,
            )
        return (
            token.tag_ == "NN"
            and token.dep_ == "nsubj"
            and verb.lemma_.lower() in self.lex["reporting_verbs"]
            and not any(c.dep_ in ("det", "poss", "amod", "compound") for c in token.children)
        )

    def _outlet_tokens(self, doc: Doc, journals: frozenset[int]) -> set[int]:
        tokens: set[int] = set()
        for _, start, end in self.outlets(doc):
            words = doc[start:end]
            # Outlet names are capitalised; "the post" or "a daily" are not outlets, nor is a
            # sentence-initial word the tagger reads as an ordinary word ("Variety is ...",
            # "Deadline nears"); an odd tag ("Axios" as an adverb) still marks a name. The capital
            # of a sentence's "The" is not the name's ("The insider said" is no "The Insider").
            name = words[1:] if len(words) > 1 and words[0].lower_ == "the" else words
            if any(ch.isupper() for ch in name.text if ch.isalpha()) and not (
                len(words) == 1
                and words[0].is_sent_start
                and words[0].is_title
                and words[0].pos_ in ("NOUN", "ADJ", "VERB")
                and not self._reports_bare(words[0])
            ):
                tokens.update(range(start, end))
        tokens |= outlets_by_description(doc, self.lex)
        tokens |= outlet_desks(doc, tokens, self.lex)
        tokens -= journals
        return tokens | outlet_aliases(doc, tokens)


_PLURAL_LEMMAS_MAX = 10_000


def _closes_quote(after: list[tuple[int, int, int]], span: Span) -> bool:
    """A quotation ends within the sentence's first two characters ('"― Carla Sanchez.').

    `after`: the quotations ending after the sentence starts, in order; the first ends soonest.
    """
    return bool(after) and after[0][1] <= span.start + 2


def _in_order(attributions: list[Attribution]) -> tuple[Attribution, ...]:
    """Sort evidence by position; roles were fixed when each was built."""
    return tuple(sorted(attributions, key=lambda a: (a.cue.start, a.rule_id)))


def evidence(sent: SpacySpan) -> Any:
    """The SentenceEvidence the component wrote on a sentence (None before it ran)."""
    return sent._.get(EVIDENCE_ATTR)
