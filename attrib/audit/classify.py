"""Sentence evidence -> one label per sentence, with the winning evidence and why.

Walks the sentences in article order, because two decisions need the article:
back-references ("he added", "They also mentioned") take the label of the
source they refer to, and a sentence inside a multi-sentence quotation takes
the label of the quotation's speaker. Pure functions over records; no spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from attrib.engine.rules import RuleSet, load_rules
from attrib.records import FURNITURE, PRONOUN_CASES, Attribution, HeadFacts, SentenceEvidence, SentenceResult, Span

# How far back a pronoun or a quotation looks for its source, in sentences.
REFERENCE_WINDOW = 8
QUOTED_SENTENCE = 0.5
LIST_ITEM_CHARS = 120  # a list line after "X listed the tasks:" is short
ROLE_WORDS = {
    "nested": "is nested inside another attribution's content",
    "modifier": "sits in a clause that only describes a participant or sets the scene",
}


@dataclass(frozen=True)
class _Referent:
    sentence: int
    span: Span
    kind: str  # person | body | outlet | anonymous
    label: str
    head: HeadFacts | None
    speaker: bool = False  # the source of an attribution, not a mere mention
    outer: bool = False  # ... of a main-clause attribution, not one nested in another's content
    primary: bool = False  # ... of the attribution that labels its sentence
    quoted: bool = False  # mentioned inside someone's quotation ('"A fan wrote to me," she said')
    someone: bool = True  # an unnamed source whose head is a person ("an aide", not "a problem" or "anyone")

    @property
    def plural(self) -> bool:
        return self.head is not None and self.head.plural


def classify(
    evidence: Sequence[SentenceEvidence],
    locate: Callable[[int], tuple[int, int]],
    rule_order: Sequence[str] = (),
    lexicons: Mapping[str, frozenset[str]] | None = None,
) -> tuple[SentenceResult, ...]:
    """Label every sentence.

    Args:
        evidence: the component's records, one per sentence, in article order.
        locate: maps a character offset to its (line, column) in the original file.
        rule_order: rule ids in priority order (attribution.toml order); earlier
            rules win when two main-clause attributions compete.
        lexicons: the rule set's word lists (`RuleSet.lexicons`); the packaged
            ones when not given.

    Returns:
        One SentenceResult per sentence, in order.
    """
    priority = {rule_id: i for i, rule_id in enumerate(rule_order)}
    # the rules' declared properties (rank_as, frames, continues_quote, source kinds); a house
    # vocabulary extends word lists only, so the packaged rule set has the same ones
    rules = load_rules()
    words = lexicons if lexicons is not None else rules.lexicons
    roles = words["named_roles"]
    people = frozenset().union(*(words[name] for name in PEOPLE_HEADS)) - words["indefinite_people"]
    coverage = _Coverage(words["piece_heads"], words["coverage_cues"], words["outlet_body_heads"])
    referents: list[_Referent] = []
    results: list[SentenceResult] = []
    resolved_primary: list[Attribution | None] = []
    for index, sentence in enumerate(evidence):
        # an outlet the sentence itself names ("The local paper, the Ely Standard, reported")
        outlet_here = any(m.kind == "outlet" for m in sentence.mentions)
        attributions = [
            _resolve(a, index, referents)
            if a.label == ""
            else _refer_back(a, index, referents, roles, coverage, rules, outlet_here)
            for a in sentence.attributions
        ]
        primary = _primary([a for a in attributions if a.role == "main"], priority, rules)
        introduced = _introduced_by(index, evidence, resolved_primary, rules)
        # a sentence with a sourceless cue of its own ("it has been reported that ... 'living
        # apart'") is the reporter's unless it opens inside the quotation
        quoted = _is_quoted(sentence) and (primary is None or _opens_quotation(sentence))
        if (primary is None or primary.source is None) and (quoted or introduced):
            continuation = introduced or _quote_speaker(index, evidence, resolved_primary, referents, rules)
            if continuation is not None:
                if primary is not None:
                    attributions.append(primary)
                primary = continuation
        furniture = _furniture(sentence, primary, rules)
        if furniture:
            # nothing decides a furniture line's label: its evidence is only a runner-up
            label, why_primary = "unattributed", None
        else:
            label, why_primary = (primary.label, primary) if primary else ("unattributed", None)
        others = tuple(a for a in attributions if a is not why_primary)
        line, col = locate(sentence.span.start)
        results.append(
            SentenceResult(
                index=index,
                span=sentence.span,
                block=sentence.block,
                label=label,
                line=line,
                col=col,
                primary=why_primary,
                others=others,
                why=_why(label, sentence, why_primary, others, furniture),
            )
        )
        # furniture ("NEW DELHI:", a byline) speaks for nobody: no quotation continues its source
        resolved_primary.append(primary if primary and primary.source is not None and not furniture else None)
        referents.extend(_referents(index, sentence, attributions, rules, people, why_primary))
    return _named_later(tuple(results), evidence, rules, words)


# How far into the article its lead may sit (after a headline, a standfirst, a dateline).
LEAD_SENTENCES = 4
# How many people the article must go on to name for a lead's group to count as named.
NAMED_LATER = 2


def _named_later(
    results: tuple[SentenceResult, ...],
    evidence: Sequence[SentenceEvidence],
    rules: RuleSet,
    words: Mapping[str, frozenset[str]],
) -> tuple[SentenceResult, ...]:
    """A lead that points forward to people the article names later is `named`.

    LABELS.md: "Two families who fled the city have said ...", then both are
    named: their identity is not withheld. The lead is the article's first
    attributed sentence; its source a counted plural group ("two families",
    "three nurses", "both": lexicons/number_words) of people who do not
    speak off the record by trade (lexicons/withheld_heads); and at least
    NAMED_LATER people the article has not named before speak by name after it.
    """
    later_id = rules.named_later
    lead = next((r for r in results if r.primary is not None and r.primary.source is not None), None)
    if not later_id or lead is None or lead.index >= LEAD_SENTENCES or lead.label != "anonymous":
        return results
    primary = lead.primary
    assert primary is not None and primary.source is not None
    head = primary.source_head
    first = primary.source.text.split()[0].lower() if primary.source.text.split() else ""
    counted = first.isdigit() or first in words["number_words"] or first == "both"
    if (
        rules.source_kind(primary.source_rule) != "anonymous"
        or head is None
        or not head.plural
        or not counted
        or head.lemma in words["withheld_heads"]
    ):
        return results
    before = {w.strip(".,;:'’\"“”()").lower() for r in results[: lead.index + 1] for w in r.span.text.split()}
    named: dict[str, int] = {}
    for result in results[lead.index + 1 :]:
        found = result.primary
        if (
            found is None
            or found.source is None
            or found.refers_to is not None  # a pronoun or a quotation's later sentence: no new person
            or found.label != "named"
            or not _person_named(found, rules)
        ):
            continue
        written = found.source.text.split(",")[0].split()
        name = written[-1].lower().strip(".'’") if written else ""
        if name and name not in before:
            named.setdefault(name, result.index)
    if len(named) < NAMED_LATER:
        return results
    where = ", ".join(str(i) for i in sorted(named.values())[:NAMED_LATER])
    forward = replace(
        primary,
        label=rules.source(later_id).label,
        source_rule=later_id,
        message=f"{primary.message}; the article names them later (sentences {where})",
    )
    relabelled = replace(
        lead,
        label=forward.label,
        primary=forward,
        why=_why(forward.label, evidence[lead.index], forward, lead.others, False),
    )
    return tuple(relabelled if r.index == lead.index else r for r in results)


def _person_named(attribution: Attribution, rules: RuleSet) -> bool:
    """A person speaking by name: a person's source rule, or a bare name the parser took for a body
    ("Rower Mia Holt said": two capitalised words end the phrase, with no determiner)."""
    kind = rules.source_kind(attribution.source_rule)
    if kind == "person":
        return True
    head = attribution.source_head
    words = attribution.source.text.split(",")[0].split() if attribution.source else []
    return (
        kind == "body"
        and head is not None
        and not head.determiner
        and len(words) >= 2
        and all(w[:1].isupper() for w in words[-2:])
    )


def _primary(mains: list[Attribution], priority: dict[str, int], rules: RuleSet) -> Attribution | None:
    """The attribution that governs the sentence, among its main-clause ones.

    Rules rank by priority (attribution.toml order); of two main clauses of the
    same construction (`rank_as`) the first one wins (LABELS.md: "the first one wins"). An outlet in a
    framing rule's slot (`frames`: "according to X") after the speech and outside what was said ("The coach said he would stay,
    according to Sky Sports") relays the whole report: the outlet is the outer
    source and beats the speaker. (People or bodies in that slot are as often
    the source of a phrase inside the content, so they do not.)
    """
    if not mains:
        return None

    def rank(a: Attribution) -> int:
        # a document that says and a person who says are one construction (the subject of a
        # report verb), so between them the first clause wins
        return priority.get(rules.rank(a.rule_id), len(priority))

    ranked = sorted(mains, key=lambda a: (a.source is None, rank(a), a.cue.start))
    primary = ranked[0]
    if primary.content is None or primary.source is None:
        return primary
    for other in ranked[1:]:
        if (
            rules.frames(other.rule_id)
            and other.label == "publication"
            and not primary.content.start <= other.cue.start < primary.content.end
            and other.cue.start > primary.cue.start
        ):
            return other
    return primary


def _is_quoted(sentence: SentenceEvidence) -> bool:
    return sentence.quote_id is not None and sentence.quoted >= QUOTED_SENTENCE


QUOTE_OPENERS = ('"', "“", "''", "``", "'", "‘", "„", "«")


QUOTE_CLOSERS = ('"', "”", "''", "'", "’", "»")


def _closes_quotation(sentence: SentenceEvidence) -> bool:
    """The sentence ends by closing a quotation ('... not ready."'; "... not ready.'" in British copy)."""
    text = sentence.span.text.rstrip()
    for closer in QUOTE_CLOSERS:
        if text.endswith(closer):
            return text[: -len(closer)].rstrip()[-1:] in (".", "!", "?", ",")
    return False


def _opens_quotation(sentence: SentenceEvidence) -> bool:
    return sentence.span.text.lstrip("([—–- ").startswith(QUOTE_OPENERS)


def _quote_speaker(
    index: int,
    evidence: Sequence[SentenceEvidence],
    primaries: list[Attribution | None],
    referents: list[_Referent],
    rules: RuleSet,
) -> Attribution | None:
    """The speaker of the quotation that sentence `index` sits in, as quote-continuation evidence.

    A speaker named later in the quotation as a pronoun ('... nobody like that,"
    he said.') is resolved against the referents seen so far.
    """
    quote_id = evidence[index].quote_id
    # 1. A sentence of the same quotation that names its speaker ('"A. B," she
    #    said.'), a bare attribution right after the quotation closes, or the
    #    speaker's tag on the next quotation of a run ('"A." "B," said Jones.').
    for distance in range(1, REFERENCE_WINDOW + 1):
        for other in (index + distance, index - distance):
            if not 0 <= other < len(evidence):
                continue
            same = evidence[other].quote_id == quote_id
            closing = (
                other > index
                and evidence[other].follows_quote
                and all(evidence[k].quote_id == quote_id for k in range(index, other))
                and _bare(evidence[other], rules)
                and not _responds(evidence[other], rules)
            )
            tagged = other > index and _tagged_after(index, other, evidence, rules)
            if not (same or closing or tagged):
                continue
            found = primaries[other] if other < index else _sourced_main(evidence[other], rules)
            if found is not None and found.label == "" and other > index:
                found = _resolve(found, other, referents)
            if found is not None and found.label:
                return _continuation(found, other, rules)
    # 2. The sentence before named a speaker: a quotation with no attribution of
    #    its own continues the last speaker (the news convention).
    if index > 0:
        found = primaries[index - 1]
        if found is not None and found.label and found.label != "unattributed":
            return _continuation(found, index - 1, rules)
    return None


def _tagged_after(index: int, other: int, evidence: Sequence[SentenceEvidence], rules: RuleSet) -> bool:
    """Sentence `other` opens the next quotation of an unbroken run that starts at `index` and tags
    its speaker after it ('"We were not ready." "It is over," said Jones.'): a run of quoted
    sentences in one paragraph, each opening where the last quotation closed, is one speaker's."""
    paragraph = evidence[index].paragraph
    run = range(index + 1, other + 1)
    if not all(
        evidence[k].paragraph == paragraph
        and (
            evidence[k].quote_id is not None
            and evidence[k].quote_id == evidence[k - 1].quote_id
            or _opens_quotation(evidence[k])
            and _closes_quotation(evidence[k - 1])
        )
        for k in run
    ):
        return False
    if not all(_is_quoted(evidence[k]) for k in range(index, other)):
        return False
    found = _sourced_main(evidence[other], rules)
    # the tag follows the quotation it credits: the content (what was quoted) ends before the cue
    return found is not None and found.content is not None and found.content.end <= found.cue.start


def _introduced_by(
    index: int, evidence: Sequence[SentenceEvidence], primaries: list[Attribution | None], rules: RuleSet
) -> Attribution | None:
    """The speaker of an "X added:" sentence, for the paragraph that follows it.

    Block quotations after a colon often carry no quotation marks; the
    introducing sentence's speaker covers the next paragraph, and every line of
    a list that follows it ("X listed her tasks:" / "Sell her plan" / "Be
    herself"), as long as each line is one short, unattributed sentence.
    """
    paragraph = evidence[index].paragraph
    for other in range(index - 1, max(-1, index - REFERENCE_WINDOW - 1), -1):
        found = primaries[other]
        if evidence[other].opens_quote and found is not None and found.label:
            if evidence[other].paragraph == paragraph - 1 and all(
                evidence[k].paragraph == paragraph for k in range(other + 1, index)
            ):
                return _continuation(found, other, rules)
            if all(_list_item(evidence, k, primaries, rules) for k in range(other + 1, index + 1)):
                return _continuation(found, other, rules)
            return None
        if evidence[other].paragraph < paragraph - 1 and not _list_item(evidence, other, primaries, rules):
            return None
    return None


def _list_item(
    evidence: Sequence[SentenceEvidence], index: int, primaries: list[Attribution | None], rules: RuleSet
) -> bool:
    """A line of a list: a short sentence alone in its paragraph, with no source of its own."""
    sentence = evidence[index]
    alone = all(evidence[k].paragraph != sentence.paragraph for k in (index - 1, index + 1) if 0 <= k < len(evidence))
    return (
        alone
        and sentence.span.end - sentence.span.start <= LIST_ITEM_CHARS
        and not sentence.opens_quote
        and (index >= len(primaries) or (primary := primaries[index]) is None or rules.continues_quote(primary.rule_id))
    )


def _bare(sentence: SentenceEvidence, rules: RuleSet) -> bool:
    """A bare attribution ('Graham asked.', '― Carla Sanchez.') with no content of its own."""
    found = _sourced_main(sentence, rules)
    return found is not None and found.content is None


# a negation between the source and its cue, or right after the cue: "X did not respond",
# "X never replied", "X said nothing more"
_ASIDE = re.compile(r",[^,]*,")
_NEGATED_CUE = re.compile(r"\b(?:not|never|nothing|no)\b|n['’]t\b", re.IGNORECASE)


def _responds(sentence: SentenceEvidence, rules: RuleSet) -> bool:
    """A response, not a speaker's tag: '"..." The club declined to comment.', '... did not respond.',
    '... said nothing more.' (a quotation before it is not these words)."""
    found = _sourced_main(sentence, rules)
    if found is None or found.source is None:
        return False
    if rules.responds(found.rule_id):
        return True
    text, base = sentence.span.text, sentence.span.start
    lo = min(found.source.end, found.cue.end) - base
    hi = max(found.source.start, found.cue.start) - base
    after = text[found.cue.end - base :].split(maxsplit=1)
    between = _ASIDE.sub(" ", text[lo:hi]) if lo < hi else ""  # "Lee, no stranger to setbacks, said."
    return bool(_NEGATED_CUE.search(between) or (after and _NEGATED_CUE.fullmatch(after[0].strip(".,;:"))))


def _sourced_main(sentence: SentenceEvidence, rules: RuleSet) -> Attribution | None:
    """The first main-clause attribution with a source; a pronoun source keeps its empty label."""
    for attribution in sentence.attributions:
        if (
            attribution.role == "main"
            and attribution.source is not None
            and (attribution.label or rules.refers_back(attribution.source_rule))
        ):
            return attribution
    return None


def _continuation(speaker: Attribution, sentence: int, rules: RuleSet) -> Attribution:
    source = speaker.source.text if speaker.source else ""
    return replace(
        speaker,
        rule_id=rules.continuation,
        role="main",
        content=None,
        refers_to=sentence,
        message=f"the sentence continues a quotation attributed to {source!r} (sentence {sentence})",
    )


def _resolve(attribution: Attribution, index: int, referents: list[_Referent]) -> Attribution:
    """Give a pronoun (or a bare definite plural, "the companies") the label of the most recent compatible referent."""
    written = attribution.source.text.lower() if attribution.source else ""
    pronoun = PRONOUN_CASES.get(written, written)  # "according to him" resolves like "he said"
    wanted: tuple[str, ...]
    if pronoun in ("he", "she"):
        wanted = ("person", "anonymous")
    elif pronoun == "it":
        wanted = ("body", "place", "outlet", "document")
    else:
        wanted = ("anonymous", "body", "outlet", "person")
    head = attribution.source_head
    plural_first = pronoun == "they" or head is not None and head.plural  # "the companies" prefers a plural antecedent
    # a document no attribution cited ("published a consultation paper") is no "it"
    window = [
        r
        for r in referents
        if index - r.sentence <= REFERENCE_WINDOW and r.kind in wanted and (r.speaker or r.kind != "document")
    ]
    if written not in PRONOUN_CASES:
        # "the companies said": a definite description repeats a source or a named body, not a
        # group a clause was only about ("Analysts were surprised"); only a pronoun picks those up
        window = [r for r in window if r.speaker or r.kind != "anonymous"]
    # someone a quotation mentions is seldom the one a later pronoun cites ('"A fan wrote to me.
    # She said we would be fine. I believe that," she said.'): the speakers outside come first
    window = [r for r in window if not r.quoted] or window
    if pronoun in ("he", "she"):
        # "he" is a person: a named one, or an unnamed one whose head a people word list holds
        # ("a senior aide"; "a problem that demands a response" and "anyone who saw it" are no one)
        window = [r for r in window if not r.plural and r.someone]
    if plural_first and any(r.plural for r in window):
        window = [r for r in window if r.plural]
    if window:
        antecedent = window[-1]
        if pronoun == "it":
            # "Reuters said Germany had approved the sale. It said ...": within the nearest
            # sentence, the body that spoke outranks a place or body inside what it said
            # ("The BBC reported that France had agreed ... It added": the outer speaker, not one inside its report)
            speakers = [r for r in window if r.sentence == antecedent.sentence and r.speaker]
            # the one that labels its sentence first ("The FT said ..., according to an internal memo.
            # It said": the paper, not the memo its report cites)
            speakers = [r for r in speakers if r.primary] or [r for r in speakers if r.outer] or speakers
            if speakers and not any(
                r.span.start < antecedent.span.end and antecedent.span.start < r.span.end for r in speakers
            ):
                antecedent = speakers[-1]
        return replace(
            attribution,
            label=antecedent.label,
            refers_to=antecedent.sentence,
            antecedent=antecedent.span,
            antecedent_head=antecedent.head,
            message=f"{attribution.message}; {written!r} refers back to {antecedent.span.text!r} "
            f"(sentence {antecedent.sentence})",
        )
    # News pronouns nearly always point at a person named earlier that the
    # parser did not tag; say so rather than pretend it was resolved.
    taken_as = "a named person" if written in PRONOUN_CASES else "the named bodies it describes"
    return replace(
        attribution,
        label="named",
        message=f"{attribution.message}; no antecedent found for {written!r}, taken as {taken_as}",
    )


@dataclass(frozen=True)
class _Coverage:
    """The word lists that tell an outlet's piece and news coverage (lexicons piece_heads, coverage_cues),
    and the heads that stand for an outlet or another body (lexicons outlet_body_heads)."""

    piece_heads: frozenset[str]
    cues: frozenset[str]
    outlet_or_body: frozenset[str]


def _refer_back(
    attribution: Attribution,
    index: int,
    referents: list[_Referent],
    roles: frozenset[str],
    coverage: _Coverage,
    rules: RuleSet,
    outlet_here: bool = False,
) -> Attribution:
    """A definite description takes the label of what it refers back to, when it does
    (`outlet_here`: the sentence names an outlet of its own)."""
    attribution = _same_document(attribution, index, referents, rules, outlet_here)
    attribution = _news_piece(attribution, index, referents, coverage, rules)
    attribution = _outlet_or_body(attribution, index, referents, coverage, rules)
    return _same_description(attribution, referents, roles, rules)


def _outlet_or_body(
    attribution: Attribution, index: int, referents: list[_Referent], coverage: _Coverage, rules: RuleSet
) -> Attribution:
    """ "The agency said" after "Kyodo News reported" is the news agency (`publication`), after "the
    Environment Agency said" the regulator; "the microblogging site" after Twitter is the
    platform (`named`). A definite description with such a head (lexicons/outlet_body_heads) and
    no name of its own takes the label of the outlet or body it refers back to: the nearest one
    whose name holds the head word ("Yonhap News Agency"), else the nearest sentence's outlet
    or body, its speaker first (as "It said" resolves)."""
    source = attribution.source
    kind = rules.source_kind(attribution.source_rule)
    if (
        source is None
        or kind not in ("body", "outlet")
        or not source.text.lower().startswith(DEFINITE_OPENERS)
        or _head_lemma(source, attribution.source_head) not in coverage.outlet_or_body
        or _has_name(source)
        # a bare "the website" after a site was named is that outlet; "the microblogging site" is described
        or kind == "outlet"
        and len(source.text.split()) < 3
    ):
        return attribution
    head = _head_lemma(source, attribution.source_head)
    # (a speaker the model tagged as a person may be a company: "Twitter has confirmed ...")
    window = [
        r
        for r in referents
        if index - r.sentence <= REFERENCE_WINDOW and (r.kind in ("body", "outlet") or r.kind == "person" and r.speaker)
    ]
    if not window:
        return attribution
    antecedent = next((r for r in reversed(window) if head in r.span.text.lower().split()), None)
    if antecedent is None:
        nearest = [r for r in window if r.sentence == window[-1].sentence]
        speakers = [r for r in nearest if r.speaker]
        # a body written as an acronym ("CNN reported that the FBI had opened an inquiry. The
        # agency said ...") is the public agency the outlet reported on
        acronyms = [r for r in nearest if r.kind == "body" and _acronym(r.span)]
        antecedent = (acronyms or [r for r in speakers if r.outer] or speakers or nearest)[-1]
    if antecedent.label == attribution.label:
        return attribution
    return _labelled_as(attribution, antecedent)


def _same_description(
    attribution: Attribution, referents: list[_Referent], roles: frozenset[str], rules: RuleSet
) -> Attribution:
    """ "The neighbour said ..." after "A neighbour, who asked not to be named, said ..." is
    that unnamed neighbour again (LABELS.md: a description that refers back to an
    anonymous source is anonymous: a `definite` source rule); the most recent source with the same head decides.
    An office ("the judge", "the appeals court", lexicons/named_roles) is identified by
    the case or story it serves in, so it stays named."""
    source = attribution.source
    if not rules.definite(attribution.source_rule) or source is None or not source.text.lower().startswith("the "):
        return attribution
    head = _head_lemma(source, attribution.source_head)
    if head in roles:
        return attribution
    for referent in reversed(referents):
        if not referent.speaker or _head_lemma(referent.span, referent.head) != head:
            continue
        if referent.kind != "anonymous":
            return attribution
        return _labelled_as(attribution, referent)
    return attribution


def _acronym(span: Span) -> bool:
    """An organisation written as capitals: "the FBI", "EPA"."""
    word = span.text.split()[-1] if span.text.split() else ""
    return len(word) >= 2 and word.isupper() and word.isalpha()


def _has_name(span: Span) -> bool:
    """A capitalised word after the phrase's first: "the Reuters/Ipsos poll", not "the local paper"."""
    return any(word[:1].isupper() for word in span.text.split()[1:])


def _head_lemma(span: Span, facts: HeadFacts | None) -> str:
    """The lemma the parse gave a phrase's head ("officials" -> "official"); the last word
    only for a record made without a parse (hand-built in tests)."""
    return facts.lemma if facts is not None else span.text.split()[-1].lower()


def _same_document(
    attribution: Attribution, index: int, referents: list[_Referent], rules: RuleSet, outlet_here: bool = False
) -> Attribution:
    """ "The poll shows ..." refers back to the poll named earlier and takes its label; so does
    "The paper said" after "a consultation paper", unless an outlet was named since (then
    "the paper" is the newspaper). With no outlet named before it or beside it, "the paper"
    is a document (`_paper_without_outlet`)."""
    source = attribution.source
    # only a bare description ("the paper", "the local paper"): a name in it is the outlet's
    outlet = source is not None and rules.source_kind(attribution.source_rule) == "outlet" and not _has_name(source)
    if (
        not (rules.identified_document(attribution.source_rule, identified=True) or outlet)
        or source is None
        or not source.text.lower().startswith(DEFINITE_OPENERS)
    ):
        return attribution
    head = _head_lemma(source, attribution.source_head)
    for referent in reversed(referents):
        if index - referent.sentence > REFERENCE_WINDOW or outlet and referent.kind == "outlet":
            break
        if (
            referent.kind == "document"
            and (referent.speaker or outlet)  # a document only mentioned decides what "the paper" is, no more
            and _head_lemma(referent.span, referent.head) == head
            and referent.label != attribution.label
        ):
            return _labelled_as(attribution, referent)
    # ("paper": a word for a newspaper and for a document alike)
    ambiguous = rules.lexicons["document_heads"] & rules.lexicons["outlet_nouns"]
    # (a singular "the paper": "the two papers reported" are as likely two newspapers; a paper
    # that quotes someone as saying is a newspaper, a document does not quote its sources)
    singular = attribution.source_head is None or not attribution.source_head.plural
    quotes = attribution.cue.text.lower().startswith("quot")
    if (
        outlet
        and head in ambiguous
        and singular
        and not quotes
        and not outlet_here
        and not any(r.kind == "outlet" for r in referents)
    ):
        return _paper_without_outlet(attribution, index, referents, rules)
    return attribution


def _paper_without_outlet(
    attribution: Attribution, index: int, referents: list[_Referent], rules: RuleSet
) -> Attribution:
    """A bare "the paper" when the article has named no outlet before it: a newspaper is named
    before the copy calls it "the paper", so this paper is a document. It is the study, trial or
    report mentioned last ("A study in JAMA found ... according to the paper": `named`), or,
    with none, a paper the reader cannot identify (`anonymous`)."""
    document = next(
        (r for r in reversed(referents) if r.kind == "document" and index - r.sentence <= REFERENCE_WINDOW), None
    )
    if document is not None:
        return _labelled_as(attribution, document)
    unnamed = next(s.id for s in rules.sources if s.kind == "document" and s.label == "anonymous")
    return replace(
        attribution,
        label="anonymous",
        source_rule=unnamed,
        message=f"{attribution.message}; no outlet is named before it, so it is a paper the reader cannot identify",
    )


DEFINITE_OPENERS = ("the ", "this ", "that ", "these ", "those ", "both ")


def _labelled_as(attribution: Attribution, referent: _Referent) -> Attribution:
    """The attribution with the label of the earlier source it refers back to, saying which."""
    return replace(
        attribution,
        label=referent.label,
        refers_to=referent.sentence,
        antecedent=referent.span,
        message=f"{attribution.message}; refers back to {referent.span.text!r} (sentence {referent.sentence})",
    )


def _news_piece(
    attribution: Attribution, index: int, referents: list[_Referent], coverage: _Coverage, rules: RuleSet
) -> Attribution:
    """A document that is an outlet's piece takes the outlet's label.

    "NHK reported ... According to the report, ..." and "The article said ..."
    after an outlet was named refer to that outlet's piece: a document with the
    same head mentioned since decides ("The council published a report, the BBC
    reported. The report said ..." is the council's), else the nearest outlet
    named (a description such as "its website" may be anyone's), whatever other
    documents the outlet cited ("..., the agency said, citing documents filed
    with the ministry. According to the report, ..."). "The paper" after a
    consultation paper stays a document (`_same_document`). An unidentified
    "report" that claims or suggests ("Reports suggested ...", "Report: ...") is
    news coverage.
    """
    source = attribution.source
    kind = rules.source_kind(attribution.source_rule)
    # a document, or a definite piece the source rules read as a role ("The story said")
    if kind not in ("document", "body") or source is None:
        return attribution
    # the head noun, before any modifier after it ("a report on Tuesday")
    head = next((w for w in source.text.lower().split() if w in coverage.piece_heads), "")
    if not head or kind == "body" and _head_lemma(source, attribution.source_head) not in coverage.piece_heads:
        return attribution
    if source.text.lower().startswith(DEFINITE_OPENERS):
        window = [r for r in referents if index - r.sentence <= REFERENCE_WINDOW]
        nearest = next(
            (
                r
                for r in reversed(window)
                if r.kind == "document" and _head_lemma(r.span, r.head) == _head_lemma(source, attribution.source_head)
            ),
            None,
        ) or next((r for r in reversed(window) if r.kind == "outlet" and not r.speaker), None)
        if nearest is not None and nearest.kind == "outlet":
            return replace(
                attribution,
                label="publication",
                refers_to=nearest.sentence,
                antecedent=nearest.span,
                message=f"{attribution.message}; the outlet's piece: refers back to "
                f"{nearest.span.text!r} (sentence {nearest.sentence})",
            )
        return attribution
    if (
        rules.identified_document(attribution.source_rule, identified=False)
        and head in ("report", "reports")
        and attribution.cue.text.lower() in coverage.cues
    ):
        how = (
            "a 'Report:' kicker"
            if attribution.cue.text == ":"
            else f"an unidentified report that {attribution.cue.text.lower()!r}"
        )
        return replace(attribution, label="publication", message=f"{attribution.message}; {how} is news coverage")
    return attribution


# Word lists whose heads are people: an unnamed source "he" or "she" may refer back to
# (less lexicons/indefinite_people: "anyone who saw it" is no one).
PEOPLE_HEADS = (
    "anonymous_heads",
    "witness_heads",
    "named_roles",
    "spokesperson_heads",
    "representative_heads",
    "journalist_heads",
    "research_heads",
)


def _referents(
    index: int,
    sentence: SentenceEvidence,
    attributions: list[Attribution],
    rules: RuleSet,
    people: frozenset[str] = frozenset(),
    primary: Attribution | None = None,
) -> list[_Referent]:
    """What later pronouns in the article may refer to, in text order."""
    quoted = _is_quoted(sentence)
    found = [_Referent(index, m.span, m.kind, m.label, m.head, quoted=quoted) for m in sentence.mentions]
    for attribution in attributions:
        if attribution.source is None or not attribution.label or attribution.label == "unattributed":
            continue
        kind = rules.source_kind(attribution.source_rule)
        if not kind:  # a resolved back-reference: repeat its antecedent's kind
            continue
        found.append(
            _Referent(
                index,
                attribution.source,
                kind,
                attribution.label,
                attribution.source_head,
                speaker=True,
                outer=attribution.role == "main",
                primary=primary is not None and attribution.source == primary.source,
                quoted=quoted and attribution.role != "main",
                someone=kind != "anonymous"
                or attribution.source_head is not None
                and attribution.source_head.lemma in people,
            )
        )
    return sorted(found, key=lambda r: r.span.start)


def _furniture(sentence: SentenceEvidence, primary: Attribution | None, rules: RuleSet) -> bool:
    """Credits are always furniture; a caption is, unless it attributes a claim of its own
    ("Deputy Commissioner Jane Roe said the search would go on")."""
    if sentence.block == "caption":
        return primary is None or primary.source is None or rules.continues_quote(primary.rule_id)
    return sentence.block in FURNITURE


def _why(
    label: str,
    sentence: SentenceEvidence,
    primary: Attribution | None,
    others: tuple[Attribution, ...],
    furniture: bool,
) -> str:
    """One line that says why the sentence got its label."""
    if furniture:
        return f"unattributed: page furniture ({sentence.block}); captions and credits source no claim"
    if primary is not None:
        line = f"{label}: {primary.message} ({primary.rule_id}; {primary.source_rule})"
        if primary.recipient is not None:
            line += f"; {primary.recipient.text!r} is the recipient, not the source"
        return line
    losers = [a for a in others if a.role in ROLE_WORDS]
    if losers:
        first = losers[0]
        return f"unattributed: the only cue, {first.cue.text!r}, {ROLE_WORDS[first.role]} ({first.rule_id})"
    return "unattributed: no attribution cue in this sentence"
