"""Read articles into `Text` and enforce the bad-input policy.

Each format has a reader module with ``read(data: bytes, *, path: str) -> Text``
(plain.py: txt, markdown.py: md, html.py: html, docx.py: Word). This package
picks the reader from the file extension (unknown extensions are plain text)
and applies the checks every format shares: size, emptiness, and turning OS
errors into `InputError`. Any `InputError` means "print
``attrib: error: PATH: REASON`` and exit 2"; nothing else escapes for bad input.

Adding a format means one entry in ``_READERS`` and its extensions in
``EXTENSIONS``; reader modules are imported on first use so that optional
dependencies (python-docx, lxml, ...) load only when such a file is read.

This package must not import spaCy.
"""

from __future__ import annotations

import importlib
import os
import stat
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import BinaryIO

from attrib.errors import InputError, PathError, first_line
from attrib.inputs import limits
from attrib.inputs.layout import Block
from attrib.inputs.offsets import OffsetMap

__all__ = [
    "DEFAULT_FORMAT",
    "DEFAULT_MAX_CHARS",
    "EXTENSIONS",
    "EXTRACT_MODES",
    "Block",
    "Directive",
    "InputError",
    "PathError",
    "OffsetMap",
    "Text",
    "extract_unavailable",
    "format_for",
    "not_a_file",
    "read_bytes",
    "read_path",
    "read_stream",
]

# spaCy's parser needs about 1 GB per 100 000 characters (DESIGN.md section 5).
DEFAULT_MAX_CHARS = 200_000

# Anything without a known extension (including stdin, "-") is plain text.
DEFAULT_FORMAT = "txt"

# Lower-cased extension -> format name. Directory walks audit only these.
EXTENSIONS: Mapping[str, str] = MappingProxyType(
    {
        ".txt": "txt",
        ".text": "txt",
        ".md": "md",
        ".markdown": "md",
        ".html": "html",
        ".htm": "html",
        ".xhtml": "html",
        ".docx": "docx",
    }
)

# `--extract main`: pull the main text out of a full web page (trafilatura).
EXTRACT_MODES = ("main",)
EXTRACT_EXTRA_HINT = "pip install 'attrib[extract]'"

# Characters that are not whitespace to str.strip() but still show nothing.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")


@dataclass(frozen=True)
class Directive:
    """A remark the file carries for attrib, kept for suppressions (read, not interpreted, here).

    Markdown and HTML drafts carry them as ``<!-- attrib: ... -->`` comments
    (only comments whose text starts with "attrib:" are kept); Word drafts as
    comments in the margin (every Word comment is kept).

    Attributes:
        text: the comment's text, stripped (for Markdown and HTML, what is
            between ``<!--`` and ``-->``).
        start: offset in the audited text the comment applies from: where it
            sits (Markdown, HTML) or where its anchored range starts (Word).
        end: offset where it stops applying: ``start`` for Markdown and HTML
            comments, the end of the anchored range for Word.
        line: 1-based line of the comment in the file (Word: the paragraph
            number of its anchor).
        col: 1-based column of the comment's ``<!--`` (Word: the anchor's
            character in that paragraph).
    """

    text: str
    start: int
    end: int
    line: int
    col: int


@dataclass(frozen=True)
class Text:
    """An article ready to audit.

    Attributes:
        text: the characters to audit; every offset in the audit points into
            this string. For txt, the decoded file (byte-order mark removed,
            line endings untouched); for md, html and docx, the prose
            extracted from the markup, one block per paragraph with a blank
            line between blocks.
        path: the path as given by the user ("-" or --stdin-filename for stdin).
        format: the reader that produced it: "txt", "md", "html" or "docx".
        offsets: maps offsets in ``text`` to line and column in the file
            (for docx: paragraph number and character in that paragraph).
        encoding: what the bytes were decoded as, e.g. "utf-8", "utf-8-sig",
            "utf-16", "cp1252" ("zip" for docx).
        notes: remarks for the user about how the input was read,
            e.g. "decoded as cp1252 (not valid utf-8; encoding guessed)".
        blocks: the blocks the reader found, in order; empty for txt, whose
            block kinds the engine derives from lines.
        directives: ``<!-- attrib: ... -->`` comments and Word comments.
    """

    text: str = field(repr=False)
    path: str
    format: str
    offsets: OffsetMap = field(repr=False)
    encoding: str
    notes: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = field(default=(), repr=False)
    directives: tuple[Directive, ...] = ()

    def block_kind(self, offset: int) -> str | None:
        """The kind the reader gave the block containing ``offset``, if it knows better than lines.

        Args:
            offset: an offset into ``text``, e.g. a sentence start.

        Returns:
            "heading" or "caption" when the markup says so (a Markdown or
            HTML heading, a Word heading style, an HTML figcaption); None
            for paragraphs, for text between blocks and for txt, whose kinds
            the engine derives from the lines themselves (bylines, credits).
        """
        index = bisect_right(self.blocks, offset, key=lambda block: block.start) - 1
        if index < 0 or not offset < self.blocks[index].end:
            return None
        kind = self.blocks[index].kind
        return None if kind == "paragraph" else kind


