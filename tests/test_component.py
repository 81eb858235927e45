"""Unit tests without a trained model: the `attrib` component, segment.py and classify.py.

Component tests build Docs by hand on a `spacy.blank("en")` vocabulary, the way
spaCy's own tests do (words, heads, deps, lemmas, tags, POS, entities), run the
`attrib` component on them and read the SentenceEvidence it wrote. Segment and
classify tests are tables over plain strings and records. Every table is
parametrised, so adding a case means adding a row.

A parse is written as one row per token: ``word lemma TAG POS dep head [IOB-ENT]``,
where ``head`` is the absolute index of the head token (a ROOT points at itself).
"""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces

import attrib.engine.component
from attrib.audit.classify import classify
from attrib.audit.register import inflections
from attrib.engine import segment
from attrib.records import Attribution, HeadFacts, Mention, Number, SentenceEvidence, Span


# -- building Docs by hand ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def blank() -> tuple[Any, Any]:
    """A blank English pipeline with the `attrib` component, and the component itself."""
    nlp = spacy.blank("en")
    comp = nlp.add_pipe("attrib")
    return nlp, comp


def _tree_sent_starts(heads: list[int]) -> list[bool]:
    """Sentence starts implied by the heads: token i starts one when no arc crosses it."""
    return [all((j < i) == (head < i) for j, head in enumerate(heads)) for i in range(len(heads))]


def make_doc(nlp: Any, text: str, rows: str, morphs: dict[int, str] | None = None) -> Doc:
    """A parsed Doc for `text` from one `word lemma TAG POS dep head [ent]` row per token.

    `morphs` gives some tokens a morphology ({0: "Number=Plur"}); the rest have none.
    """
    table = [line.split() for line in rows.strip().splitlines()]
    words = [r[0] for r in table]
    found, spaces = get_words_and_spaces(words, text)
    assert found == words, f"rows do not tokenise {text!r}"
    heads = [int(r[5]) for r in table]
    return Doc(
        nlp.vocab,
        words=words,
        spaces=spaces,
        lemmas=[r[1] for r in table],
        tags=[r[2] for r in table],
        pos=[r[3] for r in table],
        deps=[r[4] for r in table],
        heads=heads,
        ents=[r[6] if len(r) > 6 else "O" for r in table],
        morphs=[(morphs or {}).get(i, "") for i in range(len(table))],
        sent_starts=_tree_sent_starts(heads),
    )


def run(
    blank: tuple[Any, Any], text: str, rows: str, morphs: dict[int, str] | None = None
) -> tuple[Doc, list[SentenceEvidence]]:
    nlp, comp = blank
    doc = comp(make_doc(nlp, text, rows, morphs))
    return doc, [attrib.engine.component.evidence(sent) for sent in doc.sents]


def _text(span: Span | None) -> str | None:
    return span.text if span is not None else None


# -- hand parses -------------------------------------------------------------------------------
OFFICIAL_TOLD_NPR = (
    "A U.S. official told NPR the decision was final.",
    """
A         a         DT   DET    det       2
U.S.      U.S.      NNP  PROPN  compound  2  B-GPE
official  official  NN   NOUN   nsubj     3
told      tell      VBD  VERB   ROOT      3
NPR       NPR       NNP  PROPN  dative    3  B-ORG
the       the       DT   DET    det       6
decision  decision  NN   NOUN   nsubj     7
was       be        VBD  AUX    ccomp     3
final     final     JJ   ADJ    acomp     7
.         .         .    PUNCT  punct     3
""",
)

TRAILING_OFFICIAL_SAID = (
    "The decision was final, the official said.",
    """
The       the       DT   DET    det       1
decision  decision  NN   NOUN   nsubj     2
was       be        VBD  AUX    ccomp     7
final     final     JJ   ADJ    acomp     2
,         ,         ,    PUNCT  punct     7
the       the       DT   DET    det       6
official  official  NN   NOUN   nsubj     7
said      say       VBD  VERB   ROOT      7
.         .         .    PUNCT  punct     7
""",
)

SPOKESMAN_TOLD_REPORTERS = (
    "Pentagon spokesman Pat Ryder told reporters the decision was final.",
    """
Pentagon   Pentagon   NNP  PROPN  compound  3  B-ORG
spokesman  spokesman  NN   NOUN   compound  3
Pat        Pat        NNP  PROPN  compound  3  B-PERSON
Ryder      Ryder      NNP  PROPN  nsubj     4  I-PERSON
told       tell       VBD  VERB   ROOT      4
reporters  reporter   NNS  NOUN   dative    4
the        the        DT   DET    det       7
decision   decision   NN   NOUN   nsubj     8
was        be         VBD  AUX    ccomp     4
final      final      JJ   ADJ    acomp     8
.          .          .    PUNCT  punct     4
""",
)

ACCORDING_TO_OFFICIALS = (
    "According to officials, the missiles will be used.",
    """
According  accord    VBG  VERB   prep       8
to         to        IN   ADP    prep       0
officials  official  NNS  NOUN   pobj       1
,          ,         ,    PUNCT  punct      8
the        the       DT   DET    det        5
missiles   missile   NNS  NOUN   nsubjpass  8
will       will      MD   AUX    aux        8
be         be        VB   AUX    auxpass    8
used       use       VBN  VERB   ROOT       8
.          .         .    PUNCT  punct      8
""",
)

ACCORDING_TO_DEPARTMENT = (
    "Unemployment fell, according to the Labor Department.",
    """
Unemployment  unemployment  NN   NOUN   nsubj     1
fell          fall          VBD  VERB   ROOT      1
,             ,             ,    PUNCT  punct     1
according     accord        VBG  VERB   prep      1
to            to            IN   ADP    prep      3
the           the           DT   DET    det       7
Labor         Labor         NNP  PROPN  compound  7  B-ORG
Department    Department    NNP  PROPN  pobj      4  I-ORG
.             .             .    PUNCT  punct     1
""",
)

REPORTED_BY_NYT = (
    "This was reported by The New York Times.",
    """
This      this      DT   PRON   nsubjpass  2
was       be        VBD  AUX    auxpass    2
reported  report    VBN  VERB   ROOT       2
by        by        IN   ADP    agent      2
The       the       DT   DET    det        7  B-ORG
New       New       NNP  PROPN  compound   6  I-ORG
York      York      NNP  PROPN  compound   7  I-ORG
Times     Times     NNP  PROPN  pobj       3  I-ORG
.         .         .    PUNCT  punct      2
""",
)

SPOKESWOMAN_DECLINED = (
    "A spokeswoman for the Pentagon declined to comment.",
    """
A            a            DT   DET    det    1
spokeswoman  spokeswoman  NN   NOUN   nsubj  5
for          for          IN   ADP    prep   1
the          the          DT   DET    det    4
Pentagon     Pentagon     NNP  PROPN  pobj   2  B-ORG
declined     decline      VBD  VERB   ROOT   5
to           to           TO   PART   aux    7
comment      comment      VB   VERB   xcomp  5
.            .            .    PUNCT  punct  5
""",
)

AS_IS_KNOWN = (
    "As is known, the Pentagon is delaying the transfer.",
    """
As        as        IN   SCONJ  mark     2
is        be        VBZ  AUX    auxpass  2
known     know      VBN  VERB   advcl    7
,         ,         ,    PUNCT  punct    7
the       the       DT   DET    det      5
Pentagon  Pentagon  NNP  PROPN  nsubj    7  B-ORG
is        be        VBZ  AUX    aux      7
delaying  delay     VBG  VERB   ROOT     7
the       the       DT   DET    det      9
transfer  transfer  NN   NOUN   dobj     7
.         .         .    PUNCT  punct    7
""",
)

REPORTEDLY = (
    "The minister reportedly offered to resign.",
    """
The         the         DT   DET    det     1
minister    minister    NN   NOUN   nsubj   3
reportedly  reportedly  RB   ADV    advmod  3
offered     offer       VBD  VERB   ROOT    3
to          to          TO   PART   aux     5
resign      resign      VB   VERB   xcomp   3
.           .           .    PUNCT  punct   3
""",
)

