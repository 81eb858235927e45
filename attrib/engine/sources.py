"""Source kinds: which [[source]] rule of attribution.toml a source noun phrase falls under.

`source_kind` reads the head of the source's noun phrase (entity type, tag,
lexicons, determiners, what modifies it) from the most specific evidence (an
outlet, a personal name) to the most general (a definite common noun), so one
noun phrase gets one reading; the rule's label is data in attribution.toml.
`mentions` lists what a later pronoun or description could refer back to.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from attrib.engine.context import DocContext
from attrib.engine.rules import load_rules
from attrib.engine.tokens import (
    DEFINITE,
    definite_issuer,
    entity_tokens,
    head_facts,
    is_definite,
    led_by_name,
    np_bounds,
    prep_objects,
)
from attrib.records import PRONOUN_CASES, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

# Verbs that say who saw a document, not who issued it: "documents seen by Reuters".
SEEING_VERBS = {"see", "obtain", "review", "read", "examine", "view", "leak", "acquire", "get"}
# Heads that pick members out of a group: "one of the senators", "some of the protesters".
PARTITIVES = {
    "one",
    "some",
    "many",
    "several",
    "most",
    "few",
    "none",
    "each",
    "any",
    "all",
    "both",
    "half",
    "either",
    "neither",
    "another",
    "dozens",
    "hundreds",
    "thousands",
}
# a broadcaster's call sign: "KTVU", "WKRG" (lexicons/call_sign_exclusions lists look-alikes)
CALL_SIGN = re.compile(r"[KW][A-Z]{3}")
NAME_ENTS = {"ORG", "GPE", "FAC", "LOC", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART"}


def source_kind(
    ctx: DocContext, head: Token, cue_head: Token, strict: bool = False, bounds: tuple[int, int] | None = None
) -> str | None:
    """The source kind of a noun phrase: the id of the [[source]] rule that decides it (its label is data).

    The checks run from the most specific evidence (an outlet, a personal
    name) to the most general (a definite common noun), so one noun phrase
    gets one reading; the source-rule descriptions in attribution.toml say
    what each branch means.

    Args:
        head: the head token of the source noun phrase.
        cue_head: the cue's head token (the verb of "was reported by").
        strict: only accept recognisable sources (no generic-noun fallback).
        bounds: token bounds of the source phrase when the parse cannot be
            trusted to give them (a trailing ", X said." the parser mangled).

    Returns None when the "source" is the writer (first person) or no source.
    """
    lex = ctx.lex
    lower, lemma = head.lower_, head.lemma_.lower()
    np_start, np_end = bounds or np_bounds(head)
    phrase = ctx.doc[np_start:np_end]
    modifiers = [t for t in phrase if t.i != head.i]
    # the head's own determiner or number: "a senator", "two judges"; not the "an" of
    # "the head of the agency, in an interview with ..."
    # ("the first lady" is not counted: an ordinal is not a number of people)
    counted = any(
        t.lower_ in ("a", "an", "one", "another", "some", "several", "many") or t.like_num and t.tag_ == "CD"
        for t in modifiers
        if t.head.i == head.i and t.dep_ in ("det", "nummod", "amod", "quantmod") or bounds and t.i < head.i
    )
    # "the candidate's former doctor": a determiner or possessor before the head, whatever the parse
    definite = (
        is_definite(head)
        or bool(bounds)
        and any(t.lower_ in DEFINITE or t.tag_ in ("POS", "PRP$") for t in modifiers if t.i < head.i)
    )
    # A capitalised name mid-sentence is a name even when it is also a word
    # in a lexicon ("The Charlotte Observer", "Sources" at a sentence start is not).
    proper = head.tag_ in ("NNP", "NNPS") and not (
        head.is_sent_start and lemma in lex["anonymous_heads"] | lex["vague_heads"]
    )
    if lower in lex["first_person"]:
        return None
    if lower in ("a", "an") and head.pos_ == "PRON":
        # "An Under Armour spokesperson said": the parser took the article for
        # a pronoun subject; the head noun sits between it and the cue.
        nouns = [t for t in head.doc[head.i + 1 : cue_head.i] if t.pos_ in ("NOUN", "PROPN")]
        return source_kind(ctx, nouns[-1], cue_head, strict) if nouns else None
    if lower in PRONOUN_CASES:
        # "According to him, ..." refers back; a strict slot otherwise takes no pronoun
        return None if strict and cue_head.lower_ != "according" else "source.back-reference"
    members = [
        g
        for c in head.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")
    ]
    if (
        members
        and (head.like_num or lower in PARTITIVES)
        and not any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in head.children)
    ):
        # "one of Mr. Obama's advisers" is as identifiable as "advisers"; "one of the
        # company's spokesmen" still speaks for the company
        return source_kind(ctx, members[0], cue_head, strict)
    if head.pos_ == "PRON" and lemma not in lex["vague_heads"] | lex["anonymous_heads"]:
        return None
    principal = [
        t
        for t in (*modifiers, *prep_objects(head))
        if t.pos_ == "PROPN" or t.ent_type_ in NAME_ENTS | {"PERSON"} or t.dep_ == "poss"
    ]
    # the outlet that saw or obtained a document is no part of its name ("documents obtained by the ABC")
    seen_at = next((t.i for t in phrase if t.tag_ == "VBN" and t.lemma_.lower() in SEEING_VERBS), len(ctx.doc))
    has_outlet = any(t.i in ctx.outlet_tokens for t in phrase if t.i < seen_at) or any(
        t.i in ctx.outlet_tokens for c in head.children if c.dep_ == "prep" for t in c.subtree
    )
    is_person = (
        head.ent_type_ == "PERSON"
        or head.text in ctx.person_words
        or any(t.ent_type_ == "PERSON" for t in modifiers if t.dep_ == "compound" and t.head.i == head.i)
    )
    # a PERSON tag on exactly an outlet's name is the model's mistake ("According to Politico");
    # a person whose name holds an outlet's word ("Michael J. Fox") is a person
    # (a PERSON tag elsewhere in the article, "Politico" read as a name once, does not outweigh
    # the lexicon either)
    # ("The Scotsman", "the Examiner": a masthead word after "the", tagged as a one-word PERSON, is the paper)
    masthead = (
        proper
        and lower in lex["outlet_name_words"]
        and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
        and [t.i for t in entity_tokens(head)] == [head.i]
    )
    person_beyond_outlet = is_person and not (
        masthead
        or head.i in ctx.outlet_tokens
        and (head.ent_type_ != "PERSON" or all(t.i in ctx.outlet_tokens for t in entity_tokens(head)))
    )
    if (
        head.i in ctx.outlet_tokens
        or (proper and lower in lex["outlet_name_words"] and head.i not in ctx.journal_tokens)
        or call_sign(head, ctx)
    ) and not person_beyond_outlet:
        return "source.outlet"
    # "according to The Athletic's David Ornstein", "per ESPN's Adrian Vance" cite the journalist's reporting
    # and "X has been told that ..." is what the journalist learned
    reporting = (
        cue_head.lemma_.lower() in lex["reporting_verbs"]
        or cue_head.lower_ in ("according", "per")
        or cue_head.lemma_.lower() == "tell"
        and any(c.dep_ == "auxpass" for c in cue_head.children)
    )
    venue = outlet_venue(ctx, cue_head)
    titled = journalist_title(ctx, head)
    if titled is None and cue_head.is_punct and has_outlet:
        # a round-up's label "The Telegraph's Ben Marsh: ..." credits the outlet's columnist (with a
        # verb, "noted NBC's X" is a pundit's opinion and stays named)
        titled = "outlet"
    if titled == "title" and not has_outlet and not venue and written_elsewhere(ctx, cue_head):
        titled = None  # "Writer Jane Doe wrote in her memoir that ...": not in an outlet's pages
    # a byline's pair shares the outlet named on the last: "Jane Doe and Tom Bell of The Washington Post reported"
    byline = has_outlet or any(
        t.i in ctx.outlet_tokens
        for c in head.children
        if c.dep_ == "conj"
        for p in c.children
        if p.dep_ == "prep"
        for t in p.subtree
    )
    # how the phrase and the cue tie a person to an outlet's reporting
    for_outlet = venue or titled == "outlet" or byline and reporting or titled == "title" and (byline or reporting)
    # a name (the recogniser may miss one the outlet vouches for), not an office holder
    writer = titled != "office" and (is_person or proper and (venue or titled == "outlet"))
    # "a Reuters witness", "AFP eyewitnesses": the outlet's own staff who saw it
    outlet_witness = lemma in lex["witness_heads"] and any(
        t.i in ctx.outlet_tokens and t.dep_ == "compound" and t.head.i == head.i for t in modifiers
    )
    if (lemma in lex["journalist_heads"] or writer and for_outlet or outlet_witness) and not interviewed_by_outlet(
        ctx, cue_head
    ):
        # a journalist reporting for an outlet ("Jane Doe of Politico reported", "X writes in
        # The Athletic", "Globe reporter X said"); a named pundit's opinion stays named, and so
        # does a journalist another outlet interviews ("the reporter told the BBC")
        return "source.journalist"
    # ("The daily earlier said", "The Rome daily said": the tagger reads the noun "daily" as an adjective or adverb)
    # "both news organizations", "the media organisation": the head with the word before it
    described = head.i > 0 and f"{head.doc[head.i - 1].lower_} {lemma}" in lex["outlet_nouns"]
    # "The Treasury's paper", "the council's paper": a body's paper is its document, not a newspaper
    # ("the club's official website", "the council's site": a body's own pages speak for it)
    issued_by_body = (lemma in lex["document_heads"] or lemma in lex["own_sites"]) and any(
        t.ent_type_ in ("ORG", "PERSON") or t.i in ctx.body_tokens or t.lemma_.lower() in lex["named_roles"]
        for t in modifiers
        if t.i < head.i and t.dep_ in ("poss", "compound") and t.i not in ctx.outlet_tokens
    )
    if (
        not proper
        and not issued_by_body
        and (lemma in lex["outlet_nouns"] or lower in lex["outlet_nouns"] or described)
        and (
            head.pos_ == "NOUN"
            or head.pos_ in ("ADJ", "ADV")
            and (head.dep_ in ("nsubj", "nsubjpass") and definite or head.dep_ == "advmod" and has_outlet)
        )
    ):
        # "the newspaper", "local media", "state media"; "paper" is also a document
        # ("Both papers said": two outlets named before, as "the papers" would be)
        both = any(c.lower_ == "both" for c in head.children if c.dep_ in ("det", "predet", "preconj"))
        # an unnamed outlet is still an outlet ("a newspaper in Ohio reported", "several outlets
        # reported"); a counted "paper" may be a document ("a paper published in May")
        if definite or both or has_outlet or lemma not in lex["document_heads"]:
            return "source.outlet"
    if (
        not proper
        and (lemma in lex["piece_heads"] or lower in lex["piece_heads"])
        and (
            has_outlet
            or any(
                t.i in ctx.outlet_tokens
                for c in head.children
                if c.dep_ == "acl" and c.lemma_.lower() not in SEEING_VERBS
                for t in c.subtree
            )
            # "the newspaper's investigation", "the broadcaster's documentary"
            or any(
                c.dep_ == "poss" and c.lemma_.lower() in lex["outlet_nouns"] and is_definite(c) for c in head.children
            )
        )
    ):
        # "an article in Le Monde", "The story, first published by the Sydney Morning Herald, said"
        return "source.outlet"
    # "lawyers for the former president", "attorneys for the school district": a definite office or
    # body (lexicons/named_roles) is one identified principal, as "the company" is ("a lawyer for
    # one of the victims", "attorneys for the family" name no office)
    definite_party = any(
        p.dep_ == "pobj" and is_definite(p) and p.lemma_.lower() in lex["named_roles"]
        for c in head.children
        if c.dep_ == "prep" and c.lower_ == "for"
        for p in c.children
    )
    if lemma in lex["spokesperson_heads"] or (lemma in lex["representative_heads"] and (principal or definite_party)):
        return "source.spokesperson"
    # "Mayor Ana Ruiz's aide, Jo Lee," and "the head of the agency, Kyrylo Budanov," (the parser
    # hangs that appositive on "agency")
    of_phrase = [t for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree]
    if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in (*head.children, *of_phrase)):
        return "source.person-name"
    if lemma in lex["hearing_bodies"] and cue_head.lemma_.lower() == "hear":
        # "An inquest heard that ...", "A court in Madrid heard ...": the evidence given in the
        # case the story is about, as identified as "court records filed in the case"
        return "source.named-document"
    if (
        not proper
        and lemma in lex["research_heads"]
        and (affiliated_with_work(ctx, head, phrase) or published_in(ctx, cue_head))
    ):
        # "Goldman Sachs economists wrote", "researchers at MIT found", "the study's authors
        # noted": the institution or document whose work it is identifies them
        return "source.named-body"
    if not proper and definite and not counted and phrase.text.lower() == f"the {lower}":
        # a bare "the manager", "the researchers" that repeats a title or group the article
        # identified just before ("Liverpool manager Arne Slot", "researchers at Stanford")
        earlier = identified_earlier(ctx, head)
        if earlier is not None:
            return earlier
    if not proper and (lemma in lex["anonymous_heads"] or lemma in lex["vague_heads"] or lower in lex["vague_heads"]):
        # "officials", "U.S. intelligence" are vague; "a U.S. official", "two sources" are not.
        collective = head.tag_ in ("NNS", "NNPS") or head.pos_ == "PRON" or lemma not in lex["anonymous_heads"]
        if lemma in lex["vague_heads"] and collective and not counted:
            return "source.vague-collective"
        return "source.anonymous-descriptor"
    if is_person:
        return "source.person-name"
    if not proper and lemma in lex["document_heads"]:
        # "media reports", "press reports" are coverage; a "press release" or "press
        # statement" is its issuer's document, whatever the compound says
        press = (lemma in lex["piece_heads"] or lower in lex["piece_heads"]) and any(
            t.lower_ in lex["outlet_nouns"] or t.lemma_.lower() in lex["outlet_nouns"]
            for t in modifiers
            if t.head.i == head.i and t.dep_ in ("compound", "amod", "nmod")
        )
        if has_outlet or press or _coverage_from_a_place(ctx, head, cue_head, modifiers):
            return "source.outlet"  # "a Reuters report", "media reports suggest", "Italian reports claim"
        # identified by who issued it: "a UN report", "a police report", "court records";
        # who saw or obtained it does not identify it ("documents seen by Reuters")
        issuers = [
            t
            for c in head.children
            if c.dep_ in ("prep", "acl", "relcl") and c.lemma_.lower() not in SEEING_VERBS
            for t in c.subtree
        ]
        # a weekday or month is a release date, not an issuer ("a report on Tuesday claims");
        # the kind of record a case produces identifies it ("charging documents", "court records")
        # (read off the word before the head: the parser takes "charging" for a verb)
        record = head.i > 0 and head.doc[head.i - 1].lower_ in lex["record_kinds"]
        # "results from the trial", "findings of the study": parts of a document the article
        # already identified (the definite refers back to it)
        part_of_known = any(
            is_definite(p) and any(d.lemma_.lower() in lex["document_heads"] for d in p.subtree)
            for c in head.children
            if c.dep_ == "prep" and c.lower_ in ("from", "of")
            for p in c.children
            if p.dep_ == "pobj"
        )
        identified = (
            definite
            or record
            or part_of_known
            or any(
                (t.pos_ == "PROPN" or t.ent_type_ in NAME_ENTS | {"PERSON", "NORP"})
                and t.ent_type_ not in ("DATE", "TIME")
                or t.i in ctx.body_tokens
                or t.dep_ == "compound"
                and t.lemma_.lower() in lex["named_roles"]
                or definite_issuer(t, head)
                for t in (*modifiers, *issuers)
                if t.i < seen_at
            )
        )
        # "In a filing, Acme offered ...": the clause's subject filed the document it rests on
        filed_by_subject = cue_head.lower_ == "in" and any(
            c.dep_ == "nsubj"
            and (
                c.pos_ == "PROPN"
                or c.ent_type_ in ("ORG", "PERSON", "GPE")
                or c.i in ctx.body_tokens
                or is_definite(c)
                and c.lemma_.lower() in lex["named_roles"]
                and not any(g.dep_ == "poss" for g in c.children)
            )
            for c in cue_head.head.children
        )
        # where or by whom it came out identifies it ("published in the BMJ"); when does not
        # ("a report released last week")
        if (
            identified
            or filed_by_subject
            or any(
                t.lemma_.lower() in ("publish", "file", "release", "issue")
                and any(c.dep_ in ("prep", "agent") and not _when(c) for c in t.children)
                for t in head.subtree
            )
        ):
            return "source.named-document"
        return "source.unnamed-document"
    if head.ent_type_ == "NORP" and (head.tag_ in ("NNPS", "NNS") or counted):
        return "source.vague-collective"  # "Republicans say", "one Republican said"
    if head.i in ctx.body_tokens or head.ent_type_ == "NORP" or head.ent_type_ in NAME_ENTS and not common_plural(head):
        return "source.named-body"
    if proper or (head.is_title and head.text in ctx.capitalised):
        return "source.named-body"
    if head.pos_ not in ("NOUN", "PROPN", "NUM"):
        return None
    known = lemma in lex["named_roles"]
    cue_lemma = cue_head.lemma_.lower()
    if not known and cue_lemma in lex["finding_verbs"]:
        return None  # "the truck story suggests ...": an inference, not a source speaking
    if lemma in lex["plural_bodies"]:
        return "source.definite-role"  # the force or office on the case
    if head.is_title and head.is_sent_start and head.tag_ == "NN" and not modifiers:
        # a bare capitalised singular opening the sentence is a name the tagger took
        # for a common noun ("Zelenskyy thanked allies and said ..."); lexicon words
        # ("Officials", "Research") were decided above
        return "source.named-body"
    if led_by_name(head):
        return "source.definite-role"  # "a team led by Jennifer Doudna": the leader identifies it
    if headline_shorthand(ctx, head):
        return "source.definite-role"  # "Stadium sale is off, club says": the club of the story
    if counted:
        return "source.anonymous-descriptor"  # "a senator", "two judges", "a chorus of ..."
    if head.tag_ in ("NNS", "NNPS"):
        if (
            any(c.dep_ == "det" and c.lower_ in ("the", "both") for c in head.children)
            and not any(c.dep_ in ("poss", "amod", "compound", "prep") for c in head.children)
            and lemma not in lex["anonymous_heads"] | lex["vague_heads"]
            and not strict
        ):
            # "Shell and BP announced ... the companies said": a bare definite plural of
            # bodies refers back like "they" ("the officials", "the researchers" stay unnamed)
            return "source.back-reference"
        # "E.U. leaders warn", "proponents say": a group, not one identifiable body
        return "source.vague-collective"
    if definite or principal:
        # "the minister", "the company", "Trump's campaign": one identifiable person or body
        return "source.definite-role"
    if strict:
        return None  # "according to plan", "citing a threat": not a source
    return "source.anonymous-descriptor"


PLACE_OR_TIME = frozenset({"GPE", "LOC", "FAC", "NORP", "DATE", "TIME"})


def _coverage_from_a_place(ctx: DocContext, head: Token, cue_head: Token, modifiers: list[Token]) -> bool:
    """Reports placed only by a country or nationality that claim or suggest ("Italian reports
    claim", "reports in Spain suggest", "Spanish reports say"; lexicons/coverage_cues) are that
    country's news coverage, as "media reports" are: plural, with no article, no issuer and
    nothing but a place to say whose they are ("a Ukrainian report" may be an official one)."""
    if (
        head.tag_ != "NNS"
        or head.lemma_.lower() not in ctx.lex["piece_heads"]
        or cue_head.lower_ not in ctx.lex["coverage_cues"]
        or any(c.dep_ in ("det", "poss") for c in head.children)
    ):
        return False
    places = [t for t in modifiers if t.ent_type_ or t.pos_ == "PROPN"]
    return bool(places) and all(t.ent_type_ in ("GPE", "NORP", "LOC") for t in places)


def published_in(ctx: DocContext, cue_head: Token) -> bool:
    """The cue says where the work came out: "researchers reported in the New England Journal
    of Medicine", "Writing in the journal Nature, the scientists said", "In a study published
    in JAMA, researchers found". A journal or an identified paper names the work; a place, a
    date or an unidentified study ("in a study published last week") does not."""
    verbs = [cue_head] + [
        c for c in cue_head.children if c.dep_ == "advcl" and c.lemma_.lower() in ("write", "report", "publish")
    ]
    for verb in verbs:
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for venue in prep.children:
                # "the Journal" may be the Wall Street Journal; "the Journal of ..." is a scientific one
                learned = venue.lemma_.lower() == "journal" and any(
                    c.dep_ == "prep" and c.lower_ == "of" for c in venue.children
                )
                if venue.dep_ != "pobj" or venue.i in ctx.outlet_tokens and not learned:
                    continue
                if venue.lemma_.lower() == "journal" or venue.pos_ == "PROPN" and venue.ent_type_ not in PLACE_OR_TIME:
                    return True
                # "a study published in JAMA" (not "a study of Medicare patients": who was studied
                # does not say where the work came out)
                if venue.lemma_.lower() in ctx.lex["document_heads"] and any(
                    acl.dep_ == "acl"
                    and acl.lemma_.lower() in ("publish", "release", "issue", "present")
                    and any(
                        # (the tagger takes "JAMA" or "Nature" for a place; a paper is published in a journal)
                        t.pos_ == "PROPN" and t.ent_type_ not in ("DATE", "TIME")
                        for p in acl.children
                        if p.dep_ in ("prep", "agent") and p.lower_ in ("in", "by", "at")
                        for t in p.subtree
                    )
                    for acl in venue.children
                ):
                    return True
    return False


# how far back (in tokens) a bare "the manager" may find the title it repeats
TITLE_LOOKBACK = 300


def identified_earlier(ctx: DocContext, head: Token) -> str | None:
    """The source kind a bare definite description takes from the article just before it:
    "the manager" after "Liverpool manager Arne Slot" or "Arne Slot, the Liverpool manager,"
    is that named person; "the researchers" after "researchers at Stanford tracked ..." are
    those researchers. The nearest earlier use of the word decides, so "a manager at the
    plant" in between keeps "the manager" unnamed."""
    lemma = head.lemma_.lower()
    start = head.sent.start
    plural = head.tag_ in ("NNS", "NNPS")
    for token in reversed(ctx.doc[max(0, start - TITLE_LOOKBACK) : start]):
        if token.lemma_.lower() != lemma:
            continue
        same_number = (token.tag_ in ("NNS", "NNPS")) == plural
        if token.dep_ in ("compound", "appos") and token.head.ent_type_ == "PERSON" and same_number:
            return "source.definite-role"
        if lemma in ctx.lex["research_heads"] and same_number:
            bounds = np_bounds(token)
            if affiliated_with_work(ctx, token, ctx.doc[bounds[0] : bounds[1]]):
                return "source.named-body"
        return None
    return None


def affiliated_with_work(ctx: DocContext, head: Token, phrase: SpacySpan) -> bool:
    """Researchers tied to a named institution or a document: a name before the head
    ("Mayo Clinic researchers"), a document's possessive ("the study's authors"), or
    "at/from/with/of" a named institution ("scientists at MIT"). A place or a nationality
    ("U.S. economists", "British researchers") does not identify whose work it is."""
    lex = ctx.lex

    def institution(token: Token) -> bool:
        return token.ent_type_ == "ORG" and token.i not in ctx.outlet_tokens or token.i in ctx.body_tokens

    if any(institution(t) for t in phrase if t.i < head.i):
        return True
    if any(c.dep_ == "poss" and c.lemma_.lower() in lex["document_heads"] for c in head.children):
        return True
    return any(
        institution(t)
        for c in head.children
        if c.dep_ == "prep" and c.lower_ in ("at", "from", "with", "of")
        for t in c.subtree
    )


def headline_shorthand(ctx: DocContext, head: Token) -> bool:
    """A bare singular common noun in a headline ("Stadium sale is off, club says", "Council
    approves budget, mayor says") is headlinese for "the club": the body or role the story
    names. Headlines drop articles; prose does not ("a club said" is counted, so unnamed).

    Unnamed people stay unnamed: a witness, a source, a critic (lexicons witness_heads,
    source_heads, opinion_heads; the anonymous and vague heads are decided before this).
    """
    if head.tag_ != "NN" or any(c.dep_ in ("det", "poss", "nummod") for c in head.children):
        return False
    lemma = head.lemma_.lower()
    if any(lemma in ctx.lex[name] for name in ("witness_heads", "source_heads", "opinion_heads")):
        return False
    sent = head.sent
    return ctx.text[sent.start_char : sent.end_char].rstrip()[-1:] not in '.!?"”'


# Prepositions that set a piece in an outlet ("writes in The Athletic", "reports for Reuters");
# "on" is left out: "said on BBC Radio 4" is an interview, not the outlet's reporting.
VENUE_PREPS = ("in", "for")


def outlet_venue(ctx: DocContext, cue_head: Token) -> bool:
    """The cue reports in an outlet's pages: "X writes in The Athletic", "reported for Reuters",
    "Writing in the Financial Times, X argues", "in a column for The Times, X argued".

    A report verb (lexicons/reporting_verbs) with an outlet after "in" or "for" writes for
    it; so does a participle of one on the cue ("Writing in ..."). Any cue set in a
    written piece (lexicons/venue_pieces) that an outlet carries ("in a column for", "in
    her Guardian column") is the outlet's too; "in an interview with CNN" is not.
    """
    lex = ctx.lex

    def carries(verb: Token, reporting: bool) -> bool:
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in VENUE_PREPS:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                if reporting and any(i in ctx.outlet_tokens for i in range(*np_bounds(pobj))):
                    return True  # "for Bloomberg Opinion": the outlet's name may be part of the phrase
                if pobj.lemma_.lower() in lex["venue_pieces"] and any(
                    t.i in ctx.outlet_tokens for t in pobj.subtree if t.i != pobj.i
                ):
                    return True
        return False

    reporting = cue_head.lemma_.lower() in lex["reporting_verbs"]
    if carries(cue_head, reporting):
        return True
    # the participle may hang on the cue or, set off by commas, on its subject ("Matt Levine,
    # writing for Bloomberg, argues ...")
    participles = [c for c in cue_head.children if c.dep_ == "advcl"] + [
        p for s in cue_head.children if s.dep_ == "nsubj" for p in s.children if p.dep_ in ("appos", "acl")
    ]
    return any(c.tag_ == "VBG" and carries(c, c.lemma_.lower() in lex["reporting_verbs"]) for c in participles)


def written_elsewhere(ctx: DocContext, cue_head: Token) -> bool:
    """The cue is set "in" or "on" something that is no outlet and no date: "wrote in her
    memoir", "said on his blog" ("reported in March" is only when)."""
    for prep in cue_head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "on"):
            for pobj in prep.children:
                if (
                    pobj.dep_ == "pobj"
                    and pobj.ent_type_ not in ("DATE", "TIME")
                    and not any(i in ctx.outlet_tokens for i in range(*np_bounds(pobj)))
                ):
                    return True
    return False


