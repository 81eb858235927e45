"""The HTML audit report: records -> template context -> jinja2.

The report is one self-contained HTML file: the stylesheet is inlined at
render time and nothing is fetched over the network. Article text is
untrusted, so it never reaches the template as markup: this module splits
every sentence into ``(text, classes)`` segments and the template escapes
each one (autoescape is on for ``report.html.j2``; ``|safe`` is used only for
our own stylesheet).
"""

from __future__ import annotations

import functools
import os
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from attrib.records import LABELS, ArticleAudit, Attribution, SentenceResult, Span

TEMPLATE_NAME = "report.html.j2"
CSS_NAME = "report.css"

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

# Classes a sentence segment may carry, in the order they are listed on the element.
MARK_CLASSES = ("source", "cue")

TITLE_MAX = 120

# A newline (any convention) with the blank space around it: one paragraph break.
_BREAK = re.compile(r"[^\S\r\n]*(?:\r\n?|\n)\s*")


class Segment(NamedTuple):
    """A run of sentence text that carries the same mark classes throughout."""

    text: str
    classes: tuple[str, ...]


@dataclass(frozen=True)
class EvidenceView:
    """One attribution, flattened to display strings for the why panel."""

    rule_id: str
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
class SentenceView:
    """Everything the template needs to show one sentence and its why panel."""

    index: int
    label: str
    css_class: str
    badge: str
    segments: tuple[Segment, ...]
    why: str
    line: int
    col: int
    block: str
    primary: EvidenceView | None
    others: tuple[EvidenceView, ...]


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


def _span_text(span: Span | None) -> str:
    return span.text if span is not None else ""


def _evidence(attribution: Attribution) -> EvidenceView:
    return EvidenceView(
        rule_id=attribution.rule_id,
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


def _sentence_text(audit: ArticleAudit, sentence: SentenceResult) -> str:
    # Mark offsets index audit.text, so slice the same string when the span fits.
    start, end = sentence.span.start, sentence.span.end
    if 0 <= start <= end <= len(audit.text):
        return audit.text[start:end]
    return sentence.span.text


def _sentence_view(audit: ArticleAudit, sentence: SentenceResult) -> SentenceView:
    primary = sentence.primary
    marks: list[tuple[Span | None, str]] = []
    if primary is not None:
        marks = [(primary.source, "source"), (primary.cue, "cue")]
    text = _sentence_text(audit, sentence)
    known = sentence.label in LABELS
    return SentenceView(
        index=sentence.index,
        label=sentence.label,
        css_class=sentence.label if known else "unknown",
        badge=BADGES.get(sentence.label, sentence.label.upper() or "?"),
        segments=tuple(split_segments(text, sentence.span.start, marks)),
        why=sentence.why,
        line=sentence.line,
        col=sentence.col,
        block=sentence.block,
        primary=_evidence(primary) if primary is not None else None,
        others=tuple(_evidence(a) for a in sentence.others),
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


def _title(audit: ArticleAudit) -> str:
    for sentence in audit.sentences:
        title = " ".join(sentence.span.text.split())
        if title:
            return title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1].rstrip() + "\u2026"
    return Path(audit.path).name or audit.path or "article"


def _context(audit: ArticleAudit, css: str) -> dict[str, Any]:
    views = [_sentence_view(audit, s) for s in audit.sentences]
    counts = audit.counts()
    score = audit.score
    return {
        "title": _title(audit),
        "audit": audit,
        "score_value": "n/a" if score.value is None else str(score.value),
        "score": score,
        "counts": [
            {"label": label, "badge": BADGES[label], "count": counts.get(label, 0)} for label in LABELS
        ],
        "total": len(audit.sentences),
        "paragraphs": _paragraphs(audit, views),
        "legend": [
            {"label": label, "badge": BADGES[label], "help": LABEL_HELP[label], "underline": UNDERLINES[label]}
            for label in LABELS
        ],
        # Our own stylesheet only: never article text.
        "css": Markup(css),
        "audit_dict": audit.to_dict(),
    }


def _template_dirs() -> list[Path]:
    package = Path(__file__).resolve().parent
    # Installed wheel first (force-included as attrib/templates), then the checkout.
    return [package / "templates", package.parent / "templates"]


def template_dir() -> Path:
    """Find the directory holding the report template.

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


def _read_css(directory: Path) -> str:
    css = (directory / CSS_NAME).read_text(encoding="utf-8")
    # The stylesheet goes into <style> unescaped; it must not be able to close it.
    if "</style" in css.lower():
        raise ValueError(f"{CSS_NAME} must not contain '</style'")
    return css


def render_html(audit: ArticleAudit) -> str:
    """Render the audit as one self-contained HTML page.

    Args:
        audit: the article audit to show.

    Returns:
        The HTML document, with the stylesheet and the audit JSON embedded.

    Raises:
        FileNotFoundError: when the templates cannot be found.
        jinja2.TemplateError: when the template fails to render.
    """
    directory = template_dir()
    template = _environment(str(directory)).get_template(TEMPLATE_NAME)
    return template.render(_context(audit, _read_css(directory)))


def write_html(audit: ArticleAudit, path: str | Path) -> None:
    """Render the audit and write it to ``path`` atomically.

    The page is rendered first, written to a temporary file in the target
    directory and renamed over ``path``, so a failure leaves no partial file
    and never clobbers an existing report.

    Args:
        audit: the article audit to show.
        path: where to write the report.

    Raises:
        OSError: when the file cannot be written.
        jinja2.TemplateError: when the template fails to render.
    """
    target = Path(path)
    html = render_html(audit)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    # os.open honours the umask (mkstemp would force 0600 on a shareable report).
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(html)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


__all__ = ["render_html", "write_html", "split_segments", "template_dir", "Segment", "BADGES"]