HEADLINE_SOURCE = (
    "Staples explores sale - source",
    """
Staples   Staples  NNP   PROPN  nsubj     1  B-ORG
explores  explore  VBZ   VERB   ROOT      1
sale      sale     NN    NOUN   dobj      1
-         -        HYPH  PUNCT  punct     1
source    source   NN    NOUN   npadvmod  1
""",
)

HEADLINE_OUTLET = (
    "Under Armour faces federal probe: WSJ",
    """
Under    Under    NNP  PROPN  compound  1  B-ORG
Armour   Armour   NNP  PROPN  nsubj     2  I-ORG
faces    face     VBZ  VERB   ROOT      2
federal  federal  JJ   ADJ    amod      4
probe    probe    NN   NOUN   dobj      2
:        :        :    PUNCT  punct     2
WSJ      WSJ      NNP  PROPN  appos     4  B-ORG
""",
)

TRUMP_WHO_PROMISED = (
    "Trump, who has promised to limit aid, will return.",
    """
Trump     Trump    NNP  PROPN  nsubj   10  B-PERSON
,         ,        ,    PUNCT  punct   0
who       who      WP   PRON   nsubj   4
has       have     VBZ  AUX    aux     4
promised  promise  VBN  VERB   relcl   0
to        to       TO   PART   aux     6
limit     limit    VB   VERB   xcomp   4
aid       aid      NN   NOUN   dobj    6
,         ,        ,    PUNCT  punct   0
will      will     MD   AUX    aux     10
return    return   VB   VERB   ROOT    10
.         .        .    PUNCT  punct   10
""",
)

AFTER_JOURNAL_REPORTED = (
    "Stocks slid after the Journal reported the merger was off.",
    """
Stocks    stock    NNS  NOUN   nsubj   1
slid      slide    VBD  VERB   ROOT    1
after     after    IN   SCONJ  mark    5
the       the      DT   DET    det     4  B-ORG
Journal   Journal  NNP  PROPN  nsubj   5  I-ORG
reported  report   VBD  VERB   advcl   1
the       the      DT   DET    det     7
merger    merger   NN   NOUN   nsubj   8
was       be       VBD  AUX    ccomp   5
off       off      RB   ADV    acomp   8
.         .        .    PUNCT  punct   1
""",
)

MINISTRY_SAID_OFFICIALS_TOLD = (
    "The ministry said officials told reporters the talks had stalled.",
    """
The        the       DT   DET    det      1
ministry   ministry  NN   NOUN   nsubj    2
said       say       VBD  VERB   ROOT     2
officials  official  NNS  NOUN   nsubj    4
told       tell      VBD  VERB   ccomp    2
reporters  reporter  NNS  NOUN   dative   4
the        the       DT   DET    det      7
talks      talk      NNS  NOUN   nsubj    9
had        have      VBD  AUX    aux      9
stalled    stall     VBN  VERB   ccomp    4
.          .         .    PUNCT  punct    2
""",
)

OFFICIAL_SAID_TO_REPORTERS = (
    "An official said to reporters that talks stalled.",
    """
An         an        DT   DET    det    1
official   official  NN   NOUN   nsubj  2
said       say       VBD  VERB   ROOT   2
to         to        IN   ADP    prep   2
reporters  reporter  NNS  NOUN   pobj   3
that       that      IN   SCONJ  mark   7
talks      talk      NNS  NOUN   nsubj  7
stalled    stall     VBD  VERB   ccomp  2
.          .         .    PUNCT  punct  2
""",
)

TWO_SENTENCES = (
    "Officials said the talks stalled. Smith declined to comment.",
    """
Officials  official  NNS  NOUN   nsubj  1
said       say       VBD  VERB   ROOT   1
the        the       DT   DET    det    3
talks      talk      NNS  NOUN   nsubj  4
stalled    stall     VBD  VERB   ccomp  1
.          .         .    PUNCT  punct  1
Smith      Smith     NNP  PROPN  nsubj  7  B-PERSON
declined   decline   VBD  VERB   ROOT   7
to         to        TO   PART   aux    9
comment    comment   VB   VERB   xcomp  7
.          .         .    PUNCT  punct  7
""",
)

THREE_SENTENCES = (
    "The storm hit at night. Officials said 40 homes burned. Nobody was hurt.",
    """
The        the       DT   DET    det      1
storm      storm     NN   NOUN   nsubj    2
hit        hit       VBD  VERB   ROOT     2
at         at        IN   ADP    prep     2
night      night     NN   NOUN   pobj     3
.          .         .    PUNCT  punct    2
Officials  official  NNS  NOUN   nsubj    7
said       say       VBD  VERB   ROOT     7
40         40        CD   NUM    nummod   9
homes      home      NNS  NOUN   nsubj    10
burned     burn      VBD  VERB   ccomp    7
.          .         .    PUNCT  punct    7
Nobody     nobody    NN   PRON   nsubjpass 14
was        be        VBD  AUX    auxpass  14
hurt       hurt      VBN  VERB   ROOT     14
.          .         .    PUNCT  punct    14
""",
)


# -- one test per rule kind ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "parse, rule_id, label, cue, source, recipient",
    [
        pytest.param(
            OFFICIAL_TOLD_NPR,
            "speech-verb-subject",
            "anonymous",
            "told",
            "A U.S. official",
            "NPR",
            id="dep-official-told-npr",
        ),
        pytest.param(
            TRAILING_OFFICIAL_SAID,
            "speech-verb-subject",
            "anonymous",
            "said",
            "the official",
            None,
            id="dep-trailing-official-said",
        ),
        pytest.param(
            SPOKESMAN_TOLD_REPORTERS,
            "speech-verb-subject",
            "named",
            "told",
            "Pentagon spokesman Pat Ryder",
            "reporters",
            id="dep-named-spokesman",
        ),
        pytest.param(
            ACCORDING_TO_OFFICIALS,
            "according-to",
            "anonymous",
            "According to",
            "officials",
            None,
            id="dep-according-to-officials",
        ),
        pytest.param(
            ACCORDING_TO_DEPARTMENT,
            "according-to",
            "named",
            "according to",
            "the Labor Department",
            None,
            id="dep-according-to-trailing",
        ),
        pytest.param(
            REPORTED_BY_NYT,
            "passive-by-agent",
            "publication",
            "was reported by",
            "The New York Times",
            None,
            id="dep-passive-by-agent",
        ),
        pytest.param(
            SPOKESWOMAN_DECLINED,
            "declined-to-comment",
            "named",
            "declined to comment",
            "A spokeswoman for the Pentagon",
            None,
            id="token-declined-to-comment",
        ),
        pytest.param(AS_IS_KNOWN, "presupposed", "unattributed", "As is known", None, None, id="phrase-presupposed"),
        pytest.param(REPORTEDLY, "hedge-adverb", "unattributed", "reportedly", None, None, id="phrase-hedge"),
        pytest.param(HEADLINE_SOURCE, "headline-source", "anonymous", "-", "source", None, id="regex-headline-source"),
        pytest.param(HEADLINE_OUTLET, "headline-source", "publication", ":", "WSJ", None, id="regex-headline-outlet"),
    ],
)
def test_component_rule_kinds(
    blank: Any, parse: tuple[str, str], rule_id: str, label: str, cue: str, source: str | None, recipient: str | None
) -> None:
    doc, evidence = run(blank, *parse)
    assert len(evidence) == 1
    found = [a for a in evidence[0].attributions if a.rule_id == rule_id]
    assert found, f"{rule_id} did not fire; evidence: {evidence[0].attributions}"
    attribution = found[0]
    assert (attribution.label, attribution.role) == (label, "main")
    assert attribution.cue.text == cue
    assert _text(attribution.source) == source
    assert _text(attribution.recipient) == recipient
    assert attribution.message, "every piece of evidence explains itself"
    for span in (attribution.cue, attribution.source, attribution.recipient, attribution.content):
        if span is not None:
            assert doc.text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    "text, rows",
    [
        pytest.param(
            "The mayor declined to run.",
            """
The       the      DT   DET    det    1
mayor     mayor    NN   NOUN   nsubj  2
declined  decline  VBD  VERB   ROOT   2
to        to       TO   PART   aux    4
run       run      VB   VERB   xcomp  2
.         .        .    PUNCT  punct  2
""",
            id="declined-to-run",
        ),
        pytest.param(
            "The senator apologized to the panel.",
            """
The        the        DT   DET    det    1
senator    senator    NN   NOUN   nsubj  2
apologized apologize  VBD  VERB   ROOT   2
to         to         IN   ADP    prep   2
the        the        DT   DET    det    5
panel      panel      NN   NOUN   pobj   3
.          .          .    PUNCT  punct  2
""",
            id="act-without-content",
        ),
        pytest.param(
            "Staples explores sale of its unit.",
            """
Staples   Staples  NNP  PROPN  nsubj  1  B-ORG
explores  explore  VBZ  VERB   ROOT   1
sale      sale     NN   NOUN   dobj   1
of        of       IN   ADP    prep   2
its       its      PRP$ PRON   poss   5
unit      unit     NN   NOUN   pobj   3
.         .        .    PUNCT  punct  1
""",
            id="not-a-headline-source",
        ),
        # attribution.toml no_match for according-to: "plan" is not a source.
        pytest.param(
            "The team played according to plan.",
            """
The        the     DT   DET    det    1
team       team    NN   NOUN   nsubj  2
played     play    VBD  VERB   ROOT   2
according  accord  VBG  VERB   prep   2
to         to      IN   ADP    prep   3
plan       plan    NN   NOUN   pobj   4
.          .       .    PUNCT  punct  2
""",
            id="according-to-plan",
        ),
    ],
)
def test_component_no_attribution(blank: Any, text: str, rows: str) -> None:
    _, evidence = run(blank, text, rows)
    assert [e.attributions for e in evidence] == [()]


