"""Tests for attrib.inputs: decoding, offsets, format dispatch, the txt/md/html/docx readers,
page furniture and the bad-input policy. None of these needs the model."""

from __future__ import annotations

import codecs
import dataclasses
import errno
import html
import io
import json
import os
import pickle
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import attrib.inputs as inputs
from attrib.engine import segment
from attrib.inputs import DEFAULT_MAX_CHARS, InputError, OffsetMap, Text, format_for, read_bytes, read_path
from attrib.inputs.layout import Block, Layout
from attrib.inputs.plain import BINARY_SNIFF_BYTES, decode

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"

ENGLISH = (
    "A U.S. official told NPR on Sunday that the decision was final.\n"
    "“We will not comment on the café deal,” a spokesman said — officials declined.\n"
)
FRENCH = (
    "Le ministre a déclaré que la réforme serait appliquée à la fin de l'année.\n"
    "Les syndicats ont dénoncé une décision précipitée, selon une source proche du dossier.\n"
)
SHORT_CP1252 = "The naïve café owner’s résumé cost €5…\n"


def _split_lines(text: str) -> list[str]:
    """Split like an editor: "\\r\\n", "\\r" and "\\n" each end a line and stay on it."""
    lines, start = [], 0
    for match in re.finditer(r"\r\n|\r|\n", text):
        lines.append(text[start : match.end()])
        start = match.end()
    lines.append(text[start:])
    return lines


def _assert_maps_back(text: str, original: str, offsets: OffsetMap) -> None:
    """Every character of ``text`` sits at its reported line/col in ``original``."""
    lines = _split_lines(original)
    for index, char in enumerate(text):
        line, col = offsets.locate(index)
        assert lines[line - 1][col - 1] == char, (index, line, col)


# --- decoding -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, text, encoding, guessed",
    [
        pytest.param(ENGLISH.encode("utf-8"), ENGLISH, "utf-8", False, id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + ENGLISH.encode("utf-8"), ENGLISH, "utf-8-sig", False, id="utf-8-bom"),
        pytest.param(ENGLISH.encode("utf-16"), ENGLISH, "utf-16", False, id="utf-16-bom-native"),
        pytest.param(codecs.BOM_UTF16_LE + ENGLISH.encode("utf-16-le"), ENGLISH, "utf-16", False, id="utf-16-le-bom"),
        pytest.param(codecs.BOM_UTF16_BE + ENGLISH.encode("utf-16-be"), ENGLISH, "utf-16", False, id="utf-16-be-bom"),
        pytest.param(codecs.BOM_UTF32_LE + ENGLISH.encode("utf-32-le"), ENGLISH, "utf-32", False, id="utf-32-le-bom"),
        pytest.param(ENGLISH.encode("cp1252"), ENGLISH, "cp1252", True, id="cp1252"),
        pytest.param(SHORT_CP1252.encode("cp1252"), SHORT_CP1252, "cp1252", True, id="cp1252-short"),
        # Latin-1 text without C1 bytes is also valid cp1252 and decodes to the same characters.
        pytest.param(FRENCH.encode("latin-1"), FRENCH, "cp1252", True, id="latin-1"),
    ],
)
def test_inputs_decodes_encoding(tmp_path: Path, raw: bytes, text: str, encoding: str, guessed: bool) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(raw)
    result = read_path(path)
    assert result.text == text
    assert result.encoding == encoding
    assert result.format == "txt"
    assert result.path == str(path)
    assert "\ufeff" not in result.text
    assert result.notes == ((f"decoded as {encoding} (not valid utf-8; encoding guessed)",) if guessed else ())


# The cp1252 preference must not steal text the detector recognises as another script.
@pytest.mark.parametrize(
    "text, encoding",
    [
        pytest.param(
            "Министр обороны заявил журналистам, что решение окончательное. "
            "Источники в правительстве сообщили, что переговоры продолжатся.",
            "cp1251",
            id="cp1251-russian",
        ),
        pytest.param(
            "Minister obrony powiedział dziennikarzom, że decyzja jest ostateczna. "
            "Źródła w rządzie poinformowały, że rozmowy będą kontynuowane w Łodzi.",
            "cp1250",
            id="cp1250-polish",
        ),
    ],
)
def test_inputs_guesses_non_latin_encoding(text: str, encoding: str) -> None:
    result = read_bytes(text.encode(encoding), path="-")
    assert result.text == text
    assert result.encoding == encoding


@pytest.mark.parametrize(
    "raw, expected",
    [
        pytest.param(b"line one\r\nline two\r\n", "line one\r\nline two\r\n", id="crlf"),
        pytest.param(b"line one\rline two\r", "line one\rline two\r", id="cr"),
        pytest.param(b"mixed\r\nends\rhere\n", "mixed\r\nends\rhere\n", id="mixed"),
        pytest.param(b"\xc2\xa0non-breaking\tand tabs ", "\u00a0non-breaking\tand tabs ", id="whitespace"),
    ],
)
def test_inputs_keeps_characters_exactly(raw: bytes, expected: str) -> None:
    assert read_bytes(raw, path="-").text == expected


def test_inputs_nul_after_sniff_window_is_text() -> None:
    raw = b"a" * BINARY_SNIFF_BYTES + b"\x00tail"
    assert decode(raw, path="-").text.endswith("\x00tail")


# --- offsets --------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize(
    "target, expected",
    [
        pytest.param("first", (1, 1), id="first-char"),
        pytest.param("last", (1, 7), id="mid-line"),
        pytest.param("After", (3, 1), id="after-blank-line"),
        pytest.param("blank", (3, 7), id="later-in-line"),
        pytest.param(None, (4, 1), id="end-of-text"),
    ],
)
def test_inputs_offsets_locate(newline: str, target: str | None, expected: tuple[int, int]) -> None:
    text = newline.join(["first last", "", "After blank", ""])
    index = len(text) if target is None else text.index(target)
    offsets = OffsetMap.from_text(text)
    assert offsets.locate(index) == expected
    assert offsets.index(*expected) == index


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("", [(1, 1)], id="empty"),
        pytest.param("ab", [(1, 1), (1, 2), (1, 3)], id="no-break"),
        pytest.param("a\r\nb", [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2)], id="crlf-is-one-break"),
        pytest.param("a\n\rb", [(1, 1), (1, 2), (2, 1), (3, 1), (3, 2)], id="lf-then-cr-is-two-breaks"),
        pytest.param("é\U0001f600x", [(1, 1), (1, 2), (1, 3), (1, 4)], id="columns-count-code-points"),
    ],
)
def test_inputs_offsets_every_position(text: str, expected: list[tuple[int, int]]) -> None:
    offsets = OffsetMap.from_text(text)
    assert [offsets.locate(i) for i in range(len(text) + 1)] == expected


@pytest.mark.parametrize("text", ["", "one line", "a\nb\r\nc\rd\n", "\r\n\r\n", "x\r"])
def test_inputs_offsets_index_inverts_locate(text: str) -> None:
    offsets = OffsetMap.from_text(text)
    for i in range(len(text) + 1):
        assert offsets.index(*offsets.locate(i)) == i


