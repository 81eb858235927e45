"""The HTML audit report: records -> template context -> jinja2.

The page reads like a reviewed draft: the verdict first (`attrib.outputs.review`:
PASS/FAIL under the policy in force, grade and score in words, what to fix
first), then the article as the body with a note in the margin beside each
flagged sentence, then the questions for the reporter, the findings, the
glossary of codes, the source register and the score's workings; tool, model
and schema sit in the footer.

Each report is one self-contained file: the stylesheet and the script
are inlined at render time and nothing is fetched over the network. Article
text is untrusted, so it never reaches a template as markup: this module
splits every sentence into ``Segment``/``FlagTag`` pieces and the template
escapes each one (autoescape is on for every template; ``Markup`` wraps only
our own stylesheet and script). For several articles, ``render_index`` writes
an overview page linking the reports, failing articles first.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from attrib.audit.checks import load_checks
from attrib.audit.verdict import FailPolicy, Verdict, verdict
from attrib.outputs import write_atomic
from attrib.outputs.review import Review, questions_text, review
from attrib.outputs.review import grade as grade_of
from attrib.records import (
    FURNITURE,
    LABELS,
    SEVERITIES,
    ArticleAudit,
    Attribution,
    Finding,
    SentenceResult,
    Source,
    Span,
)

TEMPLATE_NAME = "report.html.j2"
INDEX_TEMPLATE_NAME = "index.html.j2"
CSS_NAME = "report.css"
JS_NAME = "report.js"
INDEX_NAME = "index.html"

# Badges are text so a label never depends on colour alone.
BADGES: dict[str, str] = {
    "named": "NAMED",
    "anonymous": "ANON",
    "publication": "PUB",
    "unattributed": "UNATTR",
}

# One line per label for the legend; the full guideline is LABELS.md.
LABEL_HELP: dict[str, str] = {
    "named": "attributed to a source identified by name, or an identifiable body speaking on the record",
    "anonymous": "attributed to a source whose identity is withheld or left vague",
    "publication": "attributed to another news outlet or publication",
    "unattributed": "no source is given for the sentence's information",
}

UNDERLINES: dict[str, str] = {
    "named": "solid blue underline",
    "anonymous": "dashed orange underline",
    "publication": "dotted green underline",
    "unattributed": "no underline",
}

# Most severe first: the order findings and severity toggles are shown in.
SEVERITY_ORDER: tuple[str, ...] = tuple(reversed(SEVERITIES))

# Classes a sentence segment may carry, in the order they are listed on the element.
MARK_CLASSES = ("source", "cue", "reason", "basis", "flag", "suppressed")

# Hover text for each mark class; the legend explains the same in words.
MARK_TITLES: dict[str, str] = {
    "source": "source",
    "cue": "attribution cue",
    "reason": "reason given for anonymity",
    "basis": "how the source knows",
    "flag": "finding",
    "suppressed": "suppressed finding",
}

TITLE_MAX = 120


# A newline (any convention) with the blank space around it: one paragraph break.
_BREAK = re.compile(r"[^\S\r\n]*(?:\r\n?|\n)\s*")


class Segment(NamedTuple):
    """A run of sentence text that carries the same mark classes throughout."""

    text: str
    classes: tuple[str, ...]

    @property
    def kind(self) -> str:
        """Not a field: lets the template tell pieces apart."""
        return "text"

    @property
    def title(self) -> str:
        return ", ".join(MARK_TITLES.get(c, c) for c in self.classes)


class FlagTag(NamedTuple):
    """A finding code shown as text right after the words it points at."""

    code: str
    target: str  # id of the finding in the findings list
    severity: str
    suppressed: bool

    @property
    def kind(self) -> str:
        return "flag"


@dataclass(frozen=True)
class EvidenceView:
    """One attribution, flattened to display strings for the why panel."""

    rule_id: str
    rule_description: str
    label: str
    role: str
    source_rule: str
    cue: str
    source: str
    recipient: str
    content: str
    refers_to: int | None
    message: str


@dataclass(frozen=True)
class MentionView:
    """One mention of a source: the sentence it is in and the words used."""

    sentence: int
    text: str


@dataclass(frozen=True)
class SourceView:
    """One row of the source register."""

    id: str
    label: str
    badge: str
    text: str
    kind: str
    kind_description: str
    specificity: str
    plural: bool
    mentions: tuple[MentionView, ...]
    reason: str
    reason_sentence: int | None
    basis: str
    basis_sentence: int | None
    via: str
    via_text: str
    anonymous: bool


@dataclass(frozen=True)
class FindingView:
    """One finding, for the findings list and the why panel of its sentence."""

    ident: str
    code: str
    name: str
    severity: str
    message: str
    why: str
    sentence: int
    line: int
    col: int
    source_id: str
    suppressed: bool
    suppression_kind: str
    suppression_reason: str
    source_text: str = ""
    questions: tuple[str, ...] = ()
    description: str = ""  # what the code means, for the hover on the code


@dataclass(frozen=True)
class GlossaryEntry:
    """One finding code, explained once for the whole report."""

    code: str
    name: str
    description: str
    why: str
    link: str
    count: int  # active findings with this code


@dataclass(frozen=True)
class SentenceView:
    """Everything the template needs to show one sentence and its why panel."""

    index: int
    label: str
    label_class: str
    classes: str
    badge: str
    pieces: tuple[Segment | FlagTag, ...]
    why: str
    line: int
    col: int
    block: str
    primary: EvidenceView | None
    others: tuple[EvidenceView, ...]
    source: SourceView | None
    findings: tuple[FindingView, ...]
    flagged: bool
    credit: str
    furniture: bool = False

    @property
    def questions(self) -> tuple[str, ...]:
        """What to ask the reporter about this sentence's active findings, each question once."""
        return tuple(dict.fromkeys(q for f in self.findings if not f.suppressed for q in f.questions))

    @property
    def has_panel(self) -> bool:
        """Whether the why panel has something to say: evidence or a finding."""
        return bool(self.primary or self.others or self.findings)