# -- role: main, modifier, nested ----------------------------------------------------------------
@pytest.mark.parametrize(
    "parse, cue, source",
    [
        pytest.param(TRUMP_WHO_PROMISED, "promised", "Trump", id="relcl-who-has-promised"),
        pytest.param(AFTER_JOURNAL_REPORTED, "reported", "the Journal", id="temporal-after-reported"),
    ],
)
def test_component_role_modifier_is_not_main(blank: Any, parse: tuple[str, str], cue: str, source: str) -> None:
    """A cue that only describes a participant or sets the scene does not attribute the sentence."""
    _, evidence = run(blank, *parse)
    attributions = evidence[0].attributions
    assert not [a for a in attributions if a.role == "main"]
    modifiers = [a for a in attributions if a.role == "modifier"]
    assert [a.cue.text for a in modifiers] == [cue]
    assert modifiers[0].source is not None and modifiers[0].source.text == source


@pytest.mark.parametrize(
    "parse, outer, inner",
    [
        pytest.param(
            MINISTRY_SAID_OFFICIALS_TOLD, ("said", "The ministry"), ("told", "officials"), id="cue-in-ccomp-of-cue"
        ),
    ],
)
def test_component_role_nested(
    blank: Any, parse: tuple[str, str], outer: tuple[str, str], inner: tuple[str, str]
) -> None:
    """A cue inside the content of another cue is nested; the outer cue is the main one."""
    _, evidence = run(blank, *parse)
    by_cue = {a.cue.text: a for a in evidence[0].attributions}
    assert by_cue[outer[0]].role == "main" and _text(by_cue[outer[0]].source) == outer[1]
    assert by_cue[inner[0]].role == "nested" and _text(by_cue[inner[0]].source) == inner[1]


@pytest.mark.parametrize(
    "parse, source, recipient, label",
    [
        pytest.param(OFFICIAL_TOLD_NPR, "A U.S. official", "NPR", "anonymous", id="told-outlet"),
        pytest.param(OFFICIAL_SAID_TO_REPORTERS, "An official", "reporters", "anonymous", id="said-to-reporters"),
        pytest.param(SPOKESMAN_TOLD_REPORTERS, "Pentagon spokesman Pat Ryder", "reporters", "named", id="named-told"),
    ],
)
def test_component_recipient_is_not_source(
    blank: Any, parse: tuple[str, str], source: str, recipient: str, label: str
) -> None:
    _, evidence = run(blank, *parse)
    (attribution,) = [a for a in evidence[0].attributions if a.role == "main"]
    assert _text(attribution.source) == source
    assert _text(attribution.recipient) == recipient
    assert attribution.label == label  # "told NPR" never makes the sentence `publication`
    assert (
        attribution.source.end <= attribution.recipient.start or attribution.recipient.end <= attribution.source.start
    )


# -- bucketing by sentence ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "parse, cues",
    [
        pytest.param(TWO_SENTENCES, [["said"], ["declined to comment"]], id="two-sentences"),
        pytest.param(THREE_SENTENCES, [[], ["said"], []], id="cue-in-middle-sentence"),
    ],
)
def test_component_buckets_evidence_by_sentence(blank: Any, parse: tuple[str, str], cues: list[list[str]]) -> None:
    """Each sentence's evidence covers only its own tokens, in character offsets into doc.text."""
    doc, evidence = run(blank, *parse)
    sents = list(doc.sents)
    assert len(evidence) == len(sents) == len(cues)
    for sent, record, expected in zip(sents, evidence, cues):
        assert record.span == Span(sent.start_char, sent.end_char, sent.text)
        assert doc.text[record.span.start : record.span.end] == record.span.text
        assert [a.cue.text for a in record.attributions] == expected
        for attribution in record.attributions:
            for span in (attribution.cue, attribution.source, attribution.content, attribution.recipient):
                if span is None:
                    continue
                assert sent.start_char <= span.start < span.end <= sent.end_char, f"{span} leaks out of {sent.text!r}"
                assert doc.text[span.start : span.end] == span.text
        for mention in record.mentions:
            assert sent.start_char <= mention.span.start < mention.span.end <= sent.end_char


def test_component_bucketing_offsets_point_into_later_sentence(blank: Any) -> None:
    doc, evidence = run(blank, *TWO_SENTENCES)
    (declined,) = evidence[1].attributions
    assert declined.cue.start == doc.text.index("declined")
    assert _text(declined.source) == "Smith" and declined.source.start == doc.text.index("Smith")
    assert declined.label == "named"


# -- the boundaries component ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, mark_at, mark_starts",
    [
        # A closing mark stays with the sentence it closes; the word after it may start the next one.
        pytest.param('"We will rebuild." Ruiz said it twice.', 17, False, id="closing-mark"),
        # An opening mark after a full stop belongs to the sentence it opens (DESIGN 3,
        # "fix sentence boundaries around quotation marks"): '... Ruiz said. "Nobody ...'
        # must not end the first sentence with '"' and start the second at "Nobody".
        pytest.param('"We need time," Ruiz said. "Nobody wants to rush."', 27, True, id="opening-mark"),
    ],
)
def test_component_boundaries_quotation_marks(text: str, mark_at: int, mark_starts: bool) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("attrib_boundaries")
    doc = nlp(text)
    (mark,) = [t for t in doc if t.idx == mark_at]
    assert mark.text == '"'
    following = doc[mark.i + 1]
    if mark_starts:
        assert mark.is_sent_start is not False, "an opening mark was glued to the previous sentence"
        assert following.is_sent_start is not True, f"{following.text!r} was pinned as a sentence start"
    else:
        assert mark.is_sent_start is False, "a closing mark was split from its sentence"
        assert following.is_sent_start is not False


def test_component_boundaries_opening_mark_starts_its_sentence() -> None:
    # The mark, not the word after it, is the start: '... integration. "That is ...'.
    nlp = spacy.blank("en")
    nlp.add_pipe("attrib_boundaries")
    doc = nlp('Trade matters.\n"That is our weakness," said Luis Rubio.')
    mark = next(t for t in doc if t.text == '"')
    assert mark.is_sent_start is True
    assert doc[mark.i + 1].is_sent_start is False


def test_component_boundaries_dash_glued_to_closing_mark_starts_the_credit() -> None:
    # '... about."― Pamela Padilla': the tokenizer keeps '"―' as one token; the credit is
    # its own sentence, as it is when a space separates the dash from the mark.
    nlp = spacy.blank("en")
    nlp.add_pipe("attrib_boundaries")
    doc = nlp('"He knows nothing about it."― Pamela Padilla')
    credit = next(t for t in doc if t.text.endswith("―"))
    assert credit.is_sent_start is True
    assert doc[credit.i + 1].is_sent_start is False


