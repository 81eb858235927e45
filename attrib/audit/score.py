"""The sourcing-transparency score: how much of what an article asserts a reader can trace, and to what.

    score = 100 * sum(w * c) / sum(w) = 100 * quality * coverage

over scored sentences (furniture and headings excluded). `c` is a sentence's
credit: its label's credit, adjusted by what the register knows about its
source (reason, basis, vague, relayed). `w` is its claim weight: 1.0 for
sentences with numbers, predictions, quotations or characterisations, less
for background narration. The weight never depends on attribution, so every
improvement an editor makes to a source can only raise the score.
Weights live in rules/scoring.toml and can be overridden (validate_weights).
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Mapping, Sequence

from attrib.records import LABELS, Finding, Score, ScoreTerm, Source, SentenceResult
from attrib.audit.register import longest_first, phrase_pattern
from attrib.engine.rules import load_rules

WEIGHT_TABLES = ("credit", "bonus", "penalty", "claim")
NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                "twenty", "thirty", "forty", "fifty", "hundred", "half", "quarter", "double", "twice", "triple")
NUMBER = re.compile(r"\d|\b" + longest_first(list(word) for word in NUMBER_WORDS) + r"\b", re.IGNORECASE)
QUOTATION = re.compile(r"[\"“”]")


@lru_cache(maxsize=1)
def _packaged() -> tuple[dict[str, float], tuple[str, ...]]:
    data = tomllib.loads((resources.files("attrib") / "rules" / "scoring.toml").read_text(encoding="utf-8"))
    weights = {key: float(value) for table in WEIGHT_TABLES for key, value in data[table].items()}
    return weights, tuple(data["exclude"]["blocks"])


def default_weights() -> dict[str, float]:
    """The packaged weights, flat: named, publication, ..., anonymous_reason, ..., claim, background."""
    return dict(_packaged()[0])


def validate_weights(weights: Mapping[str, float]) -> list[str]:
    """Problems with a set of weights, as messages; empty when they keep the score monotonic.

    Every weight must be a known name and a number in 0..1; credits must keep
    named >= publication >= anonymous + reason + basis >= 0, and background
    must not outweigh a claim.
    """
    known = default_weights()
    problems = [f"unknown score weight {name!r} (known: {', '.join(sorted(known))})"
                for name in weights if name not in known]
    problems += [f"score weight {name!r} must be a number between 0 and 1, not {value!r}"
                 for name, value in weights.items()
                 if name in known and (isinstance(value, bool) or not isinstance(value, (int, float))
                                       or not 0 <= value <= 1)]
    if problems:
        return problems
    w = {**known, **weights}
    best_anonymous = w["anonymous"] + w["anonymous_reason"] + w["anonymous_basis"]
    if not w["named"] >= w["publication"] >= best_anonymous >= w["unattributed"]:
        problems.append("score weights must keep named >= publication >= anonymous + anonymous_reason + "
                        f"anonymous_basis >= unattributed (got {w['named']}, {w['publication']}, "
                        f"{best_anonymous:.2f}, {w['unattributed']})")
    if w["background"] > w["claim"] or w["claim"] == 0:
        problems.append("score weight 'background' must not exceed 'claim', and 'claim' must be above 0")
    return problems


def claim_weight(text: str, weights: Mapping[str, float]) -> float:
    """A sentence's weight: a claim (numbers, predictions, quotations, characterisations) or background."""
    markers = phrase_pattern(load_rules().lexicons["claim_markers"])
    is_claim = NUMBER.search(text) or QUOTATION.search(text) or markers.search(text)
    return weights["claim"] if is_claim else weights["background"]


