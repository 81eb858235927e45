"""The audit checks: checks.toml against the registry, each code's examples, and the finding records.

Without the model: checks.toml validates, every code is registered, stable and
explained by `attrib rule CODE`, each check has `flag` and `pass` examples, and
hand-built records show each check's logic. With the model: every `flag`
example raises its code and every `pass` example does not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from attrib.audit.checks import REGISTRY, SUPPRESSION_CODES, fingerprint, load_checks, run_checks
from attrib.cli import main
from attrib.engine.rules import load_rules
from attrib.records import SEVERITIES, Attribution, HeadFacts, Number, SentenceResult, Source, SourceMention, Span

ROOT = Path(__file__).resolve().parent.parent
CHECKS = load_checks()
LEXICONS = load_rules().lexicons


def _stable_ids() -> set[str]:
    lines = (ROOT / "tests" / "stable_ids.txt").read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def test_checks_registry_equals_checks_toml() -> None:
    assert set(REGISTRY) | set(SUPPRESSION_CODES) == set(CHECKS)


def test_checks_codes_are_stable() -> None:
    assert set(CHECKS) <= _stable_ids(), "add new finding codes to tests/stable_ids.txt"


@pytest.mark.parametrize("code", sorted(CHECKS))
def test_checks_each_code_is_complete(code: str) -> None:
    spec = CHECKS[code]
    assert spec.severity in SEVERITIES
    assert spec.why and spec.link.startswith("https://") and spec.description
    assert spec.flag and spec.passes, f"{code} needs flag and pass examples"


@pytest.mark.parametrize("code", sorted(CHECKS))
def test_checks_rule_command_explains_code(code: str) -> None:
    result = CliRunner().invoke(main, ["rule", code.lower()])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{code} {CHECKS[code].name} (default severity: ")
    assert "Why: " in result.stdout and "Flags:" in result.stdout and "Passes:" in result.stdout


def test_checks_rule_command_lists_codes() -> None:
    result = CliRunner().invoke(main, ["rule"])
    assert result.exit_code == 0
    assert all(f"\n{code} " in result.stdout for code in CHECKS)


def _examples() -> list[Any]:
    cases = []
    for code, spec in CHECKS.items():
        if code in SUPPRESSION_CODES:
            continue
        cases += [pytest.param(code, True, text, id=f"{code}-flag-{i}") for i, text in enumerate(spec.flag)]
        cases += [pytest.param(code, False, text, id=f"{code}-pass-{i}") for i, text in enumerate(spec.passes)]
    return cases


@pytest.mark.model
@pytest.mark.parametrize("code, flags, text", _examples())
def test_checks_examples(code: str, flags: bool, text: str) -> None:
    from attrib.pipeline import audit_text

    audit = audit_text(text)
    codes = [f.code for f in audit.findings]
    detail = [(s.label, s.why) for s in audit.sentences], [(s.text, s.label, s.reason, s.via) for s in audit.sources]
    assert (code in codes) == flags, detail


# --- hand-built records: the logic of each check, no model -------------------------------------


def _span(text: str, phrase: str, start: int = 0) -> Span:
    at = text.index(phrase, start)
    return Span(at, at + len(phrase), phrase)


def _sentence(
    index: int,
    text: str,
    span: Span,
    label: str,
    source: Span | None = None,
    cue: Span | None = None,
    rule_id: str = "speech-verb-subject",
    source_id: str | None = None,
) -> SentenceResult:
    primary = None
    if cue is not None:
        primary = Attribution(rule_id, label, cue, source, "source.anonymous-descriptor", "main")
    return SentenceResult(index, span, "paragraph", label, 1, span.start + 1, primary, (), "", source_id)


def _locate(offset: int) -> tuple[int, int]:
    return 1, offset + 1


def test_checks_reason_found_later_silences_an101() -> None:
    text = "An official said so. The official spoke on condition of anonymity."
    first, second = Span(0, 20, text[:20]), Span(21, len(text), text[21:])
    source = Source(
        "S1",
        "anonymous",
        "An official",
        "source.anonymous-descriptor",
        (SourceMention(0, _span(text, "An official")),),
        reason=_span(text, "condition of anonymity"),
        specificity="specific",
        anonymity="person",
    )
    sentences = (
        _sentence(0, text, first, "anonymous", _span(text, "An official"), _span(text, "said"), source_id="S1"),
        _sentence(1, text, second, "unattributed"),
    )
    codes = [f.code for f in run_checks(sentences, (source,), text, _locate, LEXICONS)]
    assert "AN101" not in codes and "AN102" in codes
    without = [
        f.code for f in run_checks(sentences, (Source(**{**source.__dict__, "reason": None}),), text, _locate, LEXICONS)
    ]
    assert "AN101" in without


def test_checks_finding_carries_position_and_why() -> None:
    text = "It was reported that the mayor resigned."
    span = Span(0, len(text), text)
    cue = _span(text, "It was reported")
    sentence = _sentence(0, text, span, "unattributed", None, cue, rule_id="agentless")
    [finding] = run_checks((sentence,), (), text, _locate, LEXICONS)
    assert (finding.code, finding.severity, finding.span, finding.sentence) == ("WE301", "warning", cue, 0)
    assert (finding.line, finding.col, finding.end_col) == (1, 1, len("It was reported") + 1)
    assert finding.why == CHECKS["WE301"].why and "'It was reported'" in finding.message


def test_checks_plural_for_one() -> None:
    text = "Sources said it. The source added more."
    mentions = (
        SourceMention(0, _span(text, "Sources"), HeadFacts("source", Number.PLURAL, "", "sources")),
        SourceMention(1, _span(text, "The source"), HeadFacts("source", Number.SINGULAR, "the", "source")),
    )
    plural = Source("S1", "anonymous", "Sources", "source.vague-collective", mentions, specificity="vague", plural=True)
    sentences = (
        _sentence(0, text, Span(0, 16, text[:16]), "anonymous", source_id="S1"),
        _sentence(1, text, Span(17, len(text), text[17:]), "anonymous", source_id="S1"),
    )
    assert "AN104" in [f.code for f in run_checks(sentences, (plural,), text, _locate, LEXICONS)]
    they = (mentions[0], SourceMention(1, Span(17, 21, "They"), HeadFacts("they", Number.PLURAL, "", "they")))
    assert "AN104" not in [
        f.code
        for f in run_checks(sentences, (Source(**{**plural.__dict__, "mentions": they}),), text, _locate, LEXICONS)
    ]


def test_checks_fingerprint_survives_moved_lines() -> None:
    moved = fingerprint("AN101", "A senior  official said\nso.", "A senior official")
    assert moved == fingerprint("AN101", "a senior official said so.", "A senior official")
    assert moved != fingerprint("AN102", "a senior official said so.", "A senior official")
