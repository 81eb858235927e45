"""Labelled sentences -> the article's source register.

One entry per distinct source, every mention merged in: back-references
("They", "he", "The U.S. official", "the publication") join the source they
point to, so a reason for anonymity stated once covers every mention
(LABELS.md, "Anonymity"). Pure functions over records; no spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from attrib.engine.rules import RuleSet, load_rules
from attrib.records import FURNITURE, Attribution, HeadFacts, Number, SentenceResult, Source, SourceMention, Span

# The loaded rule set's word lists (`RuleSet.lexicons`: packaged lexicons plus the house `[vocab]`).
Lexicons = Mapping[str, frozenset[str]]

SOURCE_LABELS = ("named", "anonymous", "publication")
PRONOUNS = ("he", "she", "they", "it", "him", "her", "them", "we", "i")
POSSESSIVE = re.compile(r"['’]s?$")  # "Politico's", "Reuters'"
# How far back a sentence naming a reason without naming its source looks.
REASON_REACH = 3
# How far past a mention a basis phrase may start and still describe it (when the cue comes first).
BASIS_REACH = 80
# Subjects of a reason sentence that speak for every source just mentioned ("All requested anonymity").
EVERY_SOURCE = re.compile(
    r"^\W*(?:all|both|each|none|neither|they all|all of them|both of them|each of them|"
    r"all (?:two|three|four|five|six|several)|the (?:two|three|four|five) (?:of them|\w+))\b",
    re.IGNORECASE,
)
# Of those, the ones that speak for two: a plural source mentioned last, or the last two people.
PAIR = re.compile(r"^\W*(?:both|neither)\b", re.IGNORECASE)
LAST_WORD = re.compile(r"\w+$")
TAIL_WORD = re.compile(r"\s+([\w'’.&-]+)")
PARTITIVE_PRONOUN = re.compile(r"^(?:one|two|three|some|another|each|both|all|none|several) of (?:them|those)$")
# "one of the people", "two of the officials": a member of a group already mentioned.
PARTITIVE = re.compile(
    r"^(?:one|two|three|four|some|another|each|either|neither|none|both|any) of (?:the|those|these) "
)
# Words after which a descriptor says more about its head ("official on the panel", "people familiar with").
CUT_WORDS = ("of", "on", "in", "at", "with", "from", "who", "familiar", "close")
# curly, straight and archive pairs (`` ... '' and '' ... '', as NYT archive text has them)
QUOTE_PAIRS = re.compile(r"“[^”]*”|\"[^\"]*?(?:\"|'')|(?:``|'')(?:(?!''|``).)*''")
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
    cues: dict[tuple[int, int], Span] = field(default_factory=dict)  # mention -> its attribution cue


@lru_cache(maxsize=8)
def _outlet_aliases(lines: frozenset[str]) -> dict[str, str]:
    """Alias (lower case, no leading "the") -> the outlet's first listed name, from outlet_aliases lines."""
    aliases: dict[str, str] = {}
    for line in sorted(lines):
        names = [name.strip() for name in line.split("|")]
        for name in names:
            aliases[_strip_the(name)] = _strip_the(names[0])
    return aliases


@lru_cache(maxsize=8)
def _outlet_pattern(outlets: frozenset[str], alias_lines: frozenset[str]) -> re.Pattern[str]:
    """Any outlet name or alias as a whole phrase (for recipients and possessives)."""
    names = set(_outlet_aliases(alias_lines)) | {_strip_the(name) for name in outlets}
    alternation = longest_first([re.escape(ch) for ch in name] for name in names)
    return re.compile(rf"(?<![\w.])(?:the\s+)?{alternation}(?![\w])", re.IGNORECASE)


@cache
def phrase_pattern(phrases: frozenset[str]) -> re.Pattern[str]:
    """A case-insensitive whole-word pattern over a phrase lexicon's entries, longest phrase first."""
    alternation = longest_first(
        [
            unit
            for number, word in enumerate(phrase.split())
            for unit in ([r"\s+"] if number else []) + [re.escape(ch) for ch in word]
        ]
        for phrase in phrases
    )
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
        branches = sorted(
            (
                (unit + regex, depth + 1)
                for unit, (regex, depth) in ((unit, group(child)) for unit, child in node.items() if unit)
            ),
            key=lambda b: -b[1],
        )
        if "" in node:
            branches.append(("", 0))
        regex = branches[0][0] if len(branches) == 1 else f"(?:{'|'.join(regex for regex, _ in branches)})"
        return regex, branches[0][1]

    return f"(?:{group(trie)[0]})"


