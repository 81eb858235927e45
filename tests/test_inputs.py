"""Tests for attrib.inputs: decoding, offsets, format dispatch and the bad-input policy."""

from __future__ import annotations

import codecs
import dataclasses
import errno
import os
import pickle
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import attrib.inputs as inputs
from attrib.inputs import DEFAULT_MAX_CHARS, InputError, OffsetMap, Text, format_for, read_bytes, read_path
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
        pytest.param(_file(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), DEFAULT_MAX_CHARS,
                     "binary file (contains NUL bytes)", id="binary-nul"),
        pytest.param(_file(codecs.BOM_UTF8 + b"text\x00"), DEFAULT_MAX_CHARS,
                     "binary file (contains NUL bytes)", id="binary-nul-after-utf8-bom"),
        pytest.param(_file(bytes(range(1, 256)) * 4), DEFAULT_MAX_CHARS,
                     "cannot decode text (binary or unknown encoding)", id="undecodable"),
        pytest.param(_file(codecs.BOM_UTF8 + b"caf\xe9"), DEFAULT_MAX_CHARS,
                     "cannot decode text (invalid utf-8 after its byte order mark)", id="bad-utf-8-after-bom"),
        pytest.param(_file(codecs.BOM_UTF16_LE + b"abc"), DEFAULT_MAX_CHARS,
                     "cannot decode text (invalid utf-16 after its byte order mark)", id="bad-utf-16-after-bom"),
        pytest.param(_file(b""), DEFAULT_MAX_CHARS, "empty file (no text to audit)", id="empty"),
        pytest.param(_file(b" \r\n\t\n  \xc2\xa0\n"), DEFAULT_MAX_CHARS, "empty file (no text to audit)",
                     id="whitespace-only"),
        pytest.param(_file(codecs.BOM_UTF8), DEFAULT_MAX_CHARS, "empty file (no text to audit)", id="bom-only"),
        pytest.param(_file("\u200b\n\u200b".encode()), DEFAULT_MAX_CHARS, "empty file (no text to audit)",
                     id="invisible-only"),
        pytest.param(_file(b"x" * 11), 10, "too large: 11 characters (limit 10; raise it with --max-chars)",
                     id="too-many-chars"),
        pytest.param(_file("é".encode() * 11), 10,
                     "too large: 11 characters (limit 10; raise it with --max-chars)", id="too-many-chars-multibyte"),
        pytest.param(_file(b"x" * 45), 10, "too large: 45 bytes (limit 10 characters; raise it with --max-chars)",
                     id="too-many-bytes"),
        pytest.param(_file(b"\x00" * 45, name="blob.bin"), 10,
                     "too large: 45 bytes (limit 10 characters; raise it with --max-chars)",
                     id="too-large-before-decoding"),
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
        pytest.param(OSError(errno.ELOOP, "Too many levels of symbolic links"), "too many levels of symbolic links",
                     id="symlink-loop"),
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
    code = "import sys, attrib.inputs, attrib.inputs.plain, attrib.inputs.offsets; print('spacy' in sys.modules)"
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
