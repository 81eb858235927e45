"""Word drafts (.docx): body paragraphs and tables in document order, tracked changes accepted.

python-docx opens the package; the paragraphs' XML is walked here because
``Paragraph.text`` silently drops runs inside tracked insertions. The audit
reads the *accepted* view: inserted and moved-in text (``w:ins``,
``w:moveTo``) is kept, deleted and moved-out text (``w:del``,
``w:moveFrom``) is dropped, and a paragraph whose mark was deleted runs on
into the next one; a note says so. Paragraphs styled Title or Heading N are
headings and Caption paragraphs are captions. Word comments are kept as
`Directive` records, anchored to the text they cover.

Positions are paragraph numbers and characters: line N is the Nth paragraph
(body and table paragraphs, in document order, counting empty ones), and
column C the Cth character of that paragraph's accepted text.
"""

from __future__ import annotations

import io
import zipfile
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

import docx
from docx.oxml.ns import qn
from lxml import etree

from attrib.errors import first_line
from attrib.inputs import DEFAULT_MAX_CHARS, Directive, InputError, Text, limits
from attrib.inputs.layout import Layout, TextLimit
from attrib.inputs.offsets import OffsetMap

# Uncompressed size of the whole package (photos included) above which it is
# refused before parsing: python-docx holds every part in memory. The XML
# parts have their own, tighter bound (`limits.DOCX_MAX_XML_BYTES`).
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024

_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (
    qn("w:p"),
    qn("w:tbl"),
    qn("w:tr"),
    qn("w:tc"),
    qn("w:sdt"),
    qn("w:sdtContent"),
)
_R, _T, _TAB, _BR, _CR, _NB_HYPHEN = qn("w:r"), qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:noBreakHyphen")
_INS, _DEL, _MOVE_TO, _MOVE_FROM = qn("w:ins"), qn("w:del"), qn("w:moveTo"), qn("w:moveFrom")
_PPR, _RPR, _PSTYLE, _VAL = qn("w:pPr"), qn("w:rPr"), qn("w:pStyle"), qn("w:val")
_COMMENT_START, _COMMENT_END, _COMMENT_REF, _ID = (
    qn("w:commentRangeStart"),
    qn("w:commentRangeEnd"),
    qn("w:commentReference"),
    qn("w:id"),
)
# Run content that is never visible text: field codes, drawings, text boxes,
# footnote marks. (Text boxes hold their own paragraphs; they are not read.)
_NOT_TEXT = frozenset(
    qn(tag)
    for tag in (
        "w:rPr",
        "w:pPr",
        "w:instrText",
        "w:delInstrText",
        "w:drawing",
        "w:pict",
        "w:object",
        "w:footnoteReference",
        "w:endnoteReference",
        "w:fldChar",
        "w:delText",
        "w:txbxContent",
    )
)
# Run content that stands for one character of text.
_SINGLE = {_TAB: "\t", _BR: "\n", _CR: "\n", _NB_HYPHEN: "-"}
_ALTERNATE_CONTENT = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"


@dataclass
class _Paragraph:
    """The accepted text of one paragraph, and what the walk noticed on the way."""

    number: int
    kind: str
    text: list[str] = field(default_factory=list)
    # the XML element each character came from and its index in that element's text
    # (w:t and its offset; w:tab, w:br, w:cr, w:noBreakHyphen and 0), for writers that anchor to text
    origins: list[tuple[etree._Element, int]] = field(default_factory=list)
    mark_deleted: bool = False
    # comment id -> character offset in this paragraph where its range starts / ends
    comment_starts: dict[str, int] = field(default_factory=dict)
    comment_ends: dict[str, int] = field(default_factory=dict)


@dataclass
class _Changes:
    """What the walk counts across paragraphs: tracked changes, and characters against ``max_chars``."""

    insertions: int = 0
    deletions: int = 0
    max_chars: int | None = None


def read(data: bytes, *, path: str, max_chars: int = DEFAULT_MAX_CHARS) -> Text:
    """Read a Word article.

    Args:
        data: the raw bytes of the .docx file.
        path: the path as given by the user.
        max_chars: reading stops (and the file is refused) past this many characters.

    Returns:
        A `Text` with format "docx": one block per non-empty paragraph;
        ``offsets.locate`` gives (paragraph number, character).

    Raises:
        InputError: an empty file, a file that is not a zip archive, a zip
            that is not a Word document, a package or XML too large to
            open safely, more than ``max_chars`` characters, or a document
            with no text.
    """
    if not data.strip():
        raise InputError(path, "empty file (no text to audit)")
    document = _open(data, path=path)
    try:
        return _read_document(document, path=path, max_chars=max_chars)
    except TextLimit:
        raise limits.too_many_chars(path, max_chars) from None