def _strip_the(text: str) -> str:
    text = POSSESSIVE.sub("", text.strip().lower())
    return text[4:] if text.startswith("the ") else text


def outlet_key(text: str, lexicons: Lexicons) -> str | None:
    """The outlet a name refers to ("NYT" -> "new york times"), or None when it names none."""
    bare = _strip_the(text)
    aliases = _outlet_aliases(lexicons["outlet_aliases"])
    if bare in aliases:
        return aliases[bare]
    found = _outlet_pattern(lexicons["outlets"], lexicons["outlet_aliases"]).fullmatch(POSSESSIVE.sub("", text.strip()))
    return _strip_the(found.group(0)) if found else None


def own_outlets(sentences: Sequence[SentenceResult], lexicons: Lexicons) -> frozenset[str]:
    """Outlets named in credits and bylines: the article's own newsroom, never a relay."""
    found: set[str] = set()
    pattern = _outlet_pattern(lexicons["outlets"], lexicons["outlet_aliases"])
    for sentence in sentences:
        if sentence.block in FURNITURE:
            for match in pattern.finditer(sentence.span.text):
                key = outlet_key(match.group(0), lexicons)
                if key:
                    found.add(key)
    return frozenset(found)


def _words(text: str) -> list[str]:
    return re.findall(r"[\w.'’-]+", text.lower())


@lru_cache(maxsize=8)
def _longest_first(words: frozenset[str]) -> tuple[str, ...]:
    """A lexicon's entries, longest first ("a second" before "a"), ties in alphabetical order."""
    return tuple(sorted(words, key=lambda word: (-len(word), word)))


def _descriptor(text: str, lexicons: Lexicons) -> tuple[str, bool]:
    """The descriptor without its openers (lexicons descriptor_openers), and whether one was indefinite."""
    lowered = PARTITIVE.sub("the ", " ".join(_words(text)))  # "one of the people" is one of "the people"
    indefinite_openers = lexicons["indefinite_openers"]
    indefinite = False
    changed = True
    while changed:
        changed = False
        for word in _longest_first(lexicons["descriptor_openers"]):
            if lowered.startswith(word + " "):
                indefinite = indefinite or word in indefinite_openers
                lowered = lowered[len(word) + 1 :]
                changed = True
    return lowered, indefinite


@lru_cache(maxsize=8)
def _print_outlets(names: frozenset[str]) -> re.Pattern[str]:
    """Outlets named by an ordinary word, as written: capitalised ("another People source")."""
    alternation = longest_first([re.escape(ch) for ch in name] for name in names)
    return re.compile(rf"(?<![\w']){alternation}(?![\w'])", re.IGNORECASE)


def print_outlet(text: str, lexicons: Lexicons) -> re.Match[str] | None:
    """The first capitalised print-outlet name in `text` ("People" in "another People source"), if any."""
    for match in _print_outlets(lexicons["print_outlets"]).finditer(text):
        if all(word[:1].isupper() or not word[:1].isalpha() for word in match.group(0).split()):
            return match
    return None


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """[start, end) of every quotation: curly quotes pair across paragraphs, straight ones within a paragraph.

    A quotation that runs over several paragraphs reopens each one without
    closing the last ("“... <paragraph> “... ”"): it lasts to its closing mark.
    Archive text's `` opens like “ and its '' closes it; a '' with no `` open
    toggles like a straight mark ('' ... '' or " ... '').
    """
    regions: list[tuple[int, int]] = []
    opened: int | None = None
    straight: int | None = None
    for match in re.finditer(r"``|''|[“”\"]|\n\s*\n", text):
        mark, at = match.group(0), match.start()
        if mark in ("“", "``"):
            opened = at if opened is None else opened
        elif mark == "”" and opened is not None:
            regions.append((opened, at + 1))
            opened = None
        elif mark == "''" and opened is not None and text.startswith("``", opened):
            regions.append((opened, at + 2))
            opened = None
        elif mark in ('"', "''"):
            if straight is None:
                straight = at
            else:
                regions.append((straight, at + len(mark)))
                straight = None
        elif mark.strip() == "":
            straight = None  # a straight quote never runs past its paragraph unclosed
    return regions


def bare_descriptor(text: str, lexicons: Lexicons) -> str:
    """A source description without its opening determiners ("the senior official" -> "senior official")."""
    return _descriptor(text, lexicons)[0]


def _same_head(a: str, b: str) -> bool:
    """ "people" and "person" are one head, like "official" and "officials"."""
    people = ("people", "person")
    return a == b or (a in people and b in people)


