"""Score audits against hand-labelled gold files (`eval/*.jsonl`, see LABELS.md).

A system is scored per gold sentence. Its label for a gold sentence is the
label of the system sentence that overlaps the gold span most (ties go to the
earlier system sentence); a gold sentence that no system sentence overlaps
counts as `unattributed` and is also counted as unaligned.

Gold files may also flag, on each anonymous sentence, whether the article
states a `reason` for the anonymity and a `basis` (how the source knows; see
LABELS.md, "Anonymity"). Those flags are scored against the register entry
(`Source.reason`, `Source.basis`) of the aligned system sentence's source.

A ratings file (two standards editors' 1-5 sourcing ratings of the gold
articles) scores the transparency score instead: Spearman's rho against the
editors' mean, the confusion of the rounded mean against the grade, and the
articles where they disagree most (`load_ratings`, `rate`, `format_ratings`).

This module is pure Python over records: it must not import spaCy, so the
metrics can be tested and recomputed from stored audits without a model.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from attrib.errors import GoldError, RatingsError
from attrib.records import LABELS, ArticleAudit, Score, SentenceResult, Source

_SENTENCE_KEYS = ("start", "end", "label", "source", "cue")
_ARTICLE_KEYS = ("id", "text", "sentences")
FLAGS = ("reason", "basis")  # optional booleans on anonymous gold sentences
_TEXT_WIDTH = 160  # sentence text shown per error in the text report


@dataclass(frozen=True)
class GoldSentence:
    """One annotated sentence: offsets into `GoldArticle.text` and its label."""

    start: int
    end: int
    label: str
    source: str
    cue: str
    reason: bool | None = None
    basis: bool | None = None


@dataclass(frozen=True)
class GoldArticle:
    """One annotated article of a gold file."""

    id: str
    text: str
    sentences: tuple[GoldSentence, ...]


@dataclass(frozen=True)
class Alignment:
    """The system's answer for one gold sentence.

    Attributes:
        gold: the gold sentence.
        label: the predicted label (`unattributed` when nothing overlaps).
        predicted: the system sentence that overlaps the gold span most, or None.
        overlap: characters shared by the gold span and `predicted` (0 if None).
    """

    gold: GoldSentence
    label: str
    predicted: SentenceResult | None
    overlap: int


@dataclass(frozen=True)
class EvalError:
    """A gold sentence the system labelled wrongly, with the evidence it used."""

    article_id: str
    start: int
    end: int
    text: str
    gold_label: str
    predicted_label: str
    gold_source: str
    gold_cue: str
    rule_id: str | None
    cue: str | None
    source: str | None
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.article_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "gold": self.gold_label,
            "predicted": self.predicted_label,
            "gold_source": self.gold_source,
            "gold_cue": self.gold_cue,
            "rule_id": self.rule_id,
            "cue": self.cue,
            "source": self.source,
            "why": self.why,
        }


@dataclass(frozen=True)
class WrongFlag:
    """A gold anonymous sentence whose reason or basis flag the system got wrong."""

    article_id: str
    start: int
    end: int
    text: str
    gold: dict[str, bool]
    predicted: dict[str, bool]
    gold_source: str
    source_id: str | None
    source: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.article_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "gold": dict(self.gold),
            "predicted": dict(self.predicted),
            "gold_source": self.gold_source,
            "source_id": self.source_id,
            "source": self.source,
        }


@dataclass(frozen=True)
class FlagReport:
    """How well the register's reason and basis match the gold flags.

    Attributes:
        n_sentences: gold anonymous sentences carrying both flags.
        per_flag: for `reason` and `basis`: `precision`, `recall` (floats),
            `support` (gold True), `predicted` (system True), `correct` (both True).
        both_right: share of those sentences whose two flags are both right.
        errors: sentences with a wrong flag, in article then sentence order.
    """

    n_sentences: int
    per_flag: dict[str, dict[str, float | int]]
    both_right: float
    errors: tuple[WrongFlag, ...]

    def to_dict(self, errors: int | None = None) -> dict[str, Any]:
        return {
            "n_sentences": self.n_sentences,
            "both_right": round(self.both_right, 4),
            "per_flag": {
                flag: {
                    key: round(value, 4) if isinstance(value, float) else value
                    for key, value in self.per_flag[flag].items()
                }
                for flag in FLAGS
            },
            "errors_total": len(self.errors),
            "errors": [error.to_dict() for error in self.errors[: _limit(errors, len(self.errors))]],
        }


@dataclass(frozen=True)
class EvalReport:
    """Agreement between the system and a gold file.

    Attributes:
        n_articles: articles scored.
        n_sentences: gold sentences scored.
        accuracy: share of gold sentences whose predicted label is the gold label.
        per_label: for each label in LABELS order, `precision`, `recall`, `f1`
            (floats) and `support` (gold count), `predicted` (system count).
        macro_f1: mean F1 over the labels that occur in gold or predictions.
        confusion: `confusion[gold][predicted]` counts; all 4x4 cells present.
        unaligned: gold sentences no system sentence overlapped.
        errors: misclassified gold sentences, in article then sentence order.
        flags: reason/basis scores, or None when no gold sentence carries flags.
    """

    n_articles: int
    n_sentences: int
    accuracy: float
    per_label: dict[str, dict[str, float | int]]
    macro_f1: float
    confusion: dict[str, dict[str, int]]
    unaligned: int
    errors: tuple[EvalError, ...]
    flags: FlagReport | None = None

    @property
    def n_correct(self) -> int:
        """Gold sentences labelled correctly (the confusion diagonal)."""
        return sum(self.confusion[label][label] for label in LABELS)

    @property
    def macro_labels(self) -> tuple[str, ...]:
        """The labels the macro-F1 averages over, in LABELS order."""
        return _present_labels(self.per_label)

    def to_dict(self, errors: int | None = None) -> dict[str, Any]:
        """Return a JSON-able view with floats rounded to 4 places.

        Args:
            errors: keep at most this many errors (None keeps all);
                `errors_total` always gives the full count.

        Returns:
            A dict with a fixed key order.
        """
        return {
            "n_articles": self.n_articles,
            "n_sentences": self.n_sentences,
            "n_correct": self.n_correct,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "macro_labels": list(self.macro_labels),
            "unaligned": self.unaligned,
            "per_label": {
                label: {
                    key: round(value, 4) if isinstance(value, float) else value
                    for key, value in self.per_label[label].items()
                }
                for label in LABELS
            },
            "confusion": {gold: {pred: self.confusion[gold][pred] for pred in LABELS} for gold in LABELS},
            "errors_total": len(self.errors),
            "errors": [error.to_dict() for error in self.errors[: _limit(errors, len(self.errors))]],
            "flags": self.flags.to_dict(errors) if self.flags is not None else None,
        }


def load_gold(path: str | Path) -> list[GoldArticle]:
    """Read and validate a gold JSONL file.

    Keys other than the ones LABELS.md defines (e.g. `publisher`) are ignored.

    Args:
        path: the gold file, one JSON object per article per line.

    Returns:
        The articles in file order, sentences in file order.

    Raises:
        GoldError: the file is missing or unreadable, a line is not valid JSON,
            a key is missing or has the wrong type, a label is unknown, an
            offset is out of range or start >= end, an id repeats, or the
            file holds no article.
    """
    content = _read(path, GoldError, "a gold file")

    articles: list[GoldArticle] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(path, f"line {number}: invalid JSON: {exc.msg} (column {exc.colno})") from None
        article = _parse_article(path, number, data)
        if article.id in seen:
            raise GoldError(path, f"line {number}: duplicate id {article.id!r} (first on line {seen[article.id]})")
        seen[article.id] = number
        articles.append(article)
    if not articles:
        raise GoldError(path, "no articles")
    return articles


def _read(path: str | Path, error: type[Exception], what: str) -> str:
    """The text of a gold or ratings file; `error(path, reason)` when it cannot be read."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise error(path, "no such file") from None
    except IsADirectoryError:
        raise error(path, f"is a directory, not {what}") from None
    except UnicodeDecodeError as exc:
        raise error(path, f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise error(path, f"cannot read: {exc.strerror}") from None


def _parse_article(path: str | Path, number: int, data: Any) -> GoldArticle:
    where = f"line {number}"
    if not isinstance(data, dict):
        raise GoldError(path, f"{where}: expected a JSON object, got {type(data).__name__}")
    _require(path, where, data, _ARTICLE_KEYS)
    if not isinstance(data["id"], str) or not data["id"]:
        raise GoldError(path, f"{where}: 'id' must be a non-empty string")
    if not isinstance(data["text"], str):
        raise GoldError(path, f"{where}: 'text' must be a string")
    if not isinstance(data["sentences"], list):
        raise GoldError(path, f"{where}: 'sentences' must be a list")
    where = f"{where} ({data['id']})"
    text: str = data["text"]
    sentences = tuple(
        _parse_sentence(path, f"{where}, sentence {index}", item, len(text))
        for index, item in enumerate(data["sentences"], start=1)
    )
    return GoldArticle(id=data["id"], text=text, sentences=sentences)


def _parse_sentence(path: str | Path, where: str, data: Any, length: int) -> GoldSentence:
    if not isinstance(data, dict):
        raise GoldError(path, f"{where}: expected a JSON object, got {type(data).__name__}")
    _require(path, where, data, _SENTENCE_KEYS)
    start, end, label = data["start"], data["end"], data["label"]
    # bool is an int subclass; `true` as an offset is a typo, not position 1
    for key in ("start", "end"):
        if not isinstance(data[key], int) or isinstance(data[key], bool):
            raise GoldError(path, f"{where}: {key!r} must be an integer, got {data[key]!r}")
    for key in ("source", "cue"):
        if not isinstance(data[key], str):
            raise GoldError(path, f"{where}: {key!r} must be a string, got {data[key]!r}")
    if label not in LABELS:
        raise GoldError(path, f"{where}: unknown label {label!r} (expected one of {', '.join(LABELS)})")
    if not 0 <= start < end <= length:
        raise GoldError(path, f"{where}: bad offsets [{start}:{end}] (need 0 <= start < end <= {length})")
    for key in FLAGS:
        if key in data and not isinstance(data[key], bool):
            raise GoldError(path, f"{where}: {key!r} must be true or false, got {data[key]!r}")
        if key in data and label != "anonymous":
            raise GoldError(path, f"{where}: {key!r} is only for anonymous sentences, this one is {label!r}")
    return GoldSentence(
        start=start,
        end=end,
        label=label,
        source=data["source"],
        cue=data["cue"],
        reason=data.get("reason"),
        basis=data.get("basis"),
    )


def _require(path: str | Path, where: str, data: dict[str, Any], keys: tuple[str, ...]) -> None:
    missing = [key for key in keys if key not in data]
    if missing:
        raise GoldError(path, f"{where}: missing key{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))}")


def align(gold: GoldArticle, audit: ArticleAudit) -> list[Alignment]:
    """Pick the system sentence that answers for each gold sentence.

    Args:
        gold: the annotated article.
        audit: the system's audit of the same text.

    Returns:
        One Alignment per gold sentence, in gold order. The chosen system
        sentence has the largest character overlap with the gold span; on a
        tie the earlier one in `audit.sentences` wins; with no overlap the
        label is `unattributed` and `predicted` is None.

    Raises:
        ValueError: the audited text is not as long as the gold text, so the
            offsets cannot refer to the same characters.
    """
    # Normalisation is length-preserving by contract; a length change means the
    # audit was run on different text and every overlap would be meaningless.
    if len(audit.text) != len(gold.text):
        raise ValueError(
            f"article {gold.id!r}: audited text has {len(audit.text)} characters, gold text has {len(gold.text)}"
        )
    alignments = []
    for sentence in gold.sentences:
        best: SentenceResult | None = None
        best_overlap = 0
        for candidate in audit.sentences:
            overlap = min(sentence.end, candidate.span.end) - max(sentence.start, candidate.span.start)
            if overlap > best_overlap:  # strict: a tie keeps the earlier sentence
                best, best_overlap = candidate, overlap
        label = best.label if best is not None else "unattributed"
        alignments.append(Alignment(gold=sentence, label=label, predicted=best, overlap=best_overlap))
    return alignments


def evaluate(gold: Iterable[GoldArticle], audits: Iterable[ArticleAudit]) -> EvalReport:
    """Score audits against gold articles, paired in order.

    Args:
        gold: the gold articles (e.g. from `load_gold`).
        audits: one audit per gold article, in the same order.

    Returns:
        The metrics, confusion matrix and misclassified sentences.

    Raises:
        ValueError: the two sequences differ in length, or an audit's text
            length differs from its gold article's (see `align`).
    """
    gold_list, audit_list = list(gold), list(audits)
    if len(gold_list) != len(audit_list):
        raise ValueError(f"{len(gold_list)} gold articles but {len(audit_list)} audits")

    confusion = {g: {p: 0 for p in LABELS} for g in LABELS}
    errors: list[EvalError] = []
    flagged: list[tuple[GoldArticle, Alignment, Source | None]] = []
    unaligned = 0
    for article, audit in zip(gold_list, audit_list):
        by_id = {source.id: source for source in audit.sources}
        for alignment in align(article, audit):
            sentence = alignment.gold
            if sentence.reason is not None and sentence.basis is not None:
                match = alignment.predicted
                flagged.append((article, alignment, by_id.get(match.source_id) if match and match.source_id else None))
            confusion[sentence.label][alignment.label] += 1
            if alignment.predicted is None:
                unaligned += 1
            if alignment.label != sentence.label:
                errors.append(_error(article, alignment))

    n_sentences = sum(sum(row.values()) for row in confusion.values())
    per_label: dict[str, dict[str, float | int]] = {}
    for label in LABELS:
        hits = confusion[label][label]
        support = sum(confusion[label].values())
        predicted = sum(confusion[g][label] for g in LABELS)
        precision = hits / predicted if predicted else 0.0
        recall = hits / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "support": support,
            "predicted": predicted,
        }
    # A label nobody used (neither gold nor system) says nothing about the
    # system; counting its F1 as 0 would punish a gold file for lacking it.
    present = _present_labels(per_label)
    macro_f1 = sum(float(per_label[label]["f1"]) for label in present) / len(present) if present else 0.0
    correct = sum(confusion[label][label] for label in LABELS)
    return EvalReport(
        n_articles=len(gold_list),
        n_sentences=n_sentences,
        accuracy=correct / n_sentences if n_sentences else 0.0,
        per_label=per_label,
        macro_f1=macro_f1,
        confusion=confusion,
        unaligned=unaligned,
        errors=tuple(errors),
        flags=score_flags(flagged) if flagged else None,
    )


