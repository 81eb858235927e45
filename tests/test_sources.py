"""The source register: merging mentions, reasons and bases carried across mentions, and `via`.

Model tests run short articles of our own through the real pipeline; the
alias and descriptor helpers are tested directly.
"""

from __future__ import annotations

import re

import pytest

from attrib.engine.rules import lexicon_names, read_lexicon
from attrib.audit.register import longest_first, outlet_key, phrase_pattern


@pytest.mark.parametrize("name, key", [
    ("The New York Times", "new york times"), ("NYT", "new york times"), ("the Times", "new york times"),
    ("Reuters", "reuters"), ("The Associated Press", "associated press"), ("AP", "associated press"),
    ("Politico's", "politico"), ("CBS News", "cbs news"), ("Fox News'", "fox news"),
    ("the senator", None), ("officials", None),
])
def test_sources_outlet_aliases(name: str, key: str | None) -> None:
    assert outlet_key(name) == key


PHRASES = ["on condition", "on condition of anonymity", "on background", "because", "be", "a-b", "a"]


@pytest.mark.parametrize("text", [
    "spoke on condition of anonymity", "spoke on condition of anonymityx", "On  Condition of", "on background",
    "because be bee", "a-b a-bc a- a", "ON CONDITION OF ANONYMITY.", "",
])
def test_sourceslongest_first_matches_the_sorted_alternation(text: str) -> None:
    plain = re.compile("(?:" + "|".join(re.escape(p) for p in sorted(PHRASES, key=len, reverse=True)) + r")(?!\w)",
                       re.IGNORECASE)
    trie = re.compile(longest_first([re.escape(ch) for ch in p] for p in PHRASES) + r"(?!\w)", re.IGNORECASE)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("lexicon", lexicon_names())
def test_sources_phrase_pattern_finds_every_entry_whole(lexicon: str) -> None:
    pattern = phrase_pattern(lexicon)
    for entry in read_lexicon(lexicon):
        assert pattern.fullmatch(entry) or "|" in entry, entry  # outlet_aliases lines hold "|"


def _register(text: str) -> list:
    from attrib.pipeline import audit_text

    return list(audit_text(text).sources)


@pytest.mark.model
def test_sources_reason_stated_once_covers_every_mention() -> None:
    sources = _register(
        "A U.S. official told NPR the decision was final.\n\n"
        "The U.S. official, who wasn't authorized to speak publicly, said more talks were planned.\n\n"
        "Another official said the date was not set.")
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
    sources = _register("A U.S. official told NPR the decision was final.\n\n"
                        "NPR's Tom Bowman contributed reporting.")
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
        "NYT said the vote is in June. Hale said parents would be heard.")
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
    official, critics = _register("A senior official said the talks would resume on Monday.\n\n"
                                  "Critics say the plan will fail.")
    assert official.anonymity == "person" and critics.anonymity == "collective"
    assert [q.split("?")[0].split(",")[0] for q in official.questions] == [
        "Why was anonymity granted", "How does the source know", "What is the source's stake in the story"]
    assert critics.questions and "how many" in critics.questions[0]
    [briefed] = _register("A senior official, who was not authorized to speak publicly and was briefed on the talks, "
                          "said they would resume on Monday.")
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
