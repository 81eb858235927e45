"""Find, merge and validate configuration; decide which files are in scope.

This is the only module that reads configuration TOML. For each audited file
the nearest of `.attrib.toml` > `attrib.toml` > `pyproject.toml [tool.attrib]`
(walking up from the file's folder) applies; `extend = "PATH"` chains configs;
`--config PATH` applies one file to every input and `--isolated` ignores every
config file. Layers, lowest first: built-in defaults, `ATTRIB_*` environment
variables, the config file, command-line options.

Every problem is a `ConfigError` naming the file and the key, which the CLI
prints as `attrib: error: FILE: reason` and turns into exit code 2.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pathspec

from attrib.audit.verdict import FailPolicy
from attrib.errors import ConfigError
from attrib.inputs import DEFAULT_MAX_CHARS, EXTENSIONS, not_a_file
from attrib.inputs.limits import MAX_CHARS_CEILING
from attrib.records import SEVERITIES, SEVERITY_RANK, ArticleAudit, Finding

CONFIG_NAMES = (".attrib.toml", "attrib.toml", "pyproject.toml")

# Folders nobody wants audited; `exclude` replaces this list, `extend-exclude` adds to it.
DEFAULT_EXCLUDE = (".git/", ".hg/", ".svn/", ".venv/", "venv/", "node_modules/", "__pypackages__/", "attrib-reports/")

# attrib's HTML reports and their index say so in the head (templates/*.html.j2);
# folder walks skip such files, so a second run never audits the first run's reports.
GENERATED_MARK = re.compile(rb'<meta\s+name="generator"\s+content="attrib[\s"]', re.IGNORECASE)
_MARK_WINDOW = 4096  # the tag sits in the first lines of the head

# `[tool.attrib.vocab]` key -> the lexicon it extends (attrib/rules/lexicons/NAME.txt).
VOCAB_LEXICONS = {
    "outlets": "outlets",  # names of news outlets: their sentences are `publication`
    "anonymous": "anonymous_heads",  # head nouns of unnamed sources ("stringer")
    "named": "named_bodies",  # institutions to treat as named ("the Mayor's Office")
}
# anonymous_heads is matched against one head noun, so its entries must be single words.
SINGLE_WORD_VOCAB = {"anonymous"}

# Top-level keys and what each holds; the README "Configuration" section documents them.
KEYS = (
    "extend",
    "fail-under",
    "fail-grade",
    "fail-level",
    "min-severity",
    "select",
    "ignore",
    "severity",
    "exclude",
    "extend-exclude",
    "per-file-ignores",
    "score",
    "vocab",
    "model",
    "max-chars",
)


@dataclass(frozen=True)
class Rooted:
    """A gitignore-style pattern and the folder it is relative to (the config file's folder)."""

    base: str
    pattern: str


@dataclass(frozen=True)
class FileIgnore:
    """One `per-file-ignores` entry: files matching `pattern` (relative to `base`) ignore `codes`."""

    base: str
    pattern: str
    codes: tuple[str, ...]
    origin: str  # the config file that set it, for the suppression reason


@dataclass(frozen=True)
class Config:
    """The effective settings for one file.

    Attributes:
        path: the config file these settings came from (None: no file).
        fail_under: fail the file when its score is below this (None: off).
        fail_grade: fail the file when its 1-5 grade is below this (None: off).
        fail_level: fail on an unsuppressed finding at or above this severity.
        min_severity: hide findings below this severity (display only).
        select: codes or prefixes to report (empty: all).
        ignore: codes or prefixes never to report.
        severity: per-code severity overrides.
        exclude: gitignore-style patterns that directory walks skip.
        per_file_ignores: codes ignored in files matching a pattern.
        weights: score weights from `[tool.attrib.audit.score]` (empty: packaged defaults).
        vocab: lexicon name -> extra lower-case entries (`[tool.attrib.vocab]`).
        model: spaCy model name or path (None: the default model).
        max_chars: refuse inputs longer than this.
    """

    path: str | None = None
    fail_under: int | None = None
    fail_grade: int | None = None
    fail_level: str = "error"
    min_severity: str = "info"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    exclude: tuple[Rooted, ...] = ()
    per_file_ignores: tuple[FileIgnore, ...] = ()
    weights: Mapping[str, Any] = field(default_factory=dict)
    vocab: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    model: str | None = None
    max_chars: int = DEFAULT_MAX_CHARS

    # -- codes ------------------------------------------------------------------------
    def selects(self, code: str) -> bool:
        """Whether `code` is reported: the most specific matching selector wins, `ignore` on a tie."""
        chosen = max((len(s) for s in self.select if code.startswith(s)), default=-1 if self.select else 0)
        ignored = max((len(s) for s in self.ignore if code.startswith(s)), default=-1)
        return chosen >= 0 and chosen > ignored

    def severity_of(self, code: str, default: str) -> str:
        """The configured severity of `code`, else its default."""
        return self.severity.get(code, default)

    def apply(self, findings: Sequence[Finding]) -> tuple[Finding, ...]:
        """Drop findings whose code is not selected and apply per-code severities."""
        # (replace() copies a finding: only where the configured severity differs)
        return tuple(
            f if (severity := self.severity_of(f.code, f.severity)) == f.severity else replace(f, severity=severity)
            for f in findings
            if self.selects(f.code)
        )

    def shown(self, finding: Finding) -> bool:
        """Whether a finding is displayed (`min-severity`); it may still count for the policy."""
        return SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[self.min_severity]

    # -- policy -----------------------------------------------------------------------
    def fail_policy(self) -> FailPolicy:
        """The thresholds this file must meet."""
        return FailPolicy(fail_level=self.fail_level, fail_under=self.fail_under, fail_grade=self.fail_grade)

    def failures(self, audit: ArticleAudit) -> tuple[str, ...]:
        """Why `audit` fails the policy, one reason per broken threshold (empty: it passes)."""
        return self.fail_policy().failures(audit)

    # -- files ------------------------------------------------------------------------
    def excludes(self, path: Path, is_dir: bool = False) -> bool:
        """Whether `exclude`/`extend-exclude` cover `path` (patterns are relative to their config)."""
        return any(_matches(rooted.base, rooted.pattern, path, is_dir) for rooted in self.exclude)

    def ignored_codes(self, path: Path) -> list[FileIgnore]:
        """The `per-file-ignores` entries that apply to `path`."""
        return [entry for entry in self.per_file_ignores if _matches(entry.base, entry.pattern, path, False)]

    def engine_key(self) -> tuple[str | None, tuple[tuple[str, tuple[str, ...]], ...], str]:
        """What the engine depends on (model, vocab, weights): files sharing it share one pipeline."""
        return (self.model, self.vocab_items(), json.dumps(self.weights, sort_keys=True))

    def vocab_items(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The house vocabulary as a sorted, hashable tuple (the pipeline caches on it)."""
        return tuple(sorted((name, tuple(entries)) for name, entries in self.vocab.items() if entries))


def _matches(base: str, pattern: str, path: Path, is_dir: bool) -> bool:
    try:
        relative = Path(os.path.abspath(path)).relative_to(base).as_posix()
    except ValueError:
        return False  # outside the config's folder: its patterns do not reach it
    if relative == ".":
        return False
    spec = _spec(pattern)
    return bool(spec.match_file(relative + "/" if is_dir else relative)) or (
        # a pattern naming a folder covers everything under it
        any(spec.match_file("/".join(relative.split("/")[:n]) + "/") for n in range(1, relative.count("/") + 1))
    )


_SPECS: dict[str, pathspec.PathSpec] = {}


def _spec(pattern: str) -> pathspec.PathSpec:
    if pattern not in _SPECS:
        _SPECS[pattern] = pathspec.GitIgnoreSpec.from_lines([pattern])
    return _SPECS[pattern]


# --- reading and validating one file -------------------------------------------------


def read_table(path: Path) -> dict[str, Any] | None:
    """The attrib settings table of a config file: the whole file, or `[tool.attrib]` of a pyproject.

    Returns:
        The table, or None for a pyproject.toml without `[tool.attrib]`.

    Raises:
        ConfigError: the file cannot be read or is not valid TOML.
    """
    shown = str(_shown(path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(shown, "no such config file") from None
    except IsADirectoryError:
        raise ConfigError(shown, "is a directory, expected a config file") from None
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise ConfigError(shown, f"cannot read config: {reason}") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(shown, f"invalid TOML: {err}") from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise ConfigError(shown, "invalid TOML: arrays or tables nested too deeply") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("attrib") if isinstance(tool, dict) else None
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError(shown, "tool.attrib must be a table")
        return table
    return data


def _prefix(path: Path) -> str:
    """How keys are named in errors: `tool.attrib.KEY` in a pyproject, `KEY` elsewhere."""
    return "tool.attrib." if path.name == "pyproject.toml" else ""


def validate(table: Mapping[str, Any], origin: str, base: str, *, section: str = "") -> dict[str, Any]:
    """Check a settings table and turn it into typed values.

    Args:
        table: the raw settings (TOML keys, e.g. "fail-under").
        origin: the file (or option source) to name in errors.
        base: the folder relative patterns are anchored at.
        section: prefix naming the table in errors ("tool.attrib.").

    Returns:
        A dict keyed by the TOML keys, values checked and normalised.

    Raises:
        ConfigError: an unknown key or a bad value, naming the key.
    """
    out: dict[str, Any] = {}
    for key, value in table.items():
        where = f"{section}{key}"
        if key not in KEYS:
            hint = difflib.get_close_matches(key, KEYS, n=1)
            raise ConfigError(origin, f"unknown key {where!r}" + (f" (did you mean {hint[0]!r}?)" if hint else ""))
        if key == "extend":
            out[key] = _string(value, origin, where)
        elif key == "fail-under":
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
                raise ConfigError(origin, f"{where} must be a whole number from 0 to 100, got {value!r}")
            out[key] = value
        elif key == "fail-grade":
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
                raise ConfigError(origin, f"{where} must be a whole number from 1 to 5, got {value!r}")
            out[key] = value
        elif key in ("fail-level", "min-severity"):
            out[key] = _severity(value, origin, where)
        elif key in ("select", "ignore"):
            out[key] = tuple(_selector(v, origin, where) for v in _strings(value, origin, where))
        elif key == "severity":
            out[key] = {
                _selector(code, origin, f"{where}.{code}", exact=True): _severity(level, origin, f"{where}.{code}")
                for code, level in _table(value, origin, where).items()
            }
        elif key in ("exclude", "extend-exclude"):
            out[key] = tuple(Rooted(base, pattern) for pattern in _strings(value, origin, where))
        elif key == "per-file-ignores":
            out[key] = tuple(
                FileIgnore(
                    base,
                    pattern,
                    tuple(
                        _selector(code, origin, f"{where}.{pattern!r}")
                        for code in _strings(codes, origin, f"{where}.{pattern!r}")
                    ),
                    origin,
                )
                for pattern, codes in _table(value, origin, where).items()
            )
        elif key == "score":
            out[key] = _weights(_table(value, origin, where), origin, where)
        elif key == "vocab":
            out[key] = _vocab(_table(value, origin, where), origin, where)
        elif key == "model":
            out[key] = _string(value, origin, where)
        elif key == "max-chars":
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_CHARS_CEILING:
                raise ConfigError(
                    origin,
                    f"{where} must be a whole number from 1 to {MAX_CHARS_CEILING} (spaCy's limit), got {value!r}",
                )
            out[key] = value
    return out


def _string(value: Any, origin: str, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(origin, f"{where} must be a non-empty string, got {value!r}")
    return value


def _strings(value: Any, origin: str, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise ConfigError(origin, f"{where} must be a list of non-empty strings, got {value!r}")
    return value


def _table(value: Any, origin: str, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(origin, f"{where} must be a table, got {value!r}")
    return value


def _severity(value: Any, origin: str, where: str) -> str:
    if value not in SEVERITIES:
        raise ConfigError(origin, f"{where} must be one of {', '.join(SEVERITIES)}, got {value!r}")
    return str(value)


def known_codes() -> tuple[str, ...]:
    """Every finding code attrib can report (the check table plus the suppression codes)."""
    from attrib.audit.checks import load_checks

    return tuple(load_checks())


def _selector(value: Any, origin: str, where: str, *, exact: bool = False) -> str:
    """A finding code (exact) or a code prefix such as "AN" or "WE3"."""
    codes = known_codes()
    if not isinstance(value, str) or not value:
        raise ConfigError(origin, f"{where}: expected a finding code, got {value!r}")
    if exact and value not in codes:
        raise ConfigError(origin, f"{where}: unknown finding code {value!r} (`attrib rule` lists them)")
    if not exact and not any(code.startswith(value) for code in codes):
        raise ConfigError(
            origin, f"{where}: {value!r} is not a finding code or a prefix of one (`attrib rule` lists them)"
        )
    return value


def _weights(table: dict[str, Any], origin: str, where: str) -> dict[str, Any]:
    from attrib.audit.score import validate_weights

    problems = validate_weights(table)
    if problems:
        raise ConfigError(origin, f"{where}: {problems[0]}")
    return table


def _vocab(table: dict[str, Any], origin: str, where: str) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for key, entries in table.items():
        if key not in VOCAB_LEXICONS:
            raise ConfigError(origin, f"unknown key {where}.{key!r} (expected one of {', '.join(VOCAB_LEXICONS)})")
        words = _strings(entries, origin, f"{where}.{key}")
        # Entries are literal and case-insensitive, never patterns: lower-case, single spaces.
        cleaned = sorted({" ".join(word.lower().split()) for word in words})
        if key in SINGLE_WORD_VOCAB:
            for word in cleaned:
                if " " in word:
                    raise ConfigError(
                        origin,
                        f"{where}.{key}: {word!r} must be one word (the head noun of the descriptor, e.g. 'stringer')",
                    )
        out[VOCAB_LEXICONS[key]] = tuple(cleaned)
    return out


# --- layering ----------------------------------------------------------------------------

# Longest `extend` chain followed (real setups use two or three; each link is one recursion).
MAX_EXTEND_CHAIN = 50


def load_chain(path: Path, _seen: tuple[Path, ...] = ()) -> tuple[dict[str, Any], str]:
    """Read a config file and everything it `extend`s, merged (the extending file wins).

    Args:
        path: the config file.

    Returns:
        The merged settings and the path to name as their origin.

    Raises:
        ConfigError: a bad file anywhere in the chain, or a cycle.
    """
    path = Path(os.path.abspath(path))
    if path in _seen:
        raise ConfigError(str(path), "extend: configuration files extend each other in a cycle")
    if len(_seen) >= MAX_EXTEND_CHAIN:
        raise ConfigError(str(_shown(_seen[0])), f"extend: a chain of more than {MAX_EXTEND_CHAIN} config files")
    table = read_table(path)
    if table is None:
        raise ConfigError(str(_shown(path)), "no [tool.attrib] table")
    settings = validate(table, str(_shown(path)), str(path.parent), section=_prefix(path))
    parent_name = settings.pop("extend", None)
    if parent_name is None:
        return settings, str(_shown(path))
    parent_path = path.parent / os.path.expanduser(parent_name)
    if not parent_path.is_file():
        raise ConfigError(str(_shown(path)), f"{_prefix(path)}extend = {parent_name!r}: no such config file")
    parent, _ = load_chain(parent_path, (*_seen, path))
    return merge(parent, settings), str(_shown(path))


def _shown(path: Path) -> Path:
    """A path as users like to see it: relative to the working folder when below it."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def merge(lower: Mapping[str, Any], upper: Mapping[str, Any]) -> dict[str, Any]:
    """Layer `upper` settings over `lower`: tables merge key by key, anything else is replaced."""
    out = dict(lower)
    for key, value in upper.items():
        if key in ("severity", "score", "vocab") and key in out:
            out[key] = {**out[key], **value}
        elif key == "extend-exclude" and key in out:
            out[key] = (*out[key], *value)
        else:
            out[key] = value
    return out


def build(settings: Mapping[str, Any], path: str | None, base: str) -> Config:
    """Turn validated, layered settings into a Config.

    Args:
        settings: merged settings keyed by TOML key.
        path: the config file they came from, if any.
        base: the folder the default exclude patterns are anchored at.
    """
    exclude = settings.get("exclude", tuple(Rooted(base, pattern) for pattern in DEFAULT_EXCLUDE))
    return Config(
        path=path,
        fail_under=settings.get("fail-under"),
        fail_grade=settings.get("fail-grade"),
        fail_level=settings.get("fail-level", "error"),
        min_severity=settings.get("min-severity", "info"),
        select=settings.get("select", ()),
        ignore=settings.get("ignore", ()),
        severity=dict(settings.get("severity", {})),
        exclude=(*exclude, *settings.get("extend-exclude", ())),
        per_file_ignores=settings.get("per-file-ignores", ()),
        weights=dict(settings.get("score", {})),
        vocab=dict(settings.get("vocab", {})),
        model=settings.get("model"),
        max_chars=settings.get("max-chars", DEFAULT_MAX_CHARS),
    )


def find_config(folder: Path) -> Path | None:
    """The nearest config file at or above `folder` (a pyproject without [tool.attrib] is skipped)."""
    folder = Path(os.path.abspath(folder))
    for directory in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                if name == "pyproject.toml" and read_table(candidate) is None:
                    continue
                return candidate
    return None


class Resolver:
    """Gives each file its effective Config, reading each config file once.

    Args:
        overrides: settings from command-line options (TOML keys), they win over files.
        defaults: settings from `ATTRIB_*` environment variables, below files.
        config: `--config PATH`: one file for every input (no discovery).
        isolated: `--isolated`: ignore every config file.
    """

    def __init__(
        self,
        overrides: Mapping[str, Any] | None = None,
        defaults: Mapping[str, Any] | None = None,
        config: str | None = None,
        isolated: bool = False,
    ) -> None:
        self.overrides = dict(overrides or {})
        self.defaults = dict(defaults or {})
        self.isolated = isolated
        self.explicit = Path(config) if config is not None else None
        self._by_file: dict[Path | None, Config] = {}
        self._by_folder: dict[Path, Path | None] = {}

    def for_path(self, path: str | os.PathLike[str]) -> Config:
        """The Config of a file (or a folder being walked): the nearest config file above it."""
        target = Path(os.path.abspath(path))
        folder = target if target.is_dir() else target.parent
        return self._config(self._locate(folder))

    def _locate(self, folder: Path) -> Path | None:
        if self.isolated:
            return None
        if self.explicit is not None:
            return self.explicit
        if folder not in self._by_folder:
            self._by_folder[folder] = find_config(folder)
        return self._by_folder[folder]

    def _config(self, file: Path | None) -> Config:
        if file not in self._by_file:
            settings: dict[str, Any] = dict(self.defaults)
            origin = None
            base = os.getcwd()
            if file is not None:
                chain, origin = load_chain(file)
                settings = merge(settings, chain)
                base = str(Path(os.path.abspath(file)).parent)
            settings = merge(settings, self.overrides)
            self._by_file[file] = build(settings, origin, base)
        return self._by_file[file]


# --- which files to audit --------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One input to audit and the settings that apply to it.

    Attributes:
        path: as shown to the user ("-" or the --stdin-filename for stdin).
        config: the effective settings.
        stdin: read from standard input rather than from `path`.
        error: why this named path gives nothing to audit (a folder with no article files).
        skipped: why a file found in a folder is not read (a FIFO, a device): a note, not an error.
    """

    path: str
    config: Config
    stdin: bool = False
    error: str | None = None
    skipped: str | None = None


def collect(
    paths: Sequence[str],
    resolver: Resolver,
    *,
    stdin_filename: str | None = None,
    force_exclude: bool = False,
    outputs: Sequence[str] = (),
) -> list[Target]:
    """Expand the command-line paths into the files to audit, in a stable order.

    Named files are always audited (unless `force_exclude` and an exclude pattern
    covers them). Directories are walked for known extensions, skipping what
    `.gitignore` files and `exclude`/`extend-exclude` cover, the `outputs` this
    run writes (the report folder, -o and --summary files) and HTML files attrib
    generated (`GENERATED_MARK`); a folder that
    yields no file becomes a Target with an `error`. A path that does not
    exist is kept, so that reading it reports the error.

    Raises:
        ConfigError: a config file on the way is invalid.
    """
    targets: list[Target] = []
    seen: set[str] = set()
    for name in paths:
        if name == "-":
            shown = stdin_filename or "-"
            config = resolver.for_path(stdin_filename if stdin_filename else os.getcwd() + os.sep + "-")
            targets.append(Target(shown, config, stdin=True))
            continue
        if os.path.isdir(name):
            found_any = False
            for found in _walk(Path(name), resolver, outputs):
                found_any = True
                key = os.path.abspath(found)
                if key not in seen:
                    seen.add(key)
                    targets.append(Target(found, resolver.for_path(found), skipped=not_a_file(found)))
            if not found_any:  # a named folder that yields nothing is most likely a wrong path
                kinds = ", ".join(sorted(EXTENSIONS))
                targets.append(
                    Target(
                        name,
                        resolver.for_path(name),
                        error=f"no files to audit (looked for {kinds}, outside .gitignore and exclude)",
                    )
                )
            continue
        config = resolver.for_path(name)
        if force_exclude and (config.excludes(Path(name)) or _gitignored(Path(name))):
            continue
        key = os.path.abspath(name)
        if key not in seen:
            seen.add(key)
            targets.append(Target(name, config))
    return targets


def _walk(top: Path, resolver: Resolver, outputs: Sequence[str] = ()) -> Iterator[str]:
    ignores = _GitIgnores(top)
    written = {os.path.abspath(path) for path in outputs}
    for folder, subfolders, files in os.walk(top):
        here = Path(folder)
        config = resolver.for_path(here)
        subfolders[:] = sorted(
            d
            for d in subfolders
            if not (
                config.excludes(here / d, is_dir=True)
                or ignores.ignored(here / d, is_dir=True)
                or os.path.abspath(here / d) in written
            )
        )
        for name in sorted(files):
            path = here / name
            if path.suffix.lower() not in EXTENSIONS:
                continue
            if resolver.for_path(path).excludes(path) or ignores.ignored(path, is_dir=False):
                continue
            if os.path.abspath(path) in written or (
                EXTENSIONS[path.suffix.lower()] == "html" and _generated_by_attrib(path)
            ):
                continue
            yield os.path.normpath(str(path))


def _generated_by_attrib(path: Path) -> bool:
    """Whether an HTML file is one of attrib's own reports (an unreadable one is left to the reader)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(_MARK_WINDOW)
    except OSError:
        return False
    return GENERATED_MARK.search(head) is not None


def _gitignored(path: Path) -> bool:
    """Whether git would ignore a named file: the file itself or any folder above it."""
    ignores = _GitIgnores(path.parent)
    absolute = Path(os.path.abspath(path))
    folders = [d for d in absolute.parents if d != ignores.root and ignores.root in d.parents]
    return any(ignores.ignored(d, is_dir=True) for d in folders) or ignores.ignored(absolute, is_dir=False)


class _GitIgnores:
    """The `.gitignore` files that govern a tree: from the repository root (or `top`) downwards."""

    def __init__(self, top: Path) -> None:
        top = Path(os.path.abspath(top))
        self.root = next((d for d in (top, *top.parents) if (d / ".git").exists()), top)
        self._specs: dict[Path, pathspec.GitIgnoreSpec | None] = {}

    def _spec(self, folder: Path) -> pathspec.GitIgnoreSpec | None:
        if folder not in self._specs:
            file = folder / ".gitignore"
            try:
                lines = file.read_text(encoding="utf-8", errors="replace").splitlines() if file.is_file() else None
            except OSError:
                lines = None
            self._specs[folder] = pathspec.GitIgnoreSpec.from_lines(lines) if lines else None
        return self._specs[folder]

    def ignored(self, path: Path, *, is_dir: bool) -> bool:
        """Git's answer: the deepest .gitignore with a matching pattern decides (last match wins)."""
        path = Path(os.path.abspath(path))
        if path.name == ".git":
            return True
        try:
            path.relative_to(self.root)
        except ValueError:
            return False
        verdict = False
        folders = [d for d in reversed(path.parents) if d == self.root or self.root in d.parents]
        for folder in folders:
            spec = self._spec(folder)
            if spec is None:
                continue
            relative = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
            result = spec.check_file(relative)
            if result.include is not None:
                verdict = bool(result.include)
        return verdict
