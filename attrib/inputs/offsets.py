"""Map character offsets in the audited text back to lines and columns.

Every output (text, github, sarif, the report) reports positions as 1-based
line and column in the original file, so they all go through `OffsetMap`.
Columns count characters (code points), not bytes or UTF-16 units.

For plain text the audited text *is* the file. Markdown, HTML and Word
readers audit text they extracted from markup; their map also holds *runs*
that say where each stretch of extracted text sits in the decoded file (for
Word, in the paragraphs' text, so a "line" is a paragraph number).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

# The three line endings editors and GitHub agree on. "\r\n" must come first
# so that it counts as one break, not two. Unicode breaks such as U+2028 or
# form feed are deliberately not lines: editors and annotations ignore them.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class OffsetMap:
    """Line starts of a text, for turning offsets into (line, column).

    Attributes:
        line_starts: offset of the first character of each line of the
            source (the file's text), in order; always starts with 0. A text
            ending in a line break has a final empty line starting at the end.
        length: length of the audited text in characters.
        runs: empty when the audited text is the source itself. Otherwise
            ``(text_start, source_start)`` pairs sorted by ``text_start``,
            the first at 0: audited characters from ``text_start`` up to the
            next run's start come from consecutive source characters
            beginning at ``source_start`` (characters a reader inserted, such
            as the blank line between blocks, get runs of their own).
        source_length: length of the source when ``runs`` is set (positions
            are clamped to it); None means the same as ``length``.
    """

    line_starts: tuple[int, ...]
    length: int
    runs: tuple[tuple[int, int], ...] = ()
    source_length: int | None = None

    @classmethod
    def from_text(cls, text: str) -> OffsetMap:
        """Build the map for ``text``.

        Args:
            text: the decoded original text, line endings untouched.

        Returns:
            An `OffsetMap` where "\\n", "\\r\\n" and a lone "\\r" each end a line.
        """
        starts = [0]
        starts.extend(match.end() for match in _LINE_BREAK.finditer(text))
        return cls(line_starts=tuple(starts), length=len(text))

    @classmethod
    def mapped(
        cls, line_starts: Sequence[int], source_length: int, runs: Sequence[tuple[int, int]], length: int
    ) -> OffsetMap:
        """Build the map for text a reader extracted from a larger source.

        Args:
            line_starts: offset of each source line's first character, from 0.
            source_length: length of the source in characters.
            runs: ``(text_start, source_start)`` pairs (see the class doc);
                the first must start at text offset 0 unless the text is empty.
            length: length of the extracted text.

        Returns:
            An `OffsetMap` whose `locate` reports source lines and columns.

        Raises:
            ValueError: if the runs are out of order or do not start at 0.
        """
        runs = tuple((int(t), int(s)) for t, s in runs) or ((0, 0),)
        if runs[0][0] != 0 or any(a[0] >= b[0] for a, b in zip(runs, runs[1:])):
            raise ValueError("runs must start at text offset 0 and strictly increase")
        return cls(line_starts=tuple(line_starts), length=length, runs=runs, source_length=source_length)

    def source_offset(self, index: int) -> int:
        """Give the offset in the source of the audited character at ``index``.

        Args:
            index: offset into the audited text, from 0 to ``length`` inclusive.

        Returns:
            The source offset (``index`` itself when the text is the source).

        Raises:
            IndexError: if ``index`` is outside ``0..length``.
        """
        if not 0 <= index <= self.length:
            raise IndexError(f"offset {index} is outside the text (length {self.length})")
        if not self.runs:
            return index
        text_start, source_start = self.runs[bisect_right(self.runs, (index, float("inf"))) - 1]
        return min(source_start + index - text_start, self._source_end)

    def text_offset(self, source_offset: int) -> int:
        """Give the first audited character taken from ``source_offset`` or after it.

        Args:
            source_offset: an offset into the source (for the identity map,
                the text itself).

        Returns:
            The text offset of that character, or ``length`` when no audited
            character comes from that far into the source.
        """
        if not self.runs:
            return max(0, min(source_offset, self.length))
        ends = [t for t, _ in self.runs[1:]] + [self.length]
        for (text_start, source_start), text_end in zip(self.runs, ends):
            if source_start + text_end - text_start > source_offset:
                return text_start + max(0, source_offset - source_start)
        return self.length

    @property
    def _source_end(self) -> int:
        return self.length if self.source_length is None else self.source_length

    @property
    def line_count(self) -> int:
        """Number of lines, counting a final empty line after a trailing break."""
        return len(self.line_starts)

    def locate(self, index: int) -> tuple[int, int]:
        """Give the line and column of a character offset.

        Args:
            index: offset into the text, from 0 to ``length`` inclusive
                (``length`` is the end position, e.g. a span's end).

        Returns:
            ``(line, col)``, both 1-based; ``col`` counts characters.

        Raises:
            IndexError: if ``index`` is outside ``0..length``.
        """
        source = self.source_offset(index)
        line = bisect_right(self.line_starts, source)
        return line, source - self.line_starts[line - 1] + 1

    def index(self, line: int, col: int) -> int:
        """Give the character offset of a 1-based line and column; inverse of `locate`.

        Args:
            line: 1-based line number.
            col: 1-based column in characters; may point at the line's
                break characters, or one past the end on the last line.

        Returns:
            The offset ``i`` with ``locate(i) == (line, col)``; for extracted
            text, the first audited character taken from that position.

        Raises:
            IndexError: if the position is not in the source, or (extracted
                text) holds markup rather than audited text.
        """
        if not 1 <= line <= self.line_count:
            raise IndexError(f"line {line} is outside the text ({self.line_count} lines)")
        start = self.line_starts[line - 1]
        # The last line may also address the end position.
        end = self.line_starts[line] - 1 if line < self.line_count else self._source_end
        offset = start + col - 1
        if not start <= offset <= end:
            raise IndexError(f"column {col} is outside line {line} ({end - start + 1} positions)")
        if not self.runs:
            return offset
        ends = [t for t, _ in self.runs[1:]] + [self.length]
        for (text_start, source_start), text_end in zip(self.runs, ends):
            if source_start <= offset < source_start + text_end - text_start:
                return text_start + offset - source_start
        raise IndexError(f"line {line}, column {col} holds markup, not audited text")
