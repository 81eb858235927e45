"""The one-line errors of bad input: `PATH: reason`, exit 2 at the CLI (a 4xx answer in a server).

Kept apart from the readers so that anything reporting bad input (the CLI,
batch rows, a server) can import them without loading a reader.
"""

from __future__ import annotations

__all__ = ["InputError", "PathError", "one_line"]


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
        return f"{one_line(self.path)}: {one_line(self.reason)}"


class InputError(PathError):
    """An input that cannot be audited: missing, unreadable, binary, empty or too large."""


def one_line(value: str) -> str:
    """`value` with every character that is not printable escaped (``\\n``, ``\\x1b``, ``\\udcff``)."""
    # Error messages are one line on stderr; a file name may hold a newline
    # or an undecodable byte (surrogate escape), so show those escaped.
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape", "backslashreplace").decode("ascii")
        for char in value
    )
