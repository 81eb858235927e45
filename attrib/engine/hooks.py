"""Named hooks: the logic a rule's data cannot express, registered by name.

A rule in attribution.toml names at most one hook (`hook = "declined-to-comment"`),
as spaCy's Matcher takes an `on_match` callback and presidio a recognizer's
methods. A hook is a `Hook` subclass registered with `@register(NAME)`; it
overrides only the stages its rule needs:

- `prepare`: fix the candidate's source or cue from the parse, or reject it;
- `anchor`: where the cue attaches for the clause walk (or a role outright);
- `repairs`: extra candidates where the parser hid the match.

Rule validation (attrib/engine/rules.py) rejects a hook name that is not
registered here; tests/test_rule_data.py runs every hook's rule examples with
and without it. Nothing here imports spaCy: hooks read tokens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from attrib.engine.candidates import Candidate, lost_subject_cue, outlet_lost_subject, verbless_cue
from attrib.engine.clauses import CONTENT_DEPS, fulfilled_as, has_content, statement_has_content
from attrib.engine.tokens import left_noun, np_bounds, rightmost_noun, small_clause, subject_of, that_complement

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from attrib.engine.context import DocContext
    from attrib.engine.rules import Rule


class Hook:
    """A rule's named logic; the base class changes nothing (a rule without a hook)."""

    def prepare(self, ctx: DocContext, candidate: Candidate, sent: SpacySpan) -> Candidate | None:
        """The candidate to build an attribution from (possibly with another source or cue), or None to drop it."""
        return candidate

    def admits(self, ctx: DocContext, sent: SpacySpan) -> bool:
        """Whether the sentence can hold a candidate `prepare` keeps: False lets a regex rule skip
        its search there (only for what `prepare` would drop whatever matched)."""
        return True

    def anchor(self, ctx: DocContext, cue_head: Token, sent: SpacySpan) -> Token | str:
        """The token the clause walk starts from, or a role ("main") that ends the walk."""
        return cue_head

    def repairs(self, ctx: DocContext, rule: Rule, sents: list[SpacySpan]) -> Iterable[Candidate]:
        """Candidates of `rule` that no pattern matched because of a misparse."""
        return ()


HOOKS: dict[str, Hook] = {}
NO_HOOK = Hook()


def register(name: str) -> Callable[[type[Hook]], type[Hook]]:
    """Register a Hook subclass under the name rules use in attribution.toml."""

    def add(kind: type[Hook]) -> type[Hook]:
        if name in HOOKS:
            raise ValueError(f"hook {name!r} registered twice")
        HOOKS[name] = kind()
        return kind

    return add


def hook_of(rule: Rule) -> Hook:
    """The hook a rule names (validated at load), or the no-op hook."""
    return HOOKS[rule.hook] if rule.hook else NO_HOOK


# -- the hooks --------------------------------------------------------------------------------


@register("declined-to-comment")
class DeclinedToComment(Hook):
    """ "X declined to comment": the source is the subject of the clause that holds the cue."""

    def prepare(self, ctx: DocContext, candidate: Candidate, sent: SpacySpan) -> Candidate | None:
        source = subject_of(candidate.cue[0])
        return replace(candidate, source=source) if source is not None else None


@register("name-before-cue")
class NameBeforeCue(Hook):
    """ "NYT highlights that": the name that opens the clause right before a mis-tagged speech verb."""

    def prepare(self, ctx: DocContext, candidate: Candidate, sent: SpacySpan) -> Candidate | None:
        source = left_noun(candidate.cue[0])
        if source is None:
            return None
        return replace(candidate, source=source, cue=candidate.cue[:1], cue_head=candidate.cue[0])


class VerblessRepair(Hook):
    """Repairs verbless sentences whose noun-tagged report verb has a document subject, or any other."""

    documents = False

    def repairs(self, ctx: DocContext, rule: Rule, sents: list[SpacySpan]) -> Iterable[Candidate]:
        for sent in sents:
            found = verbless_cue(sent, ctx.speech)
            if found is not None:
                cue, source = found
                if (source.lemma_.lower() in ctx.lex["document_heads"]) == self.documents:
                    yield Candidate(rule, [cue], source, len(rule.patterns), repaired=True)


