"""The source register: merging mentions, reasons and bases carried across mentions, and `via`.

Model tests run short articles of our own through the real pipeline; the
alias and descriptor helpers are tested directly.
"""

from __future__ import annotations

import re

import pytest

from attrib.audit.register import longest_first, outlet_key, phrase_pattern
from attrib.engine.rules import lexicon_names, load_rules

LEXICONS = load_rules().lexicons


@pytest.mark.parametrize(
    "name, key",
    [
        ("The New York Times", "new york times"),
        ("NYT", "new york times"),
        ("the Times", "new york times"),
        ("Reuters", "reuters"),
        ("The Associated Press", "associated press"),
        ("AP", "associated press"),
        ("Politico's", "politico"),
        ("CBS News", "cbs news"),
        ("Fox News'", "fox news"),
        ("the senator", None),
        ("officials", None),
    ],
)
def test_sources_outlet_aliases(name: str, key: str | None) -> None:
    assert outlet_key(name, LEXICONS) == key


PHRASES = ["on condition", "on condition of anonymity", "on background", "because", "be", "a-b", "a"]


@pytest.mark.parametrize(
    "text",
    [
        "spoke on condition of anonymity",
        "spoke on condition of anonymityx",
        "On  Condition of",
        "on background",
        "because be bee",
        "a-b a-bc a- a",
        "ON CONDITION OF ANONYMITY.",
        "",
    ],
)
def test_sourceslongest_first_matches_the_sorted_alternation(text: str) -> None:
    plain = re.compile(
        "(?:" + "|".join(re.escape(p) for p in sorted(PHRASES, key=len, reverse=True)) + r")(?!\w)", re.IGNORECASE
    )
    trie = re.compile(longest_first([re.escape(ch) for ch in p] for p in PHRASES) + r"(?!\w)", re.IGNORECASE)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("lexicon", lexicon_names())
def test_sources_phrase_pattern_finds_every_entry_whole(lexicon: str) -> None:
    pattern = phrase_pattern(LEXICONS[lexicon])
    for entry in LEXICONS[lexicon]:
        assert pattern.fullmatch(entry) or "|" in entry, entry  # outlet_aliases lines hold "|"


def _register(text: str) -> list:
    from attrib.pipeline import audit_text

    return list(audit_text(text).sources)


@pytest.mark.model
def test_sources_reason_stated_once_covers_every_mention() -> None:
    sources = _register(
        "A U.S. official told NPR the decision was final.\n\n"
        "The U.S. official, who wasn't authorized to speak publicly, said more talks were planned.\n\n"
        "Another official said the date was not set."
    )
    first, second = [s for s in sources if s.label == "anonymous"]
    assert [m.span.text for m in first.mentions] == ["A U.S. official", "The U.S. official"]
    assert first.reason is not None and "authorized to speak publicly" in first.reason.text
    assert second.text == "Another official" and second.reason is None


@pytest.mark.model
def test_sources_basis_and_outlet_recipient() -> None:
    [person, reuters] = _register("A person familiar with the deal told Reuters the talks had stalled.")
    assert person.label == "anonymous" and person.basis is not None and "familiar with" in person.basis.text
    assert reuters.label == "publication" and person.via == reuters.id


@pytest.mark.model
def test_sources_own_outlet_is_not_a_relay() -> None:
    sources = _register("A U.S. official told NPR the decision was final.\n\nNPR's Tom Bowman contributed reporting.")
    assert [s.label for s in sources] == ["anonymous"] and sources[0].via is None


@pytest.mark.model
def test_sources_nested_under_outlet() -> None:
    sources = _register("The Wall Street Journal, citing unnamed officials, reported that the deal had collapsed.")
    journal = next(s for s in sources if s.label == "publication")
    officials = next(s for s in sources if s.label == "anonymous")
    assert officials.via == journal.id


