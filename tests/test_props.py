"""Property-based tests (hypothesis): the engine and the readers hold up on any text.

Over arbitrary and article-like text (unbalanced quotes, punctuation only,
very long tokens, mixed and right-to-left scripts, control characters, emoji,
page furniture) the audit never crashes, its sentences tile the text in order,
every offset is in range, the score is in 0..100 or None, and a second run
gives byte-identical JSON. The readers (Markdown, HTML) either read markup
soup or refuse it with `InputError`, and every character they extract still
points back at itself in the source.

The example counts keep the suite fast and the examples are fixed
(derandomised) so CI is repeatable. For a long randomised soak, set
ATTRIB_SOAK to the number of examples, e.g.
``ATTRIB_SOAK=10000 .venv/bin/python -m pytest tests/test_props.py``.
"""

from __future__ import annotations

import html
import json
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attrib.inputs import InputError, read_bytes

SOAK = int(os.environ.get("ATTRIB_SOAK", "0"))


def _settings(examples: int) -> settings:
    return settings(
        max_examples=SOAK or examples,
        deadline=None,
        derandomize=not SOAK,
        database=None,  # nothing written into the checkout
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# --- strategies -------------------------------------------------------------------------

PIECES = [
    # prose and attribution cues
    "The",
    "minister",
    "said",
    "on",
    "Monday",
    "that",
    "the",
    "deal",
    "was",
    "off",
    "officials",
    "told",
    "NPR",
    "according to",
    "a U.S. official",
    "who was not authorized to speak publicly",
    "Reuters reported",
    "It was reported that",
    "As is known,",
    "he added",
    "They",
    "critics",
    "Mr.",
    "Dr.",
    "U.S.",
    "e.g.",
    "Jr.",
    "1,000",
    "$2.5",
    "3.5%",
    "2024",
    "No.",
    "St.",
    # quotation marks, balanced or not, and punctuation runs
    '"',
    '"',
    "\u201c",
    "\u201d",
    "\u2018",
    "\u2019",
    "''",
    "'",
    "(",
    ")",
    "[",
    "]",
    "\u2014",
    "\u2013",
    "-",
    "--",
    "...",
    "\u2026",
    "?",
    "!",
    ":",
    ";",
    ",",
    ".",
    "?!",
    "!!!",
    "*",
    "#",
    "/",
    "\\",
    "&",
    "@",
    # page furniture
    "hide caption",
    "toggle caption",
    "By Jane Doe",
    "Photo:",
    "Getty Images",
    "WASHINGTON \u2014",
    "contributed reporting",
    "Published Nov. 17, 2024",
    # other scripts, right-to-left text, emoji and invisible or control characters
    "\u041f\u0443\u0442\u0438\u043d \u0437\u0430\u044f\u0432\u0438\u043b",
    "\u4e60\u8fd1\u5e73\u8bf4",
    "\u0642\u0627\u0644 \u0627\u0644\u0645\u0633\u0624\u0648\u0644",
    "\u05d0\u05de\u05e8 \u05d4\u05e9\u05e8",
    "\u202e",
    "\u200f",
    "\u200b",
    "\ufeff",
    "\U0001f600",
    "\U0001f1fa\U0001f1e6",
    "\u00e9\u0301",
    "\x00",
    "\x07",
    "\x0b",
    "\x0c",
    "\x1f",
    "\x7f",
    "\u0085",
    "\u2028",
    "\u00a0",
    # line structure
    "\t",
    "\n",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "  ",
]

LONG_TOKENS = st.builds(
    lambda char, n: char * n, st.sampled_from("xA.-\u00e9\u4e2d\U0001f600\"'"), st.integers(60, 1500)
)

SEPARATORS = st.sampled_from([" ", " ", " ", "", "\n", ", "])


@st.composite
def article_like(draw: st.DrawFn) -> str:
    """Text assembled from news-ish pieces, odd characters and up to two very long tokens."""
    parts = draw(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), min_size=1, max_size=80))
    # Few long tokens, so an example stays a few thousand characters and parses fast.
    for token in draw(st.lists(LONG_TOKENS, max_size=2)):
        parts.insert(draw(st.integers(0, len(parts))), token)
    out = []
    for part in parts:
        out.append(part)
        out.append(draw(SEPARATORS))
    return "".join(out)


ARBITRARY = st.text(max_size=400)
PUNCTUATION_ONLY = st.text(
    alphabet=".,;:!?\"'()[]{}\u2014\u2013-\u2026*#/\\&@%\u201c\u201d\u2018\u2019 \n", min_size=1, max_size=200
)
TEXTS = st.one_of(article_like(), ARBITRARY, PUNCTUATION_ONLY)


# --- the engine ------------------------------------------------------------------------


def _dump(audit: object) -> str:
    return json.dumps(audit.to_dict(), ensure_ascii=False, indent=2)  # type: ignore[attr-defined]


def _spans(sentence: object) -> list[object]:
    """Every character span a sentence's evidence carries."""
    spans = [sentence.span]  # type: ignore[attr-defined]
    for attribution in (sentence.primary, *sentence.others):  # type: ignore[attr-defined]
        if attribution is not None:
            spans += [attribution.cue, attribution.source, attribution.content, attribution.recipient]
    return [span for span in spans if span is not None]


