"""HTML drafts: CMS fragments and full pages, each extracted character mapped back to the file.

lxml parses the page. Paragraphs, headings, list items, block quotes, table
cells and other block elements become blocks (``figcaption`` a caption,
``h1``-``h6`` a heading); inline elements keep their words and lose their
tags; whitespace collapses as a browser shows it. The head, scripts, styles,
navigation, code, forms, embedded media and deleted text (``<del>``) are
skipped. lxml gives no columns, so a forward scan over the decoded file
(skipping tags, comments and entity references, and resynchronised on each
element's ``sourceline``) finds where every extracted character sits.
``<!-- attrib: ... -->`` comments are kept as `Directive` records.

``extract="main"`` hands full web pages to trafilatura instead (the optional
``extract`` extra). Its output is plain text with no way back to the page,
so line and column then refer to the extracted text, and a note says so.
"""

from __future__ import annotations

import codecs
import html
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import lru_cache

import lxml.html
from lxml import etree

from attrib.inputs import DEFAULT_MAX_CHARS, Directive, InputError, Text, extract_import_message, limits
from attrib.inputs.layout import Layout, TextLimit
from attrib.inputs.offsets import OffsetMap
from attrib.inputs.plain import Decoded, decode

# Elements whose content is never prose. Whitespace inside them still counts
# as a break between words around them.
_SKIP = frozenset(
    {
        "head",
        "script",
        "style",
        "template",
        "noscript",
        "iframe",
        "nav",
        "pre",
        "code",
        "kbd",
        "samp",
        "svg",
        "math",
        "canvas",
        "object",
        "embed",
        "video",
        "audio",
        "picture",
        "map",
        "form",
        "button",
        "select",
        "textarea",
        "input",
        "option",
        "datalist",
        "dialog",
        "del",
    }
)
# Skipped elements that stand on their own; other skipped elements (code,
# del, an inline script) leave a space so the sentence around them holds.
_SKIP_BREAKS = frozenset({"head", "template", "noscript", "iframe", "nav", "pre", "form", "dialog", "video", "audio"})
# Raw-text elements: their content is not markup, so the scan jumps to the end tag.
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "noembed", "noframes", "iframe", "plaintext"})
# Elements that start a block of their own; everything else is inline.
_BLOCKS = frozenset(
    {
        "html",
        "body",
        "main",
        "article",
        "section",
        "header",
        "footer",
        "aside",
        "div",
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hgroup",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "figure",
        "figcaption",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "address",
        "center",
        "details",
        "summary",
        "fieldset",
        "legend",
        "hr",
        "menu",
        "search",
    }
)
_KINDS = {
    "h1": "heading",
    "h2": "heading",
    "h3": "heading",
    "h4": "heading",
    "h5": "heading",
    "h6": "heading",
    "figcaption": "caption",
}

_MARKUP = re.compile(
    # In HTML, "<![CDATA[" and "<?" open bogus comments that end at the first ">".
    # "<!-->" and "<!--->" are (abruptly closed) empty comments.
    r"<!--(?:->?|.*?(?:--!?>|\Z))|<![^>]*>?|<\?[^>]*>?"
    r"|</?[A-Za-z][^\s/>]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.DOTALL,
)
_COMMENT_OPEN = re.compile(r"<!|<\?")
_ENTITY = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_DIRECTIVE_PREFIX = "attrib:"
# True when an element sits deeper than the limit (evaluated in C: fast on huge pages).
_TOO_DEEP = etree.XPath("boolean(/" + "/".join(["*"] * (limits.HTML_MAX_DEPTH + 1)) + ")")
_NODES = etree.XPath("count(//node())")
# Text nodes are aligned this many characters at a time, so a huge one costs
# memory for one chunk and the walk can stop at max_chars part-way through it.
_ALIGN_CHUNK = 65536
_NO_TEXT = "no text to audit (no text outside markup, scripts, styles and navigation)"


