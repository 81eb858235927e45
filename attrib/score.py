"""The sourcing-transparency score: how much of what an article asserts a reader can trace.

Each scored sentence earns the credit of its label (rules/scoring.toml); the
score is 100 times the mean credit. Page furniture is not scored. Every term
is returned with the value, so outputs can show the arithmetic.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Sequence

from attrib.records import LABELS, Score, SentenceResult


@lru_cache(maxsize=1)
def default_weights() -> tuple[dict[str, float], tuple[str, ...]]:
    """Credits per label and excluded block kinds from the packaged scoring.toml."""
    data = tomllib.loads((resources.files("attrib") / "rules" / "scoring.toml").read_text(encoding="utf-8"))
    credits = {label: float(data["credit"][label]) for label in LABELS}
    ordered = [credits[label] for label in ("named", "publication", "anonymous", "unattributed")]
    if any(a < b for a, b in zip(ordered, ordered[1:])) or ordered[-1] < 0:
        raise ValueError("scoring.toml: credits must satisfy named >= publication >= anonymous >= unattributed >= 0")
    return credits, tuple(data["exclude"]["blocks"])


def score(sentences: Sequence[SentenceResult]) -> Score:
    """Score an article's sentences.

    Returns:
        A Score whose `formula` shows the computation with numbers filled in;
        `value` is None when no sentence is scored (an article of furniture only).
    """
    credits, excluded = default_weights()
    scored = [s for s in sentences if s.block not in excluded]
    counts = {label: sum(1 for s in scored if s.label == label) for label in LABELS}
    total = round(sum(credits[label] * counts[label] for label in LABELS), 4)
    terms = " + ".join(f"{counts[label]}*{credits[label]:.2f}" for label in LABELS)
    if not scored:
        return Score(value=None, counts=counts, scored_sentences=0, credit_total=0.0, weights=credits,
                     formula="no scored sentences", note="nothing to score: every sentence is a caption, credit or heading")
    value = round(100 * total / len(scored))
    formula = f"100 * ({terms}) / {len(scored)} = {value}"
    note = f"{len(sentences) - len(scored)} caption/credit/heading sentence(s) not scored" if len(scored) < len(sentences) else ""
    return Score(value=value, counts=counts, scored_sentences=len(scored), credit_total=total, weights=credits,
                 formula=formula, note=note)