@pytest.mark.model
def test_sources_outlet_aliases_and_people_merge() -> None:
    sources = _register(
        "The city will close three schools, The New York Times reported.\n\n"
        "Mayor Donald Hale said the plan was final.\n\n"
        "NYT said the vote is in June. Hale said parents would be heard."
    )
    by_label = {s.label: s for s in sources}
    assert [m.span.text for m in by_label["publication"].mentions] == ["The New York Times", "NYT"]
    assert [m.span.text for m in by_label["named"].mentions] == ["Mayor Donald Hale", "Hale"]


@pytest.mark.model
def test_sources_sentence_points_at_its_source() -> None:
    from attrib.pipeline import audit_text

    audit = audit_text("Officials said the bridge is closed. They added that repairs take a month.")
    [officials] = audit.sources
    assert [s.source_id for s in audit.sentences] == [officials.id, officials.id]
    assert officials.plural and officials.specificity == "vague"


@pytest.mark.model
def test_sources_editor_questions_ask_what_the_article_leaves_out() -> None:
    official, critics = _register(
        "A senior official said the talks would resume on Monday.\n\nCritics say the plan will fail."
    )
    assert official.anonymity == "person" and critics.anonymity == "collective"
    assert [q.split("?")[0].split(",")[0] for q in official.questions] == [
        "Why was anonymity granted",
        "How does the source know",
        "What is the source's stake in the story",
    ]
    assert critics.questions and "how many" in critics.questions[0]
    [briefed] = _register(
        "A senior official, who was not authorized to speak publicly and was briefed on the talks, "
        "said they would resume on Monday."
    )
    assert [q.split("?")[0].split(",")[0] for q in briefed.questions] == ["What is the source's stake in the story"]


@pytest.mark.model
def test_sources_questions_in_json_and_verbose_text(tmp_path) -> None:
    import json

    from test_cli import run

    story = tmp_path / "story.txt"
    story.write_text("A senior official said the talks would resume on Monday.\n", encoding="utf-8")
    verbose = run("audit", "-v", "--no-html", story)
    assert f"{story}:1:1: ASK S1 'A senior official': Why was anonymity granted?" in verbose.stdout
    assert "ASK" not in run("audit", "--no-html", story).stdout
    data = json.loads(run("audit", "-f", "json", "--no-html", story).stdout)
    assert data["files"][0]["sources"][0]["questions"][0].startswith("Why was anonymity granted?")


def _anonymous(text: str) -> list:
    return [s for s in _register(text) if s.label == "anonymous"]


@pytest.mark.model
@pytest.mark.parametrize(
    "text, reason",
    [
        # wire: a later sentence about the same sources
        (
            "WASHINGTON (AP) — The Senate will delay its vote until next week, two congressional aides said Tuesday. "
            "They spoke on condition of anonymity to discuss private deliberations.",
            "condition of anonymity",
        ),
        # business: "the people" joins "people familiar with the matter"
        (
            "Acme Corp. is exploring a sale of its cloud unit, according to people familiar with the matter. "
            "The people asked not to be identified because the talks are private.",
            "asked not to be identified",
        ),
        # a relative clause on the mention
        (
            "The sources, who declined to be identified, said the board would meet on Friday.",
            "declined to be identified",
        ),
        # local crime: a request without a why still counts
        ("A neighbour who wished to remain anonymous said she heard shouting at about 2am.", "remain anonymous"),
        (
            "Speaking on condition of anonymity, a senior diplomat said the ceasefire would hold.",
            "condition of anonymity",
        ),
        # UK press
        (
            "A Whitehall official, who was not authorised to speak on the record, said the review would be shelved.",
            "authorised to speak",
        ),
    ],
)
def test_sources_reason_constructions(text: str, reason: str) -> None:
    [source] = _anonymous(text)
    assert source.reason is not None and reason in source.reason.text


@pytest.mark.model
def test_sources_a_reason_for_all_covers_every_source_just_mentioned() -> None:
    aides, official = _anonymous(
        "Two Senate aides said the deal was close. A White House official said a vote could come on Friday. "
        "All requested anonymity because they are not authorized to speak publicly."
    )
    assert aides.reason is not None and official.reason is not None


