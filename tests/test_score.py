"""The transparency score: claim need, credits, grade, summary, the weights' guard rails, and monotonicity.

Pure records, no model. The property tests build random articles and check
that every improvement an editor can make (naming a source, giving a reason
or basis, making a descriptor specific, sourcing it first-hand, confirming a
relay, removing a weasel phrase) never lowers the score, that background
narration neither helps nor hurts, and that a finding never raises it.
"""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attrib.audit.score import claim_kinds, default_weights, grade, packaged, score, validate_weights
from attrib.records import Finding, SentenceResult, Source, SourceMention, Span, Suppression

CLAIM = "The council will spend 4 million dollars."
BACKGROUND = "The council met on the hill."


def _article(specs: list[dict]) -> tuple[list[SentenceResult], list[Source], list[Finding]]:
    """Sentences, sources and findings from compact specs: label, text kind, block and source properties."""
    sentences, sources, findings, offset = [], [], [], 0
    outlet = Source("S0", "publication", "The Courier", "source.outlet", ())
    for index, spec in enumerate(specs):
        text = CLAIM if spec["claim"] else BACKGROUND
        span = Span(offset, offset + len(text), text)
        offset += len(text) + 1
        source_id = None
        if spec["label"] == "publication" and spec["outlet"]:
            source_id = "S0"  # every outlet sentence cites the same outlet: a relay when it opens the story
        elif spec["label"] != "unattributed":
            source_id = f"S{index + 1}"
            sources.append(
                Source(
                    source_id,
                    spec["label"],
                    "someone",
                    "source.anonymous-descriptor",
                    (SourceMention(index, Span(span.start, span.start + 3, text[:3])),),
                    reason=Span(0, 1, "x") if spec["reason"] else None,
                    basis=Span(0, 1, "x") if spec["basis"] else None,
                    via="S0" if spec["via"] else None,
                    specificity=("vague" if spec["vague"] else "specific") if spec["label"] == "anonymous" else None,
                )
            )
        if spec["weasel"]:
            findings.append(
                Finding(
                    spec["weasel"],
                    "x",
                    "warning",
                    "",
                    "",
                    Span(span.start, span.start + 2, "Th"),
                    index,
                    1,
                    1,
                    1,
                    3,
                    f"f{index}",
                )
            )
        sentences.append(SentenceResult(index, span, spec["block"], spec["label"], 1, 1, None, (), "", source_id))
    mentions = tuple(SourceMention(s.index, s.span) for s in sentences if s.source_id == "S0")
    return sentences, [Source("S0", outlet.label, outlet.text, outlet.kind, mentions), *sources], findings


def _relay(findings: list[Finding], confirmed: bool) -> list[Finding]:
    """The findings, with SC202 on the outlet unless the article says it confirmed the report."""
    relay = Finding("SC202", "relay-article", "info", "", "", Span(0, 1, "T"), 0, 1, 1, 1, 2, "r", "S0")
    return findings if confirmed else [*findings, relay]


def _value(specs: list[dict], confirmed: bool = True) -> float:
    """The score before rounding and clamping (so a small change is not hidden by rounding)."""
    sentences, sources, findings = _article(specs)
    result = score(sentences, sources, _relay(findings, confirmed))
    if result.value is None:
        return -1
    need = sum(n for n in result.needs if n)
    cost = _cost(result, findings)
    return 100 * sum(t.total for t in result.terms) / (need + cost) if need + cost else result.value


def _cost(result, findings: list[Finding]) -> float:
    weights = result.weights
    return sum(
        weights[name]
        for f in findings
        for name, codes in packaged().costs.items()
        if f.code in codes and result.credits[f.sentence] is not None
    )


