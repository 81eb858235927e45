"""Does the default policy agree with standards editors? Pass/fail against sourcing ratings.

    .venv/bin/python benchmarks/policy_ratings.py [GOLD.jsonl RATINGS.jsonl] [--list]

GOLD.jsonl holds the excerpts (`id`, `text`), RATINGS.jsonl two editors' 1-5
sourcing ratings of each (`id`, `mean`; its first line describes the rubric);
both default to the team's dev files in the nearest shared/eval above the checkout. Every excerpt is
audited with the default settings (no config file, as `attrib audit
--isolated`), and the script prints the share of excerpts rated >= 4 that
pass the default policy and the share rated <= 2 that fail it (target: 80 %
each). `--list` adds one line per excerpt: rating, verdict and the findings at
or above the fail level.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from attrib.config import Config
from attrib.pipeline import audit_text

# The team's shared gold files sit beside the checkout (../shared/eval), or beside its worktree folder.
EVAL = next(
    (
        parent / "shared" / "eval"
        for parent in Path(__file__).resolve().parents
        if (parent / "shared" / "eval").is_dir()
    ),
    Path("../shared/eval"),
)


def main(argv: list[str]) -> int:
    if "-h" in argv or "--help" in argv:
        print(__doc__)
        return 0
    listing = "--list" in argv
    paths = [a for a in argv if a != "--list"]
    if len(paths) not in (0, 2):
        print("usage: policy_ratings.py [GOLD.jsonl RATINGS.jsonl] [--list]", file=sys.stderr)
        return 2
    gold, ratings = (Path(p) for p in paths) if paths else (EVAL / "pages-dev.jsonl", EVAL / "pages-dev-ratings.jsonl")
    texts = {row["id"]: row["text"] for row in map(json.loads, gold.read_text(encoding="utf-8").splitlines()) if row}
    means = {row["id"]: row["mean"] for row in map(json.loads, ratings.read_text(encoding="utf-8").splitlines()[1:])}
    policy = Config()
    good = bad = good_pass = bad_fail = 0
    for article_id in sorted(means):
        audit = audit_text(texts[article_id], path=article_id, config=policy)
        failures = policy.failures(audit)
        mean = means[article_id]
        if mean >= 4:
            good, good_pass = good + 1, good_pass + (not failures)
        elif mean <= 2:
            bad, bad_fail = bad + 1, bad_fail + bool(failures)
        if listing:
            codes = sorted(
                {f.code for f in audit.findings if f.suppression is None and f.severity == "error"}
                if failures
                else set()
            )
            print(f"{article_id}  rated {mean:.1f}  {'FAIL' if failures else 'pass'}  {' '.join(codes)}")
    print(
        f"rated >= 4 that pass the default policy: {good_pass}/{good} = {good_pass / good:.0%}"
        if good
        else "no excerpt rated >= 4"
    )
    print(
        f"rated <= 2 that fail the default policy: {bad_fail}/{bad} = {bad_fail / bad:.0%}"
        if bad
        else "no excerpt rated <= 2"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