def _quoted_name(sentence: Span, source: Span, cue: Span) -> bool:
    """A name inside a quotation whose cue is outside it is quoted speech, not a source ('"Ed did it," a source said')."""
    for quote in QUOTE_PAIRS.finditer(sentence.text):
        start, end = sentence.start + quote.start(), sentence.start + quote.end()
        if start < source.start and source.end < end and not start <= cue.start < end:
            return True
    return False


def _with_basis_tail(sentence: Span, source: Span, lexicons: Lexicons) -> Span:
    """ "a source close" -> "a source close to the couple": keep the basis the parse cut off
    (the description ends in a word of lexicons/basis_tail_words)."""
    last = LAST_WORD.search(source.text)
    if last is None or last.group(0).lower() not in lexicons["basis_tail_words"]:
        return source
    text = sentence.text
    at = source.end - sentence.start
    words = 0
    end = at
    for match in TAIL_WORD.finditer(text, at):
        if match.start() != end or words == 6:
            break
        word = match.group(1).rstrip(".").lower()
        if words == 0 and word not in ("to", "with", "on", "about", "in"):
            return source
        if words > 0 and (
            word in _speech_forms(lexicons["speech_verbs"]) or word in ("who", "that", "which", "and", "but")
        ):
            break
        words += 1
        end = match.start(1) + len(match.group(1).rstrip("."))
    if words < 2:
        return source
    return Span(source.start, sentence.start + end, text[source.start - sentence.start : end])


@lru_cache(maxsize=8)
def _speech_forms(lemmas: frozenset[str]) -> frozenset[str]:
    """Inflected forms of the speech verbs ("say" -> says, said): where a source's description ends."""
    return inflections(lemmas) | {"said", "told", "says", "tells", "thinks", "thought"}


def inflections(lemmas: Iterable[str]) -> frozenset[str]:
    """Regular inflected forms of lemmas ("slam" -> slams, slammed, slamming; "agency" -> agencies)."""
    forms: set[str] = set()
    for lemma in lemmas:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        double = lemma + lemma[-1] if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", lemma) else lemma
        forms |= {
            lemma,
            lemma + "s",
            lemma + "es",
            stem + "ed",
            stem + "ing",
            double + "ed",
            double + "ing",
            lemma[:-1] + "ied" if lemma.endswith("y") else lemma,
            lemma[:-1] + "ies" if lemma.endswith("y") else lemma,
        }
    return frozenset(forms)


def _person_tokens(text: str, openers: frozenset[str]) -> list[str]:
    return [w for w in _words(text) if w[:1].isalpha() and w not in openers]


def _same_person(short: str, long: str, openers: frozenset[str]) -> bool:
    """ "Trump" and "President-elect Donald Trump": same last name, the short one's words inside the long one."""
    a, b = _person_tokens(short, openers), _person_tokens(long, openers)
    return bool(a and b) and a[-1] == b[-1] and set(a) <= set(b)


def _attributions(sentence: SentenceResult) -> list[Attribution]:
    """The evidence that names a source for this sentence: the primary, and nested or competing clauses."""
    found = [sentence.primary] if sentence.primary is not None else []
    found += [a for a in sentence.others if a.role in ("main", "nested")]
    return [a for a in found if a.source is not None and a.label in SOURCE_LABELS]


