"""The HTML report: structure, marks, header, register, findings, index, safety, atomic writes.

Audits are built by hand from records (tests/report_samples.py), so these tests
need neither spaCy nor a model. What only a browser can show (filters acting,
panels opening, print and dark media, accessibility) is in test_report.py.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jinja2 import StrictUndefined
from report_samples import INJECTION, S1, S2, TEMPLATE_PROBE, injection_audit, make_audit, make_score

from attrib.outputs import html as render
from attrib.outputs.html import (
    FlagTag,
    Segment,
    place_tags,
    render_html,
    render_index,
    split_segments,
    write_html,
    write_index,
)
from attrib.records import SCHEMA_VERSION, ArticleAudit, Span

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BADGE_TEXT = {"named": "NAMED", "anonymous": "ANON", "publication": "PUB", "unattributed": "UNATTR"}


class Node:
    """A parsed element: enough of a DOM to check structure and text."""

    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Node | str] = []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def words(self) -> str:
        return " ".join(self.text().split())

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)]

    def by_id(self, ident: str) -> Node:
        found = [n for n in self.iter() if n.attrs.get("id") == ident]
        assert len(found) == 1, f"expected one element with id={ident!r}, found {len(found)}"
        return found[0]

    def ancestor(self, tag: str) -> Node | None:
        node = self.parent
        while node is not None and node.tag != tag:
            node = node.parent
        return node


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None and node.parent is not None, f"stray </{tag}>"
        self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


@pytest.fixture(scope="module")
def audit() -> ArticleAudit:
    return make_audit()


@pytest.fixture(scope="module")
def html(audit: ArticleAudit) -> str:
    return render_html(audit)


@pytest.fixture(scope="module")
def doc(html: str) -> Node:
    return parse(html)


def sentence_text(node: Node) -> str:
    """The sentence's own words: its text span without the finding-code tags."""
    text = node.find_all(cls="text")[0]

    def walk(n: Node | str) -> str:
        if isinstance(n, str):
            return n
        if "flag-code" in n.classes:
            return ""
        return "".join(walk(c) for c in n.children)

    return walk(text)


def joined_marks(node: Node, cls: str) -> list[str]:
    """Each run of adjacent marks with ``cls``, joined: a mark split by an overlap is one run."""
    runs: list[str] = []
    previous = False
    for child in node.find_all(cls="text")[0].children:
        if isinstance(child, Node) and "flag-code" in child.classes:
            continue  # a code tag sits between pieces of one flagged run
        marked = isinstance(child, Node) and cls in child.classes
        if marked:
            if previous:
                runs[-1] += child.text()  # type: ignore[union-attr]
            else:
                runs.append(child.text())  # type: ignore[union-attr]
        previous = marked
    return runs


# --- the article ---------------------------------------------------------------------------


def test_render_every_sentence_has_id_badge_and_class(audit: ArticleAudit, doc: Node) -> None:
    for s in audit.sentences:
        node = doc.by_id(f"s{s.index}")
        assert {"sent", s.label} <= node.classes
        badges = node.find_all(cls="badge")
        assert [b.text() for b in badges] == [BADGE_TEXT[s.label]]
        assert s.label in badges[0].classes
        # Only a sentence with something to say links to a why panel; the others say why on hover.
        if s.primary or s.others or any(f.sentence == s.index for f in audit.findings):
            assert badges[0].tag == "a" and badges[0].attrs["href"] == f"#why-s{s.index}"
        else:
            assert badges[0].tag == "span" and s.why in badges[0].attrs["title"]
        # The sentence text is shown whole, in the same element.
        assert sentence_text(node) == s.span.text


def test_render_sentences_keep_article_order(audit: ArticleAudit, html: str) -> None:
    positions = [html.index(f'id="s{s.index}"') for s in audit.sentences]
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    "index, sources, cues",
    [
        pytest.param(0, [], [], id="unattributed-no-marks"),
        pytest.param(1, ["The Pentagon"], ["said"], id="named-subject"),
        pytest.param(2, ["A U.S. official"], ["told"], id="recipient-not-marked"),
        pytest.param(3, ["The U.S. official"], ["said"], id="back-reference"),
        pytest.param(4, [], [], id="spans-outside-sentence-ignored"),
        pytest.param(5, [], ["As is known"], id="agentless-cue-only"),
        pytest.param(6, ["The New York Times"], ["reported"], id="runner-up-not-marked"),
    ],
)
def test_render_marks_wrap_cue_and_source(doc: Node, index: int, sources: list[str], cues: list[str]) -> None:
    node = doc.by_id(f"s{index}")
    assert joined_marks(node, "source") == sources
    assert joined_marks(node, "cue") == cues


