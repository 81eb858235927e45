"""Plain records that carry every result from the engine to the outputs.

Records hold character offsets, never spaCy objects: they pickle across
processes, serialise to the JSON schema unchanged, and let everything after
the parse run without spaCy. This module must not import spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

SCHEMA_VERSION = "1.0"

LABELS = ("named", "anonymous", "publication", "unattributed")
ROLES = ("main", "nested", "modifier")
BLOCKS = ("heading", "paragraph", "quote", "caption", "credit")


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
        )


@dataclass(frozen=True)
class Mention:
    """An entity mentioned in a sentence, kept so later pronouns can resolve to it."""

    span: Span
    kind: str  # person | body | outlet | anonymous
    label: str  # the label a back-reference to it would take
    plural: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"span": self.span.to_dict(), "kind": self.kind, "label": self.label, "plural": self.plural}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        return cls(Span.from_dict(data["span"]), data["kind"], data["label"], bool(data.get("plural")))  # type: ignore[arg-type]


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
        )


@dataclass(frozen=True)
class Score:
    """The sourcing-transparency score and every term that produced it."""

    value: int | None
    counts: dict[str, int]
    scored_sentences: int
    credit_total: float
    weights: dict[str, float]
    formula: str
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Score:
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})


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
            schema_version=data.get("schema_version", SCHEMA_VERSION),
        )


__all__ = [
    "LABELS",
    "ROLES",
    "BLOCKS",
    "SCHEMA_VERSION",
    "Span",
    "Attribution",
    "Mention",
    "SentenceEvidence",
    "SentenceResult",
    "Score",
    "ArticleAudit",
]
