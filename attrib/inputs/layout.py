"""Lay out text extracted from markup so the engine can read it, and remember where it came from.

Markdown, HTML and Word readers pull the prose out of their markup block by
block. `Layout` collects it character by character together with each
character's offset in the source, and lays the blocks out the way the engine
reads plain text: one block after another, separated by a blank line, the
headline first. It also records each block's kind (heading, paragraph,
caption), which the pipeline lets override the kind it would guess from lines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from attrib.inputs.offsets import OffsetMap

# Blocks are separated by a blank line, which the engine's line-based layout
# (segment.py) reads as a paragraph break.
BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Block:
    """A block the reader found: a heading, paragraph or caption.

    Attributes:
        start: offset of the block's first character in the audited text.
        end: offset just past its last character.
        kind: "heading", "paragraph" or "caption".
    """

    start: int
    end: int
    kind: str


class TextLimit(Exception):
    """The layout would hold more than its ``max_chars``: the reader refuses the file (never truncates it)."""


class Layout:
    """Collects extracted characters with their source offsets, block by block.

    Whitespace at the start and end of a block is dropped. With
    ``collapse_space`` (HTML), every run of whitespace inside a block becomes
    one space, or one line break if it holds a `line_break`. With
    ``max_chars``, adding a character beyond it raises `TextLimit`, so a
    reader stops as soon as the text is certain to be refused.
    """

    def __init__(self, *, collapse_space: bool, max_chars: int | None = None) -> None:
        self._collapse = collapse_space
        self._max_chars = max_chars
        self._chars: list[str] = []
        self._positions: list[int] = []
        self._blocks: list[Block] = []
        self._kind = "paragraph"
        self._block_start: int | None = None  # set once the open block has a visible character
        # Whitespace waiting for the next visible character: (char, position, forced line break).
        self._pending: list[tuple[str, int, bool]] = []

    @property
    def offset(self) -> int:
        """Offset in the audited text where the next visible character will go (roughly)."""
        return len(self._chars)

    def begin(self, kind: str) -> None:
        """End the open block, if any, and start a new one of ``kind``."""
        self.end()
        self._kind = kind

    def end(self) -> None:
        """End the open block; a block with no visible character leaves no trace."""
        if self._block_start is not None:
            self._blocks.append(Block(self._block_start, len(self._chars), self._kind))
        self._block_start = None
        self._pending = []

    def add(self, char: str, position: int) -> None:
        """Add one extracted character that sits at ``position`` in the source."""
        if char.isspace():
            self._pending.append((char, position, False))
            return
        if self._block_start is None:
            self._pending = []
            if self._blocks:
                previous = self._positions[-1] + 1
                for separator in BLOCK_SEPARATOR:
                    self._append(separator, previous)
            self._block_start = len(self._chars)
        elif self._pending:
            self._flush_space()
        self._append(char, position)

    def add_text(self, text: str, positions: Sequence[int]) -> None:
        """Add extracted characters, ``positions[i]`` being the source offset of ``text[i]``."""
        for char, position in zip(text, positions):
            self.add(char, position)

    def line_break(self, position: int) -> None:
        """A forced line break inside the block (HTML ``<br>``, a Markdown hard break)."""
        self._pending.append(("\n", position, True))

    def replay(self, into: Layout, shift: Callable[[int], int]) -> None:
        """Add this layout's blocks to ``into``, each position mapped through ``shift``.

        For markup read inside other markup (an HTML block in Markdown): the
        inner reader lays out its own source, and the outer layout gets every
        character, block by block, at its place in the outer source.
        """
        self.end()
        for block in self._blocks:
            into.begin(block.kind)
            for index in range(block.start, block.end):
                into.add(self._chars[index], shift(self._positions[index]))
            into.end()

    def build(self, line_starts: Sequence[int], source_length: int) -> tuple[str, OffsetMap, tuple[Block, ...]]:
        """Finish: the audited text, its map back to the source, and its blocks.

        Args:
            line_starts: offset of each source line's first character.
            source_length: length of the source.

        Returns:
            ``(text, offsets, blocks)``.
        """
        self.end()
        runs: list[tuple[int, int]] = []
        for index, position in enumerate(self._positions):
            # A new run wherever the source position does not simply advance by one.
            if not runs or position != runs[-1][1] + index - runs[-1][0]:
                runs.append((index, position))
        text = "".join(self._chars)
        return text, OffsetMap.mapped(line_starts, source_length, runs, len(text)), tuple(self._blocks)

    def _flush_space(self) -> None:
        if self._collapse:
            breaks = [position for _, position, forced in self._pending if forced]
            if breaks:
                self._append("\n", breaks[0])
            else:
                self._append(" ", self._pending[0][1])
        else:
            for char, position, _ in self._pending:
                self._append(char, position)
        self._pending = []

    def _append(self, char: str, position: int) -> None:
        if self._max_chars is not None and len(self._chars) >= self._max_chars:
            raise TextLimit
        self._chars.append(char)
        self._positions.append(position)
