"""Text layout that the parser cannot see: paragraph breaks, page furniture and quotations.

Pure functions over the article text (no spaCy). The pipeline turns their
output into sentence-start constraints before parsing, and the component uses
the quotation spans to tell quoted content from the reporter's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Lines that are page furniture rather than article prose. Captions and credits
# keep their label per LABELS.md but are excluded from the score.
_CAPTION_END = re.compile(r"\b(?:hide|toggle) caption\s*$", re.IGNORECASE)
_CAPTION_LINE = re.compile(r"^\s*(?:toggle caption|hide caption|caption:|photo:|image:|pictured:)", re.IGNORECASE)
_CREDIT_LINE = re.compile(
    r"(?:contributed (?:reporting|to this (?:report|story|article))|"
    r"^\s*(?:photo|photograph|image|video|graphic)s? (?:by|courtesy|credit)\b|"
    r"^\s*(?:reporting by|writing by|editing by|edited by)\s|"
    r"\b(?:getty images|via associated press|via getty|/ap|/reuters|/afp)\s*$|"
    r"^\s*(?:copyright|©|\(c\))\s)",
    re.IGNORECASE,
)
# "By Jane Doe" / "By Jane Doe and John Roe, Reuters": names only, so "By the
# fall of 2010, ..." stays prose.
_BYLINE = re.compile(r"^\s*By\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|,))*\s*$")
# Credit lines are short; a long line matching a credit form is prose.
_CREDIT_MAX = 160
_TERMINAL = ".!?\"'”’:;)…"
# A break after "hide caption" inside a line: NPR's caption widget text.
_INLINE_BREAKS = re.compile(r"\b(?:hide|toggle) caption\b", re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    """One line of the article with its block kind."""

    start: int
    end: int
    block: str  # heading | paragraph | caption | credit


def lines(text: str) -> list[Line]:
    """Split the text into non-empty lines and give each a block kind.

    The first line is a heading when it has no terminal punctuation; captions
    are lines ending in "hide caption", the "toggle caption" line and the credit
    line after it; credits match common byline and photo-credit forms.
    """
    out: list[Line] = []
    after_toggle = False
    for match in re.finditer(r"[^\r\n]+", text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        end = match.start() + len(raw.rstrip())
        if _CAPTION_LINE.match(stripped) or _CAPTION_END.search(stripped):
            block = "caption"
        elif after_toggle or len(stripped) <= _CREDIT_MAX and (_CREDIT_LINE.search(stripped) or _BYLINE.match(stripped)):
            block = "credit"
        elif not out and stripped[-1] not in _TERMINAL and len(stripped) < 200:
            block = "heading"
        else:
            block = "paragraph"
        after_toggle = stripped.lower() == "toggle caption"
        out.append(Line(start, end, block))
    return out


def hard_breaks(text: str) -> list[int]:
    """Character offsets where a sentence must start, whatever the parser thinks.

    Every line start is a break, except where a line looks soft-wrapped: a
    long previous paragraph line ends without terminal punctuation and this
    one starts in lower case. Text after "hide caption" also starts a new sentence.
    """
    breaks: list[int] = []
    previous: Line | None = None
    for line in lines(text):
        # Soft-wrapped prose has long lines that stop mid-sentence; short
        # lines and furniture always end where they end.
        wrapped = (
            previous is not None
            and previous.block == line.block == "paragraph"
            and previous.end - previous.start >= 50
            and text[previous.end - 1] not in _TERMINAL
            and text[line.start].islower()
        )
        if previous is not None and not wrapped:
            breaks.append(line.start)
        previous = line
    for match in _INLINE_BREAKS.finditer(text):
        after = match.end()
        while after < len(text) and text[after] in " \t":
            after += 1
        if after < len(text) and text[after] not in "\r\n":
            breaks.append(after)
    return sorted(set(breaks))


def block_at(line_list: list[Line], offset: int) -> str:
    """The block kind of the line containing `offset` (paragraph when between lines)."""
    for line in line_list:
        if line.start <= offset < max(line.end, line.start + 1):
            return line.block
    return "paragraph"


def line_index(line_list: list[Line], offset: int) -> int:
    """Index of the line (paragraph) containing `offset`; the previous line's index between lines."""
    found = 0
    for index, line in enumerate(line_list):
        if line.start > offset:
            break
        found = index
    return found


# Double quotation marks, including the two-apostrophe form some archives use
# ('' ... '') in place of curly quotes.
_QUOTE_MARK = re.compile(r"''|[\"“”„]")


def closing_marks(text: str) -> set[int]:
    """Offsets where a closing quotation mark starts."""
    return {end - (2 if text[end - 2:end] == "''" else 1) for _, end, _ in quotations(text) if text[end - 1:end] in "\"“”„'"}


def quotations(text: str) -> list[tuple[int, int, int]]:
    """Direct quotations as (start, end, quote_id), end exclusive, marks included.

    Straight and curly double quotes (and '' pairs) toggle within a paragraph. A quotation
    still open at the end of a paragraph closes there; when the next paragraph
    opens with a quotation mark it continues the same quotation (the news
    convention for multi-paragraph quotes), so both parts share one quote_id.
    """
    spans: list[tuple[int, int, int]] = []
    quote_id = -1
    carried = False  # the previous paragraph ended inside a quotation
    for paragraph in re.finditer(r"[^\r\n]+", text):
        open_at: int | None = None
        first_mark = True
        for match in _QUOTE_MARK.finditer(paragraph.group()):
            position = paragraph.start() + match.start()
            if open_at is None:
                leading = text[paragraph.start():position].strip() == ""
                if not (carried and first_mark and leading):
                    quote_id += 1
                open_at = position
            else:
                spans.append((open_at, position + len(match.group()), quote_id))
                open_at = None
            first_mark = False
        carried = open_at is not None
        if open_at is not None:
            spans.append((open_at, paragraph.end(), quote_id))
    return spans


def quoted_share(spans: list[tuple[int, int, int]], start: int, end: int, text: str) -> tuple[float, int | None]:
    """Share of the non-space characters in [start, end) inside quotations, and the main quote id."""
    total = sum(1 for ch in text[start:end] if not ch.isspace())
    if total == 0:
        return 0.0, None
    inside: dict[int, int] = {}
    for q_start, q_end, q_id in spans:
        lo, hi = max(start, q_start), min(end, q_end)
        if lo < hi:
            inside[q_id] = inside.get(q_id, 0) + sum(1 for ch in text[lo:hi] if not ch.isspace())
    if not inside:
        return 0.0, None
    best = min(inside, key=lambda q: (-inside[q], q))
    return round(sum(inside.values()) / total, 4), best


def in_quotation(spans: list[tuple[int, int, int]], offset: int) -> bool:
    """Whether the character at `offset` lies strictly inside a quotation."""
    return any(q_start < offset < q_end for q_start, q_end, _ in spans)