@register("speech-verb-subject")
class SpeechVerbSubject(VerblessRepair):
    """A speech verb's subject speaks only when the verb carries content and is no passive participle."""

    def prepare(self, ctx: DocContext, candidate: Candidate, sent: SpacySpan) -> Candidate | None:
        verb = candidate.cue_head
        speaker = _as_speaker(verb, candidate.source)
        if speaker is not None:
            # "Hawaii, as one of the president's advisers pointed out, rarely sees ...": the
            # parser made the sentence's subject the tag's; the speaker is the object of "as"
            return replace(candidate, source=speaker, repaired=True)
        if _hazard(ctx, candidate.source):
            return None  # "The fire threatened 6,400 more buildings": a hazard says nothing
        # a repaired cue's content is the clause that follows it
        if not candidate.repaired and not has_content(ctx, verb, sent):
            return None
        if verb.tag_ == "VBN" and (
            any(c.dep_ == "auxpass" for c in verb.children)
            or verb.dep_ != "ROOT"
            and not any(c.dep_ == "aux" for c in verb.children)
        ):
            return None  # a passive or adjectival participle ("is expected to") names no speaker
        if _reduced_passive(ctx, verb):
            return None  # "Driver accused of killing cyclist": a headline's passive, no speaker
        return candidate

    def repairs(self, ctx: DocContext, rule: Rule, sents: list[SpacySpan]) -> Iterable[Candidate]:
        yield from super().repairs(ctx, rule, sents)
        for sent in sents:
            found = lost_subject_cue(sent, ctx.speech) or outlet_lost_subject(sent, ctx.speech, ctx.outlet_tokens)
            if found is not None:
                cue, source = found
                # pattern -1: the repair outranks the misparse's own match on the same cue ("the court said")
                yield Candidate(rule, [cue], source, -1, repaired=True)

    def admits(self, ctx: DocContext, sent: SpacySpan) -> bool:
        """Whether the sentence can hold a candidate `prepare` keeps: False lets a regex rule skip
        its search there (only for what `prepare` would drop whatever matched)."""
        return True

    def anchor(self, ctx: DocContext, cue_head: Token, sent: SpacySpan) -> Token | str:
        if cue_head.dep_ == "acl" and cue_head.head.head.lower_ == "with":
            return cue_head.head.head  # absolute adjunct "with X saying": attaches like "with"
        if _platform_infinitive(ctx, cue_head):
            return cue_head.head  # "held a news conference to announce ...": the speech is the main act
        if _as_tag_on_subject(ctx, cue_head):
            return cue_head.head.head  # "The bill, as critics have noted, does nothing ...": a tag on the clause
        if cue_head.dep_ in ("relcl", "acl") and cue_head.head.lower_ == "first" and cue_head.head.dep_ == "attr":
            return cue_head.head.head  # "X was the first to report that ...": the verb is the clause's claim
        return cue_head


def _as_speaker(verb: Token, subject: Token | None) -> Token | None:
    """The speaker of an "as" tag set between a subject and its clause, which the parser read as
    "as" + object on the speech verb, with the sentence's subject as the verb's: "Hawaii, as one
    of the advisers pointed out, rarely sees ..." (the clause goes on as a conjunct or an adverbial
    clause after the tag)."""
    if subject is None or subject.dep_ != "nsubj" or verb.dep_ != "ROOT":
        return None
    if any(c.dep_ in CONTENT_DEPS | {"dobj"} for c in verb.children):
        return None
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "as" and subject.i < child.i < verb.i:
            objects = [g for g in child.children if g.dep_ == "pobj"]
            before = verb.doc[child.i - 1]
            clause_after = any(c.dep_ in ("conj", "advcl") and c.i > verb.i for c in verb.children)
            if objects and before.text == "," and clause_after:
                return objects[0]
    return None


