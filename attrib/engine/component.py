"""The spaCy components: sentence-boundary constraints and attribution evidence.

`attrib_boundaries` runs before the parser and pins sentence starts the parser
cannot see (line breaks, caption furniture, closing quotation marks).
`attrib` runs after the parser and NER: it runs every matcher once over the
whole Doc, buckets the matches by sentence, and writes one SentenceEvidence
record per sentence to `sent._.attrib_evidence`. Everything it writes is a
plain record with character offsets; article-level decisions (back-references,
quote continuations, the winning attribution) are made later in classify.py.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any, Iterable

import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span as SpacySpan, Token

from attrib.engine import segment
from attrib.records import PRONOUN_CASES, Attribution, Mention, SentenceEvidence, Span
from attrib.engine.rules import Rule, RuleSet, compile_matchers, load_rules

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

# Dependency relations that make a cue a mere modifier of a participant: the
# cue describes someone ("Trump, who has promised ...") rather than sourcing
# the sentence's claim.
MODIFIER_DEPS = {"relcl", "acl", "amod", "appos", "nmod", "npadvmod", "pcomp", "pobj", "dobj", "nsubj",
                 "nsubjpass", "csubj", "csubjpass", "attr", "oprd", "compound", "poss", "dative", "agent"}
# Subordinators that turn a clause into background: "after the Journal reported".
BACKGROUND_MARKS = {"after", "before", "since", "because", "when", "whenever", "while", "although", "though",
                    "if", "unless", "until", "once", "whereas", "despite", "so", "than", "that", "whether"}
# Verbs that say who saw a document, not who issued it: "documents seen by Reuters".
SEEING_VERBS = {"see", "obtain", "review", "read", "examine", "view", "leak", "acquire", "get"}
# Verbs that pass their subject to a speech verb in "went on to say", "continues to insist".
ASPECT_VERBS = {"appear", "continue", "go", "begin", "start", "proceed"}
# Complements that carry what was said; a cue needs one to count.
CONTENT_DEPS = {"ccomp", "xcomp", "parataxis", "oprd"}
OBJECT_DEPS = {"dobj", "attr", "oprd", "dative"}
CONTENT_PREPS = {"of", "about", "for", "on", "against"}
# Parts of a noun phrase that are not the source itself.
NP_EXCLUDED = {"relcl", "acl", "appos", "punct", "advcl", "ccomp", "parataxis", "cc", "conj", "prep"}
NP_PREPS_KEPT = {"of", "on", "at", "in", "from", "for", "with", "close", "inside", "within"}
# Where something was said, when it sits next to the speaker: "X, in an interview with Y, said".
SETTING_NOUNS = {"interview", "statement", "speech", "briefing", "address", "post", "video", "letter",
                 "email", "tweet", "conversation", "call", "remarks", "appearance", "message", "podcast"}
# Heads that pick members out of a group: "one of the senators", "some of the protesters".
PARTITIVES = {"one", "some", "many", "several", "most", "few", "none", "each", "any", "all", "both", "half", "either",
              "neither", "another", "dozens", "hundreds", "thousands"}
DEFINITE = {"the", "this", "that", "these", "those", "its", "his", "her", "their", "our"}
# Rules whose "source" slot takes any noun ("citing a threat", "Correction: ..."):
# their source must be recognisably a person, body, outlet or document.
STRICT_RULES = {"citing", "cue-that-clause", "colon-speaker", "headline-source", "dash-speaker", "according-to"}
NAME_ENTS = {"ORG", "GPE", "FAC", "LOC", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART"}


@Language.factory("attrib_boundaries", requires=[], assigns=["token.is_sent_start"])
def make_boundaries(nlp: Language, name: str) -> "Boundaries":
    """Pin sentence starts at line breaks and closing quotation marks."""
    return Boundaries()


SPEAKER_DASHES = {"―", "—", "–"}  # a credit line after a quotation: '"..." ― Carla Sanchez'
QUOTE_TOKENS = {'"', "''", "“", "``"}


def _token_at(offsets: list[int], char: int) -> int | None:
    """The index of the token that starts at a character offset, if one does."""
    i = bisect.bisect_left(offsets, char)
    return i if i < len(offsets) and offsets[i] == char else None


class Boundaries:
    """Sets `is_sent_start` before the parser, which respects preset values."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # Doc.text joins every token: read it once
        starts = set(segment.hard_breaks(text))
        quotations = segment.quotations(text)
        closing_marks = segment.closing_marks(text, quotations)
        opening_marks = [start for start, _, _ in quotations]
        # Only a token at a break or a closing mark, or after a colon, can change: picked
        # from the token offsets rather than by visiting every token.
        offsets, lengths = doc.to_array(["IDX", "LENGTH"]).reshape(len(doc), 2).T.tolist()
        for i in range(1, len(doc)):
            if not (offsets[i] in starts or offsets[i] in closing_marks
                    or lengths[i - 1] == 1 and text[offsets[i - 1]] == ":"):
                continue
            token, before = doc[i], doc[i - 1].text
            if token.idx in starts:
                token.is_sent_start = True
            elif before == ":" and _line_label(doc, token.i - 1):
                token.is_sent_start = False  # "PENCE: Well, ...": the speaker label opens the sentence
            elif token.idx in closing_marks and before in ".?!,":
                following = token.i + 1
                if token.text[1:] in SPEAKER_DASHES:
                    # '... nothing about."― Pamela Padilla': the tokenizer glued the dash to the mark;
                    # the credit is a sentence of its own, as it is after '" ― '
                    token.is_sent_start = True
                    if following < len(doc):
                        doc[following].is_sent_start = False
                    continue
                # A closing quotation mark belongs to the sentence it closes.
                token.is_sent_start = False
                if (before in ".?!" and following < len(doc) and not doc[following].is_space
                        and doc[following].text[:1].isupper()):
                    doc[following].is_sent_start = True
        # A quotation that opens a sentence starts it at its mark, not at the word after:
        # the mark would otherwise be left behind as a one-character sentence or glued to
        # the sentence before.
        for start in opening_marks:
            i = _token_at(offsets, start)
            if (i is None or i + 1 >= len(doc) or doc[i].text not in QUOTE_TOKENS
                    or not doc[i + 1].text[:1].isalnum()):
                continue
            if i == 0 or doc[i].is_sent_start or doc[i - 1].text in (".", "?", "!") or doc[i - 1].is_space:
                doc[i].is_sent_start = True
                doc[i + 1].is_sent_start = False
        return doc


