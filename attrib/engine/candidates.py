"""Candidates: every rule's raw matches in a Doc, before anything judges them.

The dep, token and phrase matchers run once over the whole Doc, the regex
rules once per sentence, and a rule's hook may add repairs (matches the
parser hid). Which pattern nodes make up the cue comes from the rule's data
(`cue`, `agent` in attribution.toml).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from attrib.engine.rules import SOURCE_NODE
from attrib.engine.tokens import verb_of

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from attrib.engine.context import DocContext
    from attrib.engine.rules import Rule, RuleSet


@dataclass
class Candidate:
    """One rule's raw match.

    Attributes:
        rule: the rule that matched.
        cue: the cue's tokens ("according", "to"; "was", "reported", "by").
        source: the head token of the source's noun phrase, when the match names one.
        pattern: which of the rule's patterns matched: earlier patterns win a shared cue.
        source_bounds: token bounds of the source phrase a regex's group delimits.
        repaired: added by a hook's repair (the parser read the verb as a noun).
        cue_head: the cue token that decides its role and content: the verb of a
            multi-word dep or token cue ("It was reported": "reported"), else its first token.
    """

    rule: Rule
    cue: list[Token]
    source: Token | None
    pattern: int = 0
    source_bounds: tuple[int, int] | None = None
    repaired: bool = False
    cue_head: Any = None

    def __post_init__(self) -> None:
        if self.cue_head is None:
            self.cue_head = (
                verb_of(self.cue) if self.rule.kind in ("dep", "token") and len(self.cue) > 1 else self.cue[0]
            )


def find_candidates(
    ctx: DocContext,
    sents: list[SpacySpan],
    ruleset: RuleSet,
    matchers: dict[str, Any],
    repairs: Iterable[Candidate] = (),
) -> Iterable[Candidate]:
    """Every rule's raw matches, in rule order (earlier rules win a shared cue).

    Args:
        ctx: the Doc's facts.
        sents: the Doc's sentences.
        ruleset: the loaded rules.
        matchers: `rules.compile_matchers` output for this pipeline.
        repairs: candidates the rules' hooks found where the parse hid the match.
    """
    from attrib.engine.hooks import hook_of  # (hooks.py builds on this module)

    doc, text = ctx.doc, ctx.text
    by_rule: dict[str, list[Candidate]] = {rule.id: [] for rule in ruleset.rules}
    vocab_strings = doc.vocab.strings
    for key, named in matchers["dep"](doc):
        rule = ruleset.rule(key.split("#")[0])
        cue = [named[node] for node in rule.cue_nodes if node in named]
        if rule.agent in named:  # a passive with its agent: "was reported by"
            cue = [c for c in named["cue"].children if c.dep_ == "auxpass"][:1] + cue + [named[rule.agent]]
        by_rule[rule.id].append(Candidate(rule, cue, named.get(SOURCE_NODE), int(key.split("#")[1])))
    for key, start, end in matchers["token"](doc):
        rule = ruleset.rule(key.split("#")[0])
        by_rule[rule.id].append(Candidate(rule, list(doc[start:end]), None))
    for match_id, start, end in matchers["phrase"](doc):
        rule = ruleset.rule(vocab_strings[match_id].split("#")[0])
        by_rule[rule.id].append(Candidate(rule, list(doc[start:end]), None))
    sent_texts = [text[sent.start_char : sent.end_char] for sent in sents]  # Span.text joins tokens on every access
    for rule in ruleset.rules:
        if rule.kind != "regex":
            continue
        hook = hook_of(rule)
        for sent, sent_text in zip(sents, sent_texts):
            if not hook.admits(ctx, sent):  # its hook would drop whatever matched here
                continue
            for pattern in rule.patterns:
                found = pattern.search(sent_text)
                if not found:
                    continue
                cue_span = doc.char_span(
                    sent.start_char + found.start("cue"), sent.start_char + found.end("cue"), alignment_mode="expand"
                )
                source = doc.char_span(
                    sent.start_char + found.start("source"),
                    sent.start_char + found.end("source"),
                    alignment_mode="expand",
                )
                if cue_span is not None and source is not None and len(source):
                    by_rule[rule.id].append(
                        Candidate(rule, list(cue_span), source.root, source_bounds=(source.start, source.end))
                    )
    for candidate in repairs:
        by_rule[candidate.rule.id].append(candidate)
    for rule in ruleset.rules:
        yield from sorted(by_rule[rule.id], key=lambda c: (c.cue[0].i, c.pattern, c.source.i if c.source else -1))


def verbless_cue(sent: SpacySpan, speech: frozenset[str]) -> tuple[Token, Token] | None:
    """A report verb the tagger read as a noun in a sentence left without a verb.

    "Documents seen by the paper show the ministry knew" parses as one noun
    phrase ("the paper show"); a sentence whose root is a noun, with a word
    that is a form of a speech or report verb between a noun and the start of
    a clause, is that verb and the root is its subject.

    Returns:
        (the cue token, the source's head token) or None.
    """
    root = sent.root
    if root.pos_ not in ("NOUN", "PROPN"):
        return None
    doc = sent.doc
    for token in doc[root.i + 1 : sent.end - 1]:
        after = doc[token.i + 1]
        if (
            token.tag_ in ("NN", "NNS")
            and doc[token.i - 1].pos_ in ("NOUN", "PROPN")
            and (after.pos_ in ("DET", "PRON", "PROPN", "NUM") or after.lower_ == "that")
            and token.lemma_.lower() in speech
        ):
            return token, root
    return None


def lost_subject_cue(sent: SpacySpan, speech: frozenset[str]) -> tuple[Token, Token] | None:
    """A speech verb whose subject the parser hid inside a relative clause, or hung the verb on.

    "A lawyer who sought anonymity because she represents clients before the
    court said the judge was biased." parses as a noun phrase whose relative
    clause swallows "said" (the root is "lawyer"); "One of the people, who like
    the others spoke on condition of anonymity, said he ..." hangs the subject
    and its relative clause on "spoke", a complement to the left of a subjectless
    "said". Either way the speech verb carries a complement clause to its right
    and its speaker is the noun phrase the relative clause describes.

    Returns:
        (the cue token, the source's head token) or None.
    """
    root = sent.root
    if not _text_tail(sent).endswith((".", '."', ".”")):
        return None  # a headline or caption may well be a bare noun phrase
    if root.pos_ in ("NOUN", "PROPN"):

        def says(t: Token) -> bool:
            return (
                t.tag_ in ("VBD", "VBZ", "VBP")
                and t.lemma_.lower() in speech
                and any(c.dep_ == "ccomp" and c.i > t.i for c in t.children)
            )

        # "The mayor, as the city's first leader, told the crowd she ...": the verb hangs on the noun
        direct = [
            c for c in root.children if c.i > root.i and says(c) and not any(g.dep_ == "nsubj" for g in c.children)
        ]
        if direct:
            return direct[0], root
        for relative in (c for c in root.children if c.dep_ == "relcl" and c.i > root.i):
            verbs = [t for t in relative.subtree if t.i != relative.i and says(t)]
            if verbs:
                return verbs[-1], root
        return None
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    if len(subjects) == 2:
        # "The headmaster, as chair of the trust, told parents the merger would go ahead": the
        # reported clause's verb took both subjects, and the speech verb between them none
        between = [
            c
            for c in root.children
            if c.dep_ in ("advcl", "parataxis")
            and subjects[0].i < c.i < subjects[1].i
            and c.tag_ in ("VBD", "VBZ", "VBP")
            and c.lemma_.lower() in speech
            and not any(g.dep_ in ("nsubj", "mark") for g in c.children)
        ]
        if between:
            return between[0], subjects[0]
    if root.lemma_.lower() not in speech or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children):
        return None
    left = [c for c in root.children if c.dep_ == "ccomp" and c.i < root.i]
    if not left or not any(c.dep_ == "ccomp" and c.i > root.i for c in root.children):
        return None
    subject = next((c for c in left[0].children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i != sent.start or sent.doc[root.i - 1].text != ",":
        return None
    if not any(t.tag_ in ("WP", "WDT") and t.i > subject.i for t in left[0].subtree):
        return None
    return root, subject


def outlet_lost_subject(sent: SpacySpan, speech: frozenset[str], outlet_tokens: set[int]) -> tuple[Token, Token] | None:
    """A speech verb whose subject is an outlet's name the parser read as something else:
    "India Today reported that ..." ("Today" a date), "Inside Higher Ed reported that ..."
    ("Inside" a preposition). Everything before the verb is the outlet's name (after an
    optional "The"), the verb has no subject of its own and a clause follows it.

    Returns:
        (the cue token, the last token of the name) or None.
    """
    root = sent.root
    if (
        root.lemma_.lower() not in speech
        or root.pos_ != "VERB"
        or root.i - sent.start < 1
        or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in root.children)
        or not (
            any(c.dep_ == "ccomp" and c.i > root.i for c in root.children)
            or root.i + 1 < sent.end
            and sent.doc[root.i + 1].lower_ == "that"  # the misparse may lose the clause too
        )
    ):
        return None
    first = sent.start + (sent.doc[sent.start].lower_ == "the")
    name = range(first, root.i)
    if not name or not all(i in outlet_tokens for i in name):
        return None
    return root, sent.doc[root.i - 1]


def _text_tail(sent: SpacySpan) -> str:
    """The end of the sentence's text, trailing whitespace stripped, at least two characters long where
    the sentence has them: what `sent.text.rstrip()` ends with, read from its last tokens only
    (Span.text builds a Token for every word of the sentence)."""
    tail = ""
    for i in range(sent.end - 1, sent.start - 1, -1):
        tail = sent.doc[i].text_with_ws + tail
        if len(tail.rstrip()) >= 2:
            break
    return tail.rstrip()
