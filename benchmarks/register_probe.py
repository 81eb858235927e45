"""How well the register finds reasons and bases on our own many-register probe articles.

    .venv/bin/python benchmarks/register_probe.py [--list]

Runs every case of tests/register_cases.py through the real pipeline and
scores, per expectation, the `reason`/`basis` of the source of the sentence
holding the marker, as `attrib eval` scores gold flags: precision and recall
of each flag and the share of sentences with both flags right. `--list`
prints every expectation the register gets wrong.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from register_cases import CASES

from attrib.pipeline import audit_text


def flags_at(audit, text: str, marker: str) -> tuple[bool, bool]:
    """The register's (reason, basis) for the source of the sentence holding `marker`."""
    at = text.index(marker)
    sentence = next(s for s in audit.sentences if s.span.start <= at < s.span.end)
    source = next((s for s in audit.sources if s.id == sentence.source_id), None)
    return (source is not None and source.reason is not None, source is not None and source.basis is not None)


def main(argv: list[str]) -> int:
    counts = {flag: {"tp": 0, "fp": 0, "fn": 0} for flag in ("reason", "basis")}
    both = total = 0
    for case_id, text, expectations in CASES:
        audit = audit_text(text)
        for marker, *gold in expectations:
            got = flags_at(audit, text, marker)
            total += 1
            both += tuple(gold) == got
            for flag, g, p in zip(("reason", "basis"), gold, got):
                counts[flag]["tp" if g and p else "fp" if p and not g else "fn" if g and not p else "tp"] += (
                    1 if (g or p) else 0
                )
            if "--list" in argv and tuple(gold) != got:
                print(
                    f"{case_id}: {marker!r} gold reason={gold[0]} basis={gold[1]}, got reason={got[0]} basis={got[1]}"
                )
    for flag, c in counts.items():
        found, stated = c["tp"] + c["fp"], c["tp"] + c["fn"]
        print(f"{flag}: recall {c['tp']}/{stated} precision {c['tp']}/{found}")
    print(f"both flags right {both}/{total} = {both / total:.2f} ({len(CASES)} articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