@pytest.mark.parametrize("index", [-1, 4])
def test_inputs_offsets_out_of_range(index: int) -> None:
    with pytest.raises(IndexError):
        OffsetMap.from_text("a\nb").locate(index)


@pytest.mark.parametrize("line, col", [(0, 1), (3, 1), (1, 0), (1, 3), (2, 3)])
def test_inputs_offsets_index_out_of_range(line: int, col: int) -> None:
    with pytest.raises(IndexError):
        OffsetMap.from_text("a\nb").index(line, col)


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(ENGLISH.replace("\n", "\r\n").encode("utf-8"), id="utf-8-crlf"),
        pytest.param(codecs.BOM_UTF8 + ENGLISH.replace("\n", "\r").encode("utf-8"), id="utf-8-bom-cr"),
        pytest.param(ENGLISH.replace("\n", "\r\n").encode("utf-16"), id="utf-16-crlf"),
        pytest.param(ENGLISH.encode("cp1252"), id="cp1252-lf"),
    ],
)
def test_inputs_offsets_map_back_to_file(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(raw)
    result = read_path(path)
    # Independently of the reader: the file's own characters, decoded without touching line ends.
    original = raw.decode(result.encoding).removeprefix("\ufeff")
    _assert_maps_back(result.text, original, result.offsets)


@pytest.mark.parametrize("seed", sorted(SEEDS_DIR.glob("*.txt")), ids=lambda p: p.stem)
def test_inputs_seeds_map_back(seed: Path) -> None:
    result = read_path(seed)
    with open(seed, encoding="utf-8-sig", newline="") as handle:
        original = handle.read()
    assert result.text == original
    _assert_maps_back(result.text, original, result.offsets)


# --- dispatch and stdin ---------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["story.txt", "STORY.TXT", "story.unknown", "notes.txt.bak", "README", "-", "dir.d/story"]
)
def test_inputs_format_for_defaults_to_txt(path: str) -> None:
    assert format_for(path) == "txt"


def test_inputs_extensions_are_known() -> None:
    assert inputs.EXTENSIONS[".txt"] == "txt"


def test_inputs_unknown_extension_read_as_plain(tmp_path: Path) -> None:
    path = tmp_path / "article.story"
    path.write_text("An official said so.", encoding="utf-8")
    assert read_path(path).format == "txt"


@pytest.mark.parametrize(
    "data, path, text",
    [
        pytest.param(b"An official said so.\n", "-", "An official said so.\n", id="dash"),
        pytest.param(b"An official said so.\r\n", "story.txt", "An official said so.\r\n", id="stdin-filename"),
        pytest.param(codecs.BOM_UTF8 + b"BOM from a Windows pipe", "-", "BOM from a Windows pipe", id="bom"),
    ],
)
def test_inputs_read_bytes_stdin(data: bytes, path: str, text: str) -> None:
    result = read_bytes(data, path=path)
    assert isinstance(result, Text)
    assert (result.text, result.path, result.format) == (text, path, "txt")
    assert result.offsets == OffsetMap.from_text(text)


def test_inputs_read_path_accepts_str_and_pathlike(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("An official said so.", encoding="utf-8")
    assert read_path(str(path)) == read_path(path)


def test_inputs_text_is_frozen() -> None:
    result = read_bytes(b"An official said so.", path="-")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.text = "changed"  # type: ignore[misc]
    assert "An official" not in repr(result)  # article text stays out of reprs and logs


# --- bad input ------------------------------------------------------------------------


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "missing.txt"


def _directory(tmp_path: Path) -> Path:
    (tmp_path / "folder.txt").mkdir()
    return tmp_path / "folder.txt"


def _file(data: bytes, name: str = "article.txt") -> Callable[[Path], Path]:
    def make(tmp_path: Path) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return make


@pytest.mark.parametrize(
    "make, max_chars, reason",
    [
        pytest.param(_missing, DEFAULT_MAX_CHARS, "no such file", id="missing"),
        pytest.param(_directory, DEFAULT_MAX_CHARS, "is a directory, expected a file", id="directory"),
        pytest.param(
            _file(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
            DEFAULT_MAX_CHARS,
            "binary file (contains NUL bytes)",
            id="binary-nul",
        ),
        pytest.param(
            _file(codecs.BOM_UTF8 + b"text\x00"),
            DEFAULT_MAX_CHARS,
            "binary file (contains NUL bytes)",
            id="binary-nul-after-utf8-bom",
        ),
        pytest.param(
            _file(bytes(range(1, 256)) * 4),
            DEFAULT_MAX_CHARS,
            "cannot decode text (binary or unknown encoding)",
            id="undecodable",
        ),
        pytest.param(
            _file(codecs.BOM_UTF8 + b"caf\xe9"),
            DEFAULT_MAX_CHARS,
            "cannot decode text (invalid utf-8 after its byte order mark)",
            id="bad-utf-8-after-bom",
        ),
        pytest.param(
            _file(codecs.BOM_UTF16_LE + b"abc"),
            DEFAULT_MAX_CHARS,
            "cannot decode text (invalid utf-16 after its byte order mark)",
            id="bad-utf-16-after-bom",
        ),
        pytest.param(_file(b""), DEFAULT_MAX_CHARS, "empty file (no text to audit)", id="empty"),
        pytest.param(
            _file(b" \r\n\t\n  \xc2\xa0\n"), DEFAULT_MAX_CHARS, "empty file (no text to audit)", id="whitespace-only"
        ),
        pytest.param(_file(codecs.BOM_UTF8), DEFAULT_MAX_CHARS, "empty file (no text to audit)", id="bom-only"),
        pytest.param(
            _file("\u200b\n\u200b".encode()), DEFAULT_MAX_CHARS, "empty file (no text to audit)", id="invisible-only"
        ),
        pytest.param(
            _file(b"x" * 11), 10, "too large: 11 characters (limit 10; raise it with --max-chars)", id="too-many-chars"
        ),
        pytest.param(
            _file("é".encode() * 11),
            10,
            "too large: 11 characters (limit 10; raise it with --max-chars)",
            id="too-many-chars-multibyte",
        ),
        pytest.param(
            _file(b"x" * 45),
            10,
            "too large: 45 bytes (limit 10 characters; raise it with --max-chars)",
            id="too-many-bytes",
        ),
        pytest.param(
            _file(b"\x00" * 45, name="blob.bin"),
            10,
            "too large: 45 bytes (limit 10 characters; raise it with --max-chars)",
            id="too-large-before-decoding",
        ),
    ],
)
def test_inputs_bad_input_raises(tmp_path: Path, make: Callable[[Path], Path], max_chars: int, reason: str) -> None:
    path = make(tmp_path)
    with pytest.raises(InputError) as caught:
        read_path(path, max_chars=max_chars)
    error = caught.value
    assert (error.path, error.reason) == (str(path), reason)
    assert str(error) == f"{path}: {reason}"
    assert "\n" not in str(error)


def test_inputs_exactly_max_chars_is_accepted(tmp_path: Path) -> None:
    path = _file("é".encode() * 10)(tmp_path)
    assert len(read_path(path, max_chars=10).text) == 10


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="chmod does not stop root (or no POSIX)")
def test_inputs_permission_denied_chmod(tmp_path: Path) -> None:
    path = _file(b"An official said so.")(tmp_path)
    path.chmod(0)
    try:
        with pytest.raises(InputError) as caught:
            read_path(path)
    finally:
        path.chmod(0o600)
    assert caught.value.reason == "permission denied"


def _raise_on_open(error: OSError) -> Callable[..., object]:
    def fake_open(*args: object, **kwargs: object) -> object:
        raise error

    return fake_open


@pytest.mark.parametrize(
    "error, reason",
    [
        pytest.param(PermissionError(errno.EACCES, "Permission denied"), "permission denied", id="permission"),
        pytest.param(OSError(errno.EIO, "Input/output error"), "input/output error", id="io-error"),
        pytest.param(
            OSError(errno.ELOOP, "Too many levels of symbolic links"),
            "too many levels of symbolic links",
            id="symlink-loop",
        ),
        pytest.param(OSError("Something Odd"), "something odd", id="no-strerror"),
    ],
)
def test_inputs_os_error_becomes_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, reason: str
) -> None:
    # Root ignores file modes, so simulate the OS refusing instead of relying on chmod.
    path = _file(b"An official said so.")(tmp_path)
    monkeypatch.setattr(inputs, "open", _raise_on_open(error), raising=False)
    with pytest.raises(InputError) as caught:
        read_path(path)
    assert caught.value.reason == reason
    assert str(caught.value) == f"{path}: {reason}"