@Language.factory(
    "attrib",
    requires=["token.dep", "token.lemma", "token.tag", "doc.ents"],
    assigns=[f"span._.{EVIDENCE_ATTR}"],
    default_config={"extra_vocab": {}},
)
def make_attrib(nlp: Language, name: str, extra_vocab: dict[str, list[str]]) -> "AttribComponent":
    """Collect attribution evidence for every sentence of a Doc.

    Args:
        extra_vocab: house vocabulary, lexicon name -> extra literal entries
            (`[tool.attrib.vocab]`), merged into the packaged lexicons.
    """
    vocab = tuple(sorted((lexicon, tuple(entries)) for lexicon, entries in extra_vocab.items()))
    return AttribComponent(nlp, load_rules(vocab))


@dataclass
class _Candidate:
    rule: Rule
    cue: list[Token]
    source: Token | None
    pattern: int = 0  # which of the rule's patterns matched: earlier patterns win a shared cue
    source_bounds: tuple[int, int] | None = None  # token bounds a regex's source group delimits
    repaired: bool = False  # found by _verbless_cue: the parser read the verb as a noun


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

    # -- the pass -------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        quotes = segment.quotations(text)
        layout = segment.lines(text)
        sents = list(doc.sents)
        sent_index = [0] * len(doc)  # token -> its sentence
        for i, sent in enumerate(sents):
            sent_index[sent.start:sent.end] = [i] * (sent.end - sent.start)
        outlet_tokens = self._outlet_tokens(doc)
        body_tokens = {i for _, s, e in self.bodies(doc) for i in range(s, e)}
        buckets: list[list[_Candidate]] = [[] for _ in sents]
        for candidate in self._candidates(doc, text, sents):
            buckets[sent_index[candidate.cue[0].i]].append(candidate)
        context = _Context(doc, text, quotes, outlet_tokens, body_tokens, self)
        for i, sent in enumerate(sents):
            span = _trimmed(sent, text)
            attributions = []
            seen_cues: set[int] = set()
            for candidate in buckets[i]:
                if candidate.cue[0].i in seen_cues:
                    continue
                attribution = context.attribution(candidate, sent)
                if attribution is not None:
                    seen_cues.add(candidate.cue[0].i)
                    attributions.append(attribution)
            share, quote_id = segment.quoted_share(quotes, span.start, span.end, text)
            sent._.set(EVIDENCE_ATTR, SentenceEvidence(
                span=span,
                block=segment.block_at(layout, span.start),
                paragraph=segment.line_index(layout, span.start),
                attributions=_in_order(attributions),
                mentions=context.mentions(sent),
                quoted=share,
                # the tail of a quotation opened in an earlier sentence ('... Congress," Rep. X said')
                # belongs to it even when most of the sentence is the attribution
                quote_id=quote_id if share >= 0.5 else segment.quotation_at(quotes, span.start),
                opens_quote=text[span.start:span.end].rstrip().endswith(":"),
                follows_quote=context._after_quote(sent) or _closes_quote(quotes, span),
            ))
        return doc

    def _outlet_tokens(self, doc: Doc) -> set[int]:
        tokens: set[int] = set()
        for _, start, end in self.outlets(doc):
            words = doc[start:end]
            # Outlet names are capitalised; "the post" or "a daily" are not outlets, nor is a
            # sentence-initial word the tagger reads as an ordinary word ("Variety is ...",
            # "Deadline nears"); an odd tag ("Axios" as an adverb) still marks a name.
            if any(ch.isupper() for ch in words.text if ch.isalpha()) and not (
                    len(words) == 1 and words[0].is_sent_start and words[0].is_title
                    and words[0].pos_ in ("NOUN", "ADJ", "VERB")):
                tokens.update(range(start, end))
        return tokens

    def _candidates(self, doc: Doc, text: str, sents: list[SpacySpan]) -> Iterable[_Candidate]:
        """Every rule's raw matches, in rule order (earlier rules win a shared cue)."""
        by_rule: dict[str, list[_Candidate]] = {rule.id: [] for rule in self.ruleset.rules}
        vocab_strings = doc.vocab.strings
        for key, named in self.matchers["dep"](doc):
            rule = self.ruleset.rule(key.split("#")[0])
            cue = [named["cue"]]
            if "to" in named:  # "according to"
                cue.append(named["to"])
            if "clear" in named:  # "made clear"
                cue.append(named["clear"])
            if "noun" in named:  # "issued a statement"
                cue.append(named["noun"])
            if "by" in named:  # passive: "was reported by"
                auxes = [c for c in named["cue"].children if c.dep_ == "auxpass"]
                cue = auxes[:1] + cue + [named["by"]]
            by_rule[rule.id].append(_Candidate(rule, cue, named.get("source"), int(key.split("#")[1])))
        for key, start, end in self.matchers["token"](doc):
            rule = self.ruleset.rule(key.split("#")[0])
            by_rule[rule.id].append(_Candidate(rule, list(doc[start:end]), None))
        for match_id, start, end in self.matchers["phrase"](doc):
            rule = self.ruleset.rule(vocab_strings[match_id].split("#")[0])
            by_rule[rule.id].append(_Candidate(rule, list(doc[start:end]), None))
        sent_texts = [text[sent.start_char:sent.end_char] for sent in sents]  # Span.text joins tokens on every access
        for rule in self.ruleset.rules:
            if rule.kind != "regex":
                continue
            for sent, sent_text in zip(sents, sent_texts):
                for pattern in rule.patterns:
                    found = pattern.search(sent_text)
                    if not found:
                        continue
                    cue = doc.char_span(sent.start_char + found.start("cue"), sent.start_char + found.end("cue"),
                                        alignment_mode="expand")
                    source = doc.char_span(sent.start_char + found.start("source"),
                                           sent.start_char + found.end("source"), alignment_mode="expand")
                    if cue is not None and source is not None and len(source):
                        by_rule[rule.id].append(_Candidate(rule, list(cue), source.root,
                                                           source_bounds=(source.start, source.end)))
        for sent in sents:
            repaired = self._verbless_cue(sent)
            if repaired is not None:
                cue, source = repaired
                document = source.lemma_.lower() in self.lex["document_heads"]
                rule_id = "document-subject" if document else "speech-verb-subject"
                rule = self.ruleset.rule(rule_id)
                by_rule[rule_id].append(_Candidate(rule, [cue], source, len(rule.patterns), repaired=True))
        for rule in self.ruleset.rules:
            yield from sorted(by_rule[rule.id], key=lambda c: (c.cue[0].i, c.pattern, c.source.i if c.source else -1))

    def _verbless_cue(self, sent: SpacySpan) -> tuple[Token, Token] | None:
        """A report verb the tagger read as a noun in a sentence left without a verb.

        "Documents seen by the paper show the ministry knew" parses as one noun
        phrase ("the paper show"); a sentence whose root is a noun, with a word
        that is a form of a speech or report verb between a noun and the start of
        a clause, is that verb and the root is its subject.

        Returns:
            (cue, source) or None.
        """
        root = sent.root
        if root.pos_ not in ("NOUN", "PROPN"):
            return None
        doc = sent.doc
        for token in doc[root.i + 1:sent.end - 1]:
            after = doc[token.i + 1]
            if (token.tag_ in ("NN", "NNS") and doc[token.i - 1].pos_ in ("NOUN", "PROPN")
                    and (after.pos_ in ("DET", "PRON", "PROPN", "NUM") or after.lower_ == "that")
                    and segment.base_forms(token.lower_) & self.speech):
                return token, root
        return None