def journalist_title(ctx: DocContext, head: Token) -> str | None:
    """How a person's name says they work for an outlet: "outlet" for an outlet's name set
    beside it ("Tom Baker, The Guardian: ...", "Jane Doe, a BBC correspondent,"), "title" for
    a journalist's title ("health reporter Priya Nair"), "office" for the title of an office
    (lexicons/named_roles: "Senator Ana Ruiz", "Acme chief executive Anna Berg", who write as
    themselves), else None. A journalist's title wins: "BBC chief correspondent Jane Doe"."""
    lex = ctx.lex
    for child in head.children:
        if child.dep_ == "appos" and child.i in ctx.outlet_tokens:
            return "outlet"
        if child.dep_ == "appos" and child.lemma_.lower() in lex["journalist_heads"]:
            # "Jane Doe, a BBC correspondent in Kyiv,": the title names its outlet
            return "outlet" if any(t.i in ctx.outlet_tokens for t in child.subtree) else "title"
    titles = [t for t in head.subtree if t.i < head.i and t.dep_ in ("compound", "amod")]
    if any(t.lemma_.lower() in lex["journalist_heads"] for t in titles):
        return "title"
    if any(t.lemma_.lower() in lex["named_roles"] for t in titles):
        return "office"
    return None


def interviewed_by_outlet(ctx: DocContext, cue_head: Token) -> bool:
    """The cue addresses an outlet, is an interview or goes out on the speaker's own channel
    ("told the BBC", "spoke to Sky News", "said in an interview", "said on Twitter",
    lexicons/own_channels): a journalist who does is a source about their own story or
    speaks as themselves, named."""
    lex = ctx.lex
    lemma = cue_head.lemma_.lower()

    def an_outlet(noun: Token) -> bool:
        start, end = np_bounds(noun)
        return noun.lemma_.lower() in lex["outlet_nouns"] or any(i in ctx.outlet_tokens for i in range(start, end))

    for child in cue_head.children:
        if child.dep_ in ("dative", "dobj") and lemma in lex["telling_verbs"] and an_outlet(child):
            return True
        objects = [g for g in child.children if g.dep_ == "pobj"] if child.dep_ in ("dative", "prep") else []
        if child.lower_ == "to" and lemma in lex["addressing_verbs"] and any(an_outlet(g) for g in objects):
            return True
        if child.lower_ in ("in", "on", "via") and any(
            (g.lemma_.lower() in lex["own_channels"] or g.lower_ in lex["own_channels"])
            and g.i not in ctx.outlet_tokens
            for g in objects
        ):
            return True
    return False


