"""Hand-built audits for the report tests (test_render.py, test_report.py).

They exercise every part of the report (all four labels, a source register
with a reason, a nested source and a back-reference, findings of every
severity plus a suppressed one, a score breakdown) without spaCy or a model.
"""

from __future__ import annotations

import hashlib

from attrib.records import (
    ArticleAudit,
    Attribution,
    Finding,
    Score,
    ScoreTerm,
    SentenceResult,
    Source,
    SourceMention,
    Span,
    Suppression,
)

TEXT = (
    "Missiles reach Kyiv\n"
    "\n"
    "The Pentagon said on Friday that the first shipment had arrived. "
    "A U.S. official told NPR the move was approved last week.\n"
    "The U.S. official, who wasn't authorized to speak publicly, said more would follow. "
    '"It will take time."\n'
    "As is known, the missiles can travel about 190 miles.\n"
    "The New York Times reported the plan first, citing officials. "
    "Experts say the decision could escalate the war.\n"
    "Prices rose."
)

S0 = "Missiles reach Kyiv"
S1 = "The Pentagon said on Friday that the first shipment had arrived."
S2 = "A U.S. official told NPR the move was approved last week."
S3 = "The U.S. official, who wasn't authorized to speak publicly, said more would follow."
S4 = '"It will take time."'
S5 = "As is known, the missiles can travel about 190 miles."
S6 = "The New York Times reported the plan first, citing officials."
S7 = "Experts say the decision could escalate the war."
S8 = "Prices rose."
SENTENCES = (S0, S1, S2, S3, S4, S5, S6, S7, S8)
LABELS_OF = (
    "unattributed",
    "named",
    "anonymous",
    "anonymous",
    "anonymous",
    "unattributed",
    "publication",
    "anonymous",
    "unattributed",
)

INJECTION = "</script><img src=x onerror=alert(1)>"
TEMPLATE_PROBE = "{{ 7*7 }}"


def span_of(text: str, needle: str, start: int = 0) -> Span:
    """The span of the first ``needle`` at or after ``start``."""
    i = text.index(needle, start)
    return Span(i, i + len(needle), needle)