class _Context:
    """Per-Doc helpers that turn raw matches into Attribution records."""

    def __init__(self, doc: Doc, text: str, quotes: list[tuple[int, int, int]], outlet_tokens: set[int],
                 body_tokens: set[int], component: AttribComponent) -> None:
        self.doc = doc
        self.text = text  # Doc.text (and Span.text) join every token on each access; slice this instead
        self.ents = list(doc.ents)  # likewise doc.ents (and so Span.ents) rebuilds its spans
        self.quotes = quotes
        self.outlet_tokens = outlet_tokens
        self.body_tokens = body_tokens
        self.lex = component.lex
        self.speech = component.speech
        # Words of PERSON entities anywhere in the article: the parser may miss
        # "Trump" in one sentence after tagging "Donald Trump" in another.
        self.person_words = {t.text for ent in doc.ents if ent.label_ == "PERSON" for t in ent if t.is_title}
        self.capitalised = {t.text for t in doc if t.is_title and not t.is_sent_start and t.pos_ in ("PROPN", "NOUN")}

    # -- building one attribution ----------------------------------------------------------
    def attribution(self, candidate: _Candidate, sent: SpacySpan) -> Attribution | None:
        rule = candidate.rule
        cue_tokens = candidate.cue
        # the verb of a multi-word cue decides its role ("It was reported": "reported")
        head = _verb_of(cue_tokens) if rule.kind in ("dep", "token") and len(cue_tokens) > 1 else cue_tokens[0]
        source_token = candidate.source
        if rule.id == "declined-to-comment":
            source_token = _subject_of(cue_tokens[0])
            if source_token is None:
                return None
        if rule.id == "cue-that-clause":
            source_token = _left_noun(cue_tokens[0])
            head = cue_tokens[0]
            cue_tokens = cue_tokens[:1]
            if source_token is None:
                return None
        if rule.kind == "dep" and rule.id in ("speech-verb-subject", "speech-verb-participle", "document-subject") \
                and not candidate.repaired:  # a repaired cue's content is the clause that follows it
            if not self._has_content(head, rule.id, sent):
                return None
        if rule.id == "statement-noun" and not self._statement_has_content(cue_tokens[-1], sent):
            return None
        if rule.id == "speech-verb-participle" and head.dep_ == "pcomp" and not (
                {c.dep_ for c in head.children} & (CONTENT_DEPS - {"xcomp"})
                or '"' in self.text[head.idx:sent.end_char]):
            # "by reporting on the war" is a means, "by asking them to act" a request,
            # "by saying the bank lied" a statement
            return None
        if rule.id == "trailing-speaker":
            source_token = self._trailing_source(head, candidate.source_bounds)
            if source_token is None:
                return None
        if rule.kind == "regex":
            if rule.id == "headline-source" and self.text[sent.start_char:sent.end_char].rstrip()[-1:] in ".!?\"”":
                return None  # only headlines end on a bare source
            if rule.id == "colon-speaker" and self._colon_label(candidate, sent):
                return None  # "Correction: ...", "Update: ..." are labels, not speakers
        if source_token is not None and _outranked_subject(source_token):
            return None
        if source_token is not None and source_token.tag_ in ("WP", "WDT") and head.dep_ == "relcl":
            source_token = head.head  # "X, who said ..." -> X
        if source_token is not None and rule.kind == "dep" and self._quoted(source_token) and not self._quoted(head):
            # '"Full panic mode," said Leslie Wimes': the parser made the quote the
            # subject; the speaker is the noun phrase after the verb.
            source_token = self._speaker_after(head)
            if source_token is None:
                return None
        if rule.id == "speech-verb-subject" and head.tag_ == "VBN" and (
                any(c.dep_ == "auxpass" for c in head.children)
                or head.dep_ != "ROOT" and not any(c.dep_ == "aux" for c in head.children)):
            return None  # a passive or adjectival participle ("is expected to") names no speaker
        cue = _span(self.doc, min(t.i for t in cue_tokens), max(t.i for t in cue_tokens) + 1)
        role = "main" if candidate.repaired else self.role(head, sent, rule)
        recipient = self._recipient(head) if rule.kind == "dep" else None
        content = self._content(head, sent) if rule.kind == "dep" else None
        if rule.label:  # agentless and weasel constructions name no source
            label, source_rule, source = rule.label, "source.none", None
        else:
            if source_token is None:
                return None
            # a trailing speaker's words may be mis-parsed; the regex's group delimits its phrase
            bounds = candidate.source_bounds if rule.id == "trailing-speaker" else None
            verdict = self.classify_source(source_token, head, strict=rule.id in STRICT_RULES, bounds=bounds)
            if verdict is None and rule.kind == "regex" and rule.id in ("dash-speaker", "colon-speaker"):
                verdict = ("named", "source.person-name")  # the construction itself marks a personal name
            if verdict is None:
                return None
            label, source_rule = verdict
            source = _span(self.doc, *(candidate.source_bounds or _np_bounds(source_token)))
        message = rule.message.format(source=source.text if source else "", cue=cue.text)
        return Attribution(rule_id=rule.id, label=label, cue=cue, source=source, source_rule=source_rule,
                           role=role, content=content, recipient=recipient, message=message)

    def _statement_has_content(self, noun: Token, sent: SpacySpan) -> bool:
        """A statement noun carries content: a clause on it ("a statement calling ...",
        "a statement that said ..."), or a colon or quotation after it."""
        for child in noun.children:
            if child.dep_ in ("ccomp", "acl", "relcl") and (
                    child.lemma_.lower() in self.speech or {g.dep_ for g in child.children} & CONTENT_DEPS
                    or any(g.dep_ == "mark" and g.lower_ == "that" for g in child.children)):
                return True  # "a statement calling ...", "concerns that the weapons could ..."
        rest = self.text[noun.idx + len(noun):sent.end_char]
        return rest.strip().startswith(":") or rest.rstrip().endswith(":") or any(
            mark in rest for mark in ('"', "''", "“"))

    def _trailing_source(self, cue: Token, bounds: tuple[int, int] | None) -> Token | None:
        """The speaker of a trailing ", X said.": a plain noun phrase before a speech verb.

        The phrase may hold no verb or preposition-led clause ("Patriot failed as
        predicted", "with a margin of error of 4.5 points"). A cue the tagger read
        as a noun ("the doctor maintains") counts only after a recognisable source
        head, so "phone calls" and "percentage points" do not.
        """
        if bounds is None or cue.lemma_.lower() not in self.speech:
            return None
        words = self.doc[bounds[0]:bounds[1]]
        if words[0].pos_ in ("ADP", "SCONJ") or any(t.pos_ in ("VERB", "AUX") for t in words):
            return None
        source = _rightmost_noun(self.doc, *bounds)
        if source is None:
            return None
        if cue.pos_ not in ("VERB", "AUX"):
            lemma = source.lemma_.lower()
            known = source.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or source.i in self.outlet_tokens or any(
                lemma in self.lex[name] for name in ("anonymous_heads", "vague_heads", "named_roles",
                                                     "spokesperson_heads", "journalist_heads", "outlet_nouns"))
            if not known:
                return None
        return source

    def _colon_label(self, candidate: _Candidate, sent: SpacySpan) -> bool:
        words = self.text[sent.start_char:candidate.cue[0].idx].strip().strip('"([').strip()
        if words.lower() in self.lex["colon_labels"] or words.split(" ")[0].lower() in self.lex["colon_labels"]:
            return True
        # a speaker's name holds no verb but a speech verb ("Said Ellis:"); "The Gap Goes On:" is a section title
        source = candidate.source_bounds
        return source is not None and any(t.pos_ in ("VERB", "AUX") and t.lemma_.lower() not in self.speech
                                          for t in self.doc[source[0]:source[1]])

    def _is_name(self, token: Token) -> bool:
        return (token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or token.i in self.outlet_tokens
                or token.i in self.body_tokens or token.text in self.person_words)

    def _quoted(self, token: Token) -> bool:
        return segment.in_quotation(self.quotes, token.idx)

    def _speaker_after(self, verb: Token) -> Token | None:
        for child in verb.rights:
            if child.dep_ in ("nsubj", "dobj", "attr", "appos", "npadvmod", "oprd", "dative") and not self._quoted(child):
                if child.pos_ in ("PROPN", "NOUN", "PRON"):
                    return child
        return None

    def _after_quote(self, sent: SpacySpan) -> bool:
        """The sentence is a bare attribution for the quotation just before it ('"...?" Graham asked.')."""
        # where the text before it ends, less spaces and tabs (not across a paragraph break),
        # found without copying that text (a copy per sentence is quadratic in the article)
        before = sent.start_char
        while before and self.text[before - 1] in " \t":
            before -= 1
        return self.text.endswith(('"', "''"), 0, before) and any(end == before for _, end, _ in self.quotes)

    def _has_content(self, verb: Token, rule_id: str, sent: SpacySpan | None = None) -> bool:
        """A cue attributes only when it carries content (LABELS.md: an act narrated without content is not one)."""
        # Token.sent walks doc.sents from the start (O(doc) per call); reuse the caller's sentence.
        sentence = sent if sent is not None and sent.start <= verb.i < sent.end else verb.sent
        lemma = verb.lemma_.lower()
        deps = {c.dep_ for c in verb.children}
        if lemma in self.lex["clausal_verbs"] and lemma not in self.lex["speech_verbs"]:
            deps = deps - {"xcomp"}  # "allies have agreed to double production" is an act
        seen_state = lemma not in self.lex["speech_verbs"] and any(
            c.dep_ == "ccomp" and _small_clause(c) for c in verb.children)
        if seen_state:
            deps = deps - {"ccomp"}  # "police found the car abandoned": a state seen, not a finding stated
        if "oprd" in deps and not deps & {"dobj", "dative", "ccomp"} and (
                verb.dep_ != "ROOT" or "nsubj" not in deps):
            # "His group, called the Conservation Fund, will ...": naming, not saying;
            # "Cruz called Trump a liar" (Trump parsed oprd too) stays a characterisation
            return False
        clause = bool(deps & CONTENT_DEPS) or verb.dep_ == "parataxis" or any(
            # the parser sometimes hangs the that-clause lower down: "reported at the time that ..."
            t.i > verb.i and (t.lower_ == "that" and t.dep_ in ("mark", "advmod") or t.dep_ == "ccomp" and not seen_state)
            for t in _own_clause(verb)) or any(
            # or as a conjunct after an interruption: "Axios reported, citing a source, that ..."
            c.dep_ == "conj" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
            for c in verb.children)
        words = self.text[sentence.start_char:sentence.end_char]
        quoted = ('"' in words or "“" in words or "”" in words or "''" in words
                  or segment.has_single_quoted(words) or words.rstrip().endswith(":"))
        as_clause = any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
        # "so" standing for a clause: "he doesn't think so", "the minister said so"
        clause = clause or any(c.lower_ == "so" and c.dep_ in ("advmod", "dobj", "ccomp") and c.i > verb.i
                               for c in verb.children)
        if verb.dep_ in ("ccomp", "conj") and verb.head.dep_ == "ROOT" and verb.i > verb.head.i and not deps & {"dobj"}:
            clause = clause or verb.dep_ == "ccomp"  # "..., Smith said" parsed as a trailing complement
        if lemma in self.lex["speech_verbs"] and any(
                c.dep_ == "advcl" and not any(g.dep_ == "mark" for g in c.children)
                and any(g.dep_ == "nsubj" for g in c.children) for c in verb.children):
            clause = True  # "said after the convention he would ...": a clause the parser hung as advcl
        if lemma == "put":
            return as_clause or quoted  # "as one adviser put it, ..." / "put it this way: ..."; not "put it on the table"
        if lemma in self.lex["characterising_verbs"] and lemma not in self.lex["speech_verbs"]:
            # "cited the remarks as an example", "dismissed the report as fake news"; a claim
            # or a document as the object is itself the content ("rejected the claims",
            # "disputed the figures"), where "rejected the offer" is an act
            claims = self.lex["claim_nouns"] | self.lex["document_heads"]
            # the "as" phrase may hang on the object: "pointed to the decision as an example"
            objects = [verb, *(c for c in verb.children if c.dep_ == "dobj"),
                       *(g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj")]
            return clause or as_clause or any(
                c.dep_ == "prep" and c.lower_ == "as" for o in objects for c in o.children) or any(
                c.dep_ == "dobj" and c.lemma_.lower() in claims for c in verb.children)
        if clause or quoted or as_clause or self._after_quote(sentence):
            return True
        if any(c.dep_ == "aux" and c.lemma_.lower() in ("will", "shall") for c in verb.children):
            return False  # "Walmart will report earnings on Thursday": a scheduled act, nothing said yet
        # "agreed on Monday", "spoke on Tuesday": a date is not what was said
        about = any(c.dep_ == "prep" and c.lower_ in CONTENT_PREPS and not any(
            g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children) for c in verb.children)
        if lemma in self.lex["clausal_verbs"] and lemma not in self.lex["speech_verbs"]:
            # "the company added 300 jobs": with a bare object these narrate an act; a forecast's
            # object is what is forecast ("economists had expected a rise of 0.3%")
            return about or bool(deps & OBJECT_DEPS) and (
                rule_id == "document-subject" or lemma in self.lex["forecast_verbs"])
        if lemma == "tell":
            return about  # "told the story many times", "told reporters": no content without a clause
        if lemma == "say" and any(c.dep_ == "dobj" and c.lemma_.lower() in self.lex["ritual_utterances"]
                                  for c in verb.children):
            return False  # "said goodbye", "said a prayer": a ritual, not a claim
        return bool(deps & OBJECT_DEPS) or about

    def role(self, cue: Token, sent: SpacySpan, rule: Rule) -> str:
        """main | nested | modifier: where the cue sits relative to the main clause."""
        if rule.kind == "regex" and rule.id != "trailing-speaker":
            return "main"  # speaker labels ('"PENCE: ...') credit the quotation they open
        if segment.in_quotation(self.quotes, cue.idx):
            return "nested"  # a cue inside quoted words belongs to the quote's speaker
        if rule.kind in ("phrase", "regex") or rule.id == "cue-that-clause":
            return "main"
        token = cue
        if rule.kind == "dep" and rule.id != "according-to" and any(
                c.lower_ == "according" and c.dep_ == "prep" and c.i < cue.i for c in cue.children):
            return "nested"  # "According to Yahoo News, the spokesman said ...": the outlet frames the speech
        if rule.id == "according-to":
            token = cue.head  # the clause "according to" attaches to, even through a noun:
            while token.pos_ in ("NOUN", "PROPN", "PRON") and token.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "appos"):
                token = token.head  # "The fire, according to the marshal, began ..."
            if token.dep_ == "ROOT":
                return "main"
            if _closes_sentence(cue, sent):
                return "main"  # "..., worth $120 million, per Reuters.": a final ", per X" covers the sentence
        if rule.id == "speech-verb-participle" and cue.dep_ == "pcomp" and cue.head.lower_ == "by":
            token = cue.head.head  # "began by saying": the means attaches like the verb it serves
        if rule.id == "speech-verb-subject" and cue.dep_ == "acl" and cue.head.head.lower_ == "with":
            token = cue.head.head  # absolute adjunct "with X saying": attaches like "with"
        if cue.dep_ == "parataxis" and cue.head.dep_ in ("nsubj", "nsubjpass") and any(
                c.dep_ == "nsubj" for c in cue.children):
            token = cue.head.head  # "The difference now, he told me, is that ...": a parenthetical on the subject
        while token.dep_ != "ROOT" and token.head is not token:
            dep = token.dep_
            if dep == "advcl":
                mark = {c.lower_ for c in token.children if c.dep_ == "mark"}
                if "as" in mark and not {c.dep_ for c in token.children if c.lower_ != "it"} & (
                        CONTENT_DEPS | OBJECT_DEPS):
                    pass  # attributive "as Reuters reported", "as one adviser put it"
                elif not mark and token.head.lemma_.lower() in ASPECT_VERBS and any(
                        c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
                    pass  # "went on to say", parsed as an adverbial clause
                elif mark & BACKGROUND_MARKS or "as" in mark:
                    return "modifier"
                elif token.tag_ == "VBG" and token.lemma_.lower() in self.speech | {"cite"}:
                    pass  # participial ", saying ..." / ", citing ..."
                else:
                    return "modifier"
            elif dep in ("ccomp", "xcomp"):
                if token.head.lemma_.lower() in self.speech:
                    return "nested"  # content of another cue: the outer one wins
            elif dep == "relcl" and _existential(token.head):
                token = token.head.head  # "There are economists who argue that ...": the relative clause is the claim
                continue
            elif dep in MODIFIER_DEPS and not (dep in ("pobj", "pcomp") and token.head.lower_ in ("with", "according")):
                return "modifier"
            token = token.head
        return "main"

    def _recipient(self, verb: Token) -> Span | None:
        for child in verb.children:
            if child.dep_ in ("dative", "dobj") and verb.lemma_.lower() in ("tell", "inform", "brief", "assure", "warn", "advise"):
                return _span(self.doc, *_np_bounds(child))
            if child.dep_ in ("dative", "prep") and child.lower_ == "to" and verb.lemma_.lower() in ("say", "write", "speak", "explain"):
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    return _span(self.doc, *_np_bounds(objects[0]))
        return None

    def _content(self, verb: Token, sent: SpacySpan) -> Span | None:
        for child in verb.children:
            if child.dep_ in CONTENT_DEPS:
                tokens = list(child.subtree)
                return _span(self.doc, tokens[0].i, tokens[-1].i + 1)
        if verb.dep_ == "parataxis":
            root = verb.head
            return _span(self.doc, sent.start, sent.end) if root else None
        return None

    # -- who is the source? ----------------------------------------------------------------
    def classify_source(self, head: Token, cue: Token, strict: bool = False,
                        bounds: tuple[int, int] | None = None) -> tuple[str, str] | None:
        """The label a source noun phrase gives, and the source rule that decided it.

        The checks run from the most specific evidence (an outlet, a personal
        name) to the most general (a definite common noun), so one noun phrase
        gets one reading; the source-rule descriptions in attribution.toml say
        what each branch means.

        Args:
            head: the head token of the source noun phrase.
            cue: the cue token.
            strict: only accept recognisable sources (no generic-noun fallback).
            bounds: token bounds of the source phrase when the parse cannot be
                trusted to give them (a trailing ", X said." the parser mangled).

        Returns None when the "source" is the writer (first person) or no source.
        """
        lex = self.lex
        lower, lemma = head.lower_, head.lemma_.lower()
        np_start, np_end = bounds or _np_bounds(head)
        phrase = self.doc[np_start:np_end]
        modifiers = [t for t in phrase if t.i != head.i]
        # the head's own determiner or number: "a senator", "two judges"; not the "an" of
        # "the head of the agency, in an interview with ..."
        # ("the first lady" is not counted: an ordinal is not a number of people)
        counted = any(t.lower_ in ("a", "an", "one", "another", "some", "several", "many")
                      or t.like_num and t.tag_ == "CD"
                      for t in modifiers if t.head.i == head.i and t.dep_ in ("det", "nummod", "amod", "quantmod")
                      or bounds and t.i < head.i)
        # "the candidate's former doctor": a determiner or possessor before the head, whatever the parse
        definite = _definite(head) or bool(bounds) and any(
            t.lower_ in DEFINITE or t.tag_ in ("POS", "PRP$") for t in modifiers if t.i < head.i)
        # A capitalised name mid-sentence is a name even when it is also a word
        # in a lexicon ("The Charlotte Observer", "Sources" at a sentence start is not).
        proper = head.tag_ in ("NNP", "NNPS") and not (head.is_sent_start and lemma in lex["anonymous_heads"] | lex["vague_heads"])
        if lower in lex["first_person"]:
            return None
        if lower in ("a", "an") and head.pos_ == "PRON":
            # "An Under Armour spokesperson said": the parser took the article for
            # a pronoun subject; the head noun sits between it and the cue.
            nouns = [t for t in head.doc[head.i + 1:cue.i] if t.pos_ in ("NOUN", "PROPN")]
            return self.classify_source(nouns[-1], cue, strict) if nouns else None
        if lower in PRONOUN_CASES:
            # "According to him, ..." refers back; a strict slot otherwise takes no pronoun
            return None if strict and cue.lower_ != "according" else ("", "source.back-reference")
        members = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")]
        if members and (head.like_num or lower in PARTITIVES) and not any(
                c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in head.children):
            # "one of Mr. Obama's advisers" is as identifiable as "advisers"; "one of the
            # company's spokesmen" still speaks for the company
            return self.classify_source(members[0], cue, strict)
        if head.pos_ == "PRON" and lemma not in lex["vague_heads"]:
            return None
        principal = [t for t in (*modifiers, *_prep_objects(head))
                     if t.pos_ == "PROPN" or t.ent_type_ in NAME_ENTS | {"PERSON"} or t.dep_ == "poss"]
        has_outlet = any(t.i in self.outlet_tokens for t in phrase) or any(
            t.i in self.outlet_tokens for c in head.children if c.dep_ == "prep" for t in c.subtree)
        is_person = head.ent_type_ == "PERSON" or head.text in self.person_words or any(
            t.ent_type_ == "PERSON" for t in modifiers if t.dep_ == "compound" and t.head.i == head.i)
        # a PERSON tag on exactly an outlet's name is the model's mistake ("According to Politico");
        # a person whose name holds an outlet's word ("Michael J. Fox") is a person
        person_beyond_outlet = is_person and not (
            head.ent_type_ == "PERSON" and head.i in self.outlet_tokens
            and all(t.i in self.outlet_tokens for t in _entity(head)))
        if (head.i in self.outlet_tokens or (proper and lemma in lex["outlet_name_words"])) and not person_beyond_outlet:
            return "publication", "source.outlet"
        if lemma in lex["journalist_heads"] or (is_person and has_outlet and cue.lemma_.lower() in lex["reporting_verbs"]):
            # a journalist reporting for an outlet; a named pundit's opinion stays named
            return "publication", "source.journalist"
        if not proper and (lemma in lex["outlet_nouns"] or lower in lex["outlet_nouns"]) and head.pos_ == "NOUN":
            # "the newspaper", "local media", "state media"; "paper" is also a document
            if definite or has_outlet or not counted and lemma not in lex["document_heads"]:
                return "publication", "source.outlet"
        if lemma in lex["spokesperson_heads"] or (lemma in lex["representative_heads"] and principal):
            return "named", "source.spokesperson"
        # "Mayor Ana Ruiz's aide, Jo Lee," and "the head of the agency, Kyrylo Budanov," (the parser
        # hangs that appositive on "agency")
        of_phrase = [t for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree]
        if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in (*head.children, *of_phrase)):
            return "named", "source.person-name"
        if not proper and (lemma in lex["anonymous_heads"] or lemma in lex["vague_heads"] or lower in lex["vague_heads"]):
            # "officials", "U.S. intelligence" are vague; "a U.S. official", "two sources" are not.
            collective = head.tag_ in ("NNS", "NNPS") or head.pos_ == "PRON" or lemma not in lex["anonymous_heads"]
            if lemma in lex["vague_heads"] and collective and not counted:
                return "anonymous", "source.vague-collective"
            return "anonymous", "source.anonymous-descriptor"
        if is_person:
            return "named", "source.person-name"
        if not proper and lemma in lex["document_heads"]:
            press = any(t.lower_ in lex["outlet_nouns"] or t.lemma_.lower() in lex["outlet_nouns"]
                        for t in modifiers if t.head.i == head.i and t.dep_ in ("compound", "amod", "nmod"))
            if has_outlet or press:
                return "publication", "source.outlet"  # "a Reuters report", "media reports suggest"
            # identified by who issued it: "a UN report", "a police report", "court records";
            # who saw or obtained it does not identify it ("documents seen by Reuters")
            issuers = [t for c in head.children if c.dep_ in ("prep", "acl", "relcl")
                       and c.lemma_.lower() not in SEEING_VERBS for t in c.subtree]
            identified = definite or any(
                t.pos_ == "PROPN" or t.ent_type_ in NAME_ENTS | {"PERSON", "NORP"} or t.i in self.body_tokens
                or t.dep_ == "compound" and t.lemma_.lower() in lex["named_roles"]
                or _definite_issuer(t, head)
                for t in (*modifiers, *issuers))
            # where or by whom it came out identifies it ("published in the BMJ"); when does not
            # ("a report released last week")
            if identified or any(t.lemma_.lower() in ("publish", "file", "release", "issue")
                                 and any(c.dep_ in ("prep", "agent") for c in t.children) for t in head.subtree):
                return "named", "source.named-document"
            return "anonymous", "source.unnamed-document"
        if head.ent_type_ == "NORP" and (head.tag_ in ("NNPS", "NNS") or counted):
            return "anonymous", "source.vague-collective"  # "Republicans say", "one Republican said"
        if head.i in self.body_tokens or head.ent_type_ in NAME_ENTS or head.ent_type_ == "NORP":
            return "named", "source.named-body"
        if proper or (head.is_title and head.text in self.capitalised):
            return "named", "source.named-body"
        if head.pos_ not in ("NOUN", "PROPN", "NUM"):
            return None
        known = lemma in lex["named_roles"]
        cue_lemma = cue.lemma_.lower()
        if not known and cue_lemma in lex["finding_verbs"]:
            return None  # "the truck story suggests ...": an inference, not a source speaking
        if lemma in lex["plural_bodies"]:
            return "named", "source.definite-role"  # the force or office on the case
        if head.is_title and head.is_sent_start and head.tag_ == "NN" and not modifiers:
            # a bare capitalised singular opening the sentence is a name the tagger took
            # for a common noun ("Zelenskyy thanked allies and said ..."); lexicon words
            # ("Officials", "Research") were decided above
            return "named", "source.named-body"
        if _led_by_name(head):
            return "named", "source.definite-role"  # "a team led by Jennifer Doudna": the leader identifies it
        if counted:
            return "anonymous", "source.anonymous-descriptor"  # "a senator", "two judges", "a chorus of ..."
        if head.tag_ in ("NNS", "NNPS"):
            if (any(c.dep_ == "det" and c.lower_ in ("the", "both") for c in head.children)
                    and not any(c.dep_ in ("poss", "amod", "compound", "prep") for c in head.children)
                    and lemma not in lex["anonymous_heads"] | lex["vague_heads"] and not strict):
                # "Shell and BP announced ... the companies said": a bare definite plural of
                # bodies refers back like "they" ("the officials", "the researchers" stay unnamed)
                return "", "source.back-reference"
            # "E.U. leaders warn", "proponents say": a group, not one identifiable body
            return "anonymous", "source.vague-collective"
        if definite or principal:
            # "the minister", "the company", "Trump's campaign": one identifiable person or body
            return "named", "source.definite-role"
        if strict:
            return None  # "according to plan", "citing a threat": not a source
        return "anonymous", "source.anonymous-descriptor"

    # -- mentions for back-references ----------------------------------------------------
    def mentions(self, sent: SpacySpan) -> tuple[Mention, ...]:
        """People, bodies and outlets a later pronoun or description could refer to."""
        out: list[Mention] = []
        for ent in self.ents:
            if ent.start < sent.start or ent.end > sent.end:  # what Span.ents keeps
                continue
            if ent.label_ == "PERSON":
                out.append(Mention(_span(self.doc, ent.start, ent.end), "person", "named"))
            elif ent.label_ in ("ORG", "GPE") and not any(t.i in self.outlet_tokens for t in ent):
                # a place may speak as its government ("Russia said ... It added") but is never "they"
                kind = "place" if ent.label_ == "GPE" else "body"
                out.append(Mention(_span(self.doc, ent.start, ent.end), kind, "named"))
        runs: list[list[int]] = []
        for i in sorted(i for i in range(sent.start, sent.end) if i in self.outlet_tokens):
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        for run in runs:
            out.append(Mention(_span(self.doc, run[0], run[-1] + 1), "outlet", "publication"))
        return tuple(sorted(out, key=lambda m: (m.span.start, m.span.end)))


# -- small helpers over tokens ---------------------------------------------------------------
def _line_label(doc: Doc, colon: int) -> bool:
    """A colon within the first four words of its line: a speaker or section label."""
    words = 0
    for i in range(colon - 1, -1, -1):
        if "\n" in doc[i].text:
            break
        words += 1
    return 0 < words <= 4


def _span(doc: Doc, start: int, end: int) -> Span:
    words = doc[start:end]
    return Span(words.start_char, words.end_char, words.text)


def _trimmed(sent: SpacySpan, doc_text: str) -> Span:
    text = doc_text[sent.start_char:sent.end_char]
    left = len(text) - len(text.lstrip())
    right = len(text.rstrip())
    return Span(sent.start_char + left, sent.start_char + right, text[left:right])


def _entity(token: Token) -> list[Token]:
    """The tokens of the named entity a token belongs to (IOB-walk, no Doc.ents rebuild)."""
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return list(doc[start:end])


def _definite(head: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE or c.dep_ == "poss" for c in head.children)


def _prep_objects(head: Token) -> list[Token]:
    return [t for c in head.children if c.dep_ in ("prep", "acl") for t in c.subtree]


def _np_bounds(head: Token) -> tuple[int, int]:
    """Token bounds of the source noun phrase: the head and its modifiers, not its relative clauses."""
    keep: list[Token] = []
    stack = [head]
    while stack:
        token = stack.pop()
        keep.append(token)
        for child in token.children:
            if child.dep_ in NP_EXCLUDED and not (child.dep_ == "prep" and child.lower_ in NP_PREPS_KEPT):
                continue
            if child.dep_ == "prep" and any(g.lemma_.lower() in SETTING_NOUNS for g in child.children):
                continue  # "in an interview with ...", "in a statement" belong to the cue, not the source
            stack.append(child)
    start = min(t.i for t in keep)
    end = max(t.i for t in keep) + 1
    doc = head.doc
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, end


def _verb_of(tokens: list[Token]) -> Token:
    for token in tokens:
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "auxpass":
            return token
    return tokens[0]


def _outranked_subject(subject: Token) -> bool:
    """Another subject of the same verb sits nearer to it, across punctuation or as the name
    right after this noun: two subjects on one verb is a misparse ("State news agency IRNA
    said", "Hawaii, as one of the advisers pointed out, ..."), and the nearer one is the subject."""
    if subject.dep_ != "nsubj":
        return False
    verb, doc = subject.head, subject.doc
    for other in verb.children:
        if other.dep_ != "nsubj" or abs(other.i - verb.i) >= abs(subject.i - verb.i):
            continue
        between = doc[min(other.i, subject.i):max(other.i, subject.i)]
        if any(t.text in ",;()" for t in between) or (
                other.pos_ == "PROPN" and subject.pos_ != "PROPN" and abs(other.i - subject.i) == 1):
            return True
    return False


def _definite_issuer(token: Token, document: Token) -> bool:
    """The token is a definite issuer of the document: "a filing by the company", "a letter
    from the agency's inspector general" ("from the region" is a place, not an issuer)."""
    preposition = token.head
    if token.dep_ != "pobj" or preposition.lower_ not in ("by", "from") or preposition.head.i != document.i:
        return False
    return any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ == "the" and preposition.lower_ == "by"
               for c in token.children)


