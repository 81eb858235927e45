"""The sourcing-transparency score: do the claims that need a source have one, and how good is it?

    score = 100 * sum(need * credit) / (sum(need) + weasel * weasel phrases + hedge * hedges)

over scored sentences (furniture and headings excluded).
`need` is how much a sentence needs a source, from the kinds of claim it
makes (claim_need: figures, accusations, insider information, predictions,
characterisations, quotations); background narration needs none and neither
helps nor hurts. `credit` is what its source is worth (sentence_credit: the
label, adjusted by what the register knows: reason, basis, vague, relayed,
an unconfirmed relay). Each weasel phrase or hedge among the findings the
policy kept costs `weasel` or `hedge`; the score reads only findings the
policy kept, so a suppressed or ignored finding costs nothing. The need never depends on attribution, so every
improvement an editor makes to a source can only raise the score.

The score maps to the 1-5 grade of the editors' rubric ([grade] thresholds)
and is explained first in plain words (summary), then as a formula.
Weights live in rules/scoring.toml and can be overridden (validate_weights).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from attrib.audit.register import phrase_pattern
from attrib.engine.rules import load_rules
from attrib.records import LABELS, Finding, Score, ScoreTerm, SentenceResult, Source

WEIGHT_TABLES = ("credit", "bonus", "penalty", "need", "cost")
GRADE_WORDS = {5: "exemplary", 4: "good", 3: "adequate", 2: "weak", 1: "poor"}
# double marks (archive `` and '' too) or a single mark opening a word; not the apostrophes
# of an elision ("rock 'n' roll") or a decade ("the '90s")
QUOTATION = re.compile(r"[\"“”«»]|``|''|(?<!\w)['‘](?![nN]['’]\s)(?=[^\W\d_])")
DIGITS = re.compile(r"(?<![\w.])[$€£]?\d[\d,.:/-]*(?:\w+)?")
AGE = re.compile(r",\s*\d{1,3}\s*,")  # "Stout, 61, said"
YEAR = re.compile(r"(?:1[6-9]|20)\d\d(?:s|'s)?")
CLOCK_OR_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)|\d{1,2}(?:[.:]\d\d)?(?:am|pm|a\.m|p\.m)", re.IGNORECASE)
WORD_BEFORE = re.compile(r"([\w.'’-]+)[\s(]*$")
WORD_AFTER = re.compile(r"^[\s)-]*([\w.'’-]+)")


@dataclass(frozen=True)
class ClaimKind:
    """One kind of claim that needs a source, from scoring.toml [claims.NAME]."""

    name: str
    description: str
    find: Callable[[str], bool]
    must: tuple[str, ...]
    must_not: tuple[str, ...]


@dataclass(frozen=True)
class Packaged:
    weights: dict[str, float]
    excluded: tuple[str, ...]
    costs: dict[str, tuple[str, ...]]  # cost weight -> the finding codes it applies to
    relay_codes: tuple[str, ...]  # findings that mark an outlet the article relays unconfirmed
    grades: tuple[tuple[int, int], ...]  # (lowest score, grade), highest grade first
    kinds: tuple[ClaimKind, ...]


def has_quotation(text: str) -> bool:
    """Quoted words: someone's words, which always need a speaker."""
    return bool(QUOTATION.search(text))


def has_figure(text: str) -> bool:
    """A figure or estimate: a number that counts or measures, not a date, time, age, address or distance."""
    text = AGE.sub(", ", text)
    background = _background_numbers()
    matches = [m for m in DIGITS.finditer(text) if not _is_background_digits(m.group(0))]
    # lower-cased plain text matches the lower-case pattern where the IGNORECASE one matches, at the same offsets
    number_words = _lexicon("number_words")
    fast = _lower_case_pattern(number_words)
    if fast is not None and _case_plain(text):
        matches += list(fast.finditer(text.lower()))
    else:
        matches += list(phrase_pattern(number_words).finditer(text))
    for match in matches:
        before = WORD_BEFORE.search(text[: match.start()])
        after = WORD_AFTER.search(text[match.end() :])
        words = {w.group(1).lower() for w in (before, after) if w}
        words |= set(re.findall(r"[a-z][a-z.]*", match.group(0).lower()))  # "25-year-old", "10am"
        if not (words | {word.rstrip(".,;:") for word in words}) & background:
            return True
    return False