def outlets_by_description(doc: Doc, lex: Mapping[str, frozenset[str]]) -> set[int]:
    """Outlets the lexicon does not list, recognised by how news copy names them.

    - a capitalised name right after an outlet descriptor ("the Turkish daily
      Hurriyet", "public broadcaster RTVS", "blog iCulture"; lexicons/outlet_descriptors);
    - a run of proper nouns ending in a masthead word ("The Millbrook Courier",
      "Lakeside Community Radio"; lexicons/outlet_name_words);
    - a medium's word opening a name ("Radio Kiskeya", "TV Rain"; lexicons/outlet_lead_words),
      which outweighs a PERSON tag on the name as a descriptor does;
    - a name with an outlet's description in apposition after it ("Ekstra Bladet, the Danish
      tabloid,", "Tagesspiegel, a Berlin daily,"; lexicons/outlet_appositives);
    - a web address or a run-together name built on an outlet's name or a masthead word
      ("Politico.com", "MailOnline", "PinkNews"; lexicons/outlet_suffixes).
    """
    tokens = _outlet_shapes(doc, lex)
    descriptors = lex["outlet_descriptors"]
    appositives = lex["outlet_appositives"]
    # only tokens spelt like a descriptor's last word or a masthead word can start either
    # form: found in the LOWER array, not by visiting every token
    strings = doc.vocab.strings
    leads = lex["outlet_lead_words"]
    wanted = (
        {strings.add(w.split()[-1]) for w in descriptors}
        | {strings.add(w) for w in lex["outlet_name_words"]}
        | {strings.add(w) for w in leads}
        | {strings.add(w.split()[-1]) for w in appositives}
    )
    lowers = doc.to_array("LOWER").tolist()
    for i in [i for i, key in enumerate(lowers) if key in wanted]:
        token = doc[i]
        two = f"{doc[token.i - 1].lower_} {token.lower_}" if token.i else ""
        if token.lemma_.lower() in appositives or two in appositives:
            if token.dep_ == "appos":
                tokens.update(_appositive_name(token))
            elif token.is_lower and token.lemma_.lower() not in lex["document_heads"]:
                tokens.update(_name_before(token))
        # the tagger reads "daily" as an adjective, or as an adverb after its modifiers ("Italian
        # sports daily Gazzetta dello Sport"; not after a verb: "updated daily"), and a
        # capitalised "Broadcaster" opening a sentence as a name
        # (or as a proper noun though written in lower case: "French sports daily L'Equipe")
        described = token.pos_ in ("NOUN", "ADJ") or token.is_sent_start or token.pos_ == "PROPN" and token.is_lower
        if not described and token.pos_ == "ADV" and token.i:
            described = doc[token.i - 1].pos_ in ("NOUN", "ADJ", "PROPN", "DET")
        if described and (token.lower_ in descriptors or token.lemma_.lower() in descriptors or two in descriptors):
            # the descriptor outweighs a PERSON tag on the name ("public broadcaster RTVS"), and
            # it joins the name, so the entity the model drew round both is the outlet's
            name = token.i + 1
            while name < len(doc) and _name_word(doc[name]) and (name > token.i + 1 or doc[name].lower_ != "the"):
                tokens.add(name)
                name += 1
            if name > token.i + 1:
                tokens.add(token.i)
        elif token.lower_ in leads and not token.is_lower and token.i + 1 < len(doc) and _name_word(doc[token.i + 1]):
            name = token.i + 1
            while name < len(doc) and _name_word(doc[name]):
                name += 1
            # a body named after the medium ("the Radio Authority", "Radio City") is no broadcaster
            if doc[name - 1].lemma_.lower() not in lex["named_roles"]:
                tokens.update(range(token.i, name))
        elif token.tag_ == "NNP" and token.lower_ in lex["outlet_name_words"] and token.i not in tokens:
            start = token.i
            # a channel number belongs to the name ("Channel 4 News", "Kanal 5 TV"), not at its start
            # (a sentence's first word only when the model's entity runs from it into the name:
            # "Courthouse News Service reported")
            while (
                start > 0
                and doc[start - 1].tag_ in ("NNP", "CD")
                and (not doc[start - 1].is_sent_start or doc[start - 1].ent_iob_ == "B" and doc[start].ent_iob_ == "I")
            ):
                start -= 1
            while doc[start].tag_ == "CD":
                start += 1
            # a bare "Post" or "Star" is not a masthead, nor is a person's surname ("Emily Post",
            # "Freddie Mercury": the model's PERSON entity holds the whole run)
            end = token.i + 1
            # a hyphenated masthead that ends in another word ("The Courier-Mail")
            if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].tag_ == "NNP" and not doc[end].whitespace_:
                end += 2
            # a masthead of a place ("the Times of Malta", "The Star of Mysore")
            elif end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].ent_type_ == "GPE":
                end += 2
                while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type_ == "GPE":
                    end += 1
            if start < end - 1 and not (
                token.ent_type_ == "PERSON" and doc[start].ent_iob_ == "B" and doc[start].ent_type_ == "PERSON"
            ):
                tokens.update(range(start, end))
    return tokens