class _Register:
    """Builds the register in article order; later mentions merge into earlier entries."""

    def __init__(
        self, own: frozenset[str], lexicons: Lexicons, quotes: Sequence[tuple[int, int]] = (), text: str = ""
    ) -> None:
        self.text = text
        self.entries: list[_Entry] = []
        self.own = own
        self.lexicons = lexicons
        # the rules' declared properties (continues_quote, relays, source kinds): a house
        # vocabulary extends word lists only, so the packaged rule set has the same ones
        self.rules = load_rules()
        self.heads = lexicons["anonymous_heads"] | lexicons["vague_heads"]
        self.by_span: dict[tuple[int, int], int] = {}
        self.quotes = quotes

    def quoted(self, span: Span) -> bool:
        """Whether the words lie inside a quotation: people quoted speech names, not sources."""
        return any(start < span.start and span.end <= end for start, end in self.quotes)

    def add(self, sentence: SentenceResult, attribution: Attribution) -> int | None:
        source = attribution.source
        assert source is not None
        key = (source.start, source.end)
        if key in self.by_span:  # a quote continuation repeats its speaker's span
            return self.by_span[key]
        if self.rules.continues_quote(attribution.rule_id) or _quoted_name(sentence.span, source, attribution.cue):
            return None
        if attribution is not sentence.primary and self.quoted(source) and self.quoted(attribution.cue):
            return None  # "A young girl was screaming that ..." inside a neighbour's quote
        source = _with_basis_tail(sentence.span, source, self.lexicons)
        if attribution.antecedent is not None and self.quoted(attribution.antecedent) and not self.quoted(source):
            # "she added" cannot point at someone the last speaker only mentioned in a quote
            speaker = self._last_speaker(attribution.label, source.start)
            if speaker is not None:
                self._mention(speaker, sentence.index, source, attribution.source_head)
                self.by_span[key] = speaker
                self.entries[speaker].cues.setdefault((source.start, source.end), attribution.cue)
                return speaker
        if (
            attribution.antecedent is not None
            and (attribution.antecedent.start, attribution.antecedent.end) in self.by_span
        ):
            index = self.by_span[(attribution.antecedent.start, attribution.antecedent.end)]
        elif attribution.antecedent is not None:  # "he said" after "Obama" was mentioned, not quoted
            earlier = attribution.refers_to if attribution.refers_to is not None else sentence.index
            index = self._find_or_create(
                attribution.antecedent, attribution.label, attribution.source_rule, attribution.antecedent_head
            )
            self._mention(index, earlier, attribution.antecedent, attribution.antecedent_head)
        else:
            index = self._find_or_create(source, attribution.label, attribution.source_rule, attribution.source_head)
        self._mention(index, sentence.index, source, attribution.source_head)
        self.by_span[key] = index
        self.entries[index].cues.setdefault((source.start, source.end), attribution.cue)
        return index

    def _last_speaker(self, label: str, before: int) -> int | None:
        """The entry with the latest mention before `before` outside quotations, of the same label."""
        best: tuple[int, int] | None = None
        for index, entry in enumerate(self.entries):
            if entry.label != label:
                continue
            for mention in entry.mentions:
                if mention.span.start < before and not self.quoted(mention.span):
                    if best is None or mention.span.start > best[0]:
                        best = (mention.span.start, index)
        return best[1] if best else None

    def _mention(self, index: int, sentence: int, span: Span, head: HeadFacts | None = None) -> None:
        entry = self.entries[index]
        if (span.start, span.end) in self.by_span:
            return
        entry.mentions.append(SourceMention(sentence, span, head))
        self.by_span[(span.start, span.end)] = index
        if span.text.strip().lower() not in PRONOUNS:
            entry.texts.append(span.text)
            if entry.label == "anonymous" and head is not None and entry.head and head.lemma == entry.head:
                if head.plural:
                    entry.plural = True
                elif head.number is Number.SINGULAR:
                    entry.singular_mention = True
        elif entry.label == "anonymous":  # "he said" about "sources" describes one person
            entry.singular_mention = entry.singular_mention or span.text.strip().lower() in ("he", "she")

    def _find_or_create(self, span: Span, label: str, kind: str, facts: HeadFacts | None) -> int:
        descriptor, indefinite = _descriptor(span.text, self.lexicons)
        if label == "publication":
            outlet = outlet_key(span.text, self.lexicons)
            key = outlet or descriptor
            if outlet is None and not self.rules.journalist(kind):
                # "the publication", "the newspaper": the most recent outlet
                for index in range(len(self.entries) - 1, -1, -1):
                    if self.entries[index].label == "publication" and self.rules.is_outlet(self.entries[index].kind):
                        return index
            for index, entry in enumerate(self.entries):
                if entry.label == "publication" and entry.key == key:
                    return index
            return self._new(label, kind, key, key)
        if label == "named":
            openers = self.lexicons["descriptor_openers"]
            for index, entry in enumerate(self.entries):
                if entry.label != "named":
                    continue
                if entry.key == descriptor or (
                    self.rules.source_kind(kind) == "person"
                    and self.rules.source_kind(entry.kind) == "person"
                    and any(
                        _same_person(descriptor, t, openers) or _same_person(t, descriptor, openers)
                        for t in entry.texts
                    )
                ):
                    return index
            return self._new(label, kind, descriptor, descriptor)
        head = facts.lemma if facts is not None else ""
        if PARTITIVE_PRONOUN.match(" ".join(_words(span.text))):  # "one of them said": one of the group just named
            for index in range(len(self.entries) - 1, -1, -1):
                entry = self.entries[index]
                if entry.label == "anonymous" and (entry.plural or entry.head == "people"):
                    return index
        if not indefinite:
            # "studies show" is not the "new study" met earlier; "the study" is
            by_head = not self.rules.identified_document(kind, identified=False) or descriptor != " ".join(
                _words(span.text)
            )
            for index in range(len(self.entries) - 1, -1, -1):
                entry = self.entries[index]
                if entry.label == "anonymous" and (
                    entry.key == descriptor or (by_head and head and _same_head(entry.head, head))
                ):
                    return index
            # "the insider" after "a source", "the neighbour" after "a woman living nearby": a definite
            # description with no earlier mention of its word points back at the person mentioned last
            plural = facts is not None and facts.plural
            definite = PARTITIVE.sub("the ", " ".join(_words(span.text))).startswith(
                ("the ", "these ", "those ", "this ", "that ")
            )
            for index in range(len(self.entries) - 1, -1, -1) if definite else ():
                entry = self.entries[index]
                # a plural points back only by its own head ("the officials"), matched above: "the
                # Europeans" is not the "few Americans" just quoted
                if (
                    entry.label == "anonymous"
                    and _anonymity(entry, self.lexicons, self.rules) == "person"
                    and (head in self.lexicons["source_heads"] or not plural and not entry.plural)
                ):
                    return index
        return self._new(label, kind, descriptor, head)

    def _new(self, label: str, kind: str, key: str, head: str) -> int:
        self.entries.append(_Entry(label=label, kind=kind, key=key, head=head))
        return len(self.entries) - 1

    def outlet(self, sentence: int, span: Span) -> int | None:
        """The entry of an outlet met as a recipient or possessive ("told Reuters"), unless it is our own.

        "the publication", "the paper" stand for the outlet cited last; "People"
        and "Time" count only as written, capitalised (lexicon print_outlets).
        """
        key = outlet_key(span.text, self.lexicons)
        if key is None:
            printed = print_outlet(span.text, self.lexicons)
            rest = span.text[printed.end() :].strip().lower() if printed is not None else "x"
            if (
                printed is not None
                and span.text[: printed.start()].strip().lower() in ("", "the")
                and (not rest or rest in self.lexicons["outlet_nouns"])
            ):  # "People", "Heat magazine"
                key = printed.group(0).lower()
        if key is None and _descriptor(span.text, self.lexicons)[0] in self.lexicons["outlet_nouns"]:
            cited = [
                i
                for i, entry in enumerate(self.entries)
                if entry.label == "publication" and self.rules.is_outlet(entry.kind) and entry.key not in self.own
            ]
            if cited:
                self._mention(cited[-1], sentence, span)
                return cited[-1]
        if key is None or key in self.own:
            return None
        for index, entry in enumerate(self.entries):
            if entry.label == "publication" and entry.key == key:
                self._mention(index, sentence, span)
                return index
        index = self._new("publication", self.rules.outlet_source, key, key)
        self._mention(index, sentence, span)
        return index