@pytest.mark.parametrize(
    "text, furniture",
    [
        pytest.param(
            "Storm hits coast\n\nWASHINGTON (AP) — The Senate voted on Tuesday.", "WASHINGTON (AP) —", id="ap"
        ),
        pytest.param("LONDON, March 3 (Reuters) - Shares fell on Friday.", "LONDON, March 3 (Reuters) -", id="reuters"),
        pytest.param("The vote was close.\n* * *\nThe count took a day.", "* * *", id="separator"),
        pytest.param("By Jane Doe | Staff Writer\nThe count took a day.", "By Jane Doe | Staff Writer", id="byline"),
    ],
)
def test_component_boundaries_credit_line_is_one_sentence(text: str, furniture: str) -> None:
    # The parser cuts "WASHINGTON (AP) —" at its bracket and dash; a credit line is one sentence.
    nlp = spacy.blank("en")
    nlp.add_pipe("attrib_boundaries")
    doc = nlp(text)
    start = text.index(furniture)
    inside = [t for t in doc if start < t.idx < start + len(furniture)]
    assert inside and all(t.is_sent_start is False for t in inside)
    after = next(t for t in doc if t.idx > start + len(furniture) and not t.is_space)
    assert after.is_sent_start is True


# -- segment.py ---------------------------------------------------------------------------------
LONG_WRAPPED = "The council postponed its vote on the downtown tram plan because several"


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("First line.\nSecond line.", ["Second"], id="line-start"),
        pytest.param("A headline\nBody text.", ["Body"], id="heading-then-body"),
        pytest.param("One.\r\n\r\nTwo.", ["Two"], id="crlf-blank-lines"),
        pytest.param(f"Intro.\n{LONG_WRAPPED}\nmembers wanted more time.", [LONG_WRAPPED[:3]], id="soft-wrap-kept"),
        pytest.param(
            f"Intro.\n{LONG_WRAPPED[:30]}\nmembers wanted more time.",
            [LONG_WRAPPED[:3], "members"],
            id="short-line-not-wrapped",
        ),
        pytest.param(
            "Soldiers fire a rocket. John Hamilton/AP hide caption The Pentagon said so.",
            ["The Pentagon"],
            id="inline-hide-caption",
        ),
        pytest.param("Soldiers fire. AP hide caption\ntoggle caption\nAP", ["toggle", "AP"], id="caption-lines"),
    ],
)
def test_segment_hard_breaks(text: str, expected: list[str]) -> None:
    breaks = segment.hard_breaks(text)
    assert [text[b:].split("\n")[0][: len(word)] for b, word in zip(breaks, expected)] == expected
    assert len(breaks) == len(expected)


NPR_FURNITURE = (
    "In this image provided by the U.S. Army, soldiers fire. John Hamilton/White Sands, via Associated Press"
    " hide caption\n"
    "toggle caption\n"
    "John Hamilton/White Sands Missile Range, via Associated Press\n"
    "For the first time, a U.S. official told NPR on Sunday.\n"
    "NPR's Tom Bowman contributed reporting."
)


@pytest.mark.parametrize(
    "text, blocks",
    [
        pytest.param(NPR_FURNITURE, ["caption", "caption", "credit", "paragraph", "credit"], id="npr-caption-credit"),
        pytest.param(
            "Staples explores sale - source\nThe retailer is weighing offers.", ["heading", "paragraph"], id="heading"
        ),
        pytest.param(
            "The retailer is weighing offers.\nIt has two bidders.",
            ["paragraph", "paragraph"],
            id="terminal-first-line-is-paragraph",
        ),
        pytest.param(
            "By Jane Doe\nThe retailer is weighing offers.\nPhoto by John Roe",
            ["credit", "paragraph", "credit"],
            id="byline-photo-credit",
        ),
        pytest.param(
            "Caption: soldiers at the range.\nHide caption\nThe text.",
            ["caption", "caption", "paragraph"],
            id="caption-prefixes",
        ),
        pytest.param("Soldiers at the range. Getty Images\nThe text.", ["credit", "paragraph"], id="agency-credit-end"),
        # LABELS.md: "Credit: ...", "Photograph: ...", "Image: ...", "Tags: ...", "Categories: ..." are
        # furniture whatever follows the colon; so are ad slots, promos and links to other stories
        pytest.param(
            "The text.\nPhoto: Police said the fire began in the kitchen.\n*Image: Jane Doe/AP*\nTags: fire, Ohio",
            ["paragraph", "credit", "credit", "credit"],
            id="label-lines",
        ),
        pytest.param(
            "The text.\nREAD MORE: Mayor says the gap will close\nAdvertisement\nSign up for our newsletter.",
            ["paragraph", "credit", "credit", "credit"],
            id="links-ads-promos",
        ),
        pytest.param(
            "Credit card debt rose.\nTags were found on the birds.\nAdvertisement revenue fell.\nSign up forms ran out.",
            ["paragraph", "paragraph", "paragraph", "paragraph"],
            id="prose-that-opens-like-furniture",
        ),
        pytest.param(
            "The text.\n(Reporting by Jane Doe; Editing by Mark Roe)\nReporting by the paper showed a gap.",
            ["paragraph", "credit", "paragraph"],
            id="wire-credit-names-people",
        ),
        pytest.param(
            "The text.\n--With assistance from Jane Doe.\nTo contact the reporter on this story: Jane Doe in Paris",
            ["paragraph", "credit", "credit"],
            id="bloomberg-credits",
        ),
        pytest.param(
            "By Jane Doe, Reuters\nTue 3 Mar 2026 14.02 GMT\nPublished: 08:14 GMT, 3 March 2026 | Updated: 11:02 GMT\nText.",
            ["credit", "credit", "credit", "paragraph"],
            id="bylines-and-timestamps",
        ),
        pytest.param(
            "The text.\nA man walks past the bridge on Sunday. (AP Photo/Jane Doe)\nThe bridge on Sunday. REUTERS/Jane Doe",
            ["paragraph", "caption", "caption"],
            id="caption-closed-by-its-credit",
        ),
    ],
)
def test_segment_lines_block_kinds(text: str, blocks: list[str]) -> None:
    lines = segment.lines(text)
    assert [line.block for line in lines] == blocks
    assert [text[line.start : line.end] for line in lines] == [s.strip() for s in text.splitlines() if s.strip()]


@pytest.mark.parametrize(
    "text, dateline",
    [
        pytest.param("KYIV, Ukraine (AP) — Drones struck a plant overnight.", "KYIV, Ukraine (AP) —", id="ap"),
        pytest.param("BEIJING, Jan. 5 (Xinhua) -- Exports grew.", "BEIJING, Jan. 5 (Xinhua) --", id="double-hyphen"),
        pytest.param("**WASHINGTON (AP) —** The Senate voted.", "**WASHINGTON (AP) —**", id="markdown-bold"),
        pytest.param(
            "Grain scheme extended\nNEW DELHI: The government on Monday extended the free grain scheme by five years.",
            "NEW DELHI:",
            id="colon-on-the-first-prose-line",
        ),
        # a capital before a dash that opens no capitalised lead is prose; a capital label and a colon
        # is a speaker in a transcript, and a lead in the first person is speech
        pytest.param("NATO — the alliance of 32 countries — will meet in July.", None, id="acronym-then-dash"),
        pytest.param(
            "PENCE: Well, I think the president has been clear.\nHARRIS: I'm speaking.", None, id="transcript"
        ),
        pytest.param("TRUMP: We are going to win so much that you will get tired of winning.", None, id="first-person"),
        pytest.param("PENCE: Well, the question really should be about the economy and jobs.", None, id="no-time"),
        pytest.param(
            "The vote was close.\nMUMBAI: A fire broke out in a mill in central Mumbai late on Sunday.",
            None,
            id="not-first",
        ),
        pytest.param(
            "BREAKING: Police have closed the bridge after a crash on Monday morning.", None, id="colon-label"
        ),
    ],
)
def test_segment_lines_dateline_is_one_credit_line(text: str, dateline: str | None) -> None:
    first_credit = [text[line.start : line.end] for line in segment.lines(text) if line.block == "credit"]
    assert first_credit == ([dateline] if dateline else [])