def _lexicon(name: str) -> frozenset[str]:
    """A lexicon of the loaded rule set (packaged entries and the house [vocab])."""
    return load_rules().lexicons[name]


def _background_numbers() -> frozenset[str]:
    return _lexicon("background_numbers")


def _is_background_digits(token: str) -> bool:
    """A year, a clock time or an ordinal ("1974", "10:30", "3rd"): part of a date or a name, not a figure."""
    bare = token.rstrip(",.")
    return bool(YEAR.fullmatch(bare) or ":" in bare or CLOCK_OR_ORDINAL.fullmatch(bare))


HOOKS: dict[str, Callable[[str], bool]] = {"quotation": has_quotation, "figure": has_figure}


def _lexicon_finder(lexicon: str) -> Callable[[str], bool]:
    def find(text: str) -> bool:
        phrases = _lexicon(lexicon)
        fast = _lower_case_pattern(phrases)
        if fast is not None and _case_plain(text):
            return fast.search(text.lower()) is not None
        return bool(phrase_pattern(phrases).search(text))

    return find


@lru_cache(maxsize=32)
def _lower_case_pattern(phrases: frozenset[str]) -> re.Pattern[str] | None:
    """phrase_pattern matched case-sensitively, for lower-cased text (about twice as fast as IGNORECASE).

    None when a phrase is not ASCII: only for ASCII phrases does lower-casing the
    text (where `_case_plain` holds) find exactly what the case-insensitive pattern finds.
    """
    if not all(phrase.isascii() for phrase in phrases):
        return None
    return re.compile(phrase_pattern(frozenset(phrase.lower() for phrase in phrases)).pattern)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _case_plain(text: str) -> bool:
    """Every character is ASCII, or has no case (curly quotes, dashes): the text's lower-case form
    then matches an ASCII pattern exactly as re.IGNORECASE matches the text itself. A non-ASCII
    letter ("ſ", the Kelvin sign "K", "İ") can match an ASCII letter under IGNORECASE, so it is not plain."""
    return text.isascii() or all(_caseless(ch) for ch in set(_NON_ASCII.findall(text)))


@lru_cache(maxsize=4096)
def _caseless(ch: str) -> bool:
    return not ch.isalpha() and ch.lower() == ch


@lru_cache(maxsize=1)
def packaged() -> Packaged:
    """scoring.toml, read once: weights, exclusions, weasel codes, grade thresholds and claim kinds."""
    data = tomllib.loads((resources.files("attrib") / "rules" / "scoring.toml").read_text(encoding="utf-8"))
    weights = {key: float(value) for table in WEIGHT_TABLES for key, value in data[table].items()}
    grades = tuple(sorted(((int(data["grade"][GRADE_WORDS[g]]), g) for g in (5, 4, 3, 2)), reverse=True))
    kinds = []
    for name, spec in data["claims"].items():
        find = HOOKS[spec["hook"]] if "hook" in spec else _lexicon_finder(spec["lexicon"])
        kinds.append(ClaimKind(name, spec["description"], find, tuple(spec["must"]), tuple(spec["must_not"])))
    return Packaged(
        weights,
        tuple(data["exclude"]["blocks"]),
        {name: tuple(codes) for name, codes in data["weasel"].items()},
        tuple(data["relay"]["codes"]),
        grades,
        tuple(kinds),
    )


def default_weights() -> dict[str, float]:
    """The packaged weights, flat: named, publication, ..., anonymous_reason, ..., figure, background, weasel."""
    return dict(packaged().weights)


def validate_weights(weights: Mapping[str, Any]) -> list[str]:
    """Problems with a set of weights, as messages; empty when they keep the score monotonic.

    Every weight must be a known name and a number in 0..1; credits must keep
    named >= publication >= anonymous + reason + basis >= unattributed, no
    kind of claim may weigh less than background, and some kind must weigh
    more than 0.
    """
    known = default_weights()
    problems = [
        f"unknown score weight {name!r} (known: {', '.join(sorted(known))})" for name in weights if name not in known
    ]
    problems += [
        f"score weight {name!r} must be a number between 0 and 1, not {value!r}"
        for name, value in weights.items()
        if name in known and (isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1)
    ]
    if problems:
        return problems
    w = {**known, **weights}
    best_anonymous = w["anonymous"] + w["anonymous_reason"] + w["anonymous_basis"]
    if not w["named"] >= w["publication"] >= best_anonymous >= w["unattributed"]:
        problems.append(
            "score weights must keep named >= publication >= anonymous + anonymous_reason + "
            f"anonymous_basis >= unattributed (got {w['named']}, {w['publication']}, "
            f"{best_anonymous:.2f}, {w['unattributed']})"
        )
    claims = [kind.name for kind in packaged().kinds]
    if any(w[name] < w["background"] for name in claims) or not any(w[name] > 0 for name in claims):
        problems.append(
            f"score weight 'background' must not exceed any kind of claim ({', '.join(claims)}), "
            "and some kind of claim must weigh more than 0"
        )
    return problems