def read_document(
    data: bytes, *, path: str, max_chars: int = DEFAULT_MAX_CHARS
) -> tuple[Text, docx.document.Document, list[_Paragraph]]:
    """Read a Word article and keep the document, for writers that anchor to its text (attrib annotate).

    Returns:
        The `Text` as `read` gives it, the python-docx document it was read
        from, and its paragraphs in line order, each character's XML origin in
        ``origins``: ``text.offsets.source_offset(i)`` minus the paragraph's
        line start indexes them.

    Raises:
        InputError: as `read`.
    """
    if not data.strip():
        raise InputError(path, "empty file (no text to audit)")
    return read_open(_open(data, path=path), path=path, max_chars=max_chars)


def read_open(
    document: docx.document.Document, *, path: str, max_chars: int = DEFAULT_MAX_CHARS
) -> tuple[Text, docx.document.Document, list[_Paragraph]]:
    """`read_document` for a document already open (a writer reads it again after splitting runs)."""
    kept: list[_Paragraph] = []
    try:
        return _read_document(document, path=path, max_chars=max_chars, kept=kept), document, kept
    except TextLimit:
        raise limits.too_many_chars(path, max_chars) from None


def _read_document(
    document: docx.document.Document, *, path: str, max_chars: int, kept: list[_Paragraph] | None = None
) -> Text:
    styles = {style.style_id: style.name or "" for style in document.styles}
    changes = _Changes(max_chars=max_chars)
    paragraphs = (
        _read_paragraph(element, number, styles, changes)
        for number, element in enumerate(_paragraphs(document.element.body), start=1)
    )
    layout = Layout(collapse_space=False, max_chars=max_chars)
    line_starts: list[int] = []
    source_length = 0
    # comment id -> position in the paragraphs' text (the "source") where its range starts / ends
    anchor_starts: dict[str, int] = {}
    anchor_ends: dict[str, int] = {}
    joined = False  # the previous paragraph's mark was deleted: this one runs on in the same block
    for paragraph in paragraphs:
        if kept is not None:
            kept.append(paragraph)
        line_starts.append(source_length)
        if not joined:
            layout.begin(paragraph.kind)
        for char_index, char in enumerate(paragraph.text):
            if char == "\n":
                layout.line_break(source_length + char_index)
            else:
                layout.add(char, source_length + char_index)
        anchor_starts.update({key: source_length + at for key, at in paragraph.comment_starts.items()})
        anchor_ends.update({key: source_length + at for key, at in paragraph.comment_ends.items()})
        joined = paragraph.mark_deleted
        # One position per paragraph break, so positions never run into the next paragraph.
        source_length += len(paragraph.text) + 1
    text, offsets, blocks = layout.build(line_starts or [0], source_length)
    if not text:
        raise InputError(path, "no text to audit (the document has no text in its body or tables)")
    notes: tuple[str, ...] = ()
    if changes.insertions or changes.deletions:
        notes = (
            f"tracked changes: audited the accepted view ({changes.insertions} insertion(s) kept, "
            f"{changes.deletions} deletion(s) dropped)",
        )
    return Text(
        text=text,
        path=path,
        format="docx",
        offsets=offsets,
        encoding="zip",
        notes=notes,
        blocks=blocks,
        directives=_comments(document, offsets, anchor_starts, anchor_ends),
    )


def _open(data: bytes, *, path: str) -> docx.document.Document:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError(path, "not a valid .docx file (not a zip archive)") from None
    with archive:
        names = set(archive.namelist())
        if "word/document.xml" not in names and "[Content_Types].xml" not in names:
            raise InputError(path, "not a valid .docx file (a zip archive with no Word document in it)")
        members = archive.infolist()
        if sum(info.file_size for info in members) > MAX_UNCOMPRESSED_BYTES:
            raise InputError(path, f"too large: more than {MAX_UNCOMPRESSED_BYTES} bytes uncompressed")
        # zipfile never inflates a member past its declared size, so these sizes can be trusted.
        xml = sum(info.file_size for info in members if info.filename.lower().endswith((".xml", ".rels")))
        if xml > limits.DOCX_MAX_XML_BYTES:
            raise InputError(
                path,
                f"too large: {xml} bytes of XML uncompressed "
                f"(limit {limits.DOCX_MAX_XML_BYTES}; a zip bomb or far more than an article)",
            )
    try:
        return docx.Document(io.BytesIO(data))
    # python-docx reports a broken package in many ways (KeyError for a missing
    # part, ValueError for a wrong content type, XMLSyntaxError, BadZipFile for
    # a damaged member); every one of them means the same to the user.
    except Exception as error:  # noqa: BLE001
        detail = first_line(error).strip('"') or type(error).__name__
        if "not a Word file" in detail:  # another Office package (.xlsx, .pptx) renamed
            detail = "a zip archive with no Word document in it"
        raise InputError(path, f"not a valid .docx file ({detail})") from None