def system_flags(source: Source | None) -> dict[str, bool]:
    """The register's answer for a sentence's source: is a reason stated, is a basis stated."""
    return {
        "reason": source is not None and source.reason is not None,
        "basis": source is not None and source.basis is not None,
    }


def score_flags(flagged: Iterable[tuple[GoldArticle, Alignment, Source | None]]) -> FlagReport:
    """Score reason/basis flags over gold anonymous sentences.

    Args:
        flagged: (article, alignment, the system source of the aligned sentence
            or None) for each gold sentence that carries both flags.

    Returns:
        Precision and recall of each flag and the share with both flags right.
    """
    counts = {flag: {"support": 0, "predicted": 0, "correct": 0} for flag in FLAGS}
    errors: list[WrongFlag] = []
    both = total = 0
    for article, alignment, source in flagged:
        sentence = alignment.gold
        gold = {"reason": bool(sentence.reason), "basis": bool(sentence.basis)}
        predicted = system_flags(source)
        total += 1
        for flag in FLAGS:
            counts[flag]["support"] += gold[flag]
            counts[flag]["predicted"] += predicted[flag]
            counts[flag]["correct"] += gold[flag] and predicted[flag]
        if gold == predicted:
            both += 1
        else:
            errors.append(
                WrongFlag(
                    article_id=article.id,
                    start=sentence.start,
                    end=sentence.end,
                    text=article.text[sentence.start : sentence.end],
                    gold=gold,
                    predicted=predicted,
                    gold_source=sentence.source,
                    source_id=source.id if source else None,
                    source=source.text if source else None,
                )
            )
    per_flag: dict[str, dict[str, float | int]] = {}
    for flag in FLAGS:
        row = counts[flag]
        per_flag[flag] = {
            "precision": row["correct"] / row["predicted"] if row["predicted"] else 0.0,
            "recall": row["correct"] / row["support"] if row["support"] else 0.0,
            **row,
        }
    return FlagReport(
        n_sentences=total, per_flag=per_flag, both_right=both / total if total else 0.0, errors=tuple(errors)
    )


