"""Clauses: where a cue sits in its sentence, and what it carries.

`role` says whether a cue heads the sentence's main clause, is nested in
another cue's content, or only modifies a participant; `has_content` whether
a cue says something at all (LABELS.md: an act narrated without content is no
attribution); `recipient` and `content` fill those fields of the record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrib.engine import segment
from attrib.engine.context import DocContext
from attrib.engine.tokens import existential, np_bounds, own_clause, small_clause, that_complement
from attrib.records import Span

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from attrib.engine.hooks import Hook
    from attrib.engine.rules import Rule

# Dependency relations that make a cue a mere modifier of a participant: the
# cue describes someone ("Trump, who has promised ...") rather than sourcing
# the sentence's claim.
MODIFIER_DEPS = {
    "relcl",
    "acl",
    "amod",
    "appos",
    "nmod",
    "npadvmod",
    "pcomp",
    "pobj",
    "dobj",
    "nsubj",
    "nsubjpass",
    "csubj",
    "csubjpass",
    "attr",
    "oprd",
    "compound",
    "poss",
    "dative",
    "agent",
}
# Subordinators that turn a clause into background: "after the Journal reported".
BACKGROUND_MARKS = {
    "after",
    "before",
    "since",
    "because",
    "when",
    "whenever",
    "while",
    "although",
    "though",
    "if",
    "unless",
    "until",
    "once",
    "whereas",
    "despite",
    "so",
    "than",
    "that",
    "whether",
}
# What opens an embedded question: a cue inside one ("unclear whether officials will confirm ...")
# is a speech that may or may not happen, not one the sentence reports.
QUESTION_MARKS = {"whether", "if"}
# Complements that carry what was said; a cue needs one to count.
CONTENT_DEPS = {"ccomp", "xcomp", "parataxis", "oprd"}
OBJECT_DEPS = {"dobj", "attr", "oprd", "dative"}
CONTENT_PREPS = {"of", "about", "for", "on", "against"}
# What a directive verb (lexicons/directive_verbs) asks for, not what it says: "asked for money", "called on".
REQUEST_PREPS = {"for", "on"}
# What an interrogation was about: "questioned a man about the burglary", "over the attack".
TOPIC_PREPS = {"about", "over"}
# Who a verdict went to: "called the race for Smith", "called Arizona for the Democrats".
WINNER_ENTS = {"PERSON", "ORG", "NORP", "GPE"}


def role(ctx: DocContext, cue_head: Token, sent: SpacySpan, rule: Rule, hook: Hook) -> str:
    """main | nested | modifier: where the cue sits relative to the main clause.

    The rule's `role` decides first: "main" (speaker labels credit the quotation
    they open), "main-unless-quoted"; otherwise the dependency parse does, walking
    up from the cue (or from where the rule's hook says the cue attaches).
    """
    if rule.role == "main":
        return "main"
    if segment.in_quotation(ctx.quotes, cue_head.idx):
        return "nested"  # a cue inside quoted words belongs to the quote's speaker
    if rule.role == "main-unless-quoted":
        return "main"
    if rule.kind == "dep" and any(
        c.lower_ == "according" and c.dep_ == "prep" and c.i < cue_head.i for c in cue_head.children
    ):
        return "nested"  # "According to Yahoo News, the spokesman said ...": the outlet frames the speech
    if parenthetical_tag(ctx, cue_head):
        return "main"  # "This was a gamble one aide admitted, but ...": the parser hung the tag as a relative clause
    anchor = hook.anchor(ctx, cue_head, sent)
    if isinstance(anchor, str):
        return anchor
    token = anchor
    if cue_head.dep_ == "parataxis" and _speaker_tag(cue_head):
        return "main"  # '"...," Tracy says, his voice tightening.': however the parser hangs the tag
    if (
        cue_head.dep_ == "parataxis"
        and cue_head.head.dep_ in ("nsubj", "nsubjpass")
        and any(c.dep_ == "nsubj" for c in cue_head.children)
    ):
        token = cue_head.head.head  # "The difference now, he told me, is that ...": a parenthetical on the subject
    while token.dep_ != "ROOT" and token.head is not token:
        dep = token.dep_
        if dep == "advcl":
            mark = {c.lower_ for c in token.children if c.dep_ == "mark"}
            if fulfilled_as(ctx, token):
                return "modifier"  # "..., as he had promised": the clause came true, it is narrated
            if "as" in mark and not {c.dep_ for c in token.children if c.lower_ != "it"} & (CONTENT_DEPS | OBJECT_DEPS):
                pass  # attributive "as Reuters reported", "as one adviser put it"
            elif (
                not mark
                and (token.head.lemma_.lower() in ctx.lex["aspect_verbs"] or _channel(ctx, token.head))
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
            ):
                pass  # "went on to say", "took to Twitter to say", parsed as an adverbial clause
            elif mark & BACKGROUND_MARKS or "as" in mark:
                return "modifier"
            elif token.tag_ == "VBG" and token.lemma_.lower() in ctx.speech | {"cite"}:
                pass  # participial ", saying ..." / ", citing ..."
            else:
                return "modifier"
        elif dep in ("ccomp", "xcomp"):
            if token.head.lemma_.lower() in ctx.speech:
                return "nested"  # content of another cue: the outer one wins
            if any(c.dep_ == "mark" and c.lower_ in QUESTION_MARKS for c in token.children):
                return "modifier"  # "it was unclear whether the judges would rule that ...": asked, not said
        elif dep == "relcl" and reaction_content(ctx, token):
            return "main"  # "drew criticism from Republicans, who said ...": the criticism's content
        elif dep == "relcl" and existential(token.head):
            token = token.head.head  # "There are economists who argue that ...": the relative clause is the claim
            continue
        elif dep in MODIFIER_DEPS and not (dep in ("pobj", "pcomp") and token.head.lower_ in ("with", "according")):
            return "modifier"
        token = token.head
    return "main"


REACTION_ARGS = {"dobj", "nsubj", "nsubjpass", "attr", "pobj"}


def reaction_content(ctx: DocContext, verb: Token) -> bool:
    """A relative clause that says what a reaction in the main clause was: "The proposal drew
    criticism from Republicans, who said it would raise taxes", "The plan faced opposition from
    tenants, many of whom said it was unfair".

    The clause hangs on the one the reaction came from ("from X"), its relative pronoun is
    its subject ("who", "many of whom"), and the reaction noun (lexicons/reaction_nouns) is
    an argument of the main verb, or of a preposition on it ("came under fire from"). A
    relative clause that only describes a participant ("Trump, who has promised to limit
    aid, met ...") hangs on no reaction and stays a modifier.
    """
    noun = verb.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "from":
        owner = noun.head.head
    elif any(c.dep_ == "prep" and c.lower_ == "from" and c.i < verb.i for c in noun.children):
        owner = noun  # the parser hung the clause on the reaction: "an outcry from parents, some of whom said"
    else:
        return False
    if not any(
        c.dep_ == "nsubj" and c.i < verb.i and (c.tag_ in ("WP", "WDT") or any(g.lower_ == "whom" for g in c.subtree))
        for c in verb.children
    ):
        return False
    if owner.pos_ == "NOUN":
        reactions = [owner]
    else:  # the main verb's arguments, and its prepositions' objects ("came under fire from")
        reactions = [c for c in owner.children if c.dep_ in REACTION_ARGS]
        reactions += [g for c in owner.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    for reaction in reactions:
        if reaction.lemma_.lower() not in ctx.lex["reaction_nouns"]:
            continue
        head = reaction.head.head if reaction.dep_ == "pobj" else reaction.head
        if reaction.dep_ in REACTION_ARGS and head.dep_ == "ROOT":
            return True
    return False


def _channel(ctx: DocContext, verb: Token) -> bool:
    """ "took to Twitter", "turned to Facebook" (lexicons/channel_verbs): the way in, the speech follows."""
    return verb.lemma_.lower() in ctx.lex["channel_verbs"] and any(
        c.dep_ == "prep" and c.lower_ == "to" for c in verb.children
    )


def _speaker_tag(verb: Token) -> bool:
    """A speaker's tag right after a closing quotation mark: '"...," Tracy says'."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if not subjects:
        return False
    before = subjects[0].left_edge.i - 1
    return before >= 0 and verb.doc[before].tag_ == "''"


CREDIT_SEPARATORS = {",", ";", "—", "–"}
QUOTE_MARKS = {'"', "“", "”", "'", "’", "‘", "''", "``"}


def trailing_credit(ctx: DocContext, cue_head: Token, lo: int, hi: int, sent: SpacySpan) -> int | None:
    """Where a trailing credit's content ends: ", Bloomberg News reported on Tuesday, citing ...",
    ", as The Wall Street Journal previously reported.", ", according to Sky Sports.".

    A cue and its source (tokens `lo`..`hi`) that follow a comma, say nothing of
    their own after the cue (no complement clause to its right) and run to the
    end of the sentence credit everything before them, however low the parser
    hung them; the text before the comma is their content.

    Returns:
        The index of the separator that ends the content, or None when the cue is no trailing credit.
    """
    doc = ctx.doc
    if fulfilled_as(ctx, cue_head):
        return None
    if cue_head.tag_ == "VBG" and cue_head.dep_ != "prep":
        return None  # ", citing two people": a participle sources its clause's subject, it credits nothing
    if any(c.dep_ == "dobj" and c.lower_ == "it" for c in cue_head.children):
        return None  # '..., a "lawful source of income," as a memo put it.': the wording, not the report
    k = lo - 1
    if k > sent.start and doc[k].lower_ == "as":
        k -= 1  # attributive "as X reported"
    while k > sent.start and doc[k].text in QUOTE_MARKS:
        k -= 1
    if k <= sent.start or doc[k].text not in CREDIT_SEPARATORS:
        return None
    if not any(t.pos_ in ("VERB", "AUX") for t in doc[sent.start : k]):
        return None  # '," the coach said.' or "At the same time, X warns ...": no clause before to credit
    if any(
        c.i > cue_head.i
        and (
            c.dep_ in CONTENT_DEPS - {"xcomp"}
            or c.dep_ == "xcomp"
            and c.tag_ != "VBG"
            or c.lower_ == "that"
            or c.dep_ == "dobj"
            and cue_head.lemma_.lower() not in ctx.lex["telling_verbs"]
            or c.dep_ == "prep"
            and c.lower_ in CONTENT_PREPS
            and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children)
        )
        for c in cue_head.children
    ):
        return None  # ", the analyst said the firm was cheap", "X warns of ...": a claim of its own, not a credit
    rest = [t for t in doc[hi + 1 : sent.end] if not (t.is_punct or t.is_space)]
    if any(t.dep_ == "mark" and t.lower_ == "that" and t.head.i == cue_head.i for t in rest):
        return None
    # what follows is the cue's own setting (when, where, to whom, citing whom), not another clause
    outside = [t for t in rest if not _within(t, cue_head)]
    if any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBG" for t in outside):
        return None
    return k


TAG_ENDS = {",", ";", "—", "–"}


def parenthetical_tag(ctx: DocContext, verb: Token) -> bool:
    """A speaker's tag set into the sentence with no comma before it, which the parser hangs as a
    relative clause on the noun before it: "This was a softening-up exercise one source said,
    intended to ...", "It was a gamble one aide admitted, but a necessary one."

    The verb says nothing of its own (no object, complement, preposition or relative pronoun), is
    no telling verb ("the story he told, ..." has a real object gap), a comma or dash follows it,
    and the noun it hangs on is not the sentence's subject ("The things he said, though, were
    hurtful").
    """
    if verb.dep_ != "relcl" or verb.lemma_.lower() not in ctx.lex["speech_verbs"]:
        return False
    if verb.lemma_.lower() in ctx.lex["telling_verbs"]:
        return False  # "the story he told, ...": a telling verb's object gap
    if verb.head.dep_ in ("nsubj", "nsubjpass"):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if not subjects or subjects[0].tag_ in ("WP", "WDT") or subjects[0].lower_ == "that":
        return False
    if any(
        c.dep_ in CONTENT_DEPS | OBJECT_DEPS | {"mark", "prep", "advcl"} or c.tag_ in ("WP", "WDT", "WRB")
        for c in verb.children
    ):
        return False
    end = max(t.i for t in verb.subtree if not t.is_punct) + 1  # the parser may hang the comma on the verb
    return end < len(ctx.doc) and ctx.doc[end].text in TAG_ENDS


FINITE_TAGS = ("VBD", "VBZ", "VBP")


def told_clause(ctx: DocContext, verb: Token) -> bool:
    """ "told Parliament the 25-year-old returned from a hotspot": after the one told, the parser
    read the clause's subject as the object and its finite verb as a participle on it (acl). A
    finite verb cannot be one: the object and its "modifier" are the clause that was told."""
    if verb.lemma_.lower() not in ctx.lex["telling_verbs"] or not any(c.dep_ == "dative" for c in verb.children):
        return False
    return any(
        c.dep_ == "dobj" and any(g.dep_ == "acl" and g.tag_ in FINITE_TAGS and g.i > c.i for g in c.children)
        for c in verb.children
    )


def fulfilled_as(ctx: DocContext, verb: Token) -> bool:
    """ "as he had promised", "as economists expected": events bore out an earlier word (lexicons/foretelling_verbs)."""
    return verb.lemma_.lower() in ctx.lex["foretelling_verbs"] and any(
        c.dep_ == "mark" and c.lower_ == "as" or c.dep_ == "advmod" and c.lower_ == "as" and c.i < verb.i
        for c in verb.children
    )


def _within(token: Token, ancestor: Token) -> bool:
    return token.i == ancestor.i or any(a.i == ancestor.i for a in token.ancestors)


# Nominative personal pronouns: the subject of a clause the parser hung on a noun as a relative.
CLAUSE_SUBJECTS = frozenset({"i", "we", "you", "he", "she", "it", "they"})
# What a clause of its own carries, where a relative clause has a gap ("the story he had heard").
CLAUSE_COMPLEMENTS = frozenset({"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd"})


def _zero_relative_content(clause: Token, noun: Token) -> bool:
    """A "relative clause" right after the addressee, opened by a subject pronoun and complete
    in itself, is the parser's reading of a that-less complement: "told officers he had heard
    gunshots" (a true relative has a gap: "told the story he had heard")."""
    first = clause.doc[clause.left_edge.i]
    if (
        first.i != noun.i + 1
        or first.lower_ not in CLAUSE_SUBJECTS
        or first.dep_ != "nsubj"
        or first.head.i != clause.i
    ):
        return False
    deps = {c.dep_ for c in clause.children}
    return (
        bool(deps & CLAUSE_COMPLEMENTS)
        or clause.lemma_ == "be"
        or any(c.lemma_ == "be" and c.dep_ == "aux" for c in clause.children)
        and "prep" in deps
    )


def has_content(ctx: DocContext, verb: Token, sent: SpacySpan | None = None, *, objects_count: bool = False) -> bool:
    """A cue attributes only when it carries content (LABELS.md: an act narrated without content is not one).

    Args:
        objects_count: a clausal verb's bare object is content ("a study found a link"), as a
            forecast's is; otherwise it narrates an act ("the company added 300 jobs").
    """
    # Token.sent walks doc.sents from the start (O(doc) per call); reuse the caller's sentence.
    sentence = sent if sent is not None and sent.start <= verb.i < sent.end else verb.sent
    lemma = verb.lemma_.lower()
    deps = {c.dep_ for c in verb.children}
    if lemma in ctx.lex["clausal_verbs"] and lemma not in ctx.lex["speech_verbs"]:
        deps = deps - {"xcomp"}  # "allies have agreed to double production" is an act
    directive = lemma in ctx.lex["directive_verbs"]
    if directive and any(_request(c) for c in verb.children):
        deps = deps - {"xcomp"}  # "told the crowd to move back": a request, not a claim
    if any(c.dep_ == "dobj" and c.tag_ in ("WP", "WDT") and c.i < verb.i for c in verb.children):
        deps = deps - {"dobj"}  # "What Politico reported" names the content without giving it
    # a characterising verb's small clause is the characterisation: "deemed the building unsafe"
    seen_state = lemma not in ctx.lex["speech_verbs"] | ctx.lex["characterising_verbs"] and any(
        c.dep_ == "ccomp" and small_clause(c) for c in verb.children
    )
    if seen_state:
        deps = deps - {"ccomp"}  # "police found the car abandoned": a state seen, not a finding stated
    if "oprd" in deps and not deps & {"dobj", "dative", "ccomp"} and (verb.dep_ != "ROOT" or "nsubj" not in deps):
        # "His group, called the Conservation Fund, will ...": naming, not saying;
        # "Cruz called Trump a liar" (Trump parsed oprd too) stays a characterisation
        return False
    if directive and _addressee_only(verb):
        deps = deps - {"oprd", "attr"}  # "Tracy called Trayvon's mother": whom, not what it was called
    # a participle's clause is the participle's: in "attacked the merger, saying it would
    # raise prices" the that-clause is what "saying" says, not what "attacked" does; and a
    # purpose clause says nothing ("called this meeting to help them figure out what to do"),
    # unless its verb speaks ("called a news conference to announce that ...")
    words_of_own = [
        t
        for t in own_clause(verb)
        if not any(a.dep_ == "advcl" and a.head.i == verb.i and _aside(ctx, a) for a in (t, *t.ancestors))
    ]
    clause = (
        bool(deps & CONTENT_DEPS)
        or verb.dep_ == "parataxis"
        or parenthetical_tag(ctx, verb)
        or told_clause(ctx, verb)
        or any(
            # the parser sometimes hangs the that-clause lower down: "reported at the time that ..."
            t.i > verb.i
            and (t.lower_ == "that" and t.dep_ in ("mark", "advmod") or t.dep_ == "ccomp" and not seen_state)
            for t in words_of_own
        )
        or any(
            # or as a relative clause on the statement it came in: "said in a release that profits had doubled"
            t.dep_ == "relcl" and t.head.dep_ == "pobj" and t.head.head.head.i == verb.i and that_complement(t)
            for t in words_of_own
        )
        or lemma in ctx.lex["telling_verbs"]
        and any(
            # or as a relative clause on whom it was told: "told officers he had heard gunshots"
            c.dep_ in ("dobj", "dative") and any(r.dep_ == "relcl" and _zero_relative_content(r, c) for r in c.children)
            for c in verb.children
        )
        or any(
            # or as a conjunct after an interruption: "Axios reported, citing a source, that ..."
            c.dep_ == "conj" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
            for c in verb.children
        )
    )
    words = ctx.text[sentence.start_char : sentence.end_char]
    quoted = (
        '"' in words
        or "“" in words
        or "”" in words
        or "''" in words
        or "``" in words
        or segment.has_single_quoted(words)
        or words.rstrip().endswith(":")
    )
    as_clause = any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    # "so" standing for a clause: "he doesn't think so", "the minister said so"
    clause = clause or any(
        c.lower_ == "so" and c.dep_ in ("advmod", "dobj", "ccomp") and c.i > verb.i for c in verb.children
    )
    if verb.dep_ in ("ccomp", "conj") and verb.head.dep_ == "ROOT" and verb.i > verb.head.i and not deps & {"dobj"}:
        clause = clause or verb.dep_ == "ccomp"  # "..., Smith said" parsed as a trailing complement
    if lemma in ctx.lex["speech_verbs"] and any(
        c.dep_ == "advcl"
        and not any(g.dep_ == "mark" for g in c.children)
        and any(g.dep_ == "nsubj" for g in c.children)
        for c in verb.children
    ):
        clause = True  # "said after the convention he would ...": a clause the parser hung as advcl
    if lemma == "put":
        return as_clause or quoted  # "as one adviser put it, ..." / "put it this way: ..."; not "put it on the table"
    if lemma in ctx.lex["comparing_verbs"] and _method(ctx, verb):
        return False  # "the researchers compared 300 patients to 300 controls": a method, no judgement
    if lemma in ctx.lex["as_verbs"] and lemma not in ctx.lex["speech_verbs"]:
        # "saw the deal as a sign of weakness", "identified the victim as John Smith": only
        # the "as" phrase on the object (or the verb) is the characterisation ("saw the film
        # as a child" says when she saw it: lexicons/depictive_heads)
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        return bool(objects) and any(
            c.dep_ == "prep"
            and c.lower_ == "as"
            and not any(g.dep_ == "pobj" and g.lemma_.lower() in ctx.lex["depictive_heads"] for g in c.children)
            for o in (verb, *objects)
            for c in o.children
        )
    if any(c.dep_ == "dobj" and _predicate_appos(c) for c in verb.children) and (
        directive or lemma in ctx.lex["characterising_verbs"]
    ):
        return True  # "called the bill, which ..., a disaster", 'branded the singer "a disgrace"'
    if lemma in ctx.lex["characterising_verbs"] and lemma not in ctx.lex["speech_verbs"]:
        # "cited the remarks as an example", "dismissed the report as fake news"; a claim
        # or a document as the object is itself the content ("rejected the claims",
        # "disputed the figures"), where "rejected the offer" is an act
        claims = ctx.lex["claim_nouns"] | ctx.lex["document_heads"]
        # the "as" phrase may hang on the object: "pointed to the decision as an example"
        objects = [
            verb,
            *(c for c in verb.children if c.dep_ == "dobj"),
            *(g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"),
        ]
        # "labelled the scheme a stealth tax": an object and the noun it is called
        named_as = [c for c in verb.children if c.i > verb.i and c.dep_ in ("dobj", "oprd", "npadvmod", "attr")]
        # an adjective after the object is predicative, however it was parsed: "deemed the evidence inadmissible"
        predicative = any(g.dep_ == "amod" and g.i > c.i for c in verb.children if c.dep_ == "dobj" for g in c.children)
        return (
            clause
            or as_clause
            or len(named_as) >= 2
            or predicative
            or any(c.dep_ == "prep" and c.lower_ == "as" for o in objects for c in o.children)
            or any(c.dep_ == "dobj" and c.lemma_.lower() in claims for c in verb.children)
        )
    if lemma in ctx.lex["response_verbs"] and not deps & {"ccomp", "parataxis"} and _responded_to(verb):
        return quoted  # "responded to a call": an act; with a quotation it says something (issue 14 item 5)
    if (
        lemma in ctx.lex["performative_verbs"]
        and not deps & {"ccomp", "parataxis", "oprd"}
        and _declared_act(ctx, verb)
    ):
        return False  # "declared a state of emergency", "declared war": the declaration is the act
    if lemma in ctx.lex["notifying_verbs"] and not deps & {"ccomp", "parataxis"} and _notified(verb):
        return False  # "reported the theft to police": notifying someone of an event, no claim made
    if clause or quoted or as_clause or ctx.after_quote(sentence):
        return True
    if any(c.dep_ == "aux" and c.lemma_.lower() in ("will", "shall") for c in verb.children):
        return False  # "Walmart will report earnings on Thursday": a scheduled act, nothing said yet
    # "agreed on Monday", "spoke on Tuesday": a date is not what was said
    # "asked the council for money", "called for calm", "called on the state to act" are requests;
    # "told reporters about his plans" gives the topic (lexicons/topic_verbs), not what was said
    verdict = directive and any(
        p.dep_ == "prep" and _verdict(verb, p) for c in verb.children if c.dep_ == "dobj" for p in c.children
    )
    about = verdict or any(
        c.dep_ == "prep"
        and c.lower_ in CONTENT_PREPS
        and not (directive and c.lower_ in REQUEST_PREPS and not _verdict(verb, c))
        and not (c.lower_ == "about" and lemma in ctx.lex["topic_verbs"])
        and not any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children)
        for c in verb.children
    )
    if lemma in ctx.lex["publishing_verbs"] and not any(
        c.dep_ == "nsubj" and c.i in ctx.outlet_tokens for c in verb.children
    ):
        # "publishes a catalogue", "posted a photo": putting something out is an act; the
        # object must say something ("published a letter saying ...") or the topic be given.
        # An outlet publishing is reporting ("NBC News first published the video")
        return any(c.dep_ == "prep" and c.lower_ == "about" for c in verb.children) or any(
            c.dep_ == "dobj" and statement_has_content(ctx, c, sentence) for c in verb.children
        )
    if lemma in ctx.lex["clausal_verbs"] and lemma not in ctx.lex["speech_verbs"]:
        # "the company added 300 jobs": with a bare object these narrate an act; a forecast's
        # object is what is forecast ("economists had expected a rise of 0.3%")
        return about or bool(deps & OBJECT_DEPS) and (objects_count or lemma in ctx.lex["forecast_verbs"])
    if lemma in ctx.lex["telling_verbs"] or directive:
        # "told the story many times", "told reporters", "warned the player twice": the
        # object is the one addressed (or the telling), no content without a clause;
        # a directive's object is whom it addresses or what it wants ("urged residents",
        # "called his lawyer", "demanded an apology")
        return about
    if lemma in ctx.lex["topic_verbs"] and any(
        c.dep_ == "dobj"
        and _person(ctx, c)
        or c.dep_ == "prep"
        and c.lower_ in TOPIC_PREPS
        and not any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children)
        for c in verb.children
    ):
        # "detectives questioned a man about the burglary", "questioned two teenagers over the
        # attack": whom they asked and what about, nothing said; "questioned the figures" doubts them
        return False
    if lemma == "say" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in ctx.lex["ritual_utterances"] for c in verb.children
    ):
        return False  # "said goodbye", "said a prayer": a ritual, not a claim
    return bool(deps & OBJECT_DEPS) or about