def test_segment_lines_trim_and_block_at() -> None:
    text = "  Indented line.  \n\nNext one."
    lines = segment.lines(text)
    assert [(line.start, line.end) for line in lines] == [(2, 16), (20, 29)]
    assert segment.block_at(lines, 5) == "paragraph"
    assert segment.block_at(segment.lines("A headline\nBody."), 0) == "heading"
    assert segment.block_at(lines, 18) == "paragraph"  # between lines


FUNCTION_WORDS = frozenset({"to", "on", "off", "for", "in", "a", "as", "be", "could", "out", "well", "i"})
CONTENT_WORDS = inflections({"vow", "say", "poll", "show", "deny", "call"})  # the forms pipeline.normalise passes
STORY = " ".join(["The senator spoke to voters in a packed hall on the edge of town."] * 5)


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "Sanders Vows To Fight On\nBernie Sanders spoke.",
            "Sanders vows to Fight on\nBernie Sanders spoke.",
            id="cue-verb-and-function-words",
        ),
        pytest.param("New Poll Shows Clinton Ahead", "New poll shows Clinton Ahead", id="inflected-lexicon-words"),
        pytest.param(
            "Minister Denies Trade Deal, Aides Say", "Minister denies Trade Deal, Aides say", id="ies-and-say"
        ),
        pytest.param("Wells Fargo Chief Calls It Off", "Wells Fargo Chief calls It off", id="wells-is-not-well"),
        pytest.param(
            "Rip Lawmakers As A Fraud, Says I", "Rip Lawmakers as a Fraud, says I", id="article-a-not-pronoun-i"
        ),
        pytest.param(
            "Staples Weighs Sale: \u2018To Be Decided\u2019",
            "Staples Weighs Sale: \u2018To be Decided\u2019",
            id="quotation-opener-kept",
        ),
        pytest.param(
            "Storm Knocks Out Power To 200,000 Homes\nOn the coast, Power To Go was out.",
            "Storm Knocks out Power To 200,000 Homes\nOn the coast, Power To Go was out.",
            id="prose-lines-untouched-and-their-capitals-are-names",
        ),
        pytest.param(
            "The mayor said on Monday that the vote was close.",
            "The mayor said on Monday that the vote was close.",
            id="sentence-case-line-untouched",
        ),
        pytest.param(
            f"Senator Speaks To Voters Amid Uproar\n{STORY}",
            f"Senator speaks to voters amid uproar\n{STORY}",
            id="words-the-story-never-uses-or-writes-lower-case",
        ),
        pytest.param(
            f"Senator Speaks To Voters\nBy Priya Nair And Sam Hill\nPublished November 18, 2024\n{STORY}",
            f"Senator speaks to voters\nBy Priya Nair And Sam Hill\nPublished November 18, 2024\n{STORY}",
            id="bylines-and-calendar-words-keep-their-capitals",
        ),
        pytest.param(
            "Warren Speaks To Voters Amid Uproar\nThe senator, Warren, is a voter.",
            "Warren Speaks to Voters Amid Uproar\nThe senator, Warren, is a voter.",
            id="short-story-only-known-words",
        ),
        pytest.param(
            "Call To Arms For Voters\nThe party called on Call and Voters to act.",
            "Call to Arms for Voters\nThe party called on Call and Voters to act.",
            id="names-in-the-story-kept",
        ),
    ],
)
def test_segment_soften_title_case(text: str, expected: str) -> None:
    softened = segment.soften_title_case(text, FUNCTION_WORDS, CONTENT_WORDS)
    assert softened == expected
    assert len(softened) == len(text)


def _quote_spans(text: str, *parts: tuple[str, int]) -> list[tuple[int, int, int]]:
    """(fragment, quote_id) -> (start, end, quote_id) located in text, in order."""
    out, after = [], 0
    for fragment, quote_id in parts:
        start = text.index(fragment, after)
        out.append((start, start + len(fragment), quote_id))
        after = start + len(fragment)
    return out


@pytest.mark.parametrize(
    "text, parts",
    [
        pytest.param('He said "yes" today.', [('"yes"', 0)], id="one-quote"),
        pytest.param('"A," she said, "B."', [('"A,"', 0), ('"B."', 1)], id="two-quotes-one-paragraph"),
        pytest.param("\u201cYes,\u201d she said.", [("\u201cYes,\u201d", 0)], id="curly-marks"),
        pytest.param(
            '"We will rebuild.\n"Nobody is leaving," she said.',
            [('"We will rebuild.', 0), ('"Nobody is leaving,"', 0)],
            id="multi-paragraph-continued",
        ),
        pytest.param(
            '"One.\n"Two.\n"Three," she said.',
            [('"One.', 0), ('"Two.', 0), ('"Three,"', 0)],
            id="three-paragraph-quote",
        ),
        pytest.param(
            '"Unclosed here.\nThen narration, and "a new one".',
            [('"Unclosed here.', 0), ('"a new one"', 1)],
            id="unclosed-then-new-quote",
        ),
        pytest.param(
            '"Closed," she said.\n"New quote."',
            [('"Closed,"', 0), ('"New quote."', 1)],
            id="closed-paragraph-then-new-quote",
        ),
        pytest.param(
            "``We are ready,'' the coach said. ``Bring it on.''",
            [("``We are ready,''", 0), ("``Bring it on.''", 1)],
            id="typewriter-pair-opens-and-closes",
        ),
        pytest.param(
            "The mayor called it ''a disgrace.'' She left.",
            [("''a disgrace.''", 0)],
            id="two-apostrophes-open-and-close",
        ),
        pytest.param(
            "The union's ``offer is final,'' she said.",
            [("``offer is final,''", 0)],
            id="typewriter-pair-after-a-possessive",
        ),
        pytest.param(
            "``Never closed, then ``a new one'' began.",
            [("``Never closed, then ", 0), ("``a new one''", 1)],
            id="typewriter-opening-while-open-starts-a-new-quotation",
        ),
        pytest.param(
            "\"We will not close the line,'' she said.",
            [("\"We will not close the line,''", 0)],
            id="straight-opening-two-apostrophes-closing",
        ),
        pytest.param(
            "It's rock 'n' roll, the players' union said of the '90s revival.",
            [],
            id="apostrophes-are-no-quotation",
        ),
    ],
)
def test_segment_quotations(text: str, parts: list[tuple[str, int]]) -> None:
    assert segment.quotations(text) == _quote_spans(text, *parts)


@pytest.mark.parametrize(
    "text, start, end, share, quote_id",
    [
        pytest.param('"We will rebuild," she said.', 0, 28, 0.6667, 0, id="mostly-quoted"),
        pytest.param("No quotes at all.", 0, 17, 0.0, None, id="unquoted"),
        pytest.param('"All of it."', 0, 12, 1.0, 0, id="whole"),
    ],
)
def test_segment_quoted_share(text: str, start: int, end: int, share: float, quote_id: int | None) -> None:
    assert segment.quoted_share(segment.quotations(text), start, end, text) == (share, quote_id)


def test_segment_quotation_at_names_the_enclosing_quotation() -> None:
    text = '"One. Two," she said. "Three."'
    spans = segment.quotations(text)
    assert [segment.quotation_at(spans, text.index(w)) for w in ("Two", "she", "Three")] == [0, None, 1]


def test_segment_in_quotation_is_strict() -> None:
    text = 'He said "yes" today.'
    spans = segment.quotations(text)
    assert [segment.in_quotation(spans, i) for i in (8, 9, 12, 13)] == [False, True, True, False]