def test_render_source_and_cue_differ_without_colour(doc: Node) -> None:
    node = doc.by_id("s1")
    (source,) = node.find_all("mark", "source")
    (cue,) = node.find_all("mark", "cue")
    # Bold for the source and italics for the cue tell them apart without colour.
    assert source.find_all("b") and not source.find_all("i")
    assert cue.find_all("i") and not cue.find_all("b")


def test_render_reason_span_is_marked_where_it_sits(doc: Node) -> None:
    assert joined_marks(doc.by_id("s3"), "reason") == ["who wasn't authorized to speak publicly"]
    assert not doc.by_id("s2").find_all(cls="reason")


@pytest.mark.parametrize(
    "index, flagged, codes",
    [
        pytest.param(2, ["A U.S. official"], ["AN102"], id="one-finding-on-source"),
        pytest.param(5, ["As is known"], ["WE302"], id="phrase-finding"),
        pytest.param(6, ["citing officials"], ["AN101", "SC201"], id="nested-findings-end-together"),
        pytest.param(8, [], [], id="no-finding"),
    ],
)
def test_render_findings_are_marked_with_their_code(
    doc: Node, index: int, flagged: list[str], codes: list[str]
) -> None:
    node = doc.by_id(f"s{index}")
    assert joined_marks(node, "flag") == flagged
    tags = node.find_all("sup", "flag-code")
    assert [t.text() for t in tags] == codes
    for tag in tags:
        (link,) = tag.find_all("a")
        assert link.attrs["href"].startswith("#f")
    assert ("flagged" in node.classes) == bool(codes)


def test_render_code_tag_follows_the_flagged_words(doc: Node) -> None:
    children = doc.by_id("s5").find_all(cls="text")[0].children
    kinds = [c.tag if isinstance(c, Node) else "#text" for c in children]
    assert kinds[:2] == ["mark", "sup"], kinds
    assert children[0].text() == "As is known"  # type: ignore[union-attr]


def test_render_suppressed_finding_is_marked_apart(doc: Node) -> None:
    node = doc.by_id("s7")
    assert joined_marks(node, "suppressed") == ["Experts"]
    codes = {t.text(): "suppressed" in t.classes for t in node.find_all("sup", "flag-code")}
    assert codes == {"AN103": False, "AN101": True}
    # A suppressed finding alone does not flag a sentence for j/k or the severity filters.
    assert {"has-warning", "has-suppressed", "flagged"} <= node.classes
    assert "has-error" not in node.classes


def test_render_sentence_classes_name_each_active_severity(doc: Node) -> None:
    assert {"has-error", "has-info"} <= doc.by_id("s6").classes
    assert "has-warning" not in doc.by_id("s6").classes
    assert not {"flagged", "has-error", "has-warning", "has-info"} & doc.by_id("s1").classes


@pytest.mark.parametrize(
    "marks, expected",
    [
        pytest.param([], [Segment("abcdef", ())], id="no-marks"),
        pytest.param([(None, "cue")], [Segment("abcdef", ())], id="none-span"),
        pytest.param(
            [(Span(12, 14, "cd"), "cue")],
            [Segment("ab", ()), Segment("cd", ("cue",)), Segment("ef", ())],
            id="inside",
        ),
        pytest.param(
            [(Span(10, 14, "abcd"), "source"), (Span(12, 16, "cdef"), "cue")],
            [Segment("ab", ("source",)), Segment("cd", ("source", "cue")), Segment("ef", ("cue",))],
            id="overlap",
        ),
        pytest.param(
            [(Span(12, 14, "cd"), "cue"), (Span(10, 16, "abcdef"), "source")],
            [Segment("ab", ("source",)), Segment("cd", ("source", "cue")), Segment("ef", ("source",))],
            id="nested",
        ),
        pytest.param(
            [(Span(10, 12, "ab"), "flag"), (Span(10, 12, "ab"), "source")],
            [Segment("ab", ("source", "flag")), Segment("cdef", ())],
            id="classes-in-fixed-order",
        ),
        pytest.param([(Span(0, 5, "xxxxx"), "cue")], [Segment("abcdef", ())], id="before-sentence"),
        pytest.param([(Span(16, 20, "yyyy"), "cue")], [Segment("abcdef", ())], id="after-sentence"),
        pytest.param(
            [(Span(8, 12, "xxab"), "source")],
            [Segment("ab", ("source",)), Segment("cdef", ())],
            id="clipped-at-start",
        ),
        pytest.param([(Span(10, 16, "abcdef"), "cue")], [Segment("abcdef", ("cue",))], id="whole"),
    ],
)
def test_render_split_segments(marks: list[tuple[Span | None, str]], expected: list[Segment]) -> None:
    segments = split_segments("abcdef", 10, marks)
    assert segments == expected
    assert "".join(s.text for s in segments) == "abcdef"


T1 = FlagTag("A1", "f1", "error", False)
T2 = FlagTag("B2", "f2", "info", True)


