"""Write output files without ever destroying what the path points at.

The rules (issue 19):

- a regular file, or a path that does not exist yet, is replaced atomically:
  the content goes to a temporary file beside it, which is renamed over it;
- a symbolic link keeps being a link: its final target is written that way;
- a device, a FIFO or a socket (``/dev/null``, ``mkfifo`` pipes) is written
  directly, and ``/dev/stdout``, ``/dev/stderr``, ``/dev/fd/N`` go to the
  already-open descriptor (so a shell's ``>>`` append is honoured);
- a path that is the same file (device and inode) as one of the inputs is
  refused before anything is written (`OutputError`).

Temporary names are `.NAME.TOKEN.tmp`, shortened so that they never exceed
the folder's longest file name: any name the target fits, the temporary fits.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

from attrib.errors import OutputError

__all__ = ["OutputError", "FileId", "file_id", "check_outputs", "temporary_name", "write_output"]

FileId = tuple[int, int]  # (st_dev, st_ino)

_DESCRIPTOR = re.compile(r"^/(?:dev/fd|proc/self/fd)/(\d+)$")
_STANDARD = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}
_NAME_MAX_FALLBACK = 255


def file_id(path: str | os.PathLike[str]) -> FileId | None:
    """(device, inode) of the file `path` resolves to, or None when there is none."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino)


def check_outputs(outputs: Iterable[str | os.PathLike[str]], inputs: Iterable[FileId]) -> None:
    """Refuse, before anything is written, an output that is one of the inputs.

    Args:
        outputs: every path the run will write.
        inputs: (device, inode) of every input read (see `file_id`).

    Raises:
        OutputError: an output resolves to the same file as an input.
    """
    protected = {item for item in inputs if item is not None}
    for output in outputs:
        identity = file_id(output)
        if identity is not None and identity in protected and not _is_null_device(output):
            raise OutputError(os.fsdecode(output), "is also an input; refusing to overwrite it")


def write_output(path: str | os.PathLike[str], content: str | bytes) -> None:
    """Write `content` (text as UTF-8, bytes as they are) to `path` following the rules in the module docstring.

    Missing parent folders are created. An existing regular file keeps its
    permission bits; a new one gets the usual umask-derived mode.

    Raises:
        OutputError: the path is a folder.
        OSError: the file cannot be written (nothing partial is left behind).
    """
    data = content if isinstance(content, bytes) else content.encode("utf-8", "surrogateescape")
    shown = os.fsdecode(path)
    descriptor = _descriptor(shown)
    if descriptor is not None:
        _flush_standard_streams()
        _write_all(descriptor, data)
        return
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(shown, "is a directory, expected a file")
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_direct(target, data)
        return
    _replace(target, data, None if info is None else stat.S_IMODE(info.st_mode))


def temporary_name(name: str, token: str, name_max: int = _NAME_MAX_FALLBACK) -> str:
    """A hidden temporary name for `name` that is never longer (in bytes) than `name_max`.

    Args:
        name: the target's file name.
        token: a random part that keeps concurrent writers apart.
        name_max: the folder's longest file name in bytes.
    """
    suffix = f".{token}.tmp"
    room = name_max - 1 - len(suffix)  # 1 for the leading dot
    stem = name
    while len(os.fsencode(stem)) > room:  # cut whole characters, never half a UTF-8 sequence
        stem = stem[:-1]
    return f".{stem}{suffix}"


def _replace(target: Path, data: bytes, mode: int | None) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        name_max = os.pathconf(target.parent, "PC_NAME_MAX")
    except (OSError, ValueError):
        name_max = _NAME_MAX_FALLBACK
    temporary = target.with_name(
        temporary_name(target.name, f"{os.getpid()}{secrets.token_hex(4)}", name_max or _NAME_MAX_FALLBACK)
    )
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        try:
            if mode is not None:
                os.fchmod(handle, mode)
            _write_all(handle, data)
            os.fsync(handle)
        finally:
            os.close(handle)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _write_direct(target: Path, data: bytes) -> None:
    # A FIFO blocks here until someone reads it, as `cat > fifo` would.
    handle = os.open(target, os.O_WRONLY)
    try:
        _write_all(handle, data)
    finally:
        os.close(handle)


def _write_all(handle: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(handle, view)
        view = view[written:]


def _descriptor(path: str) -> int | None:
    """The open descriptor a /dev/std* or /dev/fd/N path names, or None for other paths."""
    if path in _STANDARD:
        return _STANDARD[path]
    match = _DESCRIPTOR.match(path)
    return int(match.group(1)) if match else None


def _is_null_device(path: str | os.PathLike[str]) -> bool:
    # `attrib audit /dev/null -o /dev/null` overwrites nothing.
    try:
        return stat.S_ISCHR(os.stat(path).st_mode)
    except OSError:
        return False


def _flush_standard_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