def claim_kinds(text: str) -> tuple[str, ...]:
    """The kinds of claim a sentence makes that need a source, in scoring.toml order.

    A question asserts nothing ("Why might Washington have acted this way?"),
    so it needs a source only for words it quotes.
    """
    question = text.rstrip(" \"'”’)").endswith("?") and not has_quotation(text)
    return () if question else tuple(kind.name for kind in packaged().kinds if kind.find(text))


def claim_need(text: str, weights: Mapping[str, float]) -> float:
    """How much a sentence needs a source: the heaviest kind of claim it makes, or background."""
    return max((weights[kind] for kind in claim_kinds(text)), default=weights["background"])


def sentence_credit(
    sentence: SentenceResult,
    sources: Mapping[str, Source],
    relaying: frozenset[str],
    relay: str | None,
    weights: Mapping[str, float],
) -> tuple[float, str]:
    """The credit a sentence earns and the name of its score term."""
    label = sentence.label
    credit = weights[label]
    term = [label]
    source = sources.get(sentence.source_id or "")
    if label == "anonymous" and source is not None:
        if source.reason is not None:
            credit += weights["anonymous_reason"]
            term.append("reason")
        elif source.anonymity == "document":  # a document has no anonymity to explain, only which one it is
            credit += weights["anonymous_reason"]
            term.append("document")
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
        if source.id == relay:
            credit -= weights["relay_article"]
            term.append("unconfirmed relay")
    name = term[0] if len(term) == 1 else f"{term[0]} ({', '.join(term[1:])})"
    return round(min(max(credit, 0.0), weights["named"]), 4), name


def grade(value: int | None) -> tuple[int | None, str | None]:
    """The rubric grade (1-5) and its word for a 0-100 score."""
    if value is None:
        return None, None
    number = next((g for lowest, g in packaged().grades if value >= lowest), 1)
    return number, GRADE_WORDS[number]


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _how_many_named(sourced: int, named: int) -> str:
    if not sourced:
        return ""
    if not named:
        return ", none named"
    if named == sourced:
        return ", named" if named == 1 else ", all named"
    return f", {named} named"


def summary(
    claims: int, sourced: int, named: int, unexplained: int, costs: Mapping[str, int], relay: Source | None
) -> str:
    """The score in an editor's words: claims sourced, unexplained anonymity, weasel phrases, an unconfirmed relay."""
    if not claims:
        parts = ["no sentence makes a claim that needs a source"]
    else:
        verb = "has" if 1 in (sourced, claims) else "have"
        parts = [
            f"{sourced} of {_plural(claims, 'claim that needs', 'claims that need')} a source "
            f"{verb} one{_how_many_named(sourced, named)}"
        ]
    if unexplained:
        parts.append(f"{_plural(unexplained, 'anonymous source gives', 'anonymous sources give')} no reason")
    if costs.get("weasel"):
        parts.append(f"{_plural(costs['weasel'], 'weasel phrase stands', 'weasel phrases stand')} in for a source")
    if costs.get("hedge"):
        parts.append(f"{_plural(costs['hedge'], 'hedge marks', 'hedges mark')} a claim as unsourced")
    if relay is not None:
        parts.append(f"the relay of {relay.text} is not confirmed independently")
    return "; ".join(parts)


