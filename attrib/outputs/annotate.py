"""Reviewed copies of a draft: every finding written into the draft itself, in the draft's own format.

- Word (.docx): a native comment per finding, authored "attrib" and anchored
  to exactly its sentence (code, severity, message, the questions for the
  reporter), and a summary comment (verdict, grade, score) on the first
  paragraph. Runs are split where a sentence starts or ends inside one; the
  text, styles and tracked changes are not touched.
- Markdown: HTML comments (``<!-- attrib-review ... -->``) after the block
  that holds each flagged sentence, which no renderer shows.
- Plain text: ``>> attrib ...`` lines after the line that holds each flagged
  sentence.

Each writer first removes what an earlier run of attrib wrote (Word comments
by "attrib", its own comment blocks and ``>>`` lines), so a rerun on a
reviewed copy replaces its notes instead of stacking them; the draft's own
comments, including "attrib: ignore[CODE] reason: ..." suppressions, stay.
The ``strip_*`` functions give back the draft exactly as it was.
"""

from __future__ import annotations

import io
import re
import zipfile
from bisect import bisect_right
from collections.abc import Callable, Sequence
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

from lxml import etree

from attrib.inputs import Text
from attrib.inputs.plain import decode
from attrib.outputs.review import Note, Review, review, verdict_line
from attrib.records import ArticleAudit

AUTHOR = "attrib"
# Offset in the audited text -> (line, column) in the draft (`Text.offsets.locate`).
Locate = Callable[[int], tuple[int, int]]
INITIALS = "AT"

MARKDOWN_OPEN = "<!-- attrib-review "
MARKDOWN_CLOSE = " -->"
PLAIN_PREFIX = ">> attrib "

# What earlier runs wrote: the block after a paragraph ("\n\n" + comment lines) and ">>" lines.
_MARKDOWN_BLOCK = re.compile(
    r"(?:\r\n|\r|\n){2}<!-- attrib-review [^\r\n]*? -->(?:(?:\r\n|\r|\n)<!-- attrib-review [^\r\n]*? -->)*"
)
_PLAIN_LINES = re.compile(r"(?:\r\n|\r|\n)>> attrib [^\r\n]*")


@dataclass(frozen=True)
class Remark:
    """One comment to write: its text, and the stretch of the audited text it is anchored to."""

    start: int
    end: int
    text: str


def remarks(audit: ArticleAudit, result: Review) -> list[Remark]:
    """The summary remark, then one per active finding in article order, each on its sentence.

    A sentence's questions for the reporter go with its first finding on that
    source only, so several findings on one source do not repeat them.
    """
    items = [Remark(*_first_paragraph(audit), text=summary_text(result))]
    asked: set[tuple[int, str]] = set()
    for note in sorted(result.notes, key=lambda n: (n.finding.sentence, n.index)):
        if note.finding.suppression is not None:
            continue
        sentence = audit.sentences[note.finding.sentence]
        key = (sentence.index, note.finding.source_id or "")
        questions = () if key in asked else note.questions
        asked.add(key)
        items.append(Remark(sentence.span.start, sentence.span.end, finding_text(note, questions)))
    return items


def summary_text(result: Review) -> str:
    """The summary comment: verdict, grade and score, the summary line, and the policy."""
    lines = [f"Verdict: {verdict_line(result)}", result.grade.summary]
    policy = result.verdict.policy.describe()
    lines.append(f"Policy: {policy}." if result.verdict.passed else f"Policy: {policy}; this draft does not meet it.")
    return "\n".join(line for line in lines if line)


def finding_text(note: Note, questions: Sequence[str]) -> str:
    """One finding's comment: "AN101 [error] message", then "Ask the reporter: ..." lines."""
    finding = note.finding
    lines = [f"{finding.code} [{finding.severity}] {finding.message}"]
    lines += [f"Ask the reporter: {q}" for q in questions]
    return "\n".join(lines)