# a web address: "Politico.com", "Deadline.com", "Telegraph.co.uk"
WEB_ADDRESS = re.compile(r"(?P<stem>[A-Za-z][\w-]*)\.(?:com|co\.uk|net|news|org)")
# a run-together name: "MailOnline", "PinkNews" (a capitalised stem and a capitalised last word)
RUN_TOGETHER = re.compile(r"(?P<stem>[A-Z][a-z]+)(?P<last>[A-Z][a-z]+)")


def _outlet_shapes(doc: Doc, lex: Mapping[str, frozenset[str]]) -> set[int]:
    """Single tokens shaped like an outlet's name: a web address whose stem is a listed outlet
    ("Politico.com", "Deadline.com"; "Amazon.com" is a retailer's) and a run-together name
    that ends in an outlet's word ("MailOnline", "WalesOnline", "PinkNews"; lexicons/outlet_suffixes:
    "YouTube" or "PayPal" end in none). Found among the tokens the tagger calls proper nouns."""
    found: set[int] = set()
    outlets, suffixes = lex["outlets"], lex["outlet_suffixes"]
    for i in (doc.to_array("POS") == doc.vocab.strings.add("PROPN")).nonzero()[0].tolist():
        text = doc[i].text
        web = WEB_ADDRESS.fullmatch(text)
        if web is not None and web.group("stem").lower() in outlets:
            found.add(i)
            continue
        joined = RUN_TOGETHER.fullmatch(text)
        if joined is not None and joined.group("last").lower() in suffixes:
            found.add(i)
    return found


