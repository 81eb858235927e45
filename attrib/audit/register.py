"""Labelled sentences -> the article's source register.

One entry per distinct source, every mention merged in: back-references
("They", "he", "The U.S. official", "the publication") join the source they
point to, so a reason for anonymity stated once covers every mention
(LABELS.md, "Anonymity"). Pure functions over records; no spaCy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable, Sequence

from attrib.records import Attribution, Source, SourceMention, SentenceResult, Span
from attrib.engine.rules import read_lexicon

FURNITURE = ("caption", "credit")
SOURCE_LABELS = ("named", "anonymous", "publication")
# Words that open a noun phrase without adding to what it describes.
DETERMINERS = ("a", "an", "the", "this", "that", "these", "those", "one", "another", "some", "several",
               "many", "two", "three", "both", "other", "a second", "a third", "a separate", "separate")
INDEFINITE = ("a", "an", "one", "another", "a second", "a third", "a separate", "two", "three", "several", "some")
_DETERMINERS_LONGEST_FIRST = tuple(sorted(DETERMINERS, key=len, reverse=True))
PRONOUNS = ("he", "she", "they", "it", "him", "her", "them", "we", "i")
POSSESSIVE = re.compile(r"['’]s?$")  # "Politico's", "Reuters'"
# How far back a sentence naming a reason without naming its source looks.
REASON_REACH = 3
# How far past a mention a basis phrase may start and still describe it.
BASIS_REACH = 80
# A relayed outlet must be cited this early (in scored sentences) to frame the story.
RELAY_OPENING = 3


@dataclass
class _Entry:
    """A source being assembled (mutable while the register is built)."""

    label: str
    kind: str
    key: str
    head: str
    mentions: list[SourceMention] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    via: int | None = None
    plural: bool = False
    singular_mention: bool = False


@lru_cache(maxsize=1)
def _outlet_aliases() -> dict[str, str]:
    """Alias (lower case, no leading "the") -> the outlet's first listed name."""
    aliases: dict[str, str] = {}
    for line in sorted(read_lexicon("outlet_aliases")):
        names = [name.strip() for name in line.split("|")]
        for name in names:
            aliases[_strip_the(name)] = _strip_the(names[0])
    return aliases


@lru_cache(maxsize=1)
def _outlet_pattern() -> re.Pattern[str]:
    """Any outlet name or alias as a whole phrase (for recipients and possessives)."""
    names = set(_outlet_aliases()) | {_strip_the(name) for name in read_lexicon("outlets")}
    alternation = longest_first([re.escape(ch) for ch in name] for name in names)
    return re.compile(rf"(?<![\w.])(?:the\s+)?{alternation}(?![\w])", re.IGNORECASE)


@lru_cache(maxsize=None)
def phrase_pattern(lexicon: str) -> re.Pattern[str]:
    """A case-insensitive whole-word pattern over a phrase lexicon, longest phrase first."""
    alternation = longest_first([unit for number, word in enumerate(phrase.split())
                                  for unit in ([r"\s+"] if number else []) + [re.escape(ch) for ch in word]]
                                 for phrase in read_lexicon(lexicon))
    return re.compile(rf"(?<![\w']){alternation}(?![\w])", re.IGNORECASE)


def longest_first(phrases: Iterable[list[str]]) -> str:
    """A regex group matching any of the phrases (each a list of regex units), the longest that fits winning.

    Written as a trie ("ab(?:c|d)" for "abc|abd"), where a phrase that goes on
    is tried before one that stops, so it matches what "abc|abd|ab" sorted
    longest first matches, but tests each character once instead of once per
    phrase (about three times faster on the phrase lexicons).
    """
    trie: dict[str, dict] = {}
    for units in phrases:
        node = trie
        for unit in units:
            node = node.setdefault(unit, {})
        node[""] = {}  # a phrase ends here

    def group(node: dict[str, dict]) -> tuple[str, int]:
        """The node's regex, and how many units its longest phrase still has."""
        branches = sorted(((unit + regex, depth + 1) for unit, (regex, depth) in
                           ((unit, group(child)) for unit, child in node.items() if unit)), key=lambda b: -b[1])
        if "" in node:
            branches.append(("", 0))
        regex = branches[0][0] if len(branches) == 1 else f"(?:{'|'.join(regex for regex, _ in branches)})"
        return regex, branches[0][1]

    return f"(?:{group(trie)[0]})"


