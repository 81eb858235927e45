"""One candidate -> one Attribution record, or none.

The rule's hook prepares the candidate (or drops it), the parse settles the
source's head token, the clauses give the role, recipient and content, and the
source kind gives the source rule, whose label is data in attribution.toml.
Names: `cue` is the cue's tokens, `cue_head` the one that decides its role,
`source` the source's head token; the records' offsets are `cue_span` and
`source_span`, and `kind` is the source rule's id.
Nothing here depends on which rule it is: what differs is in the rule's data
and its hook.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from attrib.engine import clauses
from attrib.engine.candidates import Candidate
from attrib.engine.context import DocContext
from attrib.engine.hooks import hook_of
from attrib.engine.sources import source_kind
from attrib.engine.tokens import head_facts, np_bounds, outranked_subject
from attrib.records import Attribution, Span

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from attrib.engine.rules import RuleSet

# The source rule of constructions that name no source (agentless, weasel words): their label is the rule's own.
NO_SOURCE = "source.none"


def _credit_end(
    ctx: DocContext, prepared: Candidate, cue_head: Token, source: Token | None, sent: SpacySpan
) -> int | None:
    """Where the content of a trailing credit (", Sky Sports reported.") ends, or None when the cue is none."""
    if source is None or prepared.rule.label or cue_head.dep_ == "relcl" or ctx.quoted(cue_head):
        return None
    start, end = prepared.source_bounds or np_bounds(source)
    lo = min(start, *(t.i for t in prepared.cue))
    hi = max(end - 1, *(t.i for t in prepared.cue))
    return clauses.trailing_credit(ctx, cue_head, lo, hi, sent)


def _labelled_words(ctx: DocContext, candidate: Candidate, sent: SpacySpan) -> Span | None:
    """What a speaker label credits: the words on the other side of its cue and source
    ("Sources: Club says stadium sale is off", "Staples explores sale - source")."""
    words = [t.i for t in candidate.cue] + list(range(*candidate.source_bounds)) if candidate.source_bounds else []
    if not words:
        return None
    lo, hi = min(words), max(words)
    before = [t for t in ctx.doc[sent.start : lo] if not (t.is_punct or t.is_space)]
    after = [t for t in ctx.doc[hi + 1 : sent.end] if not (t.is_punct or t.is_space)]
    side = after if len(after) >= len(before) else before
    return ctx.span(side[0].i, side[-1].i + 1) if side else None


def nest_under_credits(attributions: list[Attribution], rules: RuleSet) -> list[Attribution]:
    """A main cue inside a trailing credit's content, or a speaker label's, is nested in it: the
    credit is the outer source.

    "The coach said he would stay on, according to Sky Sports.": the outlet relays
    the coach's words. A rule's `credit_sources` limit which kinds of source do
    this (a named body or a document in an "according to" slot is as often the
    source of a figure inside the speech, or the speech itself).
    """
    credits = [
        a
        for a in attributions
        if a.role == "main"
        and a.content is not None
        and (a.content.end <= a.cue.start or rules.rule(a.rule_id).role == "main")
        and rules.credit_source(a.rule_id, a.source_rule)
    ]
    if not credits:
        return attributions
    return [
        replace(a, role="nested")
        if a.role == "main"
        and any(
            c is not a and c.content is not None and c.content.start <= a.cue.start < c.content.end for c in credits
        )
        else a
        for a in attributions
    ]


def build_attribution(ctx: DocContext, candidate: Candidate, sent: SpacySpan, ruleset: RuleSet) -> Attribution | None:
    """The attribution a candidate makes in its sentence, or None when it makes none.

    Args:
        ctx: the Doc's facts.
        candidate: a rule's raw match in `sent`.
        sent: the sentence.
        ruleset: the loaded rules (the source rules' labels).
    """
    rule = candidate.rule
    hook = hook_of(rule)
    prepared = hook.prepare(ctx, candidate, sent)
    if prepared is None:
        return None
    cue_head, source = prepared.cue_head, prepared.source
    # (a regex's group delimits its source: the parse's second subject is no rival to it)
    if source is not None and not prepared.repaired and rule.kind != "regex" and outranked_subject(source):
        return None
    if source is not None and source.tag_ in ("WP", "WDT") and cue_head.dep_ == "relcl":
        source = cue_head.head  # "X, who said ..." -> X
    if source is not None and rule.kind == "dep" and ctx.quoted(source) and not ctx.quoted(cue_head):
        # '"Full panic mode," said Leslie Wimes': the parser made the quote the
        # subject; the speaker is the noun phrase after the verb.
        source = clauses.speaker_after(ctx, cue_head)
        if source is None:
            return None
    cue_span = ctx.span(min(t.i for t in prepared.cue), max(t.i for t in prepared.cue) + 1)
    role = "main" if prepared.repaired else clauses.role(ctx, cue_head, sent, rule, hook)
    recipient = clauses.recipient(ctx, cue_head) if rule.kind == "dep" else None
    content = clauses.content(ctx, cue_head, sent) if rule.kind == "dep" else None
    credit_end = _credit_end(ctx, prepared, cue_head, source, sent)
    if credit_end is not None:
        # a trailing credit covers what comes before it, however low the parser hung it
        opening = next((t.i for t in ctx.doc[sent.start : credit_end] if not t.is_punct), sent.start)
        role, content = "main", ctx.span(opening, credit_end)
    elif rule.role == "main" and content is None:
        content = _labelled_words(ctx, prepared, sent)
    if rule.label:  # agentless and weasel constructions name no source
        label, kind, source_span, source_head = rule.label, NO_SOURCE, None, None
    else:
        if source is None:
            return None
        # a trailing speaker's words may be mis-parsed; the regex's group delimits its phrase
        bounds = prepared.source_bounds if rule.source_from_match else None
        kind = source_kind(ctx, source, cue_head, strict=rule.strict, bounds=bounds) or rule.fallback_source
        if not kind:
            return None
        label = ruleset.source(kind).label
        start, end = prepared.source_bounds or np_bounds(source)
        source_span = ctx.span(start, end)
        # the phrase's syntactic head: a hook's token may be a word inside it ("agencies" in "a source in the agencies")
        source_head = head_facts(ctx.doc[start:end].root, ctx.lex["quantity_nouns"])
    message = rule.message.format(source=source_span.text if source_span else "", cue=cue_span.text)
    return Attribution(
        rule_id=rule.id,
        label=label,
        cue=cue_span,
        source=source_span,
        source_rule=kind,
        role=role,
        content=content,
        recipient=recipient,
        message=message,
        source_head=source_head,
    )