def build_register(
    sentences: Sequence[SentenceResult], text: str, lexicons: Lexicons
) -> tuple[tuple[Source, ...], tuple[SentenceResult, ...]]:
    """The article's distinct sources, and the sentences with `source_id` filled in.

    Args:
        sentences: classified sentences in article order.
        text: the audited text (for reason and basis phrases).
        lexicons: the loaded rule set's word lists (outlets, heads, reason/basis/confirmation phrases).

    Returns:
        (sources in order of first mention, sentences with their primary's source id).
    """
    register = _Register(own_outlets(sentences, lexicons), lexicons, quoted_regions(text), text)
    primary_entry: dict[int, int] = {}
    for sentence in sentences:
        if sentence.block in FURNITURE:
            continue
        outer: int | None = None
        for attribution in _attributions(sentence):
            index = register.add(sentence, attribution)
            if index is None:
                continue
            if attribution is sentence.primary:
                primary_entry[sentence.index] = index
                if attribution.label == "publication":
                    outer = index
            entry = register.entries[index]
            if entry.via is None:
                entry.via = _via(register, sentence.index, attribution, outer, index)

    order = sorted(
        range(len(register.entries)),
        key=lambda i: register.entries[i].mentions[0].span.start if register.entries[i].mentions else len(text),
    )
    ids = {index: f"S{n}" for n, index in enumerate(order, start=1)}
    reasons = _reasons(register, sentences)
    bases = _bases(register, sentences)
    sources = tuple(
        _source(ids[i], register.entries[i], reasons.get(i), bases.get(i), ids, lexicons, register.rules)
        for i in order
        if register.entries[i].mentions
    )
    labelled = tuple(
        replace(s, source_id=ids.get(primary_entry[s.index])) if s.index in primary_entry else s for s in sentences
    )
    relay = relay_source(sources, labelled, text, lexicons)
    if relay is not None:
        # The article presents the story as the outlet's: its unnamed sources are the outlet's too.
        start = relay.mentions[0].span.start
        sources = tuple(
            replace(s, via=relay.id)
            if s.label == "anonymous" and s.via is None and s.mentions[0].span.start > start
            else s
            for s in sources
        )
    by_id = {s.id: s for s in sources}
    sources = tuple(with_questions(s, by_id.get(s.via) if s.via else None) for s in sources)
    return sources, labelled