def _first_paragraph(audit: ArticleAudit) -> tuple[int, int]:
    """The first paragraph's stretch of text (its sentences up to the first line break)."""
    if not audit.sentences:
        return 0, 0
    first = audit.sentences[0]
    end = first.span.end
    for sentence in audit.sentences[1:]:
        if "\n" in audit.text[end : sentence.span.start]:
            break
        end = sentence.span.end
    return first.span.start, end


# Formats a reviewed copy can be written in.
FORMATS = ("docx", "md", "txt")


def clean_draft(data: bytes, fmt: str, *, path: str) -> bytes:
    """The draft's bytes without what an earlier run of attrib added (Word comments stay: the writer replaces them).

    Raises:
        InputError: undecodable or binary text.
    """
    if fmt == "docx":
        return data
    decoded = decode(data, path=path)
    stripped = strip_markdown(decoded.text) if fmt == "md" else strip_plain(decoded.text)
    return data if stripped == decoded.text else _encode(stripped, decoded.encoding)


def annotated_copy(data: bytes, text: Text, audit: ArticleAudit, result: Review | None = None) -> bytes:
    """The reviewed copy of a draft in its own format.

    Args:
        data: the clean draft (`clean_draft`), the bytes ``text`` was read from.
        text: the draft as read (its format and offsets).
        audit: the draft's audit.
        result: its review (default: under the default policy).
    """
    result = result or review(audit)
    if text.format == "docx":
        return annotate_docx(data, audit, result)
    decoded = decode(data, path=text.path)
    write = annotate_markdown if text.format == "md" else annotate_plain
    return _encode(write(decoded.text, audit, result, text.offsets.locate), decoded.encoding)


def _encode(text: str, encoding: str) -> bytes:
    """Encode as the draft was, when that codec can hold the notes; else UTF-8."""
    try:
        return text.encode(encoding)
    except (LookupError, UnicodeEncodeError):
        return text.encode("utf-8")


# --- plain text and Markdown ------------------------------------------------------------------


def strip_plain(source: str) -> str:
    """The draft without the ``>> attrib`` lines an earlier run added."""
    return _PLAIN_LINES.sub("", source)


def strip_markdown(source: str) -> str:
    """The draft without the comment blocks an earlier run added."""
    return _MARKDOWN_BLOCK.sub("", source)


def annotate_plain(source: str, audit: ArticleAudit, result: Review, locate: Locate) -> str:
    """A plain-text draft with ``>> attrib ...`` lines after each line holding a flagged sentence.

    Args:
        source: the draft as decoded (already stripped of earlier annotations).
        audit, result: its audit and review.
        locate: offset in the audited text -> (line, column) in ``source``
            (``Text.offsets.locate``).
    """
    lines: dict[int, list[str]] = {}
    for remark in remarks(audit, result):
        line = locate(max(remark.end - 1, remark.start))[0]
        lines.setdefault(line, []).extend(_one_line(part) for part in remark.text.split("\n"))
    return _insert_after_lines(source, {n: [PLAIN_PREFIX + t for t in texts] for n, texts in lines.items()}, "\n")


def annotate_markdown(source: str, audit: ArticleAudit, result: Review, locate: Locate) -> str:
    """A Markdown draft with a comment block after each block holding a flagged sentence.

    Args:
        source: the draft as decoded (already stripped of earlier annotations).
        audit, result: its audit and review.
        locate: offset in the audited text -> (line, column) in ``source``.
    """
    source_lines = _LINE.split(source)
    blocks: dict[int, list[str]] = {}
    for remark in remarks(audit, result):
        line = _block_end(source_lines, locate(max(remark.end - 1, remark.start))[0])
        text = " / ".join(_one_line(part) for part in remark.text.split("\n"))
        blocks.setdefault(line, []).append(MARKDOWN_OPEN + text.replace("--", "\u2013") + MARKDOWN_CLOSE)
    return _insert_after_lines(source, blocks, "\n\n")


_LINE = re.compile(r"\r\n|\r|\n")