def check_audit(text: str) -> None:
    """The invariants every audit of ``text`` must keep."""
    from attrib.inputs import OffsetMap
    from attrib.pipeline import audit_text

    audit = audit_text(text, "prop.txt")
    offsets = OffsetMap.from_text(text)
    previous_end = 0
    covered = bytearray(len(text))
    for index, sentence in enumerate(audit.sentences):
        span = sentence.span
        assert sentence.index == index
        # In order and not overlapping; non-empty and trimmed of whitespace.
        assert previous_end <= span.start < span.end <= len(text), (index, span)
        assert text[span.start : span.end] == span.text
        assert not span.text[0].isspace() and not span.text[-1].isspace()
        previous_end = span.end
        covered[span.start : span.end] = b"\x01" * (span.end - span.start)
        assert (sentence.line, sentence.col) == offsets.locate(span.start)
        assert sentence.label in ("named", "anonymous", "publication", "unattributed")
        for evidence in _spans(sentence):
            assert 0 <= evidence.start <= evidence.end <= len(text), evidence
            assert text[evidence.start : evidence.end] == evidence.text
    # Tiling: whatever lies between sentences is whitespace.
    uncovered = [i for i, flag in enumerate(covered) if not flag and not text[i].isspace()]
    assert not uncovered, [(i, text[i]) for i in uncovered[:10]]
    value = audit.score.value
    assert value is None or (isinstance(value, int) and 0 <= value <= 100), value
    assert (value is None) == (audit.score.scored_sentences == 0)
    # A second run over the same text gives the same bytes.
    assert _dump(audit_text(text, "prop.txt")) == _dump(audit)


@pytest.mark.model
@_settings(60)
@given(TEXTS)
def test_props_audit_holds_up_on_any_text(text: str) -> None:
    check_audit(text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param(" \n\t ", id="whitespace"),
        pytest.param('"', id="lone-quote"),
        pytest.param('He said "it is over. She said "no.', id="unbalanced-quotes"),
        pytest.param("?!...;:,", id="punctuation-only"),
        pytest.param("x" * 5000, id="one-huge-token"),
        pytest.param("\u0642\u0627\u0644 \u0627\u0644\u0645\u0633\u0624\u0648\u0644 \u202e said NPR.", id="rtl"),
        pytest.param("\x00\x01\x02 officials said \x7f.", id="control-characters"),
        pytest.param("\U0001f600 \U0001f1fa\U0001f1e6 officials said so \U0001f600.", id="emoji"),
        pytest.param("hide caption\ntoggle caption\n\n\n", id="furniture-only"),
    ],
)
def test_props_edge_cases(text: str) -> None:
    check_audit(text)


# --- the readers ------------------------------------------------------------------------

MARKUP_PIECES = [
    "<p>",
    "</p>",
    "<h2>",
    "</h2>",
    "<li>",
    "<ul>",
    "</ul>",
    "<br>",
    "<b>",
    "</b>",
    "<a href='x>y'>",
    "</a>",
    "<figure><figcaption>",
    "</figcaption></figure>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<!-- attrib: x -->",
    "<pre>",
    "</pre>",
    "<nav>",
    "</nav>",
    "<![CDATA[",
    "]]>",
    "<?php x ?>",
    "<!DOCTYPE html>",
    "&amp;",
    "&lt;",
    "&#8212;",
    "&#x201c;",
    "&nosuch;",
    "&",
    "<",
    ">",
    "#",
    "## ",
    "> ",
    "- ",
    "1. ",
    "*",
    "**",
    "_",
    "`",
    "```",
    "    ",
    "[",
    "](",
    ")",
    "![",
    "\\",
    "---",
    "|",
    "|---|",
    "&copy",
    "<http://x.y>",
    "said",
    "officials",
    "The",
    "Monday.",
    "\u201c",
    "\u201d",
    '"',
    "\u00e9",
    "\U0001f600",
    "\u05d0\u05de\u05e8",
    " ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
]


@st.composite
def markup_soup(draw: st.DrawFn) -> str:
    return "".join(draw(st.lists(st.one_of(st.sampled_from(MARKUP_PIECES), st.text(max_size=6)), max_size=60)))


_ESCAPE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)|\\.")


def _lines(text: str) -> list[str]:
    lines, start = [], 0
    for match in re.finditer(r"\r\n|\r|\n", text):
        lines.append(text[start : match.end()])
        start = match.end()
    lines.append(text[start:])
    return lines


@_settings(150)
@given(markup_soup(), st.sampled_from(["soup.md", "soup.html"]))
def test_props_readers_hold_up_on_markup_soup(source: str, name: str) -> None:
    try:
        result = read_bytes(source.encode("utf-8", "surrogatepass"), path=name)
    except InputError as error:
        assert "\n" not in str(error)
        return
    assert result.text and not result.text[0].isspace() and not result.text[-1].isspace()
    lines = _lines(source.removeprefix("\ufeff"))
    for index, char in enumerate(result.text):
        line, col = result.offsets.locate(index)
        if char.isspace():
            continue
        written = lines[line - 1][col - 1 :]
        escape = _ESCAPE.match(written)
        stands_for = (
            ""
            if escape is None
            else (escape.group()[1:] if escape.group().startswith("\\") else html.unescape(escape.group()))
        )
        # The character itself, or the entity/escape that stands for it.
        assert written[:1] == char or stands_for.startswith(char), (index, char, line, col, written[:12])
    for block in result.blocks:
        assert 0 <= block.start < block.end <= len(result.text)