def _strip_the(text: str) -> str:
    text = POSSESSIVE.sub("", text.strip().lower())
    return text[4:] if text.startswith("the ") else text


def outlet_key(text: str) -> str | None:
    """The outlet a name refers to ("NYT" -> "new york times"), or None when it names none."""
    bare = _strip_the(text)
    aliases = _outlet_aliases()
    if bare in aliases:
        return aliases[bare]
    found = _outlet_pattern().fullmatch(POSSESSIVE.sub("", text.strip()))
    return _strip_the(found.group(0)) if found else None


def own_outlets(sentences: Sequence[SentenceResult]) -> frozenset[str]:
    """Outlets named in credits and bylines: the article's own newsroom, never a relay."""
    found: set[str] = set()
    for sentence in sentences:
        if sentence.block in FURNITURE:
            for match in _outlet_pattern().finditer(sentence.span.text):
                key = outlet_key(match.group(0))
                if key:
                    found.add(key)
    return frozenset(found)


def _words(text: str) -> list[str]:
    return re.findall(r"[\w.'’-]+", text.lower())


def _descriptor(text: str) -> tuple[str, bool]:
    """The descriptor without opening determiners, and whether it was indefinite."""
    lowered = " ".join(_words(text))
    indefinite = False
    changed = True
    while changed:
        changed = False
        for word in _DETERMINERS_LONGEST_FIRST:
            if lowered.startswith(word + " "):
                indefinite = indefinite or word in INDEFINITE
                lowered = lowered[len(word) + 1:]
                changed = True
    return lowered, indefinite


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and word != "u.s.":
        return word[:-1]
    return word


@lru_cache(maxsize=1)
def _anonymous_heads() -> frozenset[str]:
    return read_lexicon("anonymous_heads") | read_lexicon("vague_heads")


@lru_cache(maxsize=1)
def _opinion_heads() -> frozenset[str]:
    return read_lexicon("opinion_heads")


def _head(descriptor: str) -> str:
    """The noun an anonymous descriptor is about ("official" in "senior U.S. official on the panel")."""
    words = descriptor.split()
    heads = _anonymous_heads()
    for word in words:
        if _singular(word) in heads:
            return _singular(word)
    cut = next((i for i, w in enumerate(words) if w in ("of", "on", "in", "at", "with", "from", "who", "familiar")),
               len(words))
    return _singular(words[cut - 1]) if cut else ""


def _is_plural(descriptor: str, head: str) -> bool:
    return any(word != head and _singular(word) == head for word in descriptor.split())


def _person_tokens(text: str) -> list[str]:
    return [w for w in _words(text) if w[:1].isalpha() and w not in DETERMINERS]


def _same_person(short: str, long: str) -> bool:
    """ "Trump" and "President-elect Donald Trump": same last name, the short one's words inside the long one."""
    a, b = _person_tokens(short), _person_tokens(long)
    return bool(a and b) and a[-1] == b[-1] and set(a) <= set(b)


def _attributions(sentence: SentenceResult) -> list[Attribution]:
    """The evidence that names a source for this sentence: the primary, and nested or competing clauses."""
    found = [sentence.primary] if sentence.primary is not None else []
    found += [a for a in sentence.others if a.role in ("main", "nested")]
    return [a for a in found if a.source is not None and a.label in SOURCE_LABELS]