def _responded_to(verb: Token) -> bool:
    """A response verb with "to" and what it responded to, and no clause of its own: "officers
    responded to reports that a man had died" (the that-clause is the reports', not the officers')."""
    return any(c.dep_ == "prep" and c.lower_ == "to" and c.i > verb.i for c in verb.children) and not any(
        c.dep_ == "mark" and c.lower_ == "that" for c in verb.children
    )


def _declared_act(ctx: DocContext, verb: Token) -> bool:
    """A performative verb's bare object is what the declaration brings about (lexicons/declared_acts):
    "a state of emergency", "a public holiday", "war"; an adjective after it ("declared the
    result void") makes it a verdict, which stays a claim."""
    acts = ctx.lex["declared_acts"]
    for obj in (c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i):
        if any(g.dep_ in ("amod", "acomp") and g.i > obj.i for g in obj.children):
            continue
        heads = [obj, *(g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children)]
        if any(h.lemma_.lower() in acts for h in heads) or any(
            g.dep_ in ("compound", "amod") and g.lemma_.lower() in acts for h in heads for g in h.children
        ):
            return True
    return False


def _notified(verb: Token) -> bool:
    """The verb's object is followed by "to" and whom it went to ("reported the theft to
    police"; the parser may read "to police" as an infinitive)."""
    doc = verb.doc
    return any(
        c.dep_ == "dobj" and c.right_edge.i + 1 < len(doc) and doc[c.right_edge.i + 1].lower_ == "to"
        for c in verb.children
    )