def _hazard(ctx: DocContext, source: Token | None) -> bool:
    """A hazard, disaster, disease or vehicle (lexicons/hazard_heads) as the subject: "the fire",
    "the storm", or a named one ("Hurricane Ian", "Storm Ciara": the name with the hazard as its
    compound). "The fire service", "the flood agency" have a body as their head and stay sources."""
    if source is None:
        return False
    hazards = ctx.lex["hazard_heads"]
    if source.lemma_.lower() in hazards and source.pos_ == "NOUN":
        return True
    return source.pos_ == "PROPN" and any(
        c.dep_ == "compound" and c.lemma_.lower() in hazards and c.i < source.i for c in source.children
    )


def _as_tag_on_subject(ctx: DocContext, verb: Token) -> bool:
    """An attributive "as" clause ("as critics have pointed out") the parser hung on the
    sentence's subject, set off by commas: it tags the whole clause, like "as Reuters reported"
    after it. A foretelling verb's "as" ("as forecasters had warned") is left to the clause walk."""
    noun = verb.head
    return (
        verb.dep_ == "advcl"
        and noun.dep_ in ("nsubj", "nsubjpass")
        and noun.i < verb.i
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
        and not any(c.dep_ in CONTENT_DEPS | {"dobj"} and c.lower_ != "it" for c in verb.children)
        and verb.doc[verb.left_edge.i - 1].text == ","
        and not fulfilled_as(ctx, verb)
    )


def _platform_infinitive(ctx: DocContext, verb: Token) -> bool:
    """The speech is the "to"-infinitive of a platform verb with its object (lexicons/platform_verbs):
    "used the speech to insist that ...", "held a news conference to announce ..."."""
    governor = verb.head
    return (
        verb.dep_ in ("xcomp", "advcl")
        and governor.lemma_.lower() in ctx.lex["platform_verbs"]
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and any(c.dep_ == "dobj" for c in governor.children)
    )


# What follows an accusing verb's target: "accused X of", "praised X for", "slammed X over".
CHARGE_PREPS = {"of", "for", "over", "with"}


def _reduced_passive(ctx: DocContext, verb: Token) -> bool:
    """An accusing verb (lexicons/accusing_verbs) with the charge but no target object is a
    passive with its auxiliary dropped: "Driver accused of killing cyclist"."""
    children = list(verb.children)
    return (
        verb.lemma_.lower() in ctx.lex["accusing_verbs"]
        and verb.tag_ in ("VBD", "VBN")
        and not any(c.dep_ in ("dobj", "dative", "ccomp", "xcomp", "parataxis") for c in children)
        and any(c.dep_ == "prep" and c.lower_ in CHARGE_PREPS and c.i > verb.i for c in children)
    )


@register("speech-verb-participle")
class SpeechVerbParticiple(Hook):
    """ "X attacked Y, saying ...", "began by saying ...": the participle carries content; "by" is a means."""

    def prepare(self, ctx: DocContext, candidate: Candidate, sent: SpacySpan) -> Candidate | None:
        verb = candidate.cue_head
        if not has_content(ctx, verb, sent):
            return None
        if verb.dep_ == "pcomp" and not (
            {c.dep_ for c in verb.children} & (CONTENT_DEPS - {"xcomp"}) or '"' in ctx.text[verb.idx : sent.end_char]
        ):
            # "by reporting on the war" is a means, "by asking them to act" a request,
            # "by saying the bank lied" a statement
            return None
        return candidate

    def admits(self, ctx: DocContext, sent: SpacySpan) -> bool:
        """Whether the sentence can hold a candidate `prepare` keeps: False lets a regex rule skip
        its search there (only for what `prepare` would drop whatever matched)."""
        return True

    def anchor(self, ctx: DocContext, cue_head: Token, sent: SpacySpan) -> Token | str:
        if cue_head.dep_ == "pcomp" and cue_head.head.lower_ == "by":
            return cue_head.head.head  # "began by saying": the means attaches like the verb it serves
        return cue_head