def _appositive_name(descriptor: Token) -> range:
    """The name an outlet's description stands beside ("Ekstra Bladet, the Danish tabloid,"):
    the proper nouns that end in the description's head, set off by a comma; nothing when the
    head is no name ("the report, a paper on pay,") or the description says what it is about
    ("a paper on pay", "a magazine for teachers" after a person's name is the person's own work)."""
    head = descriptor.head
    doc = descriptor.doc
    if (
        head.i >= descriptor.i
        or head.pos_ != "PROPN"
        or head.i + 1 >= len(doc)
        or doc[head.i + 1].text != ","
        or any(c.dep_ == "prep" and c.lower_ in ("on", "about", "by", "for") for c in descriptor.children)
    ):
        return range(0)
    start = head.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i == head.i:
        start -= 1
    return range(start, head.i + 1)


def _name_before(descriptor: Token) -> range:
    """The name an outlet's description follows as its compound ("New York magazine", "the
    Kathimerini newspaper", "Le Monde newspaper"): the proper nouns right before it and the
    description with them; nothing when a word between is no name ("a New York fashion
    magazine" names no outlet)."""
    doc = descriptor.doc
    start = descriptor.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound":
        start -= 1
    return range(start, descriptor.i + 1) if start < descriptor.i else range(0)