@pytest.mark.parametrize(
    "tags, expected",
    [
        pytest.param([], [Segment("ab", ("cue",)), Segment("cd", ())], id="none"),
        pytest.param([(2, T1)], [Segment("ab", ("cue",)), T1, Segment("cd", ())], id="at-segment-end"),
        pytest.param([(1, T1)], [Segment("a", ("cue",)), T1, Segment("b", ("cue",)), Segment("cd", ())], id="splits"),
        pytest.param([(4, T1), (4, T2)], [Segment("ab", ("cue",)), Segment("cd", ()), T1, T2], id="at-end-in-order"),
        pytest.param([(99, T2), (-5, T1)], [T1, Segment("ab", ("cue",)), Segment("cd", ()), T2], id="clipped"),
    ],
)
def test_render_place_tags(tags: list[tuple[int, FlagTag]], expected: list[Any]) -> None:
    pieces = place_tags([Segment("ab", ("cue",)), Segment("cd", ())], tags)
    assert pieces == expected
    assert "".join(p.text for p in pieces if isinstance(p, Segment)) == "abcd"


def test_render_gap_newlines_start_paragraphs(doc: Node) -> None:
    def paragraph(index: int) -> Node:
        para = doc.by_id(f"s{index}").ancestor("p")
        assert para is not None and "para" in para.classes
        return para

    groups = [[0], [1, 2], [3, 4], [5], [6, 7], [8]]
    paras = [paragraph(group[0]) for group in groups]
    assert len({id(p) for p in paras}) == len(groups), "each newline gap starts a new paragraph"
    for group, para in zip(groups, paras):
        assert all(paragraph(i) is para for i in group), "a space gap keeps sentences together"
    # The space between sentences in one paragraph is kept as text.
    assert paras[1].text() == f"NAMED {S1} ANON {S2}".replace("official told", "officialAN102 told")


def test_render_gap_text_outside_sentences_is_shown(audit: ArticleAudit) -> None:
    text = audit.text + "\nByline <b>here</b>"
    html = render_html(replace(audit, text=text))
    gaps = parse(html).find_all(cls="gap")
    assert [g.text() for g in gaps] == ["Byline <b>here</b>"]
    assert "Byline &lt;b&gt;here&lt;/b&gt;" in html


# --- why panels ----------------------------------------------------------------------------


def panel_fields(doc: Node, index: int) -> dict[str, str]:
    panel = doc.by_id(f"why-s{index}").find_all("dl")[0]
    return {dt.words(): dd.words() for dt, dd in zip(panel.find_all("dt"), panel.find_all("dd"))}


def test_render_why_panel_only_where_there_is_something_to_say(audit: ArticleAudit, doc: Node) -> None:
    ids = {n.attrs.get("id") for n in doc.iter()}
    quiet = [s.index for s in audit.sentences if f"why-s{s.index}" not in ids]
    assert quiet == [0, 8], "the headline and the bare narration have no evidence and no finding"
    for s in audit.sentences:
        if s.index in quiet:
            continue
        panel = doc.by_id(f"why-s{s.index}")
        assert panel.tag == "details" and "open" not in panel.attrs
        summary = panel.find_all("summary")[0]
        assert BADGE_TEXT[s.label] in summary.text() and s.why in summary.text()
        # Interactive content inside <summary> breaks keyboard and screen-reader use.
        assert not summary.find_all("a") and not summary.find_all("button")
        assert panel_fields(doc, s.index)["Label"] == s.label


def test_render_why_panel_shows_the_evidence(doc: Node) -> None:
    fields = panel_fields(doc, 2)
    assert fields["Rule"].startswith("speech-verb-subject")
    assert "The subject of a speech verb is the source." in fields["Rule"], "rule description from audit.rules"
    assert fields["Source rule"] == "source.anonymous"
    assert fields["Role"] == "main"
    assert fields["Cue"] == "told"
    assert fields["Source"] == "A U.S. official"
    assert fields["Recipient"].startswith("NPR")
    assert fields["Position"] == "line 3, column 66 (paragraph)"
    assert fields["Score credit"] == "0.30"
    assert "sentence s3" in doc.by_id("why-s4").text()
    assert "no attribution cue" in doc.by_id("s8").find_all(cls="badge")[0].attrs["title"]


def test_render_why_panel_shows_source_reason_basis_and_findings(doc: Node) -> None:
    fields = panel_fields(doc, 3)
    assert fields["Register"] == "S2 a U.S. official (anonymous, specific)"
    assert fields["Reason"] == "who wasn't authorized to speak publicly (s3)"
    assert fields["Basis"] == "none stated"
    assert "Reason" not in panel_fields(doc, 1), "named sources need no reason"
    # The margin note beside the sentence names the source, each finding and the question to ask.
    note = doc.by_id("note-s7")
    assert note.find_all("p", "note-head")[0].words() == "s7 Experts anonymous, vague"
    items = [li.words() for li in note.find_all("ul", "note-findings")[0].find_all("li")]
    assert items == [
        "WARNING AN103 vague-descriptor: 'Experts'",
        "ERROR AN101 anonymous-no-reason: 'Experts' (suppressed, per-file: the experts are named in the sidebar)",
    ]
    asks = [li.words() for li in note.find_all("ul", "note-questions")[0].find_all("li")]
    assert asks == ["Who exactly says this, and how many? Can one of them be named and quoted?"], (
        "the register's questions"
    )
    assert doc.by_id("why-s7").ancestor("div").attrs["id"] == "note-s7"