def _present_labels(per_label: dict[str, dict[str, float | int]]) -> tuple[str, ...]:
    return tuple(label for label in LABELS if per_label[label]["support"] or per_label[label]["predicted"])


def _error(article: GoldArticle, alignment: Alignment) -> EvalError:
    sentence, predicted = alignment.gold, alignment.predicted
    primary = predicted.primary if predicted is not None else None
    return EvalError(
        article_id=article.id,
        start=sentence.start,
        end=sentence.end,
        text=article.text[sentence.start : sentence.end],
        gold_label=sentence.label,
        predicted_label=alignment.label,
        gold_source=sentence.source,
        gold_cue=sentence.cue,
        rule_id=primary.rule_id if primary else None,
        cue=primary.cue.text if primary else None,
        source=primary.source.text if primary and primary.source else None,
        why=predicted.why if predicted is not None else "no system sentence overlaps this span",
    )


def _limit(errors: int | None, total: int) -> int:
    if errors is None:
        return total
    if errors < 0:
        raise ValueError(f"errors must be >= 0 or None, got {errors}")
    return min(errors, total)


def _one_line(text: str, width: int = _TEXT_WIDTH) -> str:
    flat = " ".join(text.split())  # newlines and runs of spaces read as one space
    return flat if len(flat) <= width else flat[: width - 3] + "..."