@dataclass(frozen=True)
class Piece:
    """An item inside a paragraph: a sentence, or text between sentences."""

    kind: str  # "sentence" | "gap"
    text: str = ""
    sentence: SentenceView | None = None


@dataclass(frozen=True)
class Paragraph:
    """A run of pieces with no newline between them."""

    pieces: tuple[Piece, ...]

    @property
    def sentences(self) -> tuple[SentenceView, ...]:
        return tuple(p.sentence for p in self.pieces if p.sentence is not None)

    @property
    def furniture(self) -> bool:
        """Captions, credits and datelines only: nothing here is reporting."""
        return bool(self.sentences) and all(s.furniture for s in self.sentences)

    @property
    def noted(self) -> tuple[SentenceView, ...]:
        """The sentences whose notes or why panels go in the margin beside this paragraph."""
        return tuple(s for s in self.sentences if s.has_panel)


@dataclass(frozen=True)
class Group:
    """Consecutive paragraphs of one kind: the article body, or a run of furniture."""

    furniture: bool
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Toggle:
    """A filter checkbox: shows only sentences with this label or finding severity."""

    ident: str
    group: str  # "label" | "severity"
    key: str
    badge: str
    count: int  # sentences (labels) or findings (severities)
    sentences: int  # sentences the toggle shows
    title: str


@dataclass(frozen=True)
class IndexRow:
    """One article in the index page."""

    href: str
    path: str
    title: str
    score: str
    score_sort: int
    counts: dict[str, int]
    sentences: int
    severities: dict[str, int]
    suppressed: int
    sources: int
    verdict: str = "PASS"
    verdict_sort: int = 1  # failing articles sort first
    grade: str = ""


def split_segments(text: str, offset: int, marks: Iterable[tuple[Span | None, str]]) -> list[Segment]:
    """Split a sentence into segments so each mark can be wrapped on its own.

    Args:
        text: the sentence text.
        offset: the article offset of ``text[0]``; mark spans are article offsets.
        marks: ``(span, class)`` pairs; ``None`` spans are skipped, spans are
            clipped to the sentence and spans wholly outside it are ignored.

    Returns:
        Consecutive segments that together spell ``text`` exactly. Where marks
        overlap, the overlapping segment carries every class that covers it.
    """
    ranges: list[tuple[int, int, str]] = []
    for span, cls in marks:
        if span is None:
            continue
        start = max(span.start - offset, 0)
        end = min(span.end - offset, len(text))
        if start < end:
            ranges.append((start, end, cls))
    if not text:
        return []
    if not ranges:
        return [Segment(text, ())]

    # Every mark edge is a cut; each elementary piece takes the classes covering it.
    cuts = sorted({0, len(text), *(r[0] for r in ranges), *(r[1] for r in ranges)})
    order = {cls: i for i, cls in enumerate(MARK_CLASSES)}
    segments: list[Segment] = []
    for start, end in zip(cuts, cuts[1:]):
        covering = {cls for s, e, cls in ranges if s <= start and end <= e}
        classes = tuple(sorted(covering, key=lambda c: (order.get(c, len(order)), c)))
        if segments and segments[-1].classes == classes:
            segments[-1] = Segment(segments[-1].text + text[start:end], classes)
        else:
            segments.append(Segment(text[start:end], classes))
    return segments