def read(data: bytes, *, path: str, extract: str | None = None, max_chars: int = DEFAULT_MAX_CHARS) -> Text:
    """Read an HTML article (a CMS fragment or a full page).

    Args:
        data: the raw bytes of the file.
        path: the path as given by the user.
        extract: "main" to let trafilatura find the main text of a full web
            page (needs the ``extract`` extra); None to read every block.
        max_chars: the walk stops (and the file is refused) past this many characters.

    Returns:
        A `Text` with format "html": one block per paragraph, heading, list
        item, table cell or caption; offsets map to the file's lines and columns.

    Raises:
        InputError: binary or undecodable bytes, markup lxml cannot read,
            elements nested deeper than `limits.HTML_MAX_DEPTH`, more than
            ``max_chars`` characters, or no text outside markup, scripts,
            styles and navigation.
    """
    decoded = _decode(data, path=path)
    source = decoded.text
    if not source.strip():
        raise InputError(path, "empty file (no text to audit)")
    if extract is not None:
        return _extract_main(decoded, path=path)
    try:
        # Parse our own decoding (as UTF-8) so lxml cannot pick another codec.
        root = lxml.html.document_fromstring(
            source.encode("utf-8", "surrogatepass"),
            # huge_tree: without it libxml2 silently drops a text node over 10 MB.
            parser=lxml.html.HTMLParser(encoding="utf-8", huge_tree=True),
        )
    except (etree.ParserError, ValueError) as error:
        if "empty" in str(error).lower():  # lxml's "Document is empty": comments or a doctype alone
            raise InputError(path, _NO_TEXT) from None
        raise InputError(path, f"cannot parse HTML ({str(error).strip().lower() or 'unreadable markup'})") from None
    # libxml2 stops reading at depth 256 and drops the rest without a word:
    # a tree that deep may be missing text, so it is refused, never audited.
    if _TOO_DEEP(root.getroottree()):
        raise limits.too_deep(path, limits.HTML_MAX_DEPTH, "HTML elements inside elements")
    nodes = int(_NODES(root.getroottree()))
    if nodes > limits.HTML_MAX_NODES:
        raise InputError(
            path, f"too large: {nodes} HTML elements, comments and text nodes (limit {limits.HTML_MAX_NODES})"
        )
    walker = _Walker(source, max_chars)
    try:
        for node in _top_level(root):
            walker.walk(node, "paragraph")
    except TextLimit:
        raise limits.too_many_chars(path, max_chars) from None
    line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", source)]
    text, offsets, blocks = walker.layout.build(line_starts, len(source))
    if not text:
        raise InputError(path, _NO_TEXT)
    return Text(
        text=text,
        path=path,
        format="html",
        offsets=offsets,
        encoding=decoded.encoding,
        notes=decoded.notes,
        blocks=blocks,
        directives=tuple(walker.directives),
    )


def fragment_layout(source: str) -> Layout | None:
    """Lay out the prose of an HTML fragment (an HTML block inside Markdown), positions into ``source``.

    Returns:
        The fragment's layout, or None when it holds no elements (only comments) or is too deep to read whole.
    """
    try:
        root = lxml.html.document_fromstring(source, parser=lxml.html.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError):
        return None
    if _TOO_DEEP(root.getroottree()):
        return None
    walker = _Walker(source)
    for node in _top_level(root):
        walker.walk(node, "paragraph")
    return walker.layout


def _decode(data: bytes, *, path: str) -> Decoded:
    """Decode like text, but let a ``<meta charset>`` declaration settle bytes that are not UTF-8."""
    try:
        return decode(data, path=path)
    except InputError:
        declared = _declared_charset(data)
        if declared is None:
            raise
    try:
        return Decoded(data.decode(declared), declared, (f"decoded as {declared} (declared by <meta charset>)",))
    except UnicodeDecodeError:
        raise InputError(path, f"cannot decode text (not valid {declared}, the charset the page declares)") from None


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _top_level(root: etree._Element) -> Iterator[etree._Element]:
    """The root and the comments lxml keeps beside it (before ``<html>`` or after it), in order."""
    yield from reversed(list(root.itersiblings(preceding=True)))
    yield root
    yield from root.itersiblings()