def relay_source(
    sources: Sequence[Source], sentences: Sequence[SentenceResult], text: str, lexicons: Lexicons
) -> Source | None:
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
    rules = load_rules()  # the declared source kinds (the same under any house vocabulary)
    for source in sources:
        if source.label != "publication" or not rules.is_outlet(source.kind):
            continue
        found = [p for p, s in enumerate(scored) if s.source_id == source.id]
        if len(found) >= 2 and found[0] < RELAY_OPENING and len(found) >= named:
            own = own_outlets(sentences, lexicons) if own is None else own
            if outlet_key(source.text, lexicons) not in own:
                return None if phrase_pattern(lexicons["confirmation_phrases"]).search(text) else source
    return None


def _via(register: _Register, sentence: int, attribution: Attribution, outer: int | None, index: int) -> int | None:
    """The outlet a source reached this article through, from the words themselves."""
    entry = register.entries[index]
    if entry.label == "publication":
        return None
    if (
        (attribution.role == "nested" or register.rules.relays(attribution.rule_id))
        and outer is not None
        and outer != index
    ):
        return outer  # "The Journal, citing unnamed sources, reported ..."
    recipient = attribution.recipient or _told(register.text, attribution.cue)
    if recipient is not None:  # "a person familiar with the deal told Reuters"
        found = register.outlet(sentence, recipient)
        if found is not None:
            return found
    source = attribution.source
    if source is not None:  # "Reuters' sources", "one of the publication's interlocutors", "another People source"
        for name in _outlets_named_in(source, attribution.source_head, register):
            found = register.outlet(sentence, name)
            if found is not None:
                return found
    return None


TOLD = re.compile(r"\s+((?:the\s+)?[A-Z][\w.&!'’-]*(?:\s+[A-Z][\w.&!'’-]*){0,4})")


def _told(text: str, cue: Span) -> Span | None:
    """Who was told, when the parse left it out: the capitalised name right after "told" ("a source told People.")."""
    if cue.text.lower() not in ("told", "tells", "tell", "telling"):
        return None
    found = TOLD.match(text, cue.end)
    if found is None:
        return None
    name = re.split(r"[.!?](?:\s|$)", found.group(1))[0]  # the full stop ends the sentence ("told People.")
    return Span(found.start(1), found.start(1) + len(name), name)


def _outlets_named_in(source: Span, head: HeadFacts | None, register: _Register) -> Iterator[Span]:
    """Words of a source's description that may name an outlet: a possessive, or a name before the source word."""
    text = source.text
    for mark in re.finditer(r"['’]s?(?=\s)", text):
        found = list(re.finditer(r"[\w.&!-]+", text[: mark.start()]))
        for first in range(max(0, len(found) - 5), len(found)):  # longest first: "The Wall Street Journal's"
            start = found[first].start()
            if first > 0 and text[found[first - 1].start() : found[first - 1].end()].lower() == "the":
                start = found[first - 1].start()
            yield Span(source.start + start, source.start + mark.start(), text[start : mark.start()])
    words = text.split()
    cut = next((i for i, word in enumerate(words) if word.lower() in CUT_WORDS), len(words))
    heads = (
        [i for i, word in enumerate(words[:cut]) if word.lower().strip(",") == head.word]
        if head is not None and head.lemma in register.lexicons["source_heads"] | register.heads
        else []
    )
    if heads:
        before = " ".join(words[: heads[-1]])
        outlets = _outlet_pattern(register.lexicons["outlets"], register.lexicons["outlet_aliases"])
        for match in (print_outlet(before, register.lexicons), outlets.search(before)):
            if match is not None:
                yield Span(source.start + match.start(), source.start + match.end(), match.group(0))


def _anonymous_mentions(register: _Register) -> dict[int, list[tuple[Span, int]]]:
    """Sentence -> (mention, entry) of every anonymous source mentioned in it, in text order."""
    mentions: dict[int, list[tuple[Span, int]]] = {}
    for index, entry in enumerate(register.entries):
        if entry.label != "anonymous":
            continue
        for mention in entry.mentions:
            mentions.setdefault(mention.sentence, []).append((mention.span, index))
    for found in mentions.values():
        found.sort(key=lambda pair: pair[0].start)
    return mentions