@dataclass(frozen=True)
class _Reader:
    """How to read one format.

    Attributes:
        module: module with ``read(data: bytes, *, path: str) -> Text``.
        max_bytes_per_char: upper bound on source bytes per character of
            audited text, so oversized input can be refused before it is
            read and decoded; None when markup or compression breaks the bound.
        max_bytes: a fixed cap on the raw bytes for formats without that
            bound (`attrib.inputs.limits`), whatever --max-chars says.
        extracts: the reader's ``read`` also takes ``extract`` (`EXTRACT_MODES`).
        streams: the reader's ``read`` also takes ``max_chars``, to stop
            extracting text once it has more, or to refuse an oversized source
            before parsing it (so a bomb costs no more than the limit).
    """

    module: str
    max_bytes_per_char: int | None
    max_bytes: int | None = None
    extracts: bool = False
    streams: bool = False

    def byte_limit(self, max_chars: int) -> int:
        if self.max_bytes_per_char is None:
            assert self.max_bytes is not None
            return self.max_bytes
        # + 4 leaves room for the longest byte-order mark (UTF-32).
        return self.max_bytes_per_char * max_chars + 4

    def too_large(self, path: str, size: str, max_chars: int) -> InputError:
        if self.max_bytes_per_char is None:
            return InputError(path, f"too large: {size} bytes (limit {self.max_bytes} bytes for this format)")
        return InputError(path, f"too large: {size} bytes (limit {max_chars} characters; raise it with --max-chars)")


_READERS: Mapping[str, _Reader] = MappingProxyType(
    {
        # UTF-8 and UTF-16 (surrogate pairs) use at most 4 bytes per character.
        "txt": _Reader("attrib.inputs.plain", max_bytes_per_char=4),
        # Markup only adds bytes (entities may shrink, but never to more than
        # 4 bytes per character), so the txt bound holds for Markdown.
        "md": _Reader("attrib.inputs.markdown", max_bytes_per_char=4, streams=True),
        # Tags, scripts and styles can outweigh the text many times over.
        "html": _Reader(
            "attrib.inputs.html", max_bytes_per_char=None, max_bytes=limits.HTML_MAX_BYTES, extracts=True, streams=True
        ),
        # Compressed XML: size says nothing about characters.
        "docx": _Reader("attrib.inputs.docx", max_bytes_per_char=None, max_bytes=limits.DOCX_MAX_BYTES, streams=True),
    }
)


def format_for(path: str | os.PathLike[str]) -> str:
    """Choose the format for a path from its extension.

    Args:
        path: a file path, "-" or a --stdin-filename name.

    Returns:
        The format name; `DEFAULT_FORMAT` ("txt") for unknown extensions.
    """
    extension = os.path.splitext(os.fspath(path))[1].lower()
    return EXTENSIONS.get(extension, DEFAULT_FORMAT)