def _paragraphs(container: etree._Element) -> Iterator[etree._Element]:
    """Every ``w:p`` of the body and its tables (and content controls), in document order."""
    for child in container:
        if child.tag == _P:
            yield child
        elif child.tag == _TBL:
            for row in child.iter(_TR):
                # Rows of nested tables are reached through their cells below.
                if row.getparent() is not child:
                    continue
                for cell in row.iterchildren(_TC):
                    yield from _paragraphs(cell)
        elif child.tag == _SDT:  # a block content control: its paragraphs are in w:sdtContent
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _paragraphs(content)


def _read_paragraph(element: etree._Element, number: int, styles: dict[str, str], changes: _Changes) -> _Paragraph:
    paragraph = _Paragraph(number=number, kind=_kind(element, styles))
    properties = element.find(_PPR)
    if properties is not None:
        mark = properties.find(_RPR)
        paragraph.mark_deleted = mark is not None and (mark.find(_DEL) is not None or mark.find(_MOVE_FROM) is not None)
        changes.deletions += paragraph.mark_deleted
    _walk(element, paragraph, changes)
    return paragraph


def _kind(element: etree._Element, styles: dict[str, str]) -> str:
    style = element.find(f"{_PPR}/{_PSTYLE}")
    name = styles.get(style.get(_VAL, ""), "") if style is not None else ""
    if name in ("Title", "Subtitle") or name.startswith("Heading"):
        return "heading"
    return "caption" if name == "Caption" else "paragraph"


def _walk(element: etree._Element, paragraph: _Paragraph, changes: _Changes) -> None:
    for child in element:
        tag = child.tag
        if tag in (_DEL, _MOVE_FROM):
            changes.deletions += 1  # rejected text: not in the accepted view
        elif tag in (_INS, _MOVE_TO):
            changes.insertions += 1
            _walk(child, paragraph, changes)
        elif tag == _T:
            paragraph.text.extend(child.text or "")
            paragraph.origins.extend((child, i) for i in range(len(child.text or "")))
            if changes.max_chars is not None and len(paragraph.text) > changes.max_chars:
                raise TextLimit  # one giant paragraph: stop before holding all of it
        elif tag in _SINGLE:
            paragraph.text.append(_SINGLE[tag])
            paragraph.origins.append((child, 0))
        elif tag == _COMMENT_START:
            paragraph.comment_starts[child.get(_ID, "")] = len(paragraph.text)
        elif tag in (_COMMENT_END, _COMMENT_REF):
            paragraph.comment_ends.setdefault(child.get(_ID, ""), len(paragraph.text))
        elif tag == _ALTERNATE_CONTENT or tag in _NOT_TEXT or not isinstance(tag, str):
            continue
        else:  # runs, hyperlinks, smart tags, simple fields, inline content controls
            _walk(child, paragraph, changes)


def _comments(
    document: docx.document.Document, offsets: OffsetMap, starts: dict[str, int], ends: dict[str, int]
) -> tuple[Directive, ...]:
    """Word comments anchored in the body or its tables, in anchor order."""
    found: list[Directive] = []
    for comment in document.comments:
        comment_id = str(comment.comment_id)
        if comment_id not in starts and comment_id not in ends:
            continue  # anchored in a header, footnote or text box: outside the audited text
        anchor = starts.get(comment_id, ends.get(comment_id, 0))
        anchor_end = max(anchor, ends.get(comment_id, anchor))
        line = bisect_right(offsets.line_starts, anchor)
        found.append(
            Directive(
                text=comment.text.strip(),
                start=offsets.text_offset(anchor),
                end=offsets.text_offset(anchor_end),
                line=line,
                col=anchor - offsets.line_starts[line - 1] + 1,
            )
        )
    return tuple(sorted(found, key=lambda d: (d.start, d.end, d.line, d.col, d.text)))
