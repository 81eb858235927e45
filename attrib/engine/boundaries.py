"""Sentence boundaries the parser cannot see, pinned before it runs (the `attrib_boundaries` component).

Line breaks start sentences; a title abbreviation ("St.", "Gov.") or a clock
time before its day ("10:20 a.m. Thursday") does not end one; a closing
quotation mark belongs to the sentence it closes; a speaker label ("PENCE:") opens its sentence; a dash credit glued
to a closing mark is a sentence of its own; a credit line (a dateline, a byline) is one sentence. The parser respects preset
`is_sent_start` values.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Any, cast

import numpy

from attrib.engine import segment

if TYPE_CHECKING:
    from spacy.tokens import Doc

SPEAKER_DASHES = {"―", "—", "–"}  # a credit line after a quotation: '"..." ― Carla Sanchez'
QUOTE_TOKENS = {'"', "''", "“", "``"}
# A title or place abbreviation never ends a sentence ("Kingston St. Mary", "Gov. Ruiz"), nor
# does a clock time before its day or zone ("10:20 a.m. Thursday", "5 p.m. ET").
_NO_END_AFTER = re.compile(
    r"(?<![\w.])(?:(?:Mr|Mrs|Ms|Dr|St|Mt|Ft|Gov|Sen|Rep|Lt|Gen|Col|Sgt|Capt|Cmdr|Prof|Rev|Hon|Supt|Insp|Det|Const)\.\s+(?=[A-Z])"
    r"|[ap]\.m\.\s+(?=(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|ET|EST|EDT|CT|PT|GMT|BST|UTC|local|Eastern|Pacific|Central))"
)


def _token_at(offsets: list[int], char: int) -> int | None:
    """The index of the token that starts at a character offset, if one does."""
    i = bisect.bisect_left(offsets, char)
    return i if i < len(offsets) and offsets[i] == char else None


class Boundaries:
    """Sets `is_sent_start` before the parser, which respects preset values."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # Doc.text joins every token: read it once
        starts = set(segment.hard_breaks(text))
        quotations = segment.quotations(text)
        closing_marks = segment.closing_marks(text, quotations)
        opening_marks = [start for start, _, _ in quotations]
        # Only a token at a break or a closing mark, or after a colon, can change: picked
        # from the token offsets rather than by visiting every token.
        # Character offsets and lengths are integers; thinc's array types call every tolist() float.
        offsets, lengths = cast("list[list[int]]", doc.to_array(["IDX", "LENGTH"]).reshape(len(doc), 2).T.tolist())
        # Sentence starts are set here and written to the Doc once at the end: Token.is_sent_start's
        # setter checks the whole Doc for a parse each time (quadratic in a long article).
        # 1 starts a sentence, -1 does not, 0 is unknown (Doc.to_array("SENT_START"), as signed values).
        sent_start: list[int] = doc.to_array("SENT_START").view(numpy.int64).tolist()
        for i in range(1, len(doc)):
            if not (
                offsets[i] in starts
                or offsets[i] in closing_marks
                or lengths[i - 1] == 1
                and text[offsets[i - 1]] == ":"
            ):
                continue
            token, before = doc[i], doc[i - 1].text
            if token.idx in starts:
                sent_start[i] = 1
            elif before == ":" and _line_label(doc, token.i - 1):
                sent_start[i] = -1  # "PENCE: Well, ...": the speaker label opens the sentence
            elif token.idx in closing_marks and before in ".?!,":
                following = token.i + 1
                if token.text[1:] in SPEAKER_DASHES:
                    # '... nothing about."― Pamela Padilla': the tokenizer glued the dash to the mark;
                    # the credit is a sentence of its own, as it is after '" ― '
                    sent_start[i] = 1
                    if following < len(doc):
                        sent_start[following] = -1
                    continue
                # A closing quotation mark belongs to the sentence it closes.
                sent_start[i] = -1
                if (
                    before in ".?!"
                    and following < len(doc)
                    and not doc[following].is_space
                    and doc[following].text[:1].isupper()
                ):
                    sent_start[following] = 1
        for found in _NO_END_AFTER.finditer(text):
            after = _token_at(offsets, found.end())
            if after is not None and found.end() not in starts:
                sent_start[after] = -1
        # A quotation that opens a sentence starts it at its mark, not at the word after:
        # the mark would otherwise be left behind as a one-character sentence or glued to
        # the sentence before.
        for start in opening_marks:
            mark = _token_at(offsets, start)
            if (
                mark is None
                or mark + 1 >= len(doc)
                or doc[mark].text not in QUOTE_TOKENS
                or not doc[mark + 1].text[:1].isalnum()
            ):
                continue
            if mark == 0 or sent_start[mark] == 1 or doc[mark - 1].text in (".", "?", "!") or doc[mark - 1].is_space:
                sent_start[mark] = 1
                sent_start[mark + 1] = -1
        # A credit line (dateline, byline, separator) is one sentence: nothing inside it starts one.
        for start, end in segment.unbroken(text):
            first = bisect.bisect_right(offsets, start)
            for i in range(first, bisect.bisect_left(offsets, end)):
                if offsets[i] not in starts:
                    sent_start[i] = -1
        column = numpy.array(sent_start, dtype=numpy.int64).view(numpy.uint64).reshape(len(doc), 1)
        doc.from_array(["SENT_START"], cast("Any", column))  # thinc's Ints2d: a 2-d integer array
        return doc


def _line_label(doc: Doc, colon: int) -> bool:
    """A colon within the first four words of its line: a speaker or section label."""
    words = 0
    for i in range(colon - 1, -1, -1):
        if "\n" in doc[i].text:
            break
        words += 1
    return 0 < words <= 4