def format_report(report: EvalReport, errors: int | None = 20) -> str:
    """Render a report as plain text for a terminal.

    The first line starts with `accuracy:` and the second with `macro-F1:`
    (hooks grep for them), followed by the per-label table, the confusion
    matrix and the misclassified sentences.

    Args:
        report: the report from `evaluate`.
        errors: show at most this many misclassified sentences; 0 shows none,
            None shows all.

    Returns:
        The report text, ending with a newline.
    """
    macro = f"macro-F1: {report.macro_f1:.4f}"
    absent = [label for label in LABELS if label not in report.macro_labels]
    if absent:
        macro += f" (over {len(report.macro_labels)} labels; absent: {', '.join(absent)})"
    lines = [
        f"accuracy: {report.accuracy:.4f} ({report.n_correct}/{report.n_sentences} sentences, "
        f"{report.n_articles} article{'' if report.n_articles == 1 else 's'})",
        macro,
        f"unaligned: {report.unaligned} (gold sentences that no system sentence overlaps)",
        "",
    ]

    width = max(len(label) for label in LABELS)
    lines.append(f"{'label':<{width}}  {'precision':>9}  {'recall':>6}  {'F1':>6}  {'support':>7}  {'predicted':>9}")
    for label in LABELS:
        row = report.per_label[label]
        lines.append(
            f"{label:<{width}}  {row['precision']:>9.4f}  {row['recall']:>6.4f}  {row['f1']:>6.4f}"
            f"  {row['support']:>7}  {row['predicted']:>9}"
        )

    lines += ["", "confusion (rows: gold, columns: predicted):"]
    corner = "gold \\ predicted"
    first = max(width, len(corner))
    cells = [max(len(label), 5) for label in LABELS]
    lines.append(f"{corner:<{first}}" + "".join(f"  {label:>{w}}" for label, w in zip(LABELS, cells)))
    for gold in LABELS:
        counts = "".join(f"  {report.confusion[gold][pred]:>{w}}" for pred, w in zip(LABELS, cells))
        lines.append(f"{gold:<{first}}{counts}")

    shown = report.errors[: _limit(errors, len(report.errors))]
    lines += ["", f"misclassified (showing {len(shown)} of {len(report.errors)}):"]
    for error in shown:
        lines.append(
            f"{error.article_id} [{error.start}:{error.end}] gold={error.gold_label} "
            f"pred={error.predicted_label} ({_evidence(error)})"
        )
        lines.append(f"    {_one_line(error.text)}")
        if error.why:
            lines.append(f"    why: {_one_line(error.why)}")
    if report.flags is not None:
        lines += ["", *format_flags(report.flags, errors)]
    return "\n".join(lines) + "\n"