class _Walker:
    """Walks the tree in document order, laying out blocks and scanning the source alongside."""

    def __init__(self, source: str, max_chars: int | None = None) -> None:
        self.source = source
        self.position = 0
        self.layout = Layout(collapse_space=True, max_chars=max_chars)
        self.directives: list[Directive] = []
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", source)]
        # libxml2 counts lines its own way when carriage returns are involved,
        # so its sourceline is a usable hint only for files with plain "\n" ends.
        self.hint_lines = [0] + [m.end() for m in re.finditer("\n", source)] if "\r" not in source else None

    def walk(self, node: etree._Element, kind: str) -> None:
        """Lay out ``node`` (and its tail) inside a block of ``kind``."""
        if isinstance(node, etree._Comment):
            self._comment(node)
        elif isinstance(node, etree._Element) and isinstance(node.tag, str):
            tag = node.tag.lower()
            self._resync(node)
            if tag in _SKIP:
                self._skip(node, tag)
                if tag in _SKIP_BREAKS:
                    self.layout.line_break(self.position)
                else:
                    self.layout.add(" ", self.position)
            elif tag == "br":
                self.layout.line_break(self.position)
            elif tag in _BLOCKS:
                # A paragraph inside a figcaption is still caption text.
                inner = _KINDS.get(tag, kind)
                self.layout.begin(inner)
                self._content(node, inner)
                self.layout.begin(kind)  # the tail belongs to the enclosing block
            else:  # inline: keeps its words; "img", "wbr" and other void elements have none
                self._content(node, kind)
        else:  # processing instructions, entities lxml keeps as nodes
            self._skip_markup()
        if node.tail:
            self._text(node.tail, emit=True)

    def _content(self, node: etree._Element, kind: str) -> None:
        if node.text:
            self._text(node.text, emit=True)
        for child in node:
            self.walk(child, kind)

    def _skip(self, node: etree._Element, tag: str) -> None:
        """Move the scan past an element whose content is not prose, laying out nothing."""
        if tag in _RAW_TEXT:
            # Its content is not markup, so scanning it could match anything:
            # jump from its start tag to its end tag.
            opening = _tag_pattern(f"<{tag}", r"(?=[\s/>])").search(self.source, self.position)
            if opening is None:
                return
            start = _MARKUP.match(self.source, opening.start())
            after = start.end() if start else opening.end()
            close = _tag_pattern(f"</{tag}", r"\s*>").search(self.source, after)
            self.position = close.end() if close else after
            return
        if node.text:
            self._text(node.text, emit=False)
        for child in node:
            if isinstance(child, etree._Element) and isinstance(child.tag, str):
                self._resync(child)
                self._skip(child, child.tag.lower())
            elif isinstance(child, etree._Comment):
                self._comment(child)
            if child.tail:
                self._text(child.tail, emit=False)

    def _resync(self, node: etree._Element) -> None:
        line = node.sourceline
        if self.hint_lines is not None and line is not None and 1 <= line <= len(self.hint_lines):
            self.position = max(self.position, self.hint_lines[line - 1])

    def _comment(self, node: etree._Comment) -> None:
        # lxml also turns bogus comments ("<?php ... ?>", "<!x>") into comment nodes.
        opening = _COMMENT_OPEN.search(self.source, self.position)
        if opening is None:
            return
        found = opening.start()
        markup = _MARKUP.match(self.source, found)
        self.position = markup.end() if markup else found + 2
        text = (node.text or "").strip()
        if text.startswith(_DIRECTIVE_PREFIX):
            line = bisect_right(self.line_starts, found)
            col = found - self.line_starts[line - 1] + 1
            offset = self.layout.offset
            self.directives.append(Directive(text=text, start=offset, end=offset, line=line, col=col))

    def _skip_markup(self) -> None:
        match = _MARKUP.search(self.source, self.position)
        if match is not None and not _visible(self.source[self.position : match.start()]):
            self.position = match.end()

    def _text(self, text: str, *, emit: bool) -> None:
        """Find each character of a parsed text node in the source, from the scan position on."""
        for first in range(0, len(text), _ALIGN_CHUNK):
            chunk = text[first : first + _ALIGN_CHUNK]
            positions = _align(self.source, chunk, self.position)
            if positions:
                self.position = positions[-1][1]
            if emit:
                for char, (at, _) in zip(chunk, positions):
                    self.layout.add(char, at)


