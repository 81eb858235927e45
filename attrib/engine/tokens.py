"""Small facts read off the parse around one token: noun-phrase bounds, subjects, determiners.

Pure functions over spaCy tokens (duck-typed: nothing here imports spaCy), shared
by the candidates, the clauses, the source kinds and the hooks.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from attrib.records import HeadFacts, Number, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

# Parts of a noun phrase that are not the source itself.
NP_EXCLUDED = {"relcl", "acl", "appos", "punct", "advcl", "ccomp", "parataxis", "cc", "conj", "prep"}
NP_PREPS_KEPT = {"of", "on", "at", "in", "from", "for", "with", "close", "inside", "within"}
# Where something was said, when it sits next to the speaker: "X, in an interview with Y, said".
SETTING_NOUNS = {
    "interview",
    "statement",
    "speech",
    "briefing",
    "address",
    "post",
    "video",
    "letter",
    "email",
    "tweet",
    "conversation",
    "call",
    "remarks",
    "appearance",
    "message",
    "podcast",
}
DEFINITE = {"the", "this", "that", "these", "those", "its", "his", "her", "their", "our"}


def record_span(doc: Doc, start: int, end: int, doc_text: str | None = None) -> Span:
    """The record of tokens [start, end); `doc_text` (Doc.text, when the caller holds it) spares
    Span.text, which builds a Token for every word to join their texts."""
    words = doc[start:end]
    text = words.text if doc_text is None else doc_text[words.start_char : words.end_char]
    return Span(words.start_char, words.end_char, text)


def trimmed_span(sent: SpacySpan, doc_text: str) -> Span:
    text = doc_text[sent.start_char : sent.end_char]
    left = len(text) - len(text.lstrip())
    right = len(text.rstrip())
    return Span(sent.start_char + left, sent.start_char + right, text[left:right])


def entity_tokens(token: Token) -> list[Token]:
    """The tokens of the named entity a token belongs to (IOB-walk, no Doc.ents rebuild)."""
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return list(doc[start:end])


def is_definite(head: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE or c.dep_ == "poss" for c in head.children)


def head_facts(head: Token, quantities: frozenset[str] = frozenset()) -> HeadFacts:
    """The parse's lemma, number and determiner of a source's head word.

    A partitive ("one of the officials", "some of the residents", "a number of
    experts", with `quantities` the counting nouns of lexicons/quantity_nouns.txt)
    is about the group: the facts are the group noun's lemma and number, with the
    partitive word as the determiner. Number comes from the morphology
    (Number=Plur), else from the tag (NNS, NNPS); mass nouns ("staff", "news")
    are singular; a head coordinated with another noun ("Grassley and Leahy",
    "Shell and BP") is plural.
    """
    noun, determiner = head, ""
    group = _partitive_group(head, quantities)
    if group is not None:
        noun, determiner = group, head.lower_
    determiner = determiner or _determiner(noun)
    number = _number(noun)
    if any(c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") for c in noun.children):
        number = Number.PLURAL  # "Mr. Grassley and Mr. Leahy say ...": two speakers, a later "they"
    return HeadFacts(noun.lemma_.lower(), number, determiner, noun.lower_)


def _partitive_group(head: Token, quantities: frozenset[str]) -> Token | None:
    if head.pos_ not in ("NUM", "PRON", "DET", "ADJ") and head.tag_ != "CD" and head.lemma_.lower() not in quantities:
        return None
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            nouns = [g for g in child.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")]
            if nouns:
                return nouns[0]
    return None


def _number(token: Token) -> Number:
    written = token.morph.get("Number", [])
    if written:
        return Number.PLURAL if "Plur" in written else Number.SINGULAR
    if token.tag_ in ("NNS", "NNPS"):
        return Number.PLURAL
    if token.tag_ in ("NN", "NNP"):
        return Number.SINGULAR
    return Number.UNKNOWN


def _determiner(noun: Token) -> str:
    """The determiner word: `det` first, then a possessive ("his", "'s"), then a number ("two")."""
    children = list(noun.children)
    for deps in (("det", "predet"), ("poss",), ("nummod",)):
        for child in children:
            if child.dep_ in deps:
                if child.dep_ == "poss" and child.pos_ != "PRON":
                    return "'s"  # "the ministry's spokesman": a possessor phrase, not a word
                return child.lower_
    return ""


def prep_objects(head: Token) -> list[Token]:
    return [t for c in head.children if c.dep_ in ("prep", "acl") for t in c.subtree]


def np_bounds(head: Token) -> tuple[int, int]:
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


def verb_of(tokens: list[Token]) -> Token:
    for token in tokens:
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "auxpass":
            return token
    return tokens[0]


def outranked_subject(subject: Token) -> bool:
    """Another subject of the same verb sits nearer to it, across punctuation or as the name
    right after this noun: two subjects on one verb is a misparse ("State news agency IRNA
    said", "Hawaii, as one of the advisers pointed out, ..."), and the nearer one is the subject."""
    if subject.dep_ != "nsubj":
        return False
    verb, doc = subject.head, subject.doc
    for other in verb.children:
        if other.dep_ != "nsubj" or abs(other.i - verb.i) >= abs(subject.i - verb.i):
            continue
        between = doc[min(other.i, subject.i) : max(other.i, subject.i)]
        if any(t.text in ",;()" for t in between) or (
            other.pos_ == "PROPN" and subject.pos_ != "PROPN" and abs(other.i - subject.i) == 1
        ):
            return True
    return False


def definite_issuer(token: Token, document: Token) -> bool:
    """The token is a definite issuer of the document: "a filing by the company", "a letter
    from the agency's inspector general" ("from the region" is a place, not an issuer)."""
    preposition = token.head
    if token.dep_ != "pobj" or preposition.lower_ not in ("by", "from") or preposition.head.i != document.i:
        return False
    return any(
        c.dep_ == "poss" or c.dep_ == "det" and c.lower_ == "the" and preposition.lower_ == "by" for c in token.children
    )


def led_by_name(head: Token) -> bool:
    """ "a team led by Jennifer Doudna", "a panel headed by the UN": a named leader identifies the group."""
    return any(
        c.dep_ == "acl"
        and c.lemma_.lower() in ("lead", "head", "direct", "run")
        and any(
            g.dep_ == "agent" and any(p.pos_ == "PROPN" or p.ent_type_ in ("PERSON", "ORG") for p in g.subtree)
            for g in c.children
        )
        for c in head.children
    )


def small_clause(clause: Token) -> bool:
    """A verbless or participle-only clause ("found the car abandoned", "found him dead"):
    no auxiliary, no marker, no finite verb, nothing it says or does to an object."""
    return clause.tag_ in ("VBN", "JJ") and not any(
        c.dep_ in ("aux", "auxpass", "mark", "dobj", "ccomp", "xcomp", "advcl") for c in clause.children
    )


def that_complement(clause: Token) -> bool:
    """A clause on a noun that says what the noun holds: opened by the marker "that"
    ("a warning that the virus is spreading"), or by a "that" the parser read as the
    object of a clause that has a subject of its own ("a release that profits had doubled").
    A relative "that" that is the clause's subject ("a statement that said ...") is not one."""
    first = clause.doc[clause.left_edge.i]
    if first.lower_ != "that" or first.head.i != clause.i:
        return False
    if first.dep_ == "mark":
        return True
    return first.dep_ == "dobj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)


def existential(noun: Token) -> bool:
    """The noun is what "there is/are" introduces ("there are economists who ...")."""
    verb = noun.head
    return noun.dep_ == "attr" and verb.lemma_ == "be" and any(c.dep_ == "expl" for c in verb.children)


def subject_of(token: Token) -> Token | None:
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


def left_noun(cue_head: Token) -> Token | None:
    """The name that opens the clause right before a cue the parser mis-tagged ("NYT highlights that").

    The name must open its sentence or clause, so "a set of Clean Air Act rules
    that ..." (a relative clause) does not qualify.
    """
    doc, first = cue_head.doc, cue_head.sent.start
    if cue_head.i == first:
        return None
    previous = doc[cue_head.i - 1]
    if previous.ent_type_ in ("DATE", "TIME") or not (previous.pos_ in ("PROPN", "NOUN", "PRON") or previous.is_title):
        return None
    start = previous.i
    while start > first and doc[start - 1].pos_ in ("PROPN", "DET") and doc[start - 1].is_title:
        start -= 1
    before = doc[start - 1] if start > first else None
    if before is not None and not (before.is_punct or before.pos_ in ("CCONJ", "SCONJ")):
        return None
    return previous


def own_clause(verb: Token) -> Iterable[Token]:
    """The verb's subtree without its coordinated clauses ("X proposed A, but analysts agreed that B")."""
    for child in verb.children:
        if child.dep_ not in ("conj", "cc"):
            yield from child.subtree


def rightmost_noun(doc: Doc, start: int, end: int) -> Token | None:
    """The head of a noun phrase read off its words, not its parse: the last noun or pronoun ("the candidate's former doctor")."""
    for token in reversed(doc[start:end]):
        if token.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and token.tag_ != "POS":
            return token
    return None