def format_flags(flags: FlagReport, errors: int | None = 20) -> list[str]:
    """The reason/basis section of the text report: one line per flag, then the sentences it got wrong."""
    lines = [
        f"anonymity flags over {flags.n_sentences} gold anonymous sentences: both flags right {flags.both_right:.4f}"
    ]
    for flag in FLAGS:
        row = flags.per_flag[flag]
        lines.append(
            f"{flag}: recall {row['recall']:.4f} ({row['correct']}/{row['support']})  "
            f"precision {row['precision']:.4f} ({row['correct']}/{row['predicted']})"
        )
    shown = flags.errors[: _limit(errors, len(flags.errors))]
    lines += ["", f"wrong flags (showing {len(shown)} of {len(flags.errors)}):"]
    for error in shown:
        wrong = ", ".join(
            f"{flag} gold={str(error.gold[flag]).lower()} pred={str(error.predicted[flag]).lower()}"
            for flag in FLAGS
            if error.gold[flag] != error.predicted[flag]
        )
        source = f"{error.source_id} {_one_line(error.source)!r}" if error.source_id and error.source else "no source"
        lines.append(
            f"{error.article_id} [{error.start}:{error.end}] {wrong} (gold source "
            f"{_one_line(error.gold_source)!r}; system {source})"
        )
        lines.append(f"    {_one_line(error.text)}")
    return lines