def place_tags(segments: Sequence[Segment], tags: Iterable[tuple[int, FlagTag]]) -> list[Segment | FlagTag]:
    """Insert finding tags into a sentence's segments.

    Args:
        segments: the sentence's segments, in order.
        tags: ``(position, tag)`` pairs; ``position`` is a character offset into
            the sentence text (clipped to it). A tag goes right after the text
            before ``position``, splitting a segment when needed.

    Returns:
        The segments with the tags in place; the text is unchanged.
    """
    length = sum(len(s.text) for s in segments)
    queue = sorted(((min(max(p, 0), length), i, tag) for i, (p, tag) in enumerate(tags)), key=lambda t: t[:2])
    pieces: list[Segment | FlagTag] = []
    k = 0
    cursor = 0
    for segment in segments:
        start, end = cursor, cursor + len(segment.text)
        emitted = start
        while k < len(queue) and queue[k][0] <= end:
            position = max(queue[k][0], emitted)
            if position > emitted:
                pieces.append(Segment(segment.text[emitted - start : position - start], segment.classes))
                emitted = position
            pieces.append(queue[k][2])
            k += 1
        if emitted < end:
            pieces.append(Segment(segment.text[emitted - start :], segment.classes))
        cursor = end
    pieces.extend(tag for _, _, tag in queue[k:])
    return pieces


def _span_text(span: Span | None) -> str:
    return span.text if span is not None else ""


def _description(audit: ArticleAudit, rule_id: str) -> str:
    return str(audit.rules.get(rule_id, {}).get("description", ""))


def _evidence(audit: ArticleAudit, attribution: Attribution) -> EvidenceView:
    return EvidenceView(
        rule_id=attribution.rule_id,
        rule_description=_description(audit, attribution.rule_id),
        label=attribution.label or "unresolved",
        role=attribution.role,
        source_rule=attribution.source_rule,
        cue=_span_text(attribution.cue),
        source=_span_text(attribution.source),
        recipient=_span_text(attribution.recipient),
        content=_span_text(attribution.content),
        refers_to=attribution.refers_to,
        message=attribution.message,
    )


def _sentence_of(audit: ArticleAudit, span: Span | None) -> int | None:
    """The index of the sentence holding the start of ``span``."""
    if span is None:
        return None
    for sentence in audit.sentences:
        if sentence.span.start <= span.start < max(sentence.span.end, sentence.span.start + 1):
            return sentence.index
    return None


def _source_views(audit: ArticleAudit) -> dict[str, SourceView]:
    texts = {source.id: source.text for source in audit.sources}
    views: dict[str, SourceView] = {}
    for source in audit.sources:
        views[source.id] = SourceView(
            id=source.id,
            label=source.label,
            badge=BADGES.get(source.label, source.label.upper()),
            text=source.text,
            kind=source.kind,
            kind_description=_description(audit, source.kind),
            specificity=source.specificity or "",
            plural=source.plural,
            mentions=tuple(MentionView(m.sentence, m.span.text) for m in source.mentions),
            reason=_span_text(source.reason),
            reason_sentence=_sentence_of(audit, source.reason),
            basis=_span_text(source.basis),
            basis_sentence=_sentence_of(audit, source.basis),
            via=source.via or "",
            via_text=texts.get(source.via or "", ""),
            anonymous=source.label == "anonymous",
        )
    return views


