"""Every error attrib raises on purpose, in one module, and the one-line form of any exception.

The CLI turns each of these into one line, `attrib: error: ...`, and exit code
2, never a traceback. A `PathError` names the file at fault (`PATH: reason`);
the others carry their own one-line message. The modules that raise them
import them from here (and some re-export them: `attrib.inputs.InputError`).
"""

from __future__ import annotations

from pathlib import Path


def one_line(value: str) -> str:
    """`value` printable on one line: a newline or an undecodable byte (surrogate escape) is shown escaped."""
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape", "backslashreplace").decode("ascii")
        for char in value
    )


def first_line(error: BaseException) -> str:
    """The first line of an exception's message, stripped; "" when it has none."""
    text = str(error).strip()
    return text.splitlines()[0] if text else ""


class PathError(Exception):
    """A user-facing problem with one file: shown as `PATH: reason` on one line, exit 2.

    The base of every error that names the file at fault (inputs, config,
    baselines, archives, outputs), so the CLI reports them all the same way.

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


class ConfigError(PathError):
    """A configuration file (or option) is invalid.

    Attributes:
        path: the file (or `--option` / `ATTRIB_*` variable) that holds the problem.
        reason: what is wrong, naming the key.
    """


class SuppressionError(PathError):
    """A baseline file cannot be read or written; the message names the file."""


class BatchError(PathError):
    """The archive or the output folder cannot be used; nothing was audited.

    Attributes:
        path: the input or output path at fault.
        reason: what is wrong.
    """


class OutputError(PathError):
    """An output path that must not be written (it is an input, a folder, ...): one line, exit 2."""


class RatingsError(PathError):
    """An editors' ratings file (`attrib eval --ratings`) that cannot be used: one line, exit 2."""


class RuleError(Exception):
    """A rule or lexicon file is invalid; the message names the file and rule."""


class ModelError(Exception):
    """The spaCy model cannot be loaded; the message says how to install it."""


class ServeError(Exception):
    """A problem starting the server (bad host, port in use); one line for the user."""


class GoldError(Exception):
    """A gold file that cannot be used: missing, malformed or inconsistent.

    Attributes:
        path: the gold file.
        reason: one line saying what is wrong and where (line, sentence).
    """

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