def _evidence(error: EvalError) -> str:
    if error.rule_id is None:
        return "no attribution"
    parts = [f"rule {error.rule_id}"]
    if error.cue is not None:
        parts.append(f"cue {_one_line(error.cue)!r}")
    if error.source is not None:
        parts.append(f"source {_one_line(error.source)!r}")
    return ", ".join(parts)


# -- editors' ratings: how well the transparency score ranks articles -----------------------

RATING_KEYS = ("id", "mean", "r1", "r2")  # why1 / why2 (the editors' reasons) are optional
GRADES = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class Rating:
    """Two editors' 1-5 sourcing ratings of one gold article, their mean and reasons."""

    id: str
    mean: float
    r1: float
    r2: float
    why1: str = ""
    why2: str = ""


def load_ratings(
    path: str | Path, known: Collection[str] | None = None, gold: str | Path = "the gold file"
) -> list[Rating]:
    """Read and validate a ratings file.

    Line 1 may be `{"about": rubric}`; every other line is one object with
    `id`, `mean`, `r1` and `r2` (numbers from 1 to 5) and optional `why1`,
    `why2` strings.

    Args:
        path: the ratings file.
        known: the gold file's article ids; a rated id outside them is an error.
        gold: the gold file's name, for that message.

    Raises:
        RatingsError: unreadable file, a line not JSON or not an object, a
            missing key, a non-numeric or out-of-range rating, an id that
            repeats or is not in `known`, or no rating at all.
    """
    name = str(path)
    content = _read(name, RatingsError, "a ratings file")
    ratings: list[Rating] = []
    seen: dict[str, int] = {}
    first = True
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RatingsError(name, f"{where}: invalid JSON: {exc.msg} (column {exc.colno})") from None
        if not isinstance(data, dict):
            raise RatingsError(name, f"{where}: expected a JSON object, got {type(data).__name__}")
        if first and "about" in data and "id" not in data:
            first = False
            continue  # the rubric
        first = False
        missing = [key for key in RATING_KEYS if key not in data]
        if missing:
            raise RatingsError(name, f"{where}: missing key {', '.join(repr(k) for k in missing)}")
        if not isinstance(data["id"], str) or not data["id"]:
            raise RatingsError(name, f"{where}: 'id' must be a non-empty string")
        where = f"{where} ({data['id']})"
        for key in RATING_KEYS[1:]:
            value = data[key]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise RatingsError(name, f"{where}: {key!r} must be a number from 1 to 5, got {json.dumps(value)}")
            if not 1 <= value <= 5:
                raise RatingsError(name, f"{where}: {key!r} must be from 1 to 5, got {value:g}")
        for key in ("why1", "why2"):
            if not isinstance(data.get(key, ""), str):
                raise RatingsError(name, f"{where}: {key!r} must be a string")
        if data["id"] in seen:
            raise RatingsError(name, f"{where}: duplicate id (first on line {seen[data['id']]})")
        if known is not None and data["id"] not in known:
            raise RatingsError(name, f"{where}: id {data['id']!r} is not an article of {gold}")
        seen[data["id"]] = number
        ratings.append(
            Rating(
                id=data["id"],
                mean=float(data["mean"]),
                r1=float(data["r1"]),
                r2=float(data["r2"]),
                why1=data.get("why1", ""),
                why2=data.get("why2", ""),
            )
        )
    if not ratings:
        raise RatingsError(name, "no ratings")
    return ratings