SPEC = st.fixed_dictionaries(
    {
        "label": st.sampled_from(["named", "anonymous", "publication", "unattributed"]),
        "claim": st.booleans(),
        "block": st.sampled_from(["paragraph"] * 6 + ["caption", "heading"]),
        "reason": st.booleans(),
        "basis": st.booleans(),
        "vague": st.booleans(),
        "via": st.booleans(),
        "outlet": st.booleans(),
        "weasel": st.sampled_from([None, None, "WE301", "WE302", "WE303"]),
    }
)
IMPROVEMENTS = {
    "name the source": lambda s: {**s, "label": "named"} if s["label"] != "unattributed" else s,
    "attribute the sentence": lambda s: {**s, "label": "anonymous"} if s["label"] == "unattributed" else s,
    "add a reason": lambda s: {**s, "reason": True},
    "add a basis": lambda s: {**s, "basis": True},
    "make the descriptor specific": lambda s: {**s, "vague": False},
    "source it first-hand": lambda s: {**s, "via": False},
    "remove the weasel phrase": lambda s: {**s, "weasel": None},
}


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.lists(SPEC, min_size=1, max_size=12), st.data())
def test_score_never_falls_when_a_source_improves(specs: list[dict], data: st.DataObject) -> None:
    which = data.draw(st.integers(0, len(specs) - 1))
    improvement = data.draw(st.sampled_from(sorted(IMPROVEMENTS)))
    better = list(specs)
    better[which] = IMPROVEMENTS[improvement](specs[which])
    assert _value(better) >= _value(specs) - 1e-9, improvement
    sentences, sources, findings = _article(specs)
    after = _article(better)
    rounded = score(*after[:2], _relay(after[2], False)).value
    before = score(sentences, sources, _relay(findings, False)).value
    assert before is None or rounded >= before


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.lists(SPEC, min_size=1, max_size=12))
def test_score_never_falls_when_the_article_confirms_a_relay(specs: list[dict]) -> None:
    assert _value(specs, confirmed=True) >= _value(specs, confirmed=False) - 1e-9


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.lists(SPEC, min_size=1, max_size=12), st.integers(0, 11))
def test_score_background_neither_helps_nor_hurts(specs: list[dict], where: int) -> None:
    sentences, sources, findings = _article(specs)
    before = score(sentences, sources, findings)
    background = dict(
        label="unattributed",
        claim=False,
        block="paragraph",
        reason=False,
        basis=False,
        vague=False,
        via=False,
        outlet=False,
        weasel=None,
    )
    for label in ("unattributed", "named", "anonymous"):
        more = list(specs)
        more.insert(min(where, len(specs)), {**background, "label": label})
        after = score(*_article(more)[:2], _article(more)[2])
        if before.value is not None and sum(n for n in before.needs if n):
            assert after.value == before.value, label


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(
    st.lists(SPEC, min_size=1, max_size=12),
    st.sampled_from(["SC202", "AN101", "WE301", "WE302", "WE303"]),
    st.booleans(),
)
def test_score_never_rises_with_a_finding(specs: list[dict], code: str, suppressed: bool) -> None:
    sentences, sources, findings = _article(specs)
    before = score(sentences, sources, findings).value
    target = next((s.id for s in sources if s.label == "publication"), None)
    finding = Finding(code, "x", "info", "", "", Span(0, 1, "x"), 0, 1, 1, 1, 2, "f", target)
    after = score(sentences, sources, [*findings, finding]).value
    assert before is None or after <= before


def _spec(label: str, claim: bool = True, **flags) -> dict:
    base = dict(
        label=label,
        claim=claim,
        block="paragraph",
        reason=False,
        basis=False,
        vague=False,
        via=False,
        outlet=False,
        weasel=None,
    )
    return {**base, **flags}


def test_score_formula_grade_and_summary() -> None:
    specs = [
        _spec("named"),
        _spec("anonymous", reason=True),
        _spec("unattributed", claim=False),
        _spec("unattributed", block="caption"),
        _spec("unattributed"),
        _spec("unattributed", weasel="WE301"),
    ]
    sentences, sources, findings = _article(specs)
    result = score(sentences, sources, findings)
    # (1*1.00 + 1*0.40 + 2*0.00) / (4 claims + 1 weasel) = 0.28 (background: need 0, no effect)
    assert result.value == 28
    assert result.formula == "100 * (1*1.00 + 1*0.40 + 2*0.00) / (4 need + 1*1 weasel) = 28"
    assert (result.grade, result.grade_word) == (2, "weak")
    assert (
        result.summary == "2 of 4 claims that need a source have one, 1 named; 1 weasel phrase stands in for a source"
    )
    assert result.credits == (1.0, 0.4, 0.0, None, 0.0, 0.0)
    assert result.needs == (1.0, 1.0, 0.0, None, 1.0, 1.0)
    assert result.counts == {"named": 1, "anonymous": 1, "publication": 0, "unattributed": 3}
    assert list(result.to_dict())[:4] == ["value", "grade", "grade_word", "summary"]


def test_score_summary_names_unexplained_sources_and_an_unconfirmed_relay() -> None:
    specs = [
        _spec("publication", outlet=True),
        _spec("publication", outlet=True),
        _spec("anonymous"),
        _spec("anonymous", via=True),
    ]
    sentences, sources, findings = _article(specs)
    result = score(sentences, sources, _relay(findings, False))
    assert result.summary == (
        "4 of 4 claims that need a source have one, none named; 2 anonymous sources give "
        "no reason; the relay of The Courier is not confirmed independently"
    )
    confirmed = score(sentences, sources, _relay(findings, True))
    assert "relay" not in confirmed.summary and confirmed.value > result.value


