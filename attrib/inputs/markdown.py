"""Markdown drafts: the prose of a CommonMark document, each character mapped back to the file.

markdown-it-py parses the document (CommonMark, plus GFM tables and a YAML
or TOML front-matter block, which is skipped). Headings, paragraphs, list
items, block quotes and table cells become blocks; fenced and indented code
blocks are skipped; inline markup (emphasis markers, link brackets and
destinations, backticks, escapes, entities, inline HTML) is removed, keeping
the words. Block tokens say which lines a block spans (`Token.map`); a
forward scan over those lines finds the column of every extracted character.
``<!-- attrib: ... -->`` comments are kept as `Directive` records.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from attrib.inputs import DEFAULT_MAX_CHARS, Directive, InputError, Text, limits
from attrib.inputs.html import fragment_layout
from attrib.inputs.layout import Layout
from attrib.inputs.plain import decode

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_DIRECTIVE_PREFIX = "attrib:"
_TAG_OR_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)|<[^>]*>?", re.DOTALL)


@lru_cache(maxsize=1)
def _parsers() -> tuple[MarkdownIt, MarkdownIt]:
    """The block parser and the inline parser.

    markdown-it skips the whole rest of a document once blocks nest
    `maxNesting` deep, so blocks get one more than our limit and `_too_deep`
    refuses what reaches it. Inline parsing keeps CommonMark's 20: each
    unclosed ``[`` costs time in proportion to it.
    """
    blocks = MarkdownIt("commonmark", {"maxNesting": limits.MARKDOWN_MAX_NESTING + 1})
    blocks.use(front_matter_plugin).enable("table")
    # Without text_join, escapes and entities stay separate tokens that still
    # carry their source form, which the forward scan needs.
    blocks.disable(["text_join", "inline"])
    inline = MarkdownIt("commonmark")
    inline.disable("text_join")
    return blocks, inline


def _parse(source: str) -> list[Token]:
    """Block tokens with their inline children, as ``MarkdownIt.parse`` gives them."""
    blocks, inline = _parsers()
    env: dict[str, object] = {}  # link reference definitions, found by the block pass
    tokens = blocks.parse(source, env)
    for token in tokens:
        if token.type == "inline":
            token.children = []
            inline.inline.parse(token.content, inline, env, token.children)
    return tokens


def read(data: bytes, *, path: str, max_chars: int = DEFAULT_MAX_CHARS) -> Text:
    """Read a Markdown article.

    Args:
        data: the raw bytes of the file.
        path: the path as given by the user.
        max_chars: the source may hold at most `limits.MARKDOWN_SOURCE_RATIO` times this many characters.

    Returns:
        A `Text` with format "md": the extracted prose, one block per
        heading, paragraph, list item or table cell, whose offsets map to the
        file's lines and columns.

    Raises:
        InputError: binary or undecodable bytes, blocks nested deeper than
            `limits.MARKDOWN_MAX_NESTING`, or no prose outside code, front
            matter and markup.
    """
    decoded = decode(data, path=path)
    source = decoded.text
    if not source.strip():
        raise InputError(path, "empty file (no text to audit)")
    if len(source) > limits.MARKDOWN_SOURCE_RATIO * max_chars:
        # markdown-it-py needs up to ~30 µs per character of markup-dense source.
        raise InputError(
            path,
            f"too large: {len(source)} characters of Markdown (limit "
            f"{limits.MARKDOWN_SOURCE_RATIO} x {max_chars}; raise it with --max-chars)",
        )
    original_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(source)]
    # markdown-it normalises line endings (and NUL) itself; parse that same
    # form so token line numbers and the forward scan agree.
    normalised = _LINE_BREAK.sub("\n", source).replace("\0", "\ufffd")
    scanner = _Scanner(normalised, original_starts)
    layout = Layout(collapse_space=False)
    directives: list[Directive] = []
    tokens = _parse(normalised)
    if _too_deep(tokens):
        raise limits.too_deep(
            path, limits.MARKDOWN_MAX_NESTING, "block quotes and lists inside each other; a list level counts two"
        )
    for index, token in enumerate(tokens):
        if token.type == "inline" and token.map is not None:
            opener = tokens[index - 1] if index else None
            kind = "heading" if opener is not None and opener.type == "heading_open" else "paragraph"
            layout.begin(kind)
            scanner.inline(token, opener, layout, directives)
            layout.end()
        elif token.type == "html_block" and token.map is not None:
            scanner.html_block(token, layout, directives, path)
        # front_matter, fence, code_block, hr and the open/close tokens carry no prose.
    text, offsets, blocks = layout.build(original_starts, len(source))
    if not text:
        raise InputError(path, "no text to audit (only code, front matter or markup)")
    return Text(
        text=text,
        path=path,
        format="md",
        offsets=offsets,
        encoding=decoded.encoding,
        notes=decoded.notes,
        blocks=blocks,
        directives=tuple(directives),
    )


def _has_text(fragment: str) -> bool:
    """Whether an HTML block holds anything but tags and comments (most hold a comment or a lone tag)."""
    return bool(_TAG_OR_COMMENT.sub("", fragment).strip())


def _too_deep(tokens: Sequence[Token]) -> bool:
    """Whether blocks opened deep enough that markdown-it may have dropped what followed."""
    return any(token.nesting == 1 and token.level >= limits.MARKDOWN_MAX_NESTING for token in tokens)


class _Scanner:
    """Finds the source offset of each extracted character by scanning forward through the lines of a block."""

    def __init__(self, source: str, original_starts: Sequence[int]) -> None:
        self.source = source
        self.starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.original_starts = original_starts
        # Table cells of one row share their line: each cell's search starts
        # where the previous cell's ended.
        self._row: tuple[int, int] | None = None
        self._row_end = 0

    def original(self, offset: int) -> int:
        """The offset in the file (original line endings) of a normalised offset."""
        line = bisect_right(self.starts, offset) - 1
        return self.original_starts[line] + offset - self.starts[line]

    def line_start(self, line: int) -> int:
        return self.starts[line] if line < len(self.starts) else len(self.source)

    def inline(self, token: Token, opener: Token | None, layout: Layout, directives: list[Directive]) -> None:
        """Add the prose of one inline token (a block's content) to ``layout``."""
        assert token.map is not None
        start, end = self.line_start(token.map[0]), self.line_start(token.map[1])
        row = (token.map[0], token.map[1])
        after = self._row_end - start if row == self._row else 0
        position = start + self._first_column(token, opener, start, after)
        for child in token.children or []:
            position = self._child(child, position, end, layout, directives)
        self._row, self._row_end = row, position

    def html_block(self, token: Token, layout: Layout, directives: list[Directive], path: str) -> None:
        """Add the prose of an HTML block (read as HTML is) and keep its ``<!-- attrib: ... -->`` comments."""
        assert token.map is not None
        position = self.line_start(token.map[0])
        end = self.line_start(token.map[1])
        fragment = self.source[position:end]
        if _has_text(fragment):
            inner = fragment_layout(fragment)
            if inner is None:  # nested past what the HTML reader follows: refuse, never drop
                raise limits.too_deep(path, limits.HTML_MAX_DEPTH, "HTML elements inside an HTML block")
            inner.replay(layout, lambda at: self.original(position + at))
        for match in _COMMENT.finditer(token.content):
            found = self.source.find(match.group(), position, end)
            at = found if found >= 0 else position
            self._directive(match.group(1), at, layout, directives)
            position = at + len(match.group()) if found >= 0 else position

    # -- inline tokens ---------------------------------------------------------------
    def _first_column(self, token: Token, opener: Token | None, start: int, after: int) -> int:
        """Column of the block's first content character on its first line.

        The first line of an inline token's content is the end of its first
        source line, once container markers ("> ", "- ", "1. ") and
        indentation are stripped; an ATX heading also drops its closing #s.
        A table cell is searched for from ``after``, where the previous cell
        of its row ended.
        """
        line_end = self.source.find("\n", start)
        line = self.source[start : len(self.source) if line_end < 0 else line_end]
        # Only spaces and tabs are markdown whitespace (str.strip would also eat e.g. "\x1f").
        first = token.content.split("\n", 1)[0].strip(" \t")
        if not first:
            return 0
        after_marker = after
        if opener is not None and opener.type in ("th_open", "td_open"):
            pass
        elif opener is not None and opener.type == "heading_open" and opener.markup.startswith("#"):
            after_marker = line.find("#") + len(opener.markup)
        elif line.rstrip(" \t").endswith(first):
            return len(line.rstrip(" \t")) - len(first)
        found = line.find(first, after_marker)
        return found if found >= 0 else after_marker

    def _child(self, child: Token, position: int, end: int, layout: Layout, directives: list[Directive]) -> int:
        kind = child.type
        if kind == "text":
            return self._text(child.content, position, end, layout)
        if kind == "text_special":
            # An escape ("\\*") or entity ("&amp;"): the characters sit where the markup starts.
            found = self.source.find(child.markup, position, end)
            at = found if found >= 0 else position
            for char in child.content:
                layout.add(char, self.original(at))
            return at + len(child.markup) if found >= 0 else position
        if kind in ("softbreak", "hardbreak"):
            newline = self.source.find("\n", position, end)
            at = newline if newline >= 0 else position
            if kind == "softbreak":
                layout.add(" ", self.original(at))
            else:
                layout.line_break(self.original(at))
            return at + 1 if newline >= 0 else position
        if kind == "code_inline":
            # Backticks are markup; the code's words stay in the sentence.
            opening = self.source.find(child.markup, position, end)
            if opening < 0:
                return position
            # A code span reads its line breaks as spaces.
            inner = self._text(child.content, opening + len(child.markup), end, layout, space_matches="\n ")
            closing = self.source.find(child.markup, inner, end)
            return closing + len(child.markup) if closing >= 0 else inner
        if kind == "link_close":
            return self._after_link(child, position, end)
        if kind == "image":
            return self._after_image(position, end)
        if kind == "html_inline":
            found = self.source.find(child.content, position, end)
            if found < 0:
                return position
            comment = _COMMENT.fullmatch(child.content)
            if comment:
                self._directive(comment.group(1), found, layout, directives)
            return found + len(child.content)
        # em/strong open and close, link_open: their markers are skipped by the scan.
        return position

    def _text(self, content: str, position: int, end: int, layout: Layout, space_matches: str = " ") -> int:
        """Match each character at or after ``position``, skipping markup the text does not contain.

        A space in ``content`` matches any character of ``space_matches`` in the source.
        """
        source = self.source
        for char in content:
            targets = space_matches if char == " " else char
            found = position
            while found < end and source[found] not in targets:
                found += 1
            if found >= end:
                # Lost (e.g. tabs the parser expanded): keep the last position, never fail.
                layout.add(char, self.original(min(position, len(source))))
                continue
            layout.add(char, self.original(found))
            position = found + 1
        return position

    def _after_link(self, token: Token, position: int, end: int) -> int:
        """Skip a link's closing markup: ``>`` of an autolink, or ``](dest "title")`` / ``][label]``."""
        source = self.source
        if token.markup == "autolink":
            close = source.find(">", position, end)
            return close + 1 if close >= 0 else position
        close = source.find("]", position, end)
        if close < 0:
            return position
        after = close + 1
        if source.startswith("(", after):
            return _balanced_end(source, after, end)
        if source.startswith("[", after):
            label_end = source.find("]", after, end)
            return label_end + 1 if label_end >= 0 else after
        return after

    def _after_image(self, position: int, end: int) -> int:
        """Skip an image entirely: ``![alt](src)``; its alt text is not prose."""
        source = self.source
        bang = source.find("![", position, end)
        if bang < 0:
            return position
        depth, cursor = 0, bang + 1
        while cursor < end:
            char = source[cursor]
            if char == "\\":
                cursor += 2
                continue
            if char == "[":
                depth += 1
            elif char == "]":
                depth -= 1
                if depth == 0:
                    break
            cursor += 1
        after = cursor + 1
        if source.startswith("(", after):
            return _balanced_end(source, after, end)
        if source.startswith("[", after):
            label_end = source.find("]", after, end)
            return label_end + 1 if label_end >= 0 else after
        return min(after, end)

    def _directive(self, body: str, at: int, layout: Layout, directives: list[Directive]) -> None:
        text = body.strip()
        if not text.startswith(_DIRECTIVE_PREFIX):
            return
        line = bisect_right(self.starts, at)
        col = at - self.starts[line - 1] + 1
        offset = layout.offset
        directives.append(Directive(text=text, start=offset, end=offset, line=line, col=col))


def _balanced_end(source: str, open_paren: int, end: int) -> int:
    """Offset just past the ``)`` matching ``source[open_paren]``, minding quotes, <...> and escapes."""
    depth, cursor, quote = 0, open_paren, ""
    while cursor < end:
        char = source[cursor]
        if char == "\\":
            cursor += 2
            continue
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'" and depth == 1 and source[cursor - 1] in " \t\n":
            quote = char  # a link title; an apostrophe inside the destination is not one
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return cursor + 1
        cursor += 1
    return end
