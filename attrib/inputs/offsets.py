"""Map character offsets in the audited text back to lines and columns.

Every output (text, github, sarif, the report) reports positions as 1-based
line and column in the original file, so they all go through `OffsetMap`.
Columns count characters (code points), not bytes or UTF-16 units.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# The three line endings editors and GitHub agree on. "\r\n" must come first
# so that it counts as one break, not two. Unicode breaks such as U+2028 or
# form feed are deliberately not lines: editors and annotations ignore them.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class OffsetMap:
    """Line starts of a text, for turning offsets into (line, column).

    Attributes:
        line_starts: offset of the first character of each line, in order;
            always starts with 0. A text ending in a line break has a final
            empty line starting at ``length``.
        length: length of the text in characters.
    """

    line_starts: tuple[int, ...]
    length: int

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
        if not 0 <= index <= self.length:
            raise IndexError(f"offset {index} is outside the text (length {self.length})")
        line = bisect_right(self.line_starts, index)
        return line, index - self.line_starts[line - 1] + 1

    def index(self, line: int, col: int) -> int:
        """Give the character offset of a 1-based line and column; inverse of `locate`.

        Args:
            line: 1-based line number.
            col: 1-based column in characters; may point at the line's
                break characters, or one past the end on the last line.

        Returns:
            The offset ``i`` with ``locate(i) == (line, col)``.

        Raises:
            IndexError: if the position is not in the text.
        """
        if not 1 <= line <= self.line_count:
            raise IndexError(f"line {line} is outside the text ({self.line_count} lines)")
        start = self.line_starts[line - 1]
        # The last line may also address the end position (length).
        end = self.line_starts[line] - 1 if line < self.line_count else self.length
        offset = start + col - 1
        if not start <= offset <= end:
            raise IndexError(f"column {col} is outside line {line} ({end - start + 1} positions)")
        return offset