def _led_by_name(head: Token) -> bool:
    """"a team led by Jennifer Doudna", "a panel headed by the UN": a named leader identifies the group."""
    return any(c.dep_ == "acl" and c.lemma_.lower() in ("lead", "head", "direct", "run") and any(
        g.dep_ == "agent" and any(p.pos_ == "PROPN" or p.ent_type_ in ("PERSON", "ORG") for p in g.subtree)
        for g in c.children) for c in head.children)


def _small_clause(clause: Token) -> bool:
    """A verbless or participle-only clause ("found the car abandoned", "found him dead"):
    no auxiliary, no marker, no finite verb, nothing it says or does to an object."""
    return clause.tag_ in ("VBN", "JJ") and not any(
        c.dep_ in ("aux", "auxpass", "mark", "dobj", "ccomp", "xcomp", "advcl") for c in clause.children)


def _closes_sentence(cue: Token, sent: SpacySpan) -> bool:
    """The cue's phrase follows a comma and runs to the end of the sentence: ", per Reuters."."""
    last = max(t.i for t in cue.subtree)
    return (cue.i > sent.start and cue.doc[cue.i - 1].text == ","
            and all(t.is_punct or t.is_space for t in cue.doc[last + 1:sent.end]))


def _existential(noun: Token) -> bool:
    """The noun is what "there is/are" introduces ("there are economists who ...")."""
    verb = noun.head
    return noun.dep_ == "attr" and verb.lemma_ == "be" and any(c.dep_ == "expl" for c in verb.children)


