"""Plain-text articles, and the byte decoding every text format shares.

Decoding keeps the characters exactly as they are in the file (only a
byte-order mark is removed), so offsets into the text map straight back to
the file's lines and columns.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import charset_normalizer

from attrib.inputs import InputError, Text
from attrib.inputs.offsets import OffsetMap

# Same window as git's binary check.
BINARY_SNIFF_BYTES = 8000

# How much of a file with NUL bytes charset-normalizer looks at to spot BOM-less UTF-16/32
# (even length keeps UTF-16 code units whole).
_WIDE_SAMPLE_BYTES = 65536

# UTF-32 first: its little-endian mark begins with the UTF-16 one.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Legacy English copy is almost always Windows-1252 (and WHATWG reads
# latin-1 labels as windows-1252), but on mostly-ASCII text the detector
# cannot tell single-byte Latin code pages apart and may pick e.g. cp775,
# turning "naïve" into mojibake. So when the detector lists cp1252 among
# its candidates, it wins.
_PREFERRED_GUESS = "cp1252"


@dataclass(frozen=True)
class Decoded:
    """Bytes decoded to text.

    Attributes:
        text: the characters, byte-order mark removed.
        encoding: the codec used ("utf-8", "utf-8-sig", "utf-16", "utf-32",
            or the normalised name of a guessed codec such as "cp1252").
        notes: remarks for the user, set when the encoding was guessed.
    """

    text: str
    encoding: str
    notes: tuple[str, ...] = ()


def decode(data: bytes, *, path: str) -> Decoded:
    """Decode the bytes of a text file.

    A UTF-32/UTF-16 byte-order mark selects that codec. Otherwise a NUL byte
    in the first `BINARY_SNIFF_BYTES` bytes means binary; a UTF-8 mark is
    stripped; strict UTF-8 is tried; and failing that charset-normalizer
    guesses the encoding.

    Args:
        data: the raw bytes.
        path: the path to name in errors.

    Returns:
        The `Decoded` text and the encoding used.

    Raises:
        InputError: if the bytes are binary or cannot be decoded.
    """
    for bom, codec in _WIDE_BOMS:
        if data.startswith(bom):
            try:
                # The "utf-16"/"utf-32" codecs read the mark for byte order and drop it.
                return Decoded(data.decode(codec), codec)
            except UnicodeDecodeError:
                raise InputError(path, f"cannot decode text (invalid {codec} after its byte order mark)") from None
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        wide = _wide_without_bom(data)
        if wide is None:
            raise InputError(path, "binary file (contains NUL bytes)")
        return wide
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(path, "cannot decode text (invalid utf-8 after its byte order mark)") from None
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _guess(data, path=path)


def read(data: bytes, *, path: str) -> Text:
    """Read a plain-text article.

    Args:
        data: the raw bytes of the file.
        path: the path as given by the user.

    Returns:
        A `Text` with format "txt" whose offsets map to the file's lines.

    Raises:
        InputError: if the bytes are binary or cannot be decoded.
    """
    decoded = decode(data, path=path)
    return Text(
        text=decoded.text,
        path=path,
        format="txt",
        offsets=OffsetMap.from_text(decoded.text),
        encoding=decoded.encoding,
        notes=decoded.notes,
    )


def _wide_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 or UTF-32 text saved without a byte-order mark (NUL bytes are its ASCII half), or None.

    charset-normalizer names the codec from a sample; the whole file must then
    decode strictly to text that looks like what leaves NULs in UTF-16/32
    (mostly Latin characters, no control characters), so binary files, which
    hold NULs too, stay refused.
    """
    best = charset_normalizer.from_bytes(data[:_WIDE_SAMPLE_BYTES]).best()
    if best is None or not best.encoding.startswith(("utf_16", "utf_32")):
        return None
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    latin = sum(1 for char in text if char < "\u0100")
    if latin * 2 < len(text) or any(char < " " and char not in "\t\n\r\f" for char in text):
        return None
    name = codecs.lookup(best.encoding).name
    return Decoded(text, name, (f"decoded as {name} (no byte order mark; encoding detected)",))


def _guess(data: bytes, *, path: str) -> Decoded:
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(path, "cannot decode text (binary or unknown encoding)")
    candidates = [best.encoding]
    if any(_PREFERRED_GUESS in match.could_be_from_charset for match in matches):
        candidates.insert(0, _PREFERRED_GUESS)
    for candidate in candidates:
        try:
            # Decode the whole payload ourselves: the detector only samples it.
            text = data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
        name = codecs.lookup(candidate).name
        return Decoded(text, name, (f"decoded as {name} (not valid utf-8; encoding guessed)",))
    raise InputError(path, "cannot decode text (binary or unknown encoding)")