class _Register:
    """Builds the register in article order; later mentions merge into earlier entries."""

    def __init__(self, own: frozenset[str]) -> None:
        self.entries: list[_Entry] = []
        self.own = own
        self.by_span: dict[tuple[int, int], int] = {}

    def add(self, sentence: int, attribution: Attribution) -> int | None:
        source = attribution.source
        assert source is not None
        key = (source.start, source.end)
        if key in self.by_span:  # a quote continuation repeats its speaker's span
            return self.by_span[key]
        if attribution.rule_id == "quote-continuation":
            return None
        if attribution.antecedent is not None and (attribution.antecedent.start, attribution.antecedent.end) in self.by_span:
            index = self.by_span[(attribution.antecedent.start, attribution.antecedent.end)]
        elif attribution.antecedent is not None:  # "he said" after "Obama" was mentioned, not quoted
            earlier = attribution.refers_to if attribution.refers_to is not None else sentence
            index = self._find_or_create(attribution.antecedent, attribution.label, attribution.source_rule)
            self._mention(index, earlier, attribution.antecedent)
        else:
            index = self._find_or_create(source, attribution.label, attribution.source_rule)
        self._mention(index, sentence, source)
        return index

    def _mention(self, index: int, sentence: int, span: Span) -> None:
        entry = self.entries[index]
        if (span.start, span.end) in self.by_span:
            return
        entry.mentions.append(SourceMention(sentence, span))
        self.by_span[(span.start, span.end)] = index
        if span.text.strip().lower() not in PRONOUNS:
            entry.texts.append(span.text)
            descriptor, _ = _descriptor(span.text)
            if entry.label == "anonymous":
                if _is_plural(descriptor, entry.head):
                    entry.plural = True
                elif entry.head and entry.head in descriptor.split():
                    entry.singular_mention = True
        elif entry.label == "anonymous":  # "he said" about "sources" describes one person
            entry.singular_mention = entry.singular_mention or span.text.strip().lower() in ("he", "she")

    def _find_or_create(self, span: Span, label: str, kind: str) -> int:
        descriptor, indefinite = _descriptor(span.text)
        if label == "publication":
            outlet = outlet_key(span.text)
            key = outlet or descriptor
            if outlet is None and kind != "source.journalist":
                # "the publication", "the newspaper": the most recent outlet
                for index in range(len(self.entries) - 1, -1, -1):
                    if self.entries[index].label == "publication" and self.entries[index].kind == "source.outlet":
                        return index
            for index, entry in enumerate(self.entries):
                if entry.label == "publication" and entry.key == key:
                    return index
            return self._new(label, kind, key, key)
        if label == "named":
            for index, entry in enumerate(self.entries):
                if entry.label != "named":
                    continue
                if entry.key == descriptor or (kind == "source.person-name" and entry.kind == "source.person-name"
                                               and any(_same_person(descriptor, t) or _same_person(t, descriptor)
                                                       for t in entry.texts)):
                    return index
            return self._new(label, kind, descriptor, descriptor)
        head = _head(descriptor)
        if not indefinite:
            for index in range(len(self.entries) - 1, -1, -1):
                entry = self.entries[index]
                if entry.label == "anonymous" and (entry.key == descriptor or (head and entry.head == head)):
                    return index
        return self._new(label, kind, descriptor, head)

    def _new(self, label: str, kind: str, key: str, head: str) -> int:
        self.entries.append(_Entry(label=label, kind=kind, key=key, head=head))
        return len(self.entries) - 1

    def outlet(self, sentence: int, span: Span) -> int | None:
        """The entry of an outlet met as a recipient or possessive ("told Reuters"), unless it is our own."""
        key = outlet_key(span.text)
        if key is None or key in self.own:
            return None
        for index, entry in enumerate(self.entries):
            if entry.label == "publication" and entry.key == key:
                self._mention(index, sentence, span)
                return index
        index = self._new("publication", "source.outlet", key, key)
        self._mention(index, sentence, span)
        return index