def _person(ctx: DocContext, noun: Token) -> bool:
    """A noun phrase that names people: a personal pronoun, a PERSON entity, or a head such as
    "man", "teenagers", "witness" (lexicons anonymous_heads, witness_heads, questioned_heads)."""
    if noun.tag_ == "PRP":
        return noun.lower_ not in ("it", "this", "that")
    lemma = noun.lemma_.lower()
    return (
        noun.ent_type_ == "PERSON"
        or lemma in ctx.lex["anonymous_heads"]
        or noun.lower_ in ctx.lex["witness_heads"]
        or lemma in ctx.lex["questioned_heads"]
    )


def _aside(ctx: DocContext, clause: Token) -> bool:
    """An adverbial clause whose words are not its governor's content: a speech participle
    (its own cue) or a purpose infinitive that does not speak."""
    speaks = clause.lemma_.lower() in ctx.speech
    if clause.tag_ == "VBG":
        return speaks
    return not speaks and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _addressee_only(verb: Token) -> bool:
    """A directive verb followed by one noun phrase and nothing said of it: "called his mother",
    however the parser labels the noun; "called Trump a liar", "called the plan reckless" have two
    parts. A relative clause the parser hung on the verb ("..., from whom he's been divorced") is
    no second part."""
    doc = verb.doc
    after = [
        c
        for c in verb.children
        if c.i > verb.i
        and c.dep_ in ("dobj", "oprd", "attr", "dative", "npadvmod", "ccomp", "xcomp", "acomp")
        and not any(t.tag_ in ("WP", "WDT", "WP$") for t in doc[c.left_edge.i : min(c.left_edge.i + 2, c.i)])
    ]
    return (
        len(after) == 1
        and after[0].dep_ in ("dobj", "oprd", "attr")
        and after[0].pos_ in ("NOUN", "PROPN", "PRON")
        and not any(g.dep_ == "amod" and g.i > after[0].i for g in after[0].children)
    )