def _finding_views(audit: ArticleAudit, result: Review) -> list[FindingView]:
    # The id follows the record order so links stay put; display order is by severity.
    checks = _checks()
    return [
        FindingView(
            ident=f"f{i + 1}",
            code=f.code,
            name=f.name,
            severity=f.severity,
            message=f.message,
            why=f.why,
            sentence=f.sentence,
            line=f.line,
            col=f.col,
            source_id=f.source_id or "",
            suppressed=f.suppression is not None,
            suppression_kind=f.suppression.kind if f.suppression else "",
            suppression_reason=f.suppression.reason if f.suppression else "",
            source_text=note.source,
            questions=note.questions,
            description=checks[f.code].description if f.code in checks else f.why,
        )
        for i, (f, note) in enumerate(zip(audit.findings, result.notes))
    ]


@functools.lru_cache(maxsize=1)
def _checks() -> dict[str, Any]:
    return load_checks()


def _glossary(findings: Sequence[FindingView]) -> list[GlossaryEntry]:
    """Each code that occurs, once, in code order."""
    checks = _checks()
    entries = []
    for code in sorted({f.code for f in findings}):
        first = next(f for f in findings if f.code == code)
        spec = checks.get(code)
        entries.append(
            GlossaryEntry(
                code=code,
                name=first.name,
                description=spec.description if spec else "",
                why=first.why,
                link=spec.link if spec else "",
                count=sum(1 for f in findings if f.code == code and not f.suppressed),
            )
        )
    return entries


def _severity_rank(severity: str) -> int:
    return SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else len(SEVERITY_ORDER)


def _finding_order(finding: FindingView) -> tuple[bool, int, int, int]:
    """Active before suppressed, most severe first, then article and record order."""
    return (finding.suppressed, _severity_rank(finding.severity), finding.sentence, int(finding.ident[1:]))


def _sentence_source(sentence: SentenceResult, sources: Sequence[Source]) -> str | None:
    """The register entry of the sentence's primary source.

    ``source_id`` is authoritative; without it, the source with a mention over
    the primary attribution's source span in this sentence.
    """
    if sentence.source_id:
        return sentence.source_id
    primary = sentence.primary
    if primary is None or primary.source is None:
        return None
    for source in sources:
        for mention in source.mentions:
            if (
                mention.sentence == sentence.index
                and mention.span.start < primary.source.end
                and primary.source.start < mention.span.end
            ):
                return source.id
    return None


def _sentence_text(audit: ArticleAudit, sentence: SentenceResult) -> str:
    # Mark offsets index audit.text, so slice the same string when the span fits.
    start, end = sentence.span.start, sentence.span.end
    if 0 <= start <= end <= len(audit.text):
        return audit.text[start:end]
    return sentence.span.text


def _credit(audit: ArticleAudit, sentence: SentenceResult) -> str:
    credits = audit.score.credits
    if sentence.index >= len(credits) or not 0 <= sentence.index:
        return ""
    credit = credits[sentence.index]
    return f"not scored ({sentence.block})" if credit is None else f"{credit:.2f}"


def _sentence_view(
    audit: ArticleAudit,
    sentence: SentenceResult,
    sources: dict[str, SourceView],
    findings: Sequence[tuple[Finding, FindingView]],
    context_marks: Sequence[tuple[Span, str]],
) -> SentenceView:
    primary = sentence.primary
    marks: list[tuple[Span | None, str]] = []
    if primary is not None:
        marks += [(primary.source, "source"), (primary.cue, "cue")]
    marks += list(context_marks)
    tags: list[tuple[int, FlagTag]] = []
    for record, view in findings:
        marks.append((record.span, "suppressed" if view.suppressed else "flag"))
        # The code goes after the flagged words; at the sentence end if they lie elsewhere.
        inside = sentence.span.start < record.span.end <= sentence.span.end
        position = record.span.end - sentence.span.start if inside else sentence.span.end - sentence.span.start
        tags.append((position, FlagTag(view.code, view.ident, view.severity, view.suppressed)))
    text = _sentence_text(audit, sentence)
    known = sentence.label in LABELS
    label_class = sentence.label if known else "unknown"
    active = sorted({v.severity for _, v in findings if not v.suppressed}, key=_severity_rank)
    furniture = sentence.block in FURNITURE
    classes = [label_class]
    if furniture:
        classes.append("furniture")
    if active:
        classes.append("flagged")
    classes += [f"has-{severity}" for severity in active]
    if any(v.suppressed for _, v in findings):
        classes.append("has-suppressed")
    source_id = _sentence_source(sentence, audit.sources)
    return SentenceView(
        index=sentence.index,
        label=sentence.label,
        label_class=label_class,
        classes=" ".join(classes),
        badge=BADGES.get(sentence.label, sentence.label.upper() or "?"),
        pieces=tuple(place_tags(split_segments(text, sentence.span.start, marks), tags)),
        why=sentence.why,
        line=sentence.line,
        col=sentence.col,
        block=sentence.block,
        primary=_evidence(audit, primary) if primary is not None else None,
        others=tuple(_evidence(audit, a) for a in sentence.others),
        source=sources.get(source_id) if source_id else None,
        findings=tuple(sorted((v for _, v in findings), key=_finding_order)),
        flagged=bool(active),
        credit=_credit(audit, sentence),
        furniture=furniture,
    )


