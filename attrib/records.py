"""Plain records that carry every result from the engine to the outputs.

Records hold character offsets, never spaCy objects: they pickle across
processes, serialise to the JSON schema unchanged, and let everything after
the parse run without spaCy. This module must not import spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

SCHEMA_VERSION = "1.2"


class Label(StrEnum):
    """A sentence's label (docs/LABELS.md). A StrEnum: members are their strings, so JSON is unchanged."""

    NAMED = "named"
    ANONYMOUS = "anonymous"
    PUBLICATION = "publication"
    UNATTRIBUTED = "unattributed"


class Severity(StrEnum):
    """A finding's severity, in ascending order."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class BlockKind(StrEnum):
    """The kind of block a sentence sits in (attrib/engine/segment.py, or the reader's markup)."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    QUOTE = "quote"
    CAPTION = "caption"
    CREDIT = "credit"


LABELS = tuple(label.value for label in Label)
ROLES = ("main", "nested", "modifier")
SEVERITIES = tuple(severity.value for severity in Severity)  # ascending
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
# Third-person pronouns in any case, by the subject form a back-reference resolves
# ("according to him", "in her words" refer back like "he said", "she said").
PRONOUN_CASES = {
    "he": "he",
    "him": "he",
    "his": "he",
    "she": "she",
    "her": "she",
    "hers": "she",
    "they": "they",
    "them": "they",
    "their": "they",
    "it": "it",
    "its": "it",
}
BLOCKS = tuple(kind.value for kind in BlockKind)
# Blocks that are furniture, not the article's text: no source is looked for in them.
FURNITURE = (BlockKind.CAPTION.value, BlockKind.CREDIT.value)


@dataclass(frozen=True)
class Span:
    """A stretch of the article: character offsets into the audited text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Span | None:
        if data is None:
            return None
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


class Number(StrEnum):
    """A noun's grammatical number, as the parse gives it (token.morph Number, or the NNS/NNPS tags)."""

    SINGULAR = "singular"
    PLURAL = "plural"
    UNKNOWN = ""


@dataclass(frozen=True)
class HeadFacts:
    """What the parse knows about the head word of a source or mention ("officials" in "two senior officials").

    Attributes:
        lemma: the head's lower-case lemma ("official").
        number: its grammatical number; mass nouns ("staff", "news") are singular.
        determiner: the word that determines it, lower case: its `det` child ("a",
            "the", "another", "this"), else a possessive ("his", "'s") or a number
            ("two"); "" when bare ("officials say").
        word: the head as written, lower case ("officials").
    """

    lemma: str
    number: Number = Number.UNKNOWN
    determiner: str = ""
    word: str = ""

    @property
    def plural(self) -> bool:
        return self.number is Number.PLURAL

    def to_dict(self) -> dict[str, Any]:
        return {"lemma": self.lemma, "number": self.number.value, "determiner": self.determiner, "word": self.word}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> HeadFacts | None:
        if data is None:
            return None
        return cls(
            str(data["lemma"]),
            Number(data.get("number", "")),
            str(data.get("determiner", "")),
            str(data.get("word", "")),
        )


@dataclass(frozen=True)
class Attribution:
    """One piece of attribution evidence: a cue linking content to a source.

    Attributes:
        rule_id: the construction rule that found the cue (see rules/attribution.toml).
        label: the label the source gives the sentence; "" while a
            back-reference is still unresolved.
        cue: the speech verb, cue phrase or punctuation that signals attribution.
        source: who the content is attributed to (None for agentless cues).
        source_rule: the source-kind rule that classified the source.
        content: the attributed content, when it can be delimited.
        recipient: who was told ("NPR" in "an official told NPR"); never the source.
        role: where the cue sits: main clause, nested under another cue, or a modifier.
        refers_to: for back-references and quote continuations, the index of the
            sentence holding the earlier mention this evidence was resolved to.
        message: one line explaining this piece of evidence.
        antecedent: for back-references, the earlier mention itself ("Obama" for "he").
        source_head: the parse's facts about the source's head word (lemma, number, determiner).
        antecedent_head: the same facts about the antecedent's head word.
    """

    rule_id: str
    label: str
    cue: Span
    source: Span | None
    source_rule: str
    role: str
    content: Span | None = None
    recipient: Span | None = None
    refers_to: int | None = None
    message: str = ""
    antecedent: Span | None = None
    source_head: HeadFacts | None = None
    antecedent_head: HeadFacts | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "label": self.label,
            "cue": self.cue.to_dict(),
            "source": self.source.to_dict() if self.source else None,
            "source_rule": self.source_rule,
            "role": self.role,
            "content": self.content.to_dict() if self.content else None,
            "recipient": self.recipient.to_dict() if self.recipient else None,
            "refers_to": self.refers_to,
            "message": self.message,
            "antecedent": self.antecedent.to_dict() if self.antecedent else None,
            "source_head": self.source_head.to_dict() if self.source_head else None,
            "antecedent_head": self.antecedent_head.to_dict() if self.antecedent_head else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attribution:
        return cls(
            rule_id=data["rule_id"],
            label=data["label"],
            cue=Span.from_dict(data["cue"]),  # type: ignore[arg-type]
            source=Span.from_dict(data.get("source")),
            source_rule=data["source_rule"],
            role=data["role"],
            content=Span.from_dict(data.get("content")),
            recipient=Span.from_dict(data.get("recipient")),
            refers_to=data.get("refers_to"),
            message=data.get("message", ""),
            antecedent=Span.from_dict(data.get("antecedent")),
            source_head=HeadFacts.from_dict(data.get("source_head")),
            antecedent_head=HeadFacts.from_dict(data.get("antecedent_head")),
        )


@dataclass(frozen=True)
class Mention:
    """An entity mentioned in a sentence, kept so later pronouns can resolve to it."""

    span: Span
    kind: str  # person | body | place | outlet | anonymous
    label: str  # the label a back-reference to it would take
    head: HeadFacts | None = None  # the parse's facts about its head word

    def to_dict(self) -> dict[str, Any]:
        return {
            "span": self.span.to_dict(),
            "kind": self.kind,
            "label": self.label,
            "head": self.head.to_dict() if self.head else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        return cls(
            Span.from_dict(data["span"]),  # type: ignore[arg-type]
            data["kind"],
            data["label"],
            HeadFacts.from_dict(data.get("head")),
        )


@dataclass(frozen=True)
class SentenceEvidence:
    """What the spaCy component found in one sentence, before article-level resolution."""

    span: Span
    block: str
    attributions: tuple[Attribution, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quoted: float = 0.0  # share of the sentence's characters inside quotation marks
    quote_id: int | None = None  # the quotation this sentence sits in, if mostly quoted
    opens_quote: bool = False  # the sentence ends by introducing a quote ("X said:")
    follows_quote: bool = False  # the sentence starts right where a quotation ends ('"...?" Graham asked.')
    paragraph: int = 0  # index of the line/paragraph the sentence starts in

    def to_dict(self) -> dict[str, Any]:
        return {
            "span": self.span.to_dict(),
            "block": self.block,
            "attributions": [a.to_dict() for a in self.attributions],
            "mentions": [m.to_dict() for m in self.mentions],
            "quoted": self.quoted,
            "quote_id": self.quote_id,
            "opens_quote": self.opens_quote,
            "follows_quote": self.follows_quote,
            "paragraph": self.paragraph,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SentenceEvidence:
        return cls(
            span=Span.from_dict(data["span"]),  # type: ignore[arg-type]
            block=data["block"],
            attributions=tuple(Attribution.from_dict(a) for a in data["attributions"]),
            mentions=tuple(Mention.from_dict(m) for m in data["mentions"]),
            quoted=float(data["quoted"]),
            quote_id=data.get("quote_id"),
            opens_quote=bool(data.get("opens_quote")),
            follows_quote=bool(data.get("follows_quote")),
            paragraph=int(data.get("paragraph", 0)),
        )


@dataclass(frozen=True)
class SentenceResult:
    """The verdict for one sentence: its label, the evidence that won, and why."""

    index: int
    span: Span
    block: str
    label: str
    line: int
    col: int
    primary: Attribution | None
    others: tuple[Attribution, ...]
    why: str
    source_id: str | None = None  # the register entry of the primary attribution's source

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "start": self.span.start,
            "end": self.span.end,
            "text": self.span.text,
            "block": self.block,
            "label": self.label,
            "line": self.line,
            "col": self.col,
            "primary": self.primary.to_dict() if self.primary else None,
            "others": [a.to_dict() for a in self.others],
            "why": self.why,
            "source_id": self.source_id,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SentenceResult:
        return cls(
            index=data["index"],
            span=Span(data["start"], data["end"], data["text"]),
            block=data["block"],
            label=data["label"],
            line=data["line"],
            col=data["col"],
            primary=Attribution.from_dict(data["primary"]) if data.get("primary") else None,
            others=tuple(Attribution.from_dict(a) for a in data.get("others", [])),
            why=data["why"],
            source_id=data.get("source_id"),
        )


@dataclass(frozen=True)
class SourceMention:
    """One place an article mentions a source: the sentence and the words used."""

    sentence: int
    span: Span
    head: HeadFacts | None = None  # the parse's facts about the mention's head word

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence,
            "span": self.span.to_dict(),
            "head": self.head.to_dict() if self.head else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SourceMention:
        return cls(
            int(data["sentence"]),
            Span.from_dict(data["span"]),  # type: ignore[arg-type]
            HeadFacts.from_dict(data.get("head")),
        )


@dataclass(frozen=True)
class Source:
    """One distinct source in an article, with every mention merged in.

    Attributes:
        id: "S1", "S2", ... in order of first mention.
        label: the label the source gives a sentence (named, anonymous, publication).
        text: the fullest descriptor used ("a senior State Department official").
        kind: the source-kind rule that classified it (rules/attribution.toml [[source]]).
        mentions: every mention, back-references included, in text order.
        reason: the stated reason for anonymity, wherever in the article it appears.
        basis: how the source knows ("familiar with the talks").
        via: id of the outlet source it reached this article through, if any.
        specificity: "specific" or "vague" for anonymous sources, None otherwise.
        plural: the descriptor is plural ("officials").
        anonymity: for anonymous sources, what is unnamed: "person" (someone whose
            identity is withheld: an official, a source, a neighbour), "collective"
            (a vague collective of opinion: critics, campaigners, experts) or
            "document" (an unidentified document or study); None otherwise.
        questions: what an editor would ask the reporter about this source
            ("Why was anonymity granted?"), in a fixed order; empty when none.
    """

    id: str
    label: str
    text: str
    kind: str
    mentions: tuple[SourceMention, ...]
    reason: Span | None = None
    basis: Span | None = None
    via: str | None = None
    specificity: str | None = None
    plural: bool = False
    anonymity: str | None = None
    questions: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "text": self.text,
            "kind": self.kind,
            "mentions": [m.to_dict() for m in self.mentions],
            "reason": self.reason.to_dict() if self.reason else None,
            "basis": self.basis.to_dict() if self.basis else None,
            "via": self.via,
            "specificity": self.specificity,
            "plural": self.plural,
            "anonymity": self.anonymity,
            "questions": list(self.questions),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        return cls(
            id=data["id"],
            label=data["label"],
            text=data["text"],
            kind=data["kind"],
            mentions=tuple(SourceMention.from_dict(m) for m in data["mentions"]),
            reason=Span.from_dict(data.get("reason")),
            basis=Span.from_dict(data.get("basis")),
            via=data.get("via"),
            specificity=data.get("specificity"),
            plural=bool(data.get("plural")),
            anonymity=data.get("anonymity"),
            questions=tuple(data.get("questions", ())),
        )


@dataclass(frozen=True)
class Suppression:
    """Why a finding is not counted: an inline marker, a per-file ignore or a baseline entry."""

    kind: str  # inline | per-file | baseline
    reason: str
    line: int | None = None  # where the marker sits, for inline suppressions

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "reason": self.reason, "line": self.line}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Suppression | None:
        if data is None:
            return None
        return cls(data["kind"], data["reason"], data.get("line"))


@dataclass(frozen=True)
class Finding:
    """One sourcing problem: what it is (code), where it is, and the standard behind it.

    Attributes:
        code: stable finding code (rules/checks.toml), e.g. "AN101".
        name: the code's short name, e.g. "anonymous-no-reason".
        severity: info, warning or error (after configuration).
        message: what is wrong in this instance.
        why: the newsroom standard behind the check.
        span: the words the finding points at.
        sentence: index of the sentence holding `span`.
        source_id: the register entry concerned, if any.
        line, col, end_line, end_col: 1-based position of `span` in the original file.
        fingerprint: hash of code + normalised sentence text; survives moved lines.
        suppression: set when the finding is suppressed (it is then not counted).
    """

    code: str
    name: str
    severity: str
    message: str
    why: str
    span: Span
    sentence: int
    line: int
    col: int
    end_line: int
    end_col: int
    fingerprint: str
    source_id: str | None = None
    suppression: Suppression | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "why": self.why,
            "span": self.span.to_dict(),
            "sentence": self.sentence,
            "line": self.line,
            "col": self.col,
            "end_line": self.end_line,
            "end_col": self.end_col,
            "fingerprint": self.fingerprint,
            "source_id": self.source_id,
            "suppression": self.suppression.to_dict() if self.suppression else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        return cls(
            code=data["code"],
            name=data["name"],
            severity=data["severity"],
            message=data["message"],
            why=data["why"],
            span=Span.from_dict(data["span"]),  # type: ignore[arg-type]
            sentence=int(data["sentence"]),
            line=int(data["line"]),
            col=int(data["col"]),
            end_line=int(data["end_line"]),
            end_col=int(data["end_col"]),
            fingerprint=data["fingerprint"],
            source_id=data.get("source_id"),
            suppression=Suppression.from_dict(data.get("suppression")),
        )


@dataclass(frozen=True)
class ScoreTerm:
    """One row of the score breakdown: sentences earning the same credit."""

    name: str  # e.g. "anonymous + reason", "unattributed claim"
    sentences: int
    weight: float  # summed claim weight of those sentences
    credit: float  # credit each earns
    total: float  # weight * credit

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ScoreTerm:
        return cls(**{f.name: data[f.name] for f in fields(cls)})


@dataclass(frozen=True)
class Score:
    """The sourcing-transparency score and every term that produced it.

    `value` is 0-100; `grade` the 1-5 grade of the editors' rubric and
    `grade_word` its word (exemplary, good, adequate, weak, poor); `summary`
    says in an editor's words what earned it ("12 of 15 claims that need a
    source have one; ..."), and `formula` shows the arithmetic after it.
    See attrib/audit/score.py.
    """

    value: int | None
    quality: float | None
    coverage: float | None
    counts: dict[str, int]  # labels of the scored sentences
    scored_sentences: int
    terms: tuple[ScoreTerm, ...]
    credits: tuple[float | None, ...]  # per sentence; None when not scored (furniture)
    weights: dict[str, float]
    formula: str
    note: str = ""
    grade: int | None = None  # 1-5, None when nothing is scored
    grade_word: str | None = None  # exemplary, good, adequate, weak, poor
    summary: str = ""  # one line in plain words, shown before the formula
    needs: tuple[float | None, ...] = ()  # per sentence: how much it needs a source; None when not scored

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "grade": self.grade,
            "grade_word": self.grade_word,
            "summary": self.summary,
            "quality": self.quality,
            "coverage": self.coverage,
            "counts": dict(self.counts),
            "scored_sentences": self.scored_sentences,
            "terms": [t.to_dict() for t in self.terms],
            "credits": list(self.credits),
            "needs": list(self.needs),
            "weights": dict(self.weights),
            "formula": self.formula,
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Score:
        return cls(
            value=data["value"],
            quality=data.get("quality"),
            coverage=data.get("coverage"),
            counts=dict(data["counts"]),
            scored_sentences=int(data["scored_sentences"]),
            terms=tuple(ScoreTerm.from_dict(t) for t in data.get("terms", ())),
            credits=tuple(data.get("credits", ())),
            weights=dict(data.get("weights", {})),
            formula=data["formula"],
            note=data.get("note", ""),
            grade=data.get("grade"),
            grade_word=data.get("grade_word"),
            summary=data.get("summary", ""),
            needs=tuple(data.get("needs", ())),
        )


@dataclass(frozen=True)
class ArticleAudit:
    """Everything `attrib` knows about one article."""

    path: str
    text: str
    sentences: tuple[SentenceResult, ...]
    score: Score
    model: str
    attrib_version: str
    rules: dict[str, dict[str, str]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    format: str = "txt"
    sources: tuple[Source, ...] = ()
    findings: tuple[Finding, ...] = ()
    schema_version: str = SCHEMA_VERSION

    def counts(self) -> dict[str, int]:
        counts = {label: 0 for label in LABELS}
        for sentence in self.sentences:
            counts[sentence.label] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "attrib_version": self.attrib_version,
            "model": self.model,
            "path": self.path,
            "format": self.format,
            "counts": self.counts(),
            "score": self.score.to_dict(),
            "notes": list(self.notes),
            "sentences": [s.to_dict() for s in self.sentences],
            "sources": [s.to_dict() for s in self.sources],
            "findings": [f.to_dict() for f in self.findings],
            "rules": {key: dict(value) for key, value in sorted(self.rules.items())},
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleAudit:
        return cls(
            path=data["path"],
            text=data["text"],
            sentences=tuple(SentenceResult.from_dict(s) for s in data["sentences"]),
            score=Score.from_dict(data["score"]),
            model=data["model"],
            attrib_version=data["attrib_version"],
            rules=data.get("rules", {}),
            notes=tuple(data.get("notes", ())),
            format=data.get("format", "txt"),
            sources=tuple(Source.from_dict(s) for s in data.get("sources", ())),
            findings=tuple(Finding.from_dict(f) for f in data.get("findings", ())),
            schema_version=data.get("schema_version", SCHEMA_VERSION),
        )


__all__ = [
    "LABELS",
    "ROLES",
    "SEVERITIES",
    "BLOCKS",
    "SCHEMA_VERSION",
    "Span",
    "Attribution",
    "Mention",
    "SentenceEvidence",
    "SentenceResult",
    "SourceMention",
    "Source",
    "Suppression",
    "Finding",
    "ScoreTerm",
    "Score",
    "ArticleAudit",
]