def _subject_of(token: Token) -> Token | None:
    """The subject of the clause a token belongs to (for "X declined to comment")."""
    node = token
    for _ in range(6):
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if node.head is node:
            break
        node = node.head
    return None


def _left_noun(cue: Token) -> Token | None:
    """The name that opens the clause right before a cue the parser mis-tagged ("NYT highlights that").

    The name must open its sentence or clause, so "a set of Clean Air Act rules
    that ..." (a relative clause) does not qualify.
    """
    if cue.i == cue.sent.start:
        return None
    previous = cue.doc[cue.i - 1]
    if previous.ent_type_ in ("DATE", "TIME") or not (previous.pos_ in ("PROPN", "NOUN", "PRON") or previous.is_title):
        return None
    start = previous.i
    while start > cue.sent.start and cue.doc[start - 1].pos_ in ("PROPN", "DET") and cue.doc[start - 1].is_title:
        start -= 1
    before = cue.doc[start - 1] if start > cue.sent.start else None
    if before is not None and not (before.is_punct or before.pos_ in ("CCONJ", "SCONJ")):
        return None
    return previous


def _own_clause(verb: Token) -> Iterable[Token]:
    """The verb's subtree without its coordinated clauses ("X proposed A, but analysts agreed that B")."""
    for child in verb.children:
        if child.dep_ not in ("conj", "cc"):
            yield from child.subtree


def _rightmost_noun(doc: Doc, start: int, end: int) -> Token | None:
    """The head of a noun phrase read off its words, not its parse: the last noun or pronoun ("the candidate's former doctor")."""
    for token in reversed(doc[start:end]):
        if token.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and token.tag_ != "POS":
            return token
    return None


def _closes_quote(quotes: list[tuple[int, int, int]], span: Span) -> bool:
    """A quotation ends within the sentence's first two characters ('"― Carla Sanchez.')."""
    return any(span.start < end <= span.start + 2 for _, end, _ in quotes)


def _in_order(attributions: list[Attribution]) -> tuple[Attribution, ...]:
    """Sort evidence by position; roles were fixed when each was built."""
    return tuple(sorted(attributions, key=lambda a: (a.cue.start, a.rule_id)))


def evidence(sent: SpacySpan) -> Any:
    """The SentenceEvidence the component wrote on a sentence (None before it ran)."""
    return sent._.get(EVIDENCE_ATTR)