# -- classify.py on hand-made records --------------------------------------------------------------
class Article:
    """Builds SentenceEvidence records over one article text, sentence by sentence."""

    def __init__(self) -> None:
        self.text = ""
        self.records: list[SentenceEvidence] = []

    def span(self, fragment: str, start: int) -> Span:
        at = self.text.index(fragment, start)
        return Span(at, at + len(fragment), fragment)

    def sentence(
        self,
        sentence: str,
        *,
        attributions: tuple[dict[str, Any], ...] = (),
        mentions: tuple[tuple[str, str, str, bool], ...] = (),
        sep: str = " ",
        block: str = "paragraph",
        **fields: Any,
    ) -> None:
        """Append a sentence; `attributions` and `mentions` name fragments of it; `fields` go to the record."""
        if self.text:
            self.text += sep
        start = len(self.text)
        self.text += sentence
        built = tuple(self.attribution(start, **a) for a in attributions)
        found = tuple(Mention(self.span(m[0], start), m[1], m[2], _facts(m[0], m[3])) for m in mentions)
        self.records.append(
            SentenceEvidence(
                span=Span(start, len(self.text), sentence), block=block, attributions=built, mentions=found, **fields
            )
        )

    def attribution(
        self,
        start: int,
        *,
        cue: str,
        source: str | None,
        label: str,
        source_rule: str,
        role: str = "main",
        rule_id: str = "speech-verb-subject",
        recipient: str | None = None,
        content: str | None = None,
        plural: bool = False,
    ) -> Attribution:
        cue_span = self.span(cue, start)
        return Attribution(
            rule_id=rule_id,
            label=label,
            cue=cue_span,
            source=self.span(source, start) if source else None,
            source_rule=source_rule,
            role=role,
            content=self.span(content, start) if content else None,
            recipient=self.span(recipient, start) if recipient else None,
            message=f"{source!r} is the subject of {cue!r}" if source else f"{cue!r} names no source",
            source_head=_facts(source, plural) if source else None,
        )

    def classify(self) -> tuple[Any, ...]:
        return classify(
            self.records, lambda offset: (1, offset + 1), ("speech-verb-subject", "according-to", "declined-to-comment")
        )


def _facts(text: str, plural: bool) -> HeadFacts:
    """What the parse would record for a hand-built source whose head is its last word."""
    word = text.split()[-1].lower()
    return HeadFacts(word, Number.PLURAL if plural else Number.SINGULAR, "", word)


def _said(source: str, label: str, source_rule: str, cue: str = "said", **extra: Any) -> dict[str, Any]:
    return {"cue": cue, "source": source, "label": label, "source_rule": source_rule, **extra}


def _pronoun(pronoun: str, cue: str, plural: bool | None = None) -> dict[str, Any]:
    plural = pronoun.lower() in ("they", "them", "their") if plural is None else plural
    return {"cue": cue, "source": pronoun, "label": "", "source_rule": "source.back-reference", "plural": plural}


def _back_reference_they() -> Article:
    art = Article()
    art.sentence(
        "Officials said Mayor Ana Ruiz would resign.",
        attributions=(_said("Officials", "anonymous", "source.vague-collective", plural=True),),
        mentions=(("Mayor Ana Ruiz", "person", "named", False),),
    )
    art.sentence("They also mentioned that talks stalled.", attributions=(_pronoun("They", "mentioned"),))
    return art


def _back_reference_he_recent() -> Article:
    art = Article()
    art.sentence("Mayor Ana Ruiz spoke first.", mentions=(("Mayor Ana Ruiz", "person", "named", False),))
    art.sentence(
        "A city official said the plan would cost more.",
        attributions=(_said("A city official", "anonymous", "source.anonymous-descriptor"),),
    )
    art.sentence("He added that the state had not paid.", attributions=(_pronoun("He", "added"),))
    return art


def _back_reference_he_skips_plural() -> Article:
    art = Article()
    art.sentence(
        "Mayor Ana Ruiz said the city would rebuild.",
        attributions=(_said("Mayor Ana Ruiz", "named", "source.person-name"),),
        mentions=(("Mayor Ana Ruiz", "person", "named", False),),
    )
    art.sentence(
        "Officials said talks stalled.",
        attributions=(_said("Officials", "anonymous", "source.vague-collective", plural=True),),
    )
    art.sentence("He added that the state had not paid.", attributions=(_pronoun("He", "added"),))
    return art


def _back_reference_it_body() -> Article:
    art = Article()
    art.sentence(
        "The Pentagon said the tests worked.",
        attributions=(_said("The Pentagon", "named", "source.named-body"),),
        mentions=(("Pentagon", "body", "named", False),),
    )
    art.sentence(
        "Two officials said the tests were delayed.",
        attributions=(_said("Two officials", "anonymous", "source.anonymous-descriptor", plural=True),),
    )
    art.sentence("It added that more tests are planned.", attributions=(_pronoun("It", "added"),))
    return art


def _back_reference_they_skips_place() -> Article:
    art = Article()
    art.sentence(
        "The Riverton Tenants Union studied rents in Chicago.",
        mentions=(("The Riverton Tenants Union", "body", "named", False), ("Chicago", "place", "named", False)),
    )
    art.sentence("They found that rents rose 12 percent.", attributions=(_pronoun("They", "found"),))
    return art


def _back_reference_definite_plural() -> Article:
    art = Article()
    art.sentence("Shell and BP announced the merger.", mentions=(("Shell and BP", "body", "named", True),))
    art.sentence("Mayor Ana Ruiz praised it.", mentions=(("Mayor Ana Ruiz", "person", "named", False),))
    art.sentence(
        "The deal will close in May, the companies said.",
        attributions=(_pronoun("the companies", "said", plural=True),),
    )
    return art


def test_classify_unresolved_definite_plural_is_taken_as_named_bodies() -> None:
    art = Article()
    art.sentence("The deal will close in May, the companies said.", attributions=(_pronoun("the companies", "said"),))
    (result,) = art.classify()
    assert result.label == "named"
    assert "taken as the named bodies it describes" in result.why


def _back_reference_it_place() -> Article:
    art = Article()
    art.sentence(
        "Officials in Russia said the drones were shot down.",
        attributions=(_said("Officials", "anonymous", "source.vague-collective", plural=True),),
        mentions=(("Russia", "place", "named", False),),
    )
    art.sentence("It added that the strikes would continue.", attributions=(_pronoun("It", "added"),))
    return art


@pytest.mark.parametrize(
    "build, label, refers_to, antecedent",
    [
        pytest.param(_back_reference_they_skips_place, "named", 0, "The Riverton Tenants Union", id="they-skips-place"),
        pytest.param(_back_reference_it_place, "named", 0, "Russia", id="it-place-as-government"),
        pytest.param(_back_reference_they, "anonymous", 0, "Officials", id="they-plural-officials"),
        pytest.param(_back_reference_he_recent, "anonymous", 1, "A city official", id="he-most-recent-singular"),
        pytest.param(_back_reference_he_skips_plural, "named", 0, "Mayor Ana Ruiz", id="he-skips-plural-officials"),
        pytest.param(_back_reference_it_body, "named", 0, "Pentagon", id="it-body-not-people"),
        pytest.param(_back_reference_definite_plural, "named", 0, "Shell and BP", id="the-companies-prefer-plural"),
    ],
)
def test_classify_pronoun_back_reference(build: Any, label: str, refers_to: int, antecedent: str) -> None:
    results = build().classify()
    last = results[-1]
    assert last.label == label
    assert last.primary is not None and last.primary.refers_to == refers_to
    assert f"refers back to {antecedent!r}" in last.why


def _quote_forward() -> Article:
    art = Article()
    art.sentence('"The storm took everything.', quoted=1.0, quote_id=0)
    art.sentence(
        'We will rebuild," Ruiz said.',
        quoted=0.6,
        quote_id=0,
        attributions=(_said("Ruiz", "named", "source.person-name"),),
    )
    return art


def _quote_backward() -> Article:
    art = Article()
    art.sentence(
        '"We will rebuild," Ruiz said, "and we will do it together.',
        quoted=0.75,
        quote_id=0,
        attributions=(_said("Ruiz", "named", "source.person-name"),),
    )
    art.sentence('Nobody is leaving."', quoted=1.0, quote_id=0)
    return art


def _quote_multi_paragraph() -> Article:
    art = Article()
    art.sentence(
        '"We will rebuild," Ruiz said.',
        quoted=0.6,
        quote_id=0,
        attributions=(_said("Ruiz", "named", "source.person-name"),),
    )
    art.sentence('"This city has been through worse.', sep="\n", quoted=1.0, quote_id=1)
    art.sentence('"It always comes back."', sep="\n", quoted=1.0, quote_id=1)
    return art


