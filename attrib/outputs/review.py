"""The editor's view of an audit: verdict, grade in words, what to fix first, questions for the reporter.

The HTML report, `attrib annotate` (Word comments, Markdown comments, `>>`
lines) and any other editor-facing output build their first screen from one
`Review`, so they always agree with each other and with the exit code (the
verdict is `attrib.audit.verdict`, the rule the CLI uses).

Article text reaches these strings unescaped: every writer escapes for its own
format.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from attrib.audit.checks import REGISTRY
from attrib.audit.verdict import FailPolicy, Verdict, verdict
from attrib.records import SEVERITY_RANK, ArticleAudit, Finding, Score, Source

# How many kinds of finding the verdict names as the things to fix first.
FIXES = 3

# The one question for a finding that names no source (weasel words, agentless cues).
UNSOURCED = "Who says so? Name the source, or cut the claim."


@dataclass(frozen=True)
class Grade:
    """The 1-5 grade, its rubric word, and the score and summary in words."""

    grade: int | None
    word: str
    score: str  # "score 25 of 100" / "no score"
    summary: str

    @property
    def headline(self) -> str:
        """e.g. "grade 2 of 5 (weak), score 25 of 100"."""
        if self.grade is None:
            return self.score
        return f"grade {self.grade} of 5 ({self.word}), {self.score}"


@dataclass(frozen=True)
class Note:
    """One active or suppressed finding as the editor reads it: what, on which source, what to ask."""

    index: int  # position in audit.findings
    finding: Finding
    source: str  # the source's descriptor ("" when the finding has none)
    questions: tuple[str, ...]  # empty when the code asks nothing (suppression bookkeeping)


@dataclass(frozen=True)
class Fix:
    """One kind of problem to fix first: its first instance, and the other sentences with the same code."""

    note: Note
    also: tuple[int, ...]  # sentences of the code's other active findings, in article order


@dataclass(frozen=True)
class SourceQuestions:
    """The questions for one anonymous source or one relayed outlet."""

    source_id: str
    kind: str  # "anonymous source" | "relay" | "unsourced claims"
    text: str
    sentences: tuple[int, ...]
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Review:
    """Everything an editor needs first, for one audit under one policy."""

    verdict: Verdict
    grade: Grade
    fixes: tuple[Fix, ...]
    notes: tuple[Note, ...]  # one per finding, in record order
    questions: tuple[SourceQuestions, ...]

    @property
    def question_count(self) -> int:
        return sum(len(group.questions) for group in self.questions)


def grade(score: Score) -> Grade:
    """The score record's grade, rubric word and summary, with the score in words."""
    words = f"score {score.value} of 100" if score.value is not None else "no score"
    return Grade(score.grade, score.grade_word or "", words, score.summary or score.note)


def questions_for(finding: Finding, sources: dict[str, Source]) -> tuple[str, ...]:
    """What the editor should ask the reporter about one finding.

    The register's questions for its source (`Source.questions`); for an
    outlet, those of the sources that reach the article through it; for a
    finding that names no source, who says so. Suppression bookkeeping
    (codes that are not article checks) asks nothing.
    """
    if finding.code not in REGISTRY:
        return ()
    source = sources.get(finding.source_id or "")
    if source is None:
        return (UNSOURCED,)
    if source.questions:
        return source.questions
    return _relay_questions(source, sources.values())


def _relay_questions(outlet: Source, sources: Iterable[Source]) -> tuple[str, ...]:
    """The relayed sources' questions about the outlet they came through."""
    return tuple(dict.fromkeys(q for s in sources if s.via == outlet.id for q in s.questions if outlet.text in q))


def _notes(audit: ArticleAudit, sources: dict[str, Source]) -> tuple[Note, ...]:
    return tuple(
        Note(i, f, sources[f.source_id].text if f.source_id in sources else "", questions_for(f, sources))
        for i, f in enumerate(audit.findings)
    )


def _fixes(notes: Sequence[Note]) -> tuple[Fix, ...]:
    """The most severe kinds of active finding, one per code: its first instance and where else it occurs."""
    active = sorted(
        (n for n in notes if n.finding.suppression is None),
        key=lambda n: (-SEVERITY_RANK[n.finding.severity], n.finding.sentence, n.index),
    )
    by_code: dict[str, list[Note]] = {}
    for note in active:
        by_code.setdefault(note.finding.code, []).append(note)
    fixes = []
    for group in list(by_code.values())[:FIXES]:
        first = group[0]
        also = sorted({n.finding.sentence for n in group[1:]} - {first.finding.sentence})
        fixes.append(Fix(first, tuple(also)))
    return tuple(fixes)


def _questions(audit: ArticleAudit, notes: Sequence[Note]) -> tuple[SourceQuestions, ...]:
    """Per anonymous source and per relayed outlet (register order), then claims with no source."""
    groups = []
    for source in audit.sources:
        if source.label == "anonymous":
            kind, questions = "anonymous source", source.questions
        elif source.label == "publication":
            kind, questions = "relay", _relay_questions(source, audit.sources)
        else:
            continue
        if questions:
            sentences = tuple(sorted({m.sentence for m in source.mentions}))
            groups.append(SourceQuestions(source.id, kind, source.text, sentences, tuple(questions)))
    unsourced = [n for n in notes if n.finding.suppression is None and n.questions and not n.finding.source_id]
    if unsourced:
        cues = ", ".join(dict.fromkeys(f"'{n.finding.span.text}'" for n in unsourced))
        groups.append(
            SourceQuestions(
                "", "unsourced claims", cues, tuple(sorted({n.finding.sentence for n in unsourced})), (UNSOURCED,)
            )
        )
    return tuple(groups)


def review(audit: ArticleAudit, policy: FailPolicy | None = None) -> Review:
    """The editor's view of `audit` under `policy` (default: fail on an unsuppressed error finding)."""
    sources = {s.id: s for s in audit.sources}
    notes = _notes(audit, sources)
    return Review(verdict(audit, policy), grade(audit.score), _fixes(notes), notes, _questions(audit, notes))


def questions_text(audit: ArticleAudit, result: Review, title: str = "") -> str:
    """The questions for the reporter as plain text, ready to paste into a message."""
    lines = [f"Questions for the reporter: {title or audit.path}", ""]
    if not result.questions:
        lines.append("None: every source is named or its anonymity explained.")
    for group in result.questions:
        where = ", ".join(f"s{i}" for i in group.sentences)
        label = group.kind if not group.source_id else f"{group.kind} '{group.text}'"
        lines.append(f"{label[:1].upper()}{label[1:]} ({where}):" if where else f"{label}:")
        lines += [f"- {q}" for q in group.questions]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def verdict_line(result: Review) -> str:
    """The verdict in one line: "FAIL, grade 2 of 5 (weak), score 25 of 100 (1 finding at or above ...)"."""
    line = f"{result.verdict.word}, {result.grade.headline}"
    if result.verdict.reasons:
        line += f" ({'; '.join(result.verdict.reasons)})"
    return line


__all__ = [
    "Fix",
    "Grade",
    "Note",
    "Review",
    "SourceQuestions",
    "grade",
    "questions_for",
    "questions_text",
    "review",
    "verdict_line",
    "UNSOURCED",
]
