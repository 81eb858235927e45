"""How well the transparency score ranks articles the way standards editors do.

    .venv/bin/python benchmarks/score_agreement.py RATINGS.jsonl GOLD.jsonl
    .venv/bin/python benchmarks/score_agreement.py RATINGS.jsonl GOLD.jsonl --loo
    .venv/bin/python benchmarks/score_agreement.py RATINGS.jsonl GOLD.jsonl --json out.json

RATINGS.jsonl: an optional first line `{"about": ...}`, then one object per
excerpt with `id` and `mean` (and, when there are two editors, `r1` and `r2`).
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


def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks; tied values share the average of their ranks."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            result[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return result


def spearman(a: Sequence[float], b: Sequence[float]) -> float:
    """Spearman's rho with ties: Pearson's r of the average ranks (nan when either side is constant)."""
    ra, rb = ranks(a), ranks(b)
    n = len(ra)
    ma, mb = sum(ra) / n, sum(rb) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    var = (sum((x - ma) ** 2 for x in ra) * sum((y - mb) ** 2 for y in rb)) ** 0.5
    return cov / var if var else float("nan")


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


def load(ratings_path: Path, gold_path: Path) -> tuple[list[dict], dict[str, str]]:
    """Ratings (without the `about` line) and the text of each rated id; exits 2 on a mismatch."""
    ratings = [r for r in read_jsonl(ratings_path) if "about" not in r]
    texts = {row["id"]: row["text"] for row in read_jsonl(gold_path) if "id" in row and "text" in row}
    for rating in ratings:
        if "id" not in rating or not isinstance(rating.get("mean"), (int, float)):
            fail(f"{ratings_path}: every rating needs an id and a numeric mean")
        if rating["id"] not in texts:
            fail(f"{ratings_path}: rated id {rating['id']!r} has no text in {gold_path}")
    if len(ratings) < 3:
        fail(f"{ratings_path}: fewer than 3 ratings; rho needs more")
    return ratings, texts


def rescore(audits: Sequence[ArticleAudit], weights: Mapping[str, float] | None = None) -> list:
    """The Score of each audit under other weights, without parsing again."""
    return [score(a.sentences, a.sources, [f for f in a.findings if f.suppression is None], weights) for a in audits]


def leave_one_out(audits: Sequence[ArticleAudit], means: Sequence[float]) -> tuple[float, list[dict]]:
    """Rho of held-out scores, each from the LOO_GRID weights that fit the other excerpts best."""
    grid = [dict(zip(LOO_GRID, values)) for values in itertools.product(*LOO_GRID.values())]
    table = [[s.value if s.value is not None else 0 for s in rescore(audits, weights)] for weights in grid]
    held_out, chosen = [], []
    for out in range(len(audits)):
        keep = [i for i in range(len(audits)) if i != out]
        best = max(range(len(grid)), key=lambda g: (spearman([table[g][i] for i in keep],
                                                              [means[i] for i in keep]), -g))
        held_out.append(table[best][out])
        chosen.append(grid[best])
    # Held-out scores come from different weights; rho over them is the honest figure.
    return spearman(held_out, means), chosen


def confusion(means: Sequence[float], grades: Sequence[int | None]) -> list[str]:
    """Rows: the editors' mean; columns: attrib's grade 1-5."""
    rows = sorted(set(means))
    lines = ["editors' mean | attrib grade 1  2  3  4  5", "-" * 42]
    for mean in rows:
        cells = [sum(1 for m, g in zip(means, grades) if m == mean and g == grade) for grade in range(1, 6)]
        lines.append(f"{mean:13.1f} |              " + "  ".join(f"{c or '.'}" for c in cells))
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ratings", type=Path)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--loo", action="store_true", help="also report the leave-one-out rho of the fitted weights")
    parser.add_argument("--json", type=Path, help="write the figures and per-excerpt scores as JSON")
    args = parser.parse_args(argv)
    ratings, texts = load(args.ratings, args.gold)
    audits = [audit_text(texts[r["id"]], path=r["id"]) for r in ratings]
    scores = rescore(audits)
    means = [float(r["mean"]) for r in ratings]
    values = [s.value if s.value is not None else 0 for s in scores]
    grades = [s.grade for s in scores]
    rho = spearman(values, means)
    print(f"{len(ratings)} rated excerpts ({args.ratings.name})")
    print(f"Spearman rho, score vs editors' mean: {rho:.3f}")
    editors = None
    if all("r1" in r and "r2" in r for r in ratings):
        editors = spearman([r["r1"] for r in ratings], [r["r2"] for r in ratings])
        print(f"Spearman rho, editor 1 vs editor 2:   {editors:.3f}")
    print()
    print("\n".join(confusion(means, grades)))
    misses = [(r["id"], m, g) for r, m, g in zip(ratings, means, grades)
              if g is not None and ((m >= 4 and g <= 2) or (m <= 2 and g >= 4))]
    print()
    print(f"rated >= 4 but graded <= 2, or rated <= 2 but graded >= 4: {len(misses)}"
          + "".join(f"\n  {i}: rated {m:g}, graded {g}" for i, m, g in misses))
    loo = None
    if args.loo:
        loo, _ = leave_one_out(audits, means)
        print(f"\nleave-one-out rho (weights refitted without each excerpt over {len(LOO_GRID)} weights): {loo:.3f}")
    if args.json:
        document = {"ratings": str(args.ratings), "n": len(ratings), "rho": round(rho, 4),
                    "rho_editors": None if editors is None else round(editors, 4),
                    "rho_leave_one_out": None if loo is None else round(loo, 4), "misses": len(misses),
                    "excerpts": [{"id": r["id"], "mean": m, "score": s.value, "grade": s.grade,
                                  "summary": s.summary} for r, m, s in zip(ratings, means, scores)]}
        args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