def test_inputs_invalid_file_name() -> None:
    with pytest.raises(InputError) as caught:
        read_path("bad\x00name.txt")
    assert caught.value.reason == "invalid file name"
    assert "\x00" not in str(caught.value)


@pytest.mark.parametrize(
    "data, reason",
    [
        pytest.param(b"", "empty file (no text to audit)", id="empty-stdin"),
        pytest.param(b"\x00\x01\x02", "binary file (contains NUL bytes)", id="binary-stdin"),
    ],
)
def test_inputs_read_bytes_bad_input(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        read_bytes(data, path="-")
    assert str(caught.value) == f"-: {reason}"


@pytest.mark.parametrize("max_chars", [0, -5])
def test_inputs_rejects_nonpositive_max_chars(max_chars: int) -> None:
    with pytest.raises(ValueError):
        read_bytes(b"text", path="-", max_chars=max_chars)


def test_inputs_error_is_one_line_and_picklable() -> None:
    # A newline or an undecodable byte (surrogate escape) in a file name is shown escaped.
    error = InputError("odd\nname\udcff.txt", "no such file")
    assert str(error) == "odd\\nname\\udcff.txt: no such file"
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.reason, str(copy)) == (error.path, error.reason, str(error))


def test_inputs_does_not_import_spacy() -> None:
    # A fresh interpreter, because this test session may already have spaCy loaded.
    code = (
        "import sys, attrib.inputs, attrib.inputs.plain, attrib.inputs.offsets, attrib.inputs.layout, "
        "attrib.inputs.markdown, attrib.inputs.html, attrib.inputs.docx; print('spacy' in sys.modules)"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# === Markdown, HTML and Word readers ===================================================

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "inputs"
MARKUP_FIXTURES = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".md", ".html"))


def _source_lines(path_or_bytes: Path | bytes, encoding: str | None = None) -> list[str]:
    """The file's lines as an editor shows them, decoded independently of the readers."""
    raw = path_or_bytes.read_bytes() if isinstance(path_or_bytes, Path) else path_or_bytes
    text = raw.decode(encoding or "utf-8").removeprefix("\ufeff")
    return _split_lines(text)


_MARKUP_START = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)|\\.")


def _points_at(lines: list[str], line: int, col: int, char: str) -> bool:
    """Whether the source at line:col is ``char``, or an entity or escape that stands for it."""
    source_line = lines[line - 1]
    if source_line[col - 1] == char:
        return True
    markup = _MARKUP_START.match(source_line, col - 1)
    if markup is None:
        return False
    written = markup.group()
    return (written[1:] if written.startswith("\\") else html.unescape(written)).startswith(char)


def _assert_every_character_maps_back(result: Text, lines: list[str]) -> None:
    """Every visible character of the extracted text sits at its reported line/col in the file."""
    wrong = []
    for index, char in enumerate(result.text):
        if char.isspace():
            continue
        line, col = result.offsets.locate(index)
        if not _points_at(lines, line, col, char):
            wrong.append((index, char, line, col, lines[line - 1][max(0, col - 3) : col + 3]))
    assert not wrong, wrong[:10]


