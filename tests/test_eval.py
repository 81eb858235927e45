"""Tests for attrib.evaluate: gold loading, alignment and the metrics.

Every record is built by hand, so nothing here needs spaCy or a model.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from attrib.evaluate import (
    EvalReport,
    GoldArticle,
    GoldError,
    GoldSentence,
    align,
    evaluate,
    format_report,
    load_gold,
)
from attrib.records import LABELS, ArticleAudit, Attribution, Score, SentenceResult, Span

# --- builders ---------------------------------------------------------------


def _result(
    index: int,
    text: str,
    start: int,
    end: int,
    label: str,
    *,
    rule_id: str | None = None,
    cue: tuple[int, int] | None = None,
    source: tuple[int, int] | None = None,
    why: str = "",
) -> SentenceResult:
    """A system sentence over text[start:end]; `cue`/`source` are offsets."""
    primary = None
    if rule_id is not None and cue is not None:
        primary = Attribution(
            rule_id=rule_id,
            label=label,
            cue=Span(cue[0], cue[1], text[cue[0] : cue[1]]),
            source=Span(source[0], source[1], text[source[0] : source[1]]) if source else None,
            source_rule="",
            role="main",
        )
    return SentenceResult(
        index=index,
        span=Span(start, end, text[start:end]),
        block="paragraph",
        label=label,
        line=1,
        col=start + 1,
        primary=primary,
        others=(),
        why=why,
    )


def _audit(text: str, sentences: list[SentenceResult]) -> ArticleAudit:
    return ArticleAudit(
        path="<test>",
        text=text,
        sentences=tuple(sentences),
        score=Score(
            value=None,
            quality=None,
            coverage=None,
            counts={},
            scored_sentences=0,
            terms=(),
            credits=(),
            weights={},
            formula="",
        ),
        model="none",
        attrib_version="test",
    )


def _spans(*lengths: int) -> tuple[str, list[tuple[int, int]]]:
    """Text of consecutive sentences of the given lengths, and their offsets."""
    offsets, start = [], 0
    for length in lengths:
        offsets.append((start, start + length))
        start += length
    return "x" * start, offsets


def _paired(pairs: list[tuple[str, str]], article_id: str = "a") -> tuple[GoldArticle, ArticleAudit]:
    """One article whose system sentences match the gold spans exactly."""
    text, offsets = _spans(*[10] * len(pairs))
    gold = GoldArticle(
        id=article_id,
        text=text,
        sentences=tuple(GoldSentence(s, e, g, "", "") for (s, e), (g, _) in zip(offsets, pairs)),
    )
    audit = _audit(text, [_result(i, text, s, e, p) for i, ((s, e), (_, p)) in enumerate(zip(offsets, pairs))])
    return gold, audit


def _write(tmp_path: Path, lines: list[Any]) -> Path:
    """Write a gold file; str items are written verbatim, others as JSON."""
    path = tmp_path / "gold.jsonl"
    path.write_text("".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines), encoding="utf-8")
    return path


ARTICLE_TEXT = "Officials said the strike hit.\nSmith said it was late. The Times reported a delay."


def _gold_row(**overrides: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": "npr-1",
        "publisher": "NPR",  # extra keys are ignored
        "text": ARTICLE_TEXT,
        "sentences": [
            {"start": 0, "end": 30, "label": "anonymous", "source": "Officials", "cue": "said"},
            {"start": 31, "end": 54, "label": "named", "source": "Smith", "cue": "said"},
            {"start": 55, "end": 82, "label": "publication", "source": "The Times", "cue": "reported"},
        ],
    }
    row.update(overrides)
    return row


def _sentence(**overrides: Any) -> dict[str, Any]:
    item = {"start": 0, "end": 30, "label": "anonymous", "source": "Officials", "cue": "said"}
    item.update(overrides)
    return item


# The main hand-worked case (gold, predicted), publication never used:
#   named:        tp 2, support 3, predicted 4 -> P 1/2, R 2/3, F1 4/7
#   anonymous:    tp 1, support 3, predicted 2 -> P 1/2, R 1/3, F1 2/5
#   unattributed: tp 1, support 2, predicted 2 -> P 1/2, R 1/2, F1 1/2
PAIRS = [
    ("named", "named"),
    ("named", "named"),
    ("named", "anonymous"),
    ("anonymous", "anonymous"),
    ("anonymous", "named"),
    ("anonymous", "unattributed"),
    ("unattributed", "unattributed"),
    ("unattributed", "named"),
]


# --- load_gold --------------------------------------------------------------


def test_evaluate_load_gold_reads_articles_and_ignores_extra_keys(tmp_path: Path) -> None:
    second = _gold_row(id="npr-2", sentences=[_sentence(start=31, end=54, label="unattributed", source="", cue="")])
    path = _write(tmp_path, [_gold_row(), "", second])  # blank lines are skipped

    articles = load_gold(path)

    assert [a.id for a in articles] == ["npr-1", "npr-2"]
    assert articles[0].text == ARTICLE_TEXT
    assert articles[0].sentences[1] == GoldSentence(31, 54, "named", "Smith", "said")
    assert articles[1].sentences == (GoldSentence(31, 54, "unattributed", "", ""),)


def test_evaluate_gold_error_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.jsonl"
    with pytest.raises(GoldError) as info:
        load_gold(path)
    assert info.value.path == str(path)
    assert info.value.reason == "no such file"
    assert str(info.value) == f"{path}: no such file"


@pytest.mark.parametrize(
    "lines, reason",
    [
        pytest.param(
            [_gold_row(), '{"id": "b", "text": '],
            "line 2: invalid JSON: Expecting value (column 21)",
            id="bad-json-names-line",
        ),
        pytest.param(["[1, 2]"], "line 1: expected a JSON object, got list", id="not-an-object"),
        pytest.param([{"id": "a", "sentences": []}], "line 1: missing key 'text'", id="missing-article-key"),
        pytest.param(
            [_gold_row(sentences=[{"start": 0, "end": 30, "label": "named"}])],
            "line 1 (npr-1), sentence 1: missing keys 'source', 'cue'",
            id="missing-sentence-keys",
        ),
        pytest.param(
            [_gold_row(), _gold_row(id="b", sentences=[_sentence(), _sentence(label="quoted")])],
            "line 2 (b), sentence 2: unknown label 'quoted' "
            "(expected one of named, anonymous, publication, unattributed)",
            id="unknown-label",
        ),
        pytest.param(
            [_gold_row(sentences=[_sentence(start=30, end=30)])],
            "line 1 (npr-1), sentence 1: bad offsets [30:30] (need 0 <= start < end <= 82)",
            id="start-equals-end",
        ),
        pytest.param(
            [_gold_row(sentences=[_sentence(start=40, end=31)])],
            "line 1 (npr-1), sentence 1: bad offsets [40:31] (need 0 <= start < end <= 82)",
            id="start-after-end",
        ),
        pytest.param(
            [_gold_row(sentences=[_sentence(start=-1)])],
            "line 1 (npr-1), sentence 1: bad offsets [-1:30] (need 0 <= start < end <= 82)",
            id="negative-start",
        ),
        pytest.param(
            [_gold_row(sentences=[_sentence(start=55, end=83)])],
            "line 1 (npr-1), sentence 1: bad offsets [55:83] (need 0 <= start < end <= 82)",
            id="end-past-text",
        ),
        pytest.param(
            [_gold_row(sentences=[_sentence(start="0")])],
            "line 1 (npr-1), sentence 1: 'start' must be an integer, got '0'",
            id="string-offset",
        ),
        pytest.param([_gold_row(), _gold_row()], "line 2: duplicate id 'npr-1' (first on line 1)", id="duplicate-id"),
        pytest.param(["", "  "], "no articles", id="empty-file"),
    ],
)
def test_evaluate_gold_error_names_the_problem(tmp_path: Path, lines: list[Any], reason: str) -> None:
    path = _write(tmp_path, lines)
    with pytest.raises(GoldError) as info:
        load_gold(path)
    assert info.value.reason == reason
    assert str(info.value) == f"{path}: {reason}"
    assert "\n" not in str(info.value)


# --- align ------------------------------------------------------------------


@pytest.mark.parametrize(
    "system, expected_index, expected_overlap",
    [
        # gold span is [10, 30) throughout
        pytest.param([(0, 10), (10, 30), (30, 40)], 1, 20, id="exact-match"),
        pytest.param([(0, 18), (18, 40)], 1, 12, id="split-larger-second-part-wins"),
        pytest.param([(0, 24), (24, 40)], 0, 14, id="split-larger-first-part-wins"),
        pytest.param([(0, 40)], 0, 20, id="system-merges-gold-sentences"),
        pytest.param([(0, 20), (20, 40)], 0, 10, id="tie-goes-to-earlier"),
        pytest.param([(0, 10), (30, 40)], None, 0, id="touching-is-not-overlap"),
    ],
)
def test_evaluate_align_picks_largest_overlap(
    system: list[tuple[int, int]], expected_index: int | None, expected_overlap: int
) -> None:
    text = "x" * 40
    gold = GoldArticle("a", text, (GoldSentence(10, 30, "named", "Smith", "said"),))
    labels = ["anonymous", "named", "publication"]
    audit = _audit(text, [_result(i, text, s, e, labels[i]) for i, (s, e) in enumerate(system)])

    (alignment,) = align(gold, audit)

    assert alignment.overlap == expected_overlap
    if expected_index is None:
        assert alignment.predicted is None
        assert alignment.label == "unattributed"
    else:
        assert alignment.predicted is audit.sentences[expected_index]
        assert alignment.label == labels[expected_index]


def test_evaluate_align_handles_sentences_split_differently_from_gold() -> None:
    # gold: [0,30) [30,60) [60,90); system: [0,45) [45,50) [50,90)
    text = "x" * 90
    gold = GoldArticle(
        "a",
        text,
        tuple(GoldSentence(s, e, "named", "", "") for s, e in [(0, 30), (30, 60), (60, 90)]),
    )
    audit = _audit(
        text,
        [
            _result(0, text, 0, 45, "named"),
            _result(1, text, 45, 50, "anonymous"),
            _result(2, text, 50, 90, "publication"),
        ],
    )

    alignments = align(gold, audit)

    # the middle gold sentence shares 15 chars with system 0, 5 with 1, 10 with 2
    assert [(a.predicted.index if a.predicted else None, a.overlap) for a in alignments] == [(0, 30), (0, 15), (2, 30)]
    assert [a.label for a in alignments] == ["named", "named", "publication"]


def test_evaluate_align_rejects_audit_of_different_text() -> None:
    gold = GoldArticle("a", "x" * 10, (GoldSentence(0, 10, "named", "", ""),))
    with pytest.raises(ValueError, match="audited text has 9 characters, gold text has 10"):
        align(gold, _audit("x" * 9, []))


# --- evaluate: metrics ------------------------------------------------------


def test_evaluate_per_label_metrics_match_hand_computation() -> None:
    gold, audit = _paired(PAIRS)

    report = evaluate([gold], [audit])

    expected = {
        "named": (Fraction(1, 2), Fraction(2, 3), Fraction(4, 7), 3, 4),
        "anonymous": (Fraction(1, 2), Fraction(1, 3), Fraction(2, 5), 3, 2),
        "publication": (0, 0, 0, 0, 0),
        "unattributed": (Fraction(1, 2), Fraction(1, 2), Fraction(1, 2), 2, 2),
    }
    assert list(report.per_label) == list(LABELS)
    for label, (precision, recall, f1, support, predicted) in expected.items():
        row = report.per_label[label]
        assert row["precision"] == pytest.approx(float(precision))
        assert row["recall"] == pytest.approx(float(recall))
        assert row["f1"] == pytest.approx(float(f1))
        assert (row["support"], row["predicted"]) == (support, predicted)
    assert report.n_articles == 1
    assert report.n_sentences == 8
    assert report.n_correct == 4
    assert report.accuracy == pytest.approx(0.5)
    assert report.unaligned == 0


@pytest.mark.parametrize(
    "extra, macro_labels, macro_f1",
    [
        # publication has no support and is never predicted: left out of the mean
        pytest.param(
            [],
            ("named", "anonymous", "unattributed"),
            (Fraction(4, 7) + Fraction(2, 5) + Fraction(1, 2)) / 3,
            id="absent-label-excluded",
        ),
        # predicted once but never gold: it counts, with F1 0 (and unattributed drops to 2/5)
        pytest.param(
            [("unattributed", "publication")],
            LABELS,
            (Fraction(4, 7) + Fraction(2, 5) + 0 + Fraction(2, 5)) / 4,
            id="predicted-only-label-included",
        ),
    ],
)
def test_evaluate_macro_f1_averages_labels_in_use(
    extra: list[tuple[str, str]], macro_labels: tuple[str, ...], macro_f1: Fraction
) -> None:
    gold, audit = _paired(PAIRS + extra)

    report = evaluate([gold], [audit])

    assert report.macro_labels == macro_labels
    assert report.macro_f1 == pytest.approx(float(macro_f1))


def test_evaluate_confusion_matrix_has_every_cell_in_label_order() -> None:
    gold, audit = _paired(PAIRS)

    report = evaluate([gold], [audit])

    assert list(report.confusion) == list(LABELS)
    assert all(list(row) == list(LABELS) for row in report.confusion.values())
    assert report.confusion == {
        "named": {"named": 2, "anonymous": 1, "publication": 0, "unattributed": 0},
        "anonymous": {"named": 1, "anonymous": 1, "publication": 0, "unattributed": 1},
        "publication": {"named": 0, "anonymous": 0, "publication": 0, "unattributed": 0},
        "unattributed": {"named": 1, "anonymous": 0, "publication": 0, "unattributed": 1},
    }


def test_evaluate_counts_unaligned_as_unattributed() -> None:
    text = "x" * 30
    gold = GoldArticle(
        "a",
        text,
        (
            GoldSentence(0, 10, "named", "Smith", "said"),
            GoldSentence(10, 20, "anonymous", "officials", "said"),
            GoldSentence(20, 30, "unattributed", "", ""),
        ),
    )
    audit = _audit(text, [_result(0, text, 0, 10, "named")])  # system covers only the first

    report = evaluate([gold], [audit])

    assert report.unaligned == 2
    assert report.confusion["anonymous"]["unattributed"] == 1
    assert report.confusion["unattributed"]["unattributed"] == 1
    (error,) = report.errors
    assert (error.start, error.predicted_label, error.rule_id) == (10, "unattributed", None)
    assert error.why == "no system sentence overlaps this span"


def test_evaluate_rejects_unpaired_inputs() -> None:
    gold, audit = _paired(PAIRS)
    with pytest.raises(ValueError, match="2 gold articles but 1 audits"):
        evaluate([gold, gold], [audit])


def test_evaluate_empty_input_gives_zeros() -> None:
    report = evaluate([], [])
    assert (report.n_sentences, report.accuracy, report.macro_f1, report.macro_labels) == (0, 0.0, 0.0, ())
    assert format_report(report).startswith("accuracy: 0.0000 (0/0 sentences, 0 articles)\nmacro-F1: 0.0000")


# --- evaluate: errors -------------------------------------------------------


def _two_articles() -> EvalReport:
    """Two articles, three misclassified sentences, one of them with evidence."""
    text = ARTICLE_TEXT
    first = GoldArticle(
        "npr-1",
        text,
        (
            GoldSentence(0, 30, "anonymous", "Officials", "said"),
            GoldSentence(31, 54, "named", "Smith", "said"),
            GoldSentence(55, 82, "publication", "The Times", "reported"),
        ),
    )
    first_audit = _audit(
        text,
        [
            _result(
                0,
                text,
                0,
                31,
                "named",
                rule_id="named.speech-verb-subject",
                cue=(10, 14),
                source=(0, 9),
                why='named: "Officials" said',
            ),
            _result(1, text, 31, 55, "named", rule_id="named.speech-verb-subject", cue=(37, 41), source=(31, 36)),
            _result(2, text, 55, 82, "unattributed", why="unattributed: no cue"),
        ],
    )
    second, second_audit = _paired([("named", "named"), ("anonymous", "publication")], article_id="npr-2")
    return evaluate([first, second], [first_audit, second_audit])


def test_evaluate_lists_errors_in_article_then_sentence_order() -> None:
    report = _two_articles()

    assert [(e.article_id, e.start, e.gold_label, e.predicted_label) for e in report.errors] == [
        ("npr-1", 0, "anonymous", "named"),
        ("npr-1", 55, "publication", "unattributed"),
        ("npr-2", 10, "anonymous", "publication"),
    ]
    first = report.errors[0]
    assert first.text == "Officials said the strike hit."  # the gold span, not the system's
    assert (first.gold_source, first.gold_cue) == ("Officials", "said")
    assert (first.rule_id, first.cue, first.source) == ("named.speech-verb-subject", "said", "Officials")
    assert first.why == 'named: "Officials" said'
    assert (report.errors[1].rule_id, report.errors[1].cue, report.errors[1].source) == (None, None, None)


def test_evaluate_to_dict_rounds_and_serialises() -> None:
    gold, audit = _paired(PAIRS)
    report = evaluate([gold], [audit])

    data = report.to_dict()

    assert json.loads(json.dumps(data)) == data
    assert data["accuracy"] == 0.5
    assert data["macro_f1"] == 0.4905  # (4/7 + 2/5 + 1/2) / 3 = 0.490476...
    assert data["per_label"]["named"] == {
        "precision": 0.5,
        "recall": 0.6667,
        "f1": 0.5714,
        "support": 3,
        "predicted": 4,
    }
    assert data["per_label"]["anonymous"]["recall"] == 0.3333
    assert data["confusion"]["anonymous"] == {"named": 1, "anonymous": 1, "publication": 0, "unattributed": 1}
    assert data["macro_labels"] == ["named", "anonymous", "unattributed"]
    assert data["errors_total"] == 4
    assert len(data["errors"]) == 4
    # the same report always serialises to the same text
    assert json.dumps(report.to_dict()) == json.dumps(evaluate([gold], [audit]).to_dict())


@pytest.mark.parametrize("limit, shown", [(None, 3), (0, 0), (2, 2), (10, 3)])
def test_evaluate_to_dict_errors_limit(limit: int | None, shown: int) -> None:
    data = _two_articles().to_dict(errors=limit)
    assert data["errors_total"] == 3
    assert [e["start"] for e in data["errors"]] == [0, 55, 10][:shown]
    if shown:
        assert data["errors"][0]["id"] == "npr-1"
        assert data["errors"][0]["cue"] == "said"


def test_evaluate_rejects_negative_errors_limit() -> None:
    with pytest.raises(ValueError, match="errors must be >= 0"):
        _two_articles().to_dict(errors=-1)


# --- format_report ----------------------------------------------------------


def test_evaluate_format_report_headline_table_and_confusion() -> None:
    report = _two_articles()

    lines = format_report(report).splitlines()

    assert lines[0] == "accuracy: 0.4000 (2/5 sentences, 2 articles)"
    assert lines[1].startswith("macro-F1: ")
    assert "accuracy" in lines[0] and "macro-F1" in lines[1]
    header = next(line for line in lines if line.startswith("label"))
    assert header.split() == ["label", "precision", "recall", "F1", "support", "predicted"]
    named_row = next(line for line in lines if line.startswith("named ")).split()
    # named: tp 2 of 3 predicted, support 2
    assert named_row == ["named", "0.6667", "1.0000", "0.8000", "2", "3"]
    start = lines.index("confusion (rows: gold, columns: predicted):")
    assert lines[start + 1].split()[-4:] == list(LABELS)
    assert lines[start + 2].split() == ["named", "2", "0", "0", "0"]
    assert lines[start + 3].split() == ["anonymous", "1", "0", "1", "0"]


def test_evaluate_format_report_error_entry() -> None:
    text = format_report(_two_articles(), errors=1)

    assert "misclassified (showing 1 of 3):" in text
    entry = text.split("misclassified (showing 1 of 3):\n")[1].splitlines()
    assert entry[0] == (
        "npr-1 [0:30] gold=anonymous pred=named (rule named.speech-verb-subject, cue 'said', source 'Officials')"
    )
    assert entry[1] == "    Officials said the strike hit."
    assert entry[2] == '    why: named: "Officials" said'
    assert len(entry) == 3


@pytest.mark.parametrize("limit, shown", [(0, 0), (2, 2), (None, 3)])
def test_evaluate_format_report_errors_limit(limit: int | None, shown: int) -> None:
    text = format_report(_two_articles(), errors=limit)

    assert f"misclassified (showing {shown} of 3):" in text
    assert sum(" gold=" in line for line in text.splitlines()) == shown


def test_evaluate_format_report_flattens_and_truncates_sentence_text() -> None:
    body = "word " * 60 + "\nend"
    text = body + "."
    gold = GoldArticle("long", text, (GoldSentence(0, len(text), "named", "X", "said"),))
    report = evaluate([gold], [_audit(text, [_result(0, text, 0, len(text), "unattributed")])])

    entry = format_report(report).split("misclassified (showing 1 of 1):\n")[1].splitlines()

    assert entry[0] == f"long [0:{len(text)}] gold=named pred=unattributed (no attribution)"
    assert entry[1].startswith("    word word ")
    assert entry[1].endswith("...")
    assert len(entry[1]) == 4 + 160
    assert "\n" not in entry[1]


def test_evaluate_format_report_notes_absent_label() -> None:
    gold, audit = _paired(PAIRS)
    second_line = format_report(evaluate([gold], [audit])).splitlines()[1]
    assert second_line == "macro-F1: 0.4905 (over 3 labels; absent: publication)"


# --- end to end over a gold file ---------------------------------------------


def test_evaluate_gold_file_end_to_end(tmp_path: Path) -> None:
    (article,) = load_gold(_write(tmp_path, [_gold_row()]))
    text = article.text
    # the system splits the article differently: sentence 2 runs into sentence 3
    audit = _audit(
        text,
        [
            _result(0, text, 0, 31, "anonymous"),
            _result(1, text, 31, 70, "named"),
            _result(2, text, 70, 82, "publication"),
        ],
    )

    report = evaluate([article], [audit])

    # gold [55:82] overlaps system 1 by 15 chars and system 2 by 12: named wins
    assert report.confusion["publication"]["named"] == 1
    assert (report.n_correct, report.n_sentences) == (2, 3)
    assert [e.start for e in report.errors] == [55]


# --- reason/basis flags -------------------------------------------------------


def _flagged(
    flags: list[tuple[bool, bool]], predicted: list[tuple[bool, bool] | None]
) -> tuple[GoldArticle, ArticleAudit]:
    """Gold anonymous sentences with (reason, basis) flags; each system sentence has its own source
    with the predicted (reason, basis), or no source at all (None)."""
    from dataclasses import replace

    from attrib.records import Source, SourceMention

    text, offsets = _spans(*[10] * len(flags))
    gold = GoldArticle(
        "a",
        text,
        tuple(
            GoldSentence(s, e, "anonymous", "x", "said", reason=r, basis=b) for (s, e), (r, b) in zip(offsets, flags)
        ),
    )
    sentences, sources = [], []
    for index, ((start, end), answer) in enumerate(zip(offsets, predicted)):
        sentence = _result(index, text, start, end, "anonymous" if answer else "unattributed")
        if answer is not None:
            span = Span(start, start + 2, text[start : start + 2])
            sources.append(
                Source(
                    f"S{index + 1}",
                    "anonymous",
                    "x",
                    "source.anonymous-descriptor",
                    (SourceMention(index, span),),
                    reason=span if answer[0] else None,
                    basis=span if answer[1] else None,
                )
            )
            sentence = replace(sentence, source_id=f"S{index + 1}")
        sentences.append(sentence)
    return gold, replace(_audit(text, sentences), sources=tuple(sources))


def test_evaluate_flags_hand_computed() -> None:
    # gold (reason, basis) vs system: reason tp 1 fn 1 fp 1; basis tp 2 fn 0 fp 1; both right 3 of 5 (no source says neither)
    gold, audit = _flagged(
        [(True, True), (True, False), (False, True), (False, False), (False, False)],
        [(True, True), (False, False), (False, True), (True, True), None],
    )
    flags = evaluate([gold], [audit]).flags
    assert flags is not None and flags.n_sentences == 5
    assert flags.per_flag["reason"] == {"precision": 0.5, "recall": 0.5, "support": 2, "predicted": 2, "correct": 1}
    assert flags.per_flag["basis"] == {
        "precision": pytest.approx(2 / 3),
        "recall": 1.0,
        "support": 2,
        "predicted": 3,
        "correct": 2,
    }
    assert flags.both_right == pytest.approx(3 / 5)
    assert [(e.start, e.source_id) for e in flags.errors] == [(10, "S2"), (30, "S4")]
    text = format_report(evaluate([gold], [audit]))
    assert "anonymity flags over 5 gold anonymous sentences: both flags right 0.6000" in text
    assert "reason: recall 0.5000 (1/2)  precision 0.5000 (1/2)" in text
    assert "a [10:20] reason gold=true pred=false (gold source 'x'; system S2 'x')" in text
    data = evaluate([gold], [audit]).to_dict(errors=1)
    assert data["flags"]["both_right"] == 0.6 and data["flags"]["errors_total"] == 2
    assert len(data["flags"]["errors"]) == 1


def test_evaluate_no_flags_no_flag_report() -> None:
    gold, audit = _paired([("anonymous", "anonymous")])
    report = evaluate([gold], [audit])
    assert report.flags is None and report.to_dict()["flags"] is None
    assert "anonymity flags" not in format_report(report)


def test_evaluate_gold_flags_are_read_and_checked(tmp_path: Path) -> None:
    row = _gold_row()
    row["sentences"][0].update(reason=False, basis=True)
    (article,) = load_gold(_write(tmp_path, [row]))
    assert (article.sentences[0].reason, article.sentences[0].basis) == (False, True)
    assert article.sentences[1].reason is None
    row["sentences"][0]["reason"] = "yes"
    with pytest.raises(GoldError, match=r"'reason' must be true or false"):
        load_gold(_write(tmp_path, [row]))
    row = _gold_row()
    row["sentences"][1]["basis"] = True
    with pytest.raises(GoldError, match=r"'basis' is only for anonymous sentences"):
        load_gold(_write(tmp_path, [row]))


# --- editors' ratings (attrib eval --ratings) --------------------------------

from attrib.evaluate import (  # noqa: E402  (kept next to the tests that use them)
    Rating,
    RatingsError,
    format_confusion,
    format_ratings,
    grade_confusion,
    grade_rule_miss,
    load_ratings,
    ranks,
    rate,
    rounded,
    spearman,
)


def _score(value: int | None, grade: int | None, word: str | None = None, summary: str = "") -> Score:
    return Score(
        value=value,
        quality=None,
        coverage=None,
        counts={},
        scored_sentences=0 if value is None else 3,
        terms=(),
        credits=(),
        weights={},
        formula="",
        grade=grade,
        grade_word=word,
        summary=summary,
    )


def _rating(article_id: str, r1: float, r2: float) -> dict[str, Any]:
    return {"id": article_id, "mean": (r1 + r2) / 2, "r1": r1, "r2": r2, "why1": "because", "why2": "so"}


def _ratings_file(tmp_path: Path, rows: list[Any], about: bool = True) -> Path:
    path = tmp_path / "ratings.jsonl"
    lines = ([json.dumps({"about": "a 1-5 rubric"})] if about else []) + [
        row if isinstance(row, str) else json.dumps(row) for row in rows
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_eval_spearman_handles_ties() -> None:
    assert ranks([3, 1, 3, 2]) == [3.5, 1.0, 3.5, 2.0]
    assert spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(4.5 / 22.5**0.5)
    assert spearman([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert spearman([10, 20, 30], [1, 5, 9]) == pytest.approx(1.0)  # ranks, not values
    assert spearman([2, 2, 2], [1, 2, 3]) != spearman([2, 2, 2], [1, 2, 3])  # nan: one side constant


def test_eval_rounded_mean_rounds_halves_up() -> None:
    assert [rounded(m) for m in (1.0, 1.5, 2.0, 2.5, 3.5, 4.5, 5.0)] == [1, 2, 2, 3, 4, 5, 5]


@pytest.mark.parametrize(
    "mean, grade, miss",
    [
        (4.0, 2, True),
        (4.5, 1, True),
        (4.0, 3, False),
        (2.0, 4, True),
        (1.5, 5, True),
        (2.0, 3, False),
        (2.5, 4, False),
        (3.5, 2, False),
        (4.0, None, False),
    ],
)
def test_eval_grade_rule_miss(mean: float, grade: int | None, miss: bool) -> None:
    assert grade_rule_miss(mean, grade) is miss


def test_eval_load_ratings_reads_the_rubric_line_and_ratings(tmp_path: Path) -> None:
    path = _ratings_file(tmp_path, [_rating("a", 1, 2), "", {"id": "b", "mean": 4, "r1": 4, "r2": 4}])
    assert load_ratings(path, {"a", "b", "c"}) == [
        Rating(id="a", mean=1.5, r1=1.0, r2=2.0, why1="because", why2="so"),
        Rating(id="b", mean=4.0, r1=4.0, r2=4.0),
    ]
    assert [r.id for r in load_ratings(_ratings_file(tmp_path, [_rating("a", 3, 3)], about=False))] == ["a"]


@pytest.mark.parametrize(
    "rows, reason",
    [
        ([{"id": "a", "mean": 2, "r1": 2}], "line 2: missing key 'r2'"),
        ([{"mean": 2, "r1": 2, "r2": 2}], "line 2: missing key 'id'"),
        (
            [{"id": "a", "mean": "high", "r1": 2, "r2": 2}],
            "line 2 (a): 'mean' must be a number from 1 to 5, got \"high\"",
        ),
        ([{"id": "a", "mean": 2, "r1": True, "r2": 2}], "line 2 (a): 'r1' must be a number from 1 to 5, got true"),
        ([{"id": "a", "mean": 2, "r1": None, "r2": 2}], "line 2 (a): 'r1' must be a number from 1 to 5, got null"),
        ([{"id": "a", "mean": 6, "r1": 6, "r2": 6}], "line 2 (a): 'mean' must be from 1 to 5, got 6"),
        ([_rating("a", 2, 2), _rating("zz", 3, 3)], "line 3 (zz): id 'zz' is not an article of gold.jsonl"),
        ([_rating("a", 2, 2), _rating("a", 3, 3)], "line 3 (a): duplicate id (first on line 2)"),
        (["{not json"], "line 2: invalid JSON: Expecting property name enclosed in double quotes (column 2)"),
        (["[1, 2]"], "line 2: expected a JSON object, got list"),
        ([{"id": "a", "mean": 2, "r1": 2, "r2": 2, "why1": 7}], "line 2 (a): 'why1' must be a string"),
        ([], "no ratings"),
    ],
)
def test_eval_load_ratings_names_the_problem(tmp_path: Path, rows: list[Any], reason: str) -> None:
    path = _ratings_file(tmp_path, rows)
    with pytest.raises(RatingsError) as raised:
        load_ratings(path, {"a", "b"}, "gold.jsonl")
    assert str(raised.value) == f"{path}: {reason}"


def test_eval_load_ratings_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RatingsError, match="no such file"):
        load_ratings(tmp_path / "absent.jsonl")


def test_eval_rate_ranks_confuses_and_lists_the_largest_disagreements() -> None:
    ratings = [Rating("a", 1.5, 1, 2), Rating("b", 2.5, 2, 3), Rating("c", 4.5, 4, 5), Rating("d", 4.0, 4, 4)]
    scores = [
        _score(10, 1, "poor", "0 of 4 claims"),
        _score(80, 4, "good", "4 of 5 claims"),
        _score(90, 5, "exemplary", "5 of 5 claims"),
        _score(20, 2, "weak", "1 of 3 claims"),
    ]
    report = rate(ratings, scores)
    assert report.n == 4
    assert report.rho == pytest.approx(spearman([10, 80, 90, 20], [1.5, 2.5, 4.5, 4.0]))
    assert report.rho_editors == pytest.approx(spearman([1, 2, 4, 4], [2, 3, 5, 4]))
    assert report.confusion == {2: [1, 0, 0, 0, 0], 3: [0, 0, 0, 1, 0], 4: [0, 1, 0, 0, 0], 5: [0, 0, 0, 0, 1]}
    assert report.misses == ("d",)  # rated 4, graded 2
    assert [a.id for a in report.articles] == ["d", "b", "a", "c"]  # gaps 2, 1.5, then 0.5 and 0.5 by id
    assert report.articles[0].summary == "1 of 3 claims"

    data = report.to_dict(errors=2)
    assert data["rho"] == round(report.rho, 4) and data["misses"] == ["d"] and data["misses_total"] == 1
    assert data["confusion"]["4"] == {"1": 0, "2": 1, "3": 0, "4": 0, "5": 0}
    assert [d["id"] for d in data["disagreements"]] == ["d", "b"]
    assert data["disagreements"][0] == {
        "id": "d",
        "mean": 4.0,
        "r1": 4,
        "r2": 4,
        "score": 20,
        "grade": 2,
        "grade_word": "weak",
        "gap": 2.0,
        "summary": "1 of 3 claims",
    }
    assert json.dumps(data) == json.dumps(rate(ratings, scores).to_dict(errors=2))  # deterministic

    text = format_ratings(report, errors=1)
    lines = text.splitlines()
    assert lines[0] == f"score vs editors' mean: Spearman rho {report.rho:.4f} (4 rated articles)"
    assert lines[1] == f"editor 1 vs editor 2: Spearman rho {report.rho_editors:.4f}"
    assert "grade-rule misses (rated >= 4 graded <= 2, or rated <= 2 graded >= 4): 1" in lines
    assert "  d" in lines
    assert "largest disagreements (showing 1 of 4):" in lines
    assert lines[-2:] == ["d: rated 4 (4, 4), grade 2/5 weak (score 20/100)", "    1 of 3 claims"]


def test_eval_rate_ungraded_article_ranks_lowest_and_lists_last() -> None:
    ratings = [Rating("empty", 3.0, 3, 3), Rating("x", 2.0, 2, 2), Rating("y", 4.0, 4, 4)]
    report = rate(ratings, [_score(None, None), _score(30, 2, "weak"), _score(70, 4, "good")])
    assert report.articles[-1].id == "empty" and report.articles[-1].gap is None
    assert sum(sum(cells) for cells in report.confusion.values()) == 2  # the ungraded one counts nowhere
    assert "empty: rated 3 (3, 3), not graded (nothing scored)" in format_ratings(report)
    assert report.to_dict()["disagreements"][-1]["grade"] is None


def test_eval_rate_constant_ratings_give_no_rho() -> None:
    ratings = [Rating("a", 3.0, 3, 3), Rating("b", 3.0, 3, 3)]
    report = rate(ratings, [_score(10, 1, "poor"), _score(90, 5, "exemplary")])
    assert report.to_dict()["rho"] is None and report.to_dict()["rho_editors"] is None
    assert format_ratings(report).startswith("score vs editors' mean: Spearman rho n/a (one side is constant)")


def test_eval_confusion_rows_are_the_values_given() -> None:
    table = grade_confusion([1.5, 1.5, 4.0], [1, 2, 4])
    assert table == {1.5: [1, 1, 0, 0, 0], 4.0: [0, 0, 0, 1, 0]}
    assert format_confusion(table) == [
        "editors' mean | attrib grade 1  2  3  4  5",
        "-" * 42,
        "          1.5 |              1  1  .  .  .",
        "          4.0 |              .  .  .  1  .",
    ]
    assert format_confusion({2: [0, 3, 0, 0, 0]}, rows="rounded mean")[2] == "           2 |              .  3  .  .  ."


# --- the command, on a tiny gold file of our own -------------------------------

_TINY = [
    (
        "well-sourced",
        "Mayor Ana Ruiz said on Monday that the city will close the Elm Street bridge for repairs. "
        '"It is not safe," said Tom Lee, the city engineer. '
        "Repairs will cost $4 million, according to a budget report released by the council.",
    ),
    (
        "vague",
        "Some people say the bridge is falling apart. "
        "It is widely believed that the council wasted millions. "
        "Critics claim the mayor ignored warnings.",
    ),
    (
        "anonymous",
        "A city official, who was not authorized to speak publicly, said the bridge failed an inspection. "
        "The repairs could take a year, a person familiar with the plans said.",
    ),
]


def _tiny_gold(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text(
        "".join(json.dumps({"id": i, "text": t, "sentences": []}) + "\n" for i, t in _TINY), encoding="utf-8"
    )
    return path


def _invoke(*args: Any):
    from click.testing import CliRunner

    from attrib.cli import main

    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        runner = CliRunner()
    result = runner.invoke(main, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


@pytest.mark.model
def test_eval_cli_ratings_text_and_json(tmp_path: Path) -> None:
    gold = _tiny_gold(tmp_path)
    ratings = _ratings_file(
        tmp_path, [_rating("well-sourced", 5, 4), _rating("vague", 1, 1), _rating("anonymous", 3, 2)]
    )
    text = _invoke("eval", gold, "--ratings", ratings)
    assert text.exit_code == 0, text.stderr
    tail = text.stdout.split("score vs editors' mean: Spearman rho ", 1)[1]
    assert tail.startswith("1.0000 (3 rated articles)"), tail[:80]  # the three are far apart in sourcing
    assert "editor 1 vs editor 2: Spearman rho 1.0000" in tail
    assert "grade-rule misses (rated >= 4 graded <= 2, or rated <= 2 graded >= 4): 0" in tail
    assert "largest disagreements (showing 3 of 3):" in tail
    assert text.stdout.startswith("accuracy:")  # the label report stays first

    data = json.loads(_invoke("eval", gold, "--ratings", ratings, "--json", "--errors", "1").stdout)
    assert data["ratings"]["n"] == 3 and data["ratings"]["rho"] == 1.0 and data["ratings"]["misses"] == []
    assert len(data["ratings"]["disagreements"]) == 1
    first = data["ratings"]["disagreements"][0]
    assert first["summary"] and first["grade_word"] in {"exemplary", "good", "adequate", "weak", "poor"}
    assert "ratings" not in json.loads(_invoke("eval", gold, "--json").stdout)


@pytest.mark.parametrize(
    "rows, reason",
    [
        (
            [_rating("vague", 1, 1), _rating("not-there", 3, 3)],
            "line 3 (not-there): id 'not-there' is not an article of",
        ),
        ([{"id": "vague", "mean": 1, "r1": 1}], "line 2: missing key 'r2'"),
        ([{"id": "vague", "mean": "low", "r1": 1, "r2": 1}], "line 2 (vague): 'mean' must be a number from 1 to 5"),
    ],
)
def test_eval_cli_bad_ratings_one_line_exit_2(tmp_path: Path, rows: list[Any], reason: str) -> None:
    gold = _tiny_gold(tmp_path)
    ratings = _ratings_file(tmp_path, rows)
    result = _invoke("eval", gold, "--ratings", ratings)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"attrib: error: {ratings}: {reason}"), result.stderr


def test_eval_cli_missing_ratings_file_exit_2(tmp_path: Path) -> None:
    result = _invoke("eval", _tiny_gold(tmp_path), "--ratings", tmp_path / "nope.jsonl")
    assert result.exit_code == 2 and result.stderr.strip() == f"attrib: error: {tmp_path / 'nope.jsonl'}: no such file"
