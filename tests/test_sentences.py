"""The sentence table: (text, label, rule id, cue) per LABELS.md, run through the real model.

The cases live in sentence_cases.py; each is about the LAST sentence of its
text. A case states what LABELS.md requires, not what the engine happens to do.
"""

from __future__ import annotations

import pytest
from sentence_cases import CASES

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text, label, rule_id, cue", CASES)
def test_sentences_label_rule_and_cue(text: str, label: str, rule_id: str, cue: str) -> None:
    from attrib.pipeline import audit_text

    last = audit_text(text).sentences[-1]
    primary = last.primary
    found = (
        f"label={last.label} rule={primary.rule_id if primary else None} cue={primary.cue.text if primary else None!r}"
    )
    assert last.label == label, f"{last.span.text!r}: {found}; why: {last.why}"
    if rule_id:
        assert primary is not None and primary.rule_id == rule_id, f"{last.span.text!r}: {found}"
        assert cue in primary.cue.text or primary.cue.text in cue, f"{last.span.text!r}: {found}"
    elif label == "unattributed":
        # plain narration: nothing may win, not even a weasel cue
        assert primary is None or primary.source is None, found


@pytest.mark.parametrize(
    "text, label",
    [
        pytest.param(
            '"He would be a great senator. Not good, great. One of the brightest members of the whole '
            'Congress," Rep. Elijah Carter of Maryland said in a phone interview on Monday.',
            "named",
            id="speaker-after-a-quote-tail-that-is-mostly-attribution",
        ),
        pytest.param(
            'Union leader Rosa Diaz spoke at the rally on Friday. "Nobody is writing songs for the mayor. '
            'He has nobody like that," she said.',
            "named",
            id="pronoun-speaker-later-in-the-quote",
        ),
    ],
)
def test_sentences_quote_opening_takes_the_later_speaker(text: str, label: str) -> None:
    """The opening sentences of a quotation take the speaker named at its end."""
    from attrib.pipeline import audit_text

    quoted = [s for s in audit_text(text).sentences if s.span.text.startswith('"')]
    assert quoted, "no sentence opens the quotation"
    for sentence in quoted:
        assert sentence.label == label, sentence.why
        assert sentence.primary is not None and sentence.primary.rule_id == "quote-continuation", sentence.why


@pytest.mark.parametrize(
    "text, antecedent",
    [
        pytest.param(
            "The Riverton Tenants Union counted evictions in Chicago last year. They found that "
            "evictions rose by a third.",
            "The Riverton Tenants Union",
            id="they-is-not-a-place",
        ),
        pytest.param(
            "Russia launched 40 drones overnight, Ukraine's air force said. It added that most were shot down.",
            "Ukraine's air force",
            id="it-is-the-last-speaker-body",
        ),
    ],
)
def test_sentences_pronoun_antecedent(text: str, antecedent: str) -> None:
    """A pronoun source resolves to a compatible earlier mention, and the why line names it."""
    from attrib.pipeline import audit_text

    last = audit_text(text).sentences[-1]
    assert last.primary is not None and last.primary.antecedent is not None, last.why
    assert last.primary.antecedent.text == antecedent, last.why


@pytest.mark.parametrize(
    "text, label",
    [
        pytest.param(
            "Two brothers who lost their shop in the fire say the insurer has refused to pay. "
            '"We have nothing left," said Ravi Patel, 52. His brother Sunil Patel, 49, said the claim had '
            "dragged on for a year.",
            "named",
            id="local-two-brothers-both-named",
        ),
        pytest.param(
            "Two sisters who ran the cafe for 30 years say the council forced them out. "
            '"We had no choice," said Amy Cole, 61. Cole said the rent had tripled since 2020.',
            "anonymous",
            id="local-one-person-named-twice-is-one-name",
        ),
        pytest.param(
            "Three mothers whose sons were stabbed in the city this year have called for knife arches in "
            'schools. "No parent should bury a child," said Denise Ward. Kemi Adeyemi said the council had '
            "ignored a petition signed by 4,000 people.",
            "named",
            id="uk-press-three-mothers-two-named",
        ),
        pytest.param(
            "Two Olympic champions have told the BBC they were paid less than male team-mates. Sprinter "
            "Lena Fox said the gap was 40 percent. Rower Mia Holt said she had raised it with the "
            "federation twice.",
            "named",
            id="sports-two-champions-then-named",
        ),
        pytest.param(
            "Two people familiar with the talks said the merger was close. Chief Executive Anna Berg said "
            "the board would meet on Friday. Chairman Tom Reed declined to comment.",
            "anonymous",
            id="wire-people-familiar-stay-anonymous-whoever-is-named",
        ),
        pytest.param(
            "Patients face long waits. Two patients at the clinic said they had waited a year for surgery. "
            "The clinic's director, Dr Omar Said, said demand had doubled. Health minister Jane Roe said "
            "more money was on the way.",
            "named",
            id="health-lead-after-headline",
        ),
        pytest.param(
            "Dr Omar Said runs the clinic. Two patients at the clinic said they had waited a year for "
            "surgery. Dr Said said demand had doubled. Health minister Jane Roe said money was on the way.",
            "anonymous",
            id="health-one-of-the-names-came-before-the-lead",
        ),
    ],
)
def test_sentences_lead_pointing_forward(text: str, label: str) -> None:
    """LABELS.md: a lead that points forward to people named later ("Two families who fled the
    city have said ...", then both are named) is named; the case is about the lead, the
    article's first attributed sentence."""
    from attrib.pipeline import audit_text

    sentences = audit_text(text).sentences
    lead = next(s for s in sentences if s.primary is not None)
    assert lead.label == label, f"{lead.span.text!r}: {lead.why}"