def _reasons(register: _Register, sentences: Sequence[SentenceResult]) -> dict[int, Span]:
    """The first stated reason for anonymity of each anonymous source, found anywhere in the article.

    A reason belongs to the mention in its sentence that precedes it most
    closely (or the first one when none precedes it: "Speaking on condition of
    anonymity, an official said"). With no mention in its sentence it belongs
    to the anonymous person mentioned last within REASON_REACH sentences ("The
    official spoke on condition of anonymity."), or to every one of them when
    the sentence speaks for all ("All requested anonymity because ..."). A
    sentence whose definite subject names a source by its head ("The aide
    requested anonymity") belongs to the latest such source, however far back.
    """
    mentions = _anonymous_mentions(register)
    people = {
        i
        for i, entry in enumerate(register.entries)
        if entry.label == "anonymous" and _anonymity(entry, register.lexicons, register.rules) == "person"
    }
    found: dict[int, Span] = {}
    for sentence in sentences:
        if sentence.block in FURNITURE:
            continue
        for match in phrase_pattern(register.lexicons["reason_phrases"]).finditer(sentence.span.text):
            start = sentence.span.start + match.start()
            here = mentions.get(sentence.index, [])
            phrase = _clause(sentence.span, match.start(), match.end(), here)
            owners: Sequence[int | None] = [_owner(here, start)] if here else []
            if not owners:
                window = [
                    owner
                    for s in range(sentence.index - REASON_REACH, sentence.index)
                    for _, owner in mentions.get(s, [])
                    if owner in people
                ]
                every = EVERY_SOURCE.match(sentence.span.text)
                if every and PAIR.match(every.group(0)):
                    owners = _last_pair(register, window)
                elif every:
                    owners = list(dict.fromkeys(window))
                else:
                    # a definite subject naming its source ("The people spoke ...") may reach past the window
                    earlier = [
                        owner for s in range(sentence.index) for _, owner in mentions.get(s, []) if owner in people
                    ]
                    owners = (
                        _named_by_subject(register, sentence.span.text, window)
                        or _named_by_subject(register, sentence.span.text, earlier)
                        or window[-1:]
                    )
            for owner in owners:
                if owner is not None and owner not in found:
                    found[owner] = phrase
    return found


def _last_pair(register: _Register, window: Sequence[int]) -> list[int]:
    """Who "Both" or "Neither" speaks for: the group mentioned last ("two aides"), else the last two sources."""
    latest = list(dict.fromkeys(reversed(window)))
    if latest and register.entries[latest[0]].plural:
        return latest[:1]
    return latest[:2]


def _named_by_subject(register: _Register, text: str, window: Sequence[int]) -> list[int]:
    """The source a reason sentence names as its subject ("The aide requested anonymity" -> the aide), if any.

    Only a definite description whose head matches a source in `window`
    (latest first) counts; "They", "The person" after other heads fall back
    to the person mentioned last.
    """
    subject = _definite_subject(
        register.lexicons["definite_determiners"], register.lexicons["reason_subject_verbs"]
    ).match(text)
    if subject is None:
        return []
    descriptor, _ = _descriptor(subject.group(0), register.lexicons)
    words = set(descriptor.split())
    for owner in reversed(window):
        if words & _head_words(register.entries[owner]):
            return [owner]
    return []


@lru_cache(maxsize=8)
def _definite_subject(determiners: frozenset[str], verbs: frozenset[str]) -> re.Pattern[str]:
    """The opening of a sentence that names its subject by a definite description ("The aide requested ..."):
    a definite determiner, up to four words, then a verb that ends a subject (or "who", or a comma)."""
    opener = "|".join(re.escape(word) for word in _longest_first(determiners))
    ends = "|".join(re.escape(word) for word in _longest_first(verbs))
    return re.compile(
        rf"^\W*(?:{opener})\s+(?:[\w.'’-]+\s+){{0,3}}?[\w'’-]+(?=\s+(?:{ends}|who|,))",
        re.IGNORECASE,
    )


@lru_cache(maxsize=8)
def _counted(openers: frozenset[str]) -> re.Pattern[str]:
    """A counted group's opening ("two residents", "one of the neighbours", "12 passengers")."""
    alternation = "|".join(re.escape(word) for word in _longest_first(openers))
    return re.compile(rf"^\W*(?:{alternation}|\d+)\b", re.IGNORECASE)


def _head_words(entry: _Entry) -> set[str]:
    """The entry's head as the parse read each mention: lemma and written forms ("aide", "aides")."""
    words = {entry.head} | {m.head.word for m in entry.mentions if m.head is not None and m.head.lemma == entry.head}
    return words | {"people", "person"} if entry.head in ("people", "person") else words - {""}