def _paragraphs(audit: ArticleAudit, views: list[SentenceView]) -> list[Paragraph]:
    """Lay sentences and the text between them out as paragraphs.

    A newline anywhere in the text between two sentences starts a new
    paragraph; other gap text stays inline. Sentences keep their given order.
    """
    paragraphs: list[list[Piece]] = [[]]

    def add_gap(gap: str) -> None:
        parts = _BREAK.split(gap)
        for i, part in enumerate(parts):
            if i > 0:
                paragraphs.append([])
            # Leading whitespace of a paragraph carries nothing visible.
            if part and not (not paragraphs[-1] and part.isspace()):
                paragraphs[-1].append(Piece(kind="gap", text=part))

    cursor = 0
    for sentence, view in zip(audit.sentences, views):
        start, end = sentence.span.start, sentence.span.end
        if start > cursor:
            add_gap(audit.text[cursor:start])
        paragraphs[-1].append(Piece(kind="sentence", sentence=view))
        cursor = max(cursor, end)
    if cursor < len(audit.text):
        add_gap(audit.text[cursor:])
    return [Paragraph(tuple(p)) for p in paragraphs if any(not x.text.isspace() for x in p)]


def _groups(paragraphs: Sequence[Paragraph]) -> list[Group]:
    """Runs of furniture paragraphs apart from the body, in order."""
    groups: list[Group] = []
    for paragraph in paragraphs:
        if groups and groups[-1].furniture == paragraph.furniture:
            groups[-1] = Group(paragraph.furniture, groups[-1].paragraphs + (paragraph,))
        else:
            groups.append(Group(paragraph.furniture, (paragraph,)))
    return groups


def _title(audit: ArticleAudit) -> str:
    """The article's first heading; else the file name (a caption makes a poor title)."""
    for sentence in audit.sentences:
        title = " ".join(sentence.span.text.split())
        if title and sentence.block == "heading":
            return title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1].rstrip() + "\u2026"
    return Path(audit.path).name or audit.path or "article"