def locate(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def attribution(
    text: str,
    rule_id: str,
    label: str,
    cue: str,
    source: str | None,
    near: str,
    role: str = "main",
    **extra,
) -> Attribution:
    """An attribution whose cue and source are looked up inside the sentence ``near``."""
    base = text.index(near)
    return Attribution(
        rule_id=rule_id,
        label=label,
        cue=span_of(text, cue, base),
        source=span_of(text, source, base) if source else None,
        source_rule=f"source.{label}",
        role=role,
        **extra,
    )


def sentence(
    text: str,
    index: int,
    needle: str,
    label: str,
    primary: Attribution | None = None,
    others: tuple[Attribution, ...] = (),
    why: str | None = None,
    block: str = "paragraph",
    source_id: str | None = None,
) -> SentenceResult:
    """A sentence result for the first occurrence of ``needle``."""
    span = span_of(text, needle)
    line, col = locate(text, span.start)
    return SentenceResult(
        index=index,
        span=span,
        block=block,
        label=label,
        line=line,
        col=col,
        primary=primary,
        others=others,
        why=why or f"{label}: sentence {index}",
        source_id=source_id,
    )


def finding(
    text: str,
    code: str,
    name: str,
    severity: str,
    needle: str,
    sentence_index: int,
    near: str,
    source_id: str | None = None,
    suppression: Suppression | None = None,
) -> Finding:
    """A finding over ``needle`` inside the sentence ``near``."""
    span = span_of(text, needle, text.index(near))
    line, col = locate(text, span.start)
    end_line, end_col = locate(text, span.end)
    return Finding(
        code=code,
        name=name,
        severity=severity,
        message=f"{name}: {needle!r}",
        why=f"The standard behind {code}.",
        span=span,
        sentence=sentence_index,
        line=line,
        col=col,
        end_line=end_line,
        end_col=end_col,
        fingerprint=hashlib.sha1(f"{code}|{near}".encode()).hexdigest()[:16],
        source_id=source_id,
        suppression=suppression,
    )


def make_score(**overrides) -> Score:
    """A score with a breakdown that matches the sample's labels."""
    fields = dict(
        value=45,
        quality=0.64,
        coverage=0.70,
        counts={"named": 1, "anonymous": 4, "publication": 1, "unattributed": 2},
        scored_sentences=8,
        terms=(
            ScoreTerm("named", 1, 1.0, 1.0, 1.0),
            ScoreTerm("publication relaying unnamed sources", 1, 1.0, 0.5, 0.5),
            ScoreTerm("anonymous + reason", 2, 2.0, 0.5, 1.0),
            ScoreTerm("anonymous", 1, 1.0, 0.3, 0.3),
            ScoreTerm("anonymous, vague", 1, 1.0, 0.2, 0.2),
            ScoreTerm("unattributed claim", 2, 1.5, 0.0, 0.0),
        ),
        credits=(None, 1.0, 0.3, 0.5, 0.5, 0.0, 0.5, 0.2, 0.0),
        weights={"named": 1.0, "publication": 0.7, "anonymous": 0.3, "unattributed": 0.0},
        formula="100 * 0.64 * 0.70 = 45",
        note="1 heading sentence not scored",
        grade=3,
        grade_word="adequate",
        summary="6 of 8 claims that need a source have one (1 named); 2 anonymous sources give no reason",
    )
    fields.update(overrides)
    return Score(**fields)  # type: ignore[arg-type]


def make_audit(text: str = TEXT, **overrides) -> ArticleAudit:
    """The sample audit: every label, source kind and severity appears."""
    a = attribution
    sentences = (
        sentence(text, 0, S0, "unattributed", why="unattributed: a headline with no cue.", block="heading"),
        sentence(
            text,
            1,
            S1,
            "named",
            a(
                text,
                "speech-verb-subject",
                "named",
                "said",
                "The Pentagon",
                S1,
                message="'The Pentagon' is the subject of 'said'",
            ),
            source_id="S1",
        ),
        sentence(
            text,
            2,
            S2,
            "anonymous",
            a(text, "speech-verb-subject", "anonymous", "told", "A U.S. official", S2, recipient=span_of(text, "NPR")),
            why="anonymous: 'A U.S. official' is the subject of 'told'; 'NPR' is the recipient, not the source",
            source_id="S2",
        ),
        sentence(
            text,
            3,
            S3,
            "anonymous",
            a(text, "speech-verb-subject", "anonymous", "said", "The U.S. official", S3, refers_to=2),
            source_id="S2",
        ),
        # A quote continuation: its evidence points into the previous sentence.
        sentence(
            text,
            4,
            S4,
            "anonymous",
            Attribution(
                "quote-continuation",
                "anonymous",
                span_of(text, "said", text.index(S3)),
                span_of(text, "The U.S. official"),
                "source.anonymous",
                "main",
                refers_to=3,
            ),
            source_id="S2",
        ),
        sentence(
            text,
            5,
            S5,
            "unattributed",
            Attribution("presupposed", "unattributed", span_of(text, "As is known"), None, "source.none", "main"),
        ),
        sentence(
            text,
            6,
            S6,
            "publication",
            a(text, "speech-verb-subject", "publication", "reported", "The New York Times", S6),
            others=(
                a(
                    text,
                    "citing",
                    "anonymous",
                    "citing",
                    "officials",
                    S6,
                    role="nested",
                    message="'officials' is cited by 'The New York Times'",
                ),
            ),
            source_id="S3",
        ),
        sentence(
            text,
            7,
            S7,
            "anonymous",
            a(text, "speech-verb-subject", "anonymous", "say", "Experts", S7),
            source_id="S5",
        ),
        sentence(text, 8, S8, "unattributed", why="unattributed: no attribution cue in this sentence"),
    )
    sources = (
        Source("S1", "named", "The Pentagon", "source.named-body", (SourceMention(1, span_of(text, "The Pentagon")),)),
        Source(
            "S2",
            "anonymous",
            "a U.S. official",
            "source.anonymous-descriptor",
            (SourceMention(2, span_of(text, "A U.S. official")), SourceMention(3, span_of(text, "The U.S. official"))),
            reason=span_of(text, "who wasn't authorized to speak publicly"),
            specificity="specific",
            anonymity="person",
            questions=(
                "How does the source know? Was the source present, briefed, or shown documents?",
                "What is the source's stake in the story, and did anyone on the record confirm it?",
            ),
        ),
        Source(
            "S3",
            "publication",
            "The New York Times",
            "source.outlet",
            (SourceMention(6, span_of(text, "The New York Times")),),
        ),
        Source(
            "S4",
            "anonymous",
            "officials",
            "source.vague-collective",
            (SourceMention(6, span_of(text, "officials", text.index(S6))),),
            via="S3",
            specificity="vague",
            plural=True,
            anonymity="collective",
            questions=(
                "Who exactly says this, and how many? Can one of them be named and quoted?",
                "The New York Times is the only route to this source: did the newsroom confirm the report "
                "independently?",
            ),
        ),
        Source(
            "S5",
            "anonymous",
            "Experts",
            "source.vague-collective",
            (SourceMention(7, span_of(text, "Experts")),),
            specificity="vague",
            plural=True,
            anonymity="collective",
            questions=("Who exactly says this, and how many? Can one of them be named and quoted?",),
        ),
    )
    findings = (
        finding(text, "AN102", "anonymous-no-basis", "warning", "A U.S. official", 2, S2, "S2"),
        finding(text, "WE302", "presupposed-knowledge", "warning", "As is known", 5, S5),
        finding(text, "AN101", "anonymous-no-reason", "error", "officials", 6, S6, "S4"),
        finding(text, "SC201", "secondhand-chain", "info", "citing officials", 6, S6, "S4"),
        finding(text, "AN103", "vague-descriptor", "warning", "Experts", 7, S7, "S5"),
        finding(
            text,
            "AN101",
            "anonymous-no-reason",
            "error",
            "Experts",
            7,
            S7,
            "S5",
            suppression=Suppression("per-file", "the experts are named in the sidebar"),
        ),
    )
    fields = dict(
        path="seeds/kyiv.txt",
        text=text,
        sentences=sentences,
        score=make_score(),
        model="en_core_web_sm 3.8.0",
        attrib_version="0.1.0",
        rules={
            "speech-verb-subject": {"description": "The subject of a speech verb is the source.", "kind": "dep"},
            "source.vague-collective": {"description": "A vague group such as 'officials'.", "kind": "source"},
        },
        notes=("quotes were balanced",),
        sources=sources,
        findings=findings,
    )
    fields.update(overrides)
    return ArticleAudit(**fields)  # type: ignore[arg-type]


def injection_audit() -> ArticleAudit:
    """An article whose every field carries markup and a template expression."""
    text = f"Breaking {INJECTION} news.\n{TEMPLATE_PROBE} is the answer, an official said."
    first = f"Breaking {INJECTION} news."
    second = f"{TEMPLATE_PROBE} is the answer, an official said."
    evil = f"{INJECTION} {TEMPLATE_PROBE}"
    return ArticleAudit(
        path="evil/<img src=x onerror=alert(2)>.txt",
        text=text,
        sentences=(
            sentence(
                text,
                0,
                first,
                "named",
                # Marks over the payload must be escaped like any other segment.
                Attribution(
                    "r.evil", "named", span_of(text, "news"), span_of(text, INJECTION), "r.src", "main", message=evil
                ),
                why=f"named: {INJECTION} said {TEMPLATE_PROBE}",
                source_id="S1",
            ),
            sentence(
                text,
                1,
                second,
                "anonymous",
                attribution(text, "anonymous.said", "anonymous", "said", "an official", second),
                others=(Attribution("r.o", "", span_of(text, TEMPLATE_PROBE), None, "r.none", "modifier"),),
                source_id="S2",
            ),
        ),
        score=make_score(
            value=None,
            quality=None,
            coverage=None,
            formula=evil,
            note=INJECTION,
            terms=(ScoreTerm(evil, 1, 1.0, 1.0, 1.0),),
            credits=(1.0, 0.3),
        ),
        model=INJECTION,
        attrib_version="0.1.0",
        rules={"r.evil": {"description": evil, "kind": "dep"}},
        notes=(INJECTION,),
        sources=(
            Source("S1", "named", INJECTION, "r.src", (SourceMention(0, span_of(text, INJECTION)),)),
            Source(
                "S2",
                "anonymous",
                f"an official {TEMPLATE_PROBE}",
                "r.anon",
                (SourceMention(1, span_of(text, "an official")),),
                reason=span_of(text, TEMPLATE_PROBE),
                via="S1",
            ),
        ),
        findings=(
            Finding(
                "AN101",
                INJECTION,
                "error",
                evil,
                evil,
                span_of(text, INJECTION),
                0,
                1,
                10,
                1,
                47,
                "x",
                suppression=None,
            ),
            Finding(
                "AN102",
                TEMPLATE_PROBE,
                "warning",
                evil,
                evil,
                span_of(text, "an official"),
                1,
                2,
                24,
                2,
                35,
                "y",
                suppression=Suppression("inline", evil, 1),
            ),
        ),
    )