def not_a_file(path: str | os.PathLike[str]) -> str | None:
    """Why a file found in a folder walk must be skipped: None for a regular file (or a link to one).

    Opening a FIFO would block the walk until someone writes to it, and a
    device or socket is no article: such entries are skipped with a note.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # gone or unreadable: reading it reports the error
    if stat.S_ISREG(mode):
        return None
    kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    return f"skipped: not a regular file ({kind})"


def extract_unavailable(extract: str | None) -> str | None:
    """Say why ``extract`` cannot be used, before any input is read.

    Args:
        extract: an `EXTRACT_MODES` value, or None for no extraction.

    Returns:
        None when extraction is off or its library is installed; otherwise
        a one-line message naming the extra to install.
    """
    if extract is None:
        return None
    try:
        importlib.import_module("trafilatura")
    except ImportError as err:
        return extract_import_message(extract, err)
    return None


def extract_import_message(extract: str, err: ImportError) -> str:
    """One line naming the import that failed, so an installed trafilatura with a
    missing dependency (lxml_html_clean under lxml >= 5.2) is not called missing."""
    missing = _missing_module(err)
    if missing == "trafilatura":
        return f"--extract {extract} needs trafilatura, which is not installed; install it with: {EXTRACT_EXTRA_HINT}"
    detail = f"module '{missing}' is not installed" if missing else first_line(err)
    return (
        f"--extract {extract} needs trafilatura, which is installed but cannot be imported: {detail}; "
        f"install the extra with: {EXTRACT_EXTRA_HINT}"
    )


def _missing_module(err: BaseException | None) -> str | None:
    """The module a failed import could not find, following re-raised ImportErrors
    (lxml.html.clean raises a fresh ImportError ``from None`` for lxml_html_clean)."""
    while err is not None:
        if isinstance(err, ModuleNotFoundError) and err.name:
            return err.name
        err = err.__cause__ or err.__context__
    return None


def read_bytes(data: bytes, *, path: str, max_chars: int = DEFAULT_MAX_CHARS, extract: str | None = None) -> Text:
    """Read an article from bytes already in memory (stdin, archives, `read_path`).

    Args:
        data: the raw bytes of the file.
        path: the name to report and to choose the format by ("-" for stdin,
            or the --stdin-filename name).
        max_chars: the largest text accepted, in characters.
        extract: "main" to audit only the main text of a full web page
            (HTML only; other formats ignore it). Needs the ``extract`` extra.

    Returns:
        The decoded `Text`.

    Raises:
        InputError: binary or undecodable bytes, a corrupt document, no
            visible text, or more than ``max_chars`` characters.
        ValueError: if ``max_chars`` is below 1 or above `limits.MAX_CHARS_CEILING`,
            or ``extract`` is unknown.
    """
    limits.check_max_chars(max_chars)
    if extract is not None and extract not in EXTRACT_MODES:
        raise ValueError(f"extract must be one of {EXTRACT_MODES}, got {extract!r}")
    reader = _READERS[format_for(path)]
    if len(data) > reader.byte_limit(max_chars):
        # Certainly too much; refuse before paying for decoding.
        raise reader.too_large(path, str(len(data)), max_chars)
    options: dict[str, object] = {"extract": extract} if reader.extracts and extract is not None else {}
    if reader.streams:
        options["max_chars"] = max_chars
    text = importlib.import_module(reader.module).read(data, path=path, **options)
    if all(char.isspace() or char in _INVISIBLE for char in text.text):
        raise InputError(path, "empty file (no text to audit)")
    if len(text.text) > max_chars:
        raise limits.too_many_chars(path, max_chars, len(text.text))
    return text


def read_path(path: str | os.PathLike[str], *, max_chars: int = DEFAULT_MAX_CHARS, extract: str | None = None) -> Text:
    """Read an article from a file.

    Args:
        path: the file to read; reported in errors exactly as given.
        max_chars: the largest text accepted, in characters.
        extract: "main" to audit only the main text of a full web page (see `read_bytes`).

    Returns:
        The decoded `Text`.

    Raises:
        InputError: for any bad input: a missing path, a directory, an
            unreadable file (permission or any other OS error), binary or
            undecodable bytes, a corrupt document, no visible text, or more
            than ``max_chars`` characters.
        ValueError: if ``max_chars`` is below 1 or above `limits.MAX_CHARS_CEILING`,
            or ``extract`` is unknown.
    """
    limits.check_max_chars(max_chars)
    shown = os.fsdecode(path)
    # Checked first because Windows reports opening a directory as "permission denied".
    if os.path.isdir(shown):
        raise InputError(shown, "is a directory, expected a file")
    reader = _READERS[format_for(shown)]
    limit = reader.byte_limit(max_chars)
    try:
        with open(shown, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > limit:
                raise reader.too_large(shown, str(info.st_size), max_chars)
            # The cap also protects against endless sources such as /dev/zero or a FIFO.
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError(shown, "no such file") from None
    except IsADirectoryError:
        raise InputError(shown, "is a directory, expected a file") from None
    except PermissionError:
        raise InputError(shown, "permission denied") from None
    except OSError as error:
        raise InputError(shown, (error.strerror or str(error) or "cannot read file").lower()) from None
    except ValueError:
        # open() raises ValueError for a NUL character or unencodable path.
        raise InputError(shown, "invalid file name") from None
    if len(data) > limit:
        raise reader.too_large(shown, f"more than {limit}", max_chars)
    return read_bytes(data, path=shown, max_chars=max_chars, extract=extract)


def read_stream(
    stream: BinaryIO | None, *, path: str = "-", max_chars: int = DEFAULT_MAX_CHARS, extract: str | None = None
) -> Text:
    """Read an article from a byte stream such as stdin.

    Args:
        stream: the stream, read to its end (or just past the size limit);
            None for a closed stdin (Python's `sys.stdin` after ``<&-``).
        path: the name to report and to choose the reader by: "-", or the
            --stdin-filename name ("story.md" reads Markdown).
        max_chars: the largest text accepted, in characters.
        extract: "main" to audit only the main text of a full web page (see `read_bytes`).

    Returns:
        The decoded `Text`.

    Raises:
        InputError: an unreadable stream, or any bad input `read_bytes` refuses.
        ValueError: if ``max_chars`` is below 1 or above `limits.MAX_CHARS_CEILING`,
            or ``extract`` is unknown.
    """
    limits.check_max_chars(max_chars)
    reader = _READERS[format_for(path)]
    limit = reader.byte_limit(max_chars)
    if stream is None:  # `attrib audit - <&-`: Python sets sys.stdin to None
        raise InputError(path, "standard input is closed")
    try:
        # The cap keeps an endless pipe from filling memory.
        data = stream.read(limit + 1)
    except (OSError, ValueError) as error:  # ValueError: a closed stream
        raise InputError(
            path, (getattr(error, "strerror", None) or str(error) or "cannot read input").lower()
        ) from None
    if len(data) > limit:
        raise reader.too_large(path, f"more than {limit}", max_chars)
    return read_bytes(data, path=path, max_chars=max_chars, extract=extract)