def _number(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _plural(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


def _toggles(views: Sequence[SentenceView], findings: Sequence[FindingView]) -> tuple[list[Toggle], list[Toggle]]:
    labels = []
    for label in LABELS:
        n = sum(1 for v in views if v.label == label)
        labels.append(
            Toggle(f"filter-{label}", "label", label, BADGES[label], n, n, f"show only {label} sentences ({n})")
        )
    severities = []
    for severity in SEVERITY_ORDER:
        active = [f for f in findings if f.severity == severity and not f.suppressed]
        shown = len({f.sentence for f in active})
        title = f"show only sentences with a finding of severity {severity} ({_plural(len(active), 'finding')} in {_plural(shown, 'sentence')})"
        severities.append(
            Toggle(f"filter-{severity}", "severity", severity, severity.upper(), len(active), shown, title)
        )
    return labels, severities


def _context(audit: ArticleAudit, policy: FailPolicy | None = None) -> dict[str, Any]:
    result = review(audit, policy)
    sources = _source_views(audit)
    finding_views = _finding_views(audit, result)
    by_sentence: dict[int, list[tuple[Finding, FindingView]]] = {}
    for record, view in zip(audit.findings, finding_views):
        by_sentence.setdefault(record.sentence, []).append((record, view))
    # Reason and basis spans are marked wherever they sit in the article.
    context_marks = [
        (span, cls)
        for source in audit.sources
        for span, cls in ((source.reason, "reason"), (source.basis, "basis"))
        if span
    ]
    views = []
    for sentence in audit.sentences:
        local = [
            (span, cls)
            for span, cls in context_marks
            if span.start < sentence.span.end and sentence.span.start < span.end
        ]
        views.append(_sentence_view(audit, sentence, sources, by_sentence.get(sentence.index, []), local))
    counts = audit.counts()
    score = audit.score
    ordered = sorted(finding_views, key=_finding_order)
    active = [f for f in ordered if not f.suppressed]
    label_toggles, severity_toggles = _toggles(views, finding_views)
    paragraphs = _paragraphs(audit, views)
    title = _title(audit)
    return {
        "title": title,
        "audit": audit,
        "review": result,
        "verdict": result.verdict,
        "grade": result.grade,
        "fixes": [(finding_views[fix.note.index], fix.also) for fix in result.fixes],
        "questions": result.questions,
        "questions_text": questions_text(audit, result, title),
        "glossary": _glossary(finding_views),
        "score": score,
        "score_value": "n/a" if score.value is None else str(score.value),
        "quality": _number(score.quality),
        "coverage": _number(score.coverage),
        "counts": counts,
        "labels": LABELS,
        "badges": BADGES,
        "total": len(audit.sentences),
        "paragraphs": paragraphs,
        "groups": _groups(paragraphs),
        "legend": [
            {"label": label, "badge": BADGES[label], "help": LABEL_HELP[label], "underline": UNDERLINES[label]}
            for label in LABELS
        ],
        "sources": list(sources.values()),
        "findings": active,
        "suppressed": [f for f in ordered if f.suppressed],
        "severity_counts": {s: sum(1 for f in active if f.severity == s) for s in SEVERITY_ORDER},
        "severities": SEVERITY_ORDER,
        "label_toggles": label_toggles,
        "severity_toggles": severity_toggles,
        "flagged": sum(1 for v in views if v.flagged),
        "first_flagged": next((v.index for v in views if v.flagged), None),
        "plural": _plural,
        "audit_dict": audit.to_dict(),
    }


def _template_dirs() -> list[Path]:
    package = Path(__file__).resolve().parent.parent
    # Installed wheel first (force-included as attrib/templates), then the checkout.
    return [package / "templates", package.parent / "templates"]


def template_dir() -> Path:
    """Find the directory holding the report templates.

    Returns:
        ``attrib/templates`` in an installed wheel, else ``<repo>/templates``.

    Raises:
        FileNotFoundError: when neither location holds ``report.html.j2``.
    """
    for candidate in _template_dirs():
        if (candidate / TEMPLATE_NAME).is_file():
            return candidate
    searched = ", ".join(str(d) for d in _template_dirs())
    raise FileNotFoundError(f"{TEMPLATE_NAME} not found (searched {searched})")


@functools.lru_cache(maxsize=4)
def _environment(directory: str) -> Environment:
    return Environment(
        loader=FileSystemLoader(directory),
        # On for .html.j2 (and anything else): article text must always be escaped.
        autoescape=select_autoescape(
            enabled_extensions=("html", "htm", "xml", "j2", "html.j2"),
            default_for_string=True,
            default=True,
        ),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _read_asset(directory: Path, name: str, closing: str) -> Markup:
    """Read our own stylesheet or script for inlining.

    It goes into the page unescaped, so it must not be able to close its
    element or open an HTML comment inside a script.
    """
    text = (directory / name).read_text(encoding="utf-8")
    for forbidden in (closing, "<!--"):
        if forbidden in text.lower():
            raise ValueError(f"{name} must not contain {forbidden!r}")
    return Markup(text)  # our own file, never article text


def _assets(directory: Path) -> dict[str, Markup]:
    return {"css": _read_asset(directory, CSS_NAME, "</style"), "js": _read_asset(directory, JS_NAME, "</script")}


def render_html(audit: ArticleAudit, policy: FailPolicy | None = None) -> str:
    """Render the audit as one self-contained HTML page.

    Args:
        audit: the article audit to show.
        policy: the policy the verdict is judged by (default: fail on an
            unsuppressed error finding, as `attrib audit` with no options).

    Returns:
        The HTML document, with the stylesheet, the script and the audit JSON embedded.

    Raises:
        FileNotFoundError: when the templates cannot be found.
        jinja2.TemplateError: when the template fails to render.
    """
    directory = template_dir()
    template = _environment(str(directory)).get_template(TEMPLATE_NAME)
    return template.render(**_context(audit, policy), **_assets(directory))


def _index_row(audit: ArticleAudit, href: str, judged: Verdict) -> IndexRow:
    active = [f for f in audit.findings if f.suppression is None]
    grade = grade_of(audit.score)
    return IndexRow(
        href=href,
        path=audit.path,
        # A title that is only the file name again says nothing.
        title="" if _title(audit) == Path(audit.path).name else _title(audit),
        score="n/a" if audit.score.value is None else str(audit.score.value),
        score_sort=-1 if audit.score.value is None else audit.score.value,
        counts=audit.counts(),
        sentences=len(audit.sentences),
        severities={s: sum(1 for f in active if f.severity == s) for s in SEVERITY_ORDER},
        suppressed=len(audit.findings) - len(active),
        sources=len(audit.sources),
        verdict=judged.word,
        verdict_sort=0 if not judged.passed else 1,
        grade=f"{grade.grade} {grade.word}" if grade.grade is not None else "n/a",
    )


def render_index(
    entries: Sequence[tuple[ArticleAudit, str]], version: str, policies: Sequence[FailPolicy | None] | None = None
) -> str:
    """Render the overview page for several reports.

    Args:
        entries: ``(audit, href)`` pairs in the order given on the command
            line; ``href`` is the report's address relative to the index.
        version: the attrib version, shown in the footer.
        policies: the policy each article is judged by, in the same order
            (default: fail on an unsuppressed error finding).

    Returns:
        The HTML document: one sortable table row per article, failing
        articles first (then lowest score), each with its verdict.
    """
    directory = template_dir()
    judged = [verdict(audit, (policies or [None] * len(entries))[i]) for i, (audit, _) in enumerate(entries)]
    rows = [_index_row(audit, href, v) for (audit, href), v in zip(entries, judged)]
    rows.sort(key=lambda r: (r.verdict_sort, r.score_sort if r.score_sort >= 0 else 101))
    scores = [r.score_sort for r in rows if r.score_sort >= 0]
    template = _environment(str(directory)).get_template(INDEX_TEMPLATE_NAME)
    return template.render(
        rows=rows,
        labels=LABELS,
        badges=BADGES,
        severities=SEVERITY_ORDER,
        mean_score="n/a" if not scores else f"{sum(scores) / len(scores):.0f}",
        failed=sum(1 for r in rows if r.verdict_sort == 0),
        version=version,
        plural=_plural,
        **_assets(directory),
    )


def write_html(audit: ArticleAudit, path: str | Path, policy: FailPolicy | None = None) -> None:
    """Render the audit and write it to ``path`` atomically.

    The page is rendered first, written to a temporary file in the target
    directory and renamed over ``path``, so a failure leaves no partial file
    and never clobbers an existing report.

    Args:
        audit: the article audit to show.
        path: where to write the report.
        policy: the policy the verdict is judged by (see `render_html`).

    Raises:
        OSError: when the file cannot be written.
        jinja2.TemplateError: when the template fails to render.
    """
    write_atomic(Path(path), render_html(audit, policy))


def write_index(
    audits: Sequence[ArticleAudit],
    reports: Sequence[str | Path],
    path: str | Path,
    policies: Sequence[FailPolicy | None] | None = None,
) -> None:
    """Write the overview page for several reports, atomically.

    Args:
        audits: the audits, in command-line order.
        reports: each audit's report file, in the same order.
        path: where to write the index; links are relative to its folder.
        policies: each audit's policy, in the same order (see `render_index`).

    Raises:
        OSError: when the file cannot be written.
    """
    from attrib import __version__

    target = Path(path)
    base = target.parent.resolve()
    entries = []
    for audit, report in zip(audits, reports):
        relative = Path(os.path.relpath(Path(report).resolve(), base)).as_posix()
        # A file name is not a URL: "#", "?" and spaces must not end or bend the link.
        entries.append((audit, quote(relative, errors="surrogateescape")))  # undecodable bytes: %FF
    write_atomic(target, render_index(entries, __version__, policies))


__all__ = [
    "render_html",
    "write_html",
    "render_index",
    "write_index",
    "split_segments",
    "place_tags",
    "template_dir",
    "Segment",
    "FlagTag",
    "BADGES",
    "INDEX_NAME",
]
