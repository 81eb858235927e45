"""Audit checks: sentences + source register -> findings.

Each finding code is one small function registered with `@check(CODE)`; its
name, severity, message, why and examples live in rules/checks.toml, and a
meta-test keeps the registry and the file identical. Pure functions over
records; no spaCy.
"""

from __future__ import annotations

import hashlib
import re
import string
import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from attrib.audit.register import FURNITURE, bare_descriptor, inflections, relay_source
from attrib.engine.rules import RuleError, RuleSet, load_rules
from attrib.records import PRONOUN_CASES, SEVERITIES, Finding, HeadFacts, Number, SentenceResult, Source, Span

CHECK_KEYS = {"code", "name", "severity", "message", "why", "link", "description", "flag", "pass"}
MESSAGE_FIELDS = {"source", "cue", "outlet", "count", "total", "phrase", "mentions"}
CODE = re.compile(r"^[A-Z]{2}[0-9]{3}$")
PRONOUNS = frozenset(PRONOUN_CASES)


@dataclass(frozen=True)
class CheckSpec:
    """A finding code's text from checks.toml."""

    code: str
    name: str
    severity: str
    message: str
    why: str
    link: str
    description: str
    flag: tuple[str, ...]
    passes: tuple[str, ...]


@dataclass(frozen=True)
class Article:
    """What a check sees: the labelled sentences, the source register, the loaded word lists
    and the rules' declared properties (a house vocabulary extends word lists only)."""

    text: str
    sentences: tuple[SentenceResult, ...]
    sources: tuple[Source, ...]
    lexicons: Mapping[str, frozenset[str]]
    rules: RuleSet = field(default_factory=load_rules)

    def source(self, source_id: str | None) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)


@dataclass(frozen=True)
class Hit:
    """One place a check fires, before it becomes a Finding."""

    span: Span
    sentence: int
    fields: dict[str, object]
    source_id: str | None = None


CheckFunction = Callable[[Article], Iterator[Hit]]
REGISTRY: dict[str, CheckFunction] = {}
# Codes in checks.toml raised by attrib.audit.policy about suppressions, not by an article check.
SUPPRESSION_CODES: tuple[str, ...] = ("SP901", "SP902")