def outlet_desks(doc: Doc, outlet_tokens: set[int], lex: Mapping[str, frozenset[str]]) -> set[int]:
    """An outlet's name followed by a word for its desk, network or edition ("the USA Today
    Network", "BBC Sport", "CNN Business", "Automotive News Europe"; lexicons/outlet_desks), or
    a masthead word followed by a word for its chain ("Bay Area News Group";
    lexicons/outlet_chains: "the ABC Group" after a listed name may be any company's), names
    the outlet: the word joins the name, so the phrase's head is the outlet's."""
    desks, chains, mastheads = lex["outlet_desks"], lex["outlet_chains"], lex["outlet_name_words"]
    found: set[int] = set()
    for i in outlet_tokens:
        if i + 1 >= len(doc) or i + 1 in outlet_tokens or doc[i + 1].tag_ not in ("NNP", "NNPS"):
            continue
        word = doc[i + 1].lower_
        if word in desks or word in chains and doc[i].lower_ in mastheads:
            found.add(i + 1)
    return found


def journal_titles(doc: Doc, lex: Mapping[str, frozenset[str]]) -> set[int]:
    """The tokens of learned and trade journals' titles, which are no outlets' names even where a
    masthead word or a listed outlet's word ("the Journal") makes them look like one (LABELS.md:
    a scientific or trade journal is not a news outlet):

    - a journal's word (lexicons/journal_heads) running on to "of" and a field, not a place:
      "the New England Journal of Medicine", "the Bulletin of the Atomic Scientists" ("the
      Times of India" is a paper);
    - a run of proper nouns ending in "Journal" that names a field (lexicons/journal_fields):
      "the British Medical Journal", "the Canadian Medical Association Journal";
    - the name right after the common noun "journal": "the journal Science", "the trade
      journal Nursing Times", "medical journal The Lancet".
    """
    found: set[int] = set()
    heads, fields = lex["journal_heads"], lex["journal_fields"]
    strings = doc.vocab.strings
    wanted = {strings.add(w) for w in heads}
    lowers = doc.to_array("LOWER").tolist()
    for i in [i for i, key in enumerate(lowers) if key in wanted]:
        token = doc[i]
        if token.is_lower:
            if token.lower_ != "journal":
                continue
            # "the journal Science": the name that follows the noun
            end = i + 1
            while end < len(doc) and (_name_word(doc[end]) or end == i + 1 and doc[end].lower_ == "the"):
                end += 1
            if end > i + 1 and doc[end - 1].lower_ != "the":
                found.update(range(i + 1, end))
            continue
        start = i
        while start > 0 and doc[start - 1].tag_ == "NNP" and not doc[start - 1].is_sent_start:
            start -= 1
        end = i + 1
        field = end + 1 < len(doc) and doc[end].lower_ == "of"
        if field:
            after = end + 1 + (doc[end + 1].lower_ == "the" and end + 2 < len(doc))
            field = doc[after].is_title and doc[after].ent_type_ not in ("GPE", "LOC")
            if field:
                end = after
                while end < len(doc) and (_name_word(doc[end]) or doc[end].lower_ in ("and", "of")):
                    end += 1
        if field or token.lower_ == "journal" and any(t.lower_ in fields for t in doc[start:i]):
            found.update(range(start, end))
    return found


