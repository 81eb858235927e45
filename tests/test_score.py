"""The transparency score: the formula and its terms, the weights' guard rails, and monotonicity.

Pure records, no model. The property tests build random articles and check
that every improvement an editor can make never lowers the score, and that a
finding never raises it.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attrib.records import Finding, Source, SourceMention, SentenceResult, Span
from attrib.audit.score import default_weights, score, validate_weights

CLAIM = "The council will spend 4 million dollars."
BACKGROUND = "The council met on the hill."


def _article(specs: list[dict]) -> tuple[list[SentenceResult], list[Source]]:
    """Sentences and sources from compact specs: label, text kind, block and source properties."""
    sentences, sources, offset = [], [], 0
    for index, spec in enumerate(specs):
        text = CLAIM if spec["claim"] else BACKGROUND
        span = Span(offset, offset + len(text), text)
        offset += len(text) + 1
        source_id = None
        if spec["label"] != "unattributed":
            source_id = f"S{index + 1}"
            sources.append(Source(
                source_id, spec["label"], "someone", "source.anonymous-descriptor",
                (SourceMention(index, Span(span.start, span.start + 3, text[:3])),),
                reason=Span(0, 1, "x") if spec["reason"] else None,
                basis=Span(0, 1, "x") if spec["basis"] else None,
                via="S0" if spec["via"] else None,
                specificity=("vague" if spec["vague"] else "specific") if spec["label"] == "anonymous" else None,
            ))
        sentences.append(SentenceResult(index, span, spec["block"], spec["label"], 1, 1, None, (), "", source_id))
    return sentences, sources


SPEC = st.fixed_dictionaries({
    "label": st.sampled_from(["named", "anonymous", "publication", "unattributed"]),
    "claim": st.booleans(),
    "block": st.sampled_from(["paragraph"] * 6 + ["caption", "heading"]),
    "reason": st.booleans(), "basis": st.booleans(), "vague": st.booleans(), "via": st.booleans(),
})
IMPROVEMENTS = {
    "name the source": lambda s: {**s, "label": "named"} if s["label"] != "unattributed" else s,
    "attribute the sentence": lambda s: {**s, "label": "anonymous"} if s["label"] == "unattributed" else s,
    "add a reason": lambda s: {**s, "reason": True},
    "add a basis": lambda s: {**s, "basis": True},
    "make the descriptor specific": lambda s: {**s, "vague": False},
    "source it first-hand": lambda s: {**s, "via": False},
}


def _value(specs: list[dict]) -> float:
    result = score(*_article(specs))
    return -1 if result.value is None else 100 * sum(t.total for t in result.terms) / max(
        sum(t.weight for t in result.terms), 1e-9)


@settings(max_examples=200, deadline=None)
@given(st.lists(SPEC, min_size=1, max_size=12), st.data())
def test_score_never_falls_when_a_source_improves(specs: list[dict], data: st.DataObject) -> None:
    which = data.draw(st.integers(0, len(specs) - 1))
    improvement = data.draw(st.sampled_from(sorted(IMPROVEMENTS)))
    better = list(specs)
    better[which] = IMPROVEMENTS[improvement](specs[which])
    assert _value(better) >= _value(specs) - 1e-9, improvement


@settings(max_examples=100, deadline=None)
@given(st.lists(SPEC, min_size=1, max_size=12), st.sampled_from(["SC202", "AN101", "WE302"]))
def test_score_never_rises_with_a_finding(specs: list[dict], code: str) -> None:
    sentences, sources = _article(specs)
    before = score(sentences, sources).value
    target = next((s.id for s in sources if s.label == "publication"), None)
    finding = Finding(code, "x", "info", "", "", Span(0, 1, "x"), 0, 1, 1, 1, 2, "f", target)
    after = score(sentences, sources, [finding]).value
    assert before is None or after <= before


def test_score_formula_shows_each_term() -> None:
    specs = [dict(label="named", claim=True, block="paragraph", reason=False, basis=False, vague=False, via=False),
             dict(label="anonymous", claim=True, block="paragraph", reason=True, basis=False, vague=False, via=False),
             dict(label="unattributed", claim=False, block="paragraph", reason=False, basis=False, vague=False,
                  via=False),
             dict(label="unattributed", claim=True, block="caption", reason=False, basis=False, vague=False,
                  via=False)]
    result = score(*_article(specs))
    # (1*1.00 + 1*0.50 + 0.5*0.00) / 2.5 = 0.6
    assert result.value == 60
    assert result.formula == "100 * (1*1.00 + 1*0.50 + 0.5*0.00) / 2.5 = 100 * quality 0.75 * coverage 0.80 = 60"
    assert [t.name for t in result.terms] == ["named", "anonymous (reason)", "unattributed"]
    assert result.credits == (1.0, 0.5, 0.0, None)
    assert result.counts == {"named": 1, "anonymous": 1, "publication": 0, "unattributed": 1}


def test_score_article_that_attributes_nothing_scores_zero() -> None:
    specs = [dict(label="unattributed", claim=c, block="paragraph", reason=False, basis=False, vague=False, via=False)
             for c in (True, False, True)]
    assert score(*_article(specs)).value == 0


def test_score_only_furniture_is_null_with_a_note() -> None:
    specs = [dict(label="unattributed", claim=True, block="caption", reason=False, basis=False, vague=False,
                  via=False)]
    result = score(*_article(specs))
    assert result.value is None and result.note


def test_score_custom_weights_apply() -> None:
    specs = [dict(label="anonymous", claim=True, block="paragraph", reason=True, basis=True, vague=False, via=False)]
    assert score(*_article(specs)).value == 70
    assert score(*_article(specs), weights={"anonymous_basis": 0.0}).value == 50


@pytest.mark.parametrize("weights, problem", [
    ({"named": 0.5}, "named >= publication"),
    ({"anonymous_reason": 0.5}, "named >= publication"),
    ({"anonymous_vague": -0.1}, "between 0 and 1"),
    ({"colour": 1.0}, "unknown score weight 'colour'"),
    ({"named": "high"}, "between 0 and 1"),
    ({"background": 1.0, "claim": 0.5}, "'background' must not exceed 'claim'"),
])
def test_score_validate_weights_rejects_non_monotonic(weights: dict, problem: str) -> None:
    problems = validate_weights(weights)
    assert problems and problem in problems[0]


def test_score_packaged_weights_are_valid() -> None:
    assert validate_weights(default_weights()) == []