def build_register(sentences: Sequence[SentenceResult], text: str) -> tuple[tuple[Source, ...], tuple[SentenceResult, ...]]:
    """The article's distinct sources, and the sentences with `source_id` filled in.

    Args:
        sentences: classified sentences in article order.
        text: the audited text (for reason and basis phrases).

    Returns:
        (sources in order of first mention, sentences with their primary's source id).
    """
    register = _Register(own_outlets(sentences))
    primary_entry: dict[int, int] = {}
    for sentence in sentences:
        if sentence.block in FURNITURE:
            continue
        outer: int | None = None
        for attribution in _attributions(sentence):
            index = register.add(sentence.index, attribution)
            if index is None:
                continue
            if attribution is sentence.primary:
                primary_entry[sentence.index] = index
                if attribution.label == "publication":
                    outer = index
            entry = register.entries[index]
            if entry.via is None:
                entry.via = _via(register, sentence.index, attribution, outer, index)

    order = sorted(range(len(register.entries)), key=lambda i: register.entries[i].mentions[0].span.start
                   if register.entries[i].mentions else len(text))
    ids = {index: f"S{n}" for n, index in enumerate(order, start=1)}
    reasons = _attach(register, sentences, phrase_pattern("reason_phrases"), reach_back=REASON_REACH)
    bases = _attach(register, sentences, phrase_pattern("basis_phrases"), reach_back=0, near=BASIS_REACH)
    sources = tuple(_source(ids[i], register.entries[i], reasons.get(i), bases.get(i), ids) for i in order
                    if register.entries[i].mentions)
    labelled = tuple(replace(s, source_id=ids.get(primary_entry[s.index])) if s.index in primary_entry else s
                     for s in sentences)
    relay = relay_source(sources, labelled, text)
    if relay is not None:
        # The article presents the story as the outlet's: its unnamed sources are the outlet's too.
        start = relay.mentions[0].span.start
        sources = tuple(replace(s, via=relay.id) if s.label == "anonymous" and s.via is None
                        and s.mentions[0].span.start > start else s for s in sources)
    by_id = {s.id: s for s in sources}
    sources = tuple(with_questions(s, by_id.get(s.via) if s.via else None) for s in sources)
    return sources, labelled


def relay_source(sources: Sequence[Source], sentences: Sequence[SentenceResult], text: str) -> Source | None:
    """The outlet an article mostly relays without confirming it, if any.

    The outlet is cited within the first RELAY_OPENING scored sentences, is the
    source of at least two sentences and of at least as many as all named
    sources together, and the article never says it confirmed the report.
    """
    # The cheap tests first: most articles relay no outlet, and then neither their
    # newsroom (own_outlets) nor the whole text (confirmation phrases) is searched.
    scored = [s for s in sentences if s.block not in FURNITURE + ("heading",)]
    named = sum(1 for s in scored if s.label == "named")
    own: frozenset[str] | None = None
    for source in sources:
        if source.label != "publication" or source.kind != "source.outlet":
            continue
        found = [p for p, s in enumerate(scored) if s.source_id == source.id]
        if len(found) >= 2 and found[0] < RELAY_OPENING and len(found) >= named:
            own = own_outlets(sentences) if own is None else own
            if outlet_key(source.text) not in own:
                return None if phrase_pattern("confirmation_phrases").search(text) else source
    return None


def _via(register: _Register, sentence: int, attribution: Attribution, outer: int | None, index: int) -> int | None:
    """The outlet a source reached this article through, from the words themselves."""
    entry = register.entries[index]
    if entry.label == "publication":
        return None
    if (attribution.role == "nested" or attribution.rule_id == "citing") and outer is not None and outer != index:
        return outer  # "The Journal, citing unnamed sources, reported ..."
    if attribution.recipient is not None:  # "a person familiar with the deal told Reuters"
        found = register.outlet(sentence, attribution.recipient)
        if found is not None:
            return found
    source = attribution.source
    if source is not None:  # "Reuters' sources", "a source told the Times"
        possessive = re.match(r"(.+?)['’]s?\s", source.text)
        if possessive and outlet_key(possessive.group(1)):
            return register.outlet(sentence, Span(source.start, source.start + len(possessive.group(1)),
                                                  possessive.group(1)))
    return None