def _align(source: str, text: str, position: int) -> list[tuple[int, int]]:
    """Where each character of ``text`` sits in ``source``: ``(offset, offset after it)`` per character.

    The scan starts at ``position`` and skips what the parser dropped: tags,
    comments, doctypes, and text it did not keep. An entity reference maps
    its characters to its ``&``; a CR LF pair (which the parser reads as one
    line feed) maps to its CR.
    """
    out: list[tuple[int, int]] = []
    index, length, size = 0, len(text), len(source)
    while index < length:
        char = text[index]
        if position >= size:
            last = out[-1] if out else (size, size)
            out.extend([last] * (length - index))
            break
        here = source[position]
        if here == "&":
            entity = _ENTITY.match(source, position)
            if entity is not None:
                reference = entity.group()
                if not reference.endswith(";") and not reference.startswith("&#"):
                    # A legacy reference without ";" ("&copy1") is its shortest decodable
                    # prefix; what follows is literal text.
                    reference = next(
                        (
                            reference[:k]
                            for k in range(2, len(reference) + 1)
                            if html.unescape(reference[:k]) != reference[:k]
                        ),
                        reference,
                    )
                expanded = html.unescape(reference)
                # A literal match wins ("AT&T", and raw text that keeps "&amp;").
                if not text.startswith(reference, index) and expanded != reference and text.startswith(expanded, index):
                    end = position + len(reference)
                    out.extend([(position, end)] * len(expanded))
                    index += len(expanded)
                    position = end
                    continue
        if here == char:
            out.append((position, position + 1))
            index += 1
            position += 1
            continue
        if here == "\r" and char == "\n":
            step = 2 if source.startswith("\r\n", position) else 1
            out.append((position, position + step))
            index += 1
            position += step
            continue
        if here == "<":
            markup = _MARKUP.match(source, position)
            if markup is not None:
                position = markup.end()
                continue
        position += 1  # a character the parser dropped (e.g. ignorable whitespace)
    return out


def _visible(gap: str) -> bool:
    """Whether a stretch of source holds text outside tags and comments."""
    return bool(_MARKUP.sub("", gap).strip())


@lru_cache(maxsize=64)
def _tag_pattern(prefix: str, suffix: str) -> re.Pattern[str]:
    return re.compile(re.escape(prefix) + suffix, re.IGNORECASE)


def _extract_main(decoded: Decoded, *, path: str) -> Text:
    """The main text of a full web page, found by trafilatura; positions refer to that text."""
    try:
        import trafilatura
    except ImportError as err:
        raise InputError(path, extract_import_message("main", err)) from None
    extracted = trafilatura.extract(
        decoded.text,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_images=False,
        favor_recall=True,
        deduplicate=False,
    )
    paragraphs = [line.strip() for line in (extracted or "").splitlines() if line.strip()]
    if not paragraphs:
        raise InputError(path, "no text to audit (trafilatura found no main text in the page)")
    text = "\n\n".join(paragraphs) + "\n"
    note = (
        "main text extracted by trafilatura (--extract main); line:col refer to the extracted text, not the HTML file"
    )
    return Text(
        text=text,
        path=path,
        format="html",
        offsets=OffsetMap.from_text(text),
        encoding=decoded.encoding,
        notes=(*decoded.notes, note),
    )


__all__: Sequence[str] = ["read"]