def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks; tied values share the average of their ranks."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            result[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return result


def spearman(a: Sequence[float], b: Sequence[float]) -> float:
    """Spearman's rho with ties: Pearson's r of the average ranks (nan when either side is constant)."""
    if len(a) != len(b):
        raise ValueError(f"spearman needs two sequences of one length, got {len(a)} and {len(b)}")
    if not a:
        return float("nan")
    ra, rb = ranks(a), ranks(b)
    n = len(ra)
    ma, mb = sum(ra) / n, sum(rb) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    var = (sum((x - ma) ** 2 for x in ra) * sum((y - mb) ** 2 for y in rb)) ** 0.5
    return cov / var if var else float("nan")


def rounded(mean: float) -> int:
    """The editors' mean as a grade: halves round up (2.5 reads 3), as a reader would."""
    return math.floor(mean + 0.5)


def grade_confusion(rows: Sequence[float], grades: Sequence[int | None]) -> dict[float, list[int]]:
    """Counts of attrib's grade 1-5 for each distinct row value (sorted); an ungraded article counts nowhere."""
    return {
        row: [sum(1 for r, g in zip(rows, grades) if r == row and g == grade) for grade in GRADES]
        for row in sorted(set(rows))
    }


def format_confusion(table: dict[Any, list[int]], rows: str = "editors' mean") -> list[str]:
    """The confusion as text lines: one row per rating, columns attrib's grade 1-5, '.' for 0."""
    head = f"{rows} | attrib grade 1  2  3  4  5"
    lines = [head, "-" * len(head)]
    whole = all(float(row).is_integer() for row in table)  # rounded means read 3, not 3.0
    for row, cells in table.items():
        label = f"{int(row):{len(rows)}d}" if whole else f"{row:{len(rows)}.1f}"
        lines.append(f"{label} |              " + "  ".join(f"{c or '.'}" for c in cells))
    return lines


def grade_rule_miss(mean: float, grade: int | None) -> bool:
    """The grade contradicts the editors: rated >= 4 but graded <= 2, or rated <= 2 but graded >= 4."""
    return grade is not None and ((mean >= 4 and grade <= 2) or (mean <= 2 and grade >= 4))


def score_value(score: Score) -> float:
    """The 0-100 score for ranking; an article with nothing scored ranks lowest (0)."""
    return 0.0 if score.value is None else float(score.value)


@dataclass(frozen=True)
class Disagreement:
    """One rated article: the editors' ratings against attrib's score and grade."""

    id: str
    mean: float
    r1: float
    r2: float
    score: int | None
    grade: int | None
    grade_word: str | None
    summary: str
    gap: float | None  # |grade - mean|; None when nothing was scored

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "mean": self.mean,
            "r1": self.r1,
            "r2": self.r2,
            "score": self.score,
            "grade": self.grade,
            "grade_word": self.grade_word,
            "gap": None if self.gap is None else round(self.gap, 4),
            "summary": self.summary,
        }


@dataclass(frozen=True)
class RatingsReport:
    """How the transparency score agrees with two editors' ratings.

    Attributes:
        n: rated articles.
        rho: Spearman's rho, score vs the editors' mean (nan when a side is constant).
        rho_editors: Spearman's rho, editor 1 vs editor 2, for reference.
        confusion: `confusion[rounded mean]` = counts of attrib's grade 1-5.
        misses: ids that break the grade rule (see `grade_rule_miss`).
        articles: every rated article, largest disagreement first.
    """

    n: int
    rho: float
    rho_editors: float
    confusion: dict[int, list[int]]
    misses: tuple[str, ...]
    articles: tuple[Disagreement, ...]

    def to_dict(self, errors: int | None = None) -> dict[str, Any]:
        """A JSON-able view (rho rounded to 4 places, null when undefined); `errors` caps the disagreements."""
        return {
            "n": self.n,
            "rho": _rounded_rho(self.rho),
            "rho_editors": _rounded_rho(self.rho_editors),
            "confusion": {
                str(row): dict(zip((str(g) for g in GRADES), cells)) for row, cells in self.confusion.items()
            },
            "misses_total": len(self.misses),
            "misses": list(self.misses),
            "disagreements": [a.to_dict() for a in self.articles[: _limit(errors, len(self.articles))]],
        }