def _attach(register: _Register, sentences: Sequence[SentenceResult], pattern: re.Pattern[str],
            reach_back: int, near: int | None = None) -> dict[int, Span]:
    """The first phrase of `pattern` describing each anonymous source, found anywhere in the article.

    A phrase belongs to the mention in its sentence that precedes it most
    closely (or the first one when none precedes it). With no mention in its
    sentence, it belongs to the anonymous source mentioned most recently within
    `reach_back` sentences ("The official spoke on condition of anonymity.").
    """
    mentions: dict[int, list[tuple[Span, int]]] = {}
    for index, entry in enumerate(register.entries):
        if entry.label != "anonymous":
            continue
        for mention in entry.mentions:
            mentions.setdefault(mention.sentence, []).append((mention.span, index))
    found: dict[int, Span] = {}
    for sentence in sentences:
        if sentence.block in FURNITURE:
            continue
        for match in pattern.finditer(sentence.span.text):
            start = sentence.span.start + match.start()
            phrase = _clause(sentence.span, match.start(), match.end())
            owner = _owner(mentions.get(sentence.index, []), start, near)
            if owner is None and near is None:
                earlier = [owner for s in range(sentence.index - reach_back, sentence.index)
                           for _, owner in sorted(mentions.get(s, []), key=lambda pair: pair[0].start)]
                owner = earlier[-1] if earlier else None
            if owner is not None and owner not in found:
                found[owner] = phrase
    return found


def _clause(sentence: Span, start: int, end: int) -> Span:
    """Widen a phrase to the clause holding it: from the previous comma or dash to the next one."""
    text = sentence.text
    left = max(text.rfind(mark, 0, start) for mark in (",", "—", "–", "(", ";"))
    left = left + 1 if left >= 0 else 0
    rights = [i for i in (text.find(mark, end) for mark in (",", "—", "–", ")", ";")) if i >= 0]
    right = min(rights) if rights else len(text.rstrip(".!?\"'” \n"))
    while left < start and text[left].isspace():
        left += 1
    return Span(sentence.start + left, sentence.start + right, text[left:right])


def _owner(candidates: Iterable[tuple[Span, int]], start: int, near: int | None) -> int | None:
    before = [(span, index) for span, index in candidates if span.start <= start]
    if before:
        span, index = max(before, key=lambda pair: pair[0].start)
        if near is None or start - span.end <= near:
            return index
        return None
    ordered = sorted(candidates, key=lambda pair: pair[0].start)
    return ordered[0][1] if ordered and near is None else None


def _source(source_id: str, entry: _Entry, reason: Span | None, basis: Span | None, ids: dict[int, str]) -> Source:
    named = [t for t in entry.texts if t.strip().lower() not in PRONOUNS] or [entry.mentions[0].span.text]
    text = named[0]
    specificity = anonymity = None
    if entry.label == "anonymous":
        specificity = "vague" if entry.kind == "source.vague-collective" else "specific"
        anonymity = _anonymity(entry)
    return Source(
        id=source_id,
        label=entry.label,
        text=text,
        kind=entry.kind,
        mentions=tuple(sorted(entry.mentions, key=lambda m: m.span.start)),
        reason=reason,
        basis=basis,
        via=ids.get(entry.via) if entry.via is not None else None,
        specificity=specificity,
        plural=entry.plural,
        anonymity=anonymity,
    )


def _anonymity(entry: _Entry) -> str:
    """What an anonymous source leaves unnamed: a person, a collective of opinion, or a document."""
    if entry.kind == "source.unnamed-document":
        return "document"
    if entry.head in _opinion_heads():
        return "collective"
    return "person"


def with_questions(source: Source, outlet: Source | None) -> Source:
    """The source with the questions an editor would ask the reporter about it (LABELS.md, "Anonymity").

    Anonymous people: why anonymity was granted and how the source knows
    (asked only when the article does not say), and always the source's stake.
    Collectives: who exactly, and how many. Documents: which one. A relayed
    source: whether the newsroom confirmed the other outlet's report.
    """
    questions: list[str] = []
    if source.anonymity == "person":
        if source.reason is None:
            questions.append("Why was anonymity granted? The article never says.")
        if source.basis is None:
            questions.append("How does the source know? Was the source present, briefed, or shown documents?")
        questions.append("What is the source's stake in the story, and did anyone on the record confirm it?")
    elif source.anonymity == "collective":
        questions.append("Who exactly says this, and how many? Can one of them be named and quoted?")
    elif source.anonymity == "document":
        questions.append("Which document or study is this: who published it, when, and can readers find it?")
    if outlet is not None:
        questions.append(f"{outlet.text} is the only route to this source: did the newsroom confirm the report independently?")
    return replace(source, questions=tuple(questions))
