"""The limits that keep hostile input from hanging a run, exhausting memory or hiding text.

Every limit here is listed in the README's "Bad input" section. A reader that
hits one refuses the file with an `InputError` naming the limit (exit 2);
no limit ever drops text silently.
"""

from __future__ import annotations

import re

from attrib.errors import InputError

# spaCy refuses longer texts (`nlp.max_length`), and its parser needs about
# 1 GB per 100,000 characters: --max-chars can be raised up to here, no further.
MAX_CHARS_CEILING = 1_000_000

# Raw bytes read from an HTML file, whatever --max-chars says: tags, scripts and
# styles may outweigh the text, but not without bound (lxml needs ~10x in memory).
HTML_MAX_BYTES = 8 * 1024 * 1024

# A .docx file on disk (photos included), and the uncompressed XML of its parts
# (python-docx holds every part as a tree, ~12 bytes of memory per byte of XML).
DOCX_MAX_BYTES = 64 * 1024 * 1024
DOCX_MAX_XML_BYTES = 32 * 1024 * 1024

# Characters of Markdown source per character of --max-chars: markup may add to
# the text, but markdown-it-py is slow on markup-dense input (~30 µs a character).
MARKDOWN_SOURCE_RATIO = 2

# Elements, comments and text nodes of an HTML page: a long news page has some
# 40,000; walking each costs Python time (a million take ~15 s).
HTML_MAX_NODES = 250_000

# Deepest element nesting read from HTML (libxml2 silently stops at 256), and
# deepest block nesting read from Markdown (a list level counts 2: list and item).
HTML_MAX_DEPTH = 200
MARKDOWN_MAX_NESTING = 100

# spaCy's tokenizer strips prefix and suffix punctuation one character at a time,
# so a long run of it ("!!!!...", "$$$$...", "&&&&...") costs quadratic time, and
# then one token per character for the parser. The model sees such a run as
# hyphens, which the tokenizer keeps as one token in linear time; no space is
# put in, so every character still falls inside a sentence.
PUNCTUATION_RUN = 100  # above any separator line people type ("-----" or "=====" rules)
_SURROGATE = re.compile("[\ud800-\udfff]")
_PUNCTUATION_RUN = re.compile(rf"(?:[^\w\s]|_){{{PUNCTUATION_RUN + 1},}}")


def check_max_chars(max_chars: int) -> None:
    """Refuse a character limit the pipeline cannot honour.

    Raises:
        ValueError: `max_chars` is below 1 or above `MAX_CHARS_CEILING`.
    """
    if isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars < 1:
        raise ValueError(f"max_chars must be a whole number of at least 1, got {max_chars!r}")
    if max_chars > MAX_CHARS_CEILING:
        raise ValueError(f"max_chars must be at most {MAX_CHARS_CEILING} (spaCy's limit), got {max_chars}")


def check_text(text: object) -> None:
    """Refuse, with a clear ValueError, what the API cannot audit as text.

    Raises:
        ValueError: not a str, a lone surrogate (which no output can encode),
            or more than `MAX_CHARS_CEILING` characters.
    """
    if not isinstance(text, str):
        raise ValueError(f"text must be a str, got {type(text).__name__}")
    if len(text) > MAX_CHARS_CEILING:
        raise ValueError(f"text is {len(text)} characters; at most {MAX_CHARS_CEILING} can be audited (spaCy's limit)")
    surrogate = _SURROGATE.search(text)
    if surrogate is not None:
        raise ValueError(
            f"text holds a lone surrogate (U+{ord(surrogate.group()):04X}) at offset "
            f"{surrogate.start()}; it is not Unicode text (decode bytes with errors='replace')"
        )


def too_many_chars(path: str, max_chars: int, seen: str | int | None = None) -> InputError:
    """The error for text longer than `max_chars` (`seen`: how many characters, when known)."""
    size = f"{seen} characters" if isinstance(seen, int) else f"more than {max_chars} characters"
    return InputError(path, f"too large: {size} (limit {max_chars}; raise it with --max-chars)")


def too_deep(path: str, limit: int, what: str) -> InputError:
    """The error for markup nested deeper than the reader follows."""
    return InputError(path, f"nesting deeper than {limit} levels ({what}); refusing rather than dropping text")


def break_punctuation_runs(text: str) -> str:
    """Turn runs of more than `PUNCTUATION_RUN` punctuation characters into hyphens.

    One character for one, so offsets into the result are offsets into `text`
    (the audit shows the original characters; only the model sees this).
    """
    if len(text) <= PUNCTUATION_RUN:
        return text
    return _PUNCTUATION_RUN.sub(_break_run, text)


def _break_run(match: re.Match[str]) -> str:
    return "-" * len(match.group())