def call_sign(token: Token, ctx: DocContext) -> bool:
    """A broadcaster's bare call sign as a source ("KTVU said", ", WKRG reported"): four capitals
    starting with K or W, not an acronym listed in lexicons/call_sign_exclusions ("WADA", "KPMG"),
    nor one the article spells out in parentheses ("the Wisconsin Economic Development
    Corporation (WEDC)": stations are never introduced so), nor a word of a headline set in
    capitals ("WHAT NEXT"). Three letters ("WHO", "KGB", "WTO") are as often an agency's: they
    count only with a station's descriptor or suffix ("TV station WGN", "KSL-TV"), which
    outlets_by_description reads."""
    return (
        CALL_SIGN.fullmatch(token.text) is not None
        and token.lower_ not in ctx.lex["call_sign_exclusions"]
        and f"({token.text})" not in ctx.text
        and not token.sent.text.isupper()
    )


def common_plural(token: Token) -> bool:
    """A bare capitalised plural common noun the recogniser alone calls a name ("Neighbours said", "Commuters say").

    The tagger reads it as a plural common noun (NNS, lower-case lemma) and the
    entity is that one word: the capital comes from the sentence start, not a name.
    """
    return (
        token.tag_ == "NNS"
        and token.lemma_.islower()
        and token.ent_iob_ == "B"
        and (token.i + 1 == len(token.doc) or token.doc[token.i + 1].ent_iob_ != "I")
        and not any(c.dep_ in ("compound", "det", "poss") for c in token.children)
    )


def _name_word(token: Token) -> bool:
    """A word of a proper name (not a date or a number)."""
    return (
        token.pos_ == "PROPN" or token.is_title and not token.is_sent_start and token.pos_ != "PRON"
    ) and token.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL")


def outlet_aliases(doc: Doc, outlet_tokens: set[int]) -> set[int]:
    """An all-capital alias in parentheses after an outlet's name ("Fenland Community Radio
    (FCR)") is that outlet wherever the article uses it."""
    aliases: set[str] = set()
    # only the token after an outlet's word can open its alias: visit those, not every token
    for i in {j + 1 for j in outlet_tokens}:
        if (
            1 <= i < len(doc) - 2
            and doc[i].text == "("
            and doc[i + 2].text == ")"
            and doc[i + 1].text.isupper()
            and len(doc[i + 1].text) >= 2
        ):
            aliases.add(doc[i + 1].text)
    return {t.i for t in doc if t.text in aliases} if aliases else set()