@pytest.mark.parametrize(
    "text, first, label",
    [
        pytest.param(
            '"It was chaos." "People were running everywhere," said Tom Ellis, who was in the stand.',
            0,
            "named",
            id="sports-bare-quote-then-tagged-quote",
        ),
        pytest.param(
            'The crowd surged forward. "It was chaos. Nobody knew where to go." "People were running '
            'everywhere," said Tom Ellis.',
            1,
            "named",
            id="local-two-sentence-quote-then-tagged-quote",
        ),
        pytest.param(
            "'It's heartbreaking.' 'She was the life and soul of the street,' a neighbour told the Mirror.",
            0,
            "anonymous",
            id="tabloid-single-marks-anonymous-speaker",
        ),
        pytest.param(
            '"Sales were strong." "We expect the second half to be even better," Chief Executive Anna Berg '
            "said on a call with analysts.",
            0,
            "named",
            id="business-tag-after-second-quote",
        ),
        pytest.param(
            'Mayor Jane Roe spoke at the rally. "Enough is enough." "We will not be silenced," she said.',
            1,
            "named",
            id="politics-pronoun-tag-after-second-quote",
        ),
        pytest.param(
            '"Enough is enough." That was the message from thousands of marchers in London on Saturday.',
            0,
            "unattributed",
            id="narration-after-a-bare-quote-tags-nobody",
        ),
        pytest.param(
            '"Enough is enough."\n\n"We will march again," said organiser Jo Price.',
            0,
            "unattributed",
            id="a-new-paragraph-breaks-the-run",
        ),
        pytest.param(
            'Protesters gathered outside the town hall. "Enough is enough." Police said the march was peaceful.',
            1,
            "unattributed",
            id="a-reported-sentence-after-the-quote-is-no-tag",
        ),
    ],
)
def test_sentences_quote_run_takes_the_tag_that_follows(text: str, first: int, label: str) -> None:
    """A bare quotation followed, in the same paragraph, by another that tags its speaker after it
    ('"A." "B," said Jones.') is the tagged speaker's: a run of quotes is one speaker's."""
    from attrib.pipeline import audit_text

    sentence = audit_text(text).sentences[first]
    assert sentence.label == label, f"{sentence.span.text!r}: {sentence.why}"
    if label != "unattributed":
        assert sentence.primary is not None and sentence.primary.rule_id == "quote-continuation", sentence.why


@pytest.mark.parametrize(
    "text, speaker",
    [
        pytest.param(
            'Mr. Hale was furious. "It\'s a disgrace," he said. "They\'ve let the fans down." '
            "The club's owners didn't respond.",
            "he",
            id="sports-did-not-respond",
        ),
        pytest.param(
            'Residents packed the hall. "We were never consulted," said Maria Kent, who lives on the estate. '
            '"Not once." A council spokesman declined to comment.',
            "Maria Kent",
            id="local-declined-to-comment",
        ),
        pytest.param(
            'Shares fell 9 percent. "The quarter was hard," Ann Lee, the chief executive, told analysts. '
            '"We expect better." Rival Northbank did not reply to questions.',
            "Ann Lee",
            id="business-did-not-reply",
        ),
        pytest.param(
            "Ms. Roe spoke first. ''The plan is dead,'' she said. ''It was never alive.'' Her rival never replied.",
            "she",
            id="archive-marks-never-replied",
        ),
        pytest.param(
            'The striker limped off after an hour. "It is nothing serious. I will be fine for Saturday." '
            "Coach Tom Hale said nothing more.",
            None,
            id="said-nothing-more",
        ),
        pytest.param(
            'The fire spread quickly. "We got the kids out. Then the roof went." Neighbour Ann Lee said.',
            "Neighbour Ann Lee",
            id="must-not-an-affirmative-bare-tag-still-credits-the-quotation",
        ),
        pytest.param(
            'The side lost again on Saturday. "We go again next week." Manager Ann Lee, no stranger to setbacks, said.',
            "Manager Ann Lee",
            id="must-not-a-negation-in-an-aside-is-no-response",
        ),
    ],
)
def test_sentences_a_response_after_a_quotation_is_no_tag_for_it(text: str, speaker: str | None) -> None:
    """ "X declined to comment", "X did not respond", "X said nothing more" after a quotation
    report X's response: the quotation before them is not X's words (LABELS.md: a direct quote
    takes the label of its speaker; a response takes its subject's label, for itself only)."""
    from attrib.pipeline import audit_text

    sentences = audit_text(text).sentences
    quoted = sentences[-2]
    found = quoted.primary.source.text if quoted.primary and quoted.primary.source else None
    assert found == speaker, quoted.why