def _verdict(verb: Token, prep: Token) -> bool:
    """ "The AP called the race for Smith": an object and a "for" phrase naming who won are a
    verdict, not a request ("asked the council for more time", "called a strike for Monday")."""
    return (
        prep.lower_ == "for"
        and any(c.dep_ == "dobj" for c in verb.children)
        and any(g.dep_ == "pobj" and (g.pos_ == "PROPN" or g.ent_type_ in WINNER_ENTS) for g in prep.children)
    )


def _request(clause: Token) -> bool:
    """An infinitive that says what someone is to do ("told the crowd to move back"). A warning
    ("told citizens not to be intimidated") and advice on how or what ("told them how to vote")
    say something."""
    words = {c.lower_ for c in clause.children}
    return (
        clause.dep_ == "xcomp"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        and not words & {"not", "never"}
        and clause.doc[clause.left_edge.i].tag_ not in ("WRB", "WP", "WDT")
    )


def _predicate_appos(noun: Token) -> bool:
    """What an object is called, read by the parser as its appositive: one after a relative
    clause on the object ("called the bill, which passed last week, a disaster") or one with no
    comma before it ('branded the singer "a disgrace"'); "called his lawyer, John Smith" is an
    appositive."""
    doc = noun.doc
    for appos in (c for c in noun.children if c.dep_ == "appos" and c.i > noun.i):
        start = appos.left_edge.i
        before = [t for t in doc[noun.i + 1 : start] if not t.is_quote]
        after_relative = any(c.dep_ == "relcl" and noun.i < c.i < appos.i for c in noun.children)
        if after_relative or not any(t.text == "," for t in before[-1:]):
            return True
    return False