def test_score_reads_only_findings_the_policy_kept() -> None:
    specs = [
        _spec("publication", outlet=True),
        _spec("publication", outlet=True),
        _spec("unattributed", weasel="WE301"),
    ]
    sentences, sources, findings = _article(specs)
    kept = score(sentences, sources, _relay(findings, False))
    suppressed = [replace(f, suppression=Suppression("inline", "a roundup by design")) for f in _relay(findings, False)]
    assert score(sentences, sources, suppressed).value == score(sentences, sources, []).value > kept.value


def test_score_summary_counts_hedges_apart_from_weasel_phrases() -> None:
    specs = [_spec("named"), _spec("unattributed", weasel="WE303"), _spec("unattributed", weasel="WE303")]
    result = score(*_article(specs))
    assert result.summary == "1 of 3 claims that need a source has one, named; 2 hedges mark a claim as unsourced"
    assert result.formula == "100 * (1*1.00 + 2*0.00) / (3 need + 0.5*2 hedge) = 25"


def test_score_an_unnamed_document_has_no_anonymity_to_explain() -> None:
    sentences, sources, _ = _article([_spec("anonymous"), _spec("anonymous")])
    person, collective = score(sentences, sources), None
    for anonymity in ("document", "collective"):
        kinds = [*sources[:-1], replace(sources[-1], anonymity=anonymity)]
        result = score(sentences, kinds)
        if anonymity == "document":
            assert result.credits == (0.1, 0.4) and "1 anonymous source gives no reason" in result.summary
        else:
            collective = result
    assert person.summary.endswith("2 anonymous sources give no reason")
    assert collective is not None and collective.credits == (0.1, 0.1)
    assert collective.summary.endswith("1 anonymous source gives no reason")


def test_score_article_that_attributes_nothing_scores_zero() -> None:
    result = score(*_article([_spec("unattributed", claim=c) for c in (True, False, True)])[:2])
    assert (result.value, result.grade, result.grade_word) == (0, 1, "poor")


def test_score_only_background_has_nothing_missing() -> None:
    result = score(*_article([_spec("unattributed", claim=False), _spec("named", claim=False)])[:2])
    assert result.value == 100 and result.summary.startswith("no sentence makes a claim")


def test_score_only_furniture_is_null_with_a_note() -> None:
    result = score(*_article([_spec("unattributed", block="caption")])[:2])
    assert result.value is None and result.grade is None and result.note


def test_score_custom_weights_apply() -> None:
    specs = [_spec("anonymous", reason=True, basis=True)]
    assert score(*_article(specs)[:2]).value == 70
    assert score(*_article(specs)[:2], weights={"anonymous_basis": 0.0}).value == 40


@pytest.mark.parametrize(
    "value, expected",
    [
        (100, (5, "exemplary")),
        (80, (5, "exemplary")),
        (79, (4, "good")),
        (60, (4, "good")),
        (45, (3, "adequate")),
        (20, (2, "weak")),
        (19, (1, "poor")),
        (0, (1, "poor")),
        (None, (None, None)),
    ],
)
def test_score_grade_follows_the_rubric_thresholds(value: int | None, expected: tuple) -> None:
    assert grade(value) == expected


@pytest.mark.parametrize("kind", [kind.name for kind in packaged().kinds])
def test_score_claim_kinds_find_their_examples(kind: str) -> None:
    spec = next(k for k in packaged().kinds if k.name == kind)
    assert spec.must and spec.must_not
    for sentence in spec.must:
        assert kind in claim_kinds(sentence), sentence
    for sentence in spec.must_not:
        assert kind not in claim_kinds(sentence), sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "The ceremony took place on a bright morning in the capital.",
        "The ATACMS is a missile built by Lockheed Martin.",
        "She drove north along the coast road on Friday, March 8.",
        "Officers arrived at 6.30pm.",
        "The 25-year-old returned to Number 10 on foot.",
        "Why might the council have acted this way?",  # a question asserts nothing
    ],
)
def test_score_background_narration_needs_no_source(sentence: str) -> None:
    assert claim_kinds(sentence) == ()


def test_score_a_question_needs_a_source_only_for_what_it_quotes() -> None:
    assert claim_kinds('"Will the council spend 4 million dollars?" she asked.') == (
        "quotation",
        "figure",
        "prediction",
    )