def check(code: str) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check function under its finding code."""

    def register(function: CheckFunction) -> CheckFunction:
        if code in REGISTRY:
            raise RuleError(f"checks.py: {code} registered twice")
        REGISTRY[code] = function
        return function

    return register


@lru_cache(maxsize=1)
def load_checks() -> dict[str, CheckSpec]:
    """Read and validate rules/checks.toml: code -> CheckSpec, in file order.

    Raises:
        RuleError: unknown keys, a bad code or severity, or a message placeholder
            that no check fills; the message names the file and the code.
    """
    path = resources.files("attrib") / "rules" / "checks.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise RuleError(f"checks.toml: {error}") from None
    specs: dict[str, CheckSpec] = {}
    for raw in data.get("check", []):
        where = f"checks.toml [[check]] {raw.get('code', '?')}"
        unknown = set(raw) - CHECK_KEYS
        missing = CHECK_KEYS - set(raw) - {"flag", "pass"}
        if unknown or missing:
            raise RuleError(
                f"{where}: unknown keys {sorted(unknown)}" if unknown else f"{where}: missing {sorted(missing)}"
            )
        if not CODE.match(raw["code"]) or raw["code"] in specs:
            raise RuleError(f"{where}: code must be two capitals and three digits, and unique")
        if raw["severity"] not in SEVERITIES:
            raise RuleError(f"{where}: severity must be one of {', '.join(SEVERITIES)}")
        placeholders = {name for _, name, _, _ in string.Formatter().parse(raw["message"]) if name}
        if placeholders - MESSAGE_FIELDS:
            raise RuleError(f"{where}: unknown message placeholders {sorted(placeholders - MESSAGE_FIELDS)}")
        specs[raw["code"]] = CheckSpec(
            code=raw["code"],
            name=raw["name"],
            severity=raw["severity"],
            message=raw["message"],
            why=raw["why"],
            link=raw["link"],
            description=raw["description"],
            flag=tuple(raw.get("flag", ())),
            passes=tuple(raw.get("pass", ())),
        )
    return specs


def run_checks(
    sentences: Sequence[SentenceResult],
    sources: Sequence[Source],
    text: str,
    locate: Callable[[int], tuple[int, int]],
    lexicons: Mapping[str, frozenset[str]],
) -> tuple[Finding, ...]:
    """Every finding of every registered check, in text order.

    Args:
        sentences: classified sentences with `source_id` filled in.
        sources: the source register.
        text: the audited text.
        locate: character offset -> (line, column) in the original file.
        lexicons: the loaded rule set's word lists (`RuleSet.lexicons`, house vocabulary included).
    """
    specs = load_checks()
    article = Article(text, tuple(sentences), tuple(sources), lexicons)
    findings: list[Finding] = []
    for code, spec in specs.items():
        function = REGISTRY.get(code)
        if function is None:  # codes registered elsewhere (suppressions) are not article checks
            continue
        for hit in function(article):
            line, col = locate(hit.span.start)
            end_line, end_col = locate(hit.span.end)
            sentence_text = sentences[hit.sentence].span.text
            findings.append(
                Finding(
                    code=code,
                    name=spec.name,
                    severity=spec.severity,
                    message=spec.message.format(**{key: hit.fields.get(key, "") for key in MESSAGE_FIELDS}),
                    why=spec.why,
                    span=hit.span,
                    sentence=hit.sentence,
                    line=line,
                    col=col,
                    end_line=end_line,
                    end_col=end_col,
                    fingerprint=fingerprint(code, sentence_text, hit.span.text),
                    source_id=hit.source_id,
                )
            )
    return tuple(sorted(findings, key=lambda f: (f.span.start, f.span.end, f.code)))


def fingerprint(code: str, sentence: str, span: str) -> str:
    """A key for a finding that survives moved lines: the code and its normalised words."""

    def normal(text: str) -> str:
        return " ".join(text.lower().split())

    return hashlib.sha256(f"{code}\x00{normal(sentence)}\x00{normal(span)}".encode()).hexdigest()[:16]


def _first(source: Source) -> tuple[Span, int]:
    return source.mentions[0].span, source.mentions[0].sentence


def _anonymous(article: Article) -> Iterator[Source]:
    return (s for s in article.sources if s.label == "anonymous")


def _anonymous_where(article: Article, lacks: Callable[[Source], bool]) -> Iterator[Hit]:
    """One hit, at the first mention, per anonymous source for which `lacks` holds."""
    for source in _anonymous(article):
        if lacks(source):
            span, sentence = _first(source)
            n = len(source.mentions)
            mentions = f"{n} mention" if n == 1 else f"{n} mentions"
            yield Hit(span, sentence, {"source": source.text, "mentions": mentions}, source.id)


# AN101/AN102 ask about people whose identity is withheld; collectives of opinion and documents are
# vague (AN103) or unidentified (AN106), nobody was granted anonymity (LABELS.md, "Anonymity").
@check("AN101")
def anonymous_no_reason(article: Article) -> Iterator[Hit]:
    return _anonymous_where(article, lambda source: source.anonymity == "person" and source.reason is None)


@check("AN102")
def anonymous_no_basis(article: Article) -> Iterator[Hit]:
    return _anonymous_where(article, lambda source: source.anonymity == "person" and source.basis is None)


@check("AN103")
def vague_descriptor(article: Article) -> Iterator[Hit]:
    return _anonymous_where(article, lambda source: source.specificity == "vague" and source.anonymity != "document")


@check("AN106")
def unidentified_document(article: Article) -> Iterator[Hit]:
    # the document must be what a sentence rests on, not a word inside another source's claim
    primary = {s.source_id for s in article.sentences if s.source_id}
    return _anonymous_where(article, lambda source: source.anonymity == "document" and source.id in primary)


@check("AN107")
def undescribed_source(article: Article) -> Iterator[Hit]:
    return _anonymous_where(
        article,
        lambda source: (
            source.anonymity == "person"
            and source.reason is None
            and source.basis is None
            and _undescribed(source, article.lexicons)
        ),
    )


def _undescribed(source: Source, lexicons: Mapping[str, frozenset[str]]) -> bool:
    """Called nothing but a source ("a source", "palace sources", "the insider"), or a bare "officials"."""
    named = [m for m in source.mentions if m.span.text.strip().lower() not in PRONOUNS]
    for mention in named or source.mentions[:1]:
        head = mention.head.lemma if mention.head is not None else ""
        bare = (
            len(bare_descriptor(mention.span.text, lexicons).split()) == 1
            and head in lexicons["vague_heads"] & lexicons["anonymous_heads"]
        )
        if not (bare or head in lexicons["source_heads"]):
            return False
    return True


# An article leans on unexplained anonymity when at least this share of its attributed
# sentences (and RESTS_MINIMUM of them, so a wire story with "officials said" and one witness
# does not qualify) come from anonymous people given no reason.
RESTS_SHARE = 0.5
RESTS_MINIMUM = 4


@check("AN108")
def rests_on_unexplained_anonymity(article: Article) -> Iterator[Hit]:
    attributed = [s for s in article.sentences if s.block not in FURNITURE + ("heading",) and s.label != "unattributed"]
    unexplained = [
        s
        for s in attributed
        if (source := article.source(s.source_id)) is not None
        and source.anonymity == "person"
        and source.reason is None
    ]
    if len(unexplained) >= RESTS_MINIMUM and len(unexplained) >= RESTS_SHARE * len(attributed):
        first = unexplained[0]
        source = article.source(first.source_id)
        assert source is not None
        span = next((m.span for m in source.mentions if m.sentence == first.index), first.span)
        yield Hit(
            span, first.index, {"source": source.text, "count": len(unexplained), "total": len(attributed)}, source.id
        )


@check("AN104")
def plural_for_one(article: Article) -> Iterator[Hit]:
    for source in _anonymous(article):
        singular = [m for m in source.mentions[1:] if _describes_one(m.head)]
        if source.plural and singular:
            yield Hit(singular[0].span, singular[0].sentence, {"source": source.text}, source.id)


def _describes_one(head: HeadFacts | None) -> bool:
    """ "He", "she", or a definite singular ("the official", "this source"), as the parse reads the mention."""
    return head is not None and (
        head.lemma in ("he", "she") or (head.determiner in ("the", "this", "that") and head.number is Number.SINGULAR)
    )


@lru_cache(maxsize=8)
def _attack_forms(lemmas: frozenset[str]) -> frozenset[str]:
    """Inflected forms of the attack-verb lemmas ("slam" -> slams, slammed, slamming)."""
    return inflections(lemmas)


CALLED_NAMES = re.compile(r"^call(?:ed|s|ing)?\s+(?:him|her|them|it|\w+)\s+(?:a|an)\s", re.IGNORECASE)


@check("AN105")
def anonymous_attack(article: Article) -> Iterator[Hit]:
    for sentence in article.sentences:
        primary = sentence.primary
        if sentence.label != "anonymous" or primary is None or article.rules.continues_quote(primary.rule_id):
            continue
        cue = primary.cue.text.lower().split()
        after = article.text[primary.cue.start : sentence.span.end]
        if (cue and cue[0] in _attack_forms(article.lexicons["attack_verbs"])) or CALLED_NAMES.match(after):
            source = article.source(sentence.source_id)
            yield Hit(
                primary.cue,
                sentence.index,
                {
                    "source": source.text if source else primary.source.text if primary.source else "",
                    "cue": primary.cue.text,
                },
                sentence.source_id,
            )


@check("SC201")
def secondhand_chain(article: Article) -> Iterator[Hit]:
    for source in article.sources:
        outlet = article.source(source.via)
        if outlet is not None:
            span, sentence = _first(source)
            yield Hit(span, sentence, {"source": source.text, "outlet": outlet.text}, source.id)


@check("SC202")
def relay_article(article: Article) -> Iterator[Hit]:
    relay = relay_source(article.sources, article.sentences, article.text, article.lexicons)
    if relay is not None:
        attributed = [s for s in article.sentences if s.block not in FURNITURE and s.label != "unattributed"]
        count = sum(1 for s in attributed if s.source_id == relay.id)
        span, sentence = _first(relay)
        yield Hit(span, sentence, {"outlet": relay.text, "count": count, "total": len(attributed)}, relay.id)


def _rule_hits(article: Article, code: str, unsourced_only: bool = False) -> Iterator[Hit]:
    """The cues of the rules that name this finding code (`check = "WE301"` in attribution.toml)."""
    for sentence in article.sentences:
        if sentence.block in FURNITURE:
            continue
        if unsourced_only and sentence.label != "unattributed":
            continue
        evidence = ([sentence.primary] if sentence.primary else []) + list(sentence.others)
        for attribution in evidence:
            if article.rules.check(attribution.rule_id) == code:
                yield Hit(attribution.cue, sentence.index, {"cue": attribution.cue.text})


@check("WE301")
def agentless_attribution(article: Article) -> Iterator[Hit]:
    return _rule_hits(article, "WE301")


@check("WE302")
def presupposed_knowledge(article: Article) -> Iterator[Hit]:
    return _rule_hits(article, "WE302")


@check("WE303")
def hedge_adverb(article: Article) -> Iterator[Hit]:
    return _rule_hits(article, "WE303", unsourced_only=True)