@register("document-subject")
class DocumentSubject(VerblessRepair):
    """A document's report verb carries content, and for a document a bare object is content ("found a link")."""

    documents = True

    def prepare(self, ctx: DocContext, candidate: Candidate, sent: SpacySpan) -> Candidate | None:
        verb = candidate.cue_head
        if (
            not candidate.repaired
            and not has_content(ctx, verb, sent, objects_count=True)
            and not any(c.dep_ == "ccomp" and small_clause(c) for c in verb.children)
        ):
            # (a state a document found is its finding: "a poll found the race tied", where
            # "police found the car abandoned" is a scene the police saw)
            return None
        return candidate


@register("in-document")
class InDocument(Hook):
    """ "In a poll released Tuesday, X led": the clause rests on the document. After a passive
    verb or a verb of taking part (lexicons/participation_verbs), "in the survey" says who or
    what was in it ("were included in the survey", "took part in the trial"), not what the
    document says."""

    def prepare(self, ctx: DocContext, candidate: Candidate, sent: SpacySpan) -> Candidate | None:
        preposition = candidate.cue_head
        governor = preposition.head
        if preposition.i < governor.i:
            return candidate
        lemma = governor.lemma_.lower()
        objects = [f"{lemma} {c.lemma_.lower()}" for c in governor.children if c.dep_ == "dobj"]
        if any(c.dep_ == "auxpass" for c in governor.children) or {lemma, *objects} & ctx.lex["participation_verbs"]:
            return None  # "were included in the survey", "took part in the trial": who was in it
        return candidate


@register("statement-content")
class StatementContent(Hook):
    """ "issued a statement calling ...": the statement noun must carry content (a clause, colon or quotation)."""

    def prepare(self, ctx: DocContext, candidate: Candidate, sent: SpacySpan) -> Candidate | None:
        noun = candidate.cue[-1]
        if statement_has_content(ctx, noun, sent):
            return candidate
        # "the consensus among economists is that ...": the clause is the copula's
        if _held_view(noun) and any(c.dep_ == "ccomp" and that_complement(c) for c in noun.head.children):
            return candidate
        return None

    def anchor(self, ctx: DocContext, cue_head: Token, sent: SpacySpan) -> Token | str:
        # a view held among a group is the clause's claim: the walk starts at its copula
        return cue_head.head if cue_head.pos_ == "NOUN" and _held_view(cue_head) else cue_head


def _held_view(noun: Token) -> bool:
    """A claim noun that is what "there is" or "is" states: "there is concern among X that ...",
    "the view among X is that ..."."""
    return noun.dep_ in ("attr", "nsubj") and noun.head.lemma_ == "be"


