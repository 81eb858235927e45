"""The register's reason and basis on our own articles in many registers (tests/register_cases.py).

Each expectation states what LABELS.md ("Anonymity") requires for the source of
one anonymous sentence: whether the article says why anonymity was granted
(reason) and how the source knows (basis). Cases the sentence labeller still
gets wrong (the register never sees their source) are strict xfails, so they
report when the labels work fixes them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from register_cases import CASES

# Sentence-labelling gaps (attrib/engine, the labels session's), not register ones: the primary is the wrong clause.
LABELLING: dict[tuple[str, str], str] = {}

PARAMS = [
    pytest.param(
        text,
        marker,
        reason,
        basis,
        id=f"{case_id}:{marker[:30]}",
        marks=[pytest.mark.xfail(strict=True, reason=LABELLING[(case_id, marker)])]
        if (case_id, marker) in LABELLING
        else [],
    )
    for case_id, text, expectations in CASES
    for marker, reason, basis in expectations
]


@pytest.fixture(scope="module")
def audits() -> dict:
    return {}


@pytest.mark.model
@pytest.mark.parametrize("text, marker, reason, basis", PARAMS)
def test_register_case_flags(audits: dict, text: str, marker: str, reason: bool, basis: bool) -> None:
    from attrib.pipeline import audit_text

    audit = audits.setdefault(text, audit_text(text))
    at = text.index(marker)
    sentence = next(s for s in audit.sentences if s.span.start <= at < s.span.end)
    source = next((s for s in audit.sources if s.id == sentence.source_id), None)
    got = (source is not None and source.reason is not None, source is not None and source.basis is not None)
    assert got == (reason, basis), f"source {source.text if source else None!r}: reason, basis = {got}"


def test_register_cases_markers_are_in_their_articles() -> None:
    for case_id, text, expectations in CASES:
        for marker, _, _ in expectations:
            assert text.count(marker) == 1, (case_id, marker)