def _variants(path: Path) -> list[tuple[str, bytes, str]]:
    """The fixture as written, with CRLF and lone-CR line ends, with a BOM, and as UTF-16."""
    text = path.read_text(encoding="utf-8")
    return [
        ("lf", text.encode("utf-8"), "utf-8"),
        ("crlf", text.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        ("cr", text.replace("\n", "\r").encode("utf-8"), "utf-8"),
        ("bom", codecs.BOM_UTF8 + text.encode("utf-8"), "utf-8-sig"),
        ("utf-16", text.replace("\n", "\r\n").encode("utf-16"), "utf-16"),
    ]


@pytest.mark.parametrize(
    "path, variant, raw, encoding",
    [
        pytest.param(path, name, raw, encoding, id=f"{path.name}-{name}")
        for path in MARKUP_FIXTURES
        for name, raw, encoding in _variants(path)
    ],
)
def test_inputs_markup_maps_every_character_back(
    tmp_path: Path, path: Path, variant: str, raw: bytes, encoding: str
) -> None:
    copy = tmp_path / path.name
    copy.write_bytes(raw)
    result = read_path(copy)
    assert result.format == path.suffix[1:]
    assert len(result.text) > 200
    _assert_every_character_maps_back(result, _source_lines(raw, encoding))


# --- Markdown ---------------------------------------------------------------------------


def _read_md(source: str) -> Text:
    return read_bytes(source.encode("utf-8"), path="draft.md")


def test_inputs_md_fixture_blocks_and_text() -> None:
    result = read_path(FIXTURES / "draft.md")
    blocks = [(result.text[b.start : b.end], b.kind) for b in result.blocks]
    assert blocks[0] == ("Harbor Bridge Will Reopen Friday, Mayor Says", "heading")
    assert ("What changed", "heading") in blocks
    assert ("Traffic lanes were widened to 3.5 meters.", "paragraph") in blocks  # a list item is a block
    assert ("Officials said tolls would stay at $4 for now.", "paragraph") in blocks  # escape resolved
    assert ("Photo: Lena Ortiz/Harbor Gazette", "paragraph") == blocks[-1]  # the engine spots captions
    # A soft line break is a space; quote markers and emphasis go, words stay.
    assert "reopen on Friday, three weeks after" in result.text
    assert "Residents complained about the detours for weeks, according to a survey by the neighborhood" in result.text
    assert "at City Hall." in result.text and "$2 million & took" in result.text
    for gone in (
        "title:",
        "harbor-bridge",
        "internal note",
        "indented block",
        "https://",
        "City Hall page",
        "**",
        "*Harbor",
        "&amp;",
        "##",
        "> ",
        "\\$",
    ):
        assert gone not in result.text, gone
    # Blocks are laid out as the engine reads plain text: a blank line between them.
    assert result.text == "\n\n".join(result.text[b.start : b.end] for b in result.blocks)


@pytest.mark.parametrize(
    "source, expected",
    [
        pytest.param("Plain *em* and __strong__ and ~~kept~~.", "Plain em and strong and ~~kept~~.", id="emphasis"),
        pytest.param(
            "See [the report][r] today.\n\n[r]: https://example.org/r", "See the report today.", id="reference-link"
        ),
        pytest.param("Visit <https://example.org> now.", "Visit https://example.org now.", id="autolink"),
        pytest.param('A ![chart (2024)](c.png "Chart") here.', "A  here.", id="image-dropped"),
        pytest.param("Run `make all` first.", "Run make all first.", id="inline-code-words-kept"),
        pytest.param("Cost &euro;5 &#8212; \\*not\\* emphasis.", "Cost €5 — *not* emphasis.", id="entities-escapes"),
        pytest.param("Line one  \nline two\\\nline three", "Line one\nline two\nline three", id="hard-breaks"),
        pytest.param('A <span class="x">tagged</span> word.', "A tagged word.", id="inline-html"),
        pytest.param(
            "# Title #\n\nSetext\n===\n\n> > Nested quote.",
            "Title\n\nSetext\n\nNested quote.",
            id="headings-and-nesting",
        ),
        pytest.param("1. First.\n2. Second.\n\n* Star item", "First.\n\nSecond.\n\nStar item", id="lists"),
        pytest.param("| Who | Said |\n|---|---|\n| Ana | Yes |", "Who\n\nSaid\n\nAna\n\nYes", id="table-cells"),
        pytest.param("---\ntitle: x\n---\nBody.", "Body.", id="front-matter"),
    ],
)
def test_inputs_md_inline_markup(source: str, expected: str) -> None:
    result = _read_md(source)
    assert result.text == expected
    _assert_every_character_maps_back(result, _split_lines(source))


def test_inputs_md_heading_kinds() -> None:
    result = _read_md("Intro line.\n\n## Section head\n\nBody text.\n\nSetext head\n---\n")
    kinds = [(result.text[b.start : b.end], b.kind) for b in result.blocks]
    assert kinds == [
        ("Intro line.", "paragraph"),
        ("Section head", "heading"),
        ("Body text.", "paragraph"),
        ("Setext head", "heading"),
    ]
    assert result.block_kind(result.text.index("Section")) == "heading"
    assert result.block_kind(result.text.index("Body")) is None  # paragraphs: the engine decides


def test_inputs_md_directives() -> None:
    source = (
        "First paragraph here.\n\n"
        "<!-- attrib: ignore AN101 agreed with the desk -->\n\n"
        "Second paragraph <!-- attrib: ignore AN102 --> continues.\n\n"
        "<!-- an ordinary comment -->\n"
    )
    result = _read_md(source)
    assert [(d.text, d.line, d.col) for d in result.directives] == [
        ("attrib: ignore AN101 agreed with the desk", 3, 1),
        ("attrib: ignore AN102", 5, 18),
    ]
    first, second = result.directives
    # Offsets say where in the audited text each comment sits.
    assert result.text[: first.start] == "First paragraph here."
    assert result.text[: second.start].endswith("Second paragraph")
    assert result.text[second.start :].lstrip() == "continues."


def test_inputs_md_only_code_is_no_text() -> None:
    with pytest.raises(InputError) as caught:
        _read_md("---\ntitle: x\n---\n\n```\ncode only\n```\n\n    more code\n")
    assert caught.value.reason == "no text to audit (only code, front matter or markup)"


# --- HTML -------------------------------------------------------------------------------


def _read_html(source: str | bytes, **options: Any) -> Text:
    data = source.encode("utf-8") if isinstance(source, str) else source
    return read_bytes(data, path="page.html", **options)


def test_inputs_html_fragment_blocks_and_text() -> None:
    result = read_path(FIXTURES / "cms-fragment.html")
    blocks = [(result.text[b.start : b.end], b.kind) for b in result.blocks]
    assert blocks[0] == ("Council Delays Vote on Transit Plan", "heading")
    assert ("Council members debate the plan on Wednesday. Omar Haddad/The Ledger", "caption") in blocks
    assert ("\u201cWe need a plan that riders can trust,\u201d Councilor Mei Chen said.", "paragraph") in blocks
    assert (
        "Fares would rise by 25 cents, the transit agency said.\nDiscounts stay for students.",
        "paragraph",
    ) in blocks  # <br> is a line break inside the block
    assert "the mayor\u2019s office had asked for more time." in result.text
    assert "Run to rebuild the chart. AT&T said it would not bid." in result.text
    for gone in ("trackView", "make report", "numbers pending", "<", "&rsquo;", "council.jpg", "Council members at"):
        assert gone not in result.text, gone
    assert [(d.text, d.line, d.col) for d in result.directives] == [
        ("attrib: ignore AN101 source protected by agreement", 3, 1)
    ]


def test_inputs_html_full_page_skips_head_nav_scripts() -> None:
    result = read_path(FIXTURES / "full-page.html")
    assert result.text.startswith("Port Strike Ends After Nine Days\n\n")
    for gone in (
        "The Ledger</title>",
        "\u2014 The Ledger",
        "font-family",
        "dataLayer",
        "not prose",
        "Home",
        "Business",
        "Enable JavaScript",
        "chart",
    ):
        assert gone not in result.text, gone
    assert result.block_kind(result.text.index("Container ships")) == "caption"
    assert result.block_kind(result.text.index("Port Strike")) == "heading"
    assert "Nine days in all." in result.text  # table cells are blocks


@pytest.mark.parametrize(
    "source, expected",
    [
        pytest.param("Just a bare fragment, no tags.", "Just a bare fragment, no tags.", id="bare-text"),
        pytest.param(
            "<div>Loose text<p>In a p.</p>tail text</div>", "Loose text\n\nIn a p.\n\ntail text", id="block-tails"
        ),
        pytest.param("<p>A <b>bold</b><i>ital</i> word</p>", "A boldital word", id="inline-no-space"),
        pytest.param("<p>Old <del>wrong</del><ins>right</ins> figure.</p>", "Old right figure.", id="del-dropped"),
        pytest.param(
            "<p>x &lt; y &amp;&amp; AT&T &#169; &#xA9; &copy</p>", "x < y && AT&T \u00a9 \u00a9 \u00a9", id="entities"
        ),
        pytest.param("<p title='a > b'>Attr with angle.</p>", "Attr with angle.", id="angle-in-attribute"),
        pytest.param("<p>One<!-- hidden -->Two</p>", "OneTwo", id="comment-inside"),
        pytest.param(
            "<figure><figcaption><p>Caption para.</p></figcaption></figure>", "Caption para.", id="p-in-figcaption"
        ),
        pytest.param("<P>Upper-case TAGS.</P><BR><SCRIPT>x()</SCRIPT>", "Upper-case TAGS.", id="upper-case"),
        pytest.param("<p>Line\n   wrapped   text.</p>", "Line wrapped text.", id="collapse-space"),
        pytest.param("<p>a</p><script>document.write('<p>b</p>')</script><p>c</p>", "a\n\nc", id="script-markup"),
    ],
)
def test_inputs_html_cases(source: str, expected: str) -> None:
    result = _read_html(source)
    assert result.text == expected
    _assert_every_character_maps_back(result, _split_lines(source))


def test_inputs_html_figcaption_paragraph_is_caption() -> None:
    result = _read_html("<h3>Head</h3><figure><figcaption><p>Caption para.</p></figcaption></figure><p>Body.</p>")
    assert [b.kind for b in result.blocks] == ["heading", "caption", "paragraph"]


def test_inputs_html_declared_charset() -> None:
    page = '<meta charset="windows-1252"><p>The caf\u00e9\u2019s owner said so.</p>'.encode("cp1252")
    result = _read_html(page)
    assert result.text == "The caf\u00e9\u2019s owner said so."
    assert result.encoding == "cp1252"


@pytest.mark.parametrize(
    "source, reason",
    [
        pytest.param(
            "<html><head><title>T</title></head><body><script>x()</script></body></html>",
            "no text to audit (no text outside markup, scripts, styles and navigation)",
            id="no-text",
        ),
        pytest.param(
            "<nav><a href='/'>Home</a></nav><pre>code</pre><!-- c -->",
            "no text to audit (no text outside markup, scripts, styles and navigation)",
            id="only-skipped",
        ),
        pytest.param(
            "<!-- attrib: ignore[AN101] reason: x -->\n<!DOCTYPE html>",
            "no text to audit (no text outside markup, scripts, styles and navigation)",
            id="comment-only",
        ),
        pytest.param("", "empty file (no text to audit)", id="empty"),
        pytest.param(" \n\t ", "empty file (no text to audit)", id="whitespace"),
    ],
)
def test_inputs_html_without_text(source: str, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        _read_html(source)
    assert caught.value.reason == reason


def test_inputs_html_extract_main() -> None:
    pytest.importorskip("trafilatura", reason="the extract extra is part of the test extra")
    result = read_path(FIXTURES / "full-page.html", extract="main")
    assert "Dock workers voted to end their strike on Sunday" in result.text
    assert "analysts expect freight rates to fall".lower() in result.text.lower()
    for gone in ("Home", "dataLayer", "font-family"):
        assert gone not in result.text
    assert any("trafilatura" in note and "extracted text" in note for note in result.notes)
    # Positions refer to the extracted text itself.
    assert result.offsets == OffsetMap.from_text(result.text)


def test_inputs_html_extract_without_trafilatura(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import fails, find_spec says missing
    message = inputs.extract_unavailable("main")
    assert message is not None and "pip install 'attrib[extract]'" in message and "\n" not in message
    assert inputs.extract_unavailable(None) is None
    with pytest.raises(InputError) as caught:
        read_path(FIXTURES / "full-page.html", extract="main")
    assert "attrib[extract]" in caught.value.reason


def test_inputs_extract_ignored_for_other_formats() -> None:
    assert read_bytes(b"Plain text.", path="a.txt", extract="main").text == "Plain text."
    with pytest.raises(ValueError):
        read_bytes(b"Plain text.", path="a.txt", extract="everything")


# --- Word -------------------------------------------------------------------------------

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_REVISION = 'w:author="Desk" w:date="2024-11-18T09:00:00Z"'


def _tracked(kind: str, text: str, revision: int) -> Any:
    """A w:ins/w:moveTo (kept) or w:del/w:moveFrom (dropped) element holding one run of ``text``."""
    from docx.oxml import parse_xml

    tag = "w:delText" if kind in ("del", "moveFrom") else "w:t"
    return parse_xml(
        f'<w:{kind} {W_NS} w:id="{revision}" {_REVISION}><w:r><{tag} xml:space="preserve">{text}</{tag}></w:r></w:{kind}>'
    )


def _build_docx() -> tuple[bytes, list[str]]:
    """A draft with tracked changes, a table, styles and a comment; and each paragraph's accepted text."""
    from docx import Document
    from docx.oxml import parse_xml

    document = Document()
    document.add_heading("Ferry Service Cut on Island Route", level=1)
    lead = document.add_paragraph("The ferry operator said ")
    lead._p.append(_tracked("ins", "on Thursday ", 1))
    lead._p.append(_tracked("del", "last week ", 2))
    lead.add_run("that winter sailings would drop to two a day.")
    moved = document.add_paragraph("Islanders ")
    moved._p.append(_tracked("moveFrom", "angrily ", 3))
    moved.add_run("protested at the dock")
    moved._p.append(_tracked("moveTo", " on Friday", 4))
    moved.add_run(".")
    # A paragraph whose mark was deleted runs on into the next one in the accepted view.
    split = document.add_paragraph("A union official, who asked not to be named,")
    split._p.get_or_add_pPr().append(parse_xml(f'<w:rPr {W_NS}><w:del w:id="5" {_REVISION}/></w:rPr>'))
    document.add_paragraph(" said crews had not been consulted.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Sailings per day"
    table.cell(0, 1).text = "Two, down from five."
    document.add_paragraph("Passengers wait for the last ferry on Thursday.", style="Caption")
    quoted = document.add_paragraph("An island councilor told reporters the cut was unfair.")
    document.add_comment(quoted.runs, text="attrib: ignore AN102 councilor named in the next draft", author="Desk")
    document.add_paragraph("")  # an empty paragraph still counts as a paragraph
    tab = document.add_paragraph("Timetable\tchanges start in December.")
    tab.runs[0].add_break()
    tab.add_run("Check the port website.")
    buffer = io.BytesIO()
    document.save(buffer)
    accepted = [
        "Ferry Service Cut on Island Route",
        "The ferry operator said on Thursday that winter sailings would drop to two a day.",
        "Islanders protested at the dock on Friday.",
        "A union official, who asked not to be named,",
        " said crews had not been consulted.",
        "Sailings per day",
        "Two, down from five.",
        "Passengers wait for the last ferry on Thursday.",
        "An island councilor told reporters the cut was unfair.",
        "",
        "Timetable\tchanges start in December.\nCheck the port website.",
    ]
    return buffer.getvalue(), accepted


@pytest.fixture(scope="module")
def tracked_docx() -> tuple[bytes, list[str]]:
    return _build_docx()


def test_inputs_docx_accepted_view(tracked_docx: tuple[bytes, list[str]]) -> None:
    data, _ = tracked_docx
    result = read_bytes(data, path="draft.docx")
    assert result.format == "docx"
    assert result.text == (
        "Ferry Service Cut on Island Route\n\n"
        "The ferry operator said on Thursday that winter sailings would drop to two a day.\n\n"
        "Islanders protested at the dock on Friday.\n\n"
        "A union official, who asked not to be named, said crews had not been consulted.\n\n"
        "Sailings per day\n\nTwo, down from five.\n\n"
        "Passengers wait for the last ferry on Thursday.\n\n"
        "An island councilor told reporters the cut was unfair.\n\n"
        "Timetable\tchanges start in December.\nCheck the port website."
    )
    assert "last week" not in result.text and "angrily" not in result.text
    assert result.notes == ("tracked changes: audited the accepted view (2 insertion(s) kept, 3 deletion(s) dropped)",)
    kinds = {result.text[b.start : b.end]: b.kind for b in result.blocks}
    assert kinds["Ferry Service Cut on Island Route"] == "heading"
    assert kinds["Passengers wait for the last ferry on Thursday."] == "caption"


def test_inputs_docx_positions_are_paragraph_and_character(tracked_docx: tuple[bytes, list[str]]) -> None:
    data, accepted = tracked_docx
    result = read_bytes(data, path="draft.docx")
    for index, char in enumerate(result.text):
        if char.isspace():
            continue
        paragraph, col = result.offsets.locate(index)
        assert accepted[paragraph - 1][col - 1] == char, (index, char, paragraph, col)
    # The words after a deleted paragraph mark still point into their own paragraph.
    assert result.offsets.locate(result.text.index("said crews")) == (5, 2)
    assert result.offsets.locate(result.text.index("Two, down")) == (7, 1)
    assert result.offsets.locate(result.text.index("Check the port")) == (11, 38)


def test_inputs_docx_comments_are_directives(tracked_docx: tuple[bytes, list[str]]) -> None:
    data, _ = tracked_docx
    result = read_bytes(data, path="draft.docx")
    (comment,) = result.directives
    assert comment.text == "attrib: ignore AN102 councilor named in the next draft"
    assert (comment.line, comment.col) == (9, 1)
    assert result.text[comment.start : comment.end] == "An island councilor told reporters the cut was unfair."


def test_inputs_docx_python_docx_alone_loses_insertions(tracked_docx: tuple[bytes, list[str]]) -> None:
    # Why the reader walks the XML itself: paragraph.text drops tracked insertions.
    from docx import Document

    data, _ = tracked_docx
    lead = Document(io.BytesIO(data)).paragraphs[1].text
    assert "on Thursday" not in lead
    assert "on Thursday" in read_bytes(data, path="draft.docx").text


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _broken_document_xml(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    members = {info.filename: source.read(info.filename) for info in source.infolist()}
    members["word/document.xml"] = b"<w:document><w:body><w:p>unclosed"
    return _zip(members)


def _spreadsheet_package(data: bytes) -> bytes:
    """The same package, but declaring a spreadsheet as its main part (a renamed .xlsx)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    members = {info.filename: source.read(info.filename) for info in source.infolist()}
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"spreadsheetml.sheet.main+xml"
    )
    return _zip(members)


def _empty_docx() -> bytes:
    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "make, reason",
    [
        pytest.param(
            lambda _: b"This is plain text, not a zip.", "not a valid .docx file (not a zip archive)", id="not-a-zip"
        ),
        pytest.param(
            lambda _: b"PK\x03\x04" + b"\x00" * 40, "not a valid .docx file (not a zip archive)", id="truncated-zip"
        ),
        pytest.param(
            lambda _: _zip({"hello.txt": b"hi"}),
            "not a valid .docx file (a zip archive with no Word document in it)",
            id="zip-not-docx",
        ),
        pytest.param(_broken_document_xml, None, id="broken-xml"),
        pytest.param(
            _spreadsheet_package,
            "not a valid .docx file (a zip archive with no Word document in it)",
            id="other-office-package",
        ),
        pytest.param(
            lambda _: _empty_docx(), "no text to audit (the document has no text in its body or tables)", id="no-text"
        ),
        pytest.param(lambda _: b"", "empty file (no text to audit)", id="empty-file"),
    ],
)
def test_inputs_docx_bad(tmp_path: Path, tracked_docx: tuple[bytes, list[str]], make: Any, reason: str | None) -> None:
    path = tmp_path / "draft.docx"
    path.write_bytes(make(tracked_docx[0]))
    with pytest.raises(InputError) as caught:
        read_path(path)
    if reason is None:
        assert caught.value.reason.startswith("not a valid .docx file (")
    else:
        assert caught.value.reason == reason
    assert "\n" not in str(caught.value)


# --- dispatch, stdin, offsets and layout for extracted text ---------------------------------


@pytest.mark.parametrize(
    "path, fmt",
    [
        ("a.md", "md"),
        ("A.MARKDOWN", "md"),
        ("page.html", "html"),
        ("page.HTM", "html"),
        ("x.xhtml", "html"),
        ("draft.docx", "docx"),
        ("notes.text", "txt"),
        ("draft.doc", "txt"),
    ],
)
def test_inputs_format_for_markup(path: str, fmt: str) -> None:
    assert format_for(path) == fmt


def test_inputs_read_stream_reads_unbounded_formats_whole(tracked_docx: tuple[bytes, list[str]]) -> None:
    data, _ = tracked_docx
    # The compressed package is far larger than 4 bytes per allowed character;
    # cutting it there (as for text) would corrupt it.
    assert len(data) > 4 * 2000
    result = inputs.read_stream(io.BytesIO(data), path="draft.docx", max_chars=2000)
    assert result.format == "docx" and "ferry operator" in result.text


def test_inputs_read_stream_caps_text() -> None:
    with pytest.raises(InputError) as caught:
        inputs.read_stream(io.BytesIO(b"x" * 100), path="-", max_chars=10)
    assert caught.value.reason == "too large: more than 44 bytes (limit 10 characters; raise it with --max-chars)"
    assert inputs.read_stream(io.BytesIO(b"# Head\n\nBody."), path="story.md").format == "md"


def test_inputs_large_extracted_text_is_refused() -> None:
    page = "<p>" + "word " * 50 + "</p>"
    with pytest.raises(InputError) as caught:
        _read_html(page, max_chars=100)
    # The walk stops at the limit instead of extracting the whole page first.
    assert caught.value.reason.startswith("too large: more than 100 characters (limit 100")


def test_inputs_offset_map_for_extracted_text() -> None:
    source = "<p>ab</p>\n<p>cd</p>"
    offsets = OffsetMap.mapped([0, 10], len(source), [(0, 3), (2, 5), (3, 5), (4, 13)], 6)  # "ab\n\ncd"
    assert [offsets.locate(i) for i in range(7)] == [(1, 4), (1, 5), (1, 6), (1, 6), (2, 4), (2, 5), (2, 6)]
    assert offsets.index(2, 4) == 4 and offsets.index(1, 5) == 1
    with pytest.raises(IndexError):
        offsets.index(1, 1)  # "<": markup, not audited text
    assert offsets.text_offset(0) == 0 and offsets.text_offset(11) == 4 and offsets.text_offset(99) == 6
    with pytest.raises(ValueError):
        OffsetMap.mapped([0], 5, [(1, 0)], 3)


def test_inputs_layout_separates_and_collapses() -> None:
    layout = Layout(collapse_space=True)
    layout.begin("heading")
    layout.add_text("  Head  ", range(8))
    layout.begin("paragraph")
    layout.begin("caption")  # empty blocks leave no trace
    layout.add_text("a \n b", range(20, 25))
    layout.line_break(25)
    layout.add_text(" c ", range(26, 29))
    text, offsets, blocks = layout.build([0], 40)
    assert text == "Head\n\na b\nc"
    assert blocks == (Block(0, 4, "heading"), Block(6, 11, "caption"))
    assert [offsets.source_offset(i) for i in range(len(text))] == [2, 3, 4, 5, 6, 6, 20, 21, 24, 25, 27]


def test_inputs_block_kind_lookup() -> None:
    text = read_bytes(b"<h1>Head</h1><p>Body.</p><figure><figcaption>Cap.</figcaption></figure>", path="a.html")
    assert text.text == "Head\n\nBody.\n\nCap."
    assert [text.block_kind(i) for i in (0, 3, 4, 5, 6, 12)] == ["heading", "heading", None, None, None, None]
    assert text.block_kind(text.text.index("Cap.")) == "caption"
    assert read_bytes(b"Head\n\nBody.", path="a.txt").block_kind(0) is None


# --- page furniture -------------------------------------------------------------------------


def test_inputs_furniture_lines() -> None:
    source = (FIXTURES / "furniture.txt").read_text(encoding="utf-8")
    kinds = [(source[line.start : line.end], line.block) for line in segment.lines(source)]
    assert kinds == [
        ("Storm Cuts Power to Coastal Towns", "heading"),
        ("By Priya Nair and Sam Hill", "credit"),  # byline
        ("Published November 18, 2024 at 6:00 AM ET", "credit"),  # timestamp
        ("Updated 9:15 AM ET", "credit"),
        ("Crews repair a power line in Bayport on Monday. hide caption", "caption"),
        ("toggle caption", "caption"),
        ("Jordan Vale/The Coastal Times", "credit"),  # the photo credit after "toggle caption"
        ("Photo by Jordan Vale for The Coastal Times", "credit"),
        ("BAYPORT, Maine (AP) \u2014", "credit"),  # a dateline is a line of its own
        ("The utility said on Monday that 40,000 homes were still without power.", "paragraph"),
        ("A company spokesperson said crews from three states had arrived.", "paragraph"),
        ("Workers clear a fallen tree on Main Street. Getty Images", "credit"),
        ("Reporter Ada Kim contributed reporting from Portland.", "credit"),
    ]


@pytest.mark.parametrize(
    "line, block",
    [
        pytest.param("WASHINGTON \u2014", "credit", id="dateline-alone"),
        pytest.param("LONDON, Nov. 17 (Reuters) -", "credit", id="dateline-reuters"),
        pytest.param("ST. LOUIS --", "credit", id="dateline-double-hyphen"),
        pytest.param("Sunday, November 17, 2024", "credit", id="date"),
        pytest.param("Updated: Nov. 17, 2024 5:00 a.m.", "credit", id="updated"),
        pytest.param("Photo: A. Reporter", "credit", id="photo-credit"),  # LABELS.md: furniture whatever follows
        pytest.param("Image courtesy of the city", "credit", id="image-courtesy"),
        pytest.param("Copyright 2024 The Daily. All rights reserved.", "credit", id="copyright"),
        pytest.param("Updated figures show a 5 percent rise in costs.", "paragraph", id="updated-prose"),
        pytest.param("Published reports said 5 people died.", "paragraph", id="published-prose"),
        pytest.param("May 5, 2024, was the day the deal closed.", "paragraph", id="date-prose"),
        pytest.param("NATO said on Monday the alliance would meet.", "paragraph", id="caps-subject"),
        pytest.param("A U.S. official - who asked not to be named - spoke.", "paragraph", id="dash-prose"),
        pytest.param("By the fall of 2010, the plan had failed.", "paragraph", id="by-prose"),
    ],
)
def test_inputs_furniture_forms(line: str, block: str) -> None:
    source = "An opening sentence.\n" + line + "\n"
    assert segment.lines(source)[1].block == block


def test_inputs_dateline_starts_the_lead_sentence() -> None:
    source = "Headline\nKYIV, Ukraine (AP) \u2014 Ukrainian forces repelled an attack.\n"
    lead = source.index("Ukrainian forces")
    assert lead in segment.hard_breaks(source)
    assert [line.block for line in segment.lines(source)] == ["heading", "credit", "paragraph"]


# === through the command line and the engine ===============================================


def _cli(*args: Any, input: bytes | str | None = None) -> Any:
    """Run `attrib ARGS` in-process; stderr is kept apart from stdout."""
    from click.testing import CliRunner

    from attrib.cli import main

    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:  # click 8.2+ always keeps them apart
        runner = CliRunner()
    result = runner.invoke(main, [str(arg) for arg in args], input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.stdout + result.stderr
    return result


def _bad_inputs(tracked: bytes) -> list[tuple[str, bytes, str]]:
    return [
        ("notzip.docx", b"Just some text pretending.", "not a valid .docx file (not a zip archive)"),
        ("other.docx", _zip({"a.txt": b"x"}), "not a valid .docx file (a zip archive with no Word document in it)"),
        ("broken.docx", _broken_document_xml(tracked), "not a valid .docx file ("),
        (
            "scripts.html",
            b"<script>x()</script><nav>Home</nav>",
            "no text to audit (no text outside markup, scripts, styles and navigation)",
        ),
        ("code.md", b"```\nonly code\n```\n", "no text to audit (only code, front matter or markup)"),
        ("binary.md", b"# Head\x00\x01", "binary file (contains NUL bytes)"),
        ("blank.html", b"\n  \n", "empty file (no text to audit)"),
    ]


@pytest.mark.parametrize(
    "index",
    range(7),
    ids=["notzip-docx", "zip-not-docx", "broken-docx", "html-no-text", "md-only-code", "md-binary", "html-blank"],
)
def test_inputs_cli_bad_markup_input_exits_2_and_writes_nothing(
    tmp_path: Path, tracked_docx: tuple[bytes, list[str]], index: int
) -> None:
    name, data, reason = _bad_inputs(tracked_docx[0])[index]
    path = tmp_path / name
    path.write_bytes(data)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    result = _cli("audit", path, "--html", out_dir / "r.html", "-o", out_dir / "o.txt")
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"attrib: error: {path}: {reason}"), line
    assert result.stdout == "" and list(out_dir.iterdir()) == []


def test_inputs_cli_extract_without_trafilatura(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    out = tmp_path / "o.json"
    result = _cli("audit", FIXTURES / "full-page.html", "--extract", "main", "-o", out, "--no-html")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "attrib: error: --extract main needs trafilatura, which is not installed; "
        "install it with: pip install 'attrib[extract]'"
    ]
    assert not out.exists()


@pytest.mark.model
def test_inputs_cli_bad_file_among_formats(tmp_path: Path, tracked_docx: tuple[bytes, list[str]]) -> None:
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    good = tmp_path / "draft.docx"
    good.write_bytes(tracked_docx[0])
    reports = tmp_path / "reports"
    out = tmp_path / "audit.json"
    result = _cli(
        "audit",
        FIXTURES / "draft.md",
        bad,
        good,
        FIXTURES / "cms-fragment.html",
        "--html",
        reports,
        "-f",
        "json",
        "-o",
        out,
    )
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("attrib: error:")]
    assert errors == [f"attrib: error: {bad}: not a valid .docx file (not a zip archive)"]
    files = json.loads(out.read_text(encoding="utf-8"))["files"]
    assert [(f["path"], f["format"]) for f in files] == [
        (str(FIXTURES / "draft.md"), "md"),
        (str(good), "docx"),
        (str(FIXTURES / "cms-fragment.html"), "html"),
    ]
    assert files[1]["notes"][0].startswith("tracked changes: audited the accepted view")
    assert sorted(p.name for p in reports.glob("*.html") if p.name != "index.html") == [
        "cms-fragment.html",
        "draft-2.html",
        "draft.html",
    ]


@pytest.mark.model
@pytest.mark.parametrize("name", ["draft.md", "cms-fragment.html"])
def test_inputs_cli_stdin_filename_picks_the_reader(name: str) -> None:
    source = (FIXTURES / name).read_bytes()
    result = _cli("audit", "-", "--stdin-filename", name, "-f", "json", "--no-html", input=source)
    assert result.exit_code in (0, 1), result.stderr  # 1 only if a policy from another issue fails
    (audit,) = json.loads(result.stdout)["files"]
    assert (audit["path"], audit["format"]) == (name, name.rsplit(".", 1)[1])
    lines = _source_lines(source)
    for sentence in audit["sentences"]:
        assert _points_at(lines, sentence["line"], sentence["col"], sentence["text"][0]), sentence


@pytest.mark.model
def test_inputs_cli_stdin_docx(tracked_docx: tuple[bytes, list[str]]) -> None:
    data, accepted = tracked_docx
    result = _cli(
        "audit", "-", "--stdin-filename", "draft.docx", "-f", "json", "--no-html", "--max-chars", "1000", input=data
    )
    assert result.exit_code in (0, 1), result.stderr
    (audit,) = json.loads(result.stdout)["files"]
    assert audit["format"] == "docx"
    for sentence in audit["sentences"]:
        assert accepted[sentence["line"] - 1][sentence["col"] - 1] == sentence["text"][0]


@pytest.mark.model
def test_inputs_cli_extract_main(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura", reason="the extract extra is part of the test extra")
    result = _cli("audit", FIXTURES / "full-page.html", "--extract", "main", "-f", "json", "--no-html")
    assert result.exit_code in (0, 1), result.stderr
    (audit,) = json.loads(result.stdout)["files"]
    assert "Home" not in audit["text"] and "Dock workers voted" in audit["text"]
    assert any("extracted text" in note for note in audit["notes"])
    lines = _split_lines(audit["text"])
    for sentence in audit["sentences"]:
        assert lines[sentence["line"] - 1][sentence["col"] - 1] == sentence["text"][0]


def _every_format(tracked: tuple[bytes, list[str]]) -> list[tuple[str, bytes, list[str]]]:
    """(file name, bytes, the lines a position refers to) for every fixture in every format."""
    cases = []
    for path in [*sorted(FIXTURES.iterdir()), *SEEDS_DIR.glob("*.txt")]:
        text = path.read_text(encoding="utf-8")
        cases.append((path.name, text.encode("utf-8"), _split_lines(text)))
        crlf = text.replace("\n", "\r\n")
        cases.append((f"crlf-{path.name}", crlf.encode("utf-16"), _split_lines(crlf)))
    data, accepted = tracked
    cases.append(("draft.docx", data, accepted))
    return cases


@pytest.mark.model
def test_inputs_every_sentence_points_at_its_first_character(
    tmp_path: Path, tracked_docx: tuple[bytes, list[str]]
) -> None:
    from attrib.pipeline import audit_path

    checked: dict[str, int] = {}
    for name, data, lines in _every_format(tracked_docx):
        path = tmp_path / name
        path.write_bytes(data)
        audit = audit_path(path)
        assert audit.sentences, name
        for sentence in audit.sentences:
            first = sentence.span.text[0]
            assert _points_at(lines, sentence.line, sentence.col, first), (name, sentence.line, sentence.col, first)
        checked[audit.format] = checked.get(audit.format, 0) + len(audit.sentences)
    assert set(checked) == {"txt", "md", "html", "docx"}
    assert min(checked.values()) >= 8, checked


def _blocks_by_text(audit: Any) -> dict[str, str]:
    return {sentence.span.text: sentence.block for sentence in audit.sentences}


@pytest.mark.model
def test_inputs_reader_block_kinds_reach_the_audit(tmp_path: Path, tracked_docx: tuple[bytes, list[str]]) -> None:
    from attrib.pipeline import audit_path

    md = _blocks_by_text(audit_path(FIXTURES / "draft.md"))
    assert md["What changed"] == "heading"  # a "##" heading mid-article, not only the first line
    html_page = _blocks_by_text(audit_path(FIXTURES / "full-page.html"))
    assert html_page["Container ships wait outside the harbor."] == "caption"  # figcaption
    docx_path = tmp_path / "draft.docx"
    docx_path.write_bytes(tracked_docx[0])
    word = audit_path(docx_path)
    blocks = _blocks_by_text(word)
    assert blocks["Passengers wait for the last ferry on Thursday."] == "caption"  # Caption style
    assert blocks["Ferry Service Cut on Island Route"] == "heading"
    caption = next(s for s in word.sentences if s.block == "caption")
    assert caption.label == "unattributed"


@pytest.mark.model
def test_inputs_furniture_is_unattributed_and_not_scored() -> None:
    from attrib.pipeline import audit_path

    audit = audit_path(FIXTURES / "furniture.txt")
    source = (FIXTURES / "furniture.txt").read_text(encoding="utf-8")
    furniture_lines = {
        "By Priya Nair and Sam Hill": "credit",
        "Published November 18, 2024 at 6:00 AM ET": "credit",
        "Updated 9:15 AM ET": "credit",
        "Crews repair a power line in Bayport on Monday. hide caption": "caption",
        "toggle caption": "caption",
        "Jordan Vale/The Coastal Times": "credit",
        "Photo by Jordan Vale for The Coastal Times": "credit",
        "BAYPORT, Maine (AP) \u2014": "credit",
        "Workers clear a fallen tree on Main Street. Getty Images": "credit",
        "Reporter Ada Kim contributed reporting from Portland.": "credit",
    }
    for line, block in furniture_lines.items():
        start = source.index(line)
        inside = [s for s in audit.sentences if start <= s.span.start < start + len(line)]
        assert inside and all((s.block, s.label) == (block, "unattributed") for s in inside), (line, inside)
    prose = [s for s in audit.sentences if s.block == "paragraph"]
    assert [s.span.text for s in prose] == [
        "The utility said on Monday that 40,000 homes were still without power.",
        "A company spokesperson said crews from three states had arrived.",
    ]
    assert [s.label for s in prose] == ["named", "named"]
    assert audit.score.scored_sentences == 2