def mentions(ctx: DocContext, sent: SpacySpan) -> tuple[Mention, ...]:
    """People, bodies and outlets a later pronoun or description could refer to."""
    out: list[Mention] = []
    for ent in ctx.ents_within(sent):
        if ent.label_ == "PERSON":
            out.append(Mention(ctx.span(ent.start, ent.end), "person", "named", head_facts(ent.root)))
        elif ent.label_ in ("ORG", "GPE") and not any(t.i in ctx.outlet_tokens for t in ent):
            # a place may speak as its government ("Russia said ... It added") but is never "they"
            kind = "place" if ent.label_ == "GPE" else "body"
            out.append(Mention(ctx.span(ent.start, ent.end), kind, "named", head_facts(ent.root)))
    runs: list[list[int]] = []
    for i in ctx.outlet_tokens_within(sent):
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        words = ctx.doc[run[0] : run[-1] + 1]
        out.append(Mention(ctx.span(run[0], run[-1] + 1), "outlet", "publication", head_facts(words.root)))
    out.extend(document_mentions(ctx, sent))
    out.extend(role_mentions(ctx, sent))
    out.extend(group_mentions(ctx, sent))
    return tuple(sorted(out, key=lambda m: (m.span.start, m.span.end)))


def role_mentions(ctx: DocContext, sent: SpacySpan) -> list[Mention]:
    """Bodies described by a head a later "the agency" or "the service" may refer back to ("a UN
    agency", "the ambulance service"; lexicons/outlet_body_heads), which the model tags as no
    entity. A description of an outlet ("the state news agency", "Japan's news agency" beside
    Kyodo) is the outlet's. The subject of a speech verb is left out: it is a source the rules read."""
    lex = ctx.lex
    found: list[Mention] = []
    for token in (ctx.doc[i] for i in ctx.lemma_tokens("outlet_body_heads", sent)):
        if (
            token.pos_ != "NOUN"
            or token.lemma_.lower() not in lex["outlet_body_heads"]
            or token.i in ctx.outlet_tokens
            or token.dep_ == "compound"
            or token.dep_ == "nsubj"
            and token.head.lemma_.lower() in ctx.speech
        ):
            continue
        start, end = np_bounds(token)
        words = [t for t in ctx.doc[start:end] if t.i < token.i]
        beside = [token.head] if token.dep_ == "appos" else []
        beside += [c for c in token.children if c.dep_ == "appos"]
        outlet = any(t.i in ctx.outlet_tokens or t.lower_ in lex["outlet_nouns"] for t in (*words, *beside)) or any(
            t.i in ctx.outlet_tokens for b in beside for t in b.subtree
        )
        span = ctx.span(start, end)
        found.append(
            Mention(span, "outlet" if outlet else "body", "publication" if outlet else "named", head_facts(token))
        )
    return found


def document_mentions(ctx: DocContext, sent: SpacySpan) -> list[Mention]:
    """Documents a later definite description may refer back to ("a consultation paper" ... "The paper
    said" is that paper, not a newspaper; "a leaked report" ... "the report" is that report).

    A document an outlet published or owns ("Der Spiegel published an investigation", "the
    BBC's report") is the outlet's piece: kind outlet. Otherwise the label says whether the
    reader can identify it: by a name or an issuer in its phrase, or by the named subject of
    the verb that issued it ("The government published a consultation paper").
    """
    lex = ctx.lex
    found: list[Mention] = []
    for token in (ctx.doc[i] for i in ctx.lemma_tokens("document_heads", sent)):
        if (
            token.pos_ != "NOUN"
            or token.lemma_.lower() not in lex["document_heads"]
            or token.i in ctx.outlet_tokens
            or token.dep_ in ("compound", "nsubj", "nsubjpass")  # a subject is a source the rules read
        ):
            continue
        start, end = np_bounds(token)
        phrase = ctx.doc[start:end]
        verb = token.head if token.dep_ in ("dobj", "pobj", "attr") else None
        if verb is not None and verb.dep_ == "prep":
            verb = verb.head
        # who saw or obtained it owns nothing ("The BBC obtained a leaked report")
        issuer = verb is not None and verb.lemma_.lower() not in SEEING_VERBS
        subjects = [c for c in verb.children if c.dep_ == "nsubj"] if verb is not None and issuer else []
        owners = [t for t in phrase if t.i != token.i] + [t for s in subjects for t in s.subtree]
        span = ctx.span(start, end)
        # ("a Times article": a masthead word on its own is the paper, as source_kind reads it)
        if any(
            t.i in ctx.outlet_tokens
            or t.tag_ == "NNP"
            and t.lemma_.lower() in lex["outlet_name_words"]
            and t.i not in ctx.journal_tokens
            for t in owners
        ):
            found.append(Mention(span, "outlet", "publication", head_facts(token)))
            continue
        identified = any(
            t.pos_ == "PROPN"
            or t.ent_type_ in NAME_ENTS | {"PERSON", "NORP"}
            or t.dep_ == "poss"
            or t.lower_ in DEFINITE
            or t.lemma_.lower() in lex["named_roles"]
            for t in owners
        )
        found.append(Mention(span, "document", "named" if identified else "anonymous", head_facts(token)))
    return found


def _when(prep: Token) -> bool:
    """A prepositional phrase that only dates something ("released on Thursday", "published in March")."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in ("DATE", "TIME") for o in objects)


def group_mentions(ctx: DocContext, sent: SpacySpan) -> list[Mention]:
    """Unnamed people a clause is about, who speak only in a later sentence: "Some lawmakers are
    skeptical. They argue that ..." (an anonymous back-reference, LABELS.md), "Officials closed
    the road. They said ...". A subject whose head is a word for unnamed people (lexicons
    anonymous_heads, vague_heads, opinion_heads) or a nationality or party plural, read by the
    same source kinds as a speaker, and only in a main or adverbial clause; the subject of a speech verb is a
    source the rules read."""
    lex = ctx.lex
    rules = load_rules()  # the source rules' kinds (structure, the same with any house vocabulary)
    heads = lex["anonymous_heads"] | lex["vague_heads"] | lex["opinion_heads"]
    found: list[Mention] = []
    for token in sent:
        if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if token.lemma_.lower() not in heads and not (token.ent_type_ == "NORP" and token.tag_ in ("NNS", "NNPS")):
            continue
        verb = token.head
        if verb.lemma_.lower() in ctx.speech:
            continue
        if not (verb.dep_ == "ROOT" or verb.dep_ in ("conj", "advcl") and verb.head.dep_ == "ROOT"):
            continue  # someone inside what another said ("X confirmed the man was back") is not whom "he" means
        kind = source_kind(ctx, token, token.head, strict=True)
        if kind is None or rules.source_kind(kind) != "anonymous":
            continue  # "Goldman Sachs economists" are the bank's: a named body speaks for them
        start, end = np_bounds(token)
        found.append(Mention(ctx.span(start, end), "anonymous", "anonymous", head_facts(token)))
    return found