def _quote_then_new_paragraph_with_own_content() -> Article:
    # Mirrors tests/golden/cases/council-transit-quote.txt: the next paragraph's
    # own attribution (with its own content) is not the speaker of the quote.
    art = Article()
    art.sentence(
        '"We need more time," Mayor Ana Ruiz said.',
        quoted=0.55,
        quote_id=0,
        attributions=(_said("Mayor Ana Ruiz", "named", "source.person-name"),),
    )
    art.sentence('"Nobody wants to rush."', quoted=1.0, quote_id=1)
    art.sentence(
        "A city official said the line would cost $40 million.",
        sep="\n",
        follows_quote=True,
        attributions=(
            _said(
                "A city official", "anonymous", "source.anonymous-descriptor", content="the line would cost $40 million"
            ),
        ),
    )
    return art


def _quote_forward_pronoun() -> Article:
    art = Article()
    art.sentence("Union leader Rosa Diaz spoke at the rally.", mentions=(("Rosa Diaz", "person", "named", False),))
    art.sentence('"Nobody is writing songs for the mayor.', quoted=1.0, quote_id=0)
    art.sentence('He has nobody like that," she said.', quoted=0.7, quote_id=0, attributions=(_pronoun("she", "said"),))
    return art


def _quote_tail_mostly_attribution() -> Article:
    # The closing sentence is mostly attribution (quoted < 0.5) but still the tail of quote 0.
    art = Article()
    art.sentence('"He would be a great senator.', quoted=1.0, quote_id=0)
    art.sentence(
        'Truly great," Rep. Elijah Carter of Maryland said in a phone interview on Monday.',
        quoted=0.2,
        quote_id=0,
        attributions=(_said("Rep. Elijah Carter", "named", "source.person-name"),),
    )
    return art


@pytest.mark.parametrize(
    "build, index, label, speaker",
    [
        pytest.param(_quote_forward, 0, "named", "Ruiz", id="speaker-later-in-same-quote"),
        pytest.param(_quote_forward_pronoun, 1, "named", "she", id="pronoun-speaker-later-in-same-quote"),
        pytest.param(_quote_tail_mostly_attribution, 0, "named", "Rep. Elijah Carter", id="speaker-in-quote-tail"),
        pytest.param(_quote_backward, 1, "named", "Ruiz", id="speaker-earlier-in-same-quote"),
        pytest.param(_quote_multi_paragraph, 2, "named", "Ruiz", id="multi-paragraph-continuation"),
        pytest.param(
            _quote_then_new_paragraph_with_own_content,
            1,
            "named",
            "Mayor Ana Ruiz",
            id="not-the-next-paragraphs-speaker",
        ),
    ],
)
def test_classify_quote_continuation(build: Any, index: int, label: str, speaker: str) -> None:
    results = build().classify()
    result = results[index]
    assert result.label == label, result.why
    assert result.primary is not None and result.primary.rule_id == "quote-continuation"
    assert _text(result.primary.source) == speaker
    assert result.primary.refers_to is not None and result.primary.refers_to != index


def test_classify_unquoted_sentence_does_not_continue_a_quote() -> None:
    art = Article()
    art.sentence(
        "Mayor Ana Ruiz said the city would rebuild.",
        attributions=(_said("Mayor Ana Ruiz", "named", "source.person-name"),),
    )
    art.sentence("The storm destroyed 40 homes.")
    results = art.classify()
    assert [r.label for r in results] == ["named", "unattributed"]
    assert results[1].why == "unattributed: no attribution cue in this sentence"


@pytest.mark.parametrize("block, first", [("caption", "anonymous"), ("credit", "unattributed")])
def test_classify_caption_blocks_are_unattributed(block: str, first: str) -> None:
    """A credit is furniture whatever it says; a caption that attributes a claim takes that
    attribution (LABELS.md), and one that sources nothing is furniture."""
    art = Article()
    art.sentence(
        "A U.S. official told NPR the missiles were moved. hide caption",
        block=block,
        attributions=(_said("A U.S. official", "anonymous", "source.anonymous-descriptor", cue="told"),),
    )
    art.sentence(
        "NPR's Tom Bowman contributed reporting.", block=block, mentions=(("Tom Bowman", "person", "named", False),)
    )
    results = art.classify()
    assert [r.label for r in results] == [first, "unattributed"]
    furniture = results[1:] if block == "caption" else results
    assert all(r.why.startswith(f"unattributed: page furniture ({block})") for r in furniture)


@pytest.mark.parametrize(
    "attributions, label, fragments",
    [
        pytest.param(
            (_said("Trump", "named", "source.person-name", cue="has promised", role="modifier"),),
            "unattributed",
            ["unattributed:", "the only cue, 'has promised'", "describes a participant", "(speech-verb-subject)"],
            id="modifier-only-cue",
        ),
        pytest.param(
            (_said("A U.S. official", "anonymous", "source.anonymous-descriptor", cue="told", role="nested"),),
            "unattributed",
            ["unattributed:", "'told'", "nested"],
            id="nested-only-cue",
        ),
        pytest.param(
            (_said("A U.S. official", "anonymous", "source.anonymous-descriptor", cue="told", recipient="NPR"),),
            "anonymous",
            [
                "anonymous:",
                "'A U.S. official'",
                "(speech-verb-subject; source.anonymous-descriptor)",
                "'NPR' is the recipient, not the source",
            ],
            id="recipient-named-in-why",
        ),
        pytest.param(
            (
                _said("Trump", "named", "source.person-name", cue="has promised", role="modifier"),
                _said("A U.S. official", "anonymous", "source.anonymous-descriptor", cue="told"),
            ),
            "anonymous",
            ["anonymous:", "'A U.S. official'"],
            id="main-beats-modifier",
        ),
        pytest.param((), "unattributed", ["unattributed: no attribution cue"], id="no-cue"),
    ],
)
def test_classify_why_line(attributions: tuple[dict[str, Any], ...], label: str, fragments: list[str]) -> None:
    art = Article()
    art.sentence(
        "A U.S. official told NPR that Trump, who has promised to cut aid, will return.", attributions=attributions
    )
    (result,) = art.classify()
    assert result.label == label
    for fragment in fragments:
        assert fragment in result.why, f"{fragment!r} not in {result.why!r}"
    assert "\n" not in result.why
    if label == "unattributed":
        assert result.primary is None
        assert len(result.others) == len(attributions)


# -- facts from the parse: the source head's lemma, number and determiner ------------------------
OFFICIALS_SAID = (
    "Officials said the plan failed.",
    """
Officials  official  NNS  NOUN   nsubj  1
said       say       VBD  VERB   ROOT   1
the        the       DT   DET    det    3
plan       plan      NN   NOUN   nsubj  4
failed     fail      VBD  VERB   ccomp  1
.          .         .    PUNCT  punct  1
""",
)

STAFF_SAID = (
    "Staff said the ward was full.",
    """
Staff  staff  NN   NOUN   nsubj  1
said   say    VBD  VERB   ROOT   1
the    the    DT   DET    det    3
ward   ward   NN   NOUN   nsubj  4
was    be     VBD  AUX    ccomp  1
full   full   JJ   ADJ    acomp  4
.      .      .    PUNCT  punct  1
""",
)

ANOTHER_SOURCE_SAID = (
    "Another source said the talks stalled.",
    """
Another  another  DT   DET    det    1
source   source   NN   NOUN   nsubj  2
said     say      VBD  VERB   ROOT   2
the      the      DT   DET    det    4
talks    talk     NNS  NOUN   nsubj  5
stalled  stall    VBD  VERB   ccomp  2
.        .        .    PUNCT  punct  2
""",
)

TWO_RESIDENTS_SAID = (
    "Two residents said the water rose.",
    """
Two        two       CD   NUM    nummod  1
residents  resident  NNS  NOUN   nsubj   2
said       say       VBD  VERB   ROOT    2
the        the       DT   DET    det     4
water      water     NN   NOUN   nsubj   5
rose       rise      VBD  VERB   ccomp   2
.          .         .    PUNCT  punct   2
""",
)