def _block_end(lines: Sequence[str], line: int) -> int:
    """The last line of the Markdown block holding ``line`` (1-based): up to a blank line; a heading is one line."""
    if lines[line - 1].lstrip().startswith("#"):
        return line
    while line < len(lines) and lines[line].strip() and not lines[line].lstrip().startswith("#"):
        line += 1
    return line


def _insert_after_lines(source: str, inserts: dict[int, list[str]], lead: str) -> str:
    """Insert each list of lines after the content of its 1-based line, in the file's own line ending."""
    newline = m.group() if (m := _LINE.search(source)) else "\n"
    ends = [m.start() for m in _LINE.finditer(source)] + [len(source)]
    out, cursor = [], 0
    for line in sorted(inserts):
        at = ends[min(line, len(ends)) - 1]
        out.append(source[cursor:at])
        out.append(lead.replace("\n", newline) + newline.join(inserts[line]))
        cursor = at
    out.append(source[cursor:])
    return "".join(out)


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- Word -----------------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_RANGE_TAGS = (_w("commentRangeStart"), _w("commentRangeEnd"))
_REFERENCE = _w("commentReference")
_RUN, _RPR, _TEXT, _PARAGRAPH, _ID = _w("r"), _w("rPr"), _w("t"), _w("p"), _w("id")
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def annotate_docx(data: bytes, audit: ArticleAudit, result: Review | None = None) -> bytes:
    """A reviewed copy of a Word draft: each finding a comment on its sentence, a summary on the first paragraph.

    Args:
        data: the draft's bytes, exactly those ``audit`` was made from.
        audit: its audit.
        result: its review (default: under the default policy).

    Returns:
        The reviewed copy's bytes. attrib's comments from an earlier run are
        replaced; every other comment, the text, styles and tracked changes stay.

    Raises:
        InputError: the bytes are not a readable Word document.
    """
    from docx.text.run import Run

    from attrib.inputs.docx import read_document

    text, document, paragraphs = read_document(data, path=audit.path, max_chars=max(len(audit.text), 1))
    _remove_own_comments(document)
    items = [r for r in remarks(audit, result or review(audit)) if r.end > r.start]
    # Split runs where a comment starts or ends, the last cut first so earlier origins stay valid.
    cuts = sorted({p for r in items for p in (r.start, r.end)}, reverse=True)
    for cut in cuts:
        origin = _origin(text, paragraphs, cut)
        if origin is not None:
            _split_before(*origin)
    text, document, paragraphs = _reread(document, audit.path, len(audit.text))
    for item in items:
        first = _origin(text, paragraphs, item.start)
        last = _origin(text, paragraphs, item.end - 1)
        if first is None or last is None:
            continue
        first_run, last_run = _run_of(first[0]), _run_of(last[0])
        if first_run is None or last_run is None:
            continue
        paragraph = first_run.getparent()
        comment = document.add_comment(
            [Run(first_run, paragraph), Run(last_run, paragraph)], text=item.text, author=AUTHOR, initials=INITIALS
        )
        _settle(comment.comment_id, last_run)
        comment._comment_elm.attrib.pop(_w("date"), None)  # no clock in the output: same input, same file
    out = io.BytesIO()
    document.save(out)
    return _stable_zip(out.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """The same package with fixed member times (python-docx stamps the clock): same input, same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(member))
    return out.getvalue()


def _reread(document: Any, path: str, length: int) -> tuple[Text, Any, list[Any]]:
    from attrib.inputs.docx import read_open

    return read_open(document, path=path, max_chars=max(length, 1))


def _origin(text: Text, paragraphs: Sequence[Any], offset: int) -> tuple[etree._Element, int] | None:
    """The XML element and index of the character at ``offset`` of the audited text (None past the end)."""
    if not 0 <= offset < len(text.text):
        return None
    source = text.offsets.source_offset(offset)
    number = bisect_right(text.offsets.line_starts, source) - 1
    if not 0 <= number < len(paragraphs):
        return None
    at = source - text.offsets.line_starts[number]
    origins = paragraphs[number].origins
    return origins[at] if 0 <= at < len(origins) else None


def _run_of(element: etree._Element) -> etree._Element | None:
    node = element
    while node is not None and node.tag != _RUN:
        node = node.getparent()
    return node


def _split_before(element: etree._Element, index: int) -> None:
    """Make the character at (element, index) the first of its run, splitting the text and the run."""
    run = _run_of(element)
    if run is None:
        return
    if element.tag == _TEXT and index > 0:
        rest = etree.SubElement(run, _TEXT)  # placed right below, then moved after `element`
        rest.text = (element.text or "")[index:]
        element.text = (element.text or "")[:index]
        for piece in (rest, element):
            piece.set(_SPACE, "preserve")
        element.addnext(rest)
        element = rest
    content = [child for child in run if child.tag != _RPR]
    if not content or content[0] is element:
        return  # already the first thing in its run
    from docx.oxml.parser import OxmlElement

    right = OxmlElement("w:r", attrs=dict(run.attrib))  # python-docx's own element class, as the runs it read
    properties = run.find(_RPR)
    if properties is not None:
        right.append(deepcopy(properties))
    for child in content[content.index(element) :]:
        right.append(child)
    run.addnext(right)


def _settle(comment_id: int, last_run: etree._Element) -> None:
    """Move the comment's reference mark out of a tracked change or hyperlink, to the paragraph's level.

    python-docx puts it right after the anchored run's range end; inside a
    ``w:ins`` it would become part of the tracked insertion.
    """
    end = last_run.getnext()
    reference = end.getnext() if end is not None else None
    if reference is None or reference.find(_REFERENCE) is None or last_run.getparent().tag == _PARAGRAPH:
        return
    holder = last_run.getparent()
    while holder.getparent() is not None and holder.getparent().tag != _PARAGRAPH:
        holder = holder.getparent()
    holder.addnext(reference)


def _remove_own_comments(document: Any) -> None:
    """Delete the comments an earlier run of attrib wrote, their anchors and their threads' links to them."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    try:
        part = document.part.part_related_by(RELATIONSHIP_TYPE.COMMENTS)
    except KeyError:
        return  # no comments at all
    root = part.element
    own = [c for c in root.findall(_w("comment")) if c.get(_w("author")) == AUTHOR]
    if not own:
        return
    ids = {c.get(_ID) for c in own}
    para_ids = {p.get(f"{{{W14}}}paraId") for c in own for p in c.iter(_PARAGRAPH)} - {None}
    for comment in own:
        root.remove(comment)
    body = document.element.body
    for marker in [m for tag in _RANGE_TAGS for m in body.iter(tag) if m.get(_ID) in ids]:
        marker.getparent().remove(marker)
    for reference in [r for r in body.iter(_REFERENCE) if r.get(_ID) in ids]:
        run = reference.getparent()
        run.remove(reference)
        if run.tag == _RUN and not [c for c in run if c.tag != _RPR]:
            run.getparent().remove(run)
    if para_ids:
        _unlink_threads(document, para_ids)


def _unlink_threads(document: Any, para_ids: set[str]) -> None:
    """In Word's commentsExtended part: drop the removed comments' entries; replies to them stand alone."""
    for part in document.part.package.iter_parts():
        if not str(part.partname).endswith("/commentsExtended.xml"):
            continue
        root = etree.fromstring(part.blob)
        for entry in list(root):
            if entry.get(f"{{{W15}}}paraId") in para_ids:
                root.remove(entry)
            elif entry.get(f"{{{W15}}}paraIdParent") in para_ids:
                del entry.attrib[f"{{{W15}}}paraIdParent"]
        # A part python-docx does not model is kept as bytes; its blob has no setter.
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


__all__ = [
    "AUTHOR",
    "FORMATS",
    "Remark",
    "annotate_docx",
    "annotated_copy",
    "clean_draft",
    "annotate_markdown",
    "annotate_plain",
    "remarks",
    "strip_markdown",
    "strip_plain",
    "summary_text",
    "finding_text",
]