def _bases(register: _Register, sentences: Sequence[SentenceResult]) -> dict[int, Span]:
    """How each anonymous source knows, from its own description.

    Either a mention says it by its words ("a witness", "a neighbour", "one
    injured man"), or a basis phrase stands in the mention or right after it,
    before the attribution's cue when the cue follows ("An official who
    attended the meeting said"), within BASIS_REACH characters when the cue
    comes first ("according to two people briefed on the talks").
    """
    found: dict[int, Span] = {}
    witnesses = register.lexicons["witness_heads"]
    for index, entry in enumerate(register.entries):
        if entry.label != "anonymous":
            continue
        for mention in sorted(entry.mentions, key=lambda m: m.span.start):
            if mention.head is not None and mention.head.lemma in witnesses:
                found.setdefault(index, mention.span)
    mentions = _anonymous_mentions(register)
    for sentence in sentences:
        if sentence.block in FURNITURE:
            continue
        here = mentions.get(sentence.index, [])
        if not here:
            continue
        for match in phrase_pattern(register.lexicons["basis_phrases"]).finditer(sentence.span.text):
            start = sentence.span.start + match.start()
            before = [(span, i) for span, i in here if span.start <= start]
            if not before:
                continue
            span, owner = max(before, key=lambda pair: pair[0].start)
            if owner in found:
                continue
            cue = register.entries[owner].cues.get((span.start, span.end))
            limit = cue.start if cue is not None and cue.start >= span.end else span.end + BASIS_REACH
            if span.start < start < limit or (start == span.start and match.group(0).lower() != "close to"):
                found[owner] = _clause(sentence.span, match.start(), match.end()) if start >= span.end else span
    return found


def _clause(sentence: Span, start: int, end: int, mentions: Sequence[tuple[Span, int]] = ()) -> Span:
    """Widen a phrase to the clause holding it: from the previous comma, dash or source mention to the next mark."""
    text = sentence.text
    left = max(text.rfind(mark, 0, start) for mark in (",", "—", "–", "(", ";", "“", '"'))
    left = left + 1 if left >= 0 else 0
    for span, _ in mentions:  # "a survivor who gave only her first name": the clause starts after the survivor
        if left <= span.end - sentence.start <= start:
            left = span.end - sentence.start
    rights = [i for i in (text.find(mark, end) for mark in (",", "—", "–", ")", ";", ":", "“", '"')) if i >= 0]
    right = min(rights) if rights else len(text.rstrip(".!?\"'” \n"))
    while left < start and text[left].isspace():
        left += 1
    return Span(sentence.start + left, sentence.start + right, text[left:right])


def _owner(candidates: Sequence[tuple[Span, int]], start: int) -> int | None:
    """The entry of the mention that most closely precedes `start`, else of the first mention."""
    before = [(span, index) for span, index in candidates if span.start <= start]
    if before:
        return max(before, key=lambda pair: pair[0].start)[1]
    return candidates[0][1] if candidates else None


def _source(
    source_id: str,
    entry: _Entry,
    reason: Span | None,
    basis: Span | None,
    ids: dict[int, str],
    lexicons: Lexicons,
    rules: RuleSet,
) -> Source:
    named = [t for t in entry.texts if t.strip().lower() not in PRONOUNS] or [entry.mentions[0].span.text]
    text = named[0]
    specificity = anonymity = None
    if entry.label == "anonymous":
        anonymity = _anonymity(entry, lexicons, rules)
        specificity = "vague" if rules.vague(entry.kind) or anonymity == "collective" else "specific"
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


def _anonymity(entry: _Entry, lexicons: Lexicons, rules: RuleSet) -> str:
    """What an anonymous source leaves unnamed: a person, a collective of opinion, or a document.

    Uncounted plurals of the public ("residents say", "evacuees said") are
    collectives too: a crowd quoted for what it saw or thinks, not people
    granted anonymity; "two residents", "a neighbour" are people.
    """
    if rules.identified_document(entry.kind, identified=False):
        return "document"
    if entry.head in lexicons["opinion_heads"]:
        return "collective"
    if (
        entry.plural
        and not entry.singular_mention
        and entry.head in lexicons["witness_heads"]
        and not any(_counted(lexicons["count_openers"]).match(t) for t in entry.texts)
    ):
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
        questions.append(
            f"{outlet.text} is the only route to this source: did the newsroom confirm the report independently?"
        )
    return replace(source, questions=tuple(questions))