def test_render_why_panel_lists_runner_up_evidence(doc: Node) -> None:
    (row,) = doc.by_id("why-s6").find_all("tbody")[0].find_all("tr")
    assert [td.text() for td in row.find_all("td")] == [
        "citing",
        "anonymous",
        "nested",
        "citing",
        "officials",
        "'officials' is cited by 'The New York Times'",
    ]
    assert "No runner-up evidence." in doc.by_id("why-s1").text()


def test_render_source_found_from_mentions_when_source_id_is_missing(audit: ArticleAudit) -> None:
    sentences = tuple(replace(s, source_id=None) for s in audit.sentences)
    doc = parse(render_html(replace(audit, sentences=sentences)))
    assert panel_fields(doc, 3)["Register"].startswith("S2 a U.S. official")
    assert "Register" not in panel_fields(doc, 4), "no mention of S2 inside a quote continuation"


# --- header, toggles, register, findings ---------------------------------------------------


def test_render_verdict_comes_first(doc: Node) -> None:
    header = doc.find_all("header")[0]
    assert "Missiles reach Kyiv" in doc.find_all("h1")[0].text()
    assert doc.find_all("title")[0].text() == "attrib report: FAIL: Missiles reach Kyiv"
    verdict = doc.by_id("verdict")
    assert verdict.ancestor("header") is header and "fail" in verdict.classes
    assert verdict.find_all("h2")[0].words() == "FAIL Grade 3 of 5: adequate score 45 of 100"
    assert "6 of 8 claims that need a source have one (1 named); 2 anonymous sources give no reason" in verdict.words()
    assert (
        "Fails the policy in force (fail on any unsuppressed error finding): 1 finding at or above fail-level error."
    ) in verdict.words()
    fixes = [li.words() for li in verdict.find_all("ol", "fixes")[0].find_all("li")]
    assert fixes == [
        "ERROR s6 anonymous-no-reason: 'officials'",
        "WARNING s2 anonymous-no-basis: 'A U.S. official'",
        "WARNING s5 presupposed-knowledge: 'As is known'",
    ], "one per code, the most severe first, then in article order; at most three"
    # Tool, model and schema live in the footer, not above the article.
    for value in ("en_core_web_sm 3.8.0", "Schema", "100 * 0.64 * 0.70"):
        assert value not in header.words(), value
    footer = doc.find_all("footer")[0].words()
    for value in ("seeds/kyiv.txt", "attrib 0.1.0", "en_core_web_sm 3.8.0", "Schema", SCHEMA_VERSION):
        assert value in footer, value


def test_render_verdict_follows_the_policy(audit: ArticleAudit) -> None:
    from attrib.audit.verdict import FailPolicy

    assert "fail" in parse(render_html(audit)).by_id("verdict").classes, "the sample has an unsuppressed error"
    lenient = replace(audit, findings=tuple(f for f in audit.findings if f.severity != "error"))
    verdict = parse(render_html(lenient)).by_id("verdict")
    assert "pass" in verdict.classes and verdict.find_all("h2")[0].words().startswith("PASS")
    strict = parse(render_html(lenient, FailPolicy(fail_level="warning", fail_under=50))).by_id("verdict")
    assert strict.find_all("h2")[0].words().startswith("FAIL")
    assert "score 45 is below fail-under 50; 3 findings at or above fail-level warning" in strict.words()


def test_render_score_section_shows_formula_and_breakdown(doc: Node) -> None:
    section = doc.by_id("score")
    text = section.words()
    for value in ("100 * 0.64 * 0.70 = 45", "quality 0.64 × coverage 0.70", "1 heading sentence not scored"):
        assert value in text, value
    assert section.find_all(cls="score-value")[0].text().startswith("45")
    terms = section.find_all("table", "terms")[0]
    rows = [
        [c.words() for c in tr.find_all() if c.tag in ("th", "td")] for tr in terms.find_all("tbody")[0].find_all("tr")
    ]
    assert rows[0] == ["named", "1", "1.00", "1.00", "1.00"]
    assert rows[-1] == ["unattributed claim", "2", "1.50", "0.00", "0.00"]
    assert "over 8 scored sentences" in terms.find_all("caption")[0].words()