def sentence_credit(sentence: SentenceResult, sources: Mapping[str, Source], relaying: frozenset[str],
                    relay_articles: frozenset[str], weights: Mapping[str, float]) -> tuple[float, str]:
    """The credit a sentence earns and the name of its score term."""
    label = sentence.label
    credit = weights[label]
    term = [label]
    source = sources.get(sentence.source_id or "")
    if label == "anonymous" and source is not None:
        if source.reason is not None:
            credit += weights["anonymous_reason"]
            term.append("reason")
        if source.basis is not None:
            credit += weights["anonymous_basis"]
            term.append("basis")
        if source.specificity == "vague":
            credit -= weights["anonymous_vague"]
            term.append("vague")
        if source.via is not None:
            credit -= weights["relayed"]
            term.append("relayed")
    elif label == "publication" and source is not None:
        if source.id in relaying:
            credit -= weights["relayed"]
            term.append("relays unnamed sources")
        if source.id in relay_articles:
            credit -= weights["relay_article"]
            term.append("unconfirmed relay")
    name = term[0] if len(term) == 1 else f"{term[0]} ({', '.join(term[1:])})"
    return round(min(max(credit, 0.0), weights["named"]), 4), name


def score(sentences: Sequence[SentenceResult], sources: Sequence[Source] = (), findings: Sequence[Finding] = (),
          weights: Mapping[str, float] | None = None) -> Score:
    """Score an article.

    Args:
        sentences: classified sentences with `source_id` filled in.
        sources: the source register.
        findings: the audit's findings (only SC202, the unconfirmed relay, lowers credits).
        weights: overrides of the packaged weights (already validated).

    Returns:
        A Score with each term and the formula with numbers filled in; `value`
        is None when no sentence is scored.
    """
    w = {**default_weights(), **(weights or {})}
    excluded = _packaged()[1]
    by_id = {source.id: source for source in sources}
    relaying = frozenset(s.via for s in sources if s.via is not None and s.label == "anonymous")
    relay_articles = frozenset(f.source_id for f in findings
                               if f.code == "SC202" and f.source_id and f.suppression is None)
    credits: list[float | None] = []
    terms: dict[str, list[float]] = {}  # name -> [sentences, weight, credit]
    counts = {label: 0 for label in LABELS}
    total_weight = attributed_weight = earned = 0.0
    for sentence in sentences:
        if sentence.block in excluded:
            credits.append(None)
            continue
        credit, name = sentence_credit(sentence, by_id, relaying, relay_articles, w)
        weight = claim_weight(sentence.span.text, w)
        credits.append(credit)
        counts[sentence.label] += 1
        row = terms.setdefault(name, [0, 0.0, credit])
        row[0] += 1
        row[1] += weight
        total_weight += weight
        earned += weight * credit
        if sentence.label != "unattributed":
            attributed_weight += weight
    scored = sum(counts.values())
    ordered = sorted(terms.items(), key=lambda item: (-item[1][2], item[0]))
    score_terms = tuple(ScoreTerm(name, int(n), round(weight, 4), credit, round(weight * credit, 4))
                        for name, (n, weight, credit) in ordered)
    if not scored:
        return Score(value=None, quality=None, coverage=None, counts=counts, scored_sentences=0, terms=(),
                     credits=tuple(credits), weights=w, formula="no scored sentences",
                     note="nothing to score: every sentence is a caption, credit or heading")
    value = round(100 * earned / total_weight)
    quality = round(earned / attributed_weight, 4) if attributed_weight else None
    coverage = round(attributed_weight / total_weight, 4)
    sums = " + ".join(f"{t.weight:g}*{t.credit:.2f}" for t in score_terms)
    formula = (f"100 * ({sums}) / {total_weight:g} = 100 * quality {quality if quality is not None else 0:.2f}"
               f" * coverage {coverage:.2f} = {value}")
    skipped = len(sentences) - scored
    note = f"{skipped} caption/credit/heading sentence(s) not scored" if skipped else ""
    return Score(value=value, quality=quality, coverage=coverage, counts=counts, scored_sentences=scored,
                 terms=score_terms, credits=tuple(credits), weights=w, formula=formula, note=note)