@register("trailing-speaker")
class TrailingSpeaker(Hook):
    """The speaker of a trailing ", X said.": a plain noun phrase before a speech verb.

    The phrase may hold no verb or preposition-led clause ("Patriot failed as
    predicted", "with a margin of error of 4.5 points"). A cue the tagger read
    as a noun ("the doctor maintains") counts only after a recognisable source
    head, so "phone calls" and "percentage points" do not.
    """

    KNOWN_HEADS = (
        "anonymous_heads",
        "vague_heads",
        "named_roles",
        "spokesperson_heads",
        "journalist_heads",
        "outlet_nouns",
        "document_heads",
    )

    def prepare(self, ctx: DocContext, candidate: Candidate, sent: SpacySpan) -> Candidate | None:
        verb, bounds = candidate.cue_head, candidate.source_bounds
        # an outlet's own reporting verb ("..., The Athletic understands.", "..., the Telegraph
        # has learned."; lexicons/reporting_verbs) credits the outlet, whoever else it would not
        reporting = verb.lemma_.lower() in ctx.lex["reporting_verbs"]
        if bounds is None or not (verb.lemma_.lower() in ctx.speech or reporting):
            return None
        after = ctx.doc[bounds[1] : min(bounds[1] + 2, len(ctx.doc))]
        if (
            len(after) == 2
            and after[0].lower_ in ("who", "that")
            and after[1].pos_ not in ("VERB", "AUX", "ADV", "PART")
        ):
            return None  # "a trend that economists say will continue": the relative clause has a speaker of its own
        words = ctx.doc[bounds[0] : bounds[1]]
        # a participle after a noun is a reduced relative ("figures released by the ministry")
        if words[0].pos_ in ("ADP", "SCONJ") or any(
            t.pos_ in ("VERB", "AUX") and not (t.tag_ == "VBN" and t.i > words.start and t.nbor(-1).pos_ == "NOUN")
            for t in words
        ):
            return None
        # the head comes before a prepositional modifier: "an AFP photographer at the scene"
        head_end = next(
            (
                t.i
                for t in words
                if t.pos_ == "ADP" and t.i > bounds[0] and rightmost_noun(ctx.doc, bounds[0], t.i) is not None
            ),
            bounds[1],
        )
        source = rightmost_noun(ctx.doc, bounds[0], head_end)
        outlet = [i for i in range(bounds[0], bounds[1]) if i in ctx.outlet_tokens]
        if source is None and outlet:
            source = ctx.doc[outlet[-1]]  # "The Athletic": an outlet's name the tagger read as an adjective
        if source is None:
            return None
        if verb.lemma_.lower() not in ctx.speech and not outlet:
            return None  # "..., the manager understands.": only an outlet reports by learning
        if verb.pos_ not in ("VERB", "AUX"):
            lemma = source.lemma_.lower()
            known = (
                source.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                or source.i in ctx.outlet_tokens
                or any(lemma in ctx.lex[name] for name in self.KNOWN_HEADS)
            )
            if not known:
                return None
        return replace(candidate, source=source)


@register("quoted-in-outlet")
class QuotedInOutlet(Hook):
    """ "X was quoted in the Financial Times as saying ...": the place X was quoted in is the
    outer source only when it is an outlet ("quoted in a sermon", "quoted in London" are not)."""

    def prepare(self, ctx: DocContext, candidate: Candidate, sent: SpacySpan) -> Candidate | None:
        source = candidate.source
        if source is None or source.dep_ != "pobj" or source.head.lower_ != "in":
            return candidate
        start, end = np_bounds(source)
        outlet = source.lemma_.lower() in ctx.lex["outlet_nouns"] or any(
            i in ctx.outlet_tokens for i in range(start, end)
        )
        return candidate if outlet else None


@register("outlet-subject")
class OutletSubject(Hook):
    """ "The Echo has been told that ...": only an outlet or its journalist reports what it
    was told; "the striker has been told he can leave" names nobody who told him."""

    def prepare(self, ctx: DocContext, candidate: Candidate, sent: SpacySpan) -> Candidate | None:
        source = candidate.source
        if source is None:
            return None
        start, end = np_bounds(source)
        lemma = source.lemma_.lower()
        # "BBC Sport", "The Guardian's Lucy Hart": an outlet's name in the phrase
        outlet = (
            any(i in ctx.outlet_tokens for i in range(start, end))
            or lemma in ctx.lex["journalist_heads"]
            or (lemma in ctx.lex["outlet_nouns"] and source.pos_ == "NOUN")
        )
        return candidate if outlet else None


@register("headline-only")
class HeadlineOnly(Hook):
    """Only a headline ends on a bare source: a sentence ending in . ! ? or a closing quote is no headline."""

    @staticmethod
    def _headline(ctx: DocContext, sent: SpacySpan) -> bool:
        return ctx.text[sent.start_char : sent.end_char].rstrip()[-1:] not in '.!?"”'

    def admits(self, ctx: DocContext, sent: SpacySpan) -> bool:
        return self._headline(ctx, sent)

    def prepare(self, ctx: DocContext, candidate: Candidate, sent: SpacySpan) -> Candidate | None:
        return candidate if self._headline(ctx, sent) else None