def test_render_counts_and_links_under_the_verdict(doc: Node) -> None:
    links = doc.by_id("verdict").find_all("p", "verdict-links")[0]
    assert links.words() == (
        "7 questions for the reporter · 5 findings (1 suppressed) · 5 sources · how the score is computed"
    )
    assert doc.by_id("score").find_all("p", "glance")[0].words() == (
        "9 sentences: 1 named, 4 anonymous, 1 publication, 3 unattributed."
    )


def toggles(doc: Node) -> dict[str, tuple[str, bool, str]]:
    """Filter id -> (count shown on the label, disabled, sentences it shows)."""
    out = {}
    for box in doc.by_id("filters").find_all("input"):
        if "filter" not in box.classes:
            continue
        label = next(n for n in doc.iter() if n.tag == "label" and n.attrs.get("for") == box.attrs["id"])
        out[box.attrs["id"]] = (label.find_all(cls="n")[0].text(), "disabled" in box.attrs, box.attrs["data-sentences"])
    return out


def test_render_counts_are_filter_toggles(audit: ArticleAudit, doc: Node) -> None:
    assert toggles(doc) == {
        "filter-named": ("1", False, "1"),
        "filter-anonymous": ("4", False, "4"),
        "filter-publication": ("1", False, "1"),
        "filter-unattributed": ("3", False, "3"),
        # Findings per severity; the suppressed AN101 counts nowhere.
        "filter-error": ("1", False, "1"),
        "filter-warning": ("3", False, "3"),
        "filter-info": ("1", False, "1"),
    }
    boxes = doc.by_id("filters").find_all("input")
    assert all(box.attrs["type"] == "checkbox" for box in boxes)
    assert [box.attrs["id"] for box in boxes if "filter" not in box.classes] == ["show-labels"]


def test_render_zero_count_toggle_is_disabled(audit: ArticleAudit) -> None:
    sentences = tuple(replace(s, label="anonymous") if s.label == "publication" else s for s in audit.sentences)
    findings = tuple(f for f in audit.findings if f.severity != "info")
    doc = parse(render_html(replace(audit, sentences=sentences, findings=findings)))
    state = toggles(doc)
    assert state["filter-publication"] == ("0", True, "0")
    assert state["filter-info"] == ("0", True, "0")
    assert state["filter-anonymous"] == ("5", False, "5")


def test_render_source_register_table(audit: ArticleAudit, doc: Node) -> None:
    table = doc.by_id("sources").find_all("table")[0]
    assert "sortable" in table.classes
    heads = [th.words() for th in table.find_all("thead")[0].find_all("th")]
    assert heads == ["Source", "Label", "Mentions", "Reason", "Basis", "Via"]
    rows = table.find_all("tbody")[0].find_all("tr")
    assert [r.attrs["id"] for r in rows] == [f"src-{s.id}" for s in audit.sources]
    cells = {r.attrs["id"]: r.find_all("td") for r in rows}
    s2 = cells["src-S2"]
    assert s2[0].words().startswith("S2 a U.S. official")
    assert s2[1].words() == "ANON specific"
    assert [a.attrs["href"] for a in s2[2].find_all("a")] == ["#s2", "#s3"]
    assert [li.words() for li in s2[2].find_all("li")] == ["s2 A U.S. official", "s3 The U.S. official"]
    assert s2[3].words() == "who wasn't authorized to speak publicly (s3)"
    assert s2[4].words() == "none stated"
    assert s2[5].words() == "direct"
    s4 = cells["src-S4"]
    assert s4[1].words() == "ANON vague (plural)"
    assert [a.attrs["href"] for a in s4[5].find_all("a")] == ["#src-S3"]
    assert s4[5].words() == "S3 The New York Times"
    assert cells["src-S1"][3].words() == "not needed"


def test_render_findings_list_links_to_sentences(doc: Node) -> None:
    section = doc.by_id("findings")
    active, suppressed = section.find_all("ol")
    items = active.find_all("li")
    assert [(li.find_all(cls="sev")[0].text(), li.find_all(cls="code")[0].text()) for li in items] == [
        ("ERROR", "AN101"),
        ("WARNING", "AN102"),
        ("WARNING", "WE302"),
        ("WARNING", "AN103"),
        ("INFO", "SC201"),
    ], "most severe first, then in article order"
    first = items[0]
    assert first.attrs["id"] == "list-f3"
    # Each entry links to its note in the margin, which sits beside the sentence.
    assert first.find_all("a", "where")[0].attrs["href"] == "#f3"
    assert doc.by_id("f3").ancestor("div").attrs["id"] == "note-s6"
    assert first.find_all("a", "where")[0].text() == "s6, line 6:52"
    assert "Ask: Who exactly says this, and how many?" in first.words()
    (hidden,) = suppressed.find_all("li")
    assert "Suppressed (per-file): the experts are named in the sidebar" in hidden.words()
    assert hidden.find_all("a", "where")[0].attrs["href"] == "#f6"
    assert "Suppressed findings (1)" in section.words()