def _method(ctx: DocContext, verb: Token) -> bool:
    """A comparison that is a study's method: a researcher or a document compares ("the team of
    researchers compared ...", "the trial compared ..."), or counted groups are compared
    ("compared 300 patients to 300 controls")."""
    heads = ctx.lex["research_heads"] | ctx.lex["document_heads"]
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in heads for c in verb.children):
        return True
    return any(
        t.ent_type_ in ("CARDINAL", "PERCENT", "QUANTITY")
        for c in verb.children
        if c.dep_ in ("dobj", "prep") and c.i > verb.i
        for t in c.subtree
    )


def statement_has_content(ctx: DocContext, noun: Token, sent: SpacySpan) -> bool:
    """A statement noun carries content: a clause on it ("a statement calling ...",
    "a statement that said ..."), or a colon or quotation after it."""
    for child in noun.children:
        if child.dep_ in ("ccomp", "acl", "relcl") and (
            child.lemma_.lower() in ctx.speech
            or {g.dep_ for g in child.children} & CONTENT_DEPS
            or that_complement(child)
        ):
            return True  # "a statement calling ...", "concerns that the weapons could ..."
    rest = ctx.text[noun.idx + len(noun) : sent.end_char]
    return (
        rest.strip().startswith(":")
        or rest.rstrip().endswith(":")
        or any(mark in rest for mark in ('"', "''", "``", "“"))
    )