@register("speaker-label")
class SpeakerLabel(Hook):
    """ "Zelenskyy: ..." credits a speaker; "Correction: ...", "Update: ...", section titles and
    a topic before a verbless title ("MH17: the knowns and unknowns") are labels."""

    def prepare(self, ctx: DocContext, candidate: Candidate, sent: SpacySpan) -> Candidate | None:
        words = ctx.text[sent.start_char : candidate.cue[0].idx].strip().strip('"([').strip()
        labels = ctx.lex["colon_labels"]
        if words.lower() in labels or words.split(" ")[0].lower() in labels:
            return None
        bounds = candidate.source_bounds
        if bounds is not None and not self._credits_a_name(ctx, bounds):
            return None
        # a speaker's name holds no verb but a speech verb ("Said Ellis:"); "The Gap Goes On:" is a section title
        if bounds is not None and any(
            t.pos_ in ("VERB", "AUX") and t.lemma_.lower() not in ctx.speech for t in ctx.doc[bounds[0] : bounds[1]]
        ):
            return None
        # what follows must be something said: a clause or a quotation ("MH17: the knowns and
        # unknowns thus far" is a topic and its title); a label alone on its line opens a transcript
        rest = [t for t in ctx.doc[candidate.cue[-1].i + 1 : sent.end] if not (t.is_punct or t.is_space)]
        # a source word needs no verb after it: the headline "Sources: Club close to stadium sale"
        # drops its copula as headlines do
        label = candidate.source.lemma_.lower() if candidate.source is not None else ""
        if (
            rest
            and not any(label in ctx.lex[name] for name in ("source_heads", "anonymous_heads"))
            and not any(t.pos_ in ("VERB", "AUX") for t in rest)
            and not any(mark in ctx.text[candidate.cue[-1].idx : sent.end_char] for mark in ('"', "“", "'", "‘"))
        ):
            return None
        return candidate

    @staticmethod
    def _credits_a_name(ctx: DocContext, bounds: tuple[int, int]) -> bool:
        """A label that sets a name beside an outlet or affiliation: a round-up line "Tom Baker,
        The Guardian: ...", "Tom Baker (The Guardian): ...", "Ann Cole in The Times: ..." names a
        columnist and the outlet, "John Smith, Acme Corp: ..." a speaker and his company;
        "Paris, France:", "Jane Doe, Chief Executive:" and "Chaos in Westminster:" are no credit."""
        words = ctx.doc[bounds[0] : bounds[1]]
        separator = next((t for t in words if t.text in (",", "(") or t.lower_ == "in"), None)
        if separator is None:
            return True
        name = ctx.doc[bounds[0] : separator.i]
        rest = [t for t in ctx.doc[separator.i + 1 : bounds[1]] if not (t.is_stop or t.is_punct)]
        # (a first and last name the recogniser missed: two or three proper nouns)
        person = any(t.ent_type_ == "PERSON" or t.text in ctx.person_words for t in name) or (
            2 <= len(name) <= 3 and all(t.tag_ == "NNP" and t.ent_type_ in ("", "PERSON") for t in name)
        )
        outlet = bool(rest) and all(t.i in ctx.outlet_tokens for t in rest)
        affiliation = bool(rest) and all(t.ent_type_ == "ORG" and t.i not in ctx.outlet_tokens for t in rest)
        return outlet and (separator.text == "," or person) or separator.text == "," and person and affiliation


@register("according-to")
class AccordingTo(Hook):
    """ "according to X" / "per X" attribute the clause they attach to, even through a noun."""

    def admits(self, ctx: DocContext, sent: SpacySpan) -> bool:
        """Whether the sentence can hold a candidate `prepare` keeps: False lets a regex rule skip
        its search there (only for what `prepare` would drop whatever matched)."""
        return True

    def anchor(self, ctx: DocContext, cue_head: Token, sent: SpacySpan) -> Token | str:
        token = cue_head.head
        while token.pos_ in ("NOUN", "PROPN", "PRON") and token.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "appos"):
            token = token.head  # "The fire, according to the marshal, began ..."
        if token.dep_ == "ROOT":
            return "main"
        # a final "..., worth $120 million, per Reuters." is a trailing credit (clauses.trailing_credit)
        return token