def test_render_each_code_is_explained_once(html: str, doc: Node) -> None:
    glossary = doc.by_id("glossary")
    codes = [dt.find_all("code")[0].text() for dt in glossary.find_all("dt")]
    assert codes == ["AN101", "AN102", "AN103", "SC201", "WE302"]
    # The standard behind a code is told once, in the glossary, however often the code occurs.
    page = html.split('<script type="application/json"')[0]  # the embedded JSON keeps every finding whole
    assert page.count("The standard behind AN101.") == 1
    assert "The standard behind AN101." in glossary.words()
    # Every code in the margin links to its entry, and says what it means on hover.
    for link in doc.by_id("note-s6").find_all("a", "code"):
        assert link.attrs["href"] == f"#code-{link.text()}"
        assert link.attrs["title"].startswith(("anonymous-no-reason: ", "secondhand-chain: "))


def test_render_questions_for_the_reporter(doc: Node) -> None:
    section = doc.by_id("questions")
    groups = [
        (g.find_all("h3")[0].words(), [li.words() for li in g.find_all("li")])
        for g in section.find_all("div", "question-group")
    ]
    relay = "The New York Times is the only route to this source: did the newsroom confirm the report independently?"
    who = "Who exactly says this, and how many? Can one of them be named and quoted?"
    assert groups == [
        (
            "S2 anonymous source a U.S. official (s2, s3)",
            [
                "How does the source know? Was the source present, briefed, or shown documents?",
                "What is the source's stake in the story, and did anyone on the record confirm it?",
            ],
        ),
        ("S3 relay The New York Times (s6)", [relay]),
        ("S4 anonymous source officials (s6)", [who, relay]),
        ("S5 anonymous source Experts (s7)", [who]),
        ("Unsourced claims 'As is known' (s5)", ["Who says so? Name the source, or cut the claim."]),
    ]
    text = doc.by_id("questions-text")
    assert text.tag == "pre" and text.ancestor("section") is section
    assert text.text().splitlines()[:4] == [
        "Questions for the reporter: Missiles reach Kyiv",
        "",
        "Anonymous source 'a U.S. official' (s2, s3):",
        "- How does the source know? Was the source present, briefed, or shown documents?",
    ]


def test_render_furniture_is_dimmed_and_grouped(audit: ArticleAudit) -> None:
    from report_samples import sentence as make_sentence

    lines = ["KYIV, Ukraine (AP) \u2014", "Photo: Jane Roe/AP", "By Jane Roe", "", "Officials said it worked."]
    text = "\n".join(lines)
    sentences = (
        make_sentence(text, 0, lines[0], "unattributed", block="credit"),
        make_sentence(text, 1, lines[1], "unattributed", block="caption"),
        make_sentence(text, 2, lines[2], "unattributed", block="credit"),
        make_sentence(text, 3, lines[4], "unattributed"),
    )
    doc = parse(
        render_html(
            replace(
                audit,
                text=text,
                sentences=sentences,
                findings=(),
                sources=(),
                score=make_score(credits=(None, None, None, 0.0)),
            )
        )
    )
    (group,) = doc.find_all("div", "furniture-group")
    assert [n.attrs["id"] for n in group.find_all(cls="sent")] == ["s0", "s1", "s2"]
    assert all("furniture" in doc.by_id(f"s{i}").classes for i in range(3))
    assert "furniture" not in doc.by_id("s3").classes
    assert not [n for n in doc.by_id("s3").iter()] or doc.by_id("s3").ancestor("div").parent is not group


def test_render_finding_code_links_resolve(doc: Node) -> None:
    ids = {n.attrs.get("id") for n in doc.iter()}
    links = [a.attrs["href"] for a in doc.find_all("a") if a.attrs.get("href", "").startswith("#")]
    assert links and all(href[1:] in ids for href in links), [h for h in links if h[1:] not in ids]


def test_render_without_findings_or_sources(audit: ArticleAudit) -> None:
    doc = parse(render_html(replace(audit, findings=(), sources=())))
    assert "No findings." in doc.by_id("findings").text()
    assert "No sources" in doc.by_id("sources").text()
    assert not doc.find_all(cls="flagged")
    assert not [tag for s in doc.find_all(cls="sent") for tag in s.find_all(cls="flag-code")]


def test_render_legend_is_a_list_of_every_badge(doc: Node) -> None:
    legend = doc.find_all("ul", "legend-list")[0]
    badges = [b.text() for li in legend.find_all("li") for b in li.find_all(cls="badge")]
    assert badges == ["NAMED", "ANON", "PUB", "UNATTR"]
    assert "wavy vermilion underline" in legend.text()


