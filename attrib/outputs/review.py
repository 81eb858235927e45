"""The editor's view of an audit: verdict, grade in words, what to fix first, questions for the reporter.

The HTML report, `attrib annotate` (Word comments, Markdown comments, `>>`
lines) and any other editor-facing output build their first screen from one
`Review`, so they always agree with each other and with the exit code (the
verdict is `attrib.audit.verdict`, the rule the CLI uses).

Article text reaches these strings unescaped: every writer escapes for its own
format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from attrib.audit.verdict import SEVERITY_RANK, FailPolicy, Verdict, verdict
from attrib.records import ArticleAudit, Finding, Score, Source

# How many findings the verdict names as the things to fix first.
FIXES = 3

# Score bands for the 1-5 grade when the score record carries none, with the
# rubric's words (pages-dev-ratings rubric: 1 opaque ... 5 exemplary).
GRADE_BANDS: tuple[tuple[int, int, str], ...] = (
    (80, 5, "exemplary"),
    (60, 4, "sound"),
    (40, 3, "mixed"),
    (20, 2, "weak"),
    (0, 1, "opaque"),
)

# The question an editor asks the reporter for each finding code. {source},
# {outlet} and {cue} are filled from the finding and the register.
QUESTIONS: dict[str, str] = {
    "AN101": "Why was {source} granted anonymity, and can the story tell readers why?",
    "AN102": "How does {source} know this: were they there, or did they see documents?",
    "AN103": "Who is {source}: what kind of source, and how many of them?",
    "AN104": "Is {source} one person or several?",
    "AN105": "Why does an unnamed source get to give opinion or attack ({cue}); can they be named, or the line cut?",
    "SC201": "Did we confirm what {source} told {outlet}, or do we only have it from {outlet}?",
    "SC202": "Did we confirm {outlet}'s report ourselves, and can the story say so?",
    "WE301": "Who reported or believes this ({cue})? Name the source.",
    "WE302": "What is the source for this claim ({cue})?",
    "WE303": "Who is the source behind {cue}?",
}


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
    question: str  # "" when the code asks nothing (suppression bookkeeping)


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
    """The grade in words: the score record's own grade when it has one, else from the score's band."""
    if score.value is None:
        return Grade(None, "", "no score", score.note or "nothing in the article needs a source")
    value = score.value
    own = getattr(score, "grade", None)
    if isinstance(own, int) and 1 <= own <= 5:
        number, word = own, str(getattr(score, "grade_word", "") or getattr(score, "rubric", "") or "")
    else:
        number, word = next((g, w) for floor, g, w in GRADE_BANDS if value >= floor)
    summary = str(getattr(score, "summary", "") or _summary(score))
    return Grade(number, word, f"score {value} of 100", summary)


def _summary(score: Score) -> str:
    scored = score.scored_sentences
    attributed = sum(n for label, n in score.counts.items() if label != "unattributed")
    anonymous = score.counts.get("anonymous", 0)
    line = f"{attributed} of {scored} scored sentences give a source"
    if anonymous:
        line += f", {anonymous} of them an anonymous one"
    return line + "."


def question(finding: Finding, sources: dict[str, Source]) -> str:
    """What the editor should ask the reporter about one finding ("" for codes that ask nothing)."""
    template = QUESTIONS.get(finding.code)
    if template is None:
        return ""
    source = sources.get(finding.source_id or "")
    outlet = sources.get(source.via or "") if source is not None else None
    if source is not None and source.label == "publication":  # a relay finding is about the outlet itself
        outlet = source
    return template.format(
        source=f"'{source.text}'" if source is not None else "the source",
        outlet=f"'{outlet.text}'" if outlet is not None else "the outlet",
        cue=f"'{finding.span.text}'",
    )


def _notes(audit: ArticleAudit, sources: dict[str, Source]) -> tuple[Note, ...]:
    return tuple(
        Note(i, f, sources[f.source_id].text if f.source_id in sources else "", question(f, sources))
        for i, f in enumerate(audit.findings)
    )


def _fixes(notes: Sequence[Note]) -> tuple[Fix, ...]:
    """The most severe kinds of active finding, one per code: its first instance and where else it occurs."""
    active = sorted((n for n in notes if n.finding.suppression is None),
                    key=lambda n: (-SEVERITY_RANK[n.finding.severity], n.finding.sentence, n.index))
    by_code: dict[str, list[Note]] = {}
    for note in active:
        by_code.setdefault(note.finding.code, []).append(note)
    fixes = []
    for code, group in list(by_code.items())[:FIXES]:
        first = group[0]
        also = sorted({n.finding.sentence for n in group[1:]} - {first.finding.sentence})
        fixes.append(Fix(first, tuple(also)))
    return tuple(fixes)


def _questions(audit: ArticleAudit, notes: Sequence[Note]) -> tuple[SourceQuestions, ...]:
    """Per anonymous source and per relayed outlet (register order), then claims with no source."""
    asked: dict[str, list[str]] = {}
    for note in notes:
        if note.finding.suppression is None and note.question:
            bucket = asked.setdefault(note.finding.source_id or "", [])
            if note.question not in bucket:
                bucket.append(note.question)
    relayed = {s.via for s in audit.sources if s.via}
    groups = []
    for source in audit.sources:
        own = tuple(getattr(source, "questions", ()) or ())  # the register's own questions, when it has them
        questions = own or tuple(asked.get(source.id, ()))
        if source.label == "anonymous":
            kind = "anonymous source"
        elif source.label == "publication" and (source.id in relayed or source.id in asked):
            kind = "relay"
        else:
            continue
        if questions:
            sentences = tuple(sorted({m.sentence for m in source.mentions}))
            groups.append(SourceQuestions(source.id, kind, source.text, sentences, questions))
    unsourced = [n for n in notes if n.finding.suppression is None and n.question and not n.finding.source_id]
    if unsourced:
        groups.append(SourceQuestions("", "unsourced claims", "claims with no source",
                                      tuple(sorted({n.finding.sentence for n in unsourced})),
                                      tuple(dict.fromkeys(n.question for n in unsourced))))
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
    """One line for a summary comment: "attrib: FAIL, grade 2 of 5 (weak), score 25 of 100"."""
    line = f"attrib: {result.verdict.word}, {result.grade.headline}"
    if result.verdict.reasons:
        line += f" ({'; '.join(result.verdict.reasons)})"
    return line


__all__ = ["Fix", "Grade", "Note", "Review", "SourceQuestions", "grade", "question", "questions_text", "review",
           "verdict_line", "QUESTIONS", "GRADE_BANDS"]