def score(
    sentences: Sequence[SentenceResult],
    sources: Sequence[Source] = (),
    findings: Sequence[Finding] = (),
    weights: Mapping[str, float] | None = None,
) -> Score:
    """Score an article.

    Args:
        sentences: classified sentences with `source_id` filled in.
        sources: the source register.
        findings: the findings the policy kept (suppressed ones are skipped); only
            weasel phrases and hedges ([weasel] codes) and an unconfirmed relay
            ([relay] codes, on the outlet's source) cost anything.
        weights: overrides of the packaged weights (already validated).

    Returns:
        A Score with its grade, summary, each term and the formula with numbers
        filled in; `value` is None when no sentence is scored.
    """
    w = {**default_weights(), **(weights or {})}
    config = packaged()
    by_id = {source.id: source for source in sources}
    relaying = frozenset(s.via for s in sources if s.via is not None and s.label == "anonymous")
    scored_ids = {s.index for s in sentences if s.block not in config.excluded}
    relay_id = next(
        (
            f.source_id
            for f in findings
            if f.code in config.relay_codes and f.suppression is None and f.source_id in by_id
        ),
        None,
    )
    relayed = by_id[relay_id] if relay_id else None
    kept = [f for f in findings if f.suppression is None and f.sentence in scored_ids]
    costs = {name: sum(1 for f in kept if f.code in codes) for name, codes in config.costs.items()}
    credits: list[float | None] = []
    needs: list[float | None] = []
    terms: dict[str, list[float]] = {}  # name -> [sentences, need, credit]
    counts = {label: 0 for label in LABELS}
    total_need = attributed_need = earned = 0.0
    claims = sourced = named = 0
    cited: set[str] = set()
    for sentence in sentences:
        if sentence.block in config.excluded:
            credits.append(None)
            needs.append(None)
            continue
        credit, name = sentence_credit(sentence, by_id, relaying, relay_id, w)
        need = claim_need(sentence.span.text, w)
        credits.append(credit)
        needs.append(need)
        counts[sentence.label] += 1
        if sentence.source_id:
            cited.add(sentence.source_id)
        row = terms.setdefault(name, [0, 0.0, credit])
        row[0] += 1
        row[1] += need
        total_need += need
        earned += need * credit
        if need > w["background"]:
            claims += 1
            sourced += sentence.label != "unattributed"
            named += sentence.label == "named"
        if sentence.label != "unattributed":
            attributed_need += need
    scored = sum(counts.values())
    # Only people are granted anonymity; an unnamed document or collective gives no reason to give.
    unexplained = sum(
        1
        for s in sources
        if s.id in cited and s.label == "anonymous" and s.reason is None and s.anonymity in (None, "person")
    )
    words = summary(claims, sourced, named, unexplained, costs, relayed)
    ordered = sorted(terms.items(), key=lambda item: (-item[1][2], item[0]))
    score_terms = tuple(
        ScoreTerm(name, int(n), round(need, 4), credit, round(need * credit, 4)) for name, (n, need, credit) in ordered
    )
    if not scored:
        return Score(
            value=None,
            quality=None,
            coverage=None,
            counts=counts,
            scored_sentences=0,
            terms=(),
            credits=tuple(credits),
            weights=w,
            formula="no scored sentences",
            note="nothing to score: every sentence is a caption, credit or heading",
            summary="nothing to score",
            needs=tuple(needs),
        )
    # A weasel phrase stands in for a source: it counts as (part of) one more claim without one.
    cost = sum(w[name] * count for name, count in costs.items())
    if total_need + cost:
        value = round(100 * min(earned / (total_need + cost), 1.0))
    else:
        value = 100  # nothing needs a source, and nothing pretends to one: nothing is missing
    quality = round(earned / attributed_need, 4) if attributed_need else None
    coverage = round(attributed_need / total_need, 4) if total_need else None
    sums = " + ".join(f"{t.weight:g}*{t.credit:.2f}" for t in score_terms if t.weight)
    plus = "".join(f" + {w[name]:g}*{count} {name}" for name, count in costs.items() if count)
    formula = f"100 * ({sums or '0'}) / ({total_need:g} need{plus}) = {value}"
    skipped = len(sentences) - scored
    note = f"{skipped} caption/credit/heading sentence(s) not scored" if skipped else ""
    number, word = grade(value)
    return Score(
        value=value,
        quality=quality,
        coverage=coverage,
        counts=counts,
        scored_sentences=scored,
        terms=score_terms,
        credits=tuple(credits),
        weights=w,
        formula=formula,
        note=note,
        grade=number,
        grade_word=word,
        summary=words,
        needs=tuple(needs),
    )
