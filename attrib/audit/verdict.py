"""The policy verdict: whether an audited article passes, and why not.

One rule decides it everywhere: the CLI's exit code (`Config.failures`), the
report's PASS/FAIL banner, the index and the annotated draft all call
`FailPolicy.failures`. A file fails when it has an unsuppressed finding at or
above ``fail_level``, or, with ``fail_under`` / ``fail_grade`` set, a score or
1-5 grade below it (a file with no scored sentence has neither and does not
fail on them).
"""

from __future__ import annotations

from dataclasses import dataclass

from attrib.records import SEVERITY_RANK, ArticleAudit


@dataclass(frozen=True)
class FailPolicy:
    """The thresholds a file must meet (`--fail-level`, `--fail-under`)."""

    fail_level: str = "error"
    fail_under: int | None = None
    fail_grade: int | None = None

    def failures(self, audit: ArticleAudit) -> tuple[str, ...]:
        """Why `audit` fails the policy, one reason per broken threshold (empty: it passes)."""
        reasons = []
        score = audit.score
        if self.fail_under is not None and score.value is not None and score.value < self.fail_under:
            reasons.append(f"score {score.value} is below fail-under {self.fail_under}")
        if self.fail_grade is not None and score.grade is not None and score.grade < self.fail_grade:
            reasons.append(f"grade {score.grade} ({score.grade_word}) is below fail-grade {self.fail_grade}")
        failing = [
            f
            for f in audit.findings
            if f.suppression is None and SEVERITY_RANK[f.severity] >= SEVERITY_RANK[self.fail_level]
        ]
        if failing:
            noun = "finding" if len(failing) == 1 else "findings"
            reasons.append(f"{len(failing)} {noun} at or above fail-level {self.fail_level}")
        return tuple(reasons)

    def describe(self) -> str:
        """The policy in words, e.g. "fail on any unsuppressed error finding, or a score below 60"."""
        level = self.fail_level if self.fail_level == "error" else f"{self.fail_level}-or-worse"
        text = f"fail on any unsuppressed {level} finding"
        if self.fail_under is not None:
            text += f", or a score below {self.fail_under}"
        if self.fail_grade is not None:
            text += f", or a grade below {self.fail_grade}"
        return text


@dataclass(frozen=True)
class Verdict:
    """PASS or FAIL for one article under one policy."""

    policy: FailPolicy
    reasons: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.reasons

    @property
    def word(self) -> str:
        return "PASS" if self.passed else "FAIL"


def verdict(audit: ArticleAudit, policy: FailPolicy | None = None) -> Verdict:
    """Judge `audit` against `policy` (default: fail on an unsuppressed error finding)."""
    chosen = policy or FailPolicy()
    return Verdict(chosen, chosen.failures(audit))


__all__ = ["FailPolicy", "Verdict", "verdict"]