@pytest.mark.parametrize(
    "weights, problem",
    [
        ({"named": 0.5}, "named >= publication"),
        ({"anonymous_reason": 0.5}, "named >= publication"),
        ({"anonymous_vague": -0.1}, "between 0 and 1"),
        ({"colour": 1.0}, "unknown score weight 'colour'"),
        ({"named": "high"}, "between 0 and 1"),
        ({"background": 0.5, "figure": 0.2}, "'background' must not exceed"),
        (
            {
                k: 0.0
                for k in ("quotation", "figure", "accusation", "incident", "insider", "prediction", "characterisation")
            },
            "some kind of claim must weigh more than 0",
        ),
    ],
)
def test_score_validate_weights_rejects_non_monotonic(weights: dict, problem: str) -> None:
    problems = validate_weights(weights)
    assert problems and problem in problems[0]


def test_score_packaged_weights_are_valid() -> None:
    assert validate_weights(default_weights()) == []


def _agreement():
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "score_agreement.py"
    spec = importlib.util.spec_from_file_location("score_agreement", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_score_agreement_refuses_a_rating_without_text(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    ratings = tmp_path / "ratings.jsonl"
    gold = tmp_path / "gold.jsonl"
    ratings.write_text(
        '{"about": "x"}\n'
        + "".join(f'{{"id": "{i}", "mean": {m}, "r1": {m}, "r2": {m}}}\n' for i, m in (("a", 2), ("b", 3), ("c", 4)))
    )
    gold.write_text('{"id": "a", "text": "A."}\n{"id": "b", "text": "B."}\n')
    with pytest.raises(SystemExit) as raised:
        _agreement().load(ratings, gold)
    assert raised.value.code == 2
    assert capsys.readouterr().err.strip() == f"{ratings}: line 4 (c): id 'c' is not an article of {gold}"


# -- the lower-case fast path of the claim lexicons ------------------------------------------------

LEXICON_KINDS = [kind for kind in packaged().kinds if kind.find.__qualname__.startswith("_lexicon_finder")]


@pytest.mark.parametrize(
    "text",
    [
        "Police ACCUSED the driver of fleeing.",
        "Police accused the driver of fleeing.",
        "Police “accused” the driver — of fleeing…",
        "The police accuſed him.",  # a long s: IGNORECASE matches it to "s", lower() does not
        "The police accu\u017fed him.",
        "Staff were in the \u212aitchen when they were accused.",  # the Kelvin sign matches "k"
        "\u0130t was likely to rise.",  # a dotted capital I lower-cases to two characters
        "Prices will fall next year, économistes say.",
        "Nothing here at all.",
    ],
)
def test_lexicon_claims_lower_case_path_finds_what_the_case_insensitive_pattern_finds(text):
    from attrib.audit.register import phrase_pattern
    from attrib.audit.score import _lexicon

    assert len(LEXICON_KINDS) == len(_claim_lexicons()) > 0
    for kind, name in zip(LEXICON_KINDS, _claim_lexicons(), strict=True):
        assert kind.find(text) == bool(phrase_pattern(_lexicon(name)).search(text)), (kind.name, text)


def _claim_lexicons() -> list[str]:
    import tomllib
    from importlib import resources

    data = tomllib.loads((resources.files("attrib") / "rules" / "scoring.toml").read_text(encoding="utf-8"))
    return [spec["lexicon"] for spec in data["claims"].values() if "lexicon" in spec]


def test_case_plain_refuses_letters_that_fold_to_ascii():
    from attrib.audit.score import _case_plain

    assert _case_plain("Plain ASCII, with “curly” quotes — and dashes…")
    assert not _case_plain("accu\u017fed")
    assert not _case_plain("\u212aelvin")
    assert not _case_plain("\u0130stanbul")
    assert not _case_plain("économistes")  # any cased non-ASCII letter takes the slow path


@pytest.mark.parametrize(
    "text, quoted",
    [
        pytest.param('He called it "a disgrace".', True, id="straight"),
        pytest.param("He called it ``a disgrace.''", True, id="archive-typewriter-pair"),
        pytest.param("He called it ''a disgrace.''", True, id="archive-two-apostrophes"),
        pytest.param("It was 'a disaster', he said.", True, id="british-single-marks"),
        pytest.param("The band played rock 'n' roll.", False, id="elision"),
        pytest.param("The players' union revived the '90s kit.", False, id="possessive-and-decade"),
        pytest.param("She didn't say when.", False, id="contraction"),
    ],
)
def test_has_quotation_reads_marks_not_apostrophes(text: str, quoted: bool) -> None:
    from attrib.audit.score import has_quotation

    assert has_quotation(text) is quoted