def test_render_score_none_shows_na(audit: ArticleAudit) -> None:
    score = make_score(
        value=None,
        quality=None,
        coverage=None,
        terms=(),
        note="no claim-bearing sentences",
        grade=None,
        grade_word=None,
        summary="nothing to score",
    )
    doc = parse(render_html(replace(audit, score=score)))
    section = doc.by_id("score")
    assert section.find_all(cls="score-value")[0].words().startswith("n/a")
    assert "quality n/a × coverage n/a" in section.words()
    assert "no claim-bearing sentences" in section.text()
    assert doc.by_id("verdict").find_all("h2")[0].words() == "FAIL No grade no score"


def test_render_title_falls_back_to_file_name(audit: ArticleAudit) -> None:
    doc = parse(render_html(replace(audit, text="", sentences=(), sources=(), findings=(), path="drafts/story.txt")))
    assert doc.find_all("h1")[0].text() == "story.txt"
    # A caption is no title: without a heading the file name stands in.
    sentences = tuple(replace(s, block="caption" if s.index == 0 else s.block) for s in audit.sentences)
    doc = parse(render_html(replace(audit, sentences=sentences, path="drafts/story.txt")))
    assert doc.find_all("h1")[0].text() == "story.txt"


# --- one self-contained, deterministic file -------------------------------------------------


def test_render_embedded_json_round_trips(audit: ArticleAudit, doc: Node) -> None:
    script = doc.by_id("attrib-data")
    assert script.tag == "script" and script.attrs.get("type") == "application/json"
    data = json.loads(script.text())
    assert data == audit.to_dict()
    assert data["schema_version"] == audit.schema_version


def test_render_has_no_external_resources(html: str, doc: Node) -> None:
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    for node in doc.iter():
        assert "src" not in node.attrs, node.tag
        assert node.tag not in {"link", "img", "iframe", "object", "embed", "base"}
        href = node.attrs.get("href")
        assert href is None or href.startswith("#"), href
    scripts = doc.find_all("script")
    assert [s.attrs.get("type") for s in scripts] == ["application/json", None]
    js = scripts[1].text()
    assert "keydown" in js, "the report script is inlined"
    assert not re.search(r"fetch\(|XMLHttpRequest|import\(|https?:", js)
    css = "".join(s.text() for s in doc.find_all("style"))
    assert css.strip(), "the stylesheet is inlined"
    assert not re.search(r"url\(|@import|https?:", css, re.I)


def test_render_is_deterministic(audit: ArticleAudit, html: str) -> None:
    assert render_html(make_audit()) == html


@pytest.mark.parametrize("name, closing", [("report.css", "</style>"), ("report.js", "</script>")])
def test_render_refuses_assets_that_could_close_their_element(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, audit: ArticleAudit, name: str, closing: str
) -> None:
    for asset in render.template_dir().iterdir():
        (tmp_path / asset.name).write_bytes(asset.read_bytes())
    with (tmp_path / name).open("a", encoding="utf-8") as handle:
        handle.write(f"/* {closing} */\n")
    monkeypatch.setattr(render, "template_dir", lambda: tmp_path)
    with pytest.raises(ValueError, match=name):
        render_html(audit)


# --- safety --------------------------------------------------------------------------------


def test_render_injection_stays_inert() -> None:
    audit = injection_audit()
    html = render_html(audit)

    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert html.count("</script>") == html.count("<script") == 2
    assert "49" not in html.replace(json.dumps(audit.to_dict()), "")
    doc = parse(html)
    assert not doc.find_all("img")
    assert not any(k.startswith("on") for node in doc.iter() for k in node.attrs)
    assert [s.attrs.get("id") for s in doc.find_all("script")] == ["attrib-data", None]

    first, second = (s.span.text for s in audit.sentences)
    s0 = doc.by_id("s0")
    assert sentence_text(s0) == first
    assert [m.text() for m in s0.find_all("mark", "source")] == [INJECTION]
    assert TEMPLATE_PROBE in doc.by_id("s1").text()
    for place in ("why-s0", "findings", "sources"):
        text = doc.by_id(place).text()
        assert INJECTION in text and TEMPLATE_PROBE in text, place
    assert json.loads(doc.by_id("attrib-data").text()) == audit.to_dict()


def test_render_autoescape_is_on_for_every_template() -> None:
    env = render._environment(str(render.template_dir()))
    for name in ("report.html.j2", "_macros.html.j2", "index.html.j2"):
        assert env.autoescape(name) is True, name
    assert env.undefined is StrictUndefined, "a misspelt field fails the render instead of showing nothing"
    assert render._environment(str(render.template_dir())) is env, "the environment is cached"


def test_render_templates_never_mark_text_safe() -> None:
    for path in render.template_dir().glob("*.j2"):
        assert "|safe" not in path.read_text(encoding="utf-8").replace(" ", ""), path.name


# --- writing -------------------------------------------------------------------------------