def speaker_after(ctx: DocContext, verb: Token) -> Token | None:
    for child in verb.rights:
        if child.dep_ in ("nsubj", "dobj", "attr", "appos", "npadvmod", "oprd", "dative") and not ctx.quoted(child):
            if child.pos_ in ("PROPN", "NOUN", "PRON"):
                return child
    return None


def recipient(ctx: DocContext, verb: Token) -> Span | None:
    """Whom the cue addresses: "told Reuters", "said to reporters" (lexicons telling_verbs, addressing_verbs)."""
    for child in verb.children:
        if child.dep_ in ("dative", "dobj") and verb.lemma_.lower() in ctx.lex["telling_verbs"]:
            return ctx.span(*np_bounds(child))
        if (
            child.dep_ in ("dative", "prep")
            and child.lower_ == "to"
            and verb.lemma_.lower() in ctx.lex["addressing_verbs"]
        ):
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return ctx.span(*np_bounds(objects[0]))
    return None


def content(ctx: DocContext, verb: Token, sent: SpacySpan) -> Span | None:
    """What the cue says: its complement clause, or the whole sentence a parenthetical cue sits in."""
    for child in verb.children:
        if child.dep_ in CONTENT_DEPS:
            tokens = list(child.subtree)
            return ctx.span(tokens[0].i, tokens[-1].i + 1)
    if verb.dep_ == "parataxis" or parenthetical_tag(ctx, verb):
        return ctx.span(sent.start, sent.end)
    return None