@pytest.mark.model
@pytest.mark.parametrize(
    "text, basis",
    [
        ("A source close to the couple said they had been living apart for months.", "a source close to the couple"),
        ("An official who attended the meeting said the plant would close.", "who attended the meeting"),
        ("The deal is off, according to two people briefed on the talks.", "briefed on the talks"),
        ("A witness said the car did not stop.", "A witness"),
        ("The flames reached the road within minutes, evacuees said.", "evacuees"),
        ("One injured man told the broadcaster that the roof had fallen in.", "injured"),
        ("A woman who lives next door said she heard two shots.", "who lives next door"),
    ],
)
def test_sources_basis_constructions(text: str, basis: str) -> None:
    [source] = _anonymous(text)
    assert source.basis is not None and basis.lower() in source.basis.text.lower()


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "A government source said the minister would resign.",  # an affiliation says who, not how
        "Palace sources said the couple had clashed with staff.",
        "A local magistrate said about 20 people were feared dead.",  # "local" is no local here
        "A senior official said the minister tried to escape blame.",  # content after the cue is not a basis
    ],
)
def test_sources_no_basis(text: str) -> None:
    [source] = _anonymous(text)
    assert source.basis is None


@pytest.mark.model
def test_sources_merges_what_an_editor_would_merge() -> None:
    first, second = _anonymous(
        "The actress and her husband have split, a source said. "
        '"They are still friends," the insider said. '
        "Another source said the split was amicable."
    )
    assert [m.span.text for m in first.mentions] == ["a source", "the insider"]
    assert second.text == "Another source"
    [people] = _anonymous(
        "Acme is weighing a sale, according to people familiar with the matter. "
        "A deal could come next month, one of the people said."
    )
    assert len(people.mentions) == 2


@pytest.mark.model
def test_sources_a_pronoun_after_a_quote_is_the_speaker_not_someone_quoted() -> None:
    [woman] = _anonymous(
        "A woman who lives next door said she heard a commotion.\n\n"
        "“I couldn’t get down the street. A young girl was on the phone screaming that someone had died.”\n\n"
        "“It’s a quiet area,” she added."
    )
    assert [m.span.text for m in woman.mentions][-1] == "she"


@pytest.mark.model
@pytest.mark.parametrize(
    "text, outlet",
    [
        (
            "The couple have split, a source close to the pair told People. Another People source said it was amicable.",
            "People",
        ),
        ("Two sources told the Journal that the merger talks had collapsed.", "the Journal"),
        (
            "Anonymous sources told VentureBeat that Google had bought the startup. "
            "VentureBeat's sources said the deal closed in May.",
            "VentureBeat",
        ),
    ],
)
def test_sources_chains_carry_via(text: str, outlet: str) -> None:
    sources = _register(text)
    by_id = {s.id: s for s in sources}
    anonymous = [s for s in sources if s.label == "anonymous"]
    assert anonymous and all(s.via and by_id[s.via].text == outlet for s in anonymous)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, anonymity",
    [
        ("Residents of the village say the new quarry will ruin their way of life.", "collective"),
        ("Campaigners say the council ignored its own rules.", "collective"),
        ("Environmental groups said the move would damage Britain's credibility.", "collective"),
        ("Two residents said the quarry lorries start at six in the morning.", "person"),
        ("A neighbour said the family had lived there for years.", "person"),
        ("Palace sources said the couple had clashed with staff.", "person"),
        ("A new study found that rents rose by 10 percent last year.", "document"),
    ],
)
def test_sources_what_an_anonymous_source_leaves_unnamed(text: str, anonymity: str) -> None:
    [source] = _anonymous(text)
    assert source.anonymity == anonymity


@pytest.mark.model
def test_sources_one_of_them_is_one_of_the_group() -> None:
    [group] = _anonymous(
        "Deutsche Kreditbank is in talks to buy a Polish lender, three people close to the "
        "negotiations told Reuters. One of them said the bank had hired advisers."
    )
    assert [m.span.text for m in group.mentions][-1] == "One of them"
    [witnesses] = _anonymous("Two men were stabbed outside a nightclub. Witnesses said a fight broke out at 2am.")
    assert witnesses.basis is not None and witnesses.anonymity == "collective"