def _rounded_rho(rho: float) -> float | None:
    return None if math.isnan(rho) else round(rho, 4)


def rate(ratings: Sequence[Rating], scores: Sequence[Score]) -> RatingsReport:
    """Compare attrib's scores with the editors' ratings (same order, one score per rating)."""
    if len(ratings) != len(scores):
        raise ValueError(f"rate needs one score per rating, got {len(scores)} for {len(ratings)}")
    means = [r.mean for r in ratings]
    grades = [s.grade for s in scores]
    values = [score_value(s) for s in scores]
    score_ranks, mean_ranks = ranks(values), ranks(means)
    articles = [
        Disagreement(
            id=r.id,
            mean=r.mean,
            r1=r.r1,
            r2=r.r2,
            score=s.value,
            grade=s.grade,
            grade_word=s.grade_word,
            summary=s.summary,
            gap=None if s.grade is None else abs(s.grade - r.mean),
        )
        for r, s in zip(ratings, scores)
    ]
    # Largest grade gap first, then the larger rank gap (what costs rho); ungraded last.
    order = sorted(
        range(len(articles)),
        key=lambda i: (
            articles[i].gap is None,
            -(articles[i].gap or 0),
            -abs(score_ranks[i] - mean_ranks[i]),
            articles[i].id,
        ),
    )
    return RatingsReport(
        n=len(ratings),
        rho=spearman(values, means),
        rho_editors=spearman([r.r1 for r in ratings], [r.r2 for r in ratings]),
        confusion={int(k): v for k, v in grade_confusion([rounded(m) for m in means], grades).items()},
        misses=tuple(r.id for r, g in zip(ratings, grades) if grade_rule_miss(r.mean, g)),
        articles=tuple(articles[i] for i in order),
    )


def _rho_text(rho: float) -> str:
    return "n/a (one side is constant)" if math.isnan(rho) else f"{rho:.4f}"


def format_ratings(report: RatingsReport, errors: int | None = 20) -> str:
    """The ratings report as text: rho, the editors' rho, the confusion, the misses, the largest disagreements."""
    lines = [
        f"score vs editors' mean: Spearman rho {_rho_text(report.rho)} ({report.n} rated article"
        f"{'' if report.n == 1 else 's'})",
        f"editor 1 vs editor 2: Spearman rho {_rho_text(report.rho_editors)}",
        "",
        "grade confusion (rows: editors' mean, rounded half up; columns: attrib's grade):",
        *format_confusion(dict(report.confusion), rows="rounded mean"),
        "",
        f"grade-rule misses (rated >= 4 graded <= 2, or rated <= 2 graded >= 4): {len(report.misses)}",
    ]
    lines += [f"  {one}" for one in report.misses]
    shown = report.articles[: _limit(errors, len(report.articles))]
    lines += ["", f"largest disagreements (showing {len(shown)} of {len(report.articles)}):"]
    for article in shown:
        graded = (
            "not graded (nothing scored)"
            if article.grade is None
            else f"grade {article.grade}/5 {article.grade_word} (score {article.score}/100)"
        )
        lines.append(f"{article.id}: rated {article.mean:g} ({article.r1:g}, {article.r2:g}), {graded}")
        if article.summary:
            lines.append(f"    {_one_line(article.summary)}")
    return "\n".join(lines) + "\n"


__all__ = [
    "GoldError",
    "RatingsError",
    "Rating",
    "RatingsReport",
    "Disagreement",
    "load_ratings",
    "ranks",
    "spearman",
    "rounded",
    "grade_confusion",
    "format_confusion",
    "grade_rule_miss",
    "score_value",
    "rate",
    "format_ratings",
    "GoldSentence",
    "GoldArticle",
    "Alignment",
    "EvalError",
    "EvalReport",
    "WrongFlag",
    "FlagReport",
    "load_gold",
    "align",
    "evaluate",
    "format_report",
    "format_flags",
    "score_flags",
    "system_flags",
]