HIS_SPOKESMAN_SAID = (
    "His spokesman said the report was false.",
    """
His        his        PRP$  PRON   poss   1
spokesman  spokesman  NN    NOUN   nsubj  2
said       say        VBD   VERB   ROOT   2
the        the        DT    DET    det    4
report     report     NN    NOUN   nsubj  5
was        be         VBD   AUX    ccomp  2
false      false      JJ    ADJ    acomp  5
.          .          .     PUNCT  punct  2
""",
)

ONE_OF_THE_OFFICIALS_SAID = (
    "One of the officials said the plan failed.",
    """
One        one       CD   NUM    nsubj  4
of         of        IN   ADP    prep   0
the        the       DT   DET    det    3
officials  official  NNS  NOUN   pobj   1
said       say       VBD  VERB   ROOT   4
the        the       DT   DET    det    6
plan       plan      NN   NOUN   nsubj  7
failed     fail      VBD  VERB   ccomp  4
.          .         .    PUNCT  punct  4
""",
)

POLICE_SAID = (
    "Police said the road was closed.",
    """
Police  police  NN   NOUN   nsubj      1
said    say     VBD  VERB   ROOT       1
the     the     DT   DET    det        3
road    road    NN   NOUN   nsubjpass  5
was     be      VBD  AUX    auxpass    5
closed  close   VBN  VERB   ccomp      1
.       .       .    PUNCT  punct      1
""",
)


def _source_head(evidence: list[SentenceEvidence]) -> HeadFacts | None:
    [sentence] = evidence
    [attribution] = [a for a in sentence.attributions if a.source is not None]
    return attribution.source_head


@pytest.mark.parametrize(
    "parse, facts",
    [
        pytest.param(OFFICIALS_SAID, HeadFacts("official", Number.PLURAL, "", "officials"), id="bare-plural"),
        pytest.param(
            TRAILING_OFFICIAL_SAID, HeadFacts("official", Number.SINGULAR, "the", "official"), id="definite-singular"
        ),
        pytest.param(STAFF_SAID, HeadFacts("staff", Number.SINGULAR, "", "staff"), id="mass-noun-is-singular"),
        pytest.param(ANOTHER_SOURCE_SAID, HeadFacts("source", Number.SINGULAR, "another", "source"), id="det-another"),
        pytest.param(
            TWO_RESIDENTS_SAID, HeadFacts("resident", Number.PLURAL, "two", "residents"), id="number-determines"
        ),
        pytest.param(HIS_SPOKESMAN_SAID, HeadFacts("spokesman", Number.SINGULAR, "his", "spokesman"), id="possessive"),
        pytest.param(
            ONE_OF_THE_OFFICIALS_SAID,
            HeadFacts("official", Number.PLURAL, "one", "officials"),
            id="partitive-is-about-the-group",
        ),
        pytest.param(
            OFFICIAL_TOLD_NPR, HeadFacts("official", Number.SINGULAR, "a", "official"), id="indefinite-with-compound"
        ),
    ],
)
def test_component_source_head_facts(blank: Any, parse: tuple[str, str], facts: HeadFacts) -> None:
    _, evidence = run(blank, *parse)
    assert _source_head(evidence) == facts


def test_component_source_number_reads_the_morphology_before_the_tag(blank: Any) -> None:
    """ "Police" tagged NN with Number=Plur is plural: the morphology wins."""
    _, tagged = run(blank, *POLICE_SAID)
    _, analysed = run(blank, *POLICE_SAID, morphs={0: "Number=Plur"})
    assert _source_head(tagged) == HeadFacts("police", Number.SINGULAR, "", "police")
    assert _source_head(analysed) == HeadFacts("police", Number.PLURAL, "", "police")


def test_component_source_facts_survive_json_and_pickle(blank: Any) -> None:
    """The facts are plain values: they round-trip through Doc.to_json/from_json, to_dict and pickle."""
    import pickle

    nlp, comp = blank
    doc = make_doc(nlp, *TWO_RESIDENTS_SAID)
    restored = comp(Doc(nlp.vocab).from_json(doc.to_json()))
    [sentence] = [attrib.engine.component.evidence(s) for s in restored.sents]
    assert _source_head([sentence]) == HeadFacts("resident", Number.PLURAL, "two", "residents")
    assert SentenceEvidence.from_dict(sentence.to_dict()) == sentence
    assert pickle.loads(pickle.dumps(sentence)) == sentence


A_NUMBER_OF_EXPERTS_SAID = (
    "A number of tax experts said the rule was unclear.",
    """
A        a        DT   DET    det       1
number   number   NN   NOUN   nsubj     5
of       of       IN   ADP    prep      1
tax      tax      NN   NOUN   compound  4
experts  expert   NNS  NOUN   pobj      2
said     say      VBD  VERB   ROOT      5
the      the      DT   DET    det       7
rule     rule     NN   NOUN   nsubj     8
was      be       VBD  AUX    ccomp     5
unclear  unclear  JJ   ADJ    acomp     8
.        .        .    PUNCT  punct     5
""",
)

LEADERS_OF_THE_UNIONS_SAID = (
    "Leaders of the unions said the deal was close.",
    """
Leaders  leader  NNS  NOUN   nsubj  4
of       of      IN   ADP    prep   0
the      the     DT   DET    det    3
unions   union   NNS  NOUN   pobj   1
said     say     VBD  VERB   ROOT   4
the      the     DT   DET    det    6
deal     deal    NN   NOUN   nsubj  7
was      be      VBD  AUX    ccomp  4
close    close   JJ   ADJ    acomp  7
.        .       .    PUNCT  punct  4
""",
)


@pytest.mark.parametrize(
    "parse, facts",
    [
        pytest.param(
            A_NUMBER_OF_EXPERTS_SAID,
            HeadFacts("expert", Number.PLURAL, "number", "experts"),
            id="quantity-noun-counts-the-people",
        ),
        pytest.param(
            LEADERS_OF_THE_UNIONS_SAID, HeadFacts("leader", Number.PLURAL, "", "leaders"), id="a-leader-is-not-a-count"
        ),
    ],
)
def test_component_quantity_nouns_are_partitives(blank: Any, parse: tuple[str, str], facts: HeadFacts) -> None:
    _, evidence = run(blank, *parse)
    assert _source_head(evidence) == facts


@pytest.mark.model
def test_component_plural_proper_noun_gets_the_common_noun_lemma(nlp: Any) -> None:
    """The model leaves "Americans" (NNPS) as written; the lemmatizer's noun rules give "american"."""
    doc = nlp.get_pipe("attrib")(
        Doc(
            nlp.vocab,
            words=["Americans", "said", "it", "."],
            spaces=[True, True, False, False],
            tags=["NNPS", "VBD", "PRP", "."],
            pos=["PROPN", "VERB", "PRON", "PUNCT"],
            deps=["nsubj", "ROOT", "dobj", "punct"],
            heads=[1, 1, 1, 1],
            lemmas=["Americans", "say", "it", "."],
            morphs=["Number=Plur", "", "", ""],
            sent_starts=[True, False, False, False],
        )
    )
    heads = [a.source_head for s in doc.sents for a in attrib.engine.component.evidence(s).attributions]
    assert HeadFacts("american", Number.PLURAL, "", "americans") in heads


@pytest.mark.parametrize(
    "text, quoted",
    [
        pytest.param("``Ed did it,'' a source said.", ["``Ed did it,''"], id="typewriter-pair"),
        pytest.param("''Ed did it,'' she said. ''Go.''", ["''Ed did it,''", "''Go.''"], id="two-apostrophe-pairs"),
        pytest.param("\"Ed did it,'' she said.", ["\"Ed did it,''"], id="straight-opening-two-apostrophes-closing"),
        pytest.param("\u201cEd did it,\u201d she said.", ["\u201cEd did it,\u201d"], id="curly"),
        pytest.param("The players' union played rock 'n' roll.", [], id="apostrophes"),
    ],
)
def test_register_quoted_regions_read_archive_marks(text: str, quoted: list[str]) -> None:
    from attrib.audit.register import QUOTE_PAIRS, quoted_regions

    assert [text[a:b] for a, b in quoted_regions(text)] == quoted
    assert [m.group() for m in QUOTE_PAIRS.finditer(text)] == quoted
