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


class PathError(Exception):
    """A user-facing problem with one file: shown as `PATH: reason` on one line, exit 2.

    The base of every error that names the file at fault (inputs, config,
    baselines, archives), so the CLI reports them all the same way.

    Attributes:
        path: the path as the user gave it ("-" or the --stdin-filename for stdin).
        reason: short lower-case reason, e.g. "no such file".
    """

    def __init__(self, path: str, reason: str) -> None:
        # Passing both to Exception keeps the error picklable (batch workers).
        super().__init__(path, reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{_one_line(self.path)}: {_one_line(self.reason)}"


class InputError(PathError):
    """An input that cannot be audited: missing, unreadable, binary, empty or too large."""


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
        extracts: the reader's ``read`` also takes ``extract`` (`EXTRACT_MODES`).
    """

    module: str
    max_bytes_per_char: int | None
    extracts: bool = False

    def byte_limit(self, max_chars: int) -> int | None:
        if self.max_bytes_per_char is None:
            return None
        # + 4 leaves room for the longest byte-order mark (UTF-32).
        return self.max_bytes_per_char * max_chars + 4


_READERS: Mapping[str, _Reader] = MappingProxyType(
    {
        # UTF-8 and UTF-16 (surrogate pairs) use at most 4 bytes per character.
        "txt": _Reader("attrib.inputs.plain", max_bytes_per_char=4),
        # Markup only adds bytes (entities may shrink, but never to more than
        # 4 bytes per character), so the txt bound holds for Markdown.
        "md": _Reader("attrib.inputs.markdown", max_bytes_per_char=4),
        # Tags, scripts and styles can outweigh the text many times over.
        "html": _Reader("attrib.inputs.html", max_bytes_per_char=None, extracts=True),
        # Compressed XML: size says nothing about characters.
        "docx": _Reader("attrib.inputs.docx", max_bytes_per_char=None),
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
    detail = f"module '{missing}' is not installed" if missing else str(err).splitlines()[0]
    return (f"--extract {extract} needs trafilatura, which is installed but cannot be imported: {detail}; "
            f"install the extra with: {EXTRACT_EXTRA_HINT}")


def _missing_module(err: BaseException | None) -> str | None:
    """The module a failed import could not find, following re-raised ImportErrors
    (lxml.html.clean raises a fresh ImportError ``from None`` for lxml_html_clean)."""
    while err is not None:
        if isinstance(err, ModuleNotFoundError) and err.name:
            return err.name
        err = err.__cause__ or err.__context__
    return None


def read_bytes(
    data: bytes, *, path: str, max_chars: int = DEFAULT_MAX_CHARS, extract: str | None = None
) -> Text:
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
        ValueError: if ``max_chars`` is less than 1, or ``extract`` is unknown.
    """
    _check_max_chars(max_chars)
    if extract is not None and extract not in EXTRACT_MODES:
        raise ValueError(f"extract must be one of {EXTRACT_MODES}, got {extract!r}")
    reader = _READERS[format_for(path)]
    limit = reader.byte_limit(max_chars)
    if limit is not None and len(data) > limit:
        # Certainly too many characters; refuse before paying for decoding.
        raise InputError(path, _too_large_bytes(str(len(data)), max_chars))
    options = {"extract": extract} if reader.extracts and extract is not None else {}
    text = importlib.import_module(reader.module).read(data, path=path, **options)
    if all(char.isspace() or char in _INVISIBLE for char in text.text):
        raise InputError(path, "empty file (no text to audit)")
    if len(text.text) > max_chars:
        raise InputError(
            path,
            f"too large: {len(text.text)} characters "
            f"(limit {max_chars}; raise it with --max-chars)",
        )
    return text


def read_path(
    path: str | os.PathLike[str], *, max_chars: int = DEFAULT_MAX_CHARS, extract: str | None = None
) -> Text:
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
        ValueError: if ``max_chars`` is less than 1, or ``extract`` is unknown.
    """
    _check_max_chars(max_chars)
    shown = os.fsdecode(path)
    # Checked first because Windows reports opening a directory as "permission denied".
    if os.path.isdir(shown):
        raise InputError(shown, "is a directory, expected a file")
    limit = _READERS[format_for(shown)].byte_limit(max_chars)
    try:
        with open(shown, "rb") as handle:
            info = os.fstat(handle.fileno())
            if limit is not None and stat.S_ISREG(info.st_mode) and info.st_size > limit:
                raise InputError(shown, _too_large_bytes(str(info.st_size), max_chars))
            # The cap also protects against endless sources such as /dev/zero or a FIFO.
            data = handle.read(-1 if limit is None else limit + 1)
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
    if limit is not None and len(data) > limit:
        raise InputError(shown, _too_large_bytes(f"more than {limit}", max_chars))
    return read_bytes(data, path=shown, max_chars=max_chars, extract=extract)


def read_stream(
    stream: BinaryIO, *, path: str = "-", max_chars: int = DEFAULT_MAX_CHARS, extract: str | None = None
) -> Text:
    """Read an article from a byte stream such as stdin.

    Args:
        stream: the stream, read to its end (or just past the size limit).
        path: the name to report and to choose the reader by: "-", or the
            --stdin-filename name ("story.md" reads Markdown).
        max_chars: the largest text accepted, in characters.
        extract: "main" to audit only the main text of a full web page (see `read_bytes`).

    Returns:
        The decoded `Text`.

    Raises:
        InputError: an unreadable stream, or any bad input `read_bytes` refuses.
        ValueError: if ``max_chars`` is less than 1, or ``extract`` is unknown.
    """
    _check_max_chars(max_chars)
    limit = _READERS[format_for(path)].byte_limit(max_chars)
    try:
        # The cap keeps an endless pipe from filling memory; formats without a
        # byte bound (html, docx) must be read whole or they would be cut short.
        data = stream.read(-1 if limit is None else limit + 1)
    except OSError as error:
        raise InputError(path, (error.strerror or str(error) or "cannot read input").lower()) from None
    if limit is not None and len(data) > limit:
        raise InputError(path, _too_large_bytes(f"more than {limit}", max_chars))
    return read_bytes(data, path=path, max_chars=max_chars, extract=extract)


def _check_max_chars(max_chars: int) -> None:
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, got {max_chars}")


def _too_large_bytes(size: str, max_chars: int) -> str:
    return f"too large: {size} bytes (limit {max_chars} characters; raise it with --max-chars)"


def _one_line(value: str) -> str:
    # Error messages are one line on stderr; a file name may hold a newline
    # or an undecodable byte (surrogate escape), so show those escaped.
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape", "backslashreplace").decode("ascii")
        for char in value
    )