def test_render_write_html_writes_the_page(audit: ArticleAudit, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    write_html(audit, str(target))
    assert target.read_text(encoding="utf-8") == render_html(audit)
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_render_write_html_leaves_nothing_when_render_fails(
    audit: ArticleAudit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(_audit: ArticleAudit, *_: object) -> str:
        raise RuntimeError("template exploded")

    monkeypatch.setattr(render, "render_html", boom)
    with pytest.raises(RuntimeError):
        write_html(audit, tmp_path / "report.html")
    assert list(tmp_path.iterdir()) == []


def test_render_write_html_keeps_old_report_when_write_fails(
    audit: ArticleAudit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.html"
    target.write_text("old report", encoding="utf-8")

    def boom(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(render.os, "replace", boom)
    with pytest.raises(OSError):
        write_html(audit, target)
    assert target.read_text(encoding="utf-8") == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


# --- the index of several reports -----------------------------------------------------------


def index_audits() -> list[ArticleAudit]:
    first = make_audit()
    second = make_audit(path="seeds/<b>relay</b>.txt", score=make_score(value=12), findings=())
    third = make_audit(path="drafts/empty.txt", score=make_score(value=None))
    return [first, second, third]


def test_render_index_lists_every_report(tmp_path: Path) -> None:
    audits = index_audits()
    reports = [tmp_path / "kyiv.html", tmp_path / "my report#1.html", tmp_path / "sub" / "empty.html"]
    write_index(audits, reports, tmp_path / "index.html")
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    doc = parse(html)
    table = doc.find_all("table", "sortable")[0]
    rows = table.find_all("tbody")[0].find_all("tr")
    # Failing articles first (lowest score first among them), then the passing ones.
    assert [r.find_all("a")[0].attrs["href"] for r in rows] == ["kyiv.html", "sub/empty.html", "my%20report%231.html"]
    assert [r.find_all("a")[0].text() for r in rows] == [audits[0].path, audits[2].path, audits[1].path]
    assert "&lt;b&gt;relay" in html and "<b>relay" not in html
    first = [td.words() for td in rows[0].find_all("td")]
    #    verdict article score grade named anon pub unattr sentences error warning info suppressed sources
    assert first[0] == "FAIL" and first[2:] == ["45", "3 adequate", "1", "4", "1", "3", "9", "1", "3", "1", "1", "5"]
    assert [r.find_all("td")[0].text() for r in rows] == ["FAIL", "FAIL", "PASS"]
    assert [r.find_all("td")[0].attrs["data-sort"] for r in rows] == ["0", "0", "1"]
    assert [r.find_all("td")[2].text() for r in rows] == ["45", "n/a", "12"]
    assert [r.find_all("td")[2].attrs["data-sort"] for r in rows] == ["45", "-1", "12"]
    assert "3 articles audited" in doc.find_all("h1")[0].text()
    assert "2 of 3 failed the policy. Mean transparency score: 28." in doc.find_all("header")[0].words()


def test_render_index_follows_each_files_policy() -> None:
    from attrib.audit.verdict import FailPolicy

    audits = index_audits()
    entries = [(a, f"r{i}.html") for i, a in enumerate(audits)]
    doc = parse(render_index(entries, "0.1.0", [FailPolicy(), FailPolicy(fail_under=20), FailPolicy()]))
    verdicts = {r.find_all("a")[0].text(): r.find_all("td")[0].text() for r in doc.find_all("tbody")[0].find_all("tr")}
    assert verdicts[audits[1].path] == "FAIL", "score 12 is below fail-under 20"
    assert [s.attrs.get("type") for s in doc.find_all("script")] == [None]
    assert not any("src" in n.attrs for n in doc.iter())


def test_render_index_is_deterministic() -> None:
    entries = [(a, f"r{i}.html") for i, a in enumerate(index_audits())]
    assert render_index(entries, "0.1.0") == render_index(entries, "0.1.0")


@pytest.mark.model
def test_render_cli_writes_index_beside_several_reports(tmp_path: Path) -> None:
    from attrib.cli import main

    inputs = []
    for name in ("index.txt", "b.txt"):  # an input named index gets index-2.html
        (tmp_path / name).write_text("Mayor Ana Ruiz said the bridge would reopen on Friday.\n", encoding="utf-8")
        inputs.append(str(tmp_path / name))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["audit", *inputs, "--html", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["b.html", "index-2.html", "index.html"]
    doc = parse((out / "index.html").read_text(encoding="utf-8"))
    links = doc.find_all("tbody")[0].find_all("a")
    assert [(a.attrs["href"], a.text()) for a in links] == [("index-2.html", inputs[0]), ("b.html", inputs[1])]

    single = tmp_path / "single"
    result = CliRunner().invoke(main, ["audit", inputs[1], "--html", f"{single}/"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in single.iterdir()] == ["b.html"], "one report needs no index"
