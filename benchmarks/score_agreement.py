"""How well the transparency score ranks articles the way standards editors do.

    .venv/bin/python benchmarks/score_agreement.py RATINGS.jsonl GOLD.jsonl
    .venv/bin/python benchmarks/score_agreement.py RATINGS.jsonl GOLD.jsonl --loo
    .venv/bin/python benchmarks/score_agreement.py RATINGS.jsonl GOLD.jsonl --json out.json

RATINGS.jsonl: an optional first line `{"about": ...}`, then one object per
excerpt with `id`, `mean`, `r1` and `r2` (1-5), read by `attrib.evaluate.load_ratings`.
GOLD.jsonl: the matching articles, one object per line with `id` and `text`.

Prints Spearman's rho (ties get their average rank) between the score and the
editors' mean, and between the two editors when both ratings are present; the
confusion of the editors' mean against attrib's 1-5 grade; and the excerpts
that break the agreement rule (rated >= 4 but graded <= 2, or rated <= 2 but
graded >= 4).

--loo refits the weights that were chosen by looking at ratings (LOO_GRID
below) on all excerpts but one, scores the held-out one with the weights that
fitted the rest best, and reports rho over those held-out scores: the figure to
quote next to the in-sample one.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from attrib import audit_text
from attrib.audit.score import score
from attrib.evaluate import (
    Rating,
    RatingsError,
    format_confusion,
    grade_confusion,
    load_ratings,
    rate,
    score_value,
    spearman,
)
from attrib.records import ArticleAudit

# The weights set while reading the dev ratings, and the values tried for each.
LOO_GRID: dict[str, tuple[float, ...]] = {
    "anonymous": (0.1, 0.2, 0.3),
    "publication": (0.5, 0.7),
    "weasel": (0.25, 0.5, 1.0),
    "hedge": (0.0, 0.25, 0.5),
    "background": (0.0, 0.25),
    "quotation": (0.25, 0.5, 1.0),
}


def fail(message: str) -> None:
    """One line naming the file and the problem, exit 2."""
    print(message, file=sys.stderr)
    sys.exit(2)


def read_jsonl(path: Path) -> list[dict]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        fail(f"{path}: cannot read: {getattr(err, 'strerror', None) or err}")
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as err:
            fail(f"{path}:{number}: not JSON: {err.msg}")
    return rows


def load(ratings_path: Path, gold_path: Path) -> tuple[list[Rating], dict[str, str]]:
    """Ratings (checked as `attrib eval --ratings` checks them) and the text of each rated id; exits 2 on a mismatch."""
    texts = {
        row["id"]: row["text"]
        for row in read_jsonl(gold_path)
        if isinstance(row, dict) and isinstance(row.get("id"), str) and isinstance(row.get("text"), str)
    }
    try:
        ratings = load_ratings(ratings_path, texts, gold_path)
    except RatingsError as err:
        fail(str(err))
    if len(ratings) < 3:
        fail(f"{ratings_path}: fewer than 3 ratings; rho needs more")
    return ratings, texts


def rescore(audits: Sequence[ArticleAudit], weights: Mapping[str, float] | None = None) -> list:
    """The Score of each audit under other weights, without parsing again."""
    return [score(a.sentences, a.sources, [f for f in a.findings if f.suppression is None], weights) for a in audits]


def leave_one_out(audits: Sequence[ArticleAudit], means: Sequence[float]) -> tuple[float, list[dict]]:
    """Rho of held-out scores, each from the LOO_GRID weights that fit the other excerpts best."""
    grid = [dict(zip(LOO_GRID, values)) for values in itertools.product(*LOO_GRID.values())]
    table = [[score_value(s) for s in rescore(audits, weights)] for weights in grid]
    held_out, chosen = [], []
    for out in range(len(audits)):
        keep = [i for i in range(len(audits)) if i != out]
        best = max(
            range(len(grid)), key=lambda g: (spearman([table[g][i] for i in keep], [means[i] for i in keep]), -g)
        )
        held_out.append(table[best][out])
        chosen.append(grid[best])
    # Held-out scores come from different weights; rho over them is the honest figure.
    return spearman(held_out, means), chosen


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ratings", type=Path)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--loo", action="store_true", help="also report the leave-one-out rho of the fitted weights")
    parser.add_argument("--json", type=Path, help="write the figures and per-excerpt scores as JSON")
    args = parser.parse_args(argv)
    ratings, texts = load(args.ratings, args.gold)
    audits = [audit_text(texts[r.id], path=r.id) for r in ratings]
    scores = rescore(audits)
    means = [r.mean for r in ratings]
    report = rate(ratings, scores)
    print(f"{len(ratings)} rated excerpts ({args.ratings.name})")
    print(f"Spearman rho, score vs editors' mean: {report.rho:.3f}")
    print(f"Spearman rho, editor 1 vs editor 2:   {report.rho_editors:.3f}")
    print()
    # Rows are the raw means here (1.0, 1.5, ...); `attrib eval --ratings` rounds them.
    print("\n".join(format_confusion(grade_confusion(means, [s.grade for s in scores]))))
    graded = {r.id: (r.mean, s.grade) for r, s in zip(ratings, scores)}
    print()
    print(
        f"rated >= 4 but graded <= 2, or rated <= 2 but graded >= 4: {len(report.misses)}"
        + "".join(f"\n  {i}: rated {graded[i][0]:g}, graded {graded[i][1]}" for i in report.misses)
    )
    loo = None
    if args.loo:
        loo, _ = leave_one_out(audits, means)
        print(f"\nleave-one-out rho (weights refitted without each excerpt over {len(LOO_GRID)} weights): {loo:.3f}")
    if args.json:
        document = {
            "ratings": str(args.ratings),
            "n": report.n,
            "rho": round(report.rho, 4),
            "rho_editors": round(report.rho_editors, 4),
            "rho_leave_one_out": None if loo is None else round(loo, 4),
            "misses": len(report.misses),
            "excerpts": [
                {"id": r.id, "mean": r.mean, "score": s.value, "grade": s.grade, "summary": s.summary}
                for r, s in zip(ratings, scores)
            ],
        }
        args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
